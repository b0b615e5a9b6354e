from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from ..rules import bounds, identity


class JianxiInpersonRegistration(models.Model):
    """A person who registered in person at the bureau (issue 12, point 3): before the online zone
    (../shared/POLICY.md, "The transition of 2022") such people registered on the bureau's paper or
    spreadsheet lists, and now register again online. A manager imports the list with Odoo's
    generic import; the registration is linked, by ID number, to the person's applicant record as
    soon as both exist, whichever comes first, so the officer sees that they registered before."""

    _name = "jianxi.inperson.registration"
    _inherit = ["mail.thread", "jianxi.typed.text.mixin"]
    _jianxi_text_fields = ("name", "id_number", "phone", "source", "note")
    _description = "Registered in Person"
    _order = "registered_on desc, id desc"

    name = fields.Char(string="Full Name", required=True, tracking=True)
    id_number = fields.Char(
        string="ID Number",
        size=18,
        required=True,
        index=True,
        tracking=True,
        copy=False,
        help="居民身份证号码, 18 characters (GB 11643-1999): the key that links the registration to the "
        "person's online record.",
    )
    id_number_masked = fields.Char(string="ID Number (Masked)", compute="_compute_id_number_masked")
    # What the form shows (docs/personal_data.md): the number is typed here, never read back.
    id_number_entry = fields.Char(
        string="New Resident ID Number",
        compute="_compute_id_number_entry",
        inverse="_inverse_id_number_entry",
        help="Type the full number to record or correct it: the number recorded is never shown here.",
    )
    phone = fields.Char(string="Contact Phone", tracking=True)
    registered_on = fields.Date(string="Registered in Person On", required=True, tracking=True)
    region_id = fields.Many2one(
        "jianxi.region",
        string="County",
        index=True,
        ondelete="restrict",
        tracking=True,
        help="The county where the person registered. Empty: every officer sees the registration.",
    )
    source = fields.Char(
        tracking=True,
        help="The list the registration comes from, e.g. 石阡县2021年现场登记花名册.",
    )
    note = fields.Text()
    applicant_id = fields.Many2one(
        "jianxi.applicant",
        string="Applicant",
        readonly=True,
        index=True,
        copy=False,
        ondelete="set null",
        tracking=True,
        help="The person's online record with the same ID number, linked by the system.",
    )

    _sql_constraints = [
        ("id_number_unique", "unique(id_number)", "Another in-person registration already has this ID number."),
        ("applicant_unique", "unique(applicant_id)", "This applicant is already linked to an in-person registration."),
    ]

    def _compute_id_number_entry(self):
        self.id_number_entry = False

    def _inverse_id_number_entry(self):
        for registration in self.filtered("id_number_entry"):
            registration.id_number = registration.id_number_entry

    @api.depends("id_number")
    def _compute_id_number_masked(self):
        for registration in self:
            registration.id_number_masked = registration.id_number and identity.mask_resident_id(registration.id_number)

    @api.constrains("id_number")
    def _check_id_number(self):
        today = fields.Date.context_today(self)
        for registration in self:
            try:
                identity.parse_resident_id(registration.id_number, today=today)
            except identity.IdentityError as error:
                raise ValidationError(
                    _(
                        "Resident ID number of %(person)s: %(error)s",
                        person=registration.name,
                        error=self.env._(error.message),
                    )
                ) from None

    @api.constrains("registered_on")
    def _check_registered_on(self):
        today = fields.Date.context_today(self)
        for registration in self:
            if not bounds.plausible_past_date(registration.registered_on, today):
                raise ValidationError(
                    _(
                        "The registration date of %(person)s must be between %(earliest)s and today, not %(date)s.",
                        person=registration.name,
                        earliest=format_date(self.env, bounds.EARLIEST_DATE),
                        date=format_date(self.env, registration.registered_on),
                    )
                )

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._jianxi_prepare_values(vals) for vals in vals_list]
        registrations = super().create(vals_list)
        registrations._jianxi_link_applicants()
        return registrations

    def write(self, vals):
        vals = self._jianxi_prepare_values(vals)
        result = super().write(vals)
        if "id_number" in vals:
            self._jianxi_link_applicants()
        return result

    @api.model
    def _jianxi_prepare_values(self, vals):
        """Stored compact, as on the applicant: a list typed with spaces or full-width digits matches.
        A number typed in the form's entry field is the number (the column is required)."""
        if vals.get("id_number_entry"):
            vals = dict(vals, id_number=vals["id_number_entry"])
        vals = {name: value for name, value in vals.items() if name != "id_number_entry"}
        if isinstance(vals.get("id_number"), str):
            vals = dict(vals, id_number=identity.compact_resident_id(vals["id_number"]) or False)
        return vals

    def _jianxi_link_applicants(self):
        """Link each registration to the applicant with its ID number (archived ones too), or to
        none: one search for the whole batch, so an import of a long list stays cheap."""
        registrations = self.sudo()
        applicants = (
            self.env["jianxi.applicant"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch([("id_number", "in", registrations.mapped("id_number"))], ["id_number"])
        )
        by_number = {applicant.id_number: applicant for applicant in applicants}
        # Links that no longer hold go first: the new ones must not meet them in the unique index.
        stale = registrations.filtered(lambda r: r.applicant_id and by_number.get(r.id_number) != r.applicant_id)
        if stale:
            stale.applicant_id = False
            stale.flush_recordset(["applicant_id"])
        for registration in registrations:
            applicant = by_number.get(registration.id_number)
            if applicant and registration.applicant_id != applicant:
                registration.applicant_id = applicant

    def _jianxi_summary(self):
        """One line for the officer: registered on · county · source."""
        self.ensure_one()
        parts = [format_date(self.env, self.registered_on)]
        if self.region_id:
            parts.append(self.region_id.name)
        if self.source:
            parts.append(self.source)
        return _("Registered in person: %(details)s", details=" · ".join(parts))
