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

    @api.model
    def _jianxi_create_portal_draft(self, record, name, data, filename):
        """The draft of the upload ``data`` (bytes, named ``filename``) for the document field
        ``name`` of ``record``, stored as the record's document rules would store it (an image
        encoded again, the file name cleaned, the type of its content): a draft is never what a
        document could not be. Created as superuser, by the signed-in user (create_uid).

        :raise UserError: naming the document, when the rules refuse it (nothing is kept)
        """
        limit_mb = record._jianxi_upload_limit_mb(record.sudo()[record._jianxi_region_field])
        raw, filename, mimetype = record._jianxi_clean_document(name, data, filename, limit_mb, encoded=False)
        return self.sudo().create(
            {
                "name": filename,
                "description": PORTAL_DRAFT_MARK + name,
                "raw": raw,
                "mimetype": mimetype,
                "res_model": record._name,
                "res_id": record.id,
            }
        )

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
