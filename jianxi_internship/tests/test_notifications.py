from datetime import date, timedelta

from odoo import fields
from odoo.tests import tagged

from .common import JianxiWorkflowCase

NEW_APPLICATION = "jianxi_internship.mail_template_internship_new_application"
START = date(2023, 3, 1)


class NotificationCase(JianxiWorkflowCase):
    """A known policy and minimum wage for 石阡县 (demo settings of the test counties archived),
    published positions of the 石阡县 unit, and helpers that run the tracking (which posts the
    templates at commit time) and find the mail a record sent."""

    quiet_mail = False  # asserts mail

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Mails stay queued under both runners: Odoo's own (threads marked as testing) would send
        # them at once and delete them, pytest-odoo leaves them for after a commit that never comes.
        cls.env = cls.env(context=dict(cls.env.context, mail_notify_force_send=False))
        cls._archive_settings_of(cls.shiqian | cls.sinan)
        (cls.shiqian | cls.sinan).write({"key_county": False, "hardship_area": False})
        cls.policy = cls._make_reminder_policy("石阡县通知测试政策", cls.shiqian)
        cls.env["jianxi.minimum.wage"].create({"region_id": cls.shiqian.id, "date_from": "2020-01-01", "amount": 1500})
        cls.Internship = cls.env["jianxi.internship"]
        cls.position = cls._make_position(headcount=20)
        # The applicant can be mailed; the unit's company has no e-mail address (the chatter copes).
        cls.applicant.partner_id.email = "zhangsan@example.com"
        cls.unit.partner_id.email = False
        # English mails whatever the database's default language (one test checks the recipient's language).
        (cls.applicant.partner_id | cls.unit.partner_id).lang = "en_US"

    def setUp(self):
        super().setUp()
        self.flush_tracking()  # what the class set-up left pending is not this test's mail

    def flush_tracking(self):
        """Run what a commit runs: the state tracking, which posts the templates."""
        self.env.flush_all()
        self.env.cr.flush()

    def scene(self, record):
        """``record``, set up by a factory and committed, so that what the test does next is tracked."""
        self.flush_tracking()
        return record

    def mails(self, record, template_xmlid):
        """The messages posted on ``record`` from the template ``template_xmlid`` (by its subject)."""
        self.flush_tracking()
        template = self.env.ref(template_xmlid)
        subject = template._render_field("subject", record.ids, compute_lang=True)[record.id]
        return (
            self.env["mail.message"]
            .sudo()
            .search([("model", "=", record._name), ("res_id", "=", record.id), ("subject", "=", subject)])
        )

    def assertMailed(self, record, template_xmlid, partner, *texts):
        """Exactly one message from the template on ``record``, addressed to ``partner``, whose body
        contains ``texts``. Returns it."""
        messages = self.mails(record, template_xmlid)
        self.assertEqual(len(messages), 1, f"one message from {template_xmlid} on {record.display_name}")
        self.assertIn(partner, messages.partner_ids, "the recipient is a recipient of the message")
        self.assertEqual(messages.message_type, "auto_comment")
        for text in texts:
            self.assertIn(text, str(messages.body))
        return messages

    def make(self, state="applied", applicant=None, **vals):
        """An internship of ``self.position`` placed directly in ``state`` (as superuser)."""
        internship = self.Internship.create(
            {"applicant_id": (applicant or self.applicant).id, "position_id": self.position.id, **vals}
        )
        if state != "applied":
            internship._jianxi_force_state(state)
        self.Internship._cron_tell_units_of_applications()  # the unit is told of a new application by the cron
        self.flush_tracking()  # a scene set in the test's transaction is not tracked: commit it first
        return internship


@tagged("post_install", "-at_install")
class TestApplicantNotifications(NotificationCase):
    """The applicant (intern) is mailed, through the internship's chatter, at each answer."""

    def test_unit_confirmation_mails_the_applicant(self):
        internship = self.make()
        internship.with_user(self.unit_user).action_confirm()
        message = self.assertMailed(
            internship,
            "jianxi_internship.mail_template_internship_confirmed",
            self.applicant.partner_id,
            self.unit.name,
            self.position.name,
        )
        self.assertEqual(message.author_id, self.unit_user.partner_id, "the unit's contact wrote it")
        mail = self.env["mail.mail"].sudo().search([("mail_message_id", "=", message.id)])
        self.assertIn(self.applicant.partner_id, mail.recipient_ids, "an e-mail is queued for the applicant")

    def test_unit_decline_mails_the_applicant_with_the_reason(self):
        internship = self.make()
        internship.with_user(self.unit_user).action_decline("岗位要求熟悉财务软件")
        self.assertMailed(
            internship,
            "jianxi_internship.mail_template_internship_declined",
            self.applicant.partner_id,
            "岗位要求熟悉财务软件",
        )

    def test_eligibility_approval_mails_the_applicant_and_the_unit(self):
        internship = self.make("confirmed")
        internship.with_user(self.officer_shiqian).action_approve(override_reason="材料已线下核验")
        self.assertMailed(
            internship, "jianxi_internship.mail_template_internship_approved", self.applicant.partner_id, self.unit.name
        )
        self.assertMailed(
            internship,
            "jianxi_internship.mail_template_internship_unit_approved",
            self.unit.partner_id,
            self.applicant.name,
        )

    def test_eligibility_rejection_mails_the_applicant_and_the_unit_with_the_reason(self):
        internship = self.make("confirmed")
        internship.with_user(self.officer_shiqian).action_reject("毕业超过两年")
        self.assertMailed(
            internship, "jianxi_internship.mail_template_internship_rejected", self.applicant.partner_id, "毕业超过两年"
        )
        self.assertMailed(
            internship,
            "jianxi_internship.mail_template_internship_unit_rejected",
            self.unit.partner_id,
            "毕业超过两年",
            self.applicant.name,
        )

    def test_on_duty_mails_the_intern_once_even_after_a_refused_end_request(self):
        internship = self.make("approved", **self.onboarding())
        internship.with_user(self.unit_user).action_set_on_duty()
        template = "jianxi_internship.mail_template_internship_on_duty"
        self.assertMailed(internship, template, self.applicant.partner_id, self.position.name)
        internship.with_user(self.applicant_user).action_request_end("找到其他工作")
        internship.with_user(self.unit_user).action_refuse_end_request("请先完成交接")
        self.assertEqual(internship.state, "on_duty")
        self.assertEqual(len(self.mails(internship, template)), 1, "back on duty is not a new start")

    def test_end_mails_the_intern(self):
        internship = self.make("on_duty", **self.onboarding())
        internship.with_user(self.unit_user).action_end(internship.planned_end_date, "completed")
        self.assertMailed(
            internship, "jianxi_internship.mail_template_internship_ended", self.applicant.partner_id, "Completed"
        )

    def test_released_application_tells_the_applicant_they_can_apply_again(self):
        internship = self.make()
        internship.sudo().applied_at = internship.applied_at - timedelta(days=16)
        released = self.Internship._cron_release_stale()
        self.assertIn(internship, released)
        self.assertEqual(internship.state, "released")
        self.assertMailed(
            internship,
            "jianxi_internship.mail_template_internship_released",
            self.applicant.partner_id,
            "apply for any open position",
        )

    def test_mail_speaks_the_language_of_its_recipient(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.applicant.partner_id.lang = "zh_CN"
        internship = self.make()
        internship.with_user(self.unit_user).action_confirm()
        template = self.env.ref("jianxi_internship.mail_template_internship_confirmed")
        self.assertEqual(template._render_lang(internship.ids)[internship.id], "zh_CN")
        message = self.assertMailed(internship, template.get_external_id()[template.id], self.applicant.partner_id)
        zh_subject = template.with_context(lang="zh_CN")._render_field("subject", internship.ids)[internship.id]
        self.assertEqual(message.subject, zh_subject, "rendered in the applicant's language")
        unit_template = self.env.ref("jianxi_internship.mail_template_internship_new_application")
        self.assertEqual(unit_template._render_lang(internship.ids)[internship.id], "en_US", "the unit's own")


@tagged("post_install", "-at_install")
class TestUnitNotifications(NotificationCase):
    """The unit's company is mailed at each answer of the bureau and for each new application."""

    def test_new_application_mails_the_unit(self):
        internship = self.Internship.with_user(self.applicant_user).action_apply(self.applicant, self.position)
        self.flush_tracking()
        self.assertFalse(self.mails(internship, NEW_APPLICATION), "queued: the apply itself posts no mail")
        self.assertTrue(internship.unit_notice_pending)
        self.assertIn(internship, self.Internship._cron_tell_units_of_applications())
        self.assertFalse(internship.unit_notice_pending)
        message = self.assertMailed(
            internship,
            "jianxi_internship.mail_template_internship_new_application",
            self.unit.partner_id,
            self.applicant.name,
            self.position.name,
        )
        self.assertFalse(self.unit.partner_id.email, "a partner without e-mail still gets the chatter message")
        self.assertEqual(message.author_id, self.applicant_user.partner_id)

    def test_unit_is_not_told_of_an_application_withdrawn_before_the_notice(self):
        internship = self.Internship.with_user(self.applicant_user).action_apply(self.applicant, self.position)
        internship.with_user(self.applicant_user).action_withdraw()
        self.assertNotIn(internship, self.Internship._cron_tell_units_of_applications())
        self.assertFalse(internship.unit_notice_pending, "taken off the queue")
        self.assertFalse(self.mails(internship, NEW_APPLICATION))

    def test_notice_cron_runs_every_minute(self):
        cron = self.env.ref("jianxi_internship.ir_cron_jianxi_internship_tell_units")
        self.assertEqual(
            (cron.code, cron.interval_number, cron.interval_type, cron.active),
            ("model._cron_tell_units_of_applications()", 1, "minutes", True),
        )

    def test_certification_result_mails_the_unit(self):
        unit = self.scene(self._make_unit("石阡县新申请单位", self.shiqian, "91520623MA6DL9999X", state="submitted"))
        unit.with_user(self.officer_shiqian).action_certify()
        self.assertMailed(unit, "jianxi_internship.mail_template_unit_certified", unit.partner_id, unit.name)

    def test_certification_rejection_mails_the_unit_with_the_reason(self):
        unit = self.scene(self._make_unit("石阡县被拒单位", self.shiqian, "91520623MA6DL8888X", state="submitted"))
        unit.with_user(self.officer_shiqian).action_reject("营业执照不清晰")
        self.assertMailed(unit, "jianxi_internship.mail_template_unit_rejected", unit.partner_id, "营业执照不清晰")

    def test_suspension_mails_the_unit_with_the_reason(self):
        self.unit.with_user(self.manager).action_suspend("留用率连续两年低于20%")
        self.assertMailed(
            self.unit, "jianxi_internship.mail_template_unit_suspended", self.unit.partner_id, "留用率连续两年低于20%"
        )

    def test_position_publication_mails_the_unit(self):
        position = self.scene(self._make_position(state="submitted", name="行政见习岗"))
        position.with_user(self.officer_shiqian).action_publish()
        self.assertMailed(
            position, "jianxi_internship.mail_template_position_published", self.unit.partner_id, "行政见习岗"
        )

    def test_position_rejection_mails_the_unit_with_the_reason(self):
        position = self.scene(self._make_position(state="submitted", name="打杂岗"))
        position.with_user(self.officer_shiqian).action_reject("岗位缺少技术或业务内容")
        self.assertMailed(
            position,
            "jianxi_internship.mail_template_position_rejected",
            self.unit.partner_id,
            "岗位缺少技术或业务内容",
        )

    def _submitted_claim(self):
        claim = self._claim_with_one_intern(self.unit, self.applicant)
        return self.scene(claim._jianxi_force_state("submitted"))

    def test_claim_approval_and_payment_mail_the_unit(self):
        claim = self._submitted_claim()
        claim.with_user(self.officer_shiqian).action_approve()
        # the unit learns the notice period (公示), which comes before the money
        self.assertMailed(
            claim,
            "jianxi_internship.mail_template_claim_approved",
            self.unit.partner_id,
            claim.name,
            "/internships/notices",
        )
        self._skip_notice(claim)
        claim.with_user(self.officer_shiqian)._jianxi_record_payment(
            claim.amount_total, fields.Date.context_today(claim), "BANK-2024-001"
        )
        self.assertMailed(claim, "jianxi_internship.mail_template_claim_paid", self.unit.partner_id, "BANK-2024-001")

    def test_claim_return_mails_the_unit_with_the_reason(self):
        claim = self._submitted_claim()
        claim.with_user(self.officer_shiqian).action_return("缺少工资发放记录")
        self.assertMailed(
            claim, "jianxi_internship.mail_template_claim_returned", self.unit.partner_id, "缺少工资发放记录"
        )

    def test_claim_rejection_mails_the_unit_with_the_reason(self):
        claim = self._submitted_claim()
        claim.with_user(self.officer_shiqian).action_reject("重复申领")
        self.assertMailed(claim, "jianxi_internship.mail_template_claim_rejected", self.unit.partner_id, "重复申领")

    def test_officers_get_no_mail_for_what_waits_on_them(self):
        internship = self.make()
        internship.with_user(self.unit_user).action_confirm()
        self.flush_tracking()
        messages = (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", internship._name),
                    ("res_id", "=", internship.id),
                    ("message_type", "=", "auto_comment"),
                ]
            )
        )
        self.assertEqual(
            messages.partner_ids,
            self.applicant.partner_id | self.unit.partner_id,
            "the templates mail the applicant and the unit, never the officers",
        )
        self.assertTrue(
            internship.sudo().activity_ids.filtered(lambda a: a.user_id == self.officer_shiqian),
            "the officer gets an activity instead",
        )

    def test_demo_data_sent_no_mail_at_install(self):
        demo = self.env.ref("jianxi_internship.internship_yangli_applied_demo", raise_if_not_found=False)
        if not demo:
            self.skipTest("no demo data")
        self.assertFalse(self.mails(demo, "jianxi_internship.mail_template_internship_new_application"))
        self.assertFalse(demo.unit_notice_pending, "nor queued one")
