from odoo import api, models

from ..rules import identity

# The fields that hold a full resident ID number: every export masks them (docs/personal_data.md);
# staff see a full number only through the reveal action, which is logged.
ID_NUMBER_FIELDS = {
    ("jianxi.applicant", "id_number"),
    ("jianxi.inperson.registration", "id_number"),
    ("jianxi.legacy.import.line", "id_number"),
}


class Base(models.AbstractModel):
    _inherit = "base"

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
