from odoo import models
from odoo.http import request

# The documents whose every download or preview is logged (jianxi.access.log): {(model, binary
# field): document kind}. The internship's related copies of the applicant's scans are the same
# documents, read from the review form.
LOGGED_DOCUMENTS = {
    ("jianxi.applicant", "id_card"): "id_card",
    ("jianxi.applicant", "diploma"): "diploma",
    ("jianxi.applicant", "unemployment_proof"): "unemployment_proof",
    ("jianxi.internship", "applicant_id_card"): "id_card",
    ("jianxi.internship", "applicant_diploma"): "diploma",
    ("jianxi.internship", "applicant_unemployment_proof"): "unemployment_proof",
    ("jianxi.internship", "agreement_file"): "agreement",
}


class IrBinary(models.AbstractModel):
    """Every stream of a logged document (``/web/content``, ``/web/image``, the portal's own file
    routes: they all come here once access is checked) writes a line of the access log."""

    _inherit = "ir.binary"

    def _record_to_stream(self, record, field_name):
        stream = super()._record_to_stream(record, field_name)
        target, name = record, field_name
        if record._name == "ir.attachment" and field_name in ("raw", "datas", "db_datas"):
            attachment = record.sudo()
            if attachment.res_model and attachment.res_field and attachment.res_id:
                target = self.env[attachment.res_model].browse(attachment.res_id)
                name = attachment.res_field
        document = LOGGED_DOCUMENTS.get((target._name, name))
        if document:
            target = target.sudo()
            applicant = target if target._name == "jianxi.applicant" else target.applicant_id
            download = bool(request) and str(request.params.get("download", "")).lower() in ("1", "true")
            self.env["jianxi.access.log"]._jianxi_log(
                "download" if download else "preview", applicant, document=document, record=target
            )
        return stream
