"""The public notice (公示) of approved subsidy claims (issue 13, point 4): its working days, the
hold on the payment, the manager's override, the public page and its objections."""

from datetime import date, timedelta

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.case import TestCase
from odoo.tests.common import MetaCase
from odoo.tools import mute_logger

from ..rules import workdays
from .common import JianxiHttpCase
from .test_claim_payment import APPROVED, ClaimPaymentCase
from .test_subsidy_claim import CLAIM_DATE

# The 2025 National Day holiday, as the State Council set it: 1–8 October off, Sunday 28 September
# and Saturday 11 October worked.
NATIONAL_DAY_2025 = frozenset(date(2025, 10, day) for day in range(1, 9))
MAKEUP_2025 = frozenset({date(2025, 9, 28), date(2025, 10, 11)})

# (approved on, working days, holidays, make-up workdays) -> (first, last): each names its rule.
PERIODS = {
    "approved on a Friday: Monday to Friday of the next week": (
        (date(2024, 3, 15), 5, frozenset(), frozenset()),
        (date(2024, 3, 18), date(2024, 3, 22)),
    ),
    "approved on a Monday: from Tuesday, the weekend skipped": (
        (date(2024, 3, 18), 5, frozenset(), frozenset()),
        (date(2024, 3, 19), date(2024, 3, 25)),
    ),
    "approved on a Sunday: from Monday": (
        (date(2024, 3, 17), 5, frozenset(), frozenset()),
        (date(2024, 3, 18), date(2024, 3, 22)),
    ),
    "a holiday on a weekday is not counted": (
        (date(2024, 3, 15), 5, frozenset({date(2024, 3, 19)}), frozenset()),
        (date(2024, 3, 18), date(2024, 3, 25)),
    ),
    "the Golden Week with its make-up Saturday": (
        (date(2025, 9, 30), 5, NATIONAL_DAY_2025, MAKEUP_2025),
        (date(2025, 10, 9), date(2025, 10, 14)),
    ),
    "a make-up Sunday before the holiday counts": (
        (date(2025, 9, 26), 2, NATIONAL_DAY_2025, MAKEUP_2025),
        (date(2025, 9, 28), date(2025, 9, 29)),
    ),
    "one working day": (
        (date(2024, 3, 15), 1, frozenset(), frozenset()),
        (date(2024, 3, 18), date(2024, 3, 18)),
    ),
}


class TestWorkdaysRules(TestCase, metaclass=MetaCase):
    def test_notice_periods(self):
        for name, (args, expected) in PERIODS.items():
            with self.subTest(name):
                self.assertEqual(workdays.notice_period(*args), expected)

    def test_working_days(self):
        self.assertTrue(workdays.is_working_day(date(2025, 10, 11), NATIONAL_DAY_2025, MAKEUP_2025))
        self.assertFalse(workdays.is_working_day(date(2025, 10, 1), NATIONAL_DAY_2025, MAKEUP_2025))
        self.assertFalse(workdays.is_working_day(date(2025, 10, 12)))
        self.assertTrue(workdays.is_working_day(date(2025, 10, 13)))

    def test_a_length_out_of_bounds_is_refused(self):
        for days in (0, -1, workdays.MAX_NOTICE_WORKING_DAYS + 1, True, "5", 2.5, None):
            with self.subTest(days=days), self.assertRaises(ValueError):
                workdays.notice_period(date(2024, 3, 15), days)

    def test_a_year_of_holidays_ends_the_search(self):
        every_day = frozenset(date(2024, 1, 1) + timedelta(days=n) for n in range(400))
        with self.assertRaises(ValueError):
            workdays.notice_period(date(2024, 1, 1), 5, every_day)


@tagged("post_install", "-at_install")
class TestClaimNotice(ClaimPaymentCase):
    """CLAIM_DATE, 15 March 2024, is a Friday: a claim approved that day is in notice from Monday
    18 to Friday 22 March (the policy's 5 working days by default)."""

    def _in_notice(self):
        claim = self._submitted()
        claim.with_user(self.officer_shiqian).action_approve()
        return claim

    def test_approval_sets_the_notice_period_of_the_policy(self):
        claim = self._in_notice()
        self.assertEqual(self.policy.notice_working_days, 5)
        self.assertEqual((claim.notice_start_date, claim.notice_end_date), (date(2024, 3, 18), date(2024, 3, 22)))
        self.assertEqual(claim.notice_status, "upcoming")

    def test_the_managers_holidays_lengthen_the_notice(self):
        self.env["jianxi.calendar.day"].with_user(self.manager).create({"day": "2024-03-19", "name": "测试假日"})
        self.policy.notice_working_days = 3
        claim = self._in_notice()
        self.assertEqual((claim.notice_start_date, claim.notice_end_date), (date(2024, 3, 18), date(2024, 3, 21)))

    def test_the_status_follows_the_clock_and_can_be_searched(self):
        claim = self._in_notice()
        Claim = self.env["jianxi.subsidy.claim"]
        for day, status in (
            ("2024-03-17", "upcoming"),
            ("2024-03-18", "in_notice"),
            ("2024-03-22", "in_notice"),
            ("2024-03-23", "ended"),
        ):
            with self.subTest(day=day), freeze_time(day):
                claim.invalidate_recordset(["notice_status"])
                self.assertEqual(claim.notice_status, status)
                self.assertIn(claim, Claim.search([("notice_status", "=", status)]))
                others = [s for s, _label in Claim._fields["notice_status"].selection if s != status]
                self.assertNotIn(claim, Claim.search([("notice_status", "in", others)]))
        self.assertIn(self._claim(), Claim.search([("notice_status", "=", "none")]), "a draft")

    def test_no_payment_during_the_notice(self):
        claim = self._in_notice()
        for day in ("2024-03-15", "2024-03-20", "2024-03-22"):
            with self.subTest(day=day), freeze_time(day):
                officer_claim = claim.with_user(self.officer_shiqian)
                officer_claim.invalidate_recordset(["can_record_payment", "duty_notice"])
                self.assertFalse(officer_claim.can_record_payment)
                self.assertIn("is in public notice until", officer_claim.duty_notice)
                with self.assertRaisesRegex(UserError, "is in public notice until"):
                    officer_claim.action_open_payment()
                with self.assertRaisesRegex(UserError, "is in public notice until"):
                    officer_claim._jianxi_record_payment(APPROVED, day, "PZ-1")
                with self.assertRaisesRegex(UserError, "is in public notice until"):
                    claim.with_user(self.manager).action_create_payment_batch()
        self.assertUnpaid(claim)
        with freeze_time("2024-03-25"):
            with self.assertRaisesRegex(UserError, "after the public notice"):
                claim.with_user(self.officer_shiqian)._jianxi_record_payment(APPROVED, "2024-03-22", "PZ-1")
            self._pay(claim, self.officer_shiqian, day="2024-03-23")
        self.assertEqual((claim.state, claim.paid_date), ("paid", date(2024, 3, 23)))

    def test_a_batch_takes_claims_whose_notice_ended(self):
        claim = self._in_notice()
        with freeze_time("2024-03-25"):
            action = claim.with_user(self.manager).action_create_payment_batch()
            batch = self.env["jianxi.payment.batch"].browse(action["res_id"])
            batch.write({"payment_date": "2024-03-25", "payment_reference": "拨付-1"})
            batch.with_user(self.manager).action_mark_paid()
        self.assertEqual((claim.state, claim.paid_date), ("paid", date(2024, 3, 25)))

    def test_a_manager_may_override_the_notice_with_a_reason(self):
        claim = self._in_notice()
        with self.assertRaises(AccessError):
            claim.with_user(self.officer_shiqian).action_override_notice("年底结算")
        with self.assertRaisesRegex(UserError, "reason"):
            claim.with_user(self.manager).action_override_notice("  ")
        self.assertTrue(claim.with_user(self.manager).can_override_notice)
        action = claim.with_user(self.manager).action_open_notice_override()
        wizard = self.env[action["res_model"]].with_user(self.manager).browse(action["res_id"])
        wizard.reason = "财政年底结算，须在公示期满前拨付"
        wizard.action_confirm()
        self.assertEqual(
            (claim.notice_override_reason, claim.notice_override_by_id),
            ("财政年底结算，须在公示期满前拨付", self.manager),
        )
        self.assertFalse(claim.with_user(self.manager).can_override_notice)
        self._pay(claim, self.officer_shiqian)
        self.assertEqual((claim.state, claim.paid_date), ("paid", CLAIM_DATE))

    def test_no_override_once_the_notice_ended(self):
        claim = self._in_notice()
        with freeze_time("2024-03-25"), self.assertRaisesRegex(UserError, "not in public notice"):
            claim.with_user(self.manager).action_override_notice("多余的理由")

    def test_an_objection_reaches_the_officers_and_holds_the_payment(self):
        claim = self._in_notice()
        Objection = self.env["jianxi.notice.objection"]
        with freeze_time("2024-03-20"):
            objection = Objection._jianxi_submit(claim, " 李四 ", "13800000000", "该单位见习人员实际未到岗。")
        self.assertEqual((objection.name, objection.state, objection.region_id), ("李四", "open", self.shiqian))
        activities = objection.activity_ids
        self.assertIn(self.officer_shiqian, activities.user_id)
        self.assertEqual(activities.activity_type_id, self.env.ref("jianxi_internship.mail_activity_type_objection"))
        # the notice ends, a manager even overrides it: the open objection still holds the payment
        claim.with_user(self.manager).action_override_notice("急需拨付")
        with freeze_time("2024-03-25"):
            with self.assertRaisesRegex(UserError, "objection"):
                self._pay(claim, self.officer_shiqian)
            with self.assertRaises(AccessError):
                objection.with_user(self.officer_sinan).action_close("经核实不属实")
            with self.assertRaisesRegex(UserError, "reason"):
                objection.with_user(self.officer_shiqian).action_close("")
            objection.with_user(self.officer_shiqian).action_close("经核实，见习人员均已到岗，异议不成立。")
            self.assertEqual((objection.state, objection.handled_by_id), ("closed", self.officer_shiqian))
            self.assertFalse(objection.activity_ids, "the activity is done")
            with self.assertRaisesRegex(UserError, "needs it to be"):
                objection.with_user(self.officer_shiqian).action_close("再次处理")
            self._pay(claim, self.officer_shiqian, day="2024-03-25")
        self.assertEqual(claim.state, "paid")

    def test_objections_are_taken_during_the_notice_only(self):
        claim = self._in_notice()
        Objection = self.env["jianxi.notice.objection"]
        for day in ("2024-03-17", "2024-03-23"):
            with self.subTest(day=day), freeze_time(day), self.assertRaisesRegex(UserError, "notice of this claim"):
                Objection._jianxi_submit(claim, "", "", "异议")
        with freeze_time("2024-03-20"):
            for name, phone, content, message in (
                ("", "", "   ", "Please write your objection"),
                ("", "", "x" * 2001, "2000 characters at most"),
                ("张\x00三", "", "异议", "characters nobody types"),
                ("张三\n李四", "", "异议", "characters nobody types"),
                ("", "1" * 31, "异议", "30 characters at most"),
            ):
                with self.subTest(name=name, content=content[:10]), self.assertRaisesRegex(UserError, message):
                    Objection._jianxi_submit(claim, name, phone, content)
        self.assertFalse(claim.sudo().objection_ids)

    def test_the_policy_bounds_the_length(self):
        for days in (0, -3, workdays.MAX_NOTICE_WORKING_DAYS + 1):
            with self.subTest(days=days), self.assertRaises(ValidationError):
                self.policy.notice_working_days = days

    def test_the_table_of_days(self):
        Day = self.env["jianxi.calendar.day"].with_user(self.manager)
        saturday = Day.create({"day": "2024-03-16", "kind": "workday", "name": "调休"})
        with self.assertRaisesRegex(ValidationError, "Saturday or a Sunday"):
            Day.create({"day": "2024-03-18", "kind": "workday"})
        with self.assertRaisesRegex(ValidationError, "from 2000 to 2100"):
            Day.create({"day": "1999-12-31"})
        with self.assertRaises(AccessError):
            Day.with_user(self.officer_shiqian).create({"day": "2024-03-20"})
        self.assertEqual(saturday.with_context(lang="zh_CN").weekday, "星期六")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            Day.create({"day": "2024-03-16"})
        # the Saturday worked shortens the notice of a claim approved on Friday by one day
        self.assertEqual(self._in_notice().notice_end_date, date(2024, 3, 21))


@tagged("post_install", "-at_install")
class TestNoticePages(JianxiHttpCase):
    """/internships/notices and its objection form, as a visitor who is not signed in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        today = date.today()
        cls.claim = cls._published_claim(cls.unit, cls.applicant, today - timedelta(days=1), today + timedelta(days=3))
        cls.ended = cls._published_claim(
            cls.other_unit, cls.other_applicant, today - timedelta(days=9), today - timedelta(days=2)
        )

    @classmethod
    def _published_claim(cls, unit, applicant, start, end):
        claim = cls._claim_with_one_intern(unit, applicant)
        claim._jianxi_force_state("approved")
        claim.sudo()._jianxi_write_workflow({"notice_start_date": start, "notice_end_date": end})
        return claim

    def test_the_page_shows_the_claims_in_notice_and_no_person(self):
        self._login(None)
        page = self._html(self._get("/internships/notices"))
        self.assertIn(self.unit.name, page)
        self.assertIn(f"{self.claim.amount_total:,.2f}", page)
        self.assertIn(f"/internships/notices/{self.claim.id}/objection", page)
        self.assertNotIn(self.other_unit.name, page, "its notice is over")
        self.assertNotIn(self.applicant.name, page, "the public never sees the interns")
        filtered = self._html(self._get(f"/internships/notices?region={self.sinan.id}"))
        self.assertNotIn(self.unit.name, filtered)
        for query in ("?region=abc", "?region=99999999999999999999", "?page=abc", "/page/9999", "?region=%00"):
            with self.subTest(query=query):
                self.assertIn(self._get(f"/internships/notices{query}").status_code, (200, 404))

    def test_the_page_speaks_chinese(self):
        self.opener.cookies["frontend_lang"] = "zh_CN"
        page = self._html(self._get("/internships/notices"))
        self.assertIn("就业见习补贴公示", page)
        self.assertIn("提出异议", page)

    def test_the_unit_sees_its_notice_period(self):
        self._login(self.unit_user)
        page = self._html(self._get(f"/my/claims/{self.claim.id}"))
        self.assertIn('href="/internships/notices"', page)
        notice = page.split("o_jianxi_claim_notice", 1)[1][:600]
        self.assertIn("the claim is paid after the notice", notice)
        self.assertIn(self.claim.notice_end_date.strftime("%m/%d/%Y"), notice)

    def test_a_visitor_objects_through_the_form(self):
        self._login(None)
        url = f"/internships/notices/{self.claim.id}/objection"
        form = self._html(self._get(url))
        self.assertIn("csrf_token", form)
        self.assertIn('<textarea id="jianxi_objection_content"', form)
        response = self._post(url, {"name": "王五", "phone": "0856-1234567", "content": "该单位未为见习人员购买保险。"})
        self.assertRegex(response.url, r"/internships/notices\?sent=1$")
        self.assertIn("Your objection has been sent", self._text(response))
        objection = self.claim.sudo().objection_ids
        self.assertEqual((objection.name, objection.content), ("王五", "该单位未为见习人员购买保险。"))
        self.assertIn(self.officer_shiqian, objection.sudo().activity_ids.user_id)
        # without the CSRF token, nothing is stored
        with mute_logger("odoo.http"):
            refused = self._post(url, {"content": "无令牌"}, csrf=False)
        self.assertEqual(refused.status_code, 400)
        self.assertEqual(len(self.claim.sudo().objection_ids), 1)

    def test_a_refused_objection_keeps_what_was_typed(self):
        self._login(None)
        url = f"/internships/notices/{self.claim.id}/objection"
        for data, message in (
            ({"name": "赵六", "content": "  "}, "Please write your objection"),
            ({"name": "赵六", "content": "长" * 2001}, "2000 characters at most"),
            ({"name": "赵\x00六", "content": "异议内容"}, "characters nobody types"),
            ({"phone": "1" * 40, "content": "异议内容"}, "30 characters at most"),
        ):
            with self.subTest(message=message):
                page = self._html(self._post(url, data))
                self.assertIn(message, page)
                if data.get("name") == "赵六":
                    self.assertIn('value="赵六"', page)
        self.assertFalse(self.claim.sudo().objection_ids)

    def test_objections_are_throttled_per_address(self):
        self.env["ir.config_parameter"].sudo().set_param("jianxi_internship.objection_limit_per_hour", 2)
        self._login(None)
        url = f"/internships/notices/{self.claim.id}/objection"
        for number in range(2):
            self.assertIn("sent=1", self._post(url, {"content": f"异议{number}"}).url)
        page = self._html(self._post(url, {"content": "第三条异议"}))
        self.assertIn("Too many objections", page)
        self.assertIn("第三条异议", page, "the text is kept")
        self.assertEqual(len(self.claim.sudo().objection_ids), 2)

    def test_a_claim_out_of_notice_has_no_page(self):
        self._login(None)
        for claim_id in (self.ended.id, 0, 2**31 - 1):
            with self.subTest(claim_id=claim_id):
                self.assertEqual(self._get(f"/internships/notices/{claim_id}/objection").status_code, 404)
                self.assertEqual(
                    self._post(f"/internships/notices/{claim_id}/objection", {"content": "异议"}).status_code, 404
                )
        self.assertFalse(self.ended.sudo().objection_ids)

    def test_the_public_cannot_read_objections_or_claims(self):
        self._login(None)
        self.env["jianxi.notice.objection"].sudo().create({"claim_id": self.claim.id, "content": "内部"})
        public = self.env.ref("base.public_user")
        with self.assertRaises(AccessError):
            self.env["jianxi.notice.objection"].with_user(public).search([])
        with self.assertRaises(AccessError):
            self.env["jianxi.notice.objection"].with_user(self.unit_user).search([])
        self.assertFalse(self.env["jianxi.notice.objection"].with_user(self.officer_sinan).search([]))
