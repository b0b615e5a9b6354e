from datetime import timedelta

from odoo import api, fields, models

# An upload of a refused portal form, kept for the form's next submission
# (controllers/portal_base.py, ``JianxiPortal._jianxi_save_form``): bound to the form's
# record (res_model/res_id, never res_field) and to the user who uploaded it (create_uid); its
# description is this mark followed by the binary field it is a draft of.
PORTAL_DRAFT_MARK = "jianxi_internship portal draft of "
# The records whose portal forms keep drafts: the applicant's profile, the unit's, the onboarding.
PORTAL_DRAFT_MODELS = ("jianxi.applicant", "jianxi.unit", "jianxi.internship")
# A draft nobody submitted again within this delay is deleted.
PORTAL_DRAFT_LIFETIME = timedelta(days=1)


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.model
    def _jianxi_portal_draft_domain(self, record, names):
        """The drafts of the binary fields ``names`` of ``record``, whoever uploaded them."""
        return [
            ("res_model", "=", record._name),
            ("res_id", "=", record.id),
            ("res_field", "=", False),
            ("description", "in", [PORTAL_DRAFT_MARK + name for name in names]),
        ]

    @api.autovacuum
    def _gc_jianxi_portal_drafts(self):
        """Delete the drafts of portal forms left for more than a day (the daily autovacuum)."""
        self.sudo().search(
            [
                ("res_model", "in", PORTAL_DRAFT_MODELS),
                ("res_field", "=", False),
                ("description", "=like", PORTAL_DRAFT_MARK + "%"),
                ("create_date", "<", fields.Datetime.now() - PORTAL_DRAFT_LIFETIME),
            ]
        ).unlink()
