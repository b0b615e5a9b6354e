from odoo import _, api, models
from odoo.exceptions import UserError

from ..rules import text


class JianxiTypedTextMixin(models.AbstractModel):
    """Refuses, with a message naming the field, the characters nobody types (NUL…) in the text
    fields ``_jianxi_text_fields`` of a model written from a form: PostgreSQL refuses a NUL in a
    string, which would otherwise end in an HTTP 500 or a bare database error."""

    _name = "jianxi.typed.text.mixin"
    _description = "Typed Text Guard"
    _jianxi_text_fields = ()

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._jianxi_check_text(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._jianxi_check_text(vals)
        return super().write(vals)

    @api.model
    def _jianxi_check_text(self, vals):
        for name in self._jianxi_text_fields:
            if isinstance(vals.get(name), str) and text.has_control_characters(vals[name]):
                raise UserError(
                    _(
                        "%(field)s contains characters nobody types (such as NUL): please type it again.",
                        field=self._fields[name]._description_string(self.env),
                    )
                )
