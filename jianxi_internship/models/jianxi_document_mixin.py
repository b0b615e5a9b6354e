import base64
import binascii

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.mimetypes import guess_mimetype

# What an uploaded document may be, told by its content (never by its name).
DOCUMENT_MIMETYPES = frozenset({"application/pdf", "image/jpeg", "image/png"})


class JianxiDocumentMixin(models.AbstractModel):
    """Scanned documents (licence, ID card, agreement, policies…): PDF, JPEG or PNG only, up to
    the size limit of the policy of the record's county, refused before anything is saved, from
    the backend as from the portal.

    Hooks: ``_jianxi_document_fields`` lists the model's binary fields to check;
    ``_jianxi_region_field`` names the field whose county's policy sets the limit.
    """

    _name = "jianxi.document.mixin"
    _description = "Internship Scanned Documents"

    # Binary fields holding scanned documents: PDF, JPEG or PNG only, up to the policy's size limit.
    _jianxi_document_fields = ()
    # The field that carries the record's county (its policy sets the size limit).
    _jianxi_region_field = "region_id"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._jianxi_check_documents(vals, self.env["jianxi.region"].browse(vals.get(self._jianxi_region_field)))
        return super().create(vals_list)

    def write(self, vals):
        if any(vals.get(name) for name in self._jianxi_document_fields):
            for record in self:
                record._jianxi_check_documents(vals, record.sudo()[record._jianxi_region_field])
        return super().write(vals)

    @api.model
    def _jianxi_check_documents(self, vals, region):
        """Refuse, before anything is saved, a document that is not a PDF, JPEG or PNG, or that
        is larger than the policy's limit (for the record's county; the province's otherwise)."""
        for name in self._jianxi_document_fields:
            data = vals.get(name)
            if not data:
                continue
            label = self._fields[name]._description_string(self.env)
            try:
                raw = base64.b64decode(data, validate=True)
            except (binascii.Error, ValueError, TypeError):
                raise UserError(_("%(document)s could not be read: please upload it again.", document=label))
            if guess_mimetype(raw) not in DOCUMENT_MIMETYPES:
                raise UserError(_("%(document)s must be a PDF, JPEG or PNG file.", document=label))
            limit_mb = self._jianxi_upload_limit_mb(region)
            if len(raw) > limit_mb * 1024 * 1024:
                raise UserError(
                    _(
                        "%(document)s is %(size).1f MB; the largest upload allowed is %(limit)s MB.",
                        document=label,
                        size=len(raw) / 1024 / 1024,
                        limit=limit_mb,
                    )
                )

    @api.model
    def _jianxi_upload_limit_mb(self, region):
        region = region.sudo() or self.env["jianxi.region"].sudo().search([("parent_id", "=", False)], limit=1)
        policy = self.env["jianxi.policy"]._lookup(region, fields.Date.context_today(self), raise_if_missing=False)
        return policy.upload_max_mb if policy else 10
