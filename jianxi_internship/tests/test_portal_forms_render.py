"""Every portal form renders complete, blank and after a refused submission (issue 9, points 2 and 4).

Each test signs in as a real user (a unit contact who just signed up, with a draft unit; a contact
of a certified unit; an applicant), reads the form's page with lxml and checks that every label of
the form has its control (an input, textarea or select with a name), and that every field of the
form is there. It then posts a submission that the server refuses, through the form's own field
names with the CSRF token, and checks that the page shows the error, the whole form again, and
what the user entered: text, numbers, dates, choices and ticks; each file posted is kept as a draft
of the form's record, shown kept (test_portal_drafts.py follows the drafts to the next submission).
Nothing of a refused form is saved in the record itself.
"""

from datetime import timedelta

from lxml import html as lxml_html

from odoo import fields
from odoo.tests import tagged

from ..models.jianxi_applicant import PROFILE_FILES, PROFILE_FORM_FIELDS
from ..models.jianxi_internship import ONBOARDING_FIELDS
from ..models.jianxi_position import POSITION_FORM_FIELDS
from ..models.jianxi_unit import UNIT_FILES, UNIT_FORM_FIELDS
from .common import ONBOARDING_PAPERS, PDF, JianxiHttpCase, onboarding_values

PASSWORD = "Jianxi-Forms-2024"
CONTROLS = ".//*[self::input or self::textarea or self::select][@name=$name]"

UNIT_FIELDS = (*UNIT_FORM_FIELDS, *UNIT_FILES)
POSITION_FIELDS = POSITION_FORM_FIELDS
# The onboarding form: what the unit types (the period and both insurances), then the papers to upload.
ONBOARDING_TYPED = tuple(name for name in ONBOARDING_FIELDS if not name.endswith(("_file", "_filename")))
ONBOARDING_FILES = ONBOARDING_PAPERS
# The profile form: its fields, its uploads and the declaration's box (承诺).
PROFILE_FIELDS = (*PROFILE_FORM_FIELDS, *PROFILE_FILES, "declare")


@tagged("post_install", "-at_install")
class TestPortalFormsRender(JianxiHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("auth_signup.invitation_scope", "b2c")
        (cls.unit_user | cls.applicant_user).write({"lang": "en_US"})
        cls.env["jianxi.minimum.wage"].create({"region_id": cls.shiqian.id, "date_from": "2020-01-01", "amount": 1800})
        cls.industry = cls.env["res.partner.industry"].create({"name": "见习测试行业"})
        cls.bachelor = cls.env.ref("jianxi_internship.education_level_bachelor")
        cls.junior_college = cls.env.ref("jianxi_internship.education_level_junior_college")
        cls.today = fields.Date.context_today(cls.env["jianxi.internship"])
        cls.position = cls._make_position(name="FormsRender 软件开发见习岗", headcount=5)

    # ------------------------------------------------------------------ people and records
    def _signup(self, login, name, **data):
        """Sign up through the real form (b2c), then sign in as the new user."""
        self.authenticate(None, None)
        response = self._post_signup(login, name, PASSWORD, **data)
        self.assertEqual(response.status_code, 303, "signed up")
        self.authenticate(login, PASSWORD)
        self.env.invalidate_all()
        return self.env["res.users"].search([("login", "=", login)])

    def _signup_unit(self):
        user = self._signup(
            "forms.unit@example.com",
            "孙代表",
            jianxi_signup_kind="unit",
            jianxi_unit_name="石阡县表单测试有限公司",
            jianxi_unit_region_id=str(self.shiqian.id),
        )
        unit = self.env["jianxi.unit"].search([("partner_id", "=", user.commercial_partner_id.id)])
        self.assertEqual(unit.state, "draft")
        return user, unit

    def _internship(self, applicant, state, **vals):
        internship = self.env["jianxi.internship"].create(
            {"applicant_id": applicant.id, "position_id": self.position.id, **vals}
        )
        return internship._jianxi_force_state(state)

    def _on_duty_internship(self, applicant, state="on_duty", **vals):
        start = self.today - timedelta(days=90)
        return self._internship(applicant, state, **onboarding_values(start), **vals)

    @staticmethod
    def _pdf(name):
        return (name, PDF, "application/pdf")

    # ------------------------------------------------------------------ reading the forms
    def _form(self, response, xpath):
        """The one form of the page (200) matching ``xpath`` (lxml)."""
        self.assertEqual(response.status_code, 200, response.url)
        forms = lxml_html.fromstring(response.text).xpath(xpath)
        self.assertEqual(len(forms), 1, f"one form {xpath} on {response.url}")
        return forms[0]

    def _control(self, form, name):
        controls = form.xpath(CONTROLS, name=name)
        self.assertTrue(controls, f"the form has a control named {name!r}")
        return controls

    def _value(self, form, name):
        """What the browser would show (and send) for the control ``name``."""
        controls = self._control(form, name)
        first = controls[0]
        if first.tag == "input" and first.get("type") in ("checkbox", "radio"):
            checked = [control.get("value") for control in controls if control.get("checked") is not None]
            return checked[0] if checked else None
        if first.tag == "select":
            selected = first.xpath(".//option[@selected]")
            return selected[0].get("value") if selected else None
        if first.tag == "textarea":
            return first.text or ""
        return first.get("value", "")

    def assertFormComplete(self, form, names):
        """Every label of ``form`` has its control, with a name; every field of ``names`` is there;
        the form posts with the CSRF token."""
        labels = [label for label in form.iter("label") if label.get("for")]
        self.assertTrue(labels, "the form has labels")
        for label in labels:
            target = form.xpath(".//*[@id=$id]", id=label.get("for"))
            text = label.text_content().strip()
            self.assertTrue(target, f"the label {text!r} has its control")
            self.assertIn(target[0].tag, ("input", "textarea", "select"), text)
            self.assertTrue(target[0].get("name"), f"the control of {text!r} has a name")
        for name in names:
            self._control(form, name)
        if form.get("method", "").lower() == "post":
            self.assertTrue(form.xpath(".//input[@name='csrf_token'][@value]"), "the form has the CSRF token")

    def assertFormKeeps(self, form, values):
        for name, value in values.items():
            with self.subTest(field=name):
                self.assertEqual(self._value(form, name), value)

    def assertRefused(self, response):
        """The form's page again (200), with the refusal."""
        self.assertEqual(response.status_code, 200, response.url)
        self.assertTrue(
            lxml_html.fromstring(response.text).xpath("//*[contains(@class, 'alert-danger')][@role='alert']"),
            f"the page shows the refusal ({response.url})",
        )

    # ------------------------------------------------------------------ the unit's profile
    def test_unit_profile_form(self):
        _user, unit = self._signup_unit()
        response = self._get("/my/unit")
        form = self._form(response, "//form[@action='/my/unit']")
        self.assertFormComplete(form, UNIT_FIELDS)
        self.assertFormKeeps(form, {"name": unit.name, "region_id": str(self.shiqian.id), "address": ""})

        typed = {
            "name": "石阡县表单测试有限公司（改）",
            "credit_code": "123",  # not a unified social credit code: refused
            "unit_type": "public_institution",
            "industry_id": str(self.industry.id),
            "region_id": str(self.sinan.id),
            "address": "石阡县汤山镇 1 号",
            "legal_representative": "孙法人",
            "contact_name": "孙代表",
            "contact_phone": "0856-7654321",
            "insured_staff_count": "12",
        }
        self.assertIn(typed["unit_type"], dict(unit._fields["unit_type"].selection))
        response = self._post("/my/unit", typed, files={"business_licence": self._pdf("执照.pdf")})
        self.assertRefused(response)
        form = self._form(response, "//form[@action='/my/unit']")
        self.assertFormComplete(form, UNIT_FIELDS)
        self.assertFormKeeps(form, typed)
        self.assertKept(response, {"business_licence": "执照.pdf"})
        self.assertFalse(unit.business_licence, "nothing of a refused form is saved")

    # ------------------------------------------------------------------ positions
    def test_new_position_form_of_a_unit_just_signed_up(self):
        self._signup_unit()
        response = self._get("/my/positions/new")
        form = self._form(response, "//form[@action='/my/positions/new']")
        self.assertFormComplete(form, POSITION_FIELDS)
        self.assertEqual(self._value(form, "content"), "", "the 岗位内容 box is there, empty")
        self.assertFormKeeps(form, {"region_id": str(self.shiqian.id), "headcount": "1", "duration_months": "6"})

        # The unit is not certified yet: everything typed is refused, and kept.
        typed = self._position_typed()
        response = self._post("/my/positions/new", typed)
        self.assertRefused(response)
        form = self._form(response, "//form[@action='/my/positions/new']")
        self.assertFormComplete(form, POSITION_FIELDS)
        self.assertFormKeeps(form, typed)

    def _position_typed(self, **values):
        return {
            "name": "FormsRender 会计助理",
            "content": "协助完成日常账务处理。\n有导师指导。",
            "education_level_id": str(self.junior_college.id),
            "majors": "会计学",
            "headcount": "3",
            "duration_months": "9",
            "allowance": "1900.5",
            "region_id": str(self.sinan.id),
            "planned_start_date": "2099-01-01",
            "deadline": "2098-12-01",
            **values,
        }

    def test_new_position_form_of_a_certified_unit(self):
        self._login(self.unit_user)
        form = self._form(self._get("/my/positions/new"), "//form[@action='/my/positions/new']")
        self.assertFormComplete(form, POSITION_FIELDS)
        typed = self._position_typed(deadline="")
        response = self._post("/my/positions/new", typed)
        self.assertRefused(response)
        self.assertIn("Application Deadline", response.text, "the error names the field")
        form = self._form(response, "//form[@action='/my/positions/new']")
        self.assertFormComplete(form, POSITION_FIELDS)
        self.assertFormKeeps(form, typed)
        self.assertFalse(self.env["jianxi.position"].search([("name", "=", typed["name"])]))

    def test_edit_position_form(self):
        position = self._make_position(name="FormsRender 草稿岗位", state="draft", majors=False)
        self._login(self.unit_user)
        url = f"/my/positions/{position.id}"
        form = self._form(self._get(url), f"//form[@action='{url}']")
        self.assertFormComplete(form, POSITION_FIELDS)
        self.assertFormKeeps(
            form,
            {"name": position.name, "content": position.content, "majors": "", "allowance": "1800.0"},
        )
        typed = self._position_typed(content="")
        response = self._post(url, typed)
        self.assertRefused(response)
        form = self._form(response, f"//form[@action='{url}']")
        self.assertFormComplete(form, POSITION_FIELDS)
        self.assertFormKeeps(form, typed)
        self.assertEqual(position.name, "FormsRender 草稿岗位", "nothing saved")

    # ------------------------------------------------------------------ applications: decline
    def test_decline_form(self):
        internship = self._internship(self.applicant, "applied")
        self._login(self.unit_user)
        action = f"/my/applications/{internship.id}/decline"
        form = self._form(self._get("/my/applications"), f"//form[@action='{action}']")
        self.assertFormComplete(form, ("reason",))
        response = self._post(action, {"reason": "  "})
        self.assertRefused(response)
        form = self._form(response, f"//form[@action='{action}']")
        self.assertFormComplete(form, ("reason",))
        self.assertEqual(self._value(form, "reason"), "  ")
        self.assertIsNotNone(form.getparent().get("open"), "the refused form stays open")
        self.assertEqual(internship.state, "applied")

    # ------------------------------------------------------------------ interns
    def test_onboarding_form(self):
        internship = self._internship(self.applicant, "approved")
        self._login(self.unit_user)
        action = f"/my/interns/{internship.id}/onboarding"
        form = self._form(self._get(f"/my/interns/{internship.id}"), f"//form[@action='{action}']")
        self.assertFormComplete(form, ONBOARDING_TYPED + ONBOARDING_FILES)
        self.assertFormKeeps(form, dict.fromkeys(ONBOARDING_TYPED, ""))

        typed = {
            "agreement_date": "2025-02-20",
            "start_date": "2025-03-01",
            "planned_end_date": "2025-08-31",
            "accident_policy_number": "PA-FORM-1",
            "accident_date_from": "2025-03-01",
            "accident_date_to": "2025-08-31",
            "accident_premium": "120.5",
            "medical_policy_number": "PM-FORM-1",
            "medical_date_from": "2025-03-01",
            "medical_date_to": "2025-08-31",
            "medical_premium": "一百",  # not a number: refused
        }
        files = {"agreement_file": self._pdf("协议.pdf"), "invoice_file": self._pdf("invoice.pdf")}
        response = self._post(action, typed, files=files)
        self.assertRefused(response)
        form = self._form(response, f"//form[@action='{action}']")
        self.assertFormComplete(form, ONBOARDING_TYPED + ONBOARDING_FILES)
        self.assertFormKeeps(form, typed)
        self.assertKept(response, {"agreement_file": "协议.pdf", "invoice_file": "invoice.pdf"})
        self.assertFalse(internship.agreement_file or internship.start_date, "nothing saved")

    def test_accept_and_refuse_end_forms(self):
        internship = self._on_duty_internship(self.applicant, "end_requested", end_request_reason="找到正式工作")
        self._login(self.unit_user)
        accept = f"/my/interns/{internship.id}/accept_end"
        refuse = f"/my/interns/{internship.id}/refuse_end"
        page = f"/my/interns/{internship.id}"
        response = self._get(page)
        self.assertFormComplete(self._form(response, f"//form[@action='{accept}']"), ("end_date", "end_reason"))
        self.assertFormComplete(self._form(response, f"//form[@action='{refuse}']"), ("reason",))

        tomorrow = fields.Date.to_string(self.today + timedelta(days=1))
        typed = {"end_date": tomorrow, "end_reason": "special"}  # the end is not in the future: refused
        response = self._post(accept, typed)
        self.assertRefused(response)
        form = self._form(response, f"//form[@action='{accept}']")
        self.assertFormComplete(form, ("end_date", "end_reason"))
        self.assertFormKeeps(form, typed)

        response = self._post(refuse, {"reason": " "})
        self.assertRefused(response)
        form = self._form(response, f"//form[@action='{refuse}']")
        self.assertFormComplete(form, ("reason",))
        self.assertEqual(self._value(form, "reason"), " ")
        self.assertEqual(internship.state, "end_requested")

    def test_end_form(self):
        internship = self._on_duty_internship(self.applicant)
        self._login(self.unit_user)
        action = f"/my/interns/{internship.id}/end"
        names = ("end_date", "end_reason", "note", "kept_on")
        form = self._form(self._get(f"/my/interns/{internship.id}"), f"//form[@action='{action}']")
        self.assertFormComplete(form, names)
        self.assertFormKeeps(form, {"end_date": fields.Date.to_string(self.today), "note": "", "kept_on": None})

        typed = {
            "end_date": fields.Date.to_string(self.today + timedelta(days=1)),  # in the future: refused
            "end_reason": "hired",
            "note": "单位决定留用。",
            "kept_on": "1",
        }
        response = self._post(action, typed)
        self.assertRefused(response)
        form = self._form(response, f"//form[@action='{action}']")
        self.assertFormComplete(form, names)
        self.assertFormKeeps(form, typed)
        self.assertEqual(internship.state, "on_duty")

    # ------------------------------------------------------------------ claims
    def test_new_claim_form(self):
        self._login(self.unit_user)
        form = self._form(self._get("/my/claims"), "//form[@action='/my/claims/new']")
        self.assertTrue(form.xpath(".//input[@name='csrf_token'][@value]"))
        self.assertTrue(form.xpath(".//button[@type='submit']"))
        self.env["jianxi.subsidy.claim"].create({"unit_id": self.unit.id})  # an open claim already
        response = self._post("/my/claims/new", {})
        self.assertRefused(response)
        form = self._form(response, "//form[@action='/my/claims/new']")
        self.assertTrue(form.xpath(".//input[@name='csrf_token'][@value]"))
        self.assertEqual(self.env["jianxi.subsidy.claim"].search_count([("unit_id", "=", self.unit.id)]), 1)

    # ------------------------------------------------------------------ the applicant's pages
    def test_applicant_profile_form(self):
        user = self._signup("forms.applicant@example.com", "周见习", jianxi_signup_kind="applicant")
        response = self._get("/my/profile")
        form = self._form(response, "//form[@action='/my/profile/save']")
        self.assertFormComplete(form, PROFILE_FIELDS)
        self.assertFormKeeps(
            form, {"name": "周见习", "id_number": "", "category": None, "is_student": None, "declare": None}
        )

        id_number = self.make_id_number((2001, 3, 15), sequence=777)
        typed = {
            "name": "周见习",
            "phone": "13800000001",
            "id_number": id_number[:-1] + ("0" if id_number[-1] != "0" else "1"),  # wrong check digit
            "household_region_id": str(self.shiqian.id),
            "category": "college",
            "education_level_id": str(self.bachelor.id),
            "school": "铜仁学院",
            "major": "会计学",
            "diploma_date": "2024-07-01",
            "diploma_registration_date": "2024-07-10",
            "unemployment_registration_date": "2024-09-01",
            "unemployment_office": "石阡县人社局",
            "is_student": "no",
            "is_employed": "yes",
            "has_business_licence": None,  # not answered
            "declare": "1",
        }
        posted = {name: value for name, value in typed.items() if value is not None}
        files = {"id_card": self._pdf("身份证.pdf"), "unemployment_proof": self._pdf("proof.pdf")}
        response = self._post("/my/profile/save", posted, files=files)
        self.assertRefused(response)
        form = self._form(response, "//form[@action='/my/profile/save']")
        self.assertFormComplete(form, PROFILE_FIELDS)
        self.assertFormKeeps(form, typed)
        self.assertKept(response, {"id_card": "身份证.pdf", "unemployment_proof": "proof.pdf"})
        applicant = self.env["jianxi.applicant"].search([("partner_id", "=", user.partner_id.id)])
        self.assertFalse(applicant.school or applicant.id_card, "nothing saved")

    def test_withdraw_form(self):
        internship = self._internship(self.applicant, "applied")
        self._login(self.applicant_user)
        action = f"/my/internships/{internship.id}/withdraw"
        form = self._form(self._get(internship.access_url), f"//form[@action='{action}']")
        self.assertTrue(form.xpath(".//input[@name='csrf_token'][@value]"))
        self.assertTrue(form.xpath(".//button[@type='submit']"))
        # The unit answered meanwhile: the withdrawal is refused, and the page says why.
        internship._jianxi_force_state("confirmed")
        response = self._post(action, {})
        self.assertRefused(response)
        self.assertEqual(internship.state, "confirmed")

    def test_request_end_form(self):
        internship = self._on_duty_internship(self.applicant)
        self._login(self.applicant_user)
        action = f"/my/internships/{internship.id}/request_end"
        form = self._form(self._get(internship.access_url), f"//form[@action='{action}']")
        self.assertFormComplete(form, ("reason",))
        self.assertEqual(self._value(form, "reason"), "")
        response = self._post(action, {"reason": "   "})
        self.assertRefused(response)
        form = self._form(response, f"//form[@action='{action}']")
        self.assertFormComplete(form, ("reason",))
        self.assertEqual(self._value(form, "reason"), "   ")
        self.assertEqual(internship.state, "on_duty")

    # ------------------------------------------------------------------ sign-up
    def test_signup_form_extra_fields(self):
        self.authenticate(None, None)
        names = ("login", "name", "password", "confirm_password", "jianxi_signup_kind")
        names += ("jianxi_unit_name", "jianxi_unit_region_id")
        form = self._form(self._get("/web/signup"), "//form[contains(@class, 'oe_signup_form')]")
        self.assertFormComplete(form, names)
        self.assertEqual(len(self._control(form, "jianxi_signup_kind")), 2, "both choices")
        self.assertFormKeeps(form, {"jianxi_signup_kind": None, "jianxi_unit_name": ""})

        typed = {
            "login": "forms.signup@example.com",
            "name": "吴代表",
            "jianxi_signup_kind": "unit",
            "jianxi_unit_name": "石阡县注册表单有限公司",
            "jianxi_unit_region_id": str(self.shiqian.id),
        }
        data = {**typed, "password": PASSWORD, "confirm_password": PASSWORD + "x"}  # passwords differ: refused
        response = self._post("/web/signup", data)
        self.assertRefused(response)
        form = self._form(response, "//form[contains(@class, 'oe_signup_form')]")
        self.assertFormComplete(form, names)
        self.assertFormKeeps(form, typed)
        self.assertFalse(self.env["res.users"].search([("login", "=", typed["login"])]))
