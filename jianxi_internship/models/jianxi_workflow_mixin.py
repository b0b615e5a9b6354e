from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import SQL

OFFICER_GROUP = "jianxi_internship.jianxi_internship_group_officer"
MANAGER_GROUP = "jianxi_internship.jianxi_internship_group_manager"


class JianxiWorkflowMixin(models.AbstractModel):
    """Workflow actors and states, shared by every workflow record of the addon: who may act,
    in which state, and the review activity for the county's officers.

    The flow is one-way: a button (backend or portal) calls an ``action_*`` method, which checks
    the state and the user with the helpers below, writes the new state (tracked in the
    chatter, which sends the mails: see ``jianxi.notification.mixin``), and opens or closes the
    review activity. Scanned documents are checked by ``jianxi.document.mixin``.
    """

    _name = "jianxi.workflow.mixin"
    _description = "Internship Workflow Helpers"

    # Each model declares the field that carries its county, for the officer checks.
    _jianxi_region_field = "region_id"
    # ... and the activity type of its review (xmlid), the to-do the county's officers see.
    _jianxi_review_activity_type = None

    can_review = fields.Boolean(
        compute="_compute_can_review",
        search="_search_can_review",
        help="The current user is an officer of the record's county (or a manager): drives the review buttons.",
    )
    is_my_county = fields.Boolean(
        string="In My Counties", compute="_compute_is_my_county", search="_search_is_my_county"
    )

    @api.depends_context("uid")
    def _compute_can_review(self):
        for record in self:
            record.can_review = record._jianxi_user_covers(record.sudo()[record._jianxi_region_field])

    @api.depends_context("uid")
    def _compute_is_my_county(self):
        regions = set(self.env.user.jianxi_region_ids.ids)
        for record in self:
            region = record.sudo()[record._jianxi_region_field]
            record.is_my_county = bool(region) and bool(set(region._ancestor_ids()) & regions)

    def _search_can_review(self, operator, value):
        """The records the current user reviews: all for a manager, the counties' (and their
        subdivisions') for an officer, none for anyone else. The filter 待我处理 rests on it, so that
        it works for a manager, who has no county of their own."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Search on “Can Review” with = True or = False only."))
        if self._jianxi_is_manager():
            domain = expression.TRUE_DOMAIN
        elif self.env.user.has_group(OFFICER_GROUP):
            domain = [(self._jianxi_region_field, "child_of", self.env.user.jianxi_region_ids.ids)]
        else:
            domain = expression.FALSE_DOMAIN
        return domain if (operator == "=") == value else ["!", *domain]

    def _read_group_orderby(self, order, groupby_terms, query):
        """Group a Selection field (the state above all) in the order of its selection, the
        workflow's order, not alphabetically by its stored code, so that pivots and graphs read
        draft → submitted → approved …: Odoo orders the groups by the column's value."""
        terms = dict(groupby_terms)
        for spec, sql_expr in groupby_terms.items():
            field = self._fields.get(spec)
            if field and field.type == "selection" and field.store:
                values = field.get_values(self.env)
                terms[spec] = SQL("array_position(%s::varchar[], %s::varchar)", values, sql_expr)
        return super()._read_group_orderby(order, terms, query)

    def _search_is_my_county(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Search on “In My Counties” with = True or = False only."))
        domain = [(self._jianxi_region_field, "child_of", self.env.user.jianxi_region_ids.ids)]
        return domain if (operator == "=") == value else ["!", *domain]

    # ------------------------------------------------------------------ who is acting
    @api.model
    def _jianxi_is_manager(self):
        return self.env.su or self.env.user.has_group(MANAGER_GROUP)

    @api.model
    def _jianxi_user_covers(self, region):
        """True when the current user is a manager, or an officer of ``region`` or of an ancestor."""
        if self._jianxi_is_manager():
            return True
        user = self.env.user
        if not region or not user.has_group(OFFICER_GROUP):
            return False
        return bool(set(region.sudo()._ancestor_ids()) & set(user.jianxi_region_ids.ids))

    def _jianxi_check_officer(self):
        """Refuse unless the current user is an officer of every record's county (or a manager)."""
        for record in self:
            region = record.sudo()[record._jianxi_region_field]
            if not record._jianxi_user_covers(region):
                raise AccessError(
                    _(
                        "Only an internship officer of %(region)s (or a manager) can do this on %(record)s.",
                        region=region.display_name or _("an unknown county"),
                        record=record.sudo().display_name,
                    )
                )

    @api.model
    def _jianxi_is_unit_member(self, unit):
        """True when the current user is a contact of ``unit``'s company (portal or internal)."""
        partner = self.env.user.commercial_partner_id
        return bool(unit) and not self.env.user._is_public() and partner == unit.sudo().partner_id

    def _jianxi_check_unit_actor(self, unit):
        """Refuse unless the current user acts for ``unit``: one of its contacts, or an officer of
        its county (bureau staff may act on a unit's behalf from the backend)."""
        if self._jianxi_is_unit_member(unit) or self._jianxi_user_covers(unit.sudo().region_id):
            return
        raise AccessError(_("Only %(unit)s or an officer of its county can do this.", unit=unit.sudo().display_name))

    def _jianxi_check_applicant_actor(self, applicant):
        """Refuse unless the current user is ``applicant`` themself, or an officer covering them."""
        applicant = applicant.sudo()
        if self.env.user.partner_id == applicant.partner_id:
            return
        regions = applicant.household_region_id | applicant.internship_ids.region_id
        if any(self._jianxi_user_covers(region) for region in regions) or self._jianxi_is_manager():
            return
        raise AccessError(_("Only %(person)s or an officer of their county can do this.", person=applicant.name))

    def _jianxi_check_manager(self):
        if not self._jianxi_is_manager():
            raise AccessError(_("Only an internship manager can do this."))

    def _jianxi_check_state(self, *states):
        """Refuse unless every record is in one of ``states``, naming the current state."""
        selection = dict(self._fields["state"]._description_selection(self.env))
        for record in self:
            if record.state not in states:
                raise UserError(
                    _(
                        "%(record)s is “%(state)s”: this action needs it to be %(allowed)s.",
                        record=record.sudo().display_name,
                        state=selection.get(record.state, record.state),
                        allowed=_(" or ").join(f"“{selection[s]}”" for s in states),
                    )
                )

    @api.model
    def _jianxi_clean_reason(self, reason, required=True):
        """The written reason of a decision, stripped; False when empty and not ``required``."""
        reason = (reason or "").strip()
        if required and not reason:
            raise UserError(_("Please write the reason."))
        return reason or False

    def _jianxi_reject_submission(self, reason):
        """Refuse submitted records (a unit's certification, a position's screening): state
        ``rejected`` with ``reason`` in their ``reject_reason`` field, which the submitter reads, and
        the review activity done. Checks the state and that the user is an officer of the record's
        county (or a manager); the model's ``action_reject`` says who in its terms."""
        self._jianxi_check_state("submitted")
        self._jianxi_check_officer()
        reason = self._jianxi_clean_reason(reason)
        self.sudo().write({"state": "rejected", "reject_reason": reason})
        self._jianxi_close_review(_("Rejected: %(reason)s", reason=reason))
        return True

    # ------------------------------------------------------------------ review activities
    @api.model
    def _jianxi_officers_by_region(self, regions):
        """``{region id: officers}`` for ``regions`` (and ``False``: no region): the officers of
        the most specific level that covers each region (county, else city …), falling back to
        the managers, so that every review lands on somebody's desk. One search for the officers
        of all the regions and their ancestors, one for the managers when needed."""
        Users = self.env["res.users"].sudo()
        chains = {region.id: region._ancestor_ids() for region in regions.sudo()}
        covered = {region_id for chain in chains.values() for region_id in chain}
        officers_of = defaultdict(Users.browse)
        if covered:
            officers = Users.search(
                [
                    ("groups_id", "in", self.env.ref(OFFICER_GROUP).id),
                    ("jianxi_region_ids", "in", list(covered)),
                    ("share", "=", False),
                ]
            )
            for officer in officers:
                for region_id in covered.intersection(officer.jianxi_region_ids.ids):
                    officers_of[region_id] |= officer
        result = {}
        for region_id, chain in {**chains, False: []}.items():
            result[region_id] = next((officers_of[ancestor] for ancestor in chain if officers_of[ancestor]), None)
        if any(officers is None for officers in result.values()):
            managers = self._jianxi_managers()
            result = {region_id: managers if officers is None else officers for region_id, officers in result.items()}
        return result

    @api.model
    def _jianxi_managers(self):
        """The internship managers (real users: the superuser aside), as superuser."""
        return (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("groups_id", "in", self.env.ref(MANAGER_GROUP).id),
                    ("share", "=", False),
                    ("id", "!=", self.env.ref("base.user_root").id),
                ]
            )
        )

    def _jianxi_schedule_review(self, note=None, activity_type=None):
        """Put a review activity on the desk of the officers of each record's county, in one batch.
        The deadline follows the activity type's delay.

        No summary is stored: the activity shows its type's name, translated when read. A ``note``
        is stored, so it is written in the language of the officer it is for.

        :param note: a function of the record, in the environment of the officer (their language),
            returning the activity's note; or None
        :param activity_type: the xmlid of the activity type (default: the model's review)
        """
        if not self or self.env.context.get("mail_activity_automation_skip"):
            return
        # As superuser, after the caller's checks: a unit's contact submits from the portal.
        activity_type = self.env.ref(activity_type or self._jianxi_review_activity_type).sudo()
        records = self.sudo()
        officers_of = self._jianxi_officers_by_region(records.mapped(self._jianxi_region_field))
        model_id = self.env["ir.model"].sudo()._get_id(self._name)
        deadline = activity_type._get_date_deadline()
        vals_list = []
        for record in records:
            vals_list += [
                {
                    "activity_type_id": activity_type.id,
                    "automated": True,
                    "date_deadline": deadline,
                    "note": note(record.with_context(lang=officer.lang)) if note else activity_type.default_note,
                    "res_model_id": model_id,
                    "res_id": record.id,
                    "user_id": officer.id,
                }
                for officer in officers_of[record[self._jianxi_region_field].id]
            ]
        self.env["mail.activity"].sudo().create(vals_list)

    def _jianxi_close_review(self, feedback="", activity_type=None):
        """Mark the records' review activities (of ``activity_type``, an xmlid; default: the
        model's review) done, with ``feedback``."""
        self.sudo().activity_feedback([activity_type or self._jianxi_review_activity_type], feedback=feedback)

    def _jianxi_write_workflow(self, vals):
        """How the workflow writes its own fields (the state, reasons, dates). A plain ``write``
        here; a model whose ``write`` refuses these fields to its users (the subsidy claim)
        overrides it."""
        return self.write(vals)

    def _jianxi_force_state(self, state):
        """Set the state without the workflow's checks: for data imports (transition from the old
        rules) and test fixtures only. Returns the records."""
        self.sudo()._jianxi_write_workflow({"state": state})
        return self

    # The ``action_*`` methods that take a written reason, by name: the reason wizard runs only
    # these. Each model lists its own.
    _jianxi_reason_actions = ()

    def _jianxi_apply_reason(self, action_name, reason):
        """Run the action ``action_name`` of ``_jianxi_reason_actions`` with ``reason`` (the reason
        wizard's confirmation; the action itself checks state and actor)."""
        if action_name not in self._jianxi_reason_actions:
            raise UserError(_("“%s” does not take a reason.", action_name))
        return getattr(self, action_name)(self._jianxi_clean_reason(reason))

    def _jianxi_open_reason_wizard(self, action_name, title):
        """The window that asks for the reason, then runs ``_jianxi_apply_reason(action_name, reason)``."""
        wizard = self.env["jianxi.reason.wizard"].create(
            {"res_model": self._name, "res_ids": self.ids, "action_name": action_name, "title": title}
        )
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": "jianxi.reason.wizard",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    # ---- PDF reports
    def _get_report_base_filename(self):
        """The name of a PDF report downloaded from the portal (``CustomerPortal._show_report``):
        the one the portal controller gives in the context, else the record's name."""
        self.ensure_one()
        return self.env.context.get("jianxi_report_filename") or self.sudo().display_name
