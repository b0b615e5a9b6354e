"""People registered in person (issue 12, point 3): a manager imports the bureau's list with
Odoo's generic import, under its Chinese column headers; each registration is linked, by ID
number, to the person's applicant record whichever comes first, and the officer sees it on the
person's form and in the eligibility review. Only the bureau's staff of the county read them."""

import logging
from datetime import date, timedelta

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import format_date, mute_logger

from .test_internship import InternshipCase

_logger = logging.getLogger(__name__)

HEADERS = ["姓名", "身份证号码", "联系电话", "现场登记日期", "所在县", "来源", "备注"]
FIELDS = ["name", "id_number", "phone", "registered_on", "region_id", "source", "note"]
SOURCE = "石阡县2021年现场登记花名册"


@tagged("post_install", "-at_install")
class TestInpersonRegistration(InternshipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.Registration = cls.env["jianxi.inperson.registration"]

    # ------------------------------------------------------------------ helpers
    def _csv(self, rows):
        lines = [",".join(HEADERS)] + [",".join(row) for row in rows]
        return ("\n".join(lines) + "\n").encode()

    def _row(self, name, id_number, county="520623", day="2021-05-10"):
        return [name, id_number, "13800001234", day, county, SOURCE, "未找到见习单位"]

    def _import(self, rows, user=None, dryrun=False):
        """Import ``rows`` as ``user`` (the manager) speaking Chinese, through base_import, with the
        column mapping the importer itself proposes from the headers."""
        wizard = (
            self.env["base_import.import"]
            .with_user(user or self.manager)
            .with_context(lang="zh_CN")
            .create(
                {
                    "res_model": "jianxi.inperson.registration",
                    "file": self._csv(rows),
                    "file_name": "现场登记人员.csv",
                    "file_type": "text/csv",
                }
            )
        )
        options = {
            "encoding": "utf-8",
            "quoting": '"',
            "separator": ",",
            "has_headers": True,
            "date_format": "%Y-%m-%d",
        }
        preview = wizard.parse_preview(options)
        self.assertNotIn("error", preview, preview.get("error"))
        self.assertTrue(preview["matches"], f"no header matched: {preview['headers']}")
        matches = {int(index): path for index, path in preview["matches"].items()}
        mapped = [matches.get(index, [False])[0] for index in range(len(HEADERS))]
        self.assertEqual(mapped, FIELDS, "the Chinese headers map to the fields by themselves")
        return wizard.execute_import(mapped, HEADERS, {**preview["options"], **options}, dryrun=dryrun)

    def _number(self, sequence, birth=(2000, 9, 9)):
        """Born on a day the other tests' people are not: the numbers cannot meet theirs."""
        return self.make_id_number(birth, sequence=sequence)

    # ------------------------------------------------------------------ import
    def test_manager_imports_the_list_with_chinese_headers(self):
        number = self._number(701)
        result = self._import(
            [
                self._row("赵一", number[:6] + " " + number[6:], county="520623"),
                self._row("钱二", self._number(702), county="石阡县"),
                self._row("孙三", self._number(703), county=""),
            ]
        )
        self.assertFalse(result["messages"], result["messages"])
        registrations = self.Registration.browse(result["ids"])
        self.assertEqual(registrations.mapped("name"), ["赵一", "钱二", "孙三"])
        first = registrations[0]
        self.assertEqual(first.id_number, number, "stored compact")
        self.assertEqual(first.registered_on, date(2021, 5, 10))
        self.assertEqual(first.region_id, self.shiqian, "the county by its 6-digit code")
        self.assertEqual(registrations[1].region_id, self.shiqian, "the county by its name")
        self.assertFalse(registrations[2].region_id)
        self.assertEqual(first.source, SOURCE)
        self.assertEqual(first.phone, "13800001234")
        self.assertFalse(registrations.applicant_id, "nobody registered online yet")

    def test_import_links_to_an_existing_applicant(self):
        result = self._import([self._row("张三", self.applicant.id_number)])
        self.assertFalse(result["messages"], result["messages"])
        registration = self.Registration.browse(result["ids"])
        self.assertEqual(registration.applicant_id, self.applicant)
        self.assertEqual(self.applicant.with_user(self.officer_shiqian).inperson_registration_id, registration)
        self.assertEqual(self.applicant.with_user(self.officer_shiqian).inperson_registered_on, date(2021, 5, 10))
        self.assertEqual(self.applicant.with_user(self.officer_shiqian).inperson_registration_source, SOURCE)

    def test_a_bad_row_is_reported_and_nothing_is_written(self):
        bad = self._number(704)[:17] + ("0" if self._number(704)[17] != "0" else "1")
        result = self._import([self._row("周五", self._number(705)), self._row("吴六", bad)])
        self.assertTrue(result["messages"])
        # the manager reads, in Chinese, whose number is wrong and why
        self.assertIn(
            "吴六的居民身份证号码：身份证号码的校验码（最后一位）不正确",
            " ".join(message["message"] for message in result["messages"]),
        )
        self.assertFalse(self.Registration.search([("name", "in", ["周五", "吴六"])]))

    def test_an_officer_cannot_import(self):
        wizard = (
            self.env["base_import.import"]
            .with_user(self.officer_shiqian)
            .create(
                {
                    "res_model": "jianxi.inperson.registration",
                    "file": self._csv([self._row("郑七", self._number(706))]),
                    "file_type": "text/csv",
                }
            )
        )
        result = wizard.execute_import(FIELDS, HEADERS, {"quoting": '"', "separator": ",", "has_headers": True})
        self.assertTrue(result["messages"])
        self.assertFalse(self.Registration.search([("name", "=", "郑七")]))

    # ------------------------------------------------------------------ link on sign-up
    def test_a_person_who_signs_up_later_is_linked(self):
        number = self._number(707)
        registration = self.Registration.with_user(self.manager).create(
            {"name": "王小明", "id_number": number, "registered_on": "2022-03-01", "region_id": self.shiqian.id}
        )
        self.assertFalse(registration.applicant_id)
        # signs up (no ID number yet), then fills in the profile on the portal
        user = self._portal_user("t_inperson_signup")
        applicant = self.env["jianxi.applicant"].with_user(user)._jianxi_create_for_current_user()
        self.assertFalse(registration.applicant_id)
        applicant.action_save_profile(
            {"name": "王小明", "id_number": number.lower(), "household_region_id": self.shiqian.id}
        )
        self.assertEqual(registration.applicant_id, applicant.sudo())
        with self.assertRaises(AccessError):
            registration.with_user(user).read(["name"])
        # the officer sees it on the form and in the eligibility review
        as_officer = applicant.with_user(self.officer_shiqian)
        self.assertEqual(as_officer.inperson_registration_id, registration)
        self.assertEqual(as_officer.inperson_registered_on, date(2022, 3, 1))
        internship = self.make("applied", applicant=applicant.sudo())
        summary = internship.with_user(self.officer_shiqian).applicant_inperson_registration
        self.assertIn(format_date(internship.with_user(self.officer_shiqian).env, date(2022, 3, 1)), summary)
        self.assertIn("石阡县", summary)
        # a corrected ID number unlinks it
        applicant.action_save_profile({"id_number": self._number(708)})
        self.assertFalse(registration.applicant_id)
        self.assertFalse(as_officer.inperson_registration_id)

    def test_applicant_created_with_the_number_is_linked(self):
        number = self._number(709)
        registration = self.Registration.with_user(self.manager).create(
            {"name": "冯八", "id_number": number, "registered_on": "2021-11-11"}
        )
        applicant = self._new_applicant("冯八", id_number=number)
        self.assertEqual(registration.applicant_id, applicant)
        self.assertFalse(
            self.make("applied").with_user(self.officer_shiqian).applicant_inperson_registration,
            "张三 did not register in person",
        )

    # ------------------------------------------------------------------ access
    def test_only_the_staff_of_the_county_read_them(self):
        shiqian = self.Registration.with_user(self.manager).create(
            {
                "name": "陈九",
                "id_number": self._number(710),
                "registered_on": "2021-05-10",
                "region_id": self.shiqian.id,
            }
        )
        anywhere = self.Registration.with_user(self.manager).create(
            {"name": "褚十", "id_number": self._number(711), "registered_on": "2021-05-10"}
        )
        shiqian.with_user(self.officer_shiqian).read(["name"])
        shiqian.with_user(self.officer_tongren).read(["name"])
        with self.assertRaises(AccessError):
            shiqian.with_user(self.officer_sinan).read(["name"])
        self.assertEqual(
            self.Registration.with_user(self.officer_sinan).search([("id", "in", (shiqian | anywhere).ids)]),
            anywhere,
            "a registration without a county is read by every officer",
        )
        with self.assertRaises(AccessError):
            shiqian.with_user(self.officer_shiqian).write({"note": "改"})
        with self.assertRaises(AccessError):
            self.Registration.with_user(self.officer_shiqian).create(
                {"name": "卫十一", "id_number": self._number(712), "registered_on": "2021-05-10"}
            )
        for portal in (self.applicant_user, self.unit_user):
            with self.assertRaises(AccessError):
                anywhere.with_user(portal).read(["name"])
            with self.assertRaises(AccessError):
                self.Registration.with_user(portal).search([])

    def test_the_officer_of_the_linked_applicant_reads_it(self):
        """Registered in 思南县, signed up with a household in 石阡县: 石阡县's officer reviews them."""
        registration = self.Registration.with_user(self.manager).create(
            {
                "name": "张三",
                "id_number": self.applicant.id_number,
                "registered_on": "2021-05-10",
                "region_id": self.sinan.id,
            }
        )
        registration.with_user(self.officer_shiqian).read(["name"])
        form = self.applicant.with_user(self.officer_shiqian).web_read(
            {"inperson_registration_id": {"fields": {"display_name": {}}}, "inperson_registered_on": {}}
        )
        self.assertEqual(form[0]["inperson_registration_id"]["display_name"], "张三")

    # ------------------------------------------------------------------ validation
    def test_a_bad_id_number_is_refused_with_a_clear_message(self):
        number = self._number(713)
        wrong = number[:17] + ("0" if number[17] != "0" else "1")
        with self.assertRaisesRegex(ValidationError, "Resident ID number of 蒋十二: The check character"):
            self.Registration.with_user(self.manager).create(
                {"name": "蒋十二", "id_number": wrong, "registered_on": "2021-05-10"}
            )
        with self.assertRaisesRegex(ValidationError, "must have 18 characters"):
            self.Registration.with_user(self.manager).create(
                {"name": "蒋十二", "id_number": "52062320010315", "registered_on": "2021-05-10"}
            )

    def test_the_registration_date_is_bounded(self):
        tomorrow = fields.Date.context_today(self.Registration) + timedelta(days=1)
        for sequence, day in ((714, date(1899, 12, 31)), (716, tomorrow)):
            with self.assertRaisesRegex(ValidationError, "registration date of 沈十三 must be between"):
                self.Registration.with_user(self.manager).create(
                    {"name": "沈十三", "id_number": self._number(sequence), "registered_on": day}
                )

    def test_an_id_number_is_registered_once(self):
        number = self._number(715)
        self.Registration.create({"name": "韩十四", "id_number": number, "registered_on": "2021-05-10"})
        with self.assertRaises(IntegrityError), self.cr.savepoint(), mute_logger("odoo.sql_db"):
            self.Registration.create({"name": "韩十四", "id_number": number, "registered_on": "2021-06-10"})

    # ------------------------------------------------------------------ queries
    def _import_queries(self, count, first):
        rows = [
            self._row(f"人员{index}", self._number(first + index), county=("520623", "石阡县", "520624")[index % 3])
            for index in range(count)
        ]
        # every tenth person already has an applicant record: the link is part of the cost
        for index in range(0, count, 10):
            self._new_applicant(f"人员{index}", id_number=self._number(first + index))
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        result = self._import(rows)
        self.env.flush_all()
        queries = self.env.cr.sql_log_count - before
        self.assertFalse(result["messages"], result["messages"])
        self.assertEqual(len(result["ids"]), count)
        self.assertEqual(len(self.Registration.browse(result["ids"]).applicant_id), len(range(0, count, 10)))
        return queries

    def test_import_queries_grow_by_a_small_constant_per_row(self):
        self._import_queries(1, 90)  # the first import of a session fills Odoo's caches (fields, mappings)
        small = self._import_queries(10, 100)
        large = self._import_queries(50, 300)
        slope = (large - small) / 40
        _logger.info("import of people registered in person: %s queries for 10 rows, %s for 50", small, large)
        self.assertLessEqual(slope, 2, f"{small} queries for 10 rows, {large} for 50: {slope:.2f} a row")
