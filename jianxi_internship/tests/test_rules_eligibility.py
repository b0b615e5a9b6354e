# Pure-Python rules, no database: see test_rules_identity.py for why TestCase + MetaCase.
import json
from dataclasses import replace
from datetime import date

from odoo.tests.case import TestCase
from odoo.tests.common import MetaCase

from odoo.addons.jianxi_internship.rules import eligibility as el
from odoo.addons.jianxi_internship.rules.eligibility import FAIL, PASS, UNKNOWN

from .common import GRADUATE_RULES

RIC_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def make_id(birth, address="520623", sequence="123"):
    first17 = address + birth + sequence
    return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, RIC_WEIGHTS, strict=True)) % 11]


TONGREN = frozenset({"520000", "520600", "520623"})  # Guizhou > Tongren > Shiqian
GUIYANG = frozenset({"520000", "520100", "520102"})  # Guizhou > Guiyang > Nanming

GRADUATE = el.Person(
    id_number=make_id("20010315"),
    category="college",
    education_level="bachelor",
    diploma_date=date(2023, 6, 30),
    diploma_registration_date=date(2023, 7, 10),
    household_region_codes=TONGREN,
    is_student=False,
    is_employed=False,
    has_business_licence=False,
)
UNEMPLOYED = replace(
    GRADUATE,
    id_number=make_id("20000301"),
    category="unemployed",
    education_level=None,
    diploma_date=None,
    diploma_registration_date=None,
    unemployment_registration_date=date(2024, 2, 20),
)
PLACEMENT = el.Placement(agreement_date=date(2024, 3, 1), start_date=date(2024, 3, 4))
HISTORY = el.History()
POLICY = el.EligibilityPolicy()
TODAY = date(2024, 3, 1)

UNEMPLOYED_RULES = [
    "id_number",
    "exclusions",
    "category",
    "age",
    "household",
    "unemployment_registration",
    "once_per_lifetime",
    "one_open_application",
]


class TestRulesEligibility(TestCase, metaclass=MetaCase):
    def check(self, person=GRADUATE, placement=PLACEMENT, history=HISTORY, policy=POLICY, today=TODAY):
        return el.checklist(person, placement, history, policy, today=today)

    def line(self, rule, **kwargs):
        lines = {line.rule: line for line in self.check(**kwargs)}
        self.assertIn(rule, lines, f"no '{rule}' line")
        return lines[rule]

    def assertLine(self, rule, result, reason=None, **kwargs):
        line = self.line(rule, **kwargs)
        self.assertEqual(line.result, result, str(line.reason))
        if reason is not None:
            self.assertEqual(str(line.reason), reason)
        return line

    def rules(self, **kwargs):
        return [line.rule for line in self.check(**kwargs)]

    # --- order and helpers -----------------------------------------------------------

    def test_checklist_college_graduate_all_pass_in_order(self):
        lines = self.check()
        self.assertEqual([line.rule for line in lines], GRADUATE_RULES)
        self.assertEqual({line.result for line in lines}, {PASS})
        self.assertTrue(el.is_eligible(lines))
        self.assertEqual(el.failing(lines), [])

    def test_checklist_unemployed_all_pass_in_order(self):
        lines = self.check(person=UNEMPLOYED)
        self.assertEqual([line.rule for line in lines], UNEMPLOYED_RULES)
        self.assertTrue(el.is_eligible(lines))

    def test_checklist_vocational_graduate_lines_in_order(self):
        person = replace(
            GRADUATE,
            category="vocational",
            education_level="vocational",
            diploma_date=date(2024, 1, 15),
            diploma_registration_date=date(2024, 2, 1),
        )
        lines = self.check(person=person, placement=replace(PLACEMENT, key_county=True))
        self.assertEqual(
            [line.rule for line in lines],
            [
                "id_number",
                "exclusions",
                "category",
                "education_level",
                "vocational_area",
                "graduation_window",
                "diploma_registration",
                "household",
                "once_per_lifetime",
                "one_open_application",
            ],
        )
        self.assertTrue(el.is_eligible(lines))

    def test_is_eligible_false_with_unknown_and_failing_lists_only_fail_lines(self):
        lines = self.check(person=replace(GRADUATE, is_student=None), history=el.History(other_open_applications=1))
        self.assertFalse(el.is_eligible(lines))
        self.assertEqual([line.rule for line in el.failing(lines)], ["one_open_application"])
        self.assertEqual([line.rule for line in el.missing(lines)], ["exclusions"])

    def test_rule_labels_cover_every_rule(self):
        self.assertEqual(
            set(el.RULE_LABELS), set(GRADUATE_RULES + UNEMPLOYED_RULES) | {"vocational_area", "diploma_registration"}
        )
        self.assertEqual(str(el.RULE_LABELS["once_per_lifetime"]), "Once per lifetime")

    def test_check_lines_compare_without_reason(self):
        first, second = self.check(), self.check()
        self.assertEqual(first, second)
        self.assertEqual(len({*first}), len(GRADUATE_RULES))  # hashable despite the lazy reason

    # --- reasons as codes and parameters ------------------------------------------------

    def test_rule_functions_registered_in_rule_order(self):
        self.assertEqual(tuple(el.RULE_FUNCTIONS), el.RULES)

    def test_line_carries_reason_code_and_params_rendered_on_demand(self):
        person = replace(GRADUATE, diploma_date=date(2022, 6, 30))
        placement = el.Placement(agreement_date=date(2024, 6, 28), start_date=date(2024, 7, 1))
        line = self.line("graduation_window", person=person, placement=placement)
        self.assertEqual(
            (line.reason_code, line.reason_params),
            (
                "graduation_window.ended",
                {
                    "diploma": "2022-06-30",
                    "years": 2,
                    "end": "2024-06-30",
                    "ref_label": "start_date",
                    "ref": "2024-07-01",
                },
            ),
        )
        self.assertEqual(el.render_reason(line.reason_code, line.reason_params), str(line.reason))

    def test_reason_params_are_codes_that_survive_json(self):
        person = replace(GRADUATE, category="vocational", is_student=True, has_business_licence=None)
        lines = self.check(person=person)
        params = {line.rule: line.reason_params for line in lines}
        self.assertEqual(params["exclusions"], {"student": True, "employed": False, "licence": None})
        self.assertEqual(params["education_level"], {"level": "bachelor", "category": "vocational"})
        for line in lines:
            stored = json.loads(json.dumps(line.reason_params))
            self.assertEqual(el.render_reason(line.reason_code, stored), str(line.reason))

    def test_invalid_id_number_reason_is_the_identity_error(self):
        line = self.line("id_number", person=replace(GRADUATE, id_number="123"))
        self.assertEqual((line.result, line.reason_code, line.reason_params), (FAIL, "id_number.length", {"count": 3}))
        self.assertEqual(str(line.reason), "The ID number must have 18 characters, not 3.")

    # --- id_number --------------------------------------------------------------------

    def test_id_number_missing_is_unknown(self):
        self.assertLine("id_number", UNKNOWN, "The ID number is missing.", person=replace(GRADUATE, id_number=None))

    def test_id_number_valid_passes_with_birth_date(self):
        self.assertLine("id_number", PASS, "Valid ID number; birth date 2001-03-15.")

    def test_id_number_bad_checksum_fails(self):
        bad = GRADUATE.id_number[:17] + ("0" if GRADUATE.id_number[17] != "0" else "1")
        line = self.assertLine("id_number", FAIL, person=replace(GRADUATE, id_number=bad))
        self.assertIn("check character", str(line.reason))

    def test_id_number_birth_date_in_future_fails(self):
        self.assertLine(
            "id_number",
            FAIL,
            "The birth date 2024-03-02 in the ID number is in the future.",
            person=replace(GRADUATE, id_number=make_id("20240302")),
            today=date(2024, 3, 1),
        )

    # --- exclusions -------------------------------------------------------------------

    def test_exclusions_student_fails(self):
        self.assertLine(
            "exclusions",
            FAIL,
            "Excluded: student: yes; employed: no; business licence: no.",
            person=replace(GRADUATE, is_student=True),
        )

    def test_exclusions_employed_fails(self):
        self.assertLine(
            "exclusions",
            FAIL,
            "Excluded: student: no; employed: yes; business licence: not recorded.",
            person=replace(GRADUATE, is_employed=True, has_business_licence=None),
        )

    def test_exclusions_business_licence_fails(self):
        self.assertLine(
            "exclusions",
            FAIL,
            "Excluded: student: no; employed: no; business licence: yes.",
            person=replace(GRADUATE, has_business_licence=True),
        )

    def test_exclusions_not_recorded_is_unknown(self):
        self.assertLine(
            "exclusions",
            UNKNOWN,
            "Not all recorded: student: no; employed: not recorded; business licence: no.",
            person=replace(GRADUATE, is_employed=None),
        )

    def test_exclusions_all_false_passes(self):
        self.assertLine("exclusions", PASS, "Not a student, not employed and no business licence.")

    # --- category ---------------------------------------------------------------------

    def test_category_missing_is_unknown_and_skips_category_rules(self):
        person = replace(GRADUATE, category=None)
        self.assertLine("category", UNKNOWN, "The applicant's category is missing.", person=person)
        self.assertEqual(
            self.rules(person=person),
            ["id_number", "exclusions", "category", "household", "once_per_lifetime", "one_open_application"],
        )

    def test_category_unrecognised_fails(self):
        self.assertLine(
            "category", FAIL, "Unrecognised category retired.", person=replace(GRADUATE, category="retired")
        )

    # --- age (unemployed) -------------------------------------------------------------

    def test_age_24_on_agreement_date_passes(self):
        # born 2000-03-01; on 2025-02-28 the 25th birthday is one day away: age 24
        placement = el.Placement(agreement_date=date(2025, 2, 28), start_date=date(2025, 3, 3))
        self.assertLine(
            "age",
            PASS,
            "Age 24 on the agreement date 2025-02-28 is within 16–24.",
            person=UNEMPLOYED,
            placement=placement,
        )

    def test_age_25_fails(self):
        placement = el.Placement(agreement_date=date(2025, 3, 1), start_date=date(2025, 3, 3))
        self.assertLine(
            "age",
            FAIL,
            "Age 25 on the agreement date 2025-03-01 is outside 16–24.",
            person=UNEMPLOYED,
            placement=placement,
        )

    def test_age_counted_on_agreement_date_not_start_date(self):
        # signed at 24, starts after the 25th birthday: still eligible
        placement = el.Placement(agreement_date=date(2025, 2, 27), start_date=date(2025, 3, 10))
        self.assertLine("age", PASS, person=UNEMPLOYED, placement=placement)

    def test_age_16_passes_and_15_fails(self):
        person = replace(UNEMPLOYED, id_number=make_id("20080301"))
        self.assertLine("age", PASS, "Age 16 on the agreement date 2024-03-01 is within 16–24.", person=person)
        self.assertLine(
            "age",
            FAIL,
            "Age 15 on the agreement date 2024-02-29 is outside 16–24.",
            person=person,
            placement=el.Placement(agreement_date=date(2024, 2, 29), start_date=date(2024, 3, 4)),
        )

    def test_age_limits_follow_policy(self):
        # a province with 16-29: 25 passes
        placement = el.Placement(agreement_date=date(2025, 3, 1), start_date=date(2025, 3, 3))
        self.assertLine(
            "age",
            PASS,
            "Age 25 on the agreement date 2025-03-01 is within 16–29.",
            person=UNEMPLOYED,
            placement=placement,
            policy=replace(POLICY, max_age=29),
        )

    def test_age_missing_agreement_date_is_unknown(self):
        self.assertLine(
            "age",
            UNKNOWN,
            "The agreement date is missing, so the age cannot be computed.",
            person=UNEMPLOYED,
            placement=replace(PLACEMENT, agreement_date=None),
        )

    def test_age_without_valid_id_is_unknown(self):
        good = UNEMPLOYED.id_number
        bad = good[:17] + ("1" if good[17] != "1" else "2")
        self.assertLine("id_number", FAIL, person=replace(UNEMPLOYED, id_number=bad))
        self.assertLine(
            "age",
            UNKNOWN,
            "The age cannot be computed without a valid ID number.",
            person=replace(UNEMPLOYED, id_number=bad),
        )

    def test_age_not_checked_for_graduates(self):
        self.assertNotIn("age", self.rules())

    # --- education_level --------------------------------------------------------------

    def test_education_level_junior_college_passes_for_college(self):
        self.assertLine(
            "education_level",
            PASS,
            "Education level junior college is accepted for a college graduate.",
            person=replace(GRADUATE, education_level="junior_college"),
        )

    def test_education_level_vocational_fails_for_college(self):
        self.assertLine(
            "education_level",
            FAIL,
            "Education level secondary vocational is not accepted for a college graduate.",
            person=replace(GRADUATE, education_level="vocational"),
        )

    def test_education_level_bachelor_fails_for_vocational_category(self):
        person = replace(GRADUATE, category="vocational")
        self.assertLine(
            "education_level",
            FAIL,
            "Education level bachelor is not accepted for a secondary vocational graduate.",
            person=person,
        )

    def test_education_level_missing_is_unknown(self):
        self.assertLine(
            "education_level",
            UNKNOWN,
            "The education level is missing.",
            person=replace(GRADUATE, education_level=None),
        )

    def test_education_level_not_checked_for_unemployed(self):
        self.assertNotIn("education_level", self.rules(person=UNEMPLOYED))

    # --- vocational_area --------------------------------------------------------------

    def test_vocational_outside_key_county_fails(self):
        person = replace(GRADUATE, category="vocational", education_level="vocational")
        line = self.assertLine("vocational_area", FAIL, person=person)
        self.assertIn("the work county is neither", str(line.reason))

    def test_vocational_in_key_county_passes(self):
        person = replace(GRADUATE, category="vocational", education_level="vocational")
        self.assertLine(
            "vocational_area",
            PASS,
            "The work county is a national rural-revitalisation key county.",
            person=person,
            placement=replace(PLACEMENT, key_county=True),
        )

    def test_vocational_in_hardship_area_passes(self):
        person = replace(GRADUATE, category="vocational", education_level="vocational")
        self.assertLine(
            "vocational_area",
            PASS,
            "The work county is a hardship/remote area.",
            person=person,
            placement=replace(PLACEMENT, hardship_area=True),
        )

    def test_vocational_in_key_county_that_is_also_hardship_area_passes_as_both(self):
        person = replace(GRADUATE, category="vocational", education_level="vocational")
        line = self.assertLine(
            "vocational_area",
            PASS,
            person=person,
            placement=replace(PLACEMENT, key_county=True, hardship_area=True),
        )
        self.assertEqual((line.reason_code, line.reason_params), ("vocational_area.both", {}))

    def test_vocational_area_not_checked_for_college(self):
        self.assertNotIn("vocational_area", self.rules())

    # --- graduation_window ------------------------------------------------------------

    def test_graduation_window_last_day_passes(self):
        # diploma 2022-06-30 + 2 years = 2024-06-30: starting that day passes
        person = replace(GRADUATE, diploma_date=date(2022, 6, 30))
        placement = el.Placement(agreement_date=date(2024, 6, 28), start_date=date(2024, 6, 30))
        self.assertLine(
            "graduation_window",
            PASS,
            "Diploma dated 2022-06-30: the 2-year window runs to 2024-06-30, " "covering the start date 2024-06-30.",
            person=person,
            placement=placement,
        )

    def test_graduation_window_day_after_fails(self):
        person = replace(GRADUATE, diploma_date=date(2022, 6, 30))
        placement = el.Placement(agreement_date=date(2024, 6, 28), start_date=date(2024, 7, 1))
        self.assertLine(
            "graduation_window",
            FAIL,
            "Diploma dated 2022-06-30: the 2-year window ended on 2024-06-30, " "before the start date 2024-07-01.",
            person=person,
            placement=placement,
        )

    def test_graduation_window_uses_agreement_date_without_start_date(self):
        person = replace(GRADUATE, diploma_date=date(2022, 6, 30))
        placement = el.Placement(agreement_date=date(2024, 6, 30), start_date=None)
        line = self.assertLine("graduation_window", PASS, person=person, placement=placement)
        self.assertIn("covering the agreement date 2024-06-30", str(line.reason))

    def test_graduation_window_leap_day_diploma_ends_on_28_february(self):
        person = replace(GRADUATE, diploma_date=date(2020, 2, 29))
        line = self.assertLine(
            "graduation_window",
            FAIL,
            person=person,
            placement=el.Placement(agreement_date=None, start_date=date(2022, 3, 1)),
        )
        self.assertIn("ended on 2022-02-28", str(line.reason))

    def test_graduation_window_diploma_after_start_fails(self):
        self.assertLine(
            "graduation_window",
            FAIL,
            "The diploma date 2024-03-05 is after the start date 2024-03-04.",
            person=replace(GRADUATE, diploma_date=date(2024, 3, 5), diploma_registration_date=date(2024, 3, 1)),
        )

    def test_graduation_window_diploma_dated_on_the_start_day_passes(self):
        # the diploma of the start day itself is not "after" the start: the window begins that day
        person = replace(GRADUATE, diploma_date=date(2024, 3, 4), diploma_registration_date=date(2024, 3, 4))
        line = self.assertLine("graduation_window", PASS, person=person)
        self.assertEqual(line.reason_code, "graduation_window.within")
        self.assertEqual(
            line.reason_params,
            {"diploma": "2024-03-04", "years": 2, "end": "2026-03-04", "ref_label": "start_date", "ref": "2024-03-04"},
        )
        # a day later it is after the start
        line = self.assertLine("graduation_window", FAIL, person=replace(person, diploma_date=date(2024, 3, 5)))
        self.assertEqual(line.reason_code, "graduation_window.diploma_after_reference")

    def test_graduation_window_cohort_exception_passes(self):
        # the 2020 class, in 2022 (Guizhou 2022 notice); the window alone ended on 2022-07-01
        person = replace(GRADUATE, diploma_date=date(2020, 7, 1))
        placement = el.Placement(agreement_date=date(2022, 8, 1), start_date=date(2022, 8, 1))
        self.assertLine("graduation_window", FAIL, person=person, placement=placement)
        self.assertLine(
            "graduation_window",
            PASS,
            "Cohort exception: the class of 2020 is admitted by policy, although the 2-year window "
            "ended on 2022-07-01.",
            person=person,
            placement=placement,
            policy=replace(POLICY, extra_cohort_years=frozenset({2020})),
        )

    def test_graduation_window_window_years_follow_policy(self):
        person = replace(GRADUATE, diploma_date=date(2021, 6, 30))
        self.assertLine("graduation_window", FAIL, person=person)
        self.assertLine("graduation_window", PASS, person=person, policy=replace(POLICY, graduation_window_years=3))

    def test_graduation_window_missing_diploma_date_is_unknown(self):
        self.assertLine(
            "graduation_window", UNKNOWN, "The diploma date is missing.", person=replace(GRADUATE, diploma_date=None)
        )

    def test_graduation_window_missing_both_dates_is_unknown(self):
        self.assertLine(
            "graduation_window",
            UNKNOWN,
            "The start date and the agreement date are both missing.",
            placement=el.Placement(agreement_date=None, start_date=None),
        )

    # --- diploma_registration ---------------------------------------------------------

    def test_this_year_graduate_starting_before_diploma_registration_fails(self):
        person = replace(GRADUATE, diploma_date=date(2024, 6, 30), diploma_registration_date=date(2024, 7, 15))
        placement = el.Placement(agreement_date=date(2024, 7, 8), start_date=date(2024, 7, 10))
        self.assertLine(
            "diploma_registration",
            FAIL,
            "This year's graduate: the start date 2024-07-10 is before the diploma registration " "date 2024-07-15.",
            person=person,
            placement=placement,
        )

    def test_this_year_graduate_starting_on_diploma_registration_day_passes(self):
        person = replace(GRADUATE, diploma_date=date(2024, 6, 30), diploma_registration_date=date(2024, 7, 15))
        placement = el.Placement(agreement_date=date(2024, 7, 8), start_date=date(2024, 7, 15))
        self.assertLine("diploma_registration", PASS, person=person, placement=placement)

    def test_this_year_graduate_without_registration_date_is_unknown(self):
        person = replace(GRADUATE, diploma_date=date(2024, 1, 10), diploma_registration_date=None)
        self.assertLine(
            "diploma_registration",
            UNKNOWN,
            "This year's graduate: the diploma registration date is missing.",
            person=person,
        )

    def test_diploma_registration_not_checked_for_older_cohort(self):
        # diploma 2023, start 2024: not this year's graduate, registration date irrelevant
        self.assertNotIn("diploma_registration", self.rules(person=replace(GRADUATE, diploma_registration_date=None)))

    # --- household --------------------------------------------------------------------

    def test_household_inside_region_via_ancestor_code_passes(self):
        self.assertLine("household", PASS, "The household registration is within region 520600.")

    def test_household_outside_region_fails(self):
        self.assertLine(
            "household",
            FAIL,
            "The household registration is not within region 520600.",
            person=replace(GRADUATE, household_region_codes=GUIYANG),
        )

    def test_household_with_special_major_exception_on_position_passes(self):
        person = replace(GRADUATE, household_region_codes=frozenset({"430000", "430100"}))
        line = self.assertLine(
            "household", PASS, person=person, placement=replace(PLACEMENT, special_major_exception=True)
        )
        self.assertIn("Special-major exception on the position", str(line.reason))

    def test_household_with_special_major_exception_on_applicant_passes(self):
        person = replace(
            GRADUATE, household_region_codes=frozenset({"430000", "430100"}), out_of_province_special_major=True
        )
        line = self.assertLine("household", PASS, person=person)
        self.assertIn("Special-major exception on the applicant", str(line.reason))

    def test_household_special_major_exception_does_not_cover_unemployed(self):
        self.assertLine(
            "household",
            FAIL,
            person=replace(UNEMPLOYED, household_region_codes=GUIYANG),
            placement=replace(PLACEMENT, special_major_exception=True),
        )

    def test_household_missing_is_unknown(self):
        self.assertLine(
            "household",
            UNKNOWN,
            "The household registration region is missing.",
            person=replace(GRADUATE, household_region_codes=frozenset()),
        )

    def test_household_not_required_gives_no_line(self):
        self.assertNotIn(
            "household",
            self.rules(
                person=replace(GRADUATE, household_region_codes=GUIYANG),
                policy=replace(POLICY, household_region_code=None),
            ),
        )

    def test_household_reason_names_the_region(self):
        self.assertLine(
            "household",
            FAIL,
            "The household registration is not within region 铜仁市.",
            person=replace(GRADUATE, household_region_codes=GUIYANG),
            policy=replace(POLICY, household_region_name="铜仁市"),
        )

    def test_household_province_wide_requirement(self):
        self.assertLine(
            "household",
            PASS,
            person=replace(GRADUATE, household_region_codes=GUIYANG),
            policy=replace(POLICY, household_region_code="520000"),
        )

    # --- unemployment_registration ----------------------------------------------------

    def test_unemployment_registration_same_day_fails(self):
        person = replace(UNEMPLOYED, unemployment_registration_date=date(2024, 3, 4))
        self.assertLine(
            "unemployment_registration",
            FAIL,
            "Registered as unemployed on 2024-03-04; the internship must start after that day, "
            "but the start date is 2024-03-04.",
            person=person,
        )

    def test_unemployment_registration_next_day_passes(self):
        person = replace(UNEMPLOYED, unemployment_registration_date=date(2024, 3, 3))
        self.assertLine(
            "unemployment_registration",
            PASS,
            "Registered as unemployed on 2024-03-03, before the start date 2024-03-04.",
            person=person,
        )

    def test_unemployment_registration_missing_is_unknown(self):
        self.assertLine(
            "unemployment_registration",
            UNKNOWN,
            "The unemployment registration date is missing.",
            person=replace(UNEMPLOYED, unemployment_registration_date=None),
        )

    def test_unemployed_without_start_or_agreement_date_is_unknown_on_age_and_registration(self):
        lines = self.check(person=UNEMPLOYED, placement=el.Placement(agreement_date=None, start_date=None))
        self.assertEqual(
            [(line.rule, line.result, line.reason_code, line.reason_params) for line in el.missing(lines)],
            [
                ("age", UNKNOWN, "age.no_agreement_date", {}),
                ("unemployment_registration", UNKNOWN, "unemployment_registration.no_reference_date", {}),
            ],
        )
        self.assertEqual(el.failing(lines), [])
        self.assertFalse(el.is_eligible(lines))

    # --- once_per_lifetime / one_open_application -------------------------------------

    def test_once_per_lifetime_previous_internship_fails(self):
        self.assertLine(
            "once_per_lifetime",
            FAIL,
            "1 earlier approved internship(s): each person interns only once.",
            history=el.History(previous_internships=1),
        )

    def test_once_per_lifetime_with_manager_exception_passes(self):
        self.assertLine(
            "once_per_lifetime",
            PASS,
            "1 earlier approved internship(s), accepted by a manager exception.",
            history=el.History(previous_internships=1, lifetime_exception=True),
        )

    def test_one_open_application_other_open_fails(self):
        self.assertLine(
            "one_open_application",
            FAIL,
            "2 other open application(s): only one is allowed at a time.",
            history=el.History(other_open_applications=2),
        )
