from odoo import fields, http
from odoo.tests import tagged

from .common import ONBOARDING_PDF as PDF
from .common import JianxiHttpCase

PASSWORD = "Jianxi-Hear-2024"


@tagged("post_install", "-at_install")
class TestUnitContactsHear(JianxiHttpCase):
    """The person who signed up for a unit (a portal contact of the unit's company, which has no
    e-mail) follows the unit's records and is mailed the notices meant for the unit; the notices
    are comments, so the record's portal page shows them through Odoo's portal chatter, while the
    internal notes and the state tracking stay hidden. The applicant hears the notices meant for
    them, not the unit's, and the unit's contacts do not hear the applicant's."""

    quiet_mail = False  # mail, followers and the chatter are what these tests check

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("auth_signup.invitation_scope", "b2c")
        cls._archive_settings_of(cls.shiqian)
        cls.shiqian.write({"key_county": False, "hardship_area": False})
        cls._make_reminder_policy("石阡县联系人通知测试政策", cls.shiqian)
        cls.env["jianxi.minimum.wage"].create({"region_id": cls.shiqian.id, "date_from": "2020-01-01", "amount": 1500})
        cls.applicant.partner_id.write({"email": "zhangsan@example.com", "lang": "en_US"})
        cls.comment = cls.env.ref("mail.mt_comment")

    # ------------------------------------------------------------------ helpers
    def flush_tracking(self):
        """Run what a commit runs: the state tracking, which posts the templates."""
        self.env.flush_all()
        self.env.cr.flush()

    def _signup_unit(self, login="hr@hear-tea.example.com", unit_name="石阡县听见茶业有限公司"):
        """A unit representative signs up through the real form; returns (user, unit), the unit
        certified by the officer (its profile completed as the test's scene)."""
        self.authenticate(None, None)
        payload = {
            "login": login,
            "name": "陈人事",
            "password": PASSWORD,
            "confirm_password": PASSWORD,
            "jianxi_signup_kind": "unit",
            "jianxi_unit_name": unit_name,
            "jianxi_unit_region_id": str(self.shiqian.id),
            "csrf_token": http.Request.csrf_token(self),
        }
        response = self.url_open("/web/signup", data=payload, allow_redirects=False)
        self.assertEqual(response.status_code, 303, "signed up")
        user = self.env["res.users"].search([("login", "=", login)])
        unit = self.env["jianxi.unit"].search([("partner_id", "=", user.commercial_partner_id.id)])
        self.assertEqual(len(unit), 1)
        self.assertFalse(unit.partner_id.email, "the unit's company has no e-mail")
        self.assertEqual(user.partner_id.email, login, "the contact has one")
        unit.write(
            {
                "credit_code": self.make_credit_code("91520623MA6DLH01"[:17].ljust(17, "0")),
                "legal_representative": "王法人",
                "contact_phone": "0856-1234567",
                "insured_staff_count": 20,
                "business_licence": PDF,
                "business_licence_filename": "licence.pdf",
            }
        )
        unit._jianxi_force_state("submitted")
        self.flush_tracking()
        return user, unit

    def heard(self, record, template_xmlid):
        """The one message posted on ``record`` from the template (found by its subject)."""
        self.flush_tracking()
        template = self.env.ref(template_xmlid)
        subject = template._render_field("subject", record.ids, compute_lang=True)[record.id]
        message = (
            self.env["mail.message"]
            .sudo()
            .search([("model", "=", record._name), ("res_id", "=", record.id), ("subject", "=", subject)])
        )
        self.assertEqual(len(message), 1, f"one message from {template_xmlid}")
        self.assertEqual(message.subtype_id, self.comment, "a comment, which the portal shows")
        self.assertFalse(message.is_internal)
        return message

    def assertMailedTo(self, message, partner):
        notification = message.notification_ids.filtered(lambda n: n.res_partner_id == partner)
        self.assertEqual(notification.notification_type, "email", f"{partner.name} is notified by e-mail")
        mails = self.env["mail.mail"].sudo().search([("mail_message_id", "=", message.id)])
        self.assertIn(partner, mails.recipient_ids, f"an e-mail is queued for {partner.name}")

    def assertNotMailedTo(self, message, partner):
        self.assertNotIn(partner, message.notification_ids.res_partner_id, f"{partner.name} is not notified")

    def portal_history(self, record, url):
        """The messages the signed-in user's page ``url`` shows for ``record``: the page holds
        Odoo's portal chatter for the record, which fetches them from /mail/chatter_fetch."""
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200, url)
        self.assertIn('class="d-print-none o_portal_chatter', page.text, f"{url} has the portal chatter")
        self.assertIn(f'data-res_model="{record._name}"', page.text)
        self.assertIn(f'data-res_id="{record.id}"', page.text)
        result = self.make_jsonrpc_request(
            "/mail/chatter_fetch", {"thread_model": record._name, "thread_id": record.id, "limit": 100}
        )
        return result["data"]["mail.message"]

    def assertShownWithoutInternals(self, record, url, message, user, text):
        """``message`` (saying ``text``) shows on ``url`` for ``user``; an internal note and the
        tracking do not."""
        note = record.sudo().message_post(
            body="经办人内部备注不给单位看", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        tracked = (
            self.env["mail.message"]
            .sudo()
            .search([("model", "=", record._name), ("res_id", "=", record.id), ("tracking_value_ids", "!=", False)])
        )
        self.assertTrue(tracked, "the state change was tracked")
        self.authenticate(user.login, PASSWORD)
        shown = self.portal_history(record, url)
        shown_ids = {item["id"] for item in shown}
        bodies = " ".join(str(item.get("body") or "") for item in shown)
        self.assertIn(message.id, shown_ids, f"the notice shows on {url}")
        self.assertIn(text, str(message.body))
        self.assertIn(text, bodies, "its text is on the page")
        self.assertNotIn(note.id, shown_ids, "the internal note does not")
        self.assertNotIn("经办人内部备注", bodies)
        self.assertFalse(shown_ids & set(tracked.ids), "nor the state tracking")

    # ------------------------------------------------------------------ tests
    def test_certification_result_reaches_the_contact_and_the_unit_page(self):
        user, unit = self._signup_unit()
        unit.with_user(self.officer_shiqian).action_certify()
        message = self.heard(unit, "jianxi_internship.mail_template_unit_certified")
        self.assertMailedTo(message, user.partner_id)
        self.assertIn(unit.partner_id, message.partner_ids, "the company is still named")
        self.assertShownWithoutInternals(unit, "/my/unit", message, user, "as an internship unit")

    def test_position_published_reaches_the_contact_and_the_position_page(self):
        user, unit = self._signup_unit()
        unit.with_user(self.officer_shiqian).action_certify()
        position = self._make_position(unit=unit, state="submitted", name="茶艺见习岗")
        self.flush_tracking()
        self.assertIn(user.partner_id, position.message_partner_ids, "the contact follows the new position")
        position.with_user(self.officer_shiqian).action_publish()
        message = self.heard(position, "jianxi_internship.mail_template_position_published")
        self.assertMailedTo(message, user.partner_id)
        self.assertShownWithoutInternals(position, f"/my/positions/{position.id}", message, user, "茶艺见习岗")

    def test_new_application_reaches_the_contact_not_the_applicant(self):
        user, unit = self._signup_unit()
        unit.with_user(self.officer_shiqian).action_certify()
        position = self._make_position(unit=unit, state="published", name="茶叶营销见习岗")
        self.flush_tracking()
        internship = self.env["jianxi.internship"].with_user(self.applicant_user).action_apply(self.applicant, position)
        self.env["jianxi.internship"]._cron_tell_units_of_applications()  # the queued notice of the apply
        message = self.heard(internship, "jianxi_internship.mail_template_internship_new_application")
        self.assertMailedTo(message, user.partner_id)
        self.assertNotMailedTo(message, self.applicant.partner_id)
        # The unit answers; the applicant hears it, the unit's contact (who acted) is not mailed it.
        internship.with_user(user).action_confirm()
        confirmed = self.heard(internship, "jianxi_internship.mail_template_internship_confirmed")
        self.assertMailedTo(confirmed, self.applicant.partner_id)
        self.assertNotIn(user.partner_id, confirmed.notification_ids.res_partner_id)
        self.assertShownWithoutInternals(internship, f"/my/interns/{internship.id}", message, user, "has applied for")
        # The applicant sees the answer on their own page.
        self.authenticate(self.applicant_user.login, self.applicant_user.login)
        shown = self.portal_history(internship, f"/my/internships/{internship.id}")
        self.assertIn(confirmed.id, {item["id"] for item in shown})

    def test_applicant_mail_is_not_sent_to_the_unit_contacts(self):
        user, unit = self._signup_unit()
        unit.with_user(self.officer_shiqian).action_certify()
        position = self._make_position(unit=unit, state="published", name="行政见习岗")
        internship = self.env["jianxi.internship"].create(
            {"applicant_id": self.applicant.id, "position_id": position.id}
        )
        internship._jianxi_force_state("confirmed")
        self.flush_tracking()
        internship.with_user(self.officer_shiqian).action_approve(override_reason="材料已线下核验")
        to_applicant = self.heard(internship, "jianxi_internship.mail_template_internship_approved")
        to_unit = self.heard(internship, "jianxi_internship.mail_template_internship_unit_approved")
        self.assertMailedTo(to_applicant, self.applicant.partner_id)
        self.assertNotMailedTo(to_applicant, user.partner_id)
        self.assertMailedTo(to_unit, user.partner_id)
        self.assertNotMailedTo(to_unit, self.applicant.partner_id)
        self.assertNotMailedTo(to_unit, self.officer_shiqian.partner_id)

    def test_claim_paid_reaches_the_contact_and_the_claim_page(self):
        user, unit = self._signup_unit()
        unit.with_user(self.officer_shiqian).action_certify()
        claim = self._claim_with_one_intern(unit, self.applicant)
        claim._jianxi_force_state("submitted")
        self.flush_tracking()
        claim.with_user(self.officer_shiqian).action_approve()
        self.assertMailedTo(self.heard(claim, "jianxi_internship.mail_template_claim_approved"), user.partner_id)
        self._skip_notice(claim)
        claim.with_user(self.officer_shiqian)._jianxi_record_payment(
            claim.amount_total, fields.Date.context_today(claim), "BANK-HEAR-001"
        )
        message = self.heard(claim, "jianxi_internship.mail_template_claim_paid")
        self.assertMailedTo(message, user.partner_id)
        self.assertShownWithoutInternals(claim, f"/my/claims/{claim.id}", message, user, "BANK-HEAR-001")

    def test_a_contact_added_later_follows_the_records_and_hears(self):
        user, unit = self._signup_unit()
        unit.with_user(self.officer_shiqian).action_certify()
        position = self._make_position(unit=unit, state="submitted", name="后来者见习岗")
        self.flush_tracking()
        colleague = self._portal_user("t_hear_colleague", unit.partner_id)
        self.assertIn(colleague.partner_id, unit.message_partner_ids)
        self.assertIn(colleague.partner_id, position.message_partner_ids)
        position.with_user(self.officer_shiqian).action_publish()
        message = self.heard(position, "jianxi_internship.mail_template_position_published")
        self.assertMailedTo(message, colleague.partner_id)
        self.assertMailedTo(message, user.partner_id)

    def test_a_unit_email_on_the_profile_is_mailed_too(self):
        user, unit = self._signup_unit()
        unit.partner_id.email = "office@hear-tea.example.com"
        unit.with_user(self.officer_shiqian).action_certify()
        message = self.heard(unit, "jianxi_internship.mail_template_unit_certified")
        self.assertMailedTo(message, unit.partner_id)
        self.assertMailedTo(message, user.partner_id)
