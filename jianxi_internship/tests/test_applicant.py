from datetime import date

import psycopg2.errors

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from .common import _SEQUENCE, JianxiWorkflowCase, load_migration


@tagged("post_install", "-at_install")
class TestApplicant(JianxiWorkflowCase):
    """The person: ID number checks, real-name verification, the officer-only flag, deletion."""

    quiet_mail = False  # asserts tracking

    def new(self, id_number=None, name="王五", **vals):
        partner = self.env["res.partner"].create({"name": name})
        return self.env["jianxi.applicant"].create(
            {
                "name": name,
                "partner_id": partner.id,
                "id_number": id_number or self.make_id_number((2000, 2, 29), sequence=next(_SEQUENCE)),
                "household_region_id": self.shiqian.id,
                **vals,
            }
        )

    # ------------------------------------------------------------------ ID number
    def test_id_number_is_stored_compact_with_birth_date_and_gender(self):
        number = self.make_id_number((2000, 2, 29), sequence=124)  # even sequence: female
        spaced = f"{number[:6]} {number[6:14]}-{number[14:]}".translate(str.maketrans("0123", "０１２３"))
        applicant = self.new(spaced)
        self.assertEqual(applicant.id_number, number)
        self.assertEqual(applicant.birth_date, date(2000, 2, 29))
        self.assertEqual(applicant.gender, "female")

    def test_lower_case_x_check_character_is_stored_upper_case(self):
        # Find a sequence whose check character is X.
        number = next(
            n for n in (self.make_id_number((1999, 9, 9), sequence=s) for s in range(1, 200)) if n.endswith("X")
        )
        self.assertEqual(self.new(number.lower()).id_number, number)

    def test_each_kind_of_bad_id_number_has_its_own_message(self):
        valid = self.make_id_number((2001, 3, 15), sequence=321)
        wrong_check = valid[:17] + ("1" if valid[17] != "1" else "2")
        cases = {
            valid[:17]: "must have 18 characters, not 17",
            valid[:17] + "A": "may only contain digits",
            self.make_id_number((2001, 13, 15), sequence=321): "invalid birth date",
            wrong_check: "check character",
            self.make_id_number((2099, 1, 1), sequence=321): "in the future",
        }
        for number, expected in cases.items():
            with self.subTest(number=number), self.assertRaises(ValidationError) as cm:
                self.new(number)
            self.assertIn(expected, str(cm.exception))

    @mute_logger("odoo.sql_db")
    def test_id_number_is_unique_whatever_its_spelling(self):
        number = self.make_id_number((2000, 1, 1), sequence=777)
        self.new(number)
        with self.assertRaises(psycopg2.errors.UniqueViolation):
            self.new(f"{number[:9]} {number[9:]}", name="另一人")
            self.env.flush_all()

    # ------------------------------------------------------------------ real-name verification
    def test_officer_of_the_household_county_verifies(self):
        self.applicant.with_user(self.officer_shiqian).action_verify()
        self.assertEqual(self.applicant.verification_state, "verified")
        self.assertEqual(self.applicant.verified_by_id, self.officer_shiqian)
        self.assertTrue(self.applicant.verified_date)
        self.applicant.with_user(self.officer_shiqian).action_unverify()
        self.assertEqual(self.applicant.verification_state, "unverified")
        self.assertFalse(self.applicant.verified_by_id)

    def test_officer_of_a_county_the_person_applied_in_verifies(self):
        applicant = self.new(household_region_id=self.yanhe.id)
        with self.assertRaises(AccessError):
            applicant.with_user(self.officer_shiqian).action_verify()
        position = self._make_position()
        self.env["jianxi.internship"].create({"applicant_id": applicant.id, "position_id": position.id})
        applicant.with_user(self.officer_shiqian).action_verify()
        self.assertEqual(applicant.verified_by_id, self.officer_shiqian)

    def test_verification_refused_to_others(self):
        for user in (self.officer_sinan, self.officer_none, self.applicant_user, self.unit_user):
            with self.assertRaises(AccessError):
                self.applicant.with_user(user).action_verify()
        self.applicant.with_user(self.manager).action_verify()
        self.assertEqual(self.applicant.verified_by_id, self.manager)

    def test_verification_needs_an_id_number(self):
        applicant = self.new()
        applicant.id_number = False
        with self.assertRaises(UserError):
            applicant.with_user(self.officer_shiqian).action_verify()

    def test_changing_the_id_number_or_name_takes_the_verification_back(self):
        self.applicant.with_user(self.officer_shiqian).action_verify()
        self.applicant.phone = "13800000000"
        self.assertEqual(self.applicant.verification_state, "verified")
        self.env.cr.flush()  # close the verification's own tracking before the change
        self.applicant.name = "张叁"
        self.assertEqual(self.applicant.verification_state, "unverified")
        self.assertFalse(self.applicant.verified_by_id)
        self.env.cr.flush()
        self.applicant.invalidate_recordset(["message_ids"])
        tracked = self.applicant.message_ids.tracking_value_ids.filtered(
            lambda v: v.field_id.name == "verification_state"
        )
        self.assertEqual(tracked[:1].new_value_char, "Unverified")
        self.applicant.with_user(self.officer_shiqian).action_verify()
        # The same number in another spelling is no change; another number is, even through the portal.
        number = self.applicant.id_number
        self.applicant.id_number = f"{number[:6]} {number[6:]}"
        self.assertEqual(self.applicant.verification_state, "verified")
        self.applicant.with_user(self.applicant_user).sudo().id_number = self.make_id_number(
            (2001, 3, 15), sequence=next(_SEQUENCE)
        )
        self.assertEqual(self.applicant.verification_state, "unverified")

    # ------------------------------------------------------------------ officer-only flag
    def test_only_an_officer_sets_the_out_of_province_special_major_flag(self):
        # A portal page writes the profile as superuser on the applicant's behalf: still refused.
        as_portal = self.applicant.with_user(self.applicant_user).sudo()
        with self.assertRaises(AccessError):
            as_portal.write({"out_of_province_special_major": True})
        as_portal.write({"out_of_province_special_major": False, "school": "贵州大学"})  # no change: fine
        partner = self.env["res.partner"].create({"name": "新人"})
        with self.assertRaises(AccessError):
            self.env["jianxi.applicant"].with_user(self.other_applicant_user).sudo().create(
                {"name": "新人", "partner_id": partner.id, "out_of_province_special_major": True}
            )
        self.applicant.with_user(self.officer_shiqian).out_of_province_special_major = True
        self.assertTrue(self.applicant.out_of_province_special_major)

    # ------------------------------------------------------------------ record rules
    def test_portal_applicants_read_only_their_own_record(self):
        both = self.applicant | self.other_applicant
        Applicant = self.env["jianxi.applicant"]
        self.assertEqual(Applicant.with_user(self.applicant_user).search([("id", "in", both.ids)]), self.applicant)
        with self.assertRaises(AccessError):
            self.other_applicant.with_user(self.applicant_user).read(["id_number"])
        with self.assertRaises(AccessError):
            self.applicant.with_user(self.applicant_user).write({"school": "x"})

    def test_officers_see_residents_of_their_counties(self):
        in_sinan = self.new(household_region_id=self.sinan.id)
        both = self.applicant | in_sinan
        Applicant = self.env["jianxi.applicant"]
        self.assertEqual(Applicant.with_user(self.officer_shiqian).search([("id", "in", both.ids)]), self.applicant)
        self.assertEqual(
            Applicant.with_user(self.officer_sinan).search([("id", "in", both.ids), ("is_my_county", "=", True)]),
            in_sinan,
        )

    # ------------------------------------------------------------------ deletion
    def test_applicant_with_an_answered_application_is_archived_not_deleted(self):
        position = self._make_position()
        self.env["jianxi.internship"].create(
            {"applicant_id": self.applicant.id, "position_id": position.id}
        )._jianxi_force_state("withdrawn")
        with self.assertRaises(UserError) as cm:
            self.applicant.with_user(self.manager).unlink()
        self.assertIn("Archive it instead", str(cm.exception))
        self.applicant.with_user(self.manager).action_archive()
        self.assertFalse(self.applicant.active)

    def test_applicant_with_only_a_fresh_application_is_deleted_with_it(self):
        position = self._make_position()
        internship = self.env["jianxi.internship"].create(
            {"applicant_id": self.other_applicant.id, "position_id": position.id}
        )
        self.other_applicant.with_user(self.manager).unlink()
        self.assertFalse(internship.exists())
        self.assertFalse(self.other_applicant.exists())


@tagged("post_install", "-at_install")
class TestDeclarationsMigration(JianxiWorkflowCase):
    """migrations/18.0.1.2.0: the three booleans become answers, in this test's transaction (the
    columns are put back to booleans first, as 18.0.1.1.0 left them; PostgreSQL rolls it all back)."""

    FIELDS = ("is_student", "is_employed", "has_business_licence")

    def _migration(self):
        return load_migration("18.0.1.2.0", "pre-migrate")

    def test_true_becomes_yes_false_becomes_not_answered(self):
        ticked, default = self.applicant, self.other_applicant
        ticked.write({"is_student": "yes", "is_employed": "no", "has_business_licence": False})
        message = ticked.message_post(body="旧版本的勾选")
        self.env.flush_all()
        cr = self.env.cr
        for name in self.FIELDS:
            cr.execute(
                SQL(
                    "ALTER TABLE jianxi_applicant ALTER COLUMN %s TYPE boolean USING %s = 'yes'",
                    SQL.identifier(name),
                    SQL.identifier(name),
                )
            )
        cr.execute(
            "UPDATE ir_model_fields SET ttype = 'boolean' WHERE model = 'jianxi.applicant' AND name IN %s",
            [self.FIELDS],
        )
        field = self.env["ir.model.fields"]._get("jianxi.applicant", "is_student")
        cr.execute(
            "INSERT INTO mail_tracking_value (field_id, mail_message_id, old_value_integer, new_value_integer) "
            "VALUES (%s, %s, 0, 1) RETURNING id",
            [field.id, message.id],
        )
        tracking = self.env["mail.tracking.value"].browse(cr.fetchone()[0])
        cr.execute("SELECT is_student, is_employed FROM jianxi_applicant WHERE id = %s", [default.id])
        self.assertEqual(cr.fetchone(), (False, False), "the old default: nobody answered")

        self._migration().migrate(cr, "18.0.1.1.0")
        self.env.invalidate_all()
        self.assertEqual((ticked.is_student, ticked.is_employed, ticked.has_business_licence), ("yes", False, False))
        self.assertEqual((default.is_student, default.is_employed, default.has_business_licence), (False,) * 3)
        person = ticked._jianxi_eligibility_person()
        self.assertEqual((person.is_student, person.is_employed, person.has_business_licence), (True, None, None))
        cr.execute(
            "UPDATE ir_model_fields SET ttype = 'selection' WHERE model = 'jianxi.applicant' AND name IN %s",
            [self.FIELDS],
        )
        self.assertEqual((tracking.old_value_char, tracking.new_value_char), (False, "Yes"))
        formatted = tracking.with_context(lang="zh_CN")._tracking_value_format()[0]
        self.assertEqual((formatted["oldValue"]["value"], formatted["newValue"]["value"]), (False, "是"))
        # Run again (an interrupted upgrade): nothing changes.
        self._migration().migrate(cr, "18.0.1.1.0")
        self.env.invalidate_all()
        self.assertEqual(ticked.is_student, "yes")
