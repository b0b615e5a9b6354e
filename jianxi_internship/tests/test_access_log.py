"""Who looked at whose data (个人信息保护法, issue 16 point 6; the matrix is docs/personal_data.md):
masked ID numbers for staff in lists, exports, rosters and the chatter; the reveal and every
opening of an ID card, diploma, unemployment proof or agreement logged in jianxi.access.log, which
nobody edits or deletes; the purge of old log lines and of old identity scans."""

import base64
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.mail.tools.discuss import Store

from ..rules import identity
from .common import JianxiHttpCase, JianxiWorkflowCase, onboarding_values
from .upload_samples import PDF

PDF64 = base64.b64encode(PDF)


class AccessLogCase(JianxiWorkflowCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Log = cls.env["jianxi.access.log"]
        cls.applicant.write({"id_card": PDF64, "id_card_filename": "id.pdf"})

    def _ended_internship(self, applicant, end, **values):
        start = end - relativedelta(months=6) + timedelta(days=1)
        internship = self.env["jianxi.internship"].create(
            {
                "applicant_id": applicant.id,
                "position_id": self._make_position().id,
                **onboarding_values(start),
                "actual_end_date": end,
                "end_reason": "completed",
                **values,
            }
        )
        internship._jianxi_force_state("ended")
        self.env.flush_all()
        return internship


@tagged("post_install", "-at_install")
class TestMasking(AccessLogCase):
    def test_staff_exports_are_masked_whatever_the_path(self):
        # Odoo's export is a group of its own: even staff given it get masked numbers.
        export = self.env.ref("base.group_allow_export")
        (self.officer_shiqian | self.manager).write({"groups_id": [(4, export.id)]})
        number = self.applicant.id_number
        masked = identity.mask_resident_id(number)
        for user in (self.officer_shiqian, self.manager):
            with self.subTest(user=user.login):
                rows = self.applicant.with_user(user).export_data(["name", "id_number", "id_number_masked"])["datas"]
                self.assertEqual(rows, [[self.applicant.name, masked, masked]])
        internship = self._ended_internship(self.applicant, date(2024, 1, 31))
        rows = internship.with_user(self.officer_shiqian).export_data(["applicant_id/id_number"])["datas"]
        self.assertEqual(rows, [[masked]])
        self.assertNotIn(number, str(rows))

    def test_staff_read_the_id_number_masked_over_rpc_the_person_in_full(self):
        """The field itself, read through JSON-RPC's read, search_read or web_read, is masked for
        staff too: the full number comes only from the logged reveal."""
        number = self.applicant.id_number
        masked = identity.mask_resident_id(number)
        for user in (self.officer_shiqian, self.manager):
            with self.subTest(user=user.login):
                applicant = self.applicant.with_user(user)
                self.assertEqual(applicant.read(["id_number"])[0]["id_number"], masked)
                self.assertEqual(applicant.web_read({"id_number": {}})[0]["id_number"], masked)
                rows = applicant.search_read([("id", "=", self.applicant.id)], ["id_number"])
                self.assertEqual(rows[0]["id_number"], masked)
        registration = (
            self.env["jianxi.inperson.registration"]
            .with_user(self.manager)
            .create({"name": "赵六", "id_number_entry": number, "registered_on": "2020-05-01"})
        )
        self.assertEqual(registration.read(["id_number"])[0]["id_number"], masked)
        # the person reads their own; the server reads every number in full
        own = self.applicant.with_user(self.applicant_user)
        self.assertEqual(own.read(["id_number"])[0]["id_number"], number)
        self.assertEqual(self.applicant.read(["id_number"])[0]["id_number"], number)
        self.assertFalse(self.Log.search([]), "a masked read is no look")

    def test_units_and_applicants_have_no_export(self):
        internship = self._ended_internship(self.applicant, date(2024, 1, 31))
        for user in (self.unit_user, self.applicant_user):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                internship.with_user(user).export_data(["applicant_id/id_number"])

    def test_lists_and_forms_show_the_masked_field_and_a_reveal_button(self):
        Applicant = self.env["jianxi.applicant"].with_user(self.officer_shiqian)
        for view_type in ("list", "form"):
            arch = Applicant.get_view(view_type=view_type)["arch"]
            self.assertIn('name="id_number_masked"', arch, view_type)
            self.assertNotIn('name="id_number"', arch, view_type)
        self.assertIn('name="action_reveal_id_number"', Applicant.get_view(view_type="form")["arch"])
        self.assertEqual(
            Applicant.browse(self.applicant.id).id_number_masked, identity.mask_resident_id(self.applicant.id_number)
        )

    def test_a_number_typed_in_the_entry_field_is_stored_never_read_back(self):
        number = self.make_id_number((2000, 1, 2), sequence=777)
        applicant = self.applicant.with_user(self.officer_shiqian)
        applicant.id_number_entry = number
        self.assertEqual(self.applicant.id_number, number)
        applicant.invalidate_recordset(["id_number_entry"])
        self.assertFalse(applicant.id_number_entry)

    def test_in_person_registrations_are_typed_in_and_shown_masked(self):
        Registration = self.env["jianxi.inperson.registration"].with_user(self.manager)
        for view_type in ("list", "form"):
            arch = Registration.get_view(view_type=view_type)["arch"]
            self.assertIn('name="id_number_masked"', arch, view_type)
            self.assertNotIn('name="id_number"', arch, view_type)
        number = self.make_id_number((1999, 5, 6), sequence=779)
        registration = Registration.create({"name": "赵六", "id_number_entry": number, "registered_on": "2020-05-01"})
        self.assertEqual(registration.sudo().id_number, number)
        self.assertEqual(registration.id_number_masked, identity.mask_resident_id(number))
        corrected = self.make_id_number((1999, 5, 6), sequence=780)
        registration.write({"id_number_entry": corrected})
        self.assertEqual(registration.sudo().id_number, corrected)

    def test_rosters_are_masked_for_staff(self):
        report = self.env["ir.actions.report"].with_user(self.officer_shiqian)
        self._ended_internship(self.applicant, date(2024, 1, 31))
        html = report._render_qweb_html("jianxi_internship.action_report_unit_roster", self.unit.ids)[0].decode()
        self.assertNotIn(self.applicant.id_number, html)
        self.assertIn(identity.mask_resident_id(self.applicant.id_number), html)

    def test_a_changed_id_number_shows_masked_in_the_chatter(self):
        old, new = self.applicant.id_number, self.make_id_number((2000, 1, 2), sequence=778)
        message = self.applicant.message_post(body="changed")
        field = self.env["ir.model.fields"]._get("jianxi.applicant", "id_number")
        tracking = self.env["mail.tracking.value"].create(
            {"field_id": field.id, "old_value_char": old, "new_value_char": new, "mail_message_id": message.id}
        )
        shown = str(tracking.with_user(self.officer_shiqian)._tracking_value_format())
        self.assertNotIn(old, shown)
        self.assertNotIn(new, shown)
        self.assertIn(identity.mask_resident_id(old), shown)
        self.assertIn(identity.mask_resident_id(new), shown)


@tagged("post_install", "-at_install")
class TestReveal(AccessLogCase):
    def test_the_reveal_shows_the_number_and_writes_a_log_line(self):
        action = self.applicant.with_user(self.officer_shiqian).action_reveal_id_number()
        self.assertEqual(action["params"]["message"], self.applicant.id_number)
        line = self.Log.search([("applicant_id", "=", self.applicant.id)])
        self.assertEqual(len(line), 1)
        self.assertEqual(
            (line.user_id, line.code, line.partner_id, line.res_model),
            (self.officer_shiqian, "reveal_id", self.applicant.partner_id, "jianxi.applicant"),
        )

    def test_the_review_forms_reveal_is_logged_too(self):
        internship = self._ended_internship(self.applicant, date(2024, 1, 31))
        internship.with_user(self.manager).action_reveal_id_number()
        line = self.Log.search([("applicant_id", "=", self.applicant.id)])
        self.assertEqual((line.user_id, line.code, line.res_id), (self.manager, "reveal_id", internship.id))

    def test_the_reveal_is_refused_to_portal_users_and_other_counties(self):
        for user in (self.unit_user, self.applicant_user, self.officer_sinan):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.applicant.with_user(user).action_reveal_id_number()
        self.assertFalse(self.Log.search([]))


@tagged("post_install", "-at_install")
class TestLogRights(AccessLogCase):
    def test_managers_read_every_line_officers_their_own(self):
        self.applicant.with_user(self.officer_shiqian).action_reveal_id_number()
        self.other_applicant.with_user(self.manager).action_reveal_id_number()
        self.assertEqual(self.Log.with_user(self.manager).search([]).user_id, self.officer_shiqian | self.manager)
        self.assertEqual(self.Log.with_user(self.officer_shiqian).search([]).user_id, self.officer_shiqian)
        self.assertFalse(self.Log.with_user(self.officer_sinan).search([]))
        for user in (self.unit_user, self.applicant_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Log.with_user(user).search([])

    def test_nobody_writes_creates_or_deletes_a_line(self):
        line = self.Log._jianxi_log("reveal_id", self.applicant)
        admin = self.env.ref("base.user_admin")
        for env in (line.with_user(self.manager), line.with_user(admin), line.sudo()):
            with self.subTest(user=env.env.user.login, su=env.env.su):
                with self.assertRaises(AccessError):
                    env.write({"user_id": self.manager.id})
                with self.assertRaises(AccessError):
                    env.unlink()
        for user in (self.manager, admin):
            with self.subTest(create=user.login), self.assertRaises(AccessError):
                self.Log.with_user(user).create({"user_id": user.id, "code": "reveal_id"})
        self.assertTrue(line.exists())

    def test_the_purge_job_removes_lines_past_the_retention_setting(self):
        old = self.Log._jianxi_log("reveal_id", self.applicant)
        recent = self.Log._jianxi_log("reveal_id", self.other_applicant)
        self.env["ir.config_parameter"].sudo().set_param("jianxi_internship.access_log_retention_days", "30")
        self.env.cr.execute(
            "UPDATE jianxi_access_log SET logged_at = %s WHERE id = %s",
            (fields.Datetime.now() - timedelta(days=31), old.id),
        )
        self.env.invalidate_all()
        self.assertEqual(self.Log._cron_purge_old_lines(), 1)
        self.assertFalse(old.exists())
        self.assertTrue(recent.exists())


@tagged("post_install", "-at_install")
class TestScanPurge(AccessLogCase):
    def test_the_purge_removes_only_old_identity_scans_and_keeps_payment_papers(self):
        today = fields.Date.today()
        old_internship = self._ended_internship(self.applicant, today - relativedelta(years=6))
        self.other_applicant.write({"id_card": PDF64, "id_card_filename": "id.pdf", "diploma": PDF64})
        self._ended_internship(self.other_applicant, today - relativedelta(years=1))
        purged = self.env["jianxi.applicant"]._cron_purge_identity_scans()
        self.assertEqual(purged, 1)
        self.env.invalidate_all()
        self.assertFalse(self.applicant.id_card)
        self.assertTrue(self.applicant.scans_purged_at)
        self.assertEqual(self.applicant.scans_retention_years, 5)
        self.assertTrue(old_internship.agreement_file, "the agreement backs a payment: kept")
        self.assertTrue(old_internship.invoice_file)
        self.assertTrue(self.other_applicant.id_card, "ended a year ago: kept")
        self.assertTrue(self.other_applicant.diploma)
        line = self.Log.search([("code", "=", "purge_scans")])
        self.assertEqual((line.applicant_id, line.count), (self.applicant, 1))
        self.assertEqual(self.env["jianxi.applicant"]._cron_purge_identity_scans(), 0, "nothing left to purge")

    def _purge_note(self, reader, lang):
        """The purge's note as ``reader``'s chatter receives it (Store, as the web client reads
        messages), in ``lang``: (the subtype's description, [(field label, new value)])."""
        reader.lang = lang
        message = self.applicant.message_ids.filtered(
            lambda m: m.subtype_id == self.env.ref("jianxi_internship.mt_applicant_scans_purged")
        )
        self.assertEqual(len(message), 1)
        message = message.with_user(reader).with_context(lang=lang)
        data = Store(message, for_current_user=True).get_result()["mail.message"][0]
        tracked = {value["changedField"]: value["newValue"]["value"] for value in data["trackingValues"]}
        return data["subtype_description"], tracked

    def test_the_purge_note_reads_in_each_readers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self._ended_internship(self.applicant, fields.Date.today() - relativedelta(years=6))
        # the job runs in a transaction of its own: not after the scene's quiet writes, which
        # discarded the tracking of the records they created
        self.env.flush_all()
        self.env.cr.precommit.clear()
        self.env["jianxi.applicant"].with_context(lang="en_US")._cron_purge_identity_scans()
        self.env.flush_all()
        self.env.cr.precommit.run()  # the tracking is posted before the commit
        self.env.invalidate_all()
        # a date and a number: the web client shows the date in the reader's time zone and format
        purged_at = fields.Datetime.to_string(self.applicant.scans_purged_at)
        description, tracked = self._purge_note(self.officer_shiqian, "zh_CN")
        self.assertIn("身份材料扫描件", description)
        self.assertEqual(set(tracked), {"见习结束后扫描件保存年限", "身份材料扫描件清除时间"})
        self.assertEqual(tracked["见习结束后扫描件保存年限"], 5)
        self.assertIn(purged_at, tracked["身份材料扫描件清除时间"])
        description, tracked = self._purge_note(self.manager, "en_US")
        self.assertIn("The identity scans", description)
        self.assertEqual(tracked["Scans Kept After the Last Internship (Years)"], 5)
        self.assertIn(purged_at, tracked["Identity Scans Purged On"])

    def test_a_person_with_an_internship_under_way_keeps_their_scans(self):
        today = fields.Date.today()
        self._ended_internship(self.applicant, today - relativedelta(years=6))
        self.env["jianxi.internship"].create(
            {"applicant_id": self.applicant.id, "position_id": self._make_position().id}
        )
        self.assertEqual(self.env["jianxi.applicant"]._cron_purge_identity_scans(), 0)
        self.assertTrue(self.applicant.id_card)


@tagged("post_install", "-at_install")
class TestDocumentDownloads(JianxiHttpCase):
    def test_each_download_or_preview_writes_a_log_line_with_the_address(self):
        Log = self.env["jianxi.access.log"]
        self.applicant.write({"id_card": PDF64, "id_card_filename": "id.pdf"})
        self._login(self.officer_shiqian)
        base = f"/web/content?model=jianxi.applicant&id={self.applicant.id}&field=id_card"
        response = self._get(base + "&download=true")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, PDF)
        self._get(base)
        lines = Log.search([("applicant_id", "=", self.applicant.id)], order="id")
        self.assertEqual(lines.mapped("code"), ["download", "preview"])
        self.assertEqual(set(lines.mapped("document")), {"id_card"})
        self.assertEqual(lines.user_id, self.officer_shiqian)
        self.assertEqual(set(lines.mapped("ip_address")), {"127.0.0.1"})

    def test_the_agreement_and_the_review_forms_scans_are_logged_refusals_are_not(self):
        Log = self.env["jianxi.access.log"]
        self.applicant.write({"diploma": PDF64, "diploma_filename": "diploma.pdf"})
        start = date(2023, 3, 1)
        internship = self.env["jianxi.internship"].create(
            {"applicant_id": self.applicant.id, "position_id": self._make_position().id, **onboarding_values(start)}
        )
        self._login(self.officer_shiqian)
        for field, document in (("agreement_file", "agreement"), ("applicant_diploma", "diploma")):
            with self.subTest(field=field):
                url = f"/web/content?model=jianxi.internship&id={internship.id}&field={field}&download=1"
                self.assertEqual(self._get(url).status_code, 200)
                line = Log.search([("document", "=", document)])
                self.assertEqual(
                    (line.code, line.applicant_id, line.res_id), ("download", self.applicant, internship.id)
                )
        count = Log.search_count([])
        self._login(self.officer_sinan)
        url = f"/web/content?model=jianxi.internship&id={internship.id}&field=agreement_file&download=1"
        self.assertNotEqual(self._get(url).status_code, 200)
        self.assertEqual(Log.search_count([]), count, "a refused download is no look")

    def test_reading_a_scan_through_json_rpc_is_logged_its_size_is_not(self):
        Log = self.env["jianxi.access.log"]
        self.applicant.write({"id_card": PDF64, "id_card_filename": "id.pdf"})
        applicant = self.applicant.with_user(self.officer_shiqian)
        self.assertNotIn(applicant.with_context(bin_size=True).read(["id_card"])[0]["id_card"], (PDF64, PDF64.decode()))
        applicant.web_read({"name": {}})
        self.assertFalse(Log.search([]), "neither a size nor another field is a look")
        self.assertIn(applicant.read(["id_card"])[0]["id_card"], (PDF64, PDF64.decode()))
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "jianxi.applicant"), ("res_id", "=", self.applicant.id), ("res_field", "=", "id_card")]
        )
        attachment.with_user(self.officer_shiqian).read(["datas", "raw"])
        lines = Log.search([], order="id")
        self.assertEqual(lines.mapped("code"), ["download", "download"])
        self.assertEqual(lines.mapped("res_model"), ["jianxi.applicant", "jianxi.applicant"])
        self.assertEqual(lines.user_id, self.officer_shiqian)


PHONE = "13812345678"
MASKED_PHONE = "138****5678"


@tagged("post_install", "-at_install")
class TestPhoneMasking(AccessLogCase):
    """An applicant's phone, like the ID number: masked for staff in every read (forms, lists,
    JSON-RPC, the avatar card's partner and user), every export and the chatter; in full through
    the logged reveal; the person reads their own in full."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.applicant.phone = PHONE
        cls.unit.partner_id.phone = "0856-7654321"

    def test_staff_read_the_phone_masked_whatever_the_model(self):
        for user in (self.officer_shiqian, self.manager):
            with self.subTest(user=user.login):
                applicant = self.applicant.with_user(user)
                self.assertEqual(applicant.read(["phone"])[0]["phone"], MASKED_PHONE)
                self.assertEqual(applicant.web_read({"phone": {}})[0]["phone"], MASKED_PHONE)
                rows = applicant.search_read([("id", "=", self.applicant.id)], ["name", "phone"])
                self.assertEqual(rows[0]["phone"], MASKED_PHONE)
                partner = self.applicant.partner_id.with_user(user)
                self.assertEqual(partner.read(["phone"])[0]["phone"], MASKED_PHONE)
                self.assertEqual(self.applicant_user.with_user(user).read(["phone"])[0]["phone"], MASKED_PHONE)
                # a unit's contact is no applicant: its phone is read as it is
                self.assertEqual(self.unit.partner_id.with_user(user).read(["phone"])[0]["phone"], "0856-7654321")
        # the person reads their own number; the server (units' pages, reports) reads it in full
        own = self.applicant_user.partner_id.with_user(self.applicant_user)
        self.assertEqual(own.read(["phone"])[0]["phone"], PHONE)
        self.assertEqual(self.applicant.read(["phone"])[0]["phone"], PHONE)
        self.assertFalse(self.Log.search([]), "a masked read is no look")

    def test_exports_mask_the_phone_whatever_the_path(self):
        export = self.env.ref("base.group_allow_export")
        (self.officer_shiqian | self.manager).write({"groups_id": [(4, export.id)]})
        internship = self._ended_internship(self.applicant, date(2024, 1, 31))
        applicant = self.applicant.with_user(self.officer_shiqian)
        rows = applicant.export_data(["name", "phone", "partner_id/phone"])["datas"]
        self.assertEqual(rows, [[self.applicant.name, MASKED_PHONE, MASKED_PHONE]])
        rows = internship.with_user(self.manager).export_data(["applicant_id/phone", "applicant_id/partner_id/phone"])
        self.assertEqual(rows["datas"], [[MASKED_PHONE, MASKED_PHONE]])
        # a unit's contact phone is no applicant's
        unit_rows = self.unit.with_user(self.manager).export_data(["partner_id/phone"])["datas"]
        self.assertEqual(unit_rows, [["0856-7654321"]])

    def test_the_form_masks_the_phone_and_refuses_a_masked_one_typed_back(self):
        arch = self.env["jianxi.applicant"].with_user(self.officer_shiqian).get_view(view_type="form")["arch"]
        self.assertIn('name="action_reveal_phone"', arch)
        applicant = self.applicant.with_user(self.officer_shiqian)
        with self.assertRaises(UserError):
            applicant.write({"phone": MASKED_PHONE})
        self.assertEqual(self.applicant.phone, PHONE)
        # the person's new number (the profile), read masked by staff
        self.applicant.with_user(self.applicant_user).sudo().write({"phone": "13900001111"})
        self.assertEqual(applicant.web_read({"phone": {}})[0]["phone"], "139****1111")

    def test_a_changed_phone_shows_masked_in_the_chatter(self):
        # res.partner's phone is tracked (mail): the change is a tracking value of the partner
        field = self.env["ir.model.fields"]._get("res.partner", "phone")
        trackings = self.env["mail.tracking.value"]
        for partner in (self.applicant.partner_id, self.unit.partner_id):
            message = partner.message_post(body="changed")
            trackings |= trackings.create(
                {
                    "field_id": field.id,
                    "old_value_char": PHONE,
                    "new_value_char": "13900001111",
                    "mail_message_id": message.id,
                }
            )
        # the chatter formats its messages' trackings as superuser, in the reader's environment
        reader = trackings.with_user(self.officer_shiqian).sudo()
        applicants, units = (str(tracking._tracking_value_format()) for tracking in reader)
        self.assertNotIn(PHONE, applicants)
        self.assertNotIn("13900001111", applicants)
        self.assertIn(MASKED_PHONE, applicants)
        self.assertIn("139****1111", applicants)
        self.assertIn("13900001111", units, "a unit's contact is no applicant")

    def test_the_reveal_shows_the_phone_and_writes_a_log_line(self):
        action = self.applicant.with_user(self.officer_shiqian).action_reveal_phone()
        self.assertEqual(action["params"]["message"], PHONE)
        line = self.Log.search([("applicant_id", "=", self.applicant.id)])
        self.assertEqual(
            (line.user_id, line.code, line.partner_id),
            (self.officer_shiqian, "reveal_phone", self.applicant.partner_id),
        )
        for user in (self.unit_user, self.applicant_user, self.officer_sinan):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.applicant.with_user(user).action_reveal_phone()
        self.assertEqual(len(self.Log.search([])), 1)


@tagged("post_install", "-at_install")
class TestPhoneOverHttp(JianxiHttpCase):
    def test_an_officer_reads_the_phone_masked_over_json_rpc(self):
        self.applicant.phone = PHONE
        self._login(self.officer_shiqian)
        call = {"model": "jianxi.applicant", "method": "web_read", "args": [self.applicant.ids]}
        result = self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {**call, "kwargs": {"specification": {"phone": {}, "partner_id": {"fields": {"phone": {}}}}}},
        )
        self.assertEqual(result[0]["phone"], MASKED_PHONE)
        self.assertEqual(result[0]["partner_id"]["phone"], MASKED_PHONE)

    def test_the_unit_sees_the_phone_once_it_confirms_the_person(self):
        self.applicant.phone = PHONE
        internship = self.env["jianxi.internship"].create(
            {"applicant_id": self.applicant.id, "position_id": self._make_position().id}
        )
        self._login(self.unit_user)
        html = self._html(self._get("/my/applications"))
        self.assertIn(MASKED_PHONE, html)
        self.assertNotIn(PHONE, html)
        internship._jianxi_force_state("confirmed")
        html = self._html(self._get("/my/applications?filterby=confirmed"))
        self.assertIn(PHONE, html)
