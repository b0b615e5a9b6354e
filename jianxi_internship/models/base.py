from odoo import api, models

from ..rules import identity
from .jianxi_access_log import ATTACHMENT_CONTENT, LOGGED_DOCUMENTS

# The models read through JSON-RPC whose reads of a document's content are logged.
_LOGGED_MODELS = {model for model, _field in LOGGED_DOCUMENTS} | {"ir.attachment"}
# The fields that hold a full resident ID number: every export masks them (docs/personal_data.md);
# staff see a full number only through the reveal action, which is logged.
ID_NUMBER_FIELDS = {
    ("jianxi.applicant", "id_number"),
    ("jianxi.inperson.registration", "id_number"),
    ("jianxi.legacy.import.line", "id_number"),
}


class Base(models.AbstractModel):
    _inherit = "base"

    def read(self, fields=None, load="_classic_read"):
        """A read that returns the content of a logged document (an ID card, diploma, unemployment
        proof or agreement: JSON-RPC's read or search_read, a form read without ``bin_size``) writes
        the access log, like a download: the log cannot be bypassed by reading the field. Reads as
        superuser (the server's own) log nothing: the routes that serve a document log it."""
        result = super().read(fields, load=load)
        if self._name in _LOGGED_MODELS and not self.env.su and result:
            names = [name for name in fields or list(self._fields) if self._jianxi_reads_content(name)]
            if self._name == "ir.attachment":
                names = names[:1]  # raw, datas, db_datas: one content
            for name in names:
                self.env["jianxi.access.log"]._jianxi_log_document("download", self, name)
        return result

    def _jianxi_reads_content(self, name):
        """Whether reading the field ``name`` returns a logged document's content (not its size)."""
        if self.env.context.get("bin_size") or self.env.context.get(f"bin_size_{name}"):
            return False
        if self._name == "ir.attachment":
            return name in ATTACHMENT_CONTENT
        return (self._name, name) in LOGGED_DOCUMENTS

    def export_data(self, fields_to_export):
        """Odoo's export (the list's Export, XLSX or CSV), with every resident ID number masked,
        whatever the path that reaches it (``applicant_id/id_number``...)."""
        result = super().export_data(fields_to_export)
        columns = [index for index, path in enumerate(fields_to_export) if self._jianxi_is_id_number_path(path)]
        if columns:
            for row in result.get("datas", []):
                for index in columns:
                    if isinstance(row[index], str) and row[index]:
                        row[index] = identity.mask_resident_id(row[index])
        return result

    @api.model
    def _jianxi_is_id_number_path(self, path):
        """Whether the export path ``path`` (``a/b/c``) ends on a field of ``ID_NUMBER_FIELDS``."""
        model = self
        parts = (path or "").split("/")
        for position, part in enumerate(parts):
            field = model._fields.get(part)
            if field is None:
                return False
            while field.related:
                field = field.related_field
            if position == len(parts) - 1:
                return (field.model_name, field.name) in ID_NUMBER_FIELDS
            if not field.relational:
                return False
            model = self.env[field.comodel_name]
        return False
