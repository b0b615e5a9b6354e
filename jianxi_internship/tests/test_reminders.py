from datetime import date, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..models import jianxi_internship as internship_module
from .test_notifications import NotificationCase

FORGOTTEN = "jianxi_internship.mail_template_internship_forgotten_end"
CLAIM_WINDOW = "jianxi_internship.mail_template_internship_claim_window"
# The scene's internship: six months from 2023-03-01; the policy: a 90-day claim window, a reminder
# 7 days after a missing end, 15 days before the window closes, a flag 30 days before the 12-month limit.
PLANNED_END = date(2023, 8, 31)


@tagged("post_install", "-at_install")
class TestForgottenEndReminder(NotificationCase):
    """人员终止 forgotten: the unit is reminded and the officer gets an activity, before the claim
    window closes, once."""

    def setUp(self):
        super().setUp()
        self.review_type = self.env.ref("jianxi_internship.mail_activity_type_forgotten_end")
        self.internship = self.make("on_duty", **self.onboarding())

    def officer_reminders(self, internship):
        return internship.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == self.review_type and a.user_id == self.officer_shiqian
        )

    def test_reminder_comes_before_the_claim_window_closes_and_only_once(self):
        Internship = self.Internship
        remind_day = PLANNED_END + timedelta(days=self.policy.reminder_forgotten_end_days)
        with freeze_time(remind_day - timedelta(days=1)):
            self.assertFalse(Internship._cron_remind_forgotten_ends(), "not yet: the unit has a week")
        with freeze_time(remind_day):
            reminded = Internship._cron_remind_forgotten_ends()
            window_closes = self.internship._jianxi_claim_deadline()
        self.assertEqual(reminded, self.internship)
        self.assertEqual(window_closes, PLANNED_END + timedelta(days=90))
        self.assertLess(remind_day, window_closes, "the reminder comes while the intern can still be claimed")
        self.assertEqual(self.internship.forgotten_end_reminded_on, remind_day)
        self.assertMailed(self.internship, FORGOTTEN, self.unit.partner_id, self.applicant.name, "Record the end")
        activity = self.officer_reminders(self.internship)
        self.assertEqual(len(activity), 1, "the county's officer gets an activity")
        # Nothing stored in the scheduler's language: the type's name shows, translated when read;
        # the note, with its dates, is written in the language of the officer it is for.
        self.assertFalse(activity.summary)
        self.assertEqual(activity.with_context(lang="zh_CN").display_name, "人员终止未办理")
        self.assertIn(str(PLANNED_END), str(activity.note))
        with freeze_time(remind_day + timedelta(days=1)):
            self.assertFalse(Internship._cron_remind_forgotten_ends(), "no reminder the next day")
        self.assertEqual(len(self.mails(self.internship, FORGOTTEN)), 1)
        self.assertEqual(len(self.officer_reminders(self.internship)), 1)

    def test_reminder_mail_names_the_last_day_to_claim(self):
        self.Internship._cron_remind_forgotten_ends(today=PLANNED_END + timedelta(days=10))
        message = self.mails(self.internship, FORGOTTEN)
        deadline = self.internship._jianxi_claim_deadline()
        self.assertEqual(deadline, date(2023, 11, 29))
        rendered = self.env["mail.template"]._render_template(
            "{{ format_date(object._jianxi_claim_deadline()) }}",
            "jianxi.internship",
            self.internship.ids,
            engine="inline_template",
        )[self.internship.id]
        self.assertIn(rendered, str(message.body))

    def test_ending_the_internship_closes_the_officers_reminder(self):
        remind_day = PLANNED_END + timedelta(days=7)
        self.Internship._cron_remind_forgotten_ends(today=remind_day)
        self.assertTrue(self.officer_reminders(self.internship))
        with freeze_time(remind_day):
            self.internship.with_user(self.unit_user).action_end(PLANNED_END, "completed")
        self.Internship._cron_remind_forgotten_ends(today=remind_day + timedelta(days=1))
        self.assertFalse(self.officer_reminders(self.internship), "the reminder activity is done")

    def test_no_reminder_once_the_window_has_closed_or_for_ended_interns(self):
        ended = self.make(
            "ended",
            applicant=self.other_applicant,
            **self.onboarding(),
            actual_end_date=PLANNED_END,
            end_reason="completed",
        )
        self.assertFalse(self.Internship._cron_remind_forgotten_ends(today=PLANNED_END + timedelta(days=91)))
        self.assertNotIn(ended, self.Internship._cron_remind_forgotten_ends(today=PLANNED_END + timedelta(days=8)))

    def test_a_backlog_is_sent_in_committed_runs(self):
        """More reminders due than one run sends: the run sends the oldest and tells ir.cron how
        many remain (its progress API runs the job again at once); the next run sends the rest."""
        second = self.make("on_duty", applicant=self.other_applicant, **self.onboarding())
        remind_day = PLANNED_END + timedelta(days=7)
        progress = []

        def notify(cron, done, remaining, deactivate=False):
            progress.append((done, remaining))

        with (
            patch.object(internship_module, "REMINDER_BATCH", 1),
            patch.object(type(self.env["ir.cron"]), "_notify_progress", notify),
        ):
            first_run = self.Internship._cron_remind_forgotten_ends(today=remind_day)
            second_run = self.Internship._cron_remind_forgotten_ends(today=remind_day)
            third_run = self.Internship._cron_remind_forgotten_ends(today=remind_day)
        self.assertEqual(first_run, self.internship, "the oldest first")
        self.assertEqual(second_run, second)
        self.assertFalse(third_run)
        self.assertEqual(progress, [(1, 1), (1, 0), (0, 0)])
        self.assertEqual(len(self.mails(self.internship, FORGOTTEN)), 1)
        self.assertEqual(len(self.mails(second, FORGOTTEN)), 1)

    def test_policy_refuses_a_reminder_that_comes_after_the_window_closes(self):
        with self.assertRaises(ValidationError) as caught:
            self.policy.reminder_forgotten_end_days = self.policy.claim_window_days
        self.assertIn("must come before the claim window", str(caught.exception))
        with self.assertRaises(ValidationError):
            self.policy.reminder_claim_window_days = 0


@tagged("post_install", "-at_install")
class TestClaimWindowReminder(NotificationCase):
    """An ended intern not yet claimed: the unit is reminded 15 days before the window closes, once."""

    def setUp(self):
        super().setUp()
        self.internship = self.make("ended", **self.onboarding(), actual_end_date=PLANNED_END, end_reason="completed")
        self.closes = PLANNED_END + timedelta(days=90)

    def test_unit_is_reminded_before_the_window_closes_once(self):
        Internship = self.Internship
        first_day = self.closes - timedelta(days=15)
        self.assertFalse(Internship._cron_remind_claim_window(today=first_day - timedelta(days=1)))
        with freeze_time(first_day):
            self.assertEqual(Internship._cron_remind_claim_window(), self.internship)
        self.assertEqual(self.internship.claim_window_reminded_on, first_day)
        self.assertMailed(self.internship, CLAIM_WINDOW, self.unit.partner_id, self.applicant.name)
        self.assertFalse(
            Internship._cron_remind_claim_window(today=first_day + timedelta(days=1)), "no reminder the next day"
        )
        self.assertEqual(len(self.mails(self.internship, CLAIM_WINDOW)), 1)

    def test_claimed_intern_and_closed_window_are_not_reminded(self):
        claim = self.env["jianxi.subsidy.claim"].create({"unit_id": self.unit.id, "claim_date": "2023-10-01"})
        self.env["jianxi.subsidy.claim.line"].sudo().create(
            {"claim_id": claim.id, "internship_id": self.internship.id, "included": True}
        )
        claim._jianxi_force_state("submitted")
        self.assertFalse(self.Internship._cron_remind_claim_window(today=self.closes - timedelta(days=5)))
        claim.with_user(self.officer_shiqian).action_reject("材料不全")
        self.assertFalse(
            self.Internship._cron_remind_claim_window(today=self.closes + timedelta(days=1)),
            "too late: the window has closed",
        )
        self.assertEqual(
            self.Internship._cron_remind_claim_window(today=self.closes),
            self.internship,
            "a rejected claim leaves the intern unclaimed",
        )


@tagged("post_install", "-at_install")
class TestNeedsAttention(NotificationCase):
    """The daily check flags internships near the longest duration and insurance that ends too soon."""

    def test_internship_near_the_longest_duration_is_flagged_then_cleared(self):
        internship = self.make("on_duty", **self.onboarding(months=12))  # ends 2024-02-29, the 12-month limit
        Internship = self.Internship
        self.assertFalse(Internship._cron_flag_attention(today=date(2024, 1, 29)))
        self.assertFalse(internship.needs_attention)
        self.assertEqual(Internship._cron_flag_attention(today=date(2024, 1, 30)), internship)
        self.assertTrue(internship.needs_attention)
        self.assertIn("longest duration allowed (12 months) on 2024-02-29", internship.attention_reason)
        self.assertIn(internship, Internship.search([("needs_attention", "=", True)]))
        with freeze_time("2024-02-29"):
            internship.with_user(self.unit_user).action_end(date(2024, 2, 29), "completed")
        Internship._cron_flag_attention(today=date(2024, 3, 1))
        self.assertFalse(internship.needs_attention)
        self.assertFalse(internship.attention_reason)

    def test_insurance_expiring_before_the_planned_end_is_flagged(self):
        internship = self.make("on_duty", **self.onboarding(medical_date_to=date(2023, 6, 30)))
        flagged = self.Internship._cron_flag_attention(today=date(2023, 4, 1))
        self.assertIn(internship, flagged)
        self.assertIn("inpatient medical insurance expires on 2023-06-30", internship.attention_reason)
        self.assertNotIn("accident", internship.attention_reason)

    def test_internship_without_problems_is_not_flagged(self):
        internship = self.make("on_duty", **self.onboarding())
        self.assertNotIn(internship, self.Internship._cron_flag_attention(today=date(2023, 4, 1)))
        self.assertFalse(internship.needs_attention)


@tagged("post_install", "-at_install")
class TestReminderCrons(NotificationCase):
    """The crons exist, are active and daily, and call the methods tested above."""

    def test_daily_crons_are_declared(self):
        for xmlid, code in (
            ("ir_cron_jianxi_internship_remind_forgotten_ends", "model._cron_remind_forgotten_ends()"),
            ("ir_cron_jianxi_internship_remind_claim_window", "model._cron_remind_claim_window()"),
            ("ir_cron_jianxi_internship_flag_attention", "model._cron_flag_attention()"),
            ("ir_cron_jianxi_internship_release_stale", "model._cron_release_stale()"),
        ):
            cron = self.env.ref(f"jianxi_internship.{xmlid}")
            self.assertEqual(
                (cron.code, cron.interval_number, cron.interval_type, cron.active), (code, 1, "days", True)
            )

    def queries(self, method, **kwargs):
        method(**kwargs)  # warm the registry's caches (xml ids)
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        method(**kwargs)
        return self.env.cr.sql_log_count - before

    def test_selection_queries_do_not_grow_with_the_number_of_internships(self):
        day = PLANNED_END + timedelta(days=5)  # nobody is due yet: only the selection runs
        others = [
            self._make_applicant(
                self.env["res.partner"].create({"name": f"见习{n}"}), f"见习{n}", birth=(2001, 1, 10 + n)
            )
            for n in range(5)
        ]
        self.make("on_duty", **self.onboarding())
        counts = {}
        for name in ("_cron_remind_forgotten_ends", "_cron_remind_claim_window", "_cron_flag_attention"):
            counts[name] = self.queries(getattr(self.Internship, name), today=day)
        for applicant in others:
            self.make("on_duty", applicant=applicant, **self.onboarding())
        for name, count in counts.items():
            self.assertEqual(self.queries(getattr(self.Internship, name), today=day), count, name)

    def test_flag_queries_do_not_grow_with_the_flagged(self):
        """The flags' writes are batched (by the ORM's flush): flagging five costs the queries of
        flagging one."""
        day = date(2023, 4, 1)
        others = [
            self._make_applicant(
                self.env["res.partner"].create({"name": f"见习{n}"}), f"见习{n}", birth=(2001, 1, 10 + n)
            )
            for n in range(4)
        ]
        first = self.make("on_duty", **self.onboarding(medical_date_to=date(2023, 6, 30)))
        self.Internship._cron_flag_attention(today=day)  # warm the caches
        first.write({"needs_attention": False, "attention_reason": False})
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        self.assertEqual(self.Internship._cron_flag_attention(today=day), first)
        one = self.env.cr.sql_log_count - before
        internships = first
        for applicant in others:
            internships |= self.make(
                "on_duty", applicant=applicant, **self.onboarding(medical_date_to=date(2023, 6, 30))
            )
        internships.write({"needs_attention": False, "attention_reason": False})
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        self.assertEqual(self.Internship._cron_flag_attention(today=day), internships)
        self.assertEqual(self.env.cr.sql_log_count - before, one)
        self.assertEqual(set(internships.mapped("needs_attention")), {True})
        self.assertEqual(len(set(internships.mapped("attention_reason"))), 1)
