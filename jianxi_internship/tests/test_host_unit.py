"""Host units (见习基地, issue 16 point 4): the cap on interns as a share of insured staff, the daily
job that flags the units breaking a rule of their status, and what officers and managers do with
a flag (dismiss, propose a suspension, suspend with a reason the unit is told)."""

from datetime import date
from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import format_date

from ..rules import host_unit
from .common import JianxiWorkflowCase, load_migration, onboarding_values
from .test_notifications import NotificationCase
from .test_portal_unit import JianxiUnitPortalCase

LIFECYCLE = "jianxi_internship.mail_activity_type_unit_lifecycle"
PROPOSED = "jianxi_internship.mail_activity_type_unit_suspension_proposed"
TODAY = date(2026, 3, 1)


class HostUnitCase(JianxiWorkflowCase):
    """石阡县 with a known policy: interns at most 30% of insured staff, a unit flagged after 12
    months without interns or two years of retention below 20%."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._archive_settings_of(cls.shiqian | cls.sinan)
        cls.policy = cls._make_policy("石阡县见习基地测试政策", cls.shiqian)
        cls.policy.write(
            {
                "max_intern_ratio": 30,
                "unit_no_intern_months": 12,
                "unit_retention_floor": 20,
                "unit_retention_years": 2,
            }
        )
        cls.unit.write({"insured_staff_count": 10, "certified_date": "2020-01-01"})
        cls.position = cls._make_position(headcount=10)
        cls.Internship = cls.env["jianxi.internship"]
        cls.Unit = cls.env["jianxi.unit"]
        cls._people = iter(range(1000))

    @classmethod
    def person(cls):
        n = next(cls._people)
        partner = cls.env["res.partner"].create({"name": f"见习人员{n}"})
        return cls._make_applicant(partner, f"见习人员{n}")

    def application(self, position=None):
        return self.Internship.create({"applicant_id": self.person().id, "position_id": (position or self.position).id})

    def ended(self, end, kept_on=False, unit=None):
        """An internship of ``unit`` (the 石阡县 unit) of 6 months that ended on ``end``."""
        start = end - relativedelta(months=6) + relativedelta(days=1)
        position = self.position if unit is None else self._make_position(unit=unit)
        internship = self.Internship.create(
            {
                "applicant_id": self.person().id,
                "position_id": position.id,
                **onboarding_values(start, end),
                "actual_end_date": end,
                "end_reason": "hired" if kept_on else "completed",
                "kept_on": kept_on,
            }
        )
        return internship._jianxi_force_state("ended")


@tagged("post_install", "-at_install")
class TestInternCap(HostUnitCase):
    def test_cap_rule(self):
        self.assertEqual(host_unit.intern_cap(10, 30), 3)
        self.assertEqual(host_unit.intern_cap(46, 30), 13, "rounded down")
        self.assertEqual(host_unit.intern_cap(2, 30), 1, "at least one")
        self.assertEqual(host_unit.intern_cap(0, 30), 1, "at least one, even without insured staff")
        self.assertIsNone(host_unit.intern_cap(10, 0), "0: no cap")

    def test_unit_confirms_up_to_the_cap_then_is_refused_with_the_figures(self):
        applications = [self.application() for _ in range(4)]
        for internship in applications[:3]:
            internship.with_user(self.unit_user).action_confirm()
        self.assertEqual((self.unit.cap_intern_count, self.unit.intern_cap), (3, 3))
        with self.assertRaises(UserError) as cm:
            applications[3].with_user(self.unit_user).action_confirm()
        message = str(cm.exception)
        for figure in ("at most 3 intern(s)", "30% of its 10 insured staff", "It has 3 intern(s)", "1 more"):
            self.assertIn(figure, message)
        self.assertEqual(applications[3].state, "applied")

    def test_cap_message_is_in_chinese_for_a_chinese_reader(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.unit.insured_staff_count = 2  # cap 1
        first, second = self.application(), self.application()
        first.with_user(self.unit_user).action_confirm()
        with self.assertRaises(UserError) as cm:
            second.with_user(self.unit_user).with_context(lang="zh_CN").action_confirm()
        message = str(cm.exception)
        self.assertIn("参保职工", message)
        for figure in ("1", "2", "30%"):
            self.assertIn(figure, message)

    def test_ended_and_not_arrived_interns_do_not_count(self):
        self.unit.insured_staff_count = 2  # cap 1
        self.ended(date(2025, 6, 30))
        gone = self.application()
        gone._jianxi_force_state("not_arrived")
        self.application().with_user(self.unit_user).action_confirm()
        self.assertEqual(self.unit.cap_intern_count, 1)

    def test_no_cap_when_the_policy_sets_none(self):
        self.policy.max_intern_ratio = 0
        self.unit.insured_staff_count = 1
        for internship in [self.application() for _ in range(3)]:
            internship.with_user(self.unit_user).action_confirm()
        self.assertEqual(self.unit.cap_intern_count, 3)

    def test_approval_beyond_a_lowered_cap_is_refused(self):
        applications = [self.application() for _ in range(2)]
        for internship in applications:
            internship.with_user(self.unit_user).action_confirm()
        self.unit.insured_staff_count = 3  # cap 1 now, two confirmed
        with self.assertRaises(UserError) as cm:
            applications[0].with_user(self.officer_shiqian).action_approve(override_reason="测试")
        self.assertIn("at most 1 intern(s)", str(cm.exception))
        self.assertEqual(applications[0].state, "confirmed")

    def test_suspended_unit_cannot_confirm_nor_publish(self):
        internship = self.application()
        position = self._make_position(state="submitted")
        self.unit.with_user(self.manager).action_suspend("一年内未接收见习人员")
        with self.assertRaises(UserError):
            internship.with_user(self.unit_user).action_confirm()
        with self.assertRaises(UserError):
            position.with_user(self.officer_shiqian).action_publish()
        self.assertEqual((internship.state, position.state), ("applied", "submitted"))


@tagged("post_install", "-at_install")
class TestCapOnThePortal(JianxiUnitPortalCase):
    """The unit confirms a match on its portal (a real HTTP request) and reads the refusal, with the
    figures, in its own language."""

    def test_unit_confirming_beyond_its_cap_reads_the_figures_in_chinese(self):
        self._archive_settings_of(self.shiqian)
        self._make_policy("石阡县见习基地测试政策", self.shiqian).max_intern_ratio = 30
        self.unit.insured_staff_count = 5  # 30% of 5 is 1.5: one intern
        self._make_internship(self._new_applicant("周九"), self.position, state="on_duty")
        self.env["res.lang"]._activate_lang("zh_CN")
        self.unit_user.lang = "zh_CN"
        self._login(self.unit_user)
        self.opener.cookies["frontend_lang"] = "zh_CN"  # a browser set to Chinese
        html = self._html(self._post(f"/my/applications/{self.application.id}/confirm"))
        for text in ("同时最多可接收1名见习人员", "参保职工5人的30%", "在岗的见习人员有1名", "不能再接收1名"):
            self.assertIn(text, html)
        self.application.invalidate_recordset()
        self.assertEqual(self.application.state, "applied")


@tagged("post_install", "-at_install")
class TestLifecycleFlags(HostUnitCase):
    def run_job(self, today=TODAY):
        return self.Unit._cron_flag_lifecycle(today=today)

    def activities(self, unit, xmlid=LIFECYCLE):
        return unit.activity_ids.filtered(lambda a: a.activity_type_id == self.env.ref(xmlid))

    def test_unit_without_intern_for_twelve_months_is_flagged_for_its_officers(self):
        self.ended(date(2025, 2, 15))
        self.assertIn(self.unit, self.run_job())
        self.assertEqual(self.unit.lifecycle_flag, "no_intern")
        self.assertTrue(self.unit.lifecycle_flagged)
        self.assertEqual((self.unit.lifecycle_since_date, self.unit.lifecycle_months), (date(2025, 2, 15), 12))
        since = format_date(self.env, date(2025, 2, 15))
        self.assertIn(f"No intern since {since}: ", self.unit.lifecycle_flag_text)
        self.assertIn(self.unit, self.Unit.search([("lifecycle_flagged", "=", True)]))
        activities = self.activities(self.unit)
        self.assertIn(self.officer_shiqian, activities.user_id, "the county's officers")
        self.assertNotIn(self.officer_sinan, activities.user_id)
        mine = activities.filtered(lambda a: a.user_id == self.officer_shiqian)
        # the note is written in the officer's language
        officer_lang = self.officer_shiqian.lang
        self.assertIn(self.unit.with_context(lang=officer_lang)._jianxi_lifecycle_sentence(), str(mine.note))
        self.assertIn("12", str(mine.note))
        self.assertNotIn(self.unit, self.run_job(), "flagged once, not every day")
        self.assertEqual(self.activities(self.unit), activities)

    def test_unit_never_with_intern_counts_from_its_certification(self):
        self.unit.certified_date = date(2025, 1, 10)
        self.run_job()
        self.assertEqual((self.unit.lifecycle_flag, self.unit.lifecycle_since_date), ("no_intern", date(2025, 1, 10)))

    def test_units_with_interns_are_not_flagged(self):
        self.ended(date(2025, 6, 30), kept_on=True)  # within 12 months, and kept on
        self.assertNotIn(self.unit, self.run_job())
        self.assertFalse(self.unit.lifecycle_flagged)
        recent = self._make_unit("石阡县新认证单位", self.shiqian, "91520623MA6DL7777X")
        recent.certified_date = date(2025, 9, 1)
        on_duty = self._make_unit("石阡县在岗单位", self.shiqian, "91520623MA6DL6666X")
        on_duty.certified_date = date(2020, 1, 1)
        self.Internship.create(
            {
                "applicant_id": self.person().id,
                "position_id": self._make_position(unit=on_duty).id,
                **onboarding_values(date(2025, 12, 1)),
            }
        )._jianxi_force_state("on_duty")
        flagged = self.run_job()
        self.assertFalse(flagged & (recent | on_duty))

    def test_low_retention_two_years_running_is_flagged(self):
        self.application().with_user(self.unit_user).action_confirm()  # an intern now: not "no intern"
        for end, kept in [
            (date(2024, 6, 30), False),
            (date(2024, 9, 30), False),
            (date(2024, 12, 31), False),
            (date(2025, 3, 31), False),
            (date(2025, 6, 30), False),
            (date(2025, 9, 30), False),
            (date(2025, 11, 30), False),
            (date(2025, 12, 31), True),  # 1 of 5: 20%, not below ... see below
        ]:
            self.ended(end, kept_on=kept)
        self.run_job()
        self.assertFalse(self.unit.lifecycle_flagged, "2025 kept 20%: not below the floor")
        self.ended(date(2025, 12, 30))  # 1 of 6 in 2025: below 20%, and 0 of 3 in 2024
        self.run_job()
        self.assertEqual(self.unit.lifecycle_flag, "low_retention")
        self.assertEqual(
            (
                self.unit.lifecycle_first_year,
                self.unit.lifecycle_last_year,
                self.unit.lifecycle_ended_count,
                self.unit.lifecycle_kept_count,
            ),
            (2024, 2025, 9, 1),
        )
        self.assertIn("from 2024 to 2025", self.unit.lifecycle_flag_text)
        self.assertIn("fewer than 20%", self.unit.lifecycle_flag_text)

    def test_a_year_without_ended_interns_breaks_the_run(self):
        self.application().with_user(self.unit_user).action_confirm()
        self.ended(date(2025, 6, 30))  # 0% in 2025, nobody ended in 2024
        self.run_job()
        self.assertFalse(self.unit.lifecycle_flagged)

    def test_flag_is_cleared_when_the_rule_no_longer_holds(self):
        self.run_job()
        self.assertTrue(self.unit.lifecycle_flagged)
        self.application().with_user(self.unit_user).action_confirm()
        self.run_job()
        self.assertFalse(self.unit.lifecycle_flagged)
        self.assertFalse(self.activities(self.unit), "the officers' activity is done")

    def test_job_reads_the_figures_in_a_fixed_number_of_queries(self):
        def queries(units):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.Unit._jianxi_lifecycle_flags(units, TODAY)
            return self.env.cr.sql_log_count - before

        units = self.unit
        for n in range(5):
            unit = self._make_unit(f"石阡县单位{n}", self.shiqian, f"91520623MA6DL{n}00X")
            self.ended(date(2025, 6, 30), unit=unit)
            units |= unit
        self.assertEqual(queries(self.unit), queries(units))

    def test_job_is_daily(self):
        cron = self.env.ref("jianxi_internship.ir_cron_jianxi_unit_flag_lifecycle")
        self.assertEqual((cron.code, cron.interval_type, cron.active), ("model._cron_flag_lifecycle()", "days", True))


@tagged("post_install", "-at_install")
class TestLifecycleDecisions(HostUnitCase):
    def setUp(self):
        super().setUp()
        self.Unit._cron_flag_lifecycle(today=TODAY)
        self.assertEqual(self.unit.lifecycle_flag, "no_intern")

    def reason(self, user, opener, reason):
        action = getattr(self.unit.with_user(user), opener)()
        wizard = self.env["jianxi.reason.wizard"].with_user(user).browse(action["res_id"])
        wizard.reason = reason
        return wizard.action_confirm()

    def test_officer_dismisses_the_flag_with_a_reason(self):
        self.reason(self.officer_shiqian, "action_open_dismiss_flag_wizard", "单位正在扩建，下月将接收见习人员")
        self.assertFalse(self.unit.lifecycle_flagged)
        self.assertEqual(self.unit.lifecycle_dismiss_reason, "单位正在扩建，下月将接收见习人员")
        self.assertFalse(self.unit.activity_ids.filtered(lambda a: a.activity_type_id == self.env.ref(LIFECYCLE)))
        self.assertGreater(self.unit.lifecycle_dismissed_until, date.today())
        # not flagged again for the same rule meanwhile
        self.assertNotIn(self.unit, self.Unit._cron_flag_lifecycle(today=TODAY))
        self.assertFalse(self.unit.lifecycle_flagged)

    def test_dismiss_needs_a_reason_and_a_flag(self):
        with self.assertRaises(UserError):
            self.reason(self.officer_shiqian, "action_open_dismiss_flag_wizard", "  ")
        self.assertTrue(self.unit.lifecycle_flagged)
        self.reason(self.officer_shiqian, "action_open_dismiss_flag_wizard", "已核实")
        with self.assertRaises(UserError):
            self.reason(self.officer_shiqian, "action_open_dismiss_flag_wizard", "再次")

    def test_officer_proposes_and_a_manager_suspends(self):
        self.reason(self.officer_shiqian, "action_open_propose_suspension_wizard", "一年内未接收见习人员")
        self.assertTrue(self.unit.suspension_proposed)
        self.assertEqual(self.unit.suspension_proposed_by_id, self.officer_shiqian)
        proposed = self.unit.activity_ids.filtered(lambda a: a.activity_type_id == self.env.ref(PROPOSED))
        self.assertIn(self.manager, proposed.user_id)
        self.assertIn("一年内未接收见习人员", str(proposed[:1].note))
        with self.assertRaises(AccessError):
            self.unit.with_user(self.officer_shiqian).action_suspend("no")
        self.reason(self.manager, "action_open_suspend_wizard", "一年内未接收见习人员，取消见习单位资格")
        self.assertEqual(self.unit.state, "suspended")
        self.assertFalse(self.unit.lifecycle_flagged or self.unit.suspension_proposed)
        self.assertFalse(
            self.unit.activity_ids.filtered(
                lambda a: a.activity_type_id.id in (self.env.ref(PROPOSED).id, self.env.ref(LIFECYCLE).id)
            )
        )

    def test_officer_of_another_county_and_the_unit_are_refused(self):
        for user in (self.officer_sinan, self.unit_user):
            for opener in ("action_open_dismiss_flag_wizard", "action_open_propose_suspension_wizard"):
                with self.subTest(user=user.login, opener=opener), self.assertRaises(AccessError):
                    getattr(self.unit.with_user(user), opener)()
            with self.assertRaises(AccessError):
                self.unit.with_user(user)._jianxi_apply_reason("_jianxi_dismiss_lifecycle_flag", "no")
        self.assertTrue(self.unit.lifecycle_flagged)
        self.assertFalse(self.unit.suspension_proposed)


@tagged("post_install", "-at_install")
class TestLifecycleMails(NotificationCase):
    """The chatter tells the story; the unit's contacts are told the suspension and its reason."""

    def test_flag_decisions_in_the_chatter_and_the_suspension_mailed_to_the_unit(self):
        self.policy.write({"max_intern_ratio": 30, "unit_no_intern_months": 12})
        self.unit.certified_date = date(2020, 1, 1)
        self.flush_tracking()
        self.env["jianxi.unit"]._cron_flag_lifecycle(today=TODAY)
        self.flush_tracking()
        self.unit.with_user(self.officer_shiqian)._jianxi_propose_suspension("一年内未接收见习人员")
        self.flush_tracking()
        self.unit.with_user(self.manager).action_suspend("一年内未接收见习人员，暂停见习单位资格")
        message = self.assertMailed(
            self.unit,
            "jianxi_internship.mail_template_unit_suspended",
            self.unit.partner_id,
            "一年内未接收见习人员，暂停见习单位资格",
        )
        self.assertIn(self.unit_user.partner_id, message.notified_partner_ids, "the unit's contacts are told")
        tracked = (
            self.env["mail.tracking.value"]
            .sudo()
            .search([("mail_message_id.res_id", "=", self.unit.id), ("mail_message_id.model", "=", "jianxi.unit")])
        )
        fields_tracked = set(tracked.field_id.mapped("name"))
        self.assertLessEqual({"lifecycle_flag", "suspension_proposed", "state"}, fields_tracked)


@tagged("post_install", "-at_install")
class TestInternCapMigration(JianxiWorkflowCase):
    """migrations/18.0.1.8.0: the policies of a database from before the cap (0 or no value) get
    30%, in this test's transaction; a ratio a bureau set stays."""

    def _migration(self):
        return load_migration("18.0.1.8.0", "post-migrate")

    def test_policies_without_a_cap_get_thirty_percent_others_keep_theirs(self):
        policies = self.env["jianxi.policy"].with_context(active_test=False).search([], order="id")
        self.assertGreaterEqual(len(policies), 3)
        zero, empty, own = policies[0], policies[1], policies[2]
        self.env.flush_all()
        cr = self.env.cr
        cr.execute("UPDATE jianxi_policy SET max_intern_ratio = 0 WHERE id = %s", [zero.id])
        cr.execute("UPDATE jianxi_policy SET max_intern_ratio = NULL WHERE id = %s", [empty.id])
        cr.execute("UPDATE jianxi_policy SET max_intern_ratio = 12.5 WHERE id = %s", [own.id])
        migration = self._migration()
        migration.migrate(cr, None)  # a fresh install: nothing to do
        cr.execute("SELECT max_intern_ratio FROM jianxi_policy WHERE id = %s", [zero.id])
        self.assertEqual(cr.fetchone()[0], 0)
        with patch.object(migration, "_logger") as logger:
            migration.migrate(cr, "18.0.1.7.0")
        self.env.invalidate_all()
        self.assertEqual((zero.max_intern_ratio, empty.max_intern_ratio, own.max_intern_ratio), (30.0, 30.0, 12.5))
        logger.info.assert_called_once()
        self.assertEqual(logger.info.call_args.args[1:], (2, 30.0, sorted([zero.id, empty.id])))
        # the cap applies at once: 30% of 10 insured staff
        self.assertEqual(host_unit.intern_cap(10, zero.max_intern_ratio), 3)
