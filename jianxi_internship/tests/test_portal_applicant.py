import base64
import re
from urllib.parse import urlsplit

from lxml import html as lxml_html

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import PDF, JianxiHttpCase
from .upload_samples import PNG


@tagged("post_install", "-at_install")
class TestApplicantProfilePortal(JianxiHttpCase):
    """/my/profile and POST /my/profile/save: the applicant's own data, uploads and pre-check."""

    def _save(self, data=None, files=None, **kwargs):
        values = {
            "name": self.applicant.name,
            "id_number": self.applicant.id_number,
            "category": "college",
            "household_region_id": str(self.shiqian.id),
        }
        values.update(data or {})
        return self._post("/my/profile/save", values, files=files, **kwargs)

    # ------------------------------------------------------------------ page
    def test_profile_page_shows_own_data_and_the_precheck(self):
        self._login(self.applicant_user)
        response = self.url_open("/my/profile")
        self.assertEqual(response.status_code, 200)
        html = self._text(response)
        self.assertIn(self.applicant.id_number, html)
        self.assertIn('value="贵州大学"', html)
        self.assertIn("Eligibility Pre-check", html)
        self.assertEqual(len(re.findall(r"o_jianxi_precheck_line ", html)), len(self.applicant._jianxi_precheck()))
        self.assertIn('enctype="multipart/form-data"', html)
        self.assertIn('name="csrf_token"', html)
        self.assertNotIn(self.other_applicant.id_number, html)
        self.assertNotIn(self.other_applicant.name, html)

    def test_profile_page_explains_why_a_visitor_from_the_board_lands_here(self):
        self._login(self.applicant_user)
        html = self._text(self.url_open("/my/profile?error=applicant_missing&redirect=/internships/positions/7"))
        self.assertIn("Complete your profile, then apply for the position.", html)
        self.assertIn('name="redirect" value="/internships/positions/7"', html)
        html = self._text(self.url_open("/my/profile?redirect=https://evil.example.com/&error=<b>x</b>"))
        self.assertNotIn('value="https://evil.example.com/"', html)
        self.assertNotIn('href="https://evil.example.com/"', html)
        self.assertNotIn("<b>x</b>", html)

    # ------------------------------------------------------------------ save
    def test_save_updates_the_own_record_with_uploads(self):
        self._login(self.applicant_user)
        response = self._save(
            {
                "school": "铜仁学院",
                "major": "会计学",
                "diploma_date": "2024-07-01",
                "diploma_registration_date": "2024-07-10",
                "education_level_id": str(self.env.ref("jianxi_internship.education_level_junior_college").id),
                "is_student": "yes",
                "unemployment_office": "",
                "phone": "13800000000",
                # Posted ids of other records are never used.
                "partner_id": str(self.other_applicant.partner_id.id),
                "applicant_id": str(self.other_applicant.id),
                "verification_state": "verified",
                "out_of_province_special_major": "1",
            },
            files={"id_card": ("身份证.pdf", PDF, "application/pdf"), "diploma": ("diploma.png", PNG, "image/png")},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(urlsplit(response.url).path, "/my/profile")
        self.assertIn("Your profile was saved.", response.text)
        applicant = self.applicant
        self.assertEqual(
            (applicant.school, applicant.major, str(applicant.diploma_date)), ("铜仁学院", "会计学", "2024-07-01")
        )
        self.assertEqual(applicant.education_level_id.code, "junior_college")
        self.assertEqual(applicant.is_student, "yes")
        self.assertEqual(applicant.is_employed, "no", "not posted: the earlier answer stays")
        self.assertEqual(applicant.phone, "13800000000")
        self.assertEqual(base64.b64decode(applicant.id_card), PDF)
        self.assertEqual(applicant.id_card_filename, "身份证.pdf")
        self.assertTrue(base64.b64decode(applicant.diploma).startswith(PNG[:8]), "a PNG, encoded again")
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "jianxi.applicant"), ("res_id", "=", applicant.id), ("res_field", "=", "id_card")]
        )
        self.assertEqual(len(attachment), 1, "stored as an attachment bound to the record")
        self.assertEqual(applicant.verification_state, "unverified")
        self.assertFalse(applicant.out_of_province_special_major)
        self.assertEqual(self.other_applicant.school, "贵州大学", "the other applicant is untouched")
        self.assertFalse(self.other_applicant.id_card)
        # The declared studies show in the pre-check.
        self.assertIn("o_jianxi_precheck_fail", response.text)

    # ------------------------------------------------------------------ the declarations (承诺)
    def test_answer_the_questions_and_declare_then_apply(self):
        """People declare (issue 11, point 6), through the real form: three explicit answers and a
        dated declaration before the position page lets them apply; a later change takes it back."""
        position = self._make_position(name="DeclareTk 资料审核岗")
        self.applicant.write({name: False for name in ("is_student", "is_employed", "has_business_licence")})
        self.assertFalse(self.applicant.declared_at)
        self._login(self.applicant_user)
        page = lxml_html.fromstring(self._get("/my/profile").text)
        for name in ("is_student", "is_employed", "has_business_licence"):
            radios = page.xpath("//form[@action='/my/profile/save']//input[@type='radio'][@name=$n]", n=name)
            self.assertEqual([r.get("value") for r in radios], ["yes", "no"], name)
            self.assertFalse([r for r in radios if r.get("checked") is not None], f"{name}: not answered yet")
        self.assertTrue(page.xpath("//input[@type='checkbox'][@name='declare'][not(@checked)]"))
        self.assertTrue(page.xpath("//*[contains(@class, 'o_jianxi_not_declared')]"))

        # The position page sends the person to the profile, and the server refuses the application.
        html = self._text(self._get(position.access_url))
        self.assertIn("o_jianxi_apply_not_ready", html)
        self.assertIn("Still missing: Currently a Student, In a Labour Relationship, Holds a Business Licence", html)
        self.assertIn(f'href="/my/profile?redirect={position.access_url.replace("/", "%2F")}"', html)
        self.assertNotIn("o_jianxi_apply_button", html)
        html = self._text(self._post(f"{position.access_url}/apply"))
        self.assertIn("must answer on the applicant profile (My Applicant Profile)", html)
        self.assertFalse(self.env["jianxi.internship"].search([("position_id", "=", position.id)]))

        # The tick without the answers is refused; the page keeps the tick.
        response = self._save({"is_student": "no", "declare": "1"})
        html = self._text(response)
        self.assertIn("Please answer every question before you declare", html)
        self.assertIn("In a Labour Relationship and Holds a Business Licence", html)
        self.assertTrue(lxml_html.fromstring(response.text).xpath("//input[@name='declare'][@checked]"))
        self.assertFalse(self.applicant.is_student or self.applicant.declared_at, "nothing saved")

        # Answers without the tick: saved, not declared; a forged date is not a form field.
        response = self._save(
            {"is_student": "no", "is_employed": "no", "has_business_licence": "no", "declared_at": "2020-01-01"}
        )
        self.assertIn("Your profile was saved.", self._text(response))
        self.assertEqual(self.applicant._jianxi_answers(), dict.fromkeys(self.applicant._jianxi_answers(), "no"))
        self.assertFalse(self.applicant.declared_at)
        html = self._text(self._get(position.access_url))
        self.assertIn("Still missing: Declaration that the data are true and complete", html)

        # The tick: the server dates it.
        before = fields.Datetime.now().replace(microsecond=0)
        response = self._save({"declare": "1"})
        self.assertIn("with your declaration that it is true and complete", self._text(response))
        self.assertTrue(before <= self.applicant.declared_at <= fields.Datetime.now())
        page = lxml_html.fromstring(response.text)
        self.assertTrue(page.xpath("//*[contains(@class, 'o_jianxi_declared')]"))
        self.assertTrue(page.xpath("//input[@type='radio'][@name='is_employed'][@value='no'][@checked]"))
        html = self._text(self._get(position.access_url))
        self.assertNotIn("o_jianxi_apply_not_ready", html)
        self.assertIn("o_jianxi_apply_button", html)

        # Saving other data keeps the declaration; a new answer takes it back.
        declared_at = self.applicant.declared_at
        self._save({"major": "档案学"})
        self.assertEqual(self.applicant.declared_at, declared_at)
        response = self._save({"is_employed": "yes"})
        self.assertIn("tick the declaration again before you apply", self._text(response))
        self.assertFalse(self.applicant.declared_at)
        self._save({"is_employed": "no", "declare": "1"})
        response = self._post(f"{position.access_url}/apply")
        self.assertIn("o_jianxi_apply_success", response.text)
        self.assertEqual(
            self.env["jianxi.internship"].search([("position_id", "=", position.id)]).applicant_id, self.applicant
        )

    def test_answers_are_yes_no_or_unanswered(self):
        self._login(self.applicant_user)
        response = self._save({"is_student": "maybe"})
        self.assertIn("Please answer “Currently a Student” with yes or no.", self._text(response))
        self.assertEqual(self.applicant.is_student, "no")
        applicant = self.applicant.with_user(self.applicant_user)
        for value in ("maybe", True, 1):
            with self.subTest(value=value), self.assertRaises(UserError):
                applicant.action_save_profile({"is_employed": value})
        with self.assertRaises(UserError) as cm:
            applicant.action_save_profile({"declared_at": "2020-01-01 00:00:00"})
        self.assertIn("not part of the applicant profile", str(cm.exception))
        applicant.action_save_profile({"is_employed": False})
        self.assertFalse(self.applicant.is_employed, "unanswered again")
        self.assertFalse(self.applicant.declared_at)

    def test_the_declaration_follows_the_real_name_data(self):
        """A new name or ID number, from the applicant or the bureau, takes the declaration back;
        the other data do not."""
        declared_at = self.applicant.declared_at
        self.assertTrue(declared_at)
        self.applicant.write({"school": "铜仁学院", "phone": "13800000009"})
        self.assertEqual(self.applicant.declared_at, declared_at)
        self.applicant.with_user(self.officer_shiqian).write({"name": "张叁"})
        self.assertFalse(self.applicant.declared_at)
        self.applicant.with_user(self.applicant_user).action_save_profile({}, declare=True)
        self.assertTrue(self.applicant.declared_at)
        self.applicant.with_user(self.applicant_user).action_save_profile(
            {"id_number": self.make_id_number((2001, 3, 15), sequence=778)}
        )
        self.assertFalse(self.applicant.declared_at)

    def test_save_goes_back_to_the_local_page_it_came_from(self):
        self._login(self.applicant_user)
        response = self._save({"redirect": "/internships"})
        self.assertEqual(urlsplit(response.url).path, "/internships")
        response = self._save({"redirect": "//evil.example.com/x"})
        self.assertEqual(urlsplit(response.url).path, "/my/profile")
        self.assertEqual(urlsplit(response.url).netloc, urlsplit(self.base_url()).netloc)

    @mute_logger("odoo.http")
    def test_bad_input_shows_the_message_and_saves_nothing(self):
        self._login(self.applicant_user)
        bad_id = self.applicant.id_number[:-1] + ("0" if self.applicant.id_number[-1] != "0" else "1")
        cases = {
            "bad checksum": ({"id_number": bad_id}, None, "Resident ID number of"),
            "taken ID number": (
                {"id_number": self.other_applicant.id_number},
                None,
                "Another applicant is already registered with this resident ID number",
            ),
            "no name": ({"name": "  "}, None, "Please enter your full name."),
            "bad date": ({"diploma_date": "2024-13-45"}, None, "is not a valid date"),
            "unknown county": ({"household_region_id": "999999"}, None, "from the list"),
            "a city as county": ({"household_region_id": str(self.tongren.id)}, None, "from the list"),
            "bad category": ({"category": "boss"}, None, "Please choose a category from the list."),
            "text file": (
                {},
                {"id_card": ("id.pdf", b"not a pdf at all", "application/pdf")},
                "must be a PDF, JPEG or PNG file",
            ),
        }
        watched = ["school", "id_number", "name", "diploma_date", "household_region_id", "category", "id_card"]
        before = self.applicant.read(watched)[0]
        for case, (data, files, message) in cases.items():
            with self.subTest(case=case):
                response = self._save({"school": "不该保存的学校", **data}, files=files)
                self.assertEqual(response.status_code, 200)
                self.assertIn(message, self._text(response))
                self.assertIn("o_jianxi_portal_error", response.text)
                self.assertIn("不该保存的学校", self._text(response), "the form keeps what was typed")
                self.applicant.invalidate_recordset()
                self.assertEqual(self.applicant.read(watched)[0], before)
        self.assertEqual(self._post("/my/profile/save", {"school": "x", "csrf_token": "forged"}).status_code, 400)
        self.assertEqual(self.applicant.school, "贵州大学")

    def test_verified_applicant_cannot_change_name_or_id_number(self):
        self.applicant.with_user(self.officer_shiqian).action_verify()
        self._login(self.applicant_user)
        html = self._text(self.url_open("/my/profile"))
        self.assertRegex(html, r'name="id_number"[^>]*readonly')
        other_id = self.make_id_number((2000, 1, 2), sequence=777)
        response = self._save({"id_number": other_id})
        self.assertIn("Your real name is verified", self._text(response))
        self.assertNotEqual(self.applicant.id_number, other_id)
        self.assertEqual(self.applicant.verification_state, "verified")
        # Other data may still change, and the verification stays.
        response = self._save({"major": "软件工程"})
        self.assertEqual(self.applicant.major, "软件工程")
        self.assertEqual(self.applicant.verification_state, "verified")

    def test_apply_without_a_profile_lands_on_the_profile_and_comes_back(self):
        position = self._make_position(name="ProfileTk 档案管理岗")
        newcomer = new_test_user(self.env, login="t_newcomer_apply", groups="base.group_portal", name="来投递")
        self._login(newcomer)
        response = self._post(f"{position.access_url}/apply")
        self.assertEqual(urlsplit(response.url).path, "/my/profile")
        html = self._text(response)
        self.assertIn("Complete your profile, then apply for the position.", html)
        self.assertIn(f'name="redirect" value="{position.access_url}"', html)
        response = self._post(
            "/my/profile/save",
            {
                "name": "来投递",
                "id_number": self.make_id_number((2002, 2, 2), sequence=135),
                "category": "college",
                "redirect": position.access_url,
            },
        )
        self.assertEqual(urlsplit(response.url).path, position.access_url)
        self.assertFalse(
            self.env["jianxi.internship"].search([("position_id", "=", position.id)]),
            "saving the profile does not apply by itself",
        )

    def test_portal_user_without_applicant_record_starts_one(self):
        newcomer = new_test_user(self.env, login="t_newcomer", groups="base.group_portal", name="新来的")
        self._login(newcomer)
        html = self._text(self.url_open("/my/profile"))
        self.assertIn('value="新来的"', html)
        self.assertIn("o_jianxi_profile_form", html)
        self.assertIn("Save your profile to see the pre-check.", html)
        response = self._post("/my/profile/save", {"name": "新来的", "category": "unemployed"})
        self.assertEqual(urlsplit(response.url).path, "/my/profile")
        applicant = self.env["jianxi.applicant"].search([("partner_id", "=", newcomer.partner_id.id)])
        self.assertEqual((applicant.name, applicant.category), ("新来的", "unemployed"))

    # ------------------------------------------------------------------ wrong users
    def test_unit_contact_and_staff_get_no_profile(self):
        for user, notice in (
            (self.unit_user, "Your account represents an internship unit"),
            (self.officer_shiqian, "Staff accounts have no applicant profile."),
        ):
            with self.subTest(user=user.login):
                self._login(user)
                html = self._text(self.url_open("/my/profile"))
                self.assertIn(notice, html)
                self.assertNotIn("o_jianxi_profile_form", html)
                response = self._post("/my/profile/save", {"name": "冒名", "id_number": self.applicant.id_number})
                self.assertIn("o_jianxi_portal_error", response.text)
                self.assertFalse(self.env["jianxi.applicant"].search([("partner_id", "=", user.partner_id.id)]))
        self.assertEqual(self.applicant.name, "张三")

    def test_visitor_is_sent_to_sign_in(self):
        self._login(None)
        self.assertRefused(self.url_open("/my/profile"), self.applicant.id_number, self.applicant.name)
        response = self._post("/my/profile/save", {"name": "冒名"})
        self.assertRefused(response, self.applicant.name)
        self.assertEqual(self.applicant.name, "张三")

    # ------------------------------------------------------------------ the model, without HTTP
    def test_save_profile_refuses_another_applicant(self):
        with self.assertRaises(AccessError):
            self.applicant.with_user(self.other_applicant_user).action_save_profile({"school": "冒名"})
        with self.assertRaises(AccessError):
            self.applicant.with_user(self.unit_user).action_save_profile({"school": "冒名"})
        with self.assertRaises(UserError) as cm:
            self.applicant.with_user(self.applicant_user).action_save_profile({"verification_state": "verified"})
        self.assertIn("not part of the applicant profile", str(cm.exception))
        self.assertEqual(self.applicant.school, "贵州大学")

    def test_save_profile_checks_the_values_of_any_caller(self):
        """The portal's controller reads the form; a caller over JSON-RPC sends values itself: the
        model refuses what the profile does not take, naming the field."""
        applicant = self.applicant.with_user(self.applicant_user)
        cases = {
            "a city as county": ({"household_region_id": self.tongren.id}, "from the list"),
            "an id as text": ({"household_region_id": str(self.shiqian.id)}, "from the list"),
            "an unknown level": ({"education_level_id": 999999}, "from the list"),
            "a bad date": ({"diploma_date": "2024-13-45"}, "is not a valid date"),
            "no name": ({"name": "  "}, "Please enter your full name."),
            "a bad category": ({"category": "boss"}, "Please choose a category from the list."),
        }
        for case, (values, message) in cases.items():
            with self.subTest(case=case), self.assertRaises(UserError) as cm:
                applicant.action_save_profile(values)
            self.assertIn(message, str(cm.exception))
        applicant.action_save_profile(
            {"diploma_date": "2024-07-01", "household_region_id": self.sinan.id, "school": "  铜仁   学院 "}
        )
        self.assertEqual(
            (str(self.applicant.diploma_date), self.applicant.household_region_id, self.applicant.school),
            ("2024-07-01", self.sinan, "铜仁 学院"),
        )

    def test_precheck_lists_what_is_missing_or_failing(self):
        person = self._make_applicant(
            self._portal_user("t_precheck").partner_id,
            "预检",
            category="unemployed",
            birth=(1990, 5, 5),
            household_region_id=self.sinan.id,
            diploma_date=False,
        )
        lines = {line["rule"]: line for line in person._jianxi_precheck(today="2024-06-01")}
        self.assertEqual(lines["age"]["result"], "fail", "34 years old on the reference day")
        self.assertEqual(lines["unemployment_registration"]["result"], "unknown")
        self.assertIn("missing", lines["unemployment_registration"]["reason"])
        self.assertEqual(lines["household"]["result"], "pass", "思南县 is in 铜仁市")
        self.assertEqual(lines["one_open_application"]["result"], "pass")
        self.assertEqual(lines["age"]["label"], "Age")
        # An open application fails the pre-check for a second one.
        self.env["jianxi.internship"].create({"applicant_id": person.id, "position_id": self._make_position().id})
        lines = {line["rule"]: line for line in person._jianxi_precheck(today="2024-06-01")}
        self.assertEqual(lines["one_open_application"]["result"], "fail")


@tagged("post_install", "-at_install")
class TestApplicantInternshipsPortal(JianxiHttpCase):
    """/my/internships, /my/internships/<id> and its POST actions: the applicant's own only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Internship = cls.env["jianxi.internship"]
        cls.position = cls._make_position(name="PortalTk 行政助理岗")
        cls.other_position = cls._make_position(cls.other_unit, name="PortalTk 思南秘书岗")
        cls.applied = Internship.create({"applicant_id": cls.applicant.id, "position_id": cls.position.id})
        cls.others = Internship.create({"applicant_id": cls.other_applicant.id, "position_id": cls.other_position.id})
        cls.others.sudo().write({"decline_reason": "机密的拒绝理由"})
        cls.duty_user = cls._portal_user("t_duty_user")
        cls.duty_applicant = cls._make_applicant(cls.duty_user.partner_id, "王在岗", birth=(2000, 6, 1))
        cls.on_duty = Internship.create(
            {
                "applicant_id": cls.duty_applicant.id,
                "position_id": cls.position.id,
                "agreement_date": "2024-03-01",
                "start_date": "2024-03-01",
                "planned_end_date": "2024-08-31",
            }
        )._jianxi_force_state("on_duty")

    def _detail(self, internship):
        return self.url_open(internship.access_url)

    # ------------------------------------------------------------------ list and detail
    def test_list_shows_only_own_applications(self):
        self._login(self.applicant_user)
        response = self.url_open("/my/internships")
        self.assertEqual(response.status_code, 200)
        html = self._text(response)
        self.assertIn(self.position.name, html)
        self.assertIn(self.applied.access_url, html)
        self.assertNotIn(self.other_position.name, html)
        self.assertNotIn(self.on_duty.access_url, html)
        self.assertIn(self.position.name, self._text(self.url_open("/my/internships?filterby=open")))
        self.assertNotIn(self.position.name, self._text(self.url_open("/my/internships?filterby=closed")))
        self.assertIn(self.position.name, self._text(self.url_open("/my/internships?filterby=nonsense")))
        self.assertEqual(self.url_open("/my/internships/page/9").status_code, 200)

    def test_detail_shows_timeline_and_the_reasons(self):
        self.applied._jianxi_force_state("withdrawn").flush_recordset()
        declined = self.env["jianxi.internship"].create(
            {"applicant_id": self.applicant.id, "position_id": self.other_position.id}
        )
        declined.with_user(self.other_unit_user).action_decline("岗位已满，感谢关注")
        self._login(self.applicant_user)
        html = self._text(self._detail(declined))
        self.assertIn("The unit's reason", html)
        self.assertIn("岗位已满，感谢关注", html)
        self.assertEqual(re.findall(r"o_jianxi_timeline_(done|current|todo|exit)", html), ["done", "exit"])
        self.assertNotIn("o_jianxi_withdraw_form", html)

        rejected = self.env["jianxi.internship"].create(
            {"applicant_id": self.applicant.id, "position_id": self.position.id}
        )
        rejected._jianxi_force_state("confirmed")
        rejected.with_user(self.officer_shiqian).action_reject("毕业时间超过两年")
        html = self._text(self._detail(rejected))
        self.assertIn("The bureau's reason", html)
        self.assertIn("毕业时间超过两年", html)
        self.assertEqual(re.findall(r"o_jianxi_timeline_(done|current|todo|exit)", html), ["done", "done", "exit"])

    def test_timeline_of_an_internship_on_duty(self):
        self._login(self.duty_user)
        html = self._text(self._detail(self.on_duty))
        self.assertEqual(
            re.findall(r"o_jianxi_timeline_(done|current|todo|exit)", html), ["done", "done", "done", "current", "todo"]
        )
        self.assertIn("o_jianxi_request_end_form", html)

    # ------------------------------------------------------------------ withdraw
    def test_withdraw_an_application(self):
        self._login(self.applicant_user)
        html = self._text(self._detail(self.applied))
        self.assertIn("o_jianxi_withdraw_form", html)
        response = self._post(f"{self.applied.access_url}/withdraw")
        self.assertEqual(urlsplit(response.url).path, self.applied.access_url)
        self.assertIn("Your application was withdrawn.", self._text(response))
        self.assertEqual(self.applied.state, "withdrawn")
        # Again: the model refuses, the page says why.
        response = self._post(f"{self.applied.access_url}/withdraw")
        self.assertEqual(response.status_code, 200)
        self.assertIn("this action needs it to be “Applied”", self._text(response))
        self.assertEqual(self.applied.state, "withdrawn")

    @mute_logger("odoo.http")
    def test_withdraw_refuses_a_get_or_a_missing_csrf_token(self):
        self._login(self.applicant_user)
        self.assertEqual(self.url_open(f"{self.applied.access_url}/withdraw").status_code, 405)
        self.assertEqual(self._post(f"{self.applied.access_url}/withdraw", {"csrf_token": "x"}).status_code, 400)
        self.assertEqual(self.applied.state, "applied")

    # ------------------------------------------------------------------ ask to end early
    def test_ask_to_end_early_with_a_reason(self):
        self._login(self.duty_user)
        response = self._post(f"{self.on_duty.access_url}/request_end", {"reason": "   "})
        self.assertEqual(response.status_code, 200)
        self.assertIn("Please write the reason.", self._text(response))
        self.assertEqual(self.on_duty.state, "on_duty")
        response = self._post(f"{self.on_duty.access_url}/request_end", {"reason": "已找到其他工作"})
        self.assertEqual(urlsplit(response.url).path, self.on_duty.access_url)
        self.assertIn("Your request was sent to the unit", self._text(response))
        self.assertEqual((self.on_duty.state, self.on_duty.end_request_reason), ("end_requested", "已找到其他工作"))
        self.assertIn("已找到其他工作", self._text(response))
        response = self._post(f"{self.on_duty.access_url}/request_end", {"reason": "再来一次"})
        self.assertIn("o_jianxi_portal_error", response.text)
        self.assertEqual(self.on_duty.end_request_reason, "已找到其他工作")

    # ------------------------------------------------------------------ wrong users
    @mute_logger("odoo.http")
    def test_other_applicant_unit_and_staff_get_404_and_no_data(self):
        secrets = (self.applicant.name, self.applicant.id_number)
        for user in (
            self.other_applicant_user,
            self.unit_user,
            self.unit_user2,
            self.other_unit_user,
            self.officer_shiqian,
            self.manager,
        ):
            with self.subTest(user=user.login):
                self._login(user)
                self.assertRefused(self._detail(self.applied), *secrets)
                self.assertRefused(self._post(f"{self.applied.access_url}/withdraw"), *secrets)
                self.assertRefused(
                    self._post(f"{self.on_duty.access_url}/request_end", {"reason": "冒名"}), self.duty_applicant.name
                )
                listing = self._text(self.url_open("/my/internships"))
                self.assertNotIn(self.applied.access_url, listing)
                self.assertNotIn(self.applicant.name, listing)
        self.assertEqual(self.applied.state, "applied")
        self.assertEqual(self.on_duty.state, "on_duty")

    @mute_logger("odoo.http")
    def test_unknown_ids_and_visitors(self):
        self._login(self.applicant_user)
        self.assertRefused(self.url_open("/my/internships/2147483000"))
        self.assertRefused(self._post("/my/internships/2147483000/withdraw"))
        self.assertEqual(self.url_open("/my/internships/abc").status_code, 404)
        self._login(None)
        for url in ("/my/internships", self.applied.access_url):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertEqual(urlsplit(response.url).path, "/web/login")
                self.assertRefused(response, self.applicant.name, self.position.name)
        self.assertRefused(self._post(f"{self.applied.access_url}/withdraw"), self.applicant.name)
        self.assertEqual(self.applied.state, "applied")

    # ------------------------------------------------------------------ home cards
    def test_home_cards_and_counter(self):
        self._login(self.applicant_user)
        html = self._text(self.url_open("/my"))
        self.assertIn("My Applicant Profile", html)
        self.assertIn('href="/my/internships"', html)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["jianxi_application_count"]})
        self.assertEqual(counters["jianxi_application_count"], 1)
        self.applicant.sudo().write({"id_card": False})
        html = self._text(self.url_open("/my"))
        self.assertIn("Still missing: ID Card Scan", html)

        self._login(self.officer_shiqian)
        self.assertNotIn("My Applicant Profile", self._text(self.url_open("/my")), "staff have no applicant profile")

        self._login(self.unit_user)
        html = self._text(self.url_open("/my"))
        self.assertNotIn("My Applicant Profile", html, "a unit contact has no applicant profile")
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["jianxi_application_count"]})
        self.assertEqual(counters["jianxi_application_count"], 0, "the unit's interns are not its applications")

    def test_counters_of_an_employee_outside_the_bureau(self):
        # An internal user with no internship access: the counter says 0, and the other counters
        # of the same request still answer (an AccessError would take the whole batch down).
        employee = new_test_user(self.env, login="t_plain_employee", groups="base.group_user")
        self._login(employee)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["jianxi_application_count"]})
        self.assertEqual(counters["jianxi_application_count"], 0)
