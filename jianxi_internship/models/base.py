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
# The models that hold one: every other model's read skips the masking at once (a hot path).
_ID_NUMBER_MODELS = {model for model, _field in ID_NUMBER_FIELDS}
# The fields that hold an applicant's phone number, per model: whoever is not the person reads them
# masked (138****5678), JSON-RPC and the web client alike, and every export masks them; staff see
# the full number through the reveal action, which is logged, and a unit once it confirms the
# person (its pages read as superuser). A partner's or user's phone is masked only when it is an
# applicant's: a unit's contact keeps its own.
PHONE_FIELDS = {
    "jianxi.applicant": ("phone",),
    "res.partner": ("phone", "mobile"),
    "res.users": ("phone", "mobile"),
}
# The applicant's field that leads to a partner's phone in an export path
# (``applicant_id/partner_id/phone``).
_PHONE_PATH_LINKS = {("jianxi.applicant", "partner_id")}


class Base(models.AbstractModel):
    _inherit = "base"

    def _read_format(self, fnames, load="_classic_read"):
        """What read, search_read and the web client's web_read return (search_read does not call
        read): a read that returns the content of a logged document (an ID card, diploma,
        unemployment proof or agreement, read without ``bin_size``) writes the access log, like a
        download, so the log cannot be bypassed by reading the field; an applicant's phone is
        masked for whoever is not the person. Reads as superuser (the server's own) log and mask
        nothing: the routes that serve a document log it, the units' pages decide what they show."""
        result = super()._read_format(fnames, load=load)
        if self.env.su or not result:
            return result
        if self._name in _LOGGED_MODELS:
            names = [name for name in fnames or list(self._fields) if self._jianxi_reads_content(name)]
            if self._name == "ir.attachment":
                names = names[:1]  # raw, datas, db_datas: one content
            for name in names:
                self.env["jianxi.access.log"]._jianxi_log_document("download", self, name)
        if self._name in PHONE_FIELDS:
            self._jianxi_mask_phones(result, fnames)
        if self._name in _ID_NUMBER_MODELS:
            self._jianxi_mask_id_numbers(result, fnames)
        return result

    def _jianxi_mask_id_numbers(self, result, fields):
        """Mask in ``result`` the resident ID numbers (``ID_NUMBER_FIELDS``) that are not the
        reader's own: staff read the full number only through the reveal action, which is logged,
        so a JSON-RPC read of the field does not bypass the log (docs/personal_data.md)."""
        names = [
            name for name in (fields or self._fields) if (self._name, name) in ID_NUMBER_FIELDS and name in result[0]
        ]
        if not names:
            return
        own = set()
        if self._name == "jianxi.applicant":
            records = self.sudo().browse([row["id"] for row in result])
            partner = self.env.user.sudo().partner_id
            own = {record.id for record in records if record.partner_id == partner}
        for row in result:
            if row["id"] not in own:
                for name in names:
                    if isinstance(row.get(name), str) and row[name]:
                        row[name] = identity.mask_resident_id(row[name])

    def _jianxi_mask_phones(self, result, fields):
        """Mask in ``result`` (read's rows) the phone numbers of applicants other than the reader:
        the one place of the rule (see ``PHONE_FIELDS``)."""
        names = [name for name in PHONE_FIELDS[self._name] if not fields or name in fields]
        if not names:
            return
        records = self.sudo().browse([row["id"] for row in result])
        own = self.env.user.sudo().partner_id
        if self._name == "jianxi.applicant":
            masked = {record.id for record in records if record.partner_id != own}
        else:
            partners = records if self._name == "res.partner" else records.partner_id
            applicants = self.env["jianxi.applicant"].sudo().with_context(active_test=False)
            people = set(applicants.search([("partner_id", "in", (partners - own).ids)]).partner_id.ids)
            partner_of = {
                record.id: (record if self._name == "res.partner" else record.partner_id).id for record in records
            }
            masked = {record_id for record_id, partner_id in partner_of.items() if partner_id in people}
        for row in result:
            if row["id"] in masked:
                for name in names:
                    if isinstance(row.get(name), str) and row[name]:
                        row[name] = identity.mask_phone(row[name])

    def _jianxi_reads_content(self, name):
        """Whether reading the field ``name`` returns a logged document's content (not its size)."""
        if self.env.context.get("bin_size") or self.env.context.get(f"bin_size_{name}"):
            return False
        if self._name == "ir.attachment":
            return name in ATTACHMENT_CONTENT
        return (self._name, name) in LOGGED_DOCUMENTS

    def export_data(self, fields_to_export):
        """Odoo's export (the list's Export, XLSX or CSV), with every resident ID number and every
        applicant's phone masked, whatever the path that reaches it (``applicant_id/id_number``,
        ``applicant_id/phone``...)."""
        result = super().export_data(fields_to_export)
        masks = {}
        for index, path in enumerate(fields_to_export):
            if self._jianxi_is_id_number_path(path):
                masks[index] = identity.mask_resident_id
            elif self._jianxi_is_phone_path(path):
                masks[index] = identity.mask_phone
        if masks:
            for row in result.get("datas", []):
                for index, mask in masks.items():
                    if isinstance(row[index], str) and row[index]:
                        row[index] = mask(row[index])
        return result

    @api.model
    def _jianxi_is_phone_path(self, path):
        """Whether the export path ``path`` ends on an applicant's phone (``PHONE_FIELDS``): the
        applicant's own field (or one related to it), or a partner's or user's reached from an
        applicant. An export of partners or users themselves masks none: its rows do not say whose
        they are."""
        fields_on_path = self._jianxi_path_fields(path)
        if not fields_on_path:
            return False
        keys = [(field.model_name, field.name) for field in fields_on_path]
        if ("jianxi.applicant", "phone") in keys:
            return True
        model, name = keys[-1]
        return name in PHONE_FIELDS.get(model, ()) and any(key in _PHONE_PATH_LINKS for key in keys)

    @api.model
    def _jianxi_path_fields(self, path):
        """The fields an export path ``a/b/c`` goes through, a related field followed by the fields
        it reads (``jianxi.applicant.phone``, then ``partner_id`` and ``res.partner.phone``); [] when
        a part is no field."""
        model, result = self, []
        for part in (path or "").split("/"):
            field = model._fields.get(part)
            if field is None:
                return []
            result += self._jianxi_related_chain(field)
            if result[-1].relational:
                model = self.env[result[-1].comodel_name]
        return result

    @api.model
    def _jianxi_related_chain(self, field):
        """``field``, then the fields its ``related`` path reads, recursively."""
        chain = [field]
        model = self.env[field.model_name]
        for name in field.related.split(".") if field.related else ():
            step = model._fields[name]
            chain += self._jianxi_related_chain(step)
            if step.relational:
                model = self.env[step.comodel_name]
        return chain

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
