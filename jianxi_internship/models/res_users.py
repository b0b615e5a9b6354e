from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.sql import escape_psql

# What a person who signs up alone (b2c) says they are; the sign-up form sends one of these.
SIGNUP_APPLICANT = "applicant"
SIGNUP_UNIT = "unit"
SIGNUP_KINDS = (SIGNUP_APPLICANT, SIGNUP_UNIT)
# The keys of the sign-up values that carry the choice (popped before the user is created).
SIGNUP_KEYS = ("jianxi_signup_kind", "jianxi_unit_name", "jianxi_unit_region_id")
# Bureau staff (officers, and managers who imply the officer group) start in the app's first menu.
STAFF_GROUP = "jianxi_internship.jianxi_internship_group_officer"
MANAGER_GROUP = "jianxi_internship.jianxi_internship_group_manager"
STAFF_HOME_ACTION = "jianxi_internship.jianxi_overview_action"
# The home of the staff before the overview (issue 16): replaced by it at the update.
FORMER_STAFF_HOME_ACTION = "jianxi_internship.jianxi_dashboard_position_action"  # the app's first menu
# What a manager who is not a user administrator may change on another user (the counties).
MANAGER_WRITEABLE_FIELDS = {"jianxi_region_ids"}


class ResUsers(models.Model):
    _inherit = "res.users"

    jianxi_region_ids = fields.Many2many(
        "jianxi.region",
        "jianxi_region_res_users_rel",
        "user_id",
        "region_id",
        string="Internship Regions",
        help="Officers see the internship records of these regions and of every region below them.",
    )

    # ------------------------------------------------------------------ bureau staff
    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users.partner_id._jianxi_follow_unit_records()
        users._jianxi_set_staff_home()
        return users

    def write(self, vals):
        self._jianxi_check_manager_write(vals)
        result = super().write(vals)
        if any(key.startswith(("groups_id", "in_group_", "sel_groups_")) for key in vals):
            self._jianxi_set_staff_home()
        return result

    # ------------------------------------------------------------------ logins
    @api.model
    def _get_login_domain(self, login):
        # An e-mail is one login whatever its case: JX_Applicant signs in as jx_applicant.
        return [("login", "=ilike", escape_psql(login))]

    @api.constrains("login")
    def _check_login_unique_whatever_the_case(self):
        for user in self:
            if self.with_context(active_test=False).search_count(
                [("login", "=ilike", escape_psql(user.login)), ("id", "!=", user.id)], limit=1
            ):
                raise ValidationError(_("Another user is already registered using this email address."))

    def _get_invalidation_fields(self):
        # The record rules read the officer's counties, and Odoo caches rule domains per user: a
        # change of counties must clear that cache, or the old counties stay in force.
        return super()._get_invalidation_fields() | {"jianxi_region_ids"}

    def _jianxi_check_manager_write(self, vals):
        """An internship manager may write users (access rights, for the Configuration's staff
        list), but only the counties of internal users; the rest stays with user administrators."""
        user = self.env.user
        if self.env.su or user.has_group("base.group_erp_manager") or not user.has_group(MANAGER_GROUP):
            return
        # Their own preferences, as res.users.write lets every user change them (never their groups).
        if self == user and all(key in self.SELF_WRITEABLE_FIELDS or key.startswith("context_") for key in vals):
            return
        if set(vals) - MANAGER_WRITEABLE_FIELDS or any(self.mapped("share")):
            raise AccessError(_("An internship manager may only change the internship regions of the bureau's staff."))

    def _jianxi_set_staff_home(self):
        """Bureau staff without a home action start in the internship app (not in Discuss)."""
        action = self.env.ref(STAFF_HOME_ACTION, raise_if_not_found=False)
        staff_group = self.env.ref(STAFF_GROUP, raise_if_not_found=False)
        if not action or not staff_group:
            return
        former = self.env.ref(FORMER_STAFF_HOME_ACTION, raise_if_not_found=False)
        staff = self.sudo().filtered(
            lambda user: (not user.action_id or user.action_id == former) and staff_group in user.groups_id
        )
        if staff:
            super(ResUsers, staff).write({"action_id": action.id})

    @api.model
    def _jianxi_set_staff_home_all(self):
        """At installation and every update: the staff who have no home action yet."""
        self.env.ref(STAFF_GROUP).sudo().users._jianxi_set_staff_home()

    # ------------------------------------------------------------------ self sign-up
    @api.model
    def _signup_create_user(self, values):
        """A person who signs up alone says whether they look for an internship or represent a
        unit (``jianxi_signup_kind``, sent by the sign-up form). Both get a portal user (the
        template portal user of auth_signup), and:

        - an applicant gets a ``jianxi.applicant`` on their partner, named as in the form;
        - a unit representative gets a company partner named after the unit, made the parent of
          their own partner (so the company is their commercial partner, and later contacts of
          the unit share its records), and a draft ``jianxi.unit`` of that company in the county
          chosen in the form.

        The choice is checked before anything is created, and everything is created in one
        savepoint: a refusal (UserError, shown on the form) leaves nothing behind. Sign-ups
        without the choice (invitations, other modules) are left to auth_signup.
        """
        if "jianxi_signup_kind" not in values:
            return super()._signup_create_user(values)
        signup = self._jianxi_check_signup_values({key: values.pop(key, None) for key in SIGNUP_KEYS})
        with self.env.cr.savepoint():
            user = super()._signup_create_user(values)
            user._jianxi_signup_records(**signup)
        return user

    @api.model
    def _jianxi_check_signup_values(self, values):
        """The sign-up choice, checked: ``{'kind', 'unit_name', 'region'}``; a UserError naming
        what is wrong otherwise."""
        kind = (values.get("jianxi_signup_kind") or "").strip()
        if kind not in SIGNUP_KINDS:
            raise UserError(
                _("Please choose whether you are looking for an internship or represent an " "internship unit.")
            )
        if kind == SIGNUP_APPLICANT:
            return {"kind": kind, "unit_name": False, "region": self.env["jianxi.region"]}
        unit_name = " ".join((values.get("jianxi_unit_name") or "").split())
        if not unit_name:
            raise UserError(_("Please enter the name of your internship unit."))
        try:
            region_id = int(values.get("jianxi_unit_region_id") or 0)
        except (TypeError, ValueError):
            region_id = 0
        region = self.env["jianxi.region"].sudo().browse(region_id).exists()
        if not region or region.level != "county":
            raise UserError(_("Please choose the county of your internship unit."))
        if self.env["jianxi.unit"].sudo().search_count([("name", "=ilike", unit_name)], limit=1):
            raise UserError(
                _(
                    "An internship unit named “%(unit)s” is already registered. Ask its representative to invite "
                    "you as a contact of the unit, or contact the bureau.",
                    unit=unit_name,
                )
            )
        return {"kind": kind, "unit_name": unit_name, "region": region}

    def _jianxi_signup_records(self, kind, unit_name=False, region=None):
        """The records a freshly signed-up user starts with (see ``_signup_create_user``)."""
        self.ensure_one()
        user = self.sudo()
        if kind == SIGNUP_APPLICANT:
            return self.env["jianxi.applicant"].sudo().create({"name": user.name, "partner_id": user.partner_id.id})
        company = (
            self.env["res.partner"]
            .sudo()
            .create(
                {
                    "name": unit_name,
                    "is_company": True,
                    "lang": user.lang,
                }
            )
        )
        user.partner_id.write({"parent_id": company.id})
        return (
            self.env["jianxi.unit"]
            .sudo()
            .create(
                {
                    "name": unit_name,
                    "partner_id": company.id,
                    "region_id": region.id,
                    "contact_name": user.name,
                }
            )
        )
