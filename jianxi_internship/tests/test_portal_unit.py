import base64
import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from ..rules import identity
from .common import PDF, PORTAL_ONBOARDING_DEFAULTS, JianxiHttpCase, applied_on

TOKEN = "UnitPortalTk"  # in every title of this file's positions


def agreed_period(today=None):
    """A six-month period that ended in the last two months (within the claim window):
    (start, planned end)."""
    today = today or date.today()
    start = (today - relativedelta(months=7)).replace(day=1)
    return start, start + relativedelta(months=6) - timedelta(days=1)


class JianxiUnitPortalCase(JianxiHttpCase):
    """The unit's portal pages: a scene with a certified unit (``unit``, 石阡县) and its two portal
    contacts, the other unit of 思南县 and its contact, two applicants, and a minimum wage.
    Onboarding data (``onboarding(*agreed_period())``) has premiums of 100 and 150."""

    onboarding_defaults = PORTAL_ONBOARDING_DEFAULTS

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The pages are read in English, the source language, whatever the database's default (a
        # database installed with --load-language=zh_CN may have English inactive).
        cls.env["res.lang"]._activate_lang("en_US")
        (
            cls.unit_user
            | cls.unit_user2
            | cls.other_unit_user
            | cls.applicant_user
            | cls.other_applicant_user
            | cls.officer_shiqian
        ).write({"lang": "en_US"})
        cls.env["jianxi.minimum.wage"].create({"region_id": cls.shiqian.id, "date_from": "2020-01-01", "amount": 1800})
        cls.env["jianxi.minimum.wage"].create({"region_id": cls.sinan.id, "date_from": "2020-01-01", "amount": 1800})
        cls.position = cls._make_position(name=f"{TOKEN} 软件开发见习岗", headcount=5)
        cls.other_position = cls._make_position(cls.other_unit, name=f"{TOKEN} 思南电商岗位")
        cls.application = cls._make_internship(cls.applicant, cls.position)
        cls.other_application = cls._make_internship(cls.other_applicant, cls.other_position)

    # ------------------------------------------------------------------ scene
    @classmethod
    def _portal_user(cls, login, partner=None):
        user = super()._portal_user(login, partner)
        user.lang = "en_US"
        return user

    @classmethod
    def _new_applicant(cls, name, birth=(2002, 5, 6)):
        """A graduate who passes the eligibility checklist on the dates of :func:`agreed_period`:
        graduated and registered a few months before it starts (the re-check at 确认上岗)."""
        partner = cls.env["res.partner"].create({"name": name})
        start, _end = agreed_period()
        return cls._make_applicant(
            partner,
            name,
            birth=birth,
            diploma_date=start - relativedelta(months=3),
            diploma_registration_date=start - relativedelta(months=2),
        )

    @classmethod
    def _make_internship(cls, applicant, position, state="applied", **vals):
        internship = cls.env["jianxi.internship"].create(
            {"applicant_id": applicant.id, "position_id": position.id, **vals}
        )
        return applied_on(internship._jianxi_force_state(state))

    # ------------------------------------------------------------------ requests
    def _pdf(self, name="scan.pdf"):
        return (name, PDF, "application/pdf")


@tagged("post_install", "-at_install")
class TestUnitPortalHome(JianxiUnitPortalCase):
    """/my/home: the unit's cards and their counters, for the unit's contacts only."""

    def test_unit_contact_sees_the_unit_cards_with_counters(self):
        self._make_internship(self._new_applicant("王五"), self.position, state="approved")
        self.env["jianxi.subsidy.claim"].create({"unit_id": self.unit.id})
        self._login(self.unit_user)
        html = self._html(self._get("/my/home"))
        self.assertIn("o_jianxi_unit_home", html)
        self.assertIn(self.unit.name, html)
        cards = dict(
            re.findall(
                r'href="(/my/(?:unit|positions|applications|interns|claims))".*?'
                r'<div class="mt-0 mb-1[^"]*">\s*([^<]*)<',
                html,
                re.S,
            )
        )
        self.assertEqual(cards["/my/positions"].strip(), "1")
        self.assertEqual(cards["/my/applications"].strip(), "1", "the application waiting for an answer")
        self.assertEqual(cards["/my/interns"].strip(), "1")
        self.assertEqual(cards["/my/claims"].strip(), "1")
        self.assertIn("Certified", html)
        self.assertNotIn(self.other_unit.name, html)

    def test_people_who_are_not_unit_contacts_get_no_unit_cards(self):
        for user in (self.applicant_user, self.officer_shiqian):
            with self.subTest(user=user.login):
                self._login(user)
                html = self._html(self._get("/my/home"))
                self.assertNotIn("o_jianxi_unit_home", html)
                self.assertNotIn(self.unit.name, html)


@tagged("post_install", "-at_install")
class TestUnitPortalProfile(JianxiUnitPortalCase):
    """/my/unit and POST /my/unit/submit: the profile, its licence and the certification."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.draft_unit = cls._make_unit("石阡县某新建单位", cls.shiqian, "91520623MA6DL4321", state="draft")
        cls.draft_unit.credit_code = False
        cls.draft_user = cls._portal_user("t_draft_unit_user", cls.draft_unit.partner_id)
        cls.new_code = cls.make_credit_code("91520623MA6DL7777")

    def _form(self, **values):
        data = {
            "name": self.draft_unit.name,
            "credit_code": self.new_code,
            "unit_type": "enterprise",
            "industry_id": "",
            "region_id": str(self.shiqian.id),
            "address": "石阡县汤山镇",
            "legal_representative": "王法人",
            "contact_name": "赵联系",
            "contact_phone": "0856-7654321",
            "insured_staff_count": "12",
        }
        data.update(values)
        return data

    def test_draft_unit_edits_its_profile_with_the_licence(self):
        self._login(self.draft_user)
        html = self._html(self._get("/my/unit"))
        self.assertIn("o_jianxi_unit_form", html)
        self.assertIn('name="csrf_token"', html)
        self.assertIn('enctype="multipart/form-data"', html)
        response = self._post(
            "/my/unit", self._form(name="石阡县某新建单位（改）"), files={"business_licence": self._pdf("licence.pdf")}
        )
        self.assertRedirectedTo(response, "/my/unit", "saved")
        self.assertIn("Your changes are saved.", self._html(response))
        self.draft_unit.invalidate_recordset()
        self.assertEqual(self.draft_unit.name, "石阡县某新建单位（改）")
        self.assertEqual(self.draft_unit.credit_code, self.new_code)
        self.assertEqual(self.draft_unit.insured_staff_count, 12)
        self.assertEqual(base64.b64decode(self.draft_unit.business_licence), PDF)
        self.assertEqual(self.draft_unit.business_licence_filename, "licence.pdf")
        self.assertEqual(self.draft_unit.state, "draft")

    def test_counties_only_in_the_county_list(self):
        self._login(self.draft_user)
        select = re.search(r'name="region_id".*?</select>', self._html(self._get("/my/unit")), re.S).group(0)
        self.assertIn(f'value="{self.shiqian.id}"', select)
        self.assertNotIn(f'value="{self.tongren.id}"', select, "a city is not a county")

    def test_bad_input_shows_the_message_and_saves_nothing(self):
        self._login(self.draft_user)
        cases = {
            "credit code": (
                self._form(name="不应保存", credit_code="123"),
                None,
                "is not a valid unified social credit code",
            ),
            "city as county": (
                self._form(name="不应保存", region_id=str(self.tongren.id)),
                None,
                "Please choose the unit's county from the list.",
            ),
            "not a number": (
                self._form(name="不应保存", insured_staff_count="many"),
                None,
                "Insured Staff must be a whole number.",
            ),
            "empty name": (self._form(name=""), None, "Please enter the unit's name."),
            "taken credit code": (
                self._form(name="不应保存", credit_code=self.unit.credit_code),
                None,
                "Another unit is already registered with this unified social credit code.",
            ),
            "not a pdf": (
                self._form(name="不应保存"),
                {"business_licence": ("licence.pdf", b"MZ\x90\x00", "x")},
                "Business Licence must be a PDF, JPEG or PNG file.",
            ),
        }
        for case, (data, files, message) in cases.items():
            with self.subTest(case=case):
                html = self._html(self._post("/my/unit", data, files=files))
                self.assertIn("o_jianxi_unit_error", html)
                self.assertIn(message, html)
                self.assertIn('value="0856-7654321"', html, "the form keeps what was typed")
                self.draft_unit.invalidate_recordset()
                self.assertEqual(self.draft_unit.name, "石阡县某新建单位")
                self.assertFalse(self.draft_unit.business_licence)

    def test_posted_state_or_company_is_ignored(self):
        self._login(self.draft_user)
        self._post("/my/unit", self._form(state="certified", partner_id=str(self.other_unit.partner_id.id)))
        self.draft_unit.invalidate_recordset()
        self.assertEqual(self.draft_unit.state, "draft")
        self.assertNotEqual(self.draft_unit.partner_id, self.other_unit.partner_id)

    def test_submit_refused_while_incomplete_then_submitted_rejected_and_resubmitted(self):
        self._login(self.draft_user)
        html = self._html(self._post("/my/unit/submit"))
        self.assertIn("cannot be submitted yet. Please fill in:", html)
        self.assertIn("Business Licence", html)
        self.assertEqual(self.draft_unit.state, "draft")

        self._post("/my/unit", self._form(), files={"business_licence": self._pdf()})
        response = self._post("/my/unit/submit")
        self.assertRedirectedTo(response, "/my/unit", "unit_submitted")
        html = self._html(response)
        self.assertNotIn("o_jianxi_unit_form", html, "read-only while the bureau reviews it")
        self.draft_unit.invalidate_recordset()
        self.assertEqual(self.draft_unit.state, "submitted")
        html = self._html(self._post("/my/unit", self._form(name="审核中修改")))
        self.assertIn("this action needs it to be", html)

        self.draft_unit.with_user(self.officer_shiqian).action_reject("营业执照不清晰")
        html = self._html(self._get("/my/unit"))
        self.assertIn("o_jianxi_unit_reject_reason", html)
        self.assertIn("营业执照不清晰", html)
        self.assertIn("o_jianxi_unit_form", html, "editable again after the rejection")
        self._post("/my/unit", self._form(), files={"business_licence": self._pdf("clear.pdf")})
        self.assertRedirectedTo(self._post("/my/unit/submit"), "/my/unit", "unit_submitted")
        self.draft_unit.invalidate_recordset()
        self.assertEqual(self.draft_unit.state, "submitted")
        self.assertFalse(self.draft_unit.reject_reason)

    def test_certified_unit_sees_its_profile_read_only(self):
        self._login(self.unit_user)
        html = self._html(self._get("/my/unit"))
        self.assertIn("o_jianxi_unit_view", html)
        self.assertNotIn("o_jianxi_unit_form", html)
        self.assertIn(self.unit.credit_code, html)
        html = self._html(self._post("/my/unit", self._form(name="认证后修改")))
        self.assertIn("o_jianxi_unit_error", html)
        self.assertEqual(self.unit.name, "石阡县某科技有限公司")

    # ------------------------------------------------------------------ the model method itself
    def test_action_save_profile_checks_user_state_and_fields(self):
        Unit = self.draft_unit.with_user(self.draft_user)
        Unit.action_save_profile({"contact_name": "新联系人", "region_id": self.shiqian.id})
        self.assertEqual(self.draft_unit.contact_name, "新联系人")
        with self.assertRaises(UserError) as cm:
            Unit.action_save_profile({"state": "certified"})
        self.assertIn("cannot be changed from the portal: state", str(cm.exception))
        with self.assertRaises(UserError):
            Unit.action_save_profile({"partner_id": self.other_unit.partner_id.id})
        with self.assertRaises(AccessError):
            self.draft_unit.with_user(self.other_unit_user).action_save_profile({"contact_name": "x"})
        with self.assertRaises(AccessError):
            self.draft_unit.with_user(self.applicant_user).action_save_profile({"contact_name": "x"})
        with self.assertRaises(UserError) as cm:
            self.unit.with_user(self.unit_user).action_save_profile({"contact_name": "x"})
        self.assertIn("this action needs it to be", str(cm.exception))
        # An officer of the county may correct it on the unit's behalf.
        self.draft_unit.with_user(self.officer_shiqian).action_save_profile({"address": "石阡县中华路"})
        self.assertEqual(self.draft_unit.address, "石阡县中华路")


@tagged("post_install", "-at_install")
class TestUnitPortalPositions(JianxiUnitPortalCase):
    """/my/positions, /my/positions/new and /my/positions/<id> with submit and close."""

    def _form(self, **values):
        data = {
            "name": f"{TOKEN} 会计助理",
            "content": "协助完成日常账务处理。",
            "education_level_id": "",
            "majors": "会计学",
            "headcount": "2",
            "duration_months": "6",
            "allowance": "1900",
            "region_id": str(self.shiqian.id),
            "planned_start_date": "2099-01-01",
            "deadline": "2098-12-01",
        }
        data.update(values)
        return data

    def _mine(self, name):
        return self.env["jianxi.position"].search([("name", "=", name)])

    def test_malformed_values_get_a_message_not_a_500(self):
        # issue 11, point 2: a NUL in a text, inf/NaN/1e308 in an amount, 26 digits in a count or an id.
        self._login(self.unit_user)
        before = self.env["jianxi.position"].search_count([])
        cases = {
            "name": ("岗\x00位", "contains characters nobody types"),
            "content": ("内容\x00", "contains characters nobody types"),
            "allowance": ("inf", "must be a number"),
            "duration_months": ("9" * 26, "far too large"),
            "headcount": ("-" + "9" * 26, "far too large"),
            "region_id": ("9" * 26, "from the list"),
        }
        for name, (value, message) in cases.items():
            with self.subTest(field=name):
                response = self._post("/my/positions/new", self._form(**{name: value}))
                self.assertEqual(response.status_code, 200)
                self.assertIn(message, self._text(response))
        for value in ("NaN", "1e308", "-inf"):
            with self.subTest(allowance=value):
                self.assertIn(
                    "must be a number", self._text(self._post("/my/positions/new", self._form(allowance=value)))
                )
        self.assertEqual(self.env["jianxi.position"].search_count([]), before, "nothing stored")

    def test_list_shows_the_unit_positions_only_with_a_pager(self):
        for index in range(20):
            self._make_position(name=f"{TOKEN} 草稿{index:02d}", state="draft")
        self._login(self.unit_user)
        first = self._html(self._get("/my/positions"))
        second = self._html(self._get("/my/positions/page/2"))
        self.assertEqual(len(re.findall("o_jianxi_position_row", first)), 20)
        self.assertEqual(len(re.findall("o_jianxi_position_row", second)), 1)
        self.assertIn("/my/positions/page/2", first)
        self.assertNotIn(self.other_position.name, first + second)
        published = self._html(self._get("/my/positions?filterby=published"))
        self.assertIn(self.position.name, published)
        self.assertNotIn(f"{TOKEN} 草稿00", published)

    def test_create_edit_submit_and_close(self):
        self._login(self.unit_user)
        self.assertIn("o_jianxi_position_form", self._html(self._get("/my/positions/new")))
        response = self._post("/my/positions/new", self._form(unit_id=str(self.other_unit.id)))
        position = self._mine(f"{TOKEN} 会计助理")
        self.assertEqual(len(position), 1)
        self.assertRedirectedTo(response, f"/my/positions/{position.id}", "position_created")
        self.assertEqual(position.unit_id, self.unit, "the unit comes from the user, never from the form")
        self.assertEqual((position.state, position.allowance, position.majors), ("draft", 1900, "会计学"))

        response = self._post(f"/my/positions/{position.id}", self._form(headcount="3"))
        self.assertRedirectedTo(response, f"/my/positions/{position.id}", "saved")
        self.assertEqual(position.headcount, 3)
        response = self._post(f"/my/positions/{position.id}/submit")
        self.assertRedirectedTo(response, f"/my/positions/{position.id}", "position_submitted")
        position.invalidate_recordset()
        self.assertEqual(position.state, "submitted")
        html = self._html(self._post(f"/my/positions/{position.id}", self._form(headcount="4")))
        self.assertIn("this action needs it to be", html, "read-only while the bureau screens it")

        position.with_user(self.officer_shiqian).action_reject("岗位内容过于简单")
        html = self._html(self._get(f"/my/positions/{position.id}"))
        self.assertIn("o_jianxi_position_reject_reason", html)
        self.assertIn("岗位内容过于简单", html)
        self._post(f"/my/positions/{position.id}", self._form(content="参与账务处理、报表编制与税务申报。"))
        self._post(f"/my/positions/{position.id}/submit")
        position.with_user(self.officer_shiqian).action_publish()
        response = self._post(f"/my/positions/{position.id}/close")
        self.assertRedirectedTo(response, f"/my/positions/{position.id}", "position_closed")
        position.invalidate_recordset()
        self.assertEqual(position.state, "closed")

    def test_bad_input_shows_the_message_and_creates_nothing(self):
        self._login(self.unit_user)
        cases = {
            "allowance below the minimum wage": (self._form(allowance="1000"), "is below the minimum wage"),
            "duration": (self._form(duration_months="24"), "must be between 3 and 12 months"),
            "missing title": (self._form(name=""), "Please fill in: Title"),
            "bad date": (self._form(deadline="2098-13-45"), "Application Deadline is not a valid date"),
            "not a number": (self._form(headcount="two"), "Headcount must be a whole number."),
            "a city": (self._form(region_id=str(self.tongren.id)), "Please choose the work county from the list."),
        }
        for case, (data, message) in cases.items():
            with self.subTest(case=case):
                html = self._html(self._post("/my/positions/new", data))
                self.assertIn("o_jianxi_unit_error", html)
                self.assertIn(message, html)
                self.assertIn("协助完成日常账务处理。", html, "the form keeps what was typed")
        self.assertFalse(self._mine(f"{TOKEN} 会计助理"))

    def test_submit_refuses_a_position_whose_deadline_passed(self):
        position = self._make_position(name=f"{TOKEN} 过期草稿", state="draft", deadline="2020-01-01")
        self._login(self.unit_user)
        html = self._html(self._post(f"/my/positions/{position.id}/submit"))
        self.assertIn("has already passed", html)
        self.assertEqual(position.state, "draft")

    def test_only_a_certified_unit_enters_positions(self):
        draft_unit = self._make_unit("石阡县某未认证单位", self.shiqian, "91520623MA6DL2468", state="draft")
        user = self._portal_user("t_uncertified_unit_user", draft_unit.partner_id)
        self._login(user)
        html = self._html(self._post("/my/positions/new", self._form()))
        self.assertIn("is not certified", html)
        self.assertFalse(self._mine(f"{TOKEN} 会计助理"))
        with self.assertRaises(UserError):
            self.env["jianxi.position"].with_user(user).action_portal_create(draft_unit, {"name": "x"})

    def test_model_methods_check_user_state_and_fields(self):
        Position = self.env["jianxi.position"]
        values = {
            "name": "模型岗位",
            "content": "内容",
            "planned_start_date": "2099-01-01",
            "deadline": "2098-12-01",
            "allowance": 1900,
        }
        position = Position.with_user(self.unit_user).action_portal_create(self.unit, values)
        self.assertEqual((position.unit_id, position.region_id, position.state), (self.unit, self.shiqian, "draft"))
        with self.assertRaises(AccessError):
            Position.with_user(self.other_unit_user).action_portal_create(self.unit, values)
        with self.assertRaises(AccessError):
            position.with_user(self.other_unit_user).action_save({"headcount": 3})
        with self.assertRaises(UserError) as cm:
            position.with_user(self.unit_user).action_save({"special_major_exception": True})
        self.assertIn("special_major_exception", str(cm.exception))
        with self.assertRaises(UserError):
            position.with_user(self.unit_user).action_save({"unit_id": self.other_unit.id})
        with self.assertRaises(UserError):
            self.position.with_user(self.unit_user).action_save({"headcount": 3})  # published
        position.with_user(self.unit_user).action_save({"headcount": 3, "majors": " 会计学 "})
        self.assertEqual((position.headcount, position.majors), (3, "会计学"))


@tagged("post_install", "-at_install")
class TestUnitPortalApplications(JianxiUnitPortalCase):
    """/my/applications: the inbox in arrival order, masked ID numbers, confirm and decline."""

    def test_inbox_oldest_first_with_masked_id_numbers(self):
        later = self._make_internship(self._new_applicant("周八"), self.position)
        later.sudo().applied_at = self.application.applied_at + timedelta(hours=1)
        self._login(self.unit_user)
        html = self._html(self._get("/my/applications"))
        self.assertLess(html.index(self.applicant.name), html.index("周八"), "oldest first")
        masked = identity.mask_resident_id(self.applicant.id_number)
        self.assertEqual(masked, self.applicant.id_number[:6] + "*" * 8 + self.applicant.id_number[-4:])
        self.assertIn(masked, html)
        self.assertNotIn(self.applicant.id_number, html)
        for shown in ("贵州大学", "计算机科学与技术", self.applicant.education_level_id.name, self.position.name):
            self.assertIn(shown, html)
        self.assertNotIn(self.other_applicant.name, html)
        # The detail page of a person not confirmed yet does not exist for the unit.
        self.assertRefused(self._get(f"/my/interns/{self.application.id}"), self.applicant.id_number)

    def test_confirm_shows_the_full_id_number(self):
        self._login(self.unit_user)
        response = self._post(f"/my/applications/{self.application.id}/confirm")
        self.assertRedirectedTo(response, "/my/applications", "confirmed")
        html = self._html(response)
        self.assertIn("The applicant is confirmed.", html)
        self.assertIn(self.applicant.id_number, html, "the confirmed list shows the full number")
        self.application.invalidate_recordset()
        self.assertEqual(self.application.state, "confirmed")
        html = self._html(self._get(f"/my/interns/{self.application.id}"))
        self.assertIn(self.applicant.id_number, html)
        self.assertIn("The bureau now reviews their eligibility", html)
        # Confirming twice is refused with the model's message.
        html = self._html(self._post(f"/my/applications/{self.application.id}/confirm"))
        self.assertIn("this action needs it to be", html)

    def test_decline_needs_a_reason(self):
        self._login(self.unit_user)
        html = self._html(self._post(f"/my/applications/{self.application.id}/decline", {"reason": "  "}))
        self.assertIn("Please write the reason.", html)
        self.assertEqual(self.application.state, "applied")
        response = self._post(f"/my/applications/{self.application.id}/decline", {"reason": "专业不符"})
        self.assertRedirectedTo(response, "/my/applications", "declined")
        self.application.invalidate_recordset()
        self.assertEqual((self.application.state, self.application.decline_reason), ("declined", "专业不符"))
        html = self._html(self._get("/my/applications?filterby=closed"))
        self.assertIn("专业不符", html)
        self.assertNotIn(self.applicant.id_number, html, "a declined person stays masked")

    def test_a_unit_that_is_not_certified_cannot_confirm(self):
        self.unit._jianxi_force_state("suspended")
        self._login(self.unit_user)
        html = self._html(self._post(f"/my/applications/{self.application.id}/confirm"))
        self.assertIn("is not certified: it cannot take interns", html)
        self.assertEqual(self.application.state, "applied")


@tagged("post_install", "-at_install")
class TestUnitPortalInterns(JianxiUnitPortalCase):
    """/my/interns and /my/interns/<id>: onboarding with uploads, on duty, not arrived, ending."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.intern = cls._make_internship(cls._new_applicant("钱七"), cls.position, state="approved")

    def _papers(self):
        return {
            name: self._pdf(f"{name}.pdf")
            for name in ("agreement_file", "accident_policy_file", "medical_policy_file", "invoice_file")
        }

    def test_list_and_detail(self):
        self._login(self.unit_user)
        html = self._html(self._get("/my/interns"))
        self.assertIn("钱七", html)
        self.assertNotIn(self.applicant.name, html, "an application waiting for an answer is not an intern")
        html = self._html(self._get(f"/my/interns/{self.intern.id}"))
        self.assertIn("o_jianxi_onboarding_form", html)
        self.assertIn(self.intern.applicant_id.id_number, html)
        self.assertIn("o_jianxi_on_duty", html)

    def test_onboarding_with_uploads_then_on_duty(self):
        self._login(self.unit_user)
        html = self._html(self._post(f"/my/interns/{self.intern.id}/on_duty"))
        self.assertIn("cannot be confirmed on duty yet. Missing:", html)
        response = self._post(
            f"/my/interns/{self.intern.id}/onboarding",
            self.onboarding(*agreed_period(), form=True),
            files=self._papers(),
        )
        self.assertRedirectedTo(response, f"/my/interns/{self.intern.id}", "onboarding_saved")
        self.intern.invalidate_recordset()
        self.assertEqual(self.intern.accident_premium, 100)
        self.assertEqual(self.intern.invoice_filename, "invoice_file.pdf")
        self.assertEqual(base64.b64decode(self.intern.agreement_file), PDF)
        self.assertFalse(self.intern.insurance_warning)
        response = self._post(f"/my/interns/{self.intern.id}/on_duty")
        self.assertRedirectedTo(response, f"/my/interns/{self.intern.id}", "on_duty")
        self.intern.invalidate_recordset()
        self.assertEqual(self.intern.state, "on_duty")
        html = self._html(response)
        self.assertIn("o_jianxi_end_form", html)
        self.assertNotIn('name="start_date"', html, "the agreed period is fixed once on duty")
        # On duty, the insurances can still be corrected (without the period).
        response = self._post(
            f"/my/interns/{self.intern.id}/onboarding",
            self.onboarding(*agreed_period(), form=True, medical_policy_number="PM-2026-2"),
        )
        self.assertRedirectedTo(response, f"/my/interns/{self.intern.id}", "onboarding_saved")
        self.intern.invalidate_recordset()
        self.assertEqual(self.intern.medical_policy_number, "PM-2026-2")

    def test_onboarding_bad_input_saves_nothing(self):
        self._login(self.unit_user)
        files = dict(self._papers(), invoice_file=("invoice.exe", b"MZ\x90\x00", "application/octet-stream"))
        cases = {
            "not a pdf": (
                self.onboarding(*agreed_period(), form=True),
                files,
                "Insurance Invoice must be a PDF, JPEG or PNG file.",
            ),
            "bad date": (
                self.onboarding(*agreed_period(), form=True, start_date="2026-02-30"),
                None,
                "Start Date is not a valid date",
            ),
            "bad premium": (
                self.onboarding(*agreed_period(), form=True, accident_premium="a lot"),
                None,
                "Accident Premium must be a number.",
            ),
        }
        for case, (data, upload, message) in cases.items():
            with self.subTest(case=case):
                html = self._html(self._post(f"/my/interns/{self.intern.id}/onboarding", data, files=upload))
                self.assertIn(message, html)
                self.intern.invalidate_recordset()
                self.assertFalse(self.intern.agreement_date)
                self.assertFalse(self.intern.agreement_file)

    def test_insurance_warning_is_shown(self):
        _start, end = agreed_period()
        self.intern.write({**self.onboarding(*agreed_period()), "medical_date_to": end - timedelta(days=30)})
        self._login(self.unit_user)
        html = self._html(self._get(f"/my/interns/{self.intern.id}"))
        self.assertIn("o_jianxi_insurance_warning", html)
        self.assertIn("Insurance does not cover the whole planned period", html)

    def test_not_arrived(self):
        self._login(self.unit_user)
        response = self._post(f"/my/interns/{self.intern.id}/not_arrived")
        self.assertRedirectedTo(response, f"/my/interns/{self.intern.id}", "not_arrived")
        self.intern.invalidate_recordset()
        self.assertEqual(self.intern.state, "not_arrived")

    def test_end_the_internship(self):
        self.intern.write(self.onboarding(*agreed_period()))
        self.intern._jianxi_force_state("on_duty")
        _start, end = agreed_period()
        self._login(self.unit_user)
        url = f"/my/interns/{self.intern.id}/end"
        cases = {
            "unit ends without justification": (
                {"end_date": str(end), "end_reason": "unit_ended"},
                "The unit may not end an internship arbitrarily",
            ),
            "future date": (
                {"end_date": str(date.today() + timedelta(days=3)), "end_reason": "hired"},
                "is in the future",
            ),
            "bad date": ({"end_date": "yesterday", "end_reason": "completed"}, "End Date is not a valid date"),
            "intern's reason": ({"end_date": str(end), "end_reason": "job_elsewhere"}, "Please choose the end reason."),
        }
        for case, (data, message) in cases.items():
            with self.subTest(case=case):
                self.assertIn(message, self._html(self._post(url, data)))
                self.assertEqual(self.intern.state, "on_duty")
        response = self._post(url, {"end_date": str(end), "end_reason": "completed", "kept_on": "1"})
        self.assertRedirectedTo(response, f"/my/interns/{self.intern.id}", "ended")
        self.intern.invalidate_recordset()
        self.assertEqual(
            (self.intern.state, self.intern.actual_end_date, self.intern.end_reason, self.intern.kept_on),
            ("ended", end, "completed", True),
        )
        self.assertIn("o_jianxi_intern_end", self._html(response))

    def test_accept_or_refuse_the_intern_request_to_end(self):
        self.intern.write(
            self.onboarding(
                date.today() - relativedelta(months=2), end=date.today() + relativedelta(months=4) - timedelta(days=1)
            )
        )
        self.intern.write({"end_request_reason": "找到其他工作"})
        self.intern._jianxi_force_state("end_requested")
        self._login(self.unit_user)
        html = self._html(self._get(f"/my/interns/{self.intern.id}"))
        self.assertIn("o_jianxi_end_request", html)
        self.assertIn("找到其他工作", html)
        html = self._html(self._post(f"/my/interns/{self.intern.id}/refuse_end", {"reason": ""}))
        self.assertIn("Please write the reason.", html)
        response = self._post(f"/my/interns/{self.intern.id}/refuse_end", {"reason": "请先完成交接"})
        self.assertRedirectedTo(response, f"/my/interns/{self.intern.id}", "end_refused")
        self.intern.invalidate_recordset()
        self.assertEqual(self.intern.state, "on_duty")

        self.intern._jianxi_force_state("end_requested")
        yesterday = str(date.today() - timedelta(days=1))
        html = self._html(
            self._post(f"/my/interns/{self.intern.id}/accept_end", {"end_date": yesterday, "end_reason": "completed"})
        )
        self.assertIn("Please choose why the intern leaves", html)
        response = self._post(
            f"/my/interns/{self.intern.id}/accept_end", {"end_date": yesterday, "end_reason": "job_elsewhere"}
        )
        self.assertRedirectedTo(response, f"/my/interns/{self.intern.id}", "ended")
        self.intern.invalidate_recordset()
        self.assertEqual((self.intern.state, self.intern.end_reason), ("ended", "job_elsewhere"))


@tagged("post_install", "-at_install")
class TestUnitPortalClaims(JianxiUnitPortalCase):
    """/my/claims: a claim computed by the system, recomputed and submitted; its state and reasons."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        start, end = agreed_period()
        cls.ended = cls._make_internship(
            cls._new_applicant("孙九"),
            cls.position,
            state="ended",
            **cls.onboarding(start, end),
            actual_end_date=end,
            end_reason="completed",
        )
        cls.forgotten = cls._make_internship(
            cls._new_applicant("吴十", birth=(2001, 9, 9)), cls.position, state="on_duty", **cls.onboarding(start, end)
        )

    def test_create_compute_and_submit_a_claim(self):
        self._login(self.unit_user)
        html = self._html(self._get("/my/claims"))
        self.assertIn("o_jianxi_claim_new", html)
        response = self._post("/my/claims/new", {"unit_id": str(self.other_unit.id)})
        claim = self.env["jianxi.subsidy.claim"].search([("unit_id", "=", self.unit.id)])
        self.assertEqual(len(claim), 1, "the unit comes from the user, never from the form")
        self.assertRedirectedTo(response, f"/my/claims/{claim.id}", "claim_created")
        html = self._html(response)
        # 6 full months × 1,800 × 60 % + insurance 100 + 150
        self.assertEqual((claim.intern_count, claim.amount_total), (1, 6730.0))
        self.assertIn("6,730.00", re.search(r"o_jianxi_claim_total.*?</dd>", html, re.S).group(0))
        self.assertIn("孙九", html)
        excluded = re.search(r"o_jianxi_claim_excluded.*", html, re.S).group(0)
        self.assertIn("吴十", excluded, "the intern the unit forgot to end is listed as excluded")
        self.assertIn("Not Ended", excluded)

        html = self._html(self._post("/my/claims/new"))
        self.assertIn("already has an open subsidy claim", html)
        response = self._post(f"/my/claims/{claim.id}/compute")
        self.assertRedirectedTo(response, f"/my/claims/{claim.id}", "claim_computed")
        response = self._post(f"/my/claims/{claim.id}/submit")
        self.assertRedirectedTo(response, f"/my/claims/{claim.id}", "claim_submitted")
        claim.invalidate_recordset()
        self.assertEqual(claim.state, "submitted")
        html = self._html(response)
        self.assertNotIn("o_jianxi_claim_submit", html, "a submitted claim has no buttons")
        html = self._html(self._post(f"/my/claims/{claim.id}/compute"))
        self.assertIn("this action needs it to be", html)

        claim.with_user(self.officer_shiqian).action_return("请补充考勤记录")
        html = self._html(self._get(f"/my/claims/{claim.id}"))
        self.assertIn("o_jianxi_claim_return_reason", html)
        self.assertIn("请补充考勤记录", html)
        self.assertIn("o_jianxi_claim_submit", html)
        html = self._html(self._get("/my/claims"))
        self.assertIn(claim.name, html)

    def test_submit_without_interns_is_refused(self):
        self.ended._jianxi_force_state("on_duty")
        self._login(self.unit_user)
        self._post("/my/claims/new")
        claim = self.env["jianxi.subsidy.claim"].search([("unit_id", "=", self.unit.id)])
        html = self._html(self._post(f"/my/claims/{claim.id}/submit"))
        self.assertIn("includes no intern", html)
        self.assertEqual(claim.state, "draft")

    def test_json_rpc_cannot_choose_the_claim_date(self):
        # issue 11, point 1: the unit's contact calls the model through /web/dataset/call_kw.
        self._login(self.unit_user)
        call = {"model": "jianxi.subsidy.claim", "method": "action_create_for_unit", "kwargs": {}}
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request("/web/dataset/call_kw", {**call, "args": [self.unit.id, "2023-08-01"]})
        self.assertFalse(self.env["jianxi.subsidy.claim"].search([("unit_id", "=", self.unit.id)]))
        context = {"default_claim_date": "2023-08-01"}
        self.make_jsonrpc_request(
            "/web/dataset/call_kw", {**call, "args": [self.unit.id], "kwargs": {"context": context}}
        )
        claim = self.env["jianxi.subsidy.claim"].search([("unit_id", "=", self.unit.id)])
        self.assertEqual(claim.claim_date, date.today(), "the server's day, not the caller's")


@tagged("post_install", "-at_install")
class TestUnitPortalSecurity(JianxiUnitPortalCase):
    """Every route, tried by people who must get nothing: another unit's contact, an applicant,
    a visitor; and the unit's own contact on another unit's records. Plus CSRF."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.draft_position = cls._make_position(name=f"{TOKEN} 保密草稿", state="draft")
        cls.intern = cls._make_internship(cls._new_applicant("郑秘密"), cls.position, state="approved")
        cls.claim = cls.env["jianxi.subsidy.claim"].create({"unit_id": cls.unit.id})
        # The other unit's records, for the unit's own contact.
        cls.other_intern = cls._make_internship(cls._new_applicant("冯他人"), cls.other_position, state="approved")
        cls.other_claim = cls.env["jianxi.subsidy.claim"].create({"unit_id": cls.other_unit.id})

    def _routes(self, position, application, intern, claim):
        """(method, url, data) of every route of the unit pages, on these records."""
        today = str(date.today())
        return [
            ("GET", "/my/unit", None),
            ("POST", "/my/unit", {"name": "入侵者", "contact_phone": "110"}),
            ("POST", "/my/unit/submit", {}),
            ("GET", "/my/positions", None),
            ("GET", "/my/positions/new", None),
            (
                "POST",
                "/my/positions/new",
                {"name": "入侵岗位", "content": "x", "planned_start_date": today, "deadline": today},
            ),
            ("GET", f"/my/positions/{position.id}", None),
            ("POST", f"/my/positions/{position.id}", {"name": "入侵岗位"}),
            ("POST", f"/my/positions/{position.id}/submit", {}),
            ("POST", f"/my/positions/{position.id}/close", {}),
            ("GET", "/my/applications", None),
            ("POST", f"/my/applications/{application.id}/confirm", {}),
            ("POST", f"/my/applications/{application.id}/decline", {"reason": "入侵"}),
            ("GET", "/my/interns", None),
            ("GET", f"/my/interns/{intern.id}", None),
            ("POST", f"/my/interns/{intern.id}/onboarding", {"accident_policy_number": "HACK"}),
            ("POST", f"/my/interns/{intern.id}/on_duty", {}),
            ("POST", f"/my/interns/{intern.id}/not_arrived", {}),
            ("POST", f"/my/interns/{intern.id}/accept_end", {"end_date": today, "end_reason": "special"}),
            ("POST", f"/my/interns/{intern.id}/refuse_end", {"reason": "入侵"}),
            ("POST", f"/my/interns/{intern.id}/end", {"end_date": today, "end_reason": "unit_ended", "note": "x"}),
            ("GET", "/my/claims", None),
            ("POST", "/my/claims/new", {}),
            ("GET", f"/my/claims/{claim.id}", None),
            ("POST", f"/my/claims/{claim.id}/compute", {}),
            ("POST", f"/my/claims/{claim.id}/submit", {}),
        ]

    def _request(self, method, url, data):
        return self._post(url, data) if method == "POST" else self._get(url)

    def _snapshot(self, *records):
        self.env.invalidate_all()
        return [(record._name, record.id, record.read(["state", "write_date"])[0]) for record in records]

    def test_wrong_users_get_nothing_on_any_route(self):
        routes = self._routes(self.draft_position, self.application, self.intern, self.claim)
        self.assertEqual(len(routes), 26)
        records = (self.unit, self.draft_position, self.position, self.application, self.intern, self.claim)
        before = self._snapshot(*records)
        secrets = (
            self.unit.name,
            self.unit.credit_code,
            self.draft_position.name,
            self.applicant.name,
            "郑秘密",
            self.applicant.id_number,
            self.claim.name,
        )
        positions_before = self.env["jianxi.position"].search_count([("unit_id", "in", self.unit.ids)])
        claims_before = self.env["jianxi.subsidy.claim"].search_count([])
        # An applicant and a visitor: no unit, every route refused (404, or the sign-in page).
        for user in (self.applicant_user, None):
            self._login(user)
            for method, url, data in routes:
                with self.subTest(user=user and user.login, method=method, url=url):
                    self.assertRefused(self._request(method, url, data), *secrets)
        # Another unit's contact: this unit's records are 404; the pages of their own unit (lists,
        # profile, new position) show nothing of this unit.
        self._login(self.other_unit_user)
        for method, url, data in routes:
            with self.subTest(user=self.other_unit_user.login, method=method, url=url):
                if re.search(r"/\d+", url):
                    self.assertRefused(self._request(method, url, data), *secrets)
                elif method == "GET":
                    self.assertNoData(self._request(method, url, data), *secrets)
        self.assertEqual(self._snapshot(*records), before, "nothing changed")
        self.assertEqual(self.env["jianxi.position"].search_count([("unit_id", "in", self.unit.ids)]), positions_before)
        self.assertEqual(self.env["jianxi.subsidy.claim"].search_count([]), claims_before)

    def test_unit_contact_cannot_reach_another_units_records(self):
        routes = [
            route
            for route in self._routes(self.other_position, self.other_application, self.other_intern, self.other_claim)
            if re.search(r"/\d+", route[1])
        ]
        self.assertEqual(len(routes), 16)
        records = (self.other_position, self.other_application, self.other_intern, self.other_claim)
        before = self._snapshot(*records)
        self._login(self.unit_user)
        for method, url, data in routes:
            with self.subTest(method=method, url=url):
                self.assertRefused(
                    self._request(method, url, data),
                    self.other_position.name,
                    self.other_applicant.name,
                    self.other_applicant.id_number,
                    "冯他人",
                    self.other_claim.name,
                )
        self.assertEqual(self._snapshot(*records), before, "nothing changed")

    def test_ids_that_do_not_exist_or_are_not_numbers(self):
        self._login(self.unit_user)
        for url in (
            "/my/positions/2147483000",
            "/my/interns/2147483000",
            "/my/claims/2147483000",
            "/my/positions/abc",
            "/my/claims/-1",
        ):
            with self.subTest(url=url):
                self.assertEqual(self._get(url).status_code, 404)

    @mute_logger("odoo.http")
    def test_state_changes_need_the_csrf_token(self):
        self._login(self.unit_user)
        records = (self.unit, self.application, self.intern, self.claim, self.draft_position)
        before = self._snapshot(*records)
        for url, data in (
            ("/my/unit", {"name": "无令牌"}),
            ("/my/unit/submit", {}),
            (f"/my/positions/{self.draft_position.id}/submit", {}),
            (f"/my/applications/{self.application.id}/confirm", {}),
            (f"/my/interns/{self.intern.id}/not_arrived", {}),
            ("/my/claims/new", {}),
            (f"/my/claims/{self.claim.id}/submit", {}),
        ):
            for token in (None, "forged"):
                with self.subTest(url=url, token=token):
                    if token:
                        data = dict(data, csrf_token=token)
                    response = self._post(url, data or {"x": "1"}, csrf=False)
                    self.assertEqual(response.status_code, 400)
        self.assertEqual(self._snapshot(*records), before)

    def test_state_changes_refuse_get(self):
        self._login(self.unit_user)
        for url in (
            f"/my/applications/{self.application.id}/confirm",
            "/my/claims/new",
            f"/my/interns/{self.intern.id}/on_duty",
            "/my/unit/submit",
        ):
            with self.subTest(url=url):
                self.assertEqual(self._get(url).status_code, 405)
        self.assertEqual(self.application.state, "applied")
