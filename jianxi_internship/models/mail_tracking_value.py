from odoo import models

from ..rules import identity
from .base import ID_NUMBER_FIELDS, PHONE_FIELDS


class MailTrackingValue(models.Model):
    """A tracked selection (an internship's state, an end reason) shows in the reader's language.

    Odoo stores the *label* of a tracked selection value, in the language of whoever made the
    change: a state changed by the daily jobs (OdooBot speaks English) or by an English-speaking
    manager would read "Applied → Confirmed" in every Chinese reader's chatter, and the reverse.
    For the addon's models, the stored label is mapped back to its code through the labels of
    every installed language, then shown in the reader's language. A value that is no label of
    the field (the field's options changed since) is shown as it was stored.
    """

    _inherit = "mail.tracking.value"

    def _format_display_value(self, field_type, new=True):
        values = super()._format_display_value(field_type, new=new)
        if field_type == "char":
            # A changed resident ID number, or an applicant's changed phone, shows masked in the
            # chatter, as everywhere (docs/personal_data.md).
            return [
                self._jianxi_masked(tracking, value) if value else value
                for tracking, value in zip(self, values, strict=True)
            ]
        if field_type != "selection":
            return values
        labels = {}
        return [
            self._jianxi_reader_label(tracking, value, labels) if value else value
            for tracking, value in zip(self, values, strict=True)
        ]

    def _jianxi_masked(self, tracking, value):
        tracking = tracking.sudo()
        key = (tracking.field_id.model, tracking.field_id.name)
        if key in ID_NUMBER_FIELDS:
            return identity.mask_resident_id(value)
        if key[1] in PHONE_FIELDS.get(key[0], ()):
            message = tracking.mail_message_id
            record = self.env[message.model].sudo().browse(message.res_id) if message.model in self.env else None
            partner = record if message.model == "res.partner" else getattr(record, "partner_id", None)
            if partner and self.env["jianxi.applicant"].sudo().with_context(active_test=False).search_count(
                [("partner_id", "=", partner.id)], limit=1
            ):
                return identity.mask_phone(value)
        return value

    def _jianxi_reader_label(self, tracking, stored, cache):
        field = tracking.sudo().field_id
        if not field.model or not field.model.startswith("jianxi.") or field.model not in self.env:
            return stored
        key = (field.model, field.name)
        if key not in cache:
            model_field = self.env[field.model]._fields.get(field.name)
            if model_field is None or model_field.type != "selection":
                cache[key] = None
            else:
                codes = {}
                # the source labels (English: en_US need not be active), then each language's
                langs = [None] + [lang for lang, _name in self.env["res.lang"].get_installed()]
                for lang in langs:
                    for code, label in model_field._description_selection(self.env(context={"lang": lang})):
                        codes.setdefault(label, code)
                cache[key] = (codes, dict(model_field._description_selection(self.env)))
        if cache[key] is None:
            return stored
        codes, reader_labels = cache[key]
        return reader_labels.get(codes.get(stored), stored)
