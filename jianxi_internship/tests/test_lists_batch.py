import re
from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .test_internship import START, InternshipCase

MODULE = "jianxi_internship"
# The officers' lists, and the filter that opens each on the work waiting for the bureau.
WORK_LISTS = {
    "jianxi_unit_action": "jianxi.unit",
    "jianxi_position_action": "jianxi.position",
    "jianxi_internship_action": "jianxi.internship",
    "jianxi_subsidy_claim_action": "jianxi.subsidy.claim",
}


@tagged("post_install", "-at_install")
class TestListsStartWhereTheWorkIs(InternshipCase):
    """Issue 16, point 2: the lists open on 待我处理 and 我的辖区, pivots group states in the
    workflow's order, the subsidy dashboards measure approved and paid money apart."""

    def _search_arch(self, action, user):
        Model = self.env[action.res_model].with_user(user)
        views = Model.get_views([(False, "list"), (action.search_view_id.id, "search")])
        return views["views"]["search"]["arch"]

    def test_officers_lists_open_on_waiting_for_me_in_my_counties(self):
        for xmlid, model in WORK_LISTS.items():
            action = self.env.ref(f"{MODULE}.{xmlid}")
            self.assertEqual(action.res_model, model)
            context = safe_eval(action.context)
            self.assertEqual(context.get("search_default_filter_waiting_for_me"), 1, xmlid)
            self.assertEqual(context.get("search_default_filter_my_counties"), 1, xmlid)
            officer_arch = self._search_arch(action, self.officer_shiqian)
            self.assertIn('name="filter_waiting_for_me"', officer_arch, xmlid)
            self.assertIn('name="filter_my_counties"', officer_arch, xmlid)
            # A manager has no county of their own: their list opens on the work waiting, province-wide.
            manager_arch = self._search_arch(action, self.manager)
            self.assertIn('name="filter_waiting_for_me"', manager_arch, xmlid)
            self.assertNotIn('name="filter_my_counties"', manager_arch, xmlid)

    def test_waiting_for_me_is_the_counties_reviews_for_an_officer_and_all_for_a_manager(self):
        ours = self.make("confirmed", applicant=self._new_applicant("甲"))
        theirs = self.make("confirmed", applicant=self._new_applicant("乙"), position=self.other_position)
        self.make("applied", applicant=self._new_applicant("丙"))
        # The filter's domain, less the activities (none here).
        waiting = [("state", "=", "confirmed"), ("can_review", "=", True)]
        scene = [("id", "in", (ours | theirs).ids)]
        Internship = self.env["jianxi.internship"]
        self.assertEqual(Internship.with_user(self.officer_shiqian).search(scene + waiting), ours)
        self.assertEqual(Internship.with_user(self.officer_sinan).search(scene + waiting), theirs)
        self.assertEqual(Internship.with_user(self.manager).search(scene + waiting), ours | theirs)
        self.assertFalse(Internship.with_user(self.officer_none).search(scene + waiting))
        self.assertEqual(Internship.with_user(self.manager).search([*scene, ("can_review", "=", False)]), Internship)

    def test_pivot_groups_states_in_the_workflows_order(self):
        states = ["ended", "applied", "rejected", "on_duty", "confirmed", "approved", "withdrawn"]
        for index, state in enumerate(states):
            self.make(state, applicant=self._new_applicant(f"申请人{index}"))
        workflow = [value for value, _label in self.env["jianxi.internship"]._fields["state"].selection]
        expected = [state for state in workflow if state in states]
        self.assertNotEqual(expected, sorted(expected), "the scene tells the workflow from the alphabet")
        Internship = self.env["jianxi.internship"].with_user(self.manager)
        # The pivot's request (eager), and the list's grouping (lazy).
        for lazy in (False, True):
            groups = Internship.read_group([("unit_id", "=", self.unit.id)], ["__count"], ["state"], lazy=lazy)
            self.assertEqual([group["state"] for group in groups], expected)
        descending = Internship.read_group(
            [("unit_id", "=", self.unit.id)], ["__count"], ["state"], orderby="state desc"
        )
        self.assertEqual([group["state"] for group in descending], expected[::-1])
        # Under a county row, as the dashboard's pivot shows them.
        rows = Internship._read_group([("unit_id", "=", self.unit.id)], ["region_id", "state"], ["__count"])
        self.assertEqual([state for _region, state, _count in rows], expected)

    def test_unit_pivot_follows_the_certification_workflow(self):
        self.unit.sudo().state = "suspended"
        self.other_unit.sudo().state = "submitted"
        groups = self.env["jianxi.unit"].with_user(self.manager).read_group([], ["__count"], ["state"], lazy=False)
        order = [group["state"] for group in groups]
        workflow = [value for value, _label in self.env["jianxi.unit"]._fields["state"].selection]
        self.assertEqual(order, [state for state in workflow if state in order])
        self.assertLess(order.index("submitted"), order.index("certified"))


@tagged("post_install", "-at_install")
class TestSubsidyMeasures(InternshipCase):
    """The subsidy dashboards' measures: approved money and paid money, apart."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._archive_settings_of(cls.shiqian)
        cls._make_policy("石阡县度量测试政策", cls.shiqian)
        cls.env["jianxi.minimum.wage"].create({"region_id": cls.shiqian.id, "date_from": "2020-01-01", "amount": 1500})

    def test_approved_and_paid_amounts_are_apart_and_summed_by_the_server(self):
        # A unit has one open claim at a time: each is handed on before the next is made.
        submitted = self._claim_with_one_intern(self.unit, self._new_applicant("甲"), date(2024, 3, 1))
        submitted._jianxi_force_state("submitted")
        approved = self._claim_with_one_intern(self.unit, self._new_applicant("乙"), date(2024, 3, 1))
        approved._jianxi_force_state("approved")
        paid = self._claim_with_one_intern(self.unit, self._new_applicant("丙"), date(2024, 3, 1))
        total = submitted.amount_total
        self.assertGreater(total, 0)
        self.assertEqual((approved | paid).mapped("amount_total"), [total, total])
        paid._jianxi_force_state("paid")._jianxi_write_workflow({"paid_amount": total - 100})
        claims = submitted | approved | paid
        self.assertEqual(claims.mapped("amount_approved"), [0.0, total, total])
        self.assertEqual(claims.mapped("amount_paid"), [0.0, 0.0, total - 100])
        [(approved_sum, paid_sum, asked_sum)] = (
            self.env["jianxi.subsidy.claim"]
            .with_user(self.officer_shiqian)
            ._read_group([("id", "in", claims.ids)], [], ["amount_approved:sum", "amount_paid:sum", "amount_total:sum"])
        )
        self.assertEqual((approved_sum, paid_sum, asked_sum), (2 * total, total - 100, 3 * total))
        # A returned claim is approved no more.
        approved._jianxi_force_state("returned")
        self.assertEqual(approved.amount_approved, 0.0)

    def test_waiting_for_me_holds_the_claims_to_review_and_to_pay(self):
        """待我处理 on claims: those submitted (to review) and those approved whose notice is over and
        that no payment batch took (to pay), in the officer's counties; not those still in notice."""
        claim_list = self.env.ref(f"{MODULE}.jianxi_subsidy_claim_action")
        arch = TestListsStartWhereTheWorkIs._search_arch(self, claim_list, self.officer_shiqian)
        [text] = re.findall(r'name="filter_waiting_for_me"[^>]*domain="([^"]*)"', arch)
        waiting = safe_eval(text.replace("&amp;", "&"), {"uid": self.officer_shiqian.id})
        submitted = self._claim_with_one_intern(self.unit, self._new_applicant("甲"), date(2024, 3, 1))
        submitted._jianxi_force_state("submitted")
        to_pay = self._claim_with_one_intern(self.unit, self._new_applicant("乙"), date(2024, 3, 1))
        to_pay._jianxi_force_state("approved")
        to_pay._jianxi_write_workflow({"notice_start_date": date(2024, 3, 2), "notice_end_date": date(2024, 3, 8)})
        in_notice = self._claim_with_one_intern(self.unit, self._new_applicant("丙"), date(2024, 3, 1))
        in_notice._jianxi_force_state("approved")
        today = date.today()
        in_notice._jianxi_write_workflow({"notice_start_date": today, "notice_end_date": date(today.year + 1, 1, 1)})
        paid = self._claim_with_one_intern(self.unit, self._new_applicant("丁"), date(2024, 3, 1))
        paid._jianxi_force_state("paid")
        scene = [("id", "in", (submitted | to_pay | in_notice | paid).ids)]
        Claim = self.env["jianxi.subsidy.claim"]
        # The public notice searched for several statuses at once: each status is an "and" of leaves.
        self.assertEqual(Claim.search([*scene, ("notice_status", "in", ("ended", "in_notice"))]), to_pay | in_notice)
        self.assertEqual(Claim.with_user(self.officer_shiqian).search(scene + waiting), submitted | to_pay)
        self.assertFalse(Claim.with_user(self.officer_sinan).search(scene + waiting), "another county's officer")
        # Once a manager puts it in a payment batch, the finance office pays it: not the officer's work.
        to_pay._jianxi_write_workflow({"payment_batch_id": self.env["jianxi.payment.batch"].sudo().create({}).id})
        self.assertEqual(Claim.with_user(self.officer_shiqian).search(scene + waiting), submitted)

    def test_subsidy_dashboard_measures_approved_and_paid(self):
        action = self.env.ref(f"{MODULE}.jianxi_dashboard_subsidy_action")
        context = safe_eval(action.context)
        self.assertEqual(context["pivot_measures"], ["amount_approved", "amount_paid"])
        self.assertEqual(context["graph_measure"], "amount_paid")
        pivot = self.env.ref(f"{MODULE}.jianxi_subsidy_claim_view_pivot").arch
        self.assertIn('name="amount_approved" type="measure"', pivot)
        self.assertIn('name="amount_paid" type="measure"', pivot)
        self.assertNotIn('name="amount_total" type="measure"', pivot)


@tagged("post_install", "-at_install")
class TestBatchWork(InternshipCase):
    """Issue 16, point 5: approve a selection of eligibility reviews in one go; print a selection."""

    quiet_mail = False  # asserts the chatter

    def _passing(self, name):
        applicant = self._verify(self._new_applicant(name))
        internship = self.make("confirmed", applicant=applicant, start_date=START, agreement_date=START)
        internship.with_user(self.officer_shiqian).action_refresh_eligibility()
        self.assertEqual(internship.eligibility_result, "pass")
        return internship

    def _failing(self, name):
        applicant = self._new_applicant(name, household_region_id=self.guizhou.id)
        internship = self.make("confirmed", applicant=applicant, start_date=START, agreement_date=START)
        self._verify(applicant)  # by the officer of the county applied in
        internship.with_user(self.officer_shiqian).action_refresh_eligibility()
        self.assertEqual(internship.eligibility_result, "fail")
        return internship

    def test_officer_approves_the_passing_ones_and_is_told_which_not_and_why(self):
        passing = self._passing("甲") | self._passing("乙")
        failing = self._failing("丙")
        unverified = self.make(
            "confirmed",
            applicant=self._new_applicant("丁"),
            position=self.position2,
            start_date=START,
            agreement_date=START,
        )
        self.env.cr.flush()
        selection = (passing | failing | unverified).with_user(self.officer_shiqian)
        result = selection.action_batch_approve()
        self.assertEqual(passing.mapped("state"), ["approved", "approved"])
        self.assertEqual(failing.state, "confirmed")
        self.assertEqual(unverified.state, "confirmed")
        self.assertFalse(failing.override_reason)
        params = result["params"]
        self.assertEqual(params["type"], "warning")
        self.assertTrue(params["sticky"])
        lines = params["message"].split("\n")
        self.assertEqual(lines[0], "2 approved, 2 not approved.")
        self.assertIn(failing.display_name, lines[1])
        self.assertIn("does not pass", lines[1])
        self.assertIn(unverified.display_name, lines[2])
        self.assertIn("is not verified", lines[2])
        # Each approval is logged as a single one: the state's change, by the officer.
        self.env.cr.flush()
        for internship in passing:
            internship.invalidate_recordset(["message_ids"])
            tracked = internship.message_ids.tracking_value_ids.filtered(lambda v: v.field_id.name == "state")
            approval = tracked.filtered(lambda v: v.new_value_char == "Eligibility Approved")
            self.assertEqual(len(approval), 1)
            self.assertEqual(approval.mail_message_id.author_id, self.officer_shiqian.partner_id)
            self.assertFalse(self.reviews(internship))

    def test_summary_is_in_the_officers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.officer_shiqian.lang = "zh_CN"
        passing = self._passing("甲")
        failing = self._failing("丙")
        # The web client calls with the user's language in the context.
        result = (passing | failing).with_user(self.officer_shiqian).with_context(lang="zh_CN").action_batch_approve()
        self.assertEqual(result["params"]["title"], "批量审核通过")
        self.assertTrue(result["params"]["message"].startswith("审核通过1条，未通过1条。"), result["params"]["message"])

    def test_all_passing_is_a_success(self):
        passing = self._passing("甲") | self._passing("乙")
        result = passing.with_user(self.manager).action_batch_approve()
        self.assertEqual(passing.mapped("state"), ["approved", "approved"])
        self.assertEqual(result["params"]["type"], "success")
        self.assertEqual(result["params"]["message"], "2 approved, 0 not approved.")

    def test_officer_of_another_county_approves_nothing(self):
        passing = self._passing("甲")
        result = passing.with_user(self.officer_sinan).action_batch_approve()
        self.assertEqual(passing.state, "confirmed")
        self.assertTrue(result["params"]["message"].startswith("0 approved, 1 not approved."))

    def test_portal_users_cannot_call_it(self):
        passing = self._passing("甲")
        for user in (self.unit_user, self.applicant_user):
            with self.assertRaises(AccessError):
                passing.with_user(user).action_batch_approve()
        self.assertEqual(passing.state, "confirmed")

    def test_the_list_offers_the_batch_approval_to_staff_only(self):
        action = self.env.ref(f"{MODULE}.jianxi_internship_action_batch_approve")
        Internship = self.env["jianxi.internship"]
        officer_bindings = (
            Internship.with_user(self.officer_shiqian).env["ir.actions.actions"].get_bindings("jianxi.internship")
        )
        self.assertIn(action.id, [item["id"] for item in officer_bindings["action"]])
        self.assertEqual(action.binding_view_types, "list")
        self.assertEqual(action.groups_id, self.env.ref(f"{MODULE}.jianxi_internship_group_officer"))
        for user in (self.unit_user, self.applicant_user):
            bindings = self.env["ir.actions.actions"].with_user(user).get_bindings("jianxi.internship")
            self.assertNotIn(action.id, [item["id"] for item in bindings.get("action", [])])

    def test_print_menu_offers_agreements_for_a_selection(self):
        first, second = self._passing("甲"), self._passing("乙")
        (first | second).with_user(self.officer_shiqian).action_batch_approve()
        agreement = self.env.ref(f"{MODULE}.action_report_internship_agreement")
        bindings = self.env["ir.actions.actions"].with_user(self.officer_shiqian).get_bindings("jianxi.internship")
        self.assertIn(agreement.id, [item["id"] for item in bindings["report"]])
        valid = agreement.with_user(self.officer_shiqian).get_valid_action_reports(
            "jianxi.internship", (first | second).ids
        )
        self.assertEqual(valid, agreement.ids)
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.officer_shiqian)
            ._render_qweb_html(f"{MODULE}.action_report_internship_agreement", (first | second).ids)
        )
        html = html.decode()
        # One agreement per intern, in one print.
        documents = re.split(r'<div class="jx-doc\b', html)[1:]
        self.assertEqual(len(documents), 2)
        self.assertIn("甲", documents[0])
        self.assertIn("乙", documents[1])

    def test_a_mixed_selection_is_refused_naming_each_record_not_printable(self):
        first, second = self._passing("甲"), self._passing("乙")
        first.with_user(self.officer_shiqian).action_batch_approve()
        third = self._passing("丙")
        with self.assertRaises(UserError) as caught:
            self.env["ir.actions.report"].with_user(self.officer_shiqian)._render_qweb_html(
                f"{MODULE}.action_report_internship_agreement", (first | second | third).ids
            )
        lines = str(caught.exception).split("\n")
        self.assertTrue(lines[0].startswith("2 of the 3 records selected cannot be printed"), lines[0])
        self.assertEqual(len(lines), 3)
        self.assertIn(second.display_name, lines[1])
        self.assertIn(third.display_name, lines[2])
        self.assertNotIn(first.display_name, "\n".join(lines[1:]))
