"""The legacy import (issue 12, point 1): a manager imports the internships begun before the online
zone from the bureau's spreadsheet, through the wizard, with real XLSX files made here."""

import base64
import io
import logging
from datetime import date

from openpyxl import Workbook, load_workbook

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..rules import legacy_import
from .common import JianxiHttpCase, JianxiWorkflowCase

_logger = logging.getLogger(__name__)
HEADERS = [("*" if c.required else "") + c.header for c in legacy_import.COLUMNS]
ID_SEQUENCE = iter(range(600, 999))


def xlsx(rows, headers=HEADERS):
    """A real workbook: the header row, then ``rows`` (dicts keyed by column key), base64."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    keys = [c.key for c in legacy_import.COLUMNS]
    for row in rows:
        sheet.append([row.get(key) for key in keys])
    output = io.BytesIO()
    workbook.save(output)
    return base64.b64encode(output.getvalue())


class LegacyCase(JianxiWorkflowCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule_set = cls.env.ref("jianxi_internship.policy_shiqian_legacy_2021")
        # the county's minimum wage of the time (the demo's provincial one is not this test's)
        cls.env["jianxi.minimum.wage"].create(
            {"region_id": cls.shiqian.id, "date_from": "2019-01-01", "amount": 1570.0}
        )
        cls.new_unit_code = cls.make_credit_code("91520623MA6DLG001")

    def row(self, **values):
        """A valid row: a new person, on duty at the scene's unit since 2021-09-01 for six months."""
        base = {
            "name": "钱历史",
            "id_number": self.make_id_number((2000, 5, 6), sequence=next(ID_SEQUENCE)),
            "phone": "13900001111",
            "category": "高校毕业生",
            "unit_name": self.unit.name,
            "credit_code": self.unit.credit_code,
            "county": "520623",
            "position": "行政助理见习岗",
            "allowance": 1600,
            "agreement_date": date(2021, 8, 30),
            "start_date": date(2021, 9, 1),
            "planned_end_date": date(2022, 2, 28),
            "state": "在岗",
        }
        base.update(values)
        return base

    def ended(self, **values):
        return self.row(
            **{"state": "已终止", "actual_end_date": date(2022, 2, 28), "end_reason": "期满", "kept_on": "是", **values}
        )

    def batch(self, rows, user=None, **vals):
        return (
            self.env["jianxi.legacy.import"]
            .with_user(user or self.manager)
            .create({"file": xlsx(rows), "file_name": "石阡县2021年见习人员.xlsx", **vals})
        )

    def codes(self, batch):
        return {line.row_number: [code for code, _params in line.error_codes or []] for line in batch.line_ids}


class TestLegacyImport(LegacyCase):
    def test_template_has_the_chinese_headers_choices_and_instructions(self):
        workbook = load_workbook(io.BytesIO(self.env["jianxi.legacy.import"]._jianxi_template_xlsx()))
        sheet, notes = workbook.worksheets
        self.assertEqual([cell.value for cell in sheet[1]], HEADERS)
        self.assertEqual(HEADERS[:2], ["*姓名", "*身份证号码"])
        self.assertEqual(notes.title, "填写说明")
        self.assertEqual(notes.max_row, len(legacy_import.COLUMNS) + 1)
        lists = {v.sqref.ranges[0].min_col: v.formula1 for v in sheet.data_validations.dataValidation}
        state_column = [c.key for c in legacy_import.COLUMNS].index("state") + 1
        self.assertEqual(lists[state_column], '"在岗,申请终止,已终止"')

    def test_dry_run_checks_every_row_and_writes_nothing(self):
        internships = self.env["jianxi.internship"].search_count([])
        batch = self.batch(
            [self.row(), self.ended(name="孙历史", credit_code=self.new_unit_code, unit_name="石阡县新单位")]
        )
        batch.action_validate()
        self.assertEqual(batch.state, "checked")
        self.assertEqual(self.codes(batch), {2: [], 3: []})
        self.assertEqual(batch.line_ids.mapped("action"), ["create", "create"])
        self.assertEqual((batch.row_count, batch.error_count, batch.create_count), (2, 0, 2))
        self.assertEqual(self.env["jianxi.internship"].search_count([]), internships)
        self.assertFalse(self.env["jianxi.unit"].search([("credit_code", "=", self.new_unit_code)]))

    def test_import_creates_people_units_and_internships_in_their_real_state(self):
        existing = self.applicant  # matched by ID number, not created again
        rows = [
            self.row(name=existing.name, id_number=existing.id_number),
            self.row(name="孙历史", state="申请终止", accident_premium=120, medical_premium="80.5"),
            self.ended(name="周历史", credit_code=self.new_unit_code, unit_name="石阡县新单位", county="石阡县"),
        ]
        batch = self.batch(rows)
        batch.action_validate()
        batch.action_import()
        self.assertEqual(batch.state, "done")
        internships = batch.internship_ids.sorted("legacy_row")
        self.assertEqual(internships.mapped("state"), ["on_duty", "end_requested", "ended"])
        self.assertTrue(all(internships.mapped("is_legacy")))
        self.assertEqual(internships.legacy_policy_id, self.rule_set)
        self.assertEqual(internships[0].applicant_id, existing)
        first, second, third = internships
        self.assertEqual((first.start_date, first.planned_end_date), (date(2021, 9, 1), date(2022, 2, 28)))
        self.assertEqual(first.agreement_date, date(2021, 8, 30))
        self.assertEqual((second.accident_premium, second.medical_premium), (120.0, 80.5))
        self.assertEqual(
            (third.actual_end_date, third.end_reason, third.kept_on), (date(2022, 2, 28), "completed", True)
        )
        self.assertEqual(third.kept_on_date, date(2022, 2, 28))
        # the person created with their contact, the unit created certified in its county
        person = second.applicant_id
        self.assertEqual((person.name, person.partner_id.name, person.category), ("孙历史", "孙历史", "college"))
        self.assertEqual(person.partner_id.phone, "13900001111")
        unit = third.unit_id
        self.assertEqual((unit.name, unit.state, unit.region_id), ("石阡县新单位", "certified", self.shiqian))
        # one closed legacy position per unit, title and allowance
        self.assertEqual(len(internships.position_id), 2)
        position = first.position_id
        self.assertEqual((position.state, position.is_legacy, position.headcount), ("closed", True, 2))
        self.assertEqual((position.allowance, position.duration_months), (1600.0, 6))
        # the record says it is legacy, in the reader's language
        self.assertIn(self.rule_set.name, first.legacy_notice)
        self.assertIn("row 2", first.legacy_notice)
        # its insurance cover dates were never recorded online: no warning about them
        self.assertFalse(first.insurance_warning)
        # one chatter line per record, and the file kept in the import's chatter
        for internship in internships:
            self.assertEqual(len(internship.message_ids), 1)
            self.assertIn("石阡县2021年见习人员.xlsx", internship.message_ids.body)
        self.assertIn("legacy file", unit.message_ids[:1].body)
        attachment = batch.message_ids.attachment_ids
        self.assertEqual(attachment.name, "石阡县2021年见习人员.xlsx")
        self.assertEqual(attachment.datas, batch.with_context(bin_size=False).file)
        self.assertEqual(batch.line_ids.internship_id, internships)

    def test_every_kind_of_bad_row_is_reported_in_chinese(self):
        interned = self._make_applicant(self._portal_user("t_interned").partner_id, "郑已见习")
        online = self.env["jianxi.internship"].create(
            {"applicant_id": interned.id, "position_id": self._make_position().id, **self.onboarding(date(2023, 3, 1))}
        )
        online._jianxi_force_state("on_duty")
        valid_id = self.make_id_number((2000, 5, 6), sequence=next(ID_SEQUENCE))
        bad_id = valid_id[:-1] + ("0" if valid_id[-1] != "0" else "1")
        twin = self.make_id_number((2000, 5, 6), sequence=next(ID_SEQUENCE))
        rows = {
            2: self.row(),  # valid
            3: self.row(id_number=bad_id),
            4: self.row(credit_code="91520623MA6DL1234Y"),
            5: self.row(start_date="2021-13-01"),
            6: self.row(county="火星县"),
            7: self.row(county="520600"),
            8: self.row(state="休假"),
            9: self.row(state="已终止"),
            10: self.ended(actual_end_date=date(2022, 3, 31)),
            11: self.row(kept_on="是"),
            12: self.row(allowance=-5),
            13: self.row(start_date=date(2022, 6, 1), planned_end_date=date(2022, 11, 30)),
            14: self.row(id_number=twin),
            15: self.row(id_number=twin, start_date=date(2021, 10, 1), planned_end_date=date(2022, 3, 31)),
            16: self.row(name="别人", id_number=self.applicant.id_number),
            17: self.row(name=interned.name, id_number=interned.id_number),
            18: self.row(allowance=1000),
            19: self.row(name=""),
            20: self.row(planned_end_date=date(2021, 10, 15)),
            21: self.ended(end_reason="期满", actual_end_date=date(2022, 1, 31)),
            22: self.row(unit_name="另一个名字", credit_code=self.unit.credit_code),
        }
        rows[23] = dict(rows[14])
        batch = self.batch(list(rows.values()))
        batch.action_validate()
        codes = self.codes(batch)
        expected = {
            2: [],
            3: ["id_number.checksum"],
            4: ["credit_code.checksum"],
            5: ["date.format"],
            6: ["county.unknown"],
            7: ["county.level"],
            8: ["choice.unknown"],
            9: ["end.missing"],
            10: ["end.range"],
            11: ["end.kept_on"],
            12: ["amount.range"],
            13: ["period.after_cutoff"],
            14: [],
            15: ["person.twice"],
            16: ["person.name_mismatch"],
            17: ["person.interned"],
            18: ["wage.below"],
            19: ["cell.missing"],
            20: ["period.duration"],
            21: ["end.completed"],
            22: ["existing.unit_mismatch"],
            23: ["row.duplicate"],
        }
        self.assertEqual(codes, expected)
        # rendered when read, in the reader's language
        self.env["res.lang"]._activate_lang("zh_CN")
        chinese = {line.row_number: line.errors for line in batch.line_ids.with_context(lang="zh_CN")}
        self.assertIn("校验码", chinese[3])
        self.assertIn("火星县", chinese[6])
        for number, message in chinese.items():
            if expected[number]:
                self.assertFalse(set(message) & set("abcdefghijklmnopqrstuvwxyz"), (number, message))
        english = {line.row_number: line.errors for line in batch.line_ids.with_context(lang="en_US")}
        self.assertIn("once in a lifetime", english[15])
        # nothing is imported while a row has an error...
        with self.assertRaisesRegex(UserError, "20 of 22 rows have errors"):
            batch.action_import()
        self.assertFalse(self.env["jianxi.internship"].search([("is_legacy", "=", True)]))
        # ...unless the manager chooses to import only the valid rows
        batch.import_valid_only = True
        batch.action_import()
        self.assertEqual(len(batch.internship_ids), 2)
        self.assertEqual(batch.create_count, 2)
        self.assertEqual(batch.error_count, 20)
        # the errors download lists the rows with errors, in the reader's language
        sheet = load_workbook(io.BytesIO(batch.with_context(lang="zh_CN")._jianxi_errors_xlsx())).active
        self.assertEqual(sheet.max_row, 21)
        self.assertEqual(sheet["A2"].value, 3)

    def test_a_file_that_is_not_a_workbook_is_refused_with_a_message(self):
        for content, code in (
            (base64.b64encode(b"\x00PK not a zip"), "file.unreadable"),
            (xlsx([], headers=["姓名", "其他"]), "file.missing_columns"),
            (xlsx([]), "file.empty"),
        ):
            batch = (
                self.env["jianxi.legacy.import"]
                .with_user(self.manager)
                .create({"file": content, "file_name": "x.xlsx"})
            )
            batch.action_validate()
            self.assertEqual([c for c, _p in batch.file_error_codes], [code])
            with self.assertRaises(UserError):
                batch.action_import()

    def test_reimporting_a_corrected_file_updates_or_skips_never_duplicates(self):
        person = self.make_id_number((2000, 1, 2), sequence=next(ID_SEQUENCE))
        other = self.make_id_number((2000, 1, 3), sequence=next(ID_SEQUENCE))
        first = self.batch(
            [
                self.ended(id_number=person, end_reason="特殊原因", actual_end_date=date(2021, 12, 15), kept_on="否"),
                self.row(name="吴历史", id_number=other),
            ]
        )
        first.action_validate()
        first.action_import()
        internship = first.internship_ids.filtered(lambda i: i.applicant_id.id_number == person)
        corrected = self.batch(
            [
                self.ended(id_number=person, end_reason="本单位录用", actual_end_date=date(2022, 1, 10), kept_on=""),
                self.row(name="吴历史", id_number=other),
            ]
        )
        corrected.action_validate()
        self.assertEqual(corrected.line_ids.mapped("action"), ["update", "unchanged"])
        corrected.action_import()
        self.assertEqual(
            (internship.end_reason, internship.actual_end_date, internship.kept_on),
            ("hired", date(2022, 1, 10), True),
        )
        self.assertEqual(internship.legacy_import_id, corrected)
        self.assertEqual(self.env["jianxi.internship"].search_count([("is_legacy", "=", True)]), 2)
        self.assertEqual(self.env["jianxi.applicant"].search_count([("id_number", "in", [person, other])]), 2)
        self.assertIn("Corrected by the legacy file", internship.message_ids[0].body)
        again = self.batch(
            [
                self.ended(id_number=person, end_reason="本单位录用", actual_end_date=date(2022, 1, 10)),
                self.row(name="吴历史", id_number=other),
            ]
        )
        again.action_validate()
        self.assertEqual(again.line_ids.mapped("action"), ["unchanged", "unchanged"])
        # a done import is not run twice
        with self.assertRaises(UserError):
            corrected.action_import()

    def test_legacy_internships_count_for_once_in_a_lifetime(self):
        batch = self.batch([self.ended(name=self.applicant.name, id_number=self.applicant.id_number)])
        batch.action_validate()
        batch.action_import()
        application = self.env["jianxi.internship"].create(
            {"applicant_id": self.applicant.id, "position_id": self._make_position(unit=self.other_unit).id}
        )
        application._refresh_eligibility()
        line = application.check_ids.filtered(lambda c: c.rule == "once_per_lifetime")
        self.assertEqual((line.result, line.reason_code), ("fail", "once_per_lifetime.again"))
        self.assertIn(self.unit.name, application.earlier_internships)

    def test_legacy_claims_under_the_legacy_rule_set_one_open_per_rule_set(self):
        batch = self.batch([self.ended(name="钱历史")])
        batch.action_validate()
        batch.action_import()
        legacy_intern = batch.internship_ids
        Claim = self.env["jianxi.subsidy.claim"]
        # units claim the online zone's interns as before: the legacy intern is not on it
        self._make_policy("石阡县政策", self.shiqian)
        online = self._claim_with_one_intern(self.unit, self.other_applicant, claim_date=date(2022, 3, 20))
        self.assertNotIn(legacy_intern, online.line_ids.internship_id)
        self.assertFalse(online.is_legacy)
        # the bureau starts the legacy claim (按原办法申领); the unit itself cannot
        with self.assertRaises(AccessError):
            Claim.with_user(self.unit_user)._jianxi_create_legacy_for_unit(self.unit, date(2022, 3, 20))
        with self.assertRaises(AccessError):
            Claim.with_user(self.officer_sinan)._jianxi_create_legacy_for_unit(self.unit, date(2022, 3, 20))
        claim = Claim.with_user(self.officer_shiqian)._jianxi_create_legacy_for_unit(self.unit, date(2022, 3, 20))
        self.assertTrue(claim.is_legacy)
        self.assertEqual(claim.policy_id, self.rule_set)
        self.assertEqual(claim.line_ids.internship_id, legacy_intern)
        self.assertEqual(claim.intern_count, 1)
        # six months at 80% of 1570 (the intern was kept on: retention 100%) and the retention bonus
        self.assertEqual(claim.amount_wage, round(6 * 1570 * 0.8, 2))
        self.assertEqual(claim.amount_bonus, 500.0)
        # one open claim per rule set: the online one and the legacy one stand side by side
        with self.assertRaisesRegex(UserError, "already has an open subsidy claim"):
            Claim.with_user(self.officer_shiqian)._jianxi_create_legacy_for_unit(self.unit, date(2022, 3, 21))
        # the rule set's last day for claims
        claim.sudo().unlink()
        self.rule_set.legacy_claims_until = date(2022, 3, 1)
        with self.assertRaisesRegex(UserError, "accepted until"):
            Claim.with_user(self.officer_shiqian)._jianxi_create_legacy_for_unit(self.unit, date(2022, 3, 20))

    def test_a_claimed_legacy_internship_no_longer_changes(self):
        person = self.make_id_number((2000, 2, 2), sequence=next(ID_SEQUENCE))
        batch = self.batch([self.ended(name="钱历史", id_number=person)])
        batch.action_validate()
        batch.action_import()
        self.env["jianxi.subsidy.claim"].with_user(self.officer_shiqian)._jianxi_create_legacy_for_unit(
            self.unit, date(2022, 3, 20)
        )
        corrected = self.batch([self.ended(name="钱历史", id_number=person, kept_on="否")])
        corrected.action_validate()
        self.assertEqual(self.codes(corrected), {2: ["existing.claimed"]})

    def test_only_managers_import(self):
        with self.assertRaises(AccessError):
            self.batch([self.row()], user=self.officer_shiqian)
        batch = self.batch([self.row()])
        with self.assertRaises(AccessError):
            batch.with_user(self.officer_shiqian).action_validate()
        with self.assertRaises(AccessError):
            batch.with_user(self.unit_user).read(["file_name"])

    def test_queries_grow_by_a_small_constant_per_row(self):
        def measure(count, offset):
            rows = [
                self.row(
                    name=f"批量{offset + index}",
                    id_number=self.make_id_number((1999, 1 + index % 12, 1 + index % 28), sequence=offset + index),
                    credit_code=self.make_credit_code(f"91520623MA6DQ{offset + index:03d}0")
                    if index % 2
                    else self.unit.credit_code,
                    unit_name=f"批量单位{offset + index}" if index % 2 else self.unit.name,
                )
                for index in range(count)
            ]
            batch = self.batch(rows)
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            batch.action_validate()
            self.env.flush_all()
            validate = self.cr.sql_log_count - start
            start = self.cr.sql_log_count
            batch.action_import()
            self.env.flush_all()
            imported = self.cr.sql_log_count - start
            self.assertEqual(len(batch.internship_ids), count)
            return validate, imported

        validate10, import10 = measure(10, 100)
        validate50, import50 = measure(50, 300)
        validate_slope = (validate50 - validate10) / 40
        import_slope = (import50 - import10) / 40
        # the dry run reads all rows at once; the import writes in batches (a few queries per row
        # remain, e.g. the followers of each new internship). `make bench-legacy` measures 1,000 rows.
        _logger.info(
            "legacy import queries: dry run %s → %s, import %s → %s (10 → 50 rows)",
            validate10,
            validate50,
            import10,
            import50,
        )
        self.assertLessEqual(validate_slope, 1, (validate10, validate50))
        self.assertLessEqual(import_slope, 4, (import10, import50))


@tagged("post_install", "-at_install")
class TestLegacyImportScreen(LegacyCase, JianxiHttpCase):
    def test_downloads_are_for_managers_only(self):
        self._login(self.manager)
        response = self._get("/jianxi/legacy_import/template")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(load_workbook(io.BytesIO(response.content)).active["A1"].value, "*姓名")
        batch = self.batch([self.row(county="火星县")])
        batch.action_validate()
        response = self._get(f"/jianxi/legacy_import/{batch.id}/errors")
        self.assertEqual(response.status_code, 200)
        self.assertIn("火星县", load_workbook(io.BytesIO(response.content)).active["D2"].value)
        self._login(self.officer_shiqian)
        self.assertEqual(self._get("/jianxi/legacy_import/template").status_code, 404)
        self.assertEqual(self._get(f"/jianxi/legacy_import/{batch.id}/errors").status_code, 404)

    def test_manager_imports_a_small_file_from_the_screen(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.manager.lang = "zh_CN"
        id_number = self.make_id_number((2001, 7, 7), sequence=next(ID_SEQUENCE))
        content = xlsx(
            [self.ended(name="冯历史", id_number=id_number, unit_name="石阡县历史单位", credit_code=self.new_unit_code)]
        )
        self.env["ir.attachment"].with_user(self.manager).create(
            {"name": "历史见习_tour.xlsx", "datas": content, "res_model": False, "res_id": 0}
        )
        self.start_tour("/odoo", "jianxi_legacy_import_manager", login=self.manager.login)
        internship = self.env["jianxi.internship"].search([("applicant_id.id_number", "=", id_number)])
        self.assertEqual((internship.state, internship.is_legacy, internship.kept_on), ("ended", True, True))
        self.assertEqual(internship.unit_id.name, "石阡县历史单位")
        self.assertEqual(internship.legacy_import_id.state, "done")
