from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import JianxiWorkflowCase

START = date(2030, 3, 1)  # planned start of the test positions, under the test's own minimum wages
DEADLINE = date(2029, 12, 31)


@tagged("post_install", "-at_install")
class JianxiPositionCase(JianxiWorkflowCase):
    """Minimum wages of our own for 石阡县 and 思南县 from 2030 (2000 a month), so that the tests do
    not depend on the demo table; the policy in force is Tongren's (3 to 12 months)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Wage = cls.env["jianxi.minimum.wage"]
        cls.wage_shiqian = Wage.create({"region_id": cls.shiqian.id, "date_from": date(2030, 1, 1), "amount": 2000})
        cls.wage_sinan = Wage.create({"region_id": cls.sinan.id, "date_from": date(2030, 1, 1), "amount": 2000})
        cls.review_type = cls.env.ref("jianxi_internship.mail_activity_type_review_position")
        cls.today = fields.Date.context_today(cls.env["jianxi.position"])

    def position(self, state="draft", unit=None, **vals):
        values = {"planned_start_date": START, "deadline": DEADLINE, "allowance": 2100}
        values.update(vals)
        return self._make_position(unit, state=state, **values)

    def review_activities(self, record):
        return record.activity_ids.filtered(lambda a: a.activity_type_id == self.review_type)

    def add_intern(self, position, state, birth):
        """An internship of a fresh applicant on ``position``, set to ``state`` (a fixture)."""
        user = self._portal_user(f"t_intern_{birth[0]}{birth[1]:02d}{birth[2]:02d}")
        applicant = self._make_applicant(user.partner_id, f"见习{birth[2]}", birth=birth)
        return (
            self.env["jianxi.internship"]
            .create({"applicant_id": applicant.id, "position_id": position.id})
            ._jianxi_force_state(state)
        )


@tagged("post_install", "-at_install")
class TestPositionSubmission(JianxiPositionCase):
    quiet_mail = False  # asserts review activities

    def test_unit_contact_submits_and_the_county_officers_get_a_review(self):
        position = self.position()
        position.with_user(self.unit_user).action_submit()
        self.assertEqual(position.state, "submitted")
        self.assertIn(self.officer_shiqian, self.review_activities(position).user_id)

    def test_county_officer_submits_on_the_units_behalf(self):
        position = self.position()
        position.with_user(self.officer_shiqian).action_submit()
        self.assertEqual(position.state, "submitted")

    def test_submission_refused_to_other_users(self):
        position = self.position()
        for user in (self.other_unit_user, self.applicant_user, self.officer_sinan, self.officer_none):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                position.with_user(user).action_submit()
        self.assertEqual(position.state, "draft")

    def test_submission_refused_in_wrong_state(self):
        for state in ("submitted", "published", "closed"):
            position = self.position(state)
            with self.subTest(state=state), self.assertRaises(UserError):
                position.with_user(self.unit_user).action_submit()

    def test_positions_of_a_non_certified_unit_cannot_be_submitted(self):
        position = self.position()
        for state in ("draft", "submitted", "rejected", "suspended"):
            self.unit._jianxi_force_state(state)
            with self.subTest(state=state), self.assertRaises(UserError) as cm:
                position.with_user(self.unit_user).action_submit()
            self.assertIn("is not certified", str(cm.exception))
        self.assertEqual(position.state, "draft")

    def test_deadline_already_passed_refused_at_submission(self):
        position = self.position(deadline=self.today - timedelta(days=1))  # a draft may keep an old date
        with self.assertRaises(UserError) as cm:
            position.with_user(self.unit_user).action_submit()
        self.assertIn("has already passed", str(cm.exception))
        position.deadline = self.today
        position.with_user(self.unit_user).action_submit()
        self.assertEqual(position.state, "submitted")

    def test_rejected_position_is_edited_and_resubmitted(self):
        position = self.position("submitted")
        position.with_user(self.officer_shiqian).action_reject("岗位内容过于简单")
        position.write({"content": "参与财务核算与报表编制，有专人指导。"})
        position.with_user(self.unit_user).action_submit()
        self.assertEqual(position.state, "submitted")
        self.assertFalse(position.reject_reason)


@tagged("post_install", "-at_install")
class TestPositionTerms(JianxiPositionCase):
    def test_headcount_must_be_at_least_one(self):
        with self.assertRaises(ValidationError) as cm:
            self.position(headcount=0)
        self.assertIn("headcount", str(cm.exception))

    def test_work_county_must_be_a_county(self):
        with self.assertRaises(ValidationError) as cm:
            self.position(region_id=self.tongren.id)
        self.assertIn("must be a county or district", str(cm.exception))

    def test_duration_outside_the_policy_bounds_is_refused_on_save(self):
        for months in (2, 13):
            with self.subTest(months=months), self.assertRaises(ValidationError) as cm:
                self.position(duration_months=months)
            self.assertIn("between 3 and 12 months", str(cm.exception))
        self.assertEqual(self.position(duration_months=12).duration_months, 12)

    def test_allowance_below_the_minimum_wage_is_refused_on_save(self):
        with self.assertRaises(ValidationError) as cm:
            self.position(allowance=1999)
        self.assertIn("below the minimum wage", str(cm.exception))
        self.assertEqual(self.position(allowance=2000).allowance, 2000)

    def test_draft_without_an_allowance_saves_but_cannot_be_submitted(self):
        position = self.position(allowance=0)
        with self.assertRaises(UserError) as cm:
            position.with_user(self.unit_user).action_submit()
        self.assertIn("below the minimum wage", str(cm.exception))

    def test_policy_changed_after_saving_is_applied_at_submission(self):
        position = self.position(duration_months=9)
        self.env.ref("jianxi_internship.policy_tongren_2022").copy(
            {
                "name": "石阡县 2030",
                "region_id": self.shiqian.id,
                "date_from": date(2030, 1, 1),
                "duration_max_months": 6,
            }
        )
        with self.assertRaises(UserError) as cm:
            position.with_user(self.unit_user).action_submit()
        self.assertIn("between 3 and 6 months", str(cm.exception))

    def test_minimum_wage_raised_before_publication_is_applied_at_publication(self):
        position = self.position("submitted")
        self.env["jianxi.minimum.wage"].create(
            {"region_id": self.shiqian.id, "date_from": date(2030, 2, 1), "amount": 2200}
        )
        with self.assertRaises(UserError) as cm:
            position.with_user(self.officer_shiqian).action_publish()
        self.assertIn("below the minimum wage", str(cm.exception))
        self.assertEqual(position.state, "submitted")

    def test_no_policy_in_force_gives_the_lookups_message_at_submission(self):
        position = self.position(planned_start_date=date(2021, 6, 1))  # before every policy
        with self.assertRaises(UserError) as cm:
            position.with_user(self.unit_user).action_submit()
        self.assertIn("No Internship Policy applies to", str(cm.exception))

    def test_no_minimum_wage_gives_the_lookups_message_at_submission(self):
        Region = self.env["jianxi.region"]
        province = Region.create({"name": "测试省", "code": "990000"})
        city = Region.create({"name": "测试市", "code": "990100", "parent_id": province.id})
        county = Region.create({"name": "测试县", "code": "990101", "parent_id": city.id})
        self.env.ref("jianxi_internship.policy_guizhou_2022").copy({"name": "测试省政策", "region_id": province.id})
        position = self.position(region_id=county.id)  # saved: no wage to compare with yet
        with self.assertRaises(UserError) as cm:
            position.with_user(self.unit_user).action_submit()
        self.assertIn("No Minimum Wage applies to", str(cm.exception))


@tagged("post_install", "-at_install")
class TestPositionReview(JianxiPositionCase):
    quiet_mail = False  # asserts activities and tracking

    def test_county_officer_publishes_and_closes_the_review(self):
        position = self.position()
        position.with_user(self.unit_user).action_submit()
        position.with_user(self.officer_shiqian).action_publish()
        self.assertEqual(position.state, "published")
        self.assertEqual(position.published_date, self.today)
        self.assertFalse(self.review_activities(position))

    def test_publication_is_for_the_work_countys_officers(self):
        position = self.position("submitted", region_id=self.sinan.id)  # a 石阡 unit hiring in 思南
        for user in (self.officer_shiqian, self.unit_user, self.officer_none, self.applicant_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                position.with_user(user).action_publish()
        position.with_user(self.officer_sinan).action_publish()
        self.assertEqual(position.state, "published")

    def test_publication_refused_unless_submitted(self):
        for state in ("draft", "rejected", "published"):
            position = self.position(state)
            with self.subTest(state=state), self.assertRaises(UserError):
                position.with_user(self.officer_shiqian).action_publish()

    def test_publication_refused_once_the_unit_is_suspended(self):
        position = self.position("submitted")
        self.unit.with_user(self.manager).action_suspend("检查中")
        with self.assertRaises(UserError) as cm:
            position.with_user(self.officer_shiqian).action_publish()
        self.assertIn("is not certified", str(cm.exception))

    def test_officer_rejects_with_a_reason(self):
        position = self.position()
        position.with_user(self.unit_user).action_submit()
        action = position.with_user(self.officer_shiqian).action_open_reject_wizard()
        wizard = self.env["jianxi.reason.wizard"].with_user(self.officer_shiqian).browse(action["res_id"])
        wizard.reason = "岗位无实际技术内容"
        wizard.action_confirm()
        self.assertEqual(position.state, "rejected")
        self.assertEqual(position.reject_reason, "岗位无实际技术内容")
        self.assertFalse(self.review_activities(position))

    def test_rejection_refused_to_the_unit_and_in_wrong_state(self):
        position = self.position("submitted")
        with self.assertRaises(AccessError):
            position.with_user(self.unit_user).action_reject("self-service")
        with self.assertRaises(UserError):
            self.position("draft").with_user(self.officer_shiqian).action_reject("not submitted")
        self.assertEqual(position.state, "submitted")

    def test_state_changes_are_tracked_in_the_chatter(self):
        position = self.position()
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking starts once the creation is committed
        position.with_user(self.unit_user).action_submit()
        self.env.flush_all()
        self.env.cr.precommit.run()
        values = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "jianxi.position"),
                ("mail_message_id.res_id", "=", position.id),
                ("field_id.name", "=", "state"),
            ]
        )
        self.assertEqual([(v.old_value_char, v.new_value_char) for v in values], [("Draft", "Submitted")])


@tagged("post_install", "-at_install")
class TestPositionClosing(JianxiPositionCase):
    def test_unit_contact_and_officer_close_a_published_position(self):
        for user in (self.unit_user, self.officer_shiqian):
            position = self.position("published")
            position.with_user(user).action_close()
            self.assertEqual(position.state, "closed")

    def test_closing_refused_to_other_units_and_applicants(self):
        position = self.position("published")  # readable by every portal user
        for user in (self.other_unit_user, self.applicant_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError) as cm:
                position.with_user(user).action_close()
            self.assertIn("or an officer of its county", str(cm.exception))
        self.assertEqual(position.state, "published")

    def test_closing_refused_unless_published(self):
        with self.assertRaises(UserError):
            self.position("submitted").with_user(self.unit_user).action_close()

    def test_position_closes_itself_when_the_headcount_is_filled(self):
        position = self.position("published", headcount=2)
        self.add_intern(position, "applied", (2001, 1, 1))
        self.add_intern(position, "withdrawn", (2001, 1, 2))
        self.add_intern(position, "confirmed", (2001, 1, 3))
        self.assertFalse(position._close_if_filled())
        self.assertEqual((position.filled_count, position.remaining_count), (1, 1))
        self.assertTrue(position.is_open_for_applications)
        self.add_intern(position, "on_duty", (2001, 1, 4))
        self.assertEqual(position._close_if_filled(), position)
        self.assertEqual(position.state, "closed")
        self.assertEqual((position.filled_count, position.remaining_count), (2, 0))
        self.assertFalse(position.is_open_for_applications)

    def test_every_state_past_the_units_confirmation_fills_a_seat(self):
        position = self.position("published", headcount=5)
        for day, state in enumerate(("confirmed", "approved", "on_duty", "end_requested", "ended"), start=1):
            self.add_intern(position, state, (2000, 2, day))
        for day, state in enumerate(("applied", "declined", "released", "rejected", "not_arrived"), start=10):
            self.add_intern(position, state, (2000, 2, day))
        self.assertEqual(position.filled_count, 5)
        position._close_if_filled()
        self.assertEqual(position.state, "closed")

    def test_close_if_filled_leaves_other_states_alone(self):
        position = self.position("submitted", headcount=1)
        self.add_intern(position, "confirmed", (2001, 5, 5))
        position._close_if_filled()
        self.assertEqual(position.state, "submitted")

    def test_cron_closes_published_positions_past_their_deadline(self):
        yesterday = self.today - timedelta(days=1)
        expired = self.position("published", deadline=yesterday)
        last_day = self.position("published", deadline=self.today)
        old_draft = self.position("draft", deadline=yesterday)
        closed = self.env["jianxi.position"]._cron_close_expired()
        self.assertIn(expired, closed)
        self.assertEqual(expired.state, "closed")
        self.assertEqual(last_day.state, "published")
        self.assertEqual(old_draft.state, "draft")

    def test_cron_is_scheduled_daily(self):
        cron = self.env.ref("jianxi_internship.ir_cron_jianxi_position_close_expired")
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))
        self.assertEqual(cron.code.strip(), "model._cron_close_expired()")

    def test_open_for_applications_and_its_search(self):
        open_position = self.position("published")
        expired = self.position("published", deadline=self.today - timedelta(days=1))
        submitted = self.position("submitted")
        other_unit = self.position("published", unit=self.other_unit)
        self.other_unit._jianxi_force_state("suspended")
        ours = open_position | expired | submitted | other_unit
        self.assertEqual(ours.filtered("is_open_for_applications"), open_position)
        Position = self.env["jianxi.position"]
        self.assertEqual(
            Position.search([("id", "in", ours.ids), ("is_open_for_applications", "=", True)]), open_position
        )
        self.assertEqual(
            Position.search([("id", "in", ours.ids), ("is_open_for_applications", "=", False)]),
            expired | submitted | other_unit,
        )


@tagged("post_install", "-at_install")
class TestPositionData(JianxiPositionCase):
    def test_only_an_officer_sets_the_special_major_exception(self):
        position = self.position()
        with self.assertRaises(AccessError):
            position.with_user(self.unit_user).sudo().write({"special_major_exception": True})
        with self.assertRaises(AccessError):
            position.with_user(self.officer_sinan).sudo().write({"special_major_exception": True})
        position.with_user(self.officer_shiqian).write({"special_major_exception": True})
        self.assertTrue(position.special_major_exception)
        position.with_user(self.manager).write({"special_major_exception": False})
        self.assertFalse(position.special_major_exception)

    def test_unit_cannot_create_a_position_with_the_exception(self):
        with self.assertRaises(AccessError):
            self.env["jianxi.position"].with_user(self.unit_user).sudo().create(
                {
                    "name": "岗位",
                    "unit_id": self.unit.id,
                    "region_id": self.shiqian.id,
                    "content": "内容",
                    "allowance": 2100,
                    "planned_start_date": START,
                    "deadline": DEADLINE,
                    "special_major_exception": True,
                }
            )

    def test_unit_may_save_other_fields_without_touching_the_exception(self):
        position = self.position(special_major_exception=True)
        position.with_user(self.unit_user).sudo().write({"special_major_exception": True, "majors": "会计学"})
        self.assertEqual(position.majors, "会计学")

    def test_only_drafts_are_deleted(self):
        position = self.position("published")
        with self.assertRaises(UserError) as cm:
            position.with_user(self.manager).unlink()
        self.assertIn("archive it instead", str(cm.exception))
        draft = self.position()
        draft.with_user(self.manager).unlink()
        self.assertFalse(draft.exists())

    def test_unit_type_and_industry_come_from_the_unit_for_reports(self):
        industry = self.env["res.partner.industry"].create({"name": "农业"})
        self.unit.write({"unit_type": "social_organisation", "industry_id": industry.id})
        position = self.position()
        self.assertEqual((position.unit_type, position.industry_id), ("social_organisation", industry))
        groups = self.env["jianxi.position"]._read_group(
            [("id", "=", position.id)], ["region_id", "unit_type"], ["headcount:sum"]
        )
        self.assertEqual(groups, [(self.shiqian, "social_organisation", 2)])


@tagged("post_install", "-at_install")
class TestPositionVisibility(JianxiPositionCase):
    quiet_mail = False  # searches by activity

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.positions = {
            state: cls._make_position(
                cls.unit, state=state, planned_start_date=START, deadline=DEADLINE, allowance=2100
            )
            for state in ("draft", "submitted", "published", "rejected", "closed")
        }
        cls.other_draft = cls._make_position(
            cls.other_unit, state="draft", planned_start_date=START, deadline=DEADLINE, allowance=2100
        )
        cls.other_published = cls._make_position(
            cls.other_unit, state="published", planned_start_date=START, deadline=DEADLINE, allowance=2100
        )
        cls.ours = cls.other_draft | cls.other_published
        for position in cls.positions.values():
            cls.ours |= position

    def visible(self, user, domain=()):
        return self.env["jianxi.position"].with_user(user).search([("id", "in", self.ours.ids), *domain])

    def test_unit_user_sees_all_own_positions_and_others_published_only(self):
        own = self.ours - self.other_draft - self.other_published
        self.assertEqual(self.visible(self.unit_user), own | self.other_published)
        self.assertEqual(
            self.visible(self.other_unit_user), self.other_draft | self.other_published | self.positions["published"]
        )
        with self.assertRaises(AccessError):
            self.other_draft.with_user(self.unit_user).read(["name"])

    def test_applicant_and_public_see_only_published_positions(self):
        published = self.positions["published"] | self.other_published
        self.assertEqual(self.visible(self.applicant_user), published)
        public = self.env.ref("base.public_user")
        self.assertEqual(self.visible(public), published)
        with self.assertRaises(AccessError):
            self.positions["draft"].with_user(public).read(["name"])

    def test_public_reads_remaining_seats_of_a_published_position(self):
        public = self.env.ref("base.public_user")
        position = self.positions["published"].with_user(public)
        self.assertEqual((position.remaining_count, position.is_open_for_applications), (2, True))

    def test_officers_see_their_counties(self):
        self.assertEqual(self.visible(self.officer_shiqian), self.ours - self.other_draft - self.other_published)
        self.assertEqual(self.visible(self.officer_sinan), self.other_draft | self.other_published)
        self.assertEqual(self.visible(self.officer_tongren), self.ours)
        self.assertFalse(self.visible(self.officer_none))

    def test_waiting_for_me_and_my_counties_filters(self):
        position = self.position()
        position.with_user(self.unit_user).action_submit()
        self.ours |= position
        mine = self.visible(self.officer_shiqian, [("activity_user_id", "=", self.officer_shiqian.id)])
        self.assertEqual(mine, position)
        self.assertEqual(self.visible(self.officer_tongren, [("is_my_county", "=", True)]), self.ours)
        self.assertFalse(self.visible(self.manager, [("is_my_county", "=", True)]))
        self.assertTrue(position.with_user(self.officer_shiqian).can_review)
        self.assertFalse(position.with_user(self.unit_user).can_review)
