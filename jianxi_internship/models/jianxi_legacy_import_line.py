from odoo import api, fields, models

from ..rules import identity, legacy_import


class JianxiLegacyImportLine(models.Model):
    """One row of a legacy file, as the last check found it: what becomes of it and, for a row with
    errors, why. The errors are stored as codes with their parameters and rendered when read, in the
    reader's language (``rules.legacy_import.render_error``)."""

    _name = "jianxi.legacy.import.line"
    _description = "Row of a Legacy Internship Import"
    _order = "import_id, row_number"

    import_id = fields.Many2one("jianxi.legacy.import", required=True, index=True, ondelete="cascade")
    row_number = fields.Integer(string="Row", required=True)
    action = fields.Selection(
        [
            ("create", "New"),
            ("update", "Corrected"),
            ("unchanged", "Unchanged"),
            ("error", "Error"),
        ],
        string="Result",
        required=True,
    )
    error_codes = fields.Json(help="The row's errors as [code, parameters], see rules/legacy_import.py.")
    errors = fields.Text(compute="_compute_errors")
    person_name = fields.Char(string="Name")
    id_number = fields.Char(string="Resident ID Number")
    id_number_masked = fields.Char(string="ID Number", compute="_compute_id_number_masked")
    unit_name = fields.Char(string="Internship Unit")
    start_date = fields.Date(string="Start")
    internship_id = fields.Many2one("jianxi.internship", string="Internship", ondelete="set null")

    @api.depends("error_codes")
    @api.depends_context("lang")
    def _compute_errors(self):
        for line in self:
            line.errors = "\n".join(
                legacy_import.render_error(code, params, self.env._) for code, params in line.error_codes or []
            )

    @api.depends("id_number")
    def _compute_id_number_masked(self):
        for line in self:
            line.id_number_masked = line.id_number and identity.mask_resident_id(line.id_number)
