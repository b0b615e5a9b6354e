import logging

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.modules.db import FunctionStatus
from odoo.osv import expression
from odoo.tools import SQL, format_amount, format_date, format_list
from odoo.tools.sql import create_index, escape_psql

from ..rules import bounds, matching

_logger = logging.getLogger(__name__)

POSITION_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("published", "Published"),
    ("rejected", "Rejected"),
    ("closed", "Closed"),
]
# Internship states that take a seat of the headcount (the unit confirmed the person).
FILLING_STATES = ("confirmed", "approved", "on_duty", "end_requested", "ended")
# What a unit's contact enters from the portal (``action_portal_create`` / ``action_save``): never the
# unit, the state, the bureau's exception or the review fields. In the order of the portal form.
POSITION_FORM_FIELDS = (
    "name",
    "content",
    "education_level_id",
    "majors",
    "accepts_college",
    "accepts_vocational",
    "accepts_unemployed",
    "headcount",
    "duration_months",
    "allowance",
    "region_id",
    "planned_start_date",
    "deadline",
)
PORTAL_FIELDS = frozenset(POSITION_FORM_FIELDS)
# The applicant categories a position takes (rules.eligibility's codes -> the position's field).
ACCEPT_FIELDS = {"college": "accepts_college", "vocational": "accepts_vocational", "unemployed": "accepts_unemployed"}


class JianxiPosition(models.Model):
    """An internship position (见习岗位) of a certified unit, screened by the bureau before the
    public sees it.

    Review: draft → submitted → published, or → rejected (with a reason), edited and submitted
    again; published → closed, by the unit or an officer, or by itself when the headcount is
    filled (``_close_if_filled``) or the deadline has passed (daily cron).

    The policy terms (duration bounds, allowance ≥ minimum wage of the work county on the planned
    start date) are checked on every save where the data is there, and again, strictly, at
    submission and at publication: a policy may change in between.
    """

    _name = "jianxi.position"
    _inherit = [
        "jianxi.notification.mixin",
        "mail.activity.mixin",
        "portal.mixin",
        "jianxi.workflow.mixin",
    ]
    _description = "Internship Position"
    _jianxi_review_activity_type = "jianxi_internship.mail_activity_type_review_position"
    _order = "published_date desc, id desc"

    name = fields.Char(string="Title", required=True, tracking=True)
    unit_id = fields.Many2one(
        "jianxi.unit", string="Internship Unit", required=True, index=True, ondelete="restrict", tracking=True
    )
    content = fields.Text(
        string="Job Content", required=True, help="The real technical or business content of the job."
    )
    education_level_id = fields.Many2one(
        "jianxi.education.level", string="Required Education Level", ondelete="restrict"
    )
    majors = fields.Char(help="Majors sought, e.g. 计算机科学与技术、会计学.")
    # The rule's verdict on the majors (rules.matching.any_major), stored so that the SQL narrowing
    # the board's fits filter and the recommendations reads the same 不限 as the rule.
    majors_any = fields.Boolean(string="Any Major", compute="_compute_majors_any", store=True)
    # The categories of applicants the position takes (all by default; none ticked on the portal
    # means all too: _jianxi_portal_values).
    accepts_college = fields.Boolean(string="Takes College Graduates", default=True, tracking=True)
    accepts_vocational = fields.Boolean(string="Takes Secondary-Vocational Graduates", default=True, tracking=True)
    accepts_unemployed = fields.Boolean(string="Takes Unemployed Youth", default=True, tracking=True)
    headcount = fields.Integer(default=1, required=True, tracking=True, aggregator="sum")
    duration_months = fields.Integer(
        string="Duration (months)", default=6, required=True, tracking=True, aggregator="avg"
    )
    allowance = fields.Monetary(string="Monthly Living Allowance", required=True, tracking=True, aggregator="avg")
    currency_id = fields.Many2one("res.currency", default=lambda self: self.env.ref("base.CNY"), required=True)
    region_id = fields.Many2one(
        "jianxi.region",
        string="Work County",
        required=True,
        index=True,
        domain="[('level', '=', 'county')]",
        ondelete="restrict",
        tracking=True,
    )
    planned_start_date = fields.Date(string="Planned Start", required=True, tracking=True)
    deadline = fields.Date(string="Application Deadline", required=True, tracking=True)
    special_major_exception = fields.Boolean(
        string="Special-Major Exception",
        tracking=True,
        help="Set by an officer: graduates from outside the province also qualify for this position.",
    )
    state = fields.Selection(
        POSITION_STATES, default="draft", required=True, readonly=True, copy=False, tracking=True, index=True
    )
    reject_reason = fields.Text(string="Rejection Reason", readonly=True, copy=False, tracking=True)
    is_legacy = fields.Boolean(
        string="Legacy Position",
        readonly=True,
        copy=False,
        help="Made by a legacy import for internships begun before the online zone: never published.",
    )
    published_date = fields.Date(readonly=True, copy=False, index=True)  # the lists' order (_order)
    internship_ids = fields.One2many("jianxi.internship", "position_id", string="Applications")
    active = fields.Boolean(default=True)
    unit_type = fields.Selection(related="unit_id.unit_type", store=True, string="Unit Type")
    industry_id = fields.Many2one(related="unit_id.industry_id", store=True, string="Industry")
    # Stored: the board filters a province's published positions on the seats left in one indexed
    # scan, instead of counting a million applications at every page (make bench-scale).
    filled_count = fields.Integer(
        string="Seats Taken",
        compute="_compute_filled",
        store=True,
        help="Applicants the unit confirmed (and who have not dropped out before the bureau's approval).",
    )
    remaining_count = fields.Integer(string="Remaining Seats", compute="_compute_filled", store=True)
    is_open_for_applications = fields.Boolean(
        string="Open for Applications",
        compute="_compute_is_open_for_applications",
        search="_search_is_open_for_applications",
        help="Published, deadline not passed, seats left, and the unit is certified.",
    )
    application_count = fields.Integer(compute="_compute_application_count")

    @api.depends("name")
    def _compute_access_url(self):
        for position in self:
            position.access_url = f"/internships/positions/{position.id}"

    @api.depends("headcount", "internship_ids.state", "internship_ids.active")
    def _compute_filled(self):
        # Sudo: the public and applicants read the remaining seats without seeing the applications.
        filled = {
            position.id: count
            for position, count in self.env["jianxi.internship"]
            .sudo()
            ._read_group(
                [("position_id", "in", self._origin.ids), ("state", "in", FILLING_STATES)], ["position_id"], ["__count"]
            )
        }
        for position in self:
            position.filled_count = filled.get(position._origin.id, 0)
            position.remaining_count = max(position.headcount - position.filled_count, 0)

    @api.depends("state", "deadline", "headcount", "internship_ids.state", "unit_id.state")
    def _compute_is_open_for_applications(self):
        # _jianxi_open_domain, record by record (on the values in cache, for the forms too)
        today = fields.Date.context_today(self)
        for position in self:
            position.is_open_for_applications = (
                position.state == "published"
                and bool(position.deadline)
                and position.deadline >= today
                and position.remaining_count > 0
                and position.unit_id.sudo().state == "certified"
            )

    def _search_is_open_for_applications(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Search on “Open for Applications” with = True or = False only."))
        domain = self._jianxi_open_domain()
        return domain if (operator == "=") == value else ["!", *expression.normalize_domain(domain)]

    def _compute_application_count(self):
        Internship = self.env["jianxi.internship"]
        counts = (
            dict(Internship._read_group([("position_id", "in", self._origin.ids)], ["position_id"], ["__count"]))
            if Internship.has_access("read")
            else {}
        )
        for position in self:
            position.application_count = counts.get(position._origin, 0)

    @api.constrains("headcount", "region_id", "duration_months", "allowance", "planned_start_date")
    def _check_terms(self):
        # Drafts may be incomplete: settings that are missing are only required at submission.
        for position in self:
            problems = position._jianxi_term_problems(strict=False)
            if problems:
                raise ValidationError("\n".join(problems))

    @api.constrains(*ACCEPT_FIELDS.values())
    def _check_takes_a_category(self):
        for position in self:
            if not any(position[name] for name in ACCEPT_FIELDS.values()):
                raise ValidationError(
                    _("%(position)s must take at least one category of applicants.", position=position.name)
                )

    @api.onchange("unit_id")
    def _onchange_unit_id(self):
        if self.unit_id and not self.region_id:
            self.region_id = self.unit_id.region_id

    @api.model_create_multi
    def create(self, vals_list):
        Region = self.env["jianxi.region"]
        for vals in vals_list:
            if vals.get("special_major_exception"):
                self._jianxi_check_exception_editor(Region.browse(vals.get("region_id")))
        return super().create(vals_list)

    def write(self, vals):
        if "special_major_exception" in vals:
            for position in self.filtered(lambda p: p.special_major_exception != bool(vals["special_major_exception"])):
                position._jianxi_check_exception_editor(position.sudo().region_id)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_past_draft(self):
        for position in self:
            if position.state != "draft":
                raise UserError(
                    _(
                        "%(position)s is past the draft stage and cannot be deleted: archive it instead.",
                        position=position.name,
                    )
                )

    # ------------------------------------------------------------------ actions
    # Mails of these actions (jianxi.notification.mixin: posted when the state is reached).
    # The screening result, mailed to the unit's company.
    _jianxi_state_templates = {
        "published": ("jianxi_internship.mail_template_position_published",),
        "rejected": ("jianxi_internship.mail_template_position_rejected",),
    }

    def action_submit(self):
        """Send the position to the bureau for screening (from draft, or again after a rejection).

        Who: a contact of the unit, or an officer of the unit's county. The unit must be certified
        and the terms must meet the policy in force."""
        self._jianxi_check_state("draft", "rejected")
        for position in self:
            position._jianxi_check_unit_actor(position.unit_id)
            position._jianxi_check_ready()
        self.sudo().write({"state": "submitted", "reject_reason": False})
        self._jianxi_schedule_review()
        return True

    def action_publish(self):
        """Publish a submitted position to applicants and the public.

        Who: an officer of the work county, or a manager. Checks the unit and the terms again."""
        self._jianxi_check_state("submitted")
        self._jianxi_check_officer()
        for position in self:
            position._jianxi_check_ready()
        self.sudo().write({"state": "published", "published_date": fields.Date.context_today(self)})
        self._jianxi_close_review(_("Published"))
        return True

    def action_reject(self, reason):
        """Send a submitted position back to the unit with a reason.

        Who: an officer of the work county, or a manager."""
        return self._jianxi_reject_submission(reason)

    def action_close(self):
        """Stop taking applications. Who: a contact of the unit, or an officer of the work county
        or of the unit's county (or a manager)."""
        self._jianxi_check_state("published")
        for position in self:
            if not (
                position._jianxi_is_unit_member(position.unit_id)
                or position._jianxi_user_covers(position.sudo().region_id)
            ):
                position._jianxi_check_unit_actor(position.unit_id)
        self.sudo().write({"state": "closed"})
        return True

    _jianxi_reason_actions = ("action_reject",)

    def action_open_reject_wizard(self):
        return self._jianxi_open_reason_wizard("action_reject", _("Reject the Position"))

    def action_view_applications(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Applications"),
            "res_model": "jianxi.internship",
            "view_mode": "list,form",
            "domain": [("position_id", "=", self.id)],
            "context": {"create": False},
        }

    # ------------------------------------------------------------------ business methods
    @api.model
    def _jianxi_open_domain(self):
        """The positions open for applications: published, application deadline not passed, seats
        left (``_compute_filled``, stored) and the unit certified. The one definition
        of the board, of the search on ``is_open_for_applications`` and (record by record) of its
        compute.

        The unit and the seats are sub-queries (sudo: the public reads neither units nor
        applications), never a sudo search of positions: the caller's record rules still apply."""
        Unit = self.env["jianxi.unit"].sudo()
        return [
            ("state", "=", "published"),
            ("deadline", ">=", fields.Date.context_today(self)),
            ("unit_id", "in", Unit._search([("state", "=", "certified")])),
            ("remaining_count", ">", 0),
        ]

    def _close_if_filled(self):
        """Close the published positions whose headcount is reached by confirmed interns.

        Called after a unit confirms an applicant. Returns the positions it closed."""
        self.invalidate_recordset(["filled_count", "remaining_count", "is_open_for_applications"])
        filled = self.sudo().filtered(lambda p: p.state == "published" and p.filled_count >= p.headcount)
        if filled:
            filled.write({"state": "closed"})
            for position in filled:
                position.message_post(
                    body=_("The headcount is filled: the position closed itself."), subtype_xmlid="mail.mt_note"
                )
        return filled.with_env(self.env)

    @api.model
    def _cron_close_expired(self):
        """Daily: close the published positions whose application deadline has passed."""
        expired = self.search([("state", "=", "published"), ("deadline", "<", fields.Date.context_today(self))])
        expired.write({"state": "closed"})
        return expired

    def _jianxi_check_ready(self):
        """Refuse submission or publication unless the unit is certified and every term meets the
        policy in force (a missing policy or minimum wage raises the lookup's own message)."""
        self.ensure_one()
        unit = self.unit_id.sudo()
        if unit.state != "certified":
            states = dict(unit._fields["state"]._description_selection(self.env))
            raise UserError(
                _(
                    "%(unit)s is not certified (it is “%(state)s”): its positions cannot be submitted or published.",
                    unit=unit.name,
                    state=states[unit.state],
                )
            )
        problems = self._jianxi_term_problems(strict=True)
        if problems:
            raise UserError("\n".join(problems))

    def _jianxi_term_problems(self, strict):
        """What breaks the policy, as readable lines.

        ``strict`` (submission, publication): also the deadline, and the policy and minimum wage
        must exist. Otherwise (every save): only the terms that are filled in, against the
        settings that exist."""
        self.ensure_one()
        position = self.sudo()
        name, region, day = position.name, position.region_id, position.planned_start_date
        problems = []
        if position.headcount < 1:
            problems.append(_("The headcount of %(position)s must be at least 1.", position=name))
        elif position.headcount > bounds.MAX_HEADCOUNT:
            problems.append(
                _("The headcount of %(position)s may be %(max)s at most.", position=name, max=bounds.MAX_HEADCOUNT)
            )
        if not bounds.within(position.duration_months, 1, bounds.MAX_MONTHS):
            problems.append(
                _(
                    "The duration of %(position)s must be from 1 to %(max)s months.",
                    position=name,
                    max=bounds.MAX_MONTHS,
                )
            )
        if not bounds.within(position.allowance, 0, bounds.MAX_MONTHLY_AMOUNT):
            problems.append(
                _(
                    "The monthly allowance of %(position)s must be an amount from 0 to %(max)s.",
                    position=name,
                    max=format_amount(self.env, bounds.MAX_MONTHLY_AMOUNT, position.currency_id),
                )
            )
            return problems
        if region and region.level != "county":
            problems.append(
                _(
                    "The work county of %(position)s must be a county or district, not %(region)s.",
                    position=name,
                    region=region.display_name,
                )
            )
        if strict and position.deadline and position.deadline < fields.Date.context_today(self):
            problems.append(
                _(
                    "The application deadline of %(position)s (%(deadline)s) has already passed.",
                    position=name,
                    deadline=format_date(self.env, position.deadline),
                )
            )
        if not (region and day):
            return problems
        if strict or position.duration_months:
            policy = self.env["jianxi.policy"]._lookup(region, day, raise_if_missing=strict)
            if policy and not policy.duration_min_months <= position.duration_months <= policy.duration_max_months:
                problems.append(
                    _(
                        "The duration of %(position)s (%(months)s months) must be between %(min)s and %(max)s months "
                        "under “%(policy)s”.",
                        position=name,
                        months=position.duration_months,
                        min=policy.duration_min_months,
                        max=policy.duration_max_months,
                        policy=policy.name,
                    )
                )
        if strict or position.allowance:
            wage = self.env["jianxi.minimum.wage"]._lookup(region, day, raise_if_missing=strict)
            if wage and position.allowance < wage.amount:
                problems.append(
                    _(
                        "The monthly allowance of %(position)s (%(allowance)s) is below the minimum wage of %(region)s "
                        "on %(day)s (%(wage)s).",
                        position=name,
                        allowance=format_amount(self.env, position.allowance, position.currency_id),
                        region=region.display_name,
                        day=format_date(self.env, day),
                        wage=format_amount(self.env, wage.amount, wage.currency_id),
                    )
                )
        return problems

    @api.model
    def _jianxi_check_exception_editor(self, region):
        """Only an officer of the work county (or a manager) sets the special-major exception; the
        real user is checked even under ``sudo()``."""
        if not self.with_env(self.env(su=False))._jianxi_user_covers(region):
            raise AccessError(
                _(
                    "Only an internship officer of the work county can change the special-major "
                    "exception of a position."
                )
            )

    # ------------------------------------------------------------------ portal entry points
    # A unit's contacts are portal users who only read positions: they create and edit their unit's
    # positions through these two methods, which check the user, the unit and the state, keep to
    # a whitelist of fields, then write as superuser (controllers/portal_unit.py).
    @api.model
    def action_portal_create(self, unit, values):
        """Create a draft position of ``unit`` from the portal; returns it (in the caller's env).

        Who: a contact of the unit (or an officer of its county). The unit must be certified.

        :param unit: a ``jianxi.unit`` record or id: the caller's own unit
        :param values: ``{field: value}`` with only fields of ``PORTAL_FIELDS``; the work county
            defaults to the unit's
        """
        unit = self.env["jianxi.unit"].browse(unit) if isinstance(unit, int) else unit
        unit.ensure_one()
        self._jianxi_check_unit_actor(unit)
        values = self._jianxi_portal_values(unit, values)
        if not values.get("region_id"):
            values["region_id"] = unit.sudo().region_id.id
        required = [name for name in ("name", "content", "planned_start_date", "deadline") if not values.get(name)]
        if required:
            raise UserError(
                _(
                    "Please fill in: %(fields)s.",
                    fields=_(", ").join(self._fields[name]._description_string(self.env) for name in required),
                )
            )
        position = self.sudo().create({**values, "unit_id": unit.id})
        return self.browse(position.id)

    def action_save(self, values):
        """Save a draft or rejected position from the portal.

        Who: a contact of the unit (or an officer of its county). The unit must be certified.
        """
        self.ensure_one()
        self._jianxi_check_state("draft", "rejected")
        unit = self.sudo().unit_id
        self._jianxi_check_unit_actor(unit)
        values = self._jianxi_portal_values(unit, values)
        empty = [
            name
            for name in ("name", "content", "planned_start_date", "deadline", "region_id")
            if name in values and not values[name]
        ]
        if empty:
            raise UserError(
                _(
                    "Please fill in: %(fields)s.",
                    fields=_(", ").join(self._fields[name]._description_string(self.env) for name in empty),
                )
            )
        self.sudo().write(values)
        return True

    @api.model
    def _jianxi_portal_values(self, unit, values):
        """Check the portal's values for a position of ``unit``: whitelist, certified unit, and
        references that exist (a county, an education level)."""
        unit = unit.sudo()
        unknown = set(values) - PORTAL_FIELDS
        if unknown:
            raise UserError(
                _(
                    "These fields cannot be changed from the portal: %(fields)s.",
                    fields=format_list(self.env, sorted(unknown)),
                )
            )
        if unit.state != "certified":
            states = dict(unit._fields["state"]._description_selection(self.env))
            raise UserError(
                _(
                    "%(unit)s is not certified (it is “%(state)s”): only a certified unit can enter positions. "
                    "Complete the unit's profile and submit it for certification first.",
                    unit=unit.name,
                    state=states[unit.state],
                )
            )
        values = dict(values)
        accepts = [name for name in ACCEPT_FIELDS.values() if name in values]
        if accepts and not any(values[name] for name in accepts) and len(accepts) == len(ACCEPT_FIELDS):
            # none ticked: any category (a position that takes nobody makes no sense)
            values.update(dict.fromkeys(ACCEPT_FIELDS.values(), True))
        for name in ("name", "content", "majors"):
            if name in values:
                values[name] = (values[name] or "").strip() or False
        if values.get("region_id"):
            region = self.env["jianxi.region"].sudo().browse(values["region_id"]).exists()
            if region.level != "county":
                raise UserError(_("Please choose the work county from the list."))
        if (
            values.get("education_level_id")
            and not self.env["jianxi.education.level"].sudo().browse(values["education_level_id"]).exists()
        ):
            raise UserError(_("Please choose the education level from the list."))
        return values

    @api.depends("majors")
    def _compute_majors_any(self):
        for position in self:
            position.majors_any = matching.any_major(position.majors)

    def _jianxi_match_opening(self):
        """The position as ``rules.matching`` sees it (read as superuser)."""
        self.ensure_one()
        position = self.sudo()
        level = position.education_level_id
        return matching.Opening(
            required_level=level.code or None,
            required_rank=level.sequence if level else None,
            majors=position.majors or None,
            accepted_categories=frozenset(code for code, name in ACCEPT_FIELDS.items() if position[name]),
            county_id=position.region_id.id or None,
            county_name=position.region_id.name or None,
        )

    # ------------------------------------------------------------------ public position board
    # This block belongs to the public board (controllers/board.py): its search indexes and its domain.
    #
    # Chinese writes no spaces between words and most keywords are two characters long (电商, 会计), which
    # no trigram can serve: a trigram index only narrows a LIKE '%...%' search with 3 or more characters.
    # So the board's keyword search goes through a GIN index on the character unigrams and bigrams of
    # title + content + majors (like pg_bigm, in plain SQL), then checks the exact substring with ilike.
    # The pg_trgm indexes on the three columns serve Odoo's own ilike on them (back-end searches).
    _jianxi_board_ngram_expression = (
        "jianxi_ngrams(coalesce(name, '') || ' ' || coalesce(content, '') || ' ' || coalesce(majors, ''))"
    )
    _jianxi_majors_ngram_expression = "jianxi_ngrams(coalesce(majors, ''))"
    _jianxi_board_max_terms = 5
    _jianxi_board_order = "published_date desc, id desc"  # newest first; matches the partial index of init()

    def init(self):
        res = super().init()
        self._jianxi_board_create_search_indexes()
        return res

    @api.model
    def _jianxi_board_create_search_indexes(self):
        """Create the keyword-search functions and indexes (idempotent; run at every install/update)."""
        cr = self.env.cr
        # jianxi_ngrams(text): the lower-cased characters and character pairs of a text, for the index.
        # jianxi_ngrams_query(text): what one search word must find there: its pairs (its character
        # when it has only one). Linear in the length: string_to_array + lead(), never substr() in a loop.
        # Still ~0.1 ms a position: its COST tells the planner to read the index rather than compute it
        # row by row.
        cr.execute("""
            CREATE OR REPLACE FUNCTION jianxi_ngrams(doc text) RETURNS text[]
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 5000 AS $$
                SELECT coalesce(array_agg(x.ch) || array_agg(x.ch || x.nx) FILTER (WHERE x.nx IS NOT NULL), '{}')
                FROM (SELECT u.ch, lead(u.ch) OVER (ORDER BY u.n) AS nx
                      FROM unnest(string_to_array(lower(doc), NULL)) WITH ORDINALITY AS u(ch, n)) AS x
            $$;
            CREATE OR REPLACE FUNCTION jianxi_ngrams_query(term text) RETURNS text[]
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
                SELECT CASE WHEN count(*) < 2 THEN coalesce(array_agg(x.ch), '{}')
                            ELSE array_agg(x.ch || x.nx) FILTER (WHERE x.nx IS NOT NULL) END
                FROM (SELECT u.ch, lead(u.ch) OVER (ORDER BY u.n) AS nx
                      FROM unnest(string_to_array(lower(term), NULL)) WITH ORDINALITY AS u(ch, n)) AS x
            $$;
        """)
        # Only the published positions: the board searches nothing else, and a province keeps ten
        # closed positions for each published one (make bench-scale).
        cr.execute("DROP INDEX IF EXISTS jianxi_position_search_ngrams_index")  # earlier versions: every position
        create_index(
            cr,
            "jianxi_position_published_ngrams_index",
            self._table,
            [self._jianxi_board_ngram_expression],
            method="gin",
            where="state = 'published'",
        )
        # The matching's majors (rules/matching.py): which positions name a major, by its characters.
        create_index(
            cr, "jianxi_position_majors_ngrams_index", self._table, [self._jianxi_majors_ngram_expression], method="gin"
        )
        # The board's order among published positions: its first pages read 20 index entries, no sort.
        create_index(
            cr,
            "jianxi_position_board_order_index",
            self._table,
            ["published_date DESC", "id DESC"],
            where="state = 'published'",
        )
        try:
            with cr.savepoint(flush=False):
                cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except psycopg2.Error as error:
            _logger.info(
                "PostgreSQL extension pg_trgm unavailable (%s): no trigram index on the positions' "
                "title, content and majors.",
                str(error).strip(),
            )
            return
        for fname in ("name", "content", "majors"):
            # The expression Odoo's ilike emits: the bare column, or unaccent(column) when the database
            # has an immutable unaccent (as for fields declared with index="trigram").
            column = SQL.identifier(fname)
            if self.env.registry.has_unaccent == FunctionStatus.INDEXABLE:
                column = self.env.registry.unaccent(column)
            create_index(
                cr,
                f"jianxi_position_{fname}_trgm_index",
                self._table,
                [SQL("%s gin_trgm_ops", column).code],
                method="gin",
            )

    @api.model
    def _jianxi_board_domain(self, keyword=None):
        """The positions of the public board: open for applications (``_jianxi_open_domain``), and,
        with ``keyword``, matching each of its words (up to 5) in the title, the job content, the
        majors or the unit's name.

        Search with it as the visitor (the public user): the record rules still apply. The unit
        conditions are sub-queries on units (sudo: the public cannot read units), never a sudo
        search of positions."""
        Unit = self.env["jianxi.unit"].sudo()
        domain = self._jianxi_open_domain()
        for term in (keyword or "").split()[: self._jianxi_board_max_terms]:
            pattern = escape_psql(term)
            ngram_match = SQL(
                "(SELECT id FROM jianxi_position WHERE state = 'published' AND %s @> jianxi_ngrams_query(%s))",
                SQL(self._jianxi_board_ngram_expression),
                term,
            )
            domain += [
                "|",
                "&",
                ("id", "in", ngram_match),
                "|",
                "|",
                ("name", "ilike", pattern),
                ("content", "ilike", pattern),
                ("majors", "ilike", pattern),
                ("unit_id", "in", Unit._search([("name", "ilike", pattern)])),
            ]
        return domain

    # ------------------------------------------------------------------ matching (rules/matching.py)
    # PostgreSQL narrows (open, category taken, education level reached, the major named in the
    # position's majors through the n-gram index), rules/matching.py explains the few that remain.
    _jianxi_recommend_candidates = 50

    @api.model
    def _jianxi_fit_domain(self, seeker):
        """The open positions whose category and education requirements ``seeker``
        (``rules.matching.Seeker``) meets: a person without a level only fits positions that ask
        for none."""
        domain = self._jianxi_open_domain()
        if seeker.category in ACCEPT_FIELDS:
            domain.append((ACCEPT_FIELDS[seeker.category], "=", True))
        levels = self.env["jianxi.education.level"].sudo()
        if seeker.education_rank is None:
            domain.append(("education_level_id", "=", False))
        else:
            reached = levels._search([("sequence", "<=", seeker.education_rank)])
            domain += ["|", ("education_level_id", "=", False), ("education_level_id", "in", reached)]
        return domain

    @api.model
    def _jianxi_major_named(self, seeker, catalogue):
        """A sub-query of the positions that name the major of ``seeker`` (any of its names in the
        catalogue) in their majors, served by the majors' n-gram index; None without a major."""
        # A name that contains another finds a subset of its positions (its n-grams include the
        # other's): only the shortest are looked up, one index scan instead of five for 计算机….
        names = []
        for name in sorted({name for name in catalogue.names(seeker.major) if matching.normalise(name)}, key=len):
            if not any(kept.lower() in name.lower() for kept in names):
                names.append(name)
        names = names[:10]
        if not names:
            return None
        return SQL(
            "(SELECT id FROM jianxi_position WHERE %s)",
            SQL(" OR ").join(
                SQL("%s @> jianxi_ngrams_query(%s)", SQL(self._jianxi_majors_ngram_expression), name) for name in names
            ),
        )

    @api.model
    def _jianxi_fit_board_domain(self, applicant):
        """The board's "fits my profile" filter for ``applicant``: ``_jianxi_fit_domain`` and the
        major (any major, or the person's major named among the position's)."""
        seeker = applicant._jianxi_match_seeker()
        named = self._jianxi_major_named(seeker, self.env["jianxi.major"]._jianxi_catalogue())
        domain = self._jianxi_fit_domain(seeker)
        if named is not None:
            domain += ["|", ("majors_any", "=", True), ("id", "in", named)]
        return domain

    @api.model
    def _jianxi_recommend(self, applicant, limit=5):
        """The positions recommended to ``applicant``, best first: open positions whose
        requirements (category, education level, major) their profile meets, sorted by the number
        of matching criteria met, then the newest published. A fixed number of queries whatever
        the number of positions.

        Search with ``self`` as the public user (the board's record rules apply).

        :return: ``[(position, criteria)]``, at most ``limit``
        """
        applicant = applicant.sudo()
        seeker = applicant._jianxi_match_seeker()
        catalogue = self.env["jianxi.major"]._jianxi_catalogue()
        query = self._search(self._jianxi_fit_domain(seeker))
        table = query.table
        named = self._jianxi_major_named(seeker, catalogue)
        any_major = SQL("%s IS TRUE", SQL.identifier(table, "majors_any"))
        query.order = SQL(
            "%s DESC, (%s = %s) DESC, %s DESC, %s DESC",
            SQL("(%s OR %s IN %s)", any_major, SQL.identifier(table, "id"), named) if named is not None else any_major,
            SQL.identifier(table, "region_id"),
            seeker.household_county_id or 0,
            SQL.identifier(table, "published_date"),
            SQL.identifier(table, "id"),
        )
        query.limit = self._jianxi_recommend_candidates
        candidates = self.browse(query.get_result_ids())
        criteria = self.env["jianxi.internship"]._jianxi_match_pairs(
            [(applicant, position, self.env["jianxi.internship"]) for position in candidates]
        )
        fitting = [
            (position, found) for position, found in zip(candidates, criteria, strict=True) if matching.fits(found)
        ]
        fitting.sort(
            key=lambda pair: matching.sort_key(
                pair[1], (-(pair[0].sudo().published_date or fields.Date.today()).toordinal(), -pair[0].id)
            )
        )
        return fitting[:limit]
