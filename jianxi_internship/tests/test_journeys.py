"""The journeys of issue 9: every person, from a fresh sign-up, through the pages they see.

Each phase is a series of browser tours (static/tests/tours/jianxi_journey_tours.js), one per
person at the screen, in Chinese: visitors and portal users at the size of the class (desktop
here, a phone in the subclass), bureau staff in Odoo's web client at desktop size. Between the
phases the server's clock moves on (freezegun, as Odoo's own tours do it, e.g. lunch's
test_ui, with ``tick=True`` so that time still runs inside a phase: the browser's timeouts and
the CSRF tokens' lifetimes work as in real life), so that the internship really runs for months
and the claim is really due. The test code only sets the clock and reads the database.

The only records made here are the bureau's staff accounts (an administrator creates them; they
do not sign up) and the switch of the demo's minimum wages to archived: the manager enters the
county's own figure in the first tour.
"""

import base64

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged
from odoo.tests import common as odoo_test_common

from .common import ChineseChromeBrowser, JianxiCase, VisitorSpeaksBrowserLanguage

# The phases (UTC; 10:00 in Guizhou) and the people of the tours.
PHASE_START = "2027-03-01 02:00:00"
PHASE_END_REQUEST = "2027-06-15 02:00:00"
PHASE_CLAIM = "2027-09-01 02:00:00"
# Approved on Wednesday 1 September, the claim is in public notice from Thursday 2 to Wednesday 8
# (five working days); it is paid the day after.
PHASE_NOTICE = "2027-09-02 02:00:00"
PHASE_PAY = "2027-09-09 02:00:00"
UNIT_NAME = "石阡县青禾农业科技有限公司"
POSITION = "农业数据助理见习岗"
GRADUATES_ONLY_POSITION = "农产品电商运营见习岗"
GRADUATE_LOGIN = "zhou.graduate@example.com"
JOBLESS_LOGIN = "wu.jobless@example.com"
UNIT_LOGIN = "qinghe.unit@example.com"
DESKTOP = "1366x768"


@tagged("post_install", "-at_install")
class TestJourneys(VisitorSpeaksBrowserLanguage, JianxiCase, HttpCase):
    """Two young people and one unit, from nothing to a paid subsidy, at desktop size."""

    portal_size = DESKTOP
    portal_touch = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        (cls.officer_shiqian | cls.manager).write({"lang": "zh_CN"})
        cls.env["jianxi.minimum.wage"].search([("is_demo", "=", True)]).active = False

    def setUp(self):
        super().setUp()
        self.patch(odoo_test_common, "ChromeBrowser", ChineseChromeBrowser)

    # ------------------------------------------------------------------ who is at the screen
    def _portal(self, tour, url="/web/login"):
        """A visitor or portal user: signed out at first, at the class's size."""
        self.browser_size, self.touch_enabled = self.portal_size, self.portal_touch
        self.start_tour(url, tour, login=None)
        self.env.invalidate_all()

    def _backend(self, tour, user):
        """A member of the bureau's staff, in the web client at desktop size, from their home."""
        self.browser_size, self.touch_enabled = DESKTOP, False
        self.start_tour("/odoo", tour, login=user.login)
        self.env.invalidate_all()

    def _find(self, model, domain):
        record = self.env[model].search(domain)
        self.assertEqual(len(record), 1, f"one {model} for {domain}")
        return record

    # ------------------------------------------------------------------ the journey
    def test_journeys_from_sign_up_to_paid_subsidy(self):
        with freeze_time(PHASE_START, tick=True):
            self._backend("jianxi_journey_manager_minimum_wage", self.manager)
            holiday = self._find("jianxi.calendar.day", [("name", "=", "中秋节")])
            self.assertEqual((str(holiday.day), holiday.kind), ("2027-09-15", "holiday"))
            self._portal("jianxi_journey_unit_signs_up", "/internships")
            unit = self._find("jianxi.unit", [("name", "=", UNIT_NAME)])
            self.assertEqual((unit.state, unit.region_id), ("submitted", self.shiqian))
            self.assertEqual(
                (unit.credit_code, unit.legal_representative, unit.contact_phone, unit.insured_staff_count),
                ("91520623MA6DT77771", "孙法人", "0856-7654321", 25),
            )
            self.assertTrue(base64.b64decode(unit.business_licence).startswith(b"%PDF-"))
            self.assertTrue(unit.activity_ids, "the county's officers have the certification on their desk")
            contact = self._find("res.users", [("login", "=", UNIT_LOGIN)])
            self.assertEqual((contact.lang, contact.commercial_partner_id), ("zh_CN", unit.partner_id))
            self.assertTrue(contact.share and not contact.has_group("base.group_user"), "portal only")

            self._backend("jianxi_journey_officer_certifies", self.officer_shiqian)
            self._portal("jianxi_journey_unit_posts_position")
            self._backend("jianxi_journey_officer_publishes", self.officer_shiqian)
            position = self._find("jianxi.position", [("name", "=", POSITION)])
            self.assertEqual((unit.state, position.state, position.unit_id), ("certified", "published", unit))
            self.assertEqual(position.content, "负责农业园区生产数据的录入与核对，由导师带教。")
            self.assertEqual((position.headcount, position.duration_months, position.allowance), (2, 6, 2200))
            # the categories the unit took on the portal's form (招收对象): ticked at first, some unticked
            categories = ("accepts_college", "accepts_vocational", "accepts_unemployed")
            self.assertEqual([position[name] for name in categories], [True, False, True])
            graduates_only = self._find("jianxi.position", [("name", "=", GRADUATES_ONLY_POSITION)])
            self.assertEqual([graduates_only[name] for name in categories], [True, False, False])
            self.assertEqual((graduates_only.state, graduates_only.majors), ("published", "电子商务"))

            self._portal("jianxi_journey_graduate_applies", "/internships")
            self._portal("jianxi_journey_jobless_applies", "/internships")
            graduate = self._find("jianxi.applicant", [("partner_id.user_ids.login", "=", GRADUATE_LOGIN)])
            jobless = self._find("jianxi.applicant", [("partner_id.user_ids.login", "=", JOBLESS_LOGIN)])
            self.assertEqual((graduate.category, jobless.category), ("college", "unemployed"))
            self.assertEqual(
                (graduate.id_number, graduate.household_region_id, graduate.school, str(graduate.diploma_date)),
                ("520623200309094689", self.shiqian, "铜仁学院", "2026-07-01"),
            )
            self.assertEqual((graduate.diploma_filename, jobless.id_number), ("毕业证.pdf", "52062320050505123X"))
            self.assertEqual(str(jobless.unemployment_registration_date), "2026-12-10")
            self.assertTrue(graduate.diploma and jobless.unemployment_proof)
            for person in graduate | jobless:
                # answered on the profile form, and declared (承诺) before applying, dated by the server
                self.assertEqual(
                    (person.is_student, person.is_employed, person.has_business_licence), ("no", "no", "no")
                )
                self.assertEqual(person.declared_at.date().isoformat(), PHASE_START[:10])
                self.assertEqual(person.verification_state, "unverified")
            internships = self.env["jianxi.internship"].search([("position_id", "=", position.id)])
            self.assertEqual(internships.applicant_id, graduate | jobless, "one application each, the second refused")
            # the unemployed young person applied from the recommendation (推荐岗位) they followed
            followed = self.env["jianxi.internship"].search([("applicant_id", "=", jobless.id)])
            self.assertEqual(followed.position_id, position, "the recommended position, not the graduates' only")
            self.assertFalse(self.env["jianxi.internship"].search_count([("position_id", "=", graduates_only.id)]))

            self._portal("jianxi_journey_unit_confirms")
            self.assertEqual(set(internships.mapped("state")), {"confirmed"})
            self._backend("jianxi_journey_officer_approves", self.officer_shiqian)
            self.assertEqual(set(internships.mapped("state")), {"approved"})
            self.assertFalse(any(internships.mapped("override_reason")), "the checklists passed: no override")
            self.assertFalse(any(internships.mapped("approved_unverified")))
            for person in graduate | jobless:
                self.assertEqual((person.verification_state, person.verified_by_id), ("verified", self.officer_shiqian))
            exclusions = internships.check_ids.filtered(lambda line: line.rule == "exclusions")
            self.assertEqual(exclusions.mapped("result"), ["pass", "pass"])
            self._portal("jianxi_journey_unit_onboards")
            self.assertEqual(set(internships.mapped("state")), {"on_duty"})
            for internship in internships:
                self.assertEqual(
                    (str(internship.start_date), str(internship.planned_end_date), internship.medical_premium),
                    ("2027-03-01", "2027-08-31", 150),
                )
                for name in ("agreement_file", "accident_policy_file", "medical_policy_file", "invoice_file"):
                    self.assertTrue(base64.b64decode(internship[name]).startswith(b"%PDF-"), name)
            self.assertEqual(set(internships.mapped("invoice_filename")), {"保费发票.pdf"})

        graduate_internship = internships.filtered(lambda i: i.applicant_id == graduate)
        jobless_internship = internships - graduate_internship
        with freeze_time(PHASE_END_REQUEST, tick=True):
            self._portal("jianxi_journey_unit_uploads_spring_papers")
            papers = self.env["jianxi.monthly.paper"].search([("unit_id", "=", unit.id)])
            self.assertEqual(
                sorted((f"{paper.month:%Y-%m}", paper.kind) for paper in papers),
                [(f"2027-0{month}", kind) for month in (3, 4, 5) for kind in ("allowance", "attendance")],
            )
            for paper in papers:
                self.assertEqual(paper.internship_ids, internships, "one file covers both interns")
                self.assertEqual((paper.uploaded_by_id, paper.filename[-4:]), (contact, ".pdf"))
            self._portal("jianxi_journey_graduate_asks_to_end")
            self.assertEqual(graduate_internship.state, "end_requested")
            self._portal("jianxi_journey_unit_accepts_end")
            self.assertEqual(
                (graduate_internship.state, graduate_internship.end_reason, str(graduate_internship.actual_end_date)),
                ("ended", "job_elsewhere", "2027-06-15"),
            )

        with freeze_time(PHASE_CLAIM, tick=True):
            self._portal("jianxi_journey_unit_ends_and_claims")
            self.assertEqual((jobless_internship.state, jobless_internship.end_reason), ("ended", "completed"))
            claim = self._find("jianxi.subsidy.claim", [("unit_id", "=", unit.id)])
            self.assertEqual((claim.state, str(claim.claim_date), claim.intern_count), ("submitted", "2027-09-01", 2))
            # 1,800 × 60 % = 1,080 a month. The graduate: March to May and 15 of June's 30 days,
            # 3.5 months = 3,780; the unemployed youth: March to August, 6,480; premiums 100 + 150
            # for each (under the 300 cap).
            by_intern = {line.internship_id: line.total for line in claim.line_ids}
            self.assertEqual(by_intern, {graduate_internship: 4030.0, jobless_internship: 6730.0})
            # every month on duty has its two monthly papers: no remark on the lines
            papers = self.env["jianxi.monthly.paper"].search([("unit_id", "=", unit.id)])
            self.assertEqual(len(papers), 12)
            for month in ("2027-07", "2027-08"):
                self.assertEqual(
                    papers.filtered(lambda p, month=month: f"{p.month:%Y-%m}" == month).internship_ids,
                    jobless_internship,
                )
            self.assertFalse(claim.line_ids.filtered("papers_missing"))
            self.assertFalse(any(claim.line_ids.mapped("papers_reason_code")))
            self.assertEqual(claim.amount_total, 10760.0)

            # The unit submitted the claim, so the county's officer approves it: it is published
            # (公示) and held until its notice is over. A visitor objects; the officer checks it.
            self.assertEqual(claim.submitted_by_id, contact)
            self._backend("jianxi_journey_officer_approves_claim", self.officer_shiqian)
            self.assertEqual(claim.state, "approved")
            self.assertEqual((str(claim.notice_start_date), str(claim.notice_end_date)), ("2027-09-02", "2027-09-08"))
        with freeze_time(PHASE_NOTICE, tick=True):
            self._portal("jianxi_journey_visitor_objects", "/internships")
            objection = self._find("jianxi.notice.objection", [("claim_id", "=", claim.id)])
            self.assertEqual(
                (objection.name, objection.phone, objection.content),
                ("郑群众", "13700001111", "听说该单位有见习人员实际没有到岗，请核实。"),
            )
            self.assertIn(self.officer_shiqian, objection.activity_ids.user_id)
            self._backend("jianxi_journey_officer_handles_objection", self.officer_shiqian)
            self.assertEqual((objection.state, objection.handled_by_id), ("closed", self.officer_shiqian))
            self.assertIn("异议不成立", objection.outcome)
            self.assertEqual(claim.state, "approved", "still in notice: not paid")

        with freeze_time(PHASE_PAY, tick=True):
            # The policy does not ask for a second person to record the payment
            # (payment_by_other_than_approver is off by default), so the same officer records it,
            # through the payment window.
            self._backend("jianxi_journey_officer_pays", self.officer_shiqian)
            self.assertEqual((claim.state, str(claim.paid_date)), ("paid", "2027-09-09"))
            self.assertEqual(
                (claim.paid_amount, claim.payment_reference, claim.paid_by_id, claim.approved_by_id),
                (10760.0, "石人社拨〔2027〕0909号", self.officer_shiqian, self.officer_shiqian),
            )
            self.assertFalse(claim.payment_difference_reason)
            self._portal("jianxi_journey_unit_sees_paid")


@tagged("post_install", "-at_install")
class TestJourneysPhone(TestJourneys):
    """The same journeys with the visitors and portal users on a phone-sized touch screen."""

    portal_size = "375x667"
    portal_touch = True
    allow_inherited_tests_method = True  # Odoo's own runner only runs a class's own methods otherwise
