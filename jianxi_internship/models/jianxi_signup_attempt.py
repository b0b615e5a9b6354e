from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

LIMIT_PARAM = "jianxi_internship.signup_limit_per_hour"
DEFAULT_LIMIT = 20  # service halls, campuses and mobile networks share one address


class JianxiSignupAttempt(models.Model):
    """One self sign-up, by the client address it came from: the sign-up throttle counts these.

    The address is the one Odoo sees (behind a reverse proxy, the forwarded address that
    ``proxy_mode`` trusts). Only the sign-up controller writes here, as superuser; records older
    than a day are vacuumed."""

    _name = "jianxi.signup.attempt"
    _description = "Self Sign-up (for the throttle)"
    _log_access = False

    address = fields.Char(required=True, index=True)
    created_at = fields.Datetime(required=True, index=True, default=fields.Datetime.now)

    @api.model
    def _jianxi_check_allowed(self, address):
        """Refuse a sign-up from ``address`` once the hour's limit (a setting) is reached."""
        limit = int(self.env["ir.config_parameter"].sudo().get_param(LIMIT_PARAM, DEFAULT_LIMIT))
        since = fields.Datetime.now() - timedelta(hours=1)
        count = self.sudo().search_count([("address", "=", address), ("created_at", ">=", since)])
        if count >= limit:
            raise UserError(
                _(
                    "Too many accounts were created from your network in the last hour. Please try again later, "
                    "or register at the human resources and social security bureau's service counter."
                )
            )

    @api.model
    def _jianxi_record(self, address):
        self.sudo().create({"address": address})

    @api.autovacuum
    def _gc_old_attempts(self):
        self.sudo().search([("created_at", "<", fields.Datetime.now() - timedelta(days=1))]).unlink()
