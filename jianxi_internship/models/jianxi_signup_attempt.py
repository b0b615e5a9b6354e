from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# kind -> (setting of its hourly limit, default): service halls, campuses and mobile networks
# share one address, so sign-ups are generous; an objection is rarer than a sign-up.
LIMITS = {
    "signup": ("jianxi_internship.signup_limit_per_hour", 20),
    "objection": ("jianxi_internship.objection_limit_per_hour", 5),
}


class JianxiSignupAttempt(models.Model):
    """One self sign-up, or one objection to a public notice, by the client address it came from:
    the throttle of each counts these.

    The address is the one Odoo sees (behind a reverse proxy, the forwarded address that
    ``proxy_mode`` trusts). Only the sign-up controller writes here, as superuser; records older
    than a day are vacuumed."""

    _name = "jianxi.signup.attempt"
    _description = "Self Sign-up (for the throttle)"
    _log_access = False

    address = fields.Char(required=True, index=True)
    kind = fields.Selection([("signup", "Sign-up"), ("objection", "Objection")], default="signup", required=True)
    created_at = fields.Datetime(required=True, index=True, default=fields.Datetime.now)

    @api.model
    def _jianxi_check_allowed(self, address, kind="signup"):
        """Refuse a sign-up (or an objection: ``kind``) from ``address`` once the hour's limit (a
        setting) is reached."""
        param, default = LIMITS[kind]
        limit = int(self.env["ir.config_parameter"].sudo().get_param(param, default))
        since = fields.Datetime.now() - timedelta(hours=1)
        count = self.sudo().search_count([("address", "=", address), ("kind", "=", kind), ("created_at", ">=", since)])
        if count < limit:
            return
        if kind == "objection":
            raise UserError(
                _(
                    "Too many objections were sent from your network in the last hour. Please try again later, or "
                    "call the human resources and social security bureau."
                )
            )
        raise UserError(
            _(
                "Too many accounts were created from your network in the last hour. Please try again later, "
                "or register at the human resources and social security bureau's service counter."
            )
        )

    @api.model
    def _jianxi_record(self, address, kind="signup"):
        self.sudo().create({"address": address, "kind": kind})

    @api.autovacuum
    def _gc_old_attempts(self):
        self.sudo().search([("created_at", "<", fields.Datetime.now() - timedelta(days=1))]).unlink()
