"""Internships held outside this system (issue 12, point 2): an officer records one on the person,
from the bureau's evidence; it counts for once in a lifetime like an internship in the database,
a manager's lifetime exception still lets the person intern again, and the officer's review shows
it. Only the bureau's staff read or write them."""

from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..rules import eligibility
from .test_internship import START, InternshipCase

EVIDENCE = "石人社通〔2021〕16号 见习人员花名册 第3页"


@tagged("post_install", "-at_install")
class TestPriorInternships(InternshipCase):
    def _record(self, user=None, applicant=None, **vals):
        return (
            self.env["jianxi.prior.internship"]
            .with_user(user or self.officer_shiqian)
            .create(
                {
                    "applicant_id": (applicant or self.applicant).id,
                    "unit_name": "石阡县某茶叶合作社",
                    "region_id": self.shiqian.id,
                    "date_start": date(2021, 3, 1),
                    "date_end": date(2021, 8, 31),
                    "source_document": EVIDENCE,
                    **vals,
                }
            )
        )

    def _review(self):
        internship = self.make("confirmed", start_date=START, agreement_date=START)
        internship.with_user(self.officer_shiqian).action_refresh_eligibility()
        return internship

    def _line(self, internship):
        return internship.check_ids.filtered(lambda line: line.rule == "once_per_lifetime")

    def test_an_internship_held_elsewhere_fails_once_per_lifetime(self):
        prior = self._record()
        self.assertEqual(prior.recorded_by_id, self.officer_shiqian, "the server records who recorded it")
        internship = self._review()
        line = self._line(internship)
        self.assertEqual(line.result, "fail")
        self.assertEqual(
            line.reason,
            "1 earlier internship(s), 1 of them held outside this system and recorded by the bureau: "
            "each person interns only once.",
        )
        # the officer's review lists it with the others
        earlier = internship.with_user(self.officer_shiqian).earlier_internships
        self.assertIn("石阡县某茶叶合作社", earlier)
        self.assertIn("2021-03-01 – 2021-08-31", earlier)
        self.assertIn(EVIDENCE, earlier)

    def test_without_one_the_line_passes_and_a_manager_exception_still_overrides(self):
        internship = self._review()
        self.assertEqual(self._line(internship).result, "pass")
        self._record()
        internship.with_user(self.officer_shiqian).action_refresh_eligibility()
        self.assertEqual(self._line(internship).result, "fail")
        internship.with_user(self.manager).action_record_lifetime_exception(
            "在外县见习未满一月即终止，经局长办公会同意再次见习"
        )
        line = self._line(internship)
        self.assertEqual(line.result, "pass")
        self.assertIn("accepted by a manager exception", line.reason)

    def test_the_rule_counts_both_kinds(self):
        history = eligibility.History(previous_internships=1, prior_internships=2)
        case = eligibility.Case(person=None, placement=None, history=history, policy=None, today=START)
        result, code, params = eligibility.RULE_FUNCTIONS["once_per_lifetime"](case)
        self.assertEqual(
            (result, code, params), ("fail", "once_per_lifetime.again_elsewhere", {"count": 3, "prior": 2})
        )

    def test_only_the_bureau_sees_them(self):
        prior = self._record()
        # an officer of another county, for a person who is not theirs
        self.assertFalse(
            self.env["jianxi.prior.internship"].with_user(self.officer_sinan).search([("id", "=", prior.id)])
        )
        with self.assertRaises(AccessError):
            self._record(user=self.officer_sinan)
        self.assertEqual(
            self.env["jianxi.prior.internship"].with_user(self.manager).search([("id", "=", prior.id)]), prior
        )
        # portal users, through JSON-RPC as well: no access at all
        for user in (self.applicant_user, self.unit_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["jianxi.prior.internship"].with_user(user).search_read([], ["unit_name"])
        # the person's own record does not show them to the person
        applicant = self.applicant.with_user(self.applicant_user)
        self.assertNotIn("prior_internship_ids", applicant.fields_get())

    def test_refused_values(self):
        today = fields.Date.context_today(self.env["jianxi.prior.internship"])
        for vals, message in (
            ({"date_start": today + timedelta(days=1), "date_end": False}, "between 1900-01-01 and today"),
            ({"date_start": date(1899, 12, 31)}, "between 1900-01-01 and today"),
            ({"date_end": date(2021, 2, 1)}, "cannot end before it starts"),
            ({"unit_name": "某单位\x00"}, "characters nobody types"),
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, message):
                self._record(**vals)
