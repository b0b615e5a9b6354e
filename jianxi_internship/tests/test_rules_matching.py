# Pure-Python rules, no database: see test_rules_identity.py for why TestCase + MetaCase.
import json
from dataclasses import replace

from odoo.tests.case import TestCase
from odoo.tests.common import MetaCase

from odoo.addons.jianxi_internship.rules import eligibility as el
from odoo.addons.jianxi_internship.rules import matching as mt
from odoo.addons.jianxi_internship.rules.matching import MET, MISSED, UNKNOWN

CATALOGUE = mt.MajorCatalogue(
    [
        ("计算机科学与技术", "计算机、计算机科学、Computer Science"),
        ("会计学", ["会计", "财务会计"]),
        ("软件工程", None),
    ]
)
SEEKER = mt.Seeker(
    category="college",
    education_level="bachelor",
    education_rank=30,
    major="计算机",
    household_county_id=7,
    household_county_name="石阡县",
)
OPENING = mt.Opening(
    required_level="junior_college",
    required_rank=20,
    majors="计算机科学与技术、会计学",
    county_id=7,
    county_name="石阡县",
)
PASSING = (el.CheckLine("id_number", el.PASS, "id_number.valid", {"birth_date": "2001-03-15"}),)


class TestRulesMatching(TestCase, metaclass=MetaCase):
    def criteria(self, seeker=SEEKER, opening=OPENING, lines=PASSING):
        return mt.evaluate(seeker, opening, CATALOGUE, lines)

    def assertCriterion(self, code, result, reason_code=None, reason=None, **kwargs):
        found = {c.criterion: c for c in self.criteria(**kwargs)}[code]
        self.assertEqual(found.result, result, str(found.reason))
        if reason_code is not None:
            self.assertEqual(found.reason_code, reason_code)
        if reason is not None:
            self.assertEqual(str(found.reason), reason)
        return found

    # ------------------------------------------------------------------ the whole match
    def test_every_criterion_in_order_and_all_met(self):
        criteria = self.criteria()
        self.assertEqual([c.criterion for c in criteria], list(mt.CRITERIA))
        self.assertEqual(mt.met_count(criteria), 5)
        self.assertTrue(mt.fits(criteria))
        self.assertEqual(
            [str(p) for p in mt.summary(criteria)],
            [
                "education level fits",
                "major matches",
                "category accepted",
                "in the household county",
                "meets the eligibility conditions",
            ],
        )

    def test_params_are_plain_json_and_render_again(self):
        for criterion in self.criteria(seeker=replace(SEEKER, major="计算机应用"), lines=[]):
            stored = json.loads(json.dumps(criterion.reason_params))
            self.assertEqual(mt.render_reason(criterion.reason_code, stored), str(criterion.reason))
            self.assertTrue(mt.render_criterion(criterion.criterion))

    def test_unknown_code_or_params_render_as_the_code(self):
        self.assertEqual(mt.render_reason("major.from_the_future", {}), "major.from_the_future")
        self.assertEqual(mt.render_reason("major.same", {"nothing": 1}), "major.same")
        self.assertEqual(mt.render_criterion("salary"), "salary")

    # ------------------------------------------------------------------ education
    def test_education_any_level_when_none_required(self):
        self.assertCriterion("education", MET, "education.any", opening=replace(OPENING, required_level=None))

    def test_education_fits_at_or_above_the_required_level(self):
        self.assertCriterion(
            "education", MET, "education.fits", "Education level bachelor meets the required junior college."
        )
        self.assertCriterion("education", MET, "education.fits", opening=replace(OPENING, required_rank=30))

    def test_education_below_the_required_level_is_missed(self):
        self.assertCriterion(
            "education",
            MISSED,
            "education.below",
            "Education level secondary vocational is below the required junior college.",
            seeker=replace(SEEKER, education_level="vocational", education_rank=10),
        )

    def test_education_missing_is_unknown(self):
        self.assertCriterion(
            "education", UNKNOWN, "education.missing", seeker=replace(SEEKER, education_level=None, education_rank=None)
        )

    # ------------------------------------------------------------------ major
    def test_major_alias_is_the_same_major(self):
        # 计算机 is an alias of 计算机科学与技术 in the catalogue
        self.assertCriterion("major", MET, "major.same", "Major 计算机 is the sought 计算机科学与技术.")

    def test_major_alias_given_as_a_list_and_in_another_case(self):
        self.assertCriterion("major", MET, "major.same", seeker=replace(SEEKER, major="财务会计"))
        self.assertCriterion("major", MET, "major.same", seeker=replace(SEEKER, major="computer  science"))

    def test_major_unknown_to_the_catalogue_written_alike_is_the_same(self):
        self.assertCriterion(
            "major",
            MET,
            "major.same",
            seeker=replace(SEEKER, major="旅游管理"),
            opening=replace(OPENING, majors="旅游管理"),
        )

    def test_major_close_by_text_similarity(self):
        found = self.assertCriterion("major", MET, "major.close", seeker=replace(SEEKER, major="计算机应用技术"))
        self.assertEqual(found.reason_params["listed"], "计算机科学与技术")
        self.assertEqual([str(p) for p in mt.summary([found])], ["related major"])

    def test_major_different_is_missed(self):
        self.assertCriterion(
            "major",
            MISSED,
            "major.different",
            "Major 汉语言文学 is none of the sought 计算机科学与技术、会计学.",
            seeker=replace(SEEKER, major="汉语言文学"),
        )
        self.assertFalse(mt.fits(self.criteria(seeker=replace(SEEKER, major="汉语言文学"))))

    def test_major_any_when_the_position_names_none(self):
        self.assertCriterion("major", MET, "major.any", opening=replace(OPENING, majors="  "))

    def test_major_any_when_the_position_writes_unrestricted(self):
        # 不限 is what Chinese postings write for "any major": not a major named 不限
        for written in (
            "不限",
            " 专业不限。",
            "不限专业",
            "专业：不限",
            "专业 不限！",
            "无专业要求",
            "所有专业",
            "计算机、不限",
        ):
            with self.subTest(written=written):
                self.assertCriterion("major", MET, "major.any", opening=replace(OPENING, majors=written))
        self.assertFalse(mt.any_major("不限于计算机"))
        self.assertFalse(mt.any_major("计算机科学与技术、会计学"))

    def test_major_missing_is_unknown(self):
        self.assertCriterion("major", UNKNOWN, "major.missing", seeker=replace(SEEKER, major=None))

    def test_split_majors_on_chinese_and_latin_separators(self):
        self.assertEqual(
            mt.split_majors("计算机、会计学，软件工程; 电子商务\n物流"),
            ["计算机", "会计学", "软件工程", "电子商务", "物流"],
        )

    def test_similarity_containment_and_pairs(self):
        self.assertEqual(mt.similarity("软件工程", "软件工程技术"), 1.0)
        self.assertEqual(mt.similarity("", "软件工程"), 0.0)
        self.assertLess(mt.similarity("土木工程", "汉语言文学"), mt.CLOSE_SIMILARITY)

    # ------------------------------------------------------------------ category
    def test_category_accepted(self):
        self.assertCriterion("category", MET, "category.accepted", "The position takes a college graduate.")

    def test_category_not_accepted_is_missed(self):
        opening = replace(OPENING, accepted_categories=frozenset({"unemployed"}))
        self.assertCriterion(
            "category",
            MISSED,
            "category.not_accepted",
            "The position does not take a college graduate.",
            opening=opening,
        )
        self.assertFalse(mt.fits(self.criteria(opening=opening)))

    def test_category_missing_is_unknown(self):
        self.assertCriterion("category", UNKNOWN, "category.missing", seeker=replace(SEEKER, category=None))

    # ------------------------------------------------------------------ county
    def test_county_home(self):
        self.assertCriterion("county", MET, "county.home", "The work county 石阡县 is the household county.")

    def test_county_away_is_missed_but_still_fits(self):
        opening = replace(OPENING, county_id=8, county_name="思南县")
        self.assertCriterion(
            "county",
            MISSED,
            "county.away",
            "The work county 思南县 is not the household county 石阡县.",
            opening=opening,
        )
        self.assertTrue(mt.fits(self.criteria(opening=opening)))

    def test_county_missing_is_unknown(self):
        self.assertCriterion("county", UNKNOWN, "county.missing", seeker=replace(SEEKER, household_county_id=None))

    # ------------------------------------------------------------------ eligibility
    def test_eligibility_passes(self):
        self.assertCriterion("eligibility", MET, "eligibility.passes")

    def test_eligibility_fail_names_the_rule_and_its_reason(self):
        lines = [*PASSING, el.CheckLine("one_open_application", el.FAIL, "one_open_application.others", {"count": 1})]
        self.assertCriterion(
            "eligibility",
            MISSED,
            "eligibility.fails",
            "Would not pass “One open application”: 1 other open application(s): only one is allowed at a time.",
            lines=lines,
        )

    def test_eligibility_fail_before_unknown(self):
        lines = [
            el.CheckLine("category", el.UNKNOWN, "category.missing", {}),
            el.CheckLine("age", el.FAIL, "age.outside", {"age": 26, "date": "2024-03-01", "min": 16, "max": 24}),
        ]
        found = self.assertCriterion("eligibility", MISSED, "eligibility.fails", lines=lines)
        self.assertEqual(found.reason_params["rule"], "age")

    def test_eligibility_incomplete_is_unknown(self):
        lines = [el.CheckLine("category", el.UNKNOWN, "category.missing", {})]
        self.assertCriterion(
            "eligibility",
            UNKNOWN,
            "eligibility.incomplete",
            "Cannot be decided yet, “Category”: The applicant's category is missing.",
            lines=lines,
        )

    def test_eligibility_without_policy_is_unknown(self):
        self.assertCriterion("eligibility", UNKNOWN, "eligibility.no_policy", lines=None)

    # ------------------------------------------------------------------ ranking
    def test_sort_by_criteria_met_then_arrival(self):
        best = self.criteria()
        worse = self.criteria(opening=replace(OPENING, county_id=8))
        ranked = sorted(
            [("late-worse", worse, 1), ("late-best", best, 3), ("early-best", best, 2)],
            key=lambda row: mt.sort_key(row[1], row[2]),
        )
        self.assertEqual([row[0] for row in ranked], ["early-best", "late-best", "late-worse"])
