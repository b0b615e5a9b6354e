import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..rules import eligibility, host_unit, workdays


class JianxiPolicy(models.Model):
    """One complete set of the programme's numbers, for a region and its subtree, from a date on.

    Nothing in the code hard-codes a number of the policy: every rule reads it from the policy
    in force (``_lookup(region, day)``). A county that differs from its province copies the
    provincial set and changes what differs.
    """

    _name = "jianxi.policy"
    _inherit = ["jianxi.dated.setting.mixin", "mail.thread"]
    _description = "Internship Policy"

    name = fields.Char(required=True, tracking=True)
    reference = fields.Char(
        string="Policy Document", help="The notice that sets these numbers, e.g. 黔人社发〔2022〕7号."
    )
    currency_id = fields.Many2one("res.currency", default=lambda self: self.env.ref("base.CNY"), required=True)
    # The transition of 2022 (../shared/POLICY.md): internships begun before the online zone keep
    # the rules of their time. Such a rule set is never in force for a new placement (``_lookup``
    # leaves it out); it applies to the legacy internships imported under it and to their claims.
    is_legacy = fields.Boolean(
        string="Legacy Rule Set",
        tracking=True,
        help="The rules of internships begun before the online zone (e.g. 石人社通〔2021〕16号): they apply only "
        "to the internships imported under them and to their subsidy claims, never to new placements.",
    )
    legacy_started_before = fields.Date(
        string="For Internships Started Before",
        tracking=True,
        help="The day the online zone opened: a legacy internship started before it.",
    )
    legacy_claims_until = fields.Date(
        string="Legacy Claims Accepted Until",
        tracking=True,
        help="The last day a unit may start a claim under this rule set. Empty: no end date.",
    )

    # Who may be an intern
    min_age = fields.Integer(
        string="Minimum Age",
        default=16,
        required=True,
        tracking=True,
        help="Unemployed youth: the youngest age, on the agreement date.",
    )
    max_age = fields.Integer(
        string="Maximum Age",
        default=24,
        required=True,
        tracking=True,
        help="Unemployed youth: the oldest age (inclusive), on the agreement date.",
    )
    graduation_window_years = fields.Integer(
        string="Graduation Window (years)",
        default=2,
        required=True,
        tracking=True,
        help="Graduates qualify until this many years after the date on their diploma.",
    )
    college_level_ids = fields.Many2many(
        "jianxi.education.level",
        "jianxi_policy_college_level_rel",
        "policy_id",
        "level_id",
        string="Eligible College Levels",
        help="Levels admitted for college graduates everywhere.",
    )
    vocational_level_ids = fields.Many2many(
        "jianxi.education.level",
        "jianxi_policy_vocational_level_rel",
        "policy_id",
        "level_id",
        string="Eligible Vocational Levels",
        help="Levels admitted only in key counties and hardship/remote areas (中职).",
    )
    household_region_id = fields.Many2one(
        "jianxi.region",
        string="Required Household Registration",
        ondelete="restrict",
        tracking=True,
        help="Applicants' household registration (户籍) must lie in this region. Empty: no requirement.",
    )
    extra_cohort_years = fields.Char(
        string="Extra Eligible Cohorts",
        tracking=True,
        help="Graduation years admitted even outside the graduation window, separated by commas (e.g. 2020).",
    )

    # Duration and money
    duration_min_months = fields.Integer(string="Shortest Internship (months)", default=3, required=True, tracking=True)
    duration_max_months = fields.Integer(string="Longest Internship (months)", default=12, required=True, tracking=True)
    subsidy_rate = fields.Float(
        string="Subsidy Rate (%)",
        default=60.0,
        required=True,
        tracking=True,
        help="Share of the local minimum wage paid per intern and month.",
    )
    subsidy_rate_retained = fields.Float(
        string="Subsidy Rate with Retention (%)",
        default=80.0,
        required=True,
        tracking=True,
        help="Rate when the unit kept on at least the retention threshold of its interns ended that year.",
    )
    retention_threshold = fields.Float(string="Retention Threshold (%)", default=50.0, required=True, tracking=True)
    retention_bonus = fields.Monetary(string="Bonus per Kept Intern", default=500.0, required=True, tracking=True)
    insurance_cap = fields.Monetary(
        string="Insurance Cap per Intern",
        default=300.0,
        required=True,
        tracking=True,
        help="Insurance premiums are repaid at actual cost up to this amount.",
    )
    early_hire_min_fraction = fields.Float(
        string="Served Share before Early-Hire Months (%)",
        default=0.0,
        required=True,
        tracking=True,
        help="An intern hired early by the unit earns it the remaining months only after serving this share "
        "of the agreed period (0 in Guizhou; ⅓ elsewhere).",
    )
    max_intern_ratio = fields.Float(
        string="Interns per Insured Staff (%)",
        default=30.0,
        tracking=True,
        help="Cap on interns as a share of the unit's insured staff, rounded down, at least one for any certified "
        "unit: interns confirmed, approved or on duty count. 0 means no cap.",
    )
    # Host units (见习基地): when a unit is flagged for withdrawal (rules/host_unit.py, a daily job).
    unit_no_intern_months = fields.Integer(
        string="Flag a Unit without Interns after (months)",
        default=12,
        required=True,
        tracking=True,
        help="A certified unit that has had no intern for this many months (since its last intern ended, or since "
        "its certification) is flagged for the county's officers. 0: never.",
    )
    unit_retention_floor = fields.Float(
        string="Unit Retention Floor (%)",
        default=20.0,
        required=True,
        tracking=True,
        help="A unit that keeps on fewer than this share of its interns ended in a year, for the number of "
        "consecutive years below, is flagged for the county's officers.",
    )
    unit_retention_years = fields.Integer(
        string="Years of Low Retention before a Flag",
        default=2,
        required=True,
        tracking=True,
        help="Consecutive complete calendar years of retention below the floor that flag a unit. 0: never.",
    )
    claim_window_days = fields.Integer(
        string="Claim Window (days)",
        default=90,
        required=True,
        tracking=True,
        help="Days after an internship ends within which the unit must claim its subsidy.",
    )
    application_release_days = fields.Integer(
        string="Release Unanswered Applications after (days)", default=15, required=True, tracking=True
    )
    upload_max_mb = fields.Integer(string="Largest Upload (MB)", default=10, required=True, tracking=True)
    missing_monthly_papers = fields.Selection(
        [
            ("pay", "Paid as Usual"),
            ("flag", "Paid, Flagged on the Claim"),
            ("exclude", "Not Paid"),
        ],
        string="Month without Monthly Papers",
        default="flag",
        required=True,
        tracking=True,
        help="What a claim does with a month on duty for which the unit did not upload both the attendance record "
        "and the allowance payment proof: pay it, pay it with a remark on the claim line naming the months, or "
        "leave it unpaid (the line says which months and why). Internships begun before the online zone are "
        "exempt.",
    )
    payment_by_other_than_approver = fields.Boolean(
        string="Payer Differs from Approver",
        tracking=True,
        help="When set, whoever approved a subsidy claim cannot record its payment: another officer of the county "
        "or a manager does (the person who checks a claim is not the one who pays it). Off, one officer may approve "
        "and record the payment, as small bureaus need. The officer who submitted a claim on a unit's behalf never "
        "approves it, whatever this setting.",
    )
    notice_working_days = fields.Integer(
        string="Public Notice (working days)",
        default=5,
        required=True,
        tracking=True,
        help="How long an approved subsidy claim is published (公示) at /internships/notices before it may be paid, "
        "in working days (Configuration › Holidays and Make-up Workdays), from the working day after the approval.",
    )

    # Reminders
    reminder_forgotten_end_days = fields.Integer(
        string="Remind a Missing End after (days)",
        default=7,
        required=True,
        tracking=True,
        help="Days after an internship's planned end at which the unit is reminded to record the end (人员终止) "
        "and the county's officers get an activity. Must be shorter than the claim window, so that the reminder "
        "comes while the subsidy can still be claimed.",
    )
    reminder_claim_window_days = fields.Integer(
        string="Remind before the Claim Window Closes (days)",
        default=15,
        required=True,
        tracking=True,
        help="Days before the claim window of an ended, unclaimed intern closes at which the unit is reminded.",
    )
    reminder_duration_limit_days = fields.Integer(
        string="Flag Internships Nearing the Longest Duration (days)",
        default=30,
        required=True,
        tracking=True,
        help="A running internship is flagged “Needs Attention” this many days before it reaches the longest "
        "duration allowed.",
    )

    _sql_constraints = [
        (
            "region_date_unique",
            "unique(region_id, date_from)",
            "This region already has a policy starting on that date.",
        ),
    ]

    @api.constrains(
        "min_age",
        "max_age",
        "graduation_window_years",
        "duration_min_months",
        "duration_max_months",
        "subsidy_rate",
        "subsidy_rate_retained",
        "retention_threshold",
        "early_hire_min_fraction",
        "max_intern_ratio",
        "claim_window_days",
        "application_release_days",
        "upload_max_mb",
        "retention_bonus",
        "insurance_cap",
        "notice_working_days",
        "unit_no_intern_months",
        "unit_retention_floor",
        "unit_retention_years",
    )
    def _check_numbers(self):
        for policy in self:
            if not 0 < policy.min_age <= policy.max_age:
                raise ValidationError(_("The minimum age must be positive and not above the maximum age."))
            if not 0 < policy.duration_min_months <= policy.duration_max_months:
                raise ValidationError(_("The shortest internship must be positive and not longer than the longest."))
            percents = (
                policy.subsidy_rate,
                policy.subsidy_rate_retained,
                policy.retention_threshold,
                policy.early_hire_min_fraction,
                policy.max_intern_ratio,
                policy.unit_retention_floor,
            )
            if any(not 0 <= p <= 100 for p in percents):
                raise ValidationError(_("Rates, thresholds and shares are percentages between 0 and 100."))
            counts = (
                policy.graduation_window_years,
                policy.claim_window_days,
                policy.application_release_days,
                policy.upload_max_mb,
            )
            if any(n <= 0 for n in counts) or policy.retention_bonus < 0 or policy.insurance_cap < 0:
                raise ValidationError(_("Windows, days, sizes and amounts must be positive."))
            if not 0 <= policy.unit_no_intern_months <= 120 or not 0 <= policy.unit_retention_years <= 10:
                raise ValidationError(
                    _(
                        "A unit is flagged after 0 to 120 months without interns, and after 0 to 10 years of low "
                        "retention (0: never)."
                    )
                )
            if not 1 <= policy.notice_working_days <= workdays.MAX_NOTICE_WORKING_DAYS:
                raise ValidationError(
                    _(
                        "The public notice lasts from 1 to %(max)s working days.",
                        max=workdays.MAX_NOTICE_WORKING_DAYS,
                    )
                )

    @api.constrains("is_legacy", "legacy_started_before")
    def _check_legacy(self):
        for policy in self.filtered("is_legacy"):
            if not policy.legacy_started_before:
                raise ValidationError(
                    _(
                        "The legacy rule set %(policy)s needs the day the online zone opened (For Internships Started "
                        "Before).",
                        policy=policy.name,
                    )
                )

    @api.model
    def _jianxi_lookup_domain(self):
        return [("is_legacy", "=", False)]

    @api.model
    def _jianxi_legacy_rule_set(self, region):
        """The legacy rule set of ``region``: the most specific among the region's and its ancestors',
        the latest of that region; an empty recordset when there is none. Read as superuser, like
        ``_lookup``."""
        region.ensure_one()
        chain = region._ancestor_ids()
        rule_sets = self.sudo().search([("is_legacy", "=", True), ("region_id", "in", chain)], order="date_from desc")
        for region_id in chain:
            for rule_set in rule_sets:
                if rule_set.region_id.id == region_id:
                    return rule_set
        return self.sudo().browse()

    @api.constrains("extra_cohort_years")
    def _check_extra_cohort_years(self):
        for policy in self:
            policy._get_extra_cohort_years()

    @api.constrains(
        "reminder_forgotten_end_days", "reminder_claim_window_days", "reminder_duration_limit_days", "claim_window_days"
    )
    def _check_reminder_days(self):
        for policy in self:
            if (
                policy.reminder_forgotten_end_days <= 0
                or policy.reminder_claim_window_days <= 0
                or policy.reminder_duration_limit_days < 0
            ):
                raise ValidationError(_("Reminder delays must be positive numbers of days."))
            if policy.reminder_forgotten_end_days >= policy.claim_window_days:
                raise ValidationError(
                    _(
                        "The reminder of a missing end (%(reminder)s days after the planned end) must come before the "
                        "claim window of %(window)s days closes: make it shorter.",
                        reminder=policy.reminder_forgotten_end_days,
                        window=policy.claim_window_days,
                    )
                )

    def _get_extra_cohort_years(self):
        """The extra cohorts as a frozenset of years; a clear error on anything else."""
        self.ensure_one()
        parts = [p for p in re.split(r"[,，、\s]+", self.extra_cohort_years or "") if p]
        if any(not re.fullmatch(r"(19|20)\d\d", p) for p in parts):
            raise ValidationError(
                _(
                    "Extra eligible cohorts must be graduation years separated by commas, e.g. 2020, 2021 (got: %s).",
                    self.extra_cohort_years,
                )
            )
        return frozenset(int(p) for p in parts)

    def _jianxi_lifecycle_settings(self):
        """This policy's host-unit numbers, as ``rules.host_unit`` takes them."""
        self.ensure_one()
        policy = self.sudo()
        return host_unit.LifecycleSettings(
            no_intern_months=policy.unit_no_intern_months,
            retention_floor=policy.unit_retention_floor,
            retention_years=policy.unit_retention_years,
        )

    def _jianxi_eligibility_policy(self):
        """This policy's eligibility numbers, as ``rules.eligibility`` takes them."""
        self.ensure_one()
        policy = self.sudo()
        return eligibility.EligibilityPolicy(
            min_age=policy.min_age,
            max_age=policy.max_age,
            graduation_window_years=policy.graduation_window_years,
            college_levels=frozenset(policy.college_level_ids.mapped("code")),
            vocational_levels=frozenset(policy.vocational_level_ids.mapped("code")),
            household_region_code=policy.household_region_id.code or None,
            extra_cohort_years=policy._get_extra_cohort_years(),
            household_region_name=policy.household_region_id.name or None,
        )
