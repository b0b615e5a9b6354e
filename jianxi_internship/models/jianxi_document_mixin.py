import base64
import binascii

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..rules import uploads

# The upload limit when no policy applies (the policy's own default).
DEFAULT_UPLOAD_LIMIT_MB = 10


class JianxiDocumentMixin(models.AbstractModel):
    """Scanned documents (licence, ID card, agreement, policies…): checked for what they are, by
    their content, before anything is saved, whoever writes them through the ORM (the portal's
    forms and their drafts, the backend's forms, JSON-RPC): the models' create and write.

    The rules are ``rules/uploads.py``: a PDF, JPEG or PNG, up to the size limit of the policy of
    the record's county, not empty; a PDF without scripts, actions, attached files or encryption;
    an image stored as it is encoded again (nothing rides behind it); a file name without path,
    control or bidirectional characters, with the extension of its content.

    Hooks: ``_jianxi_document_fields`` is ``{binary field: file name field}`` of the model's
    documents; ``_jianxi_region_field`` names the field whose county's policy sets the limit.
    """

    _name = "jianxi.document.mixin"
    _description = "Internship Scanned Documents"

    # {binary field holding a scanned document: the field of its file name}.
    _jianxi_document_fields = {}
    # The field that carries the record's county (its policy sets the size limit).
    _jianxi_region_field = "region_id"

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [
            self._jianxi_clean_documents(vals, self.env["jianxi.region"].browse(vals.get(self._jianxi_region_field)))
            for vals in vals_list
        ]
        return super().create(vals_list)

    def write(self, vals):
        if self._jianxi_touches_documents(vals):
            vals = self._jianxi_clean_documents(vals, [record[self._jianxi_region_field] for record in self.sudo()])
        return super().write(vals)

    @api.model
    def _jianxi_touches_documents(self, vals):
        return any(name in vals or filename in vals for name, filename in self._jianxi_document_fields.items())

    @api.model
    def _jianxi_clean_documents(self, vals, regions):
        """``vals`` with each document it holds as it is stored, with its cleaned file name
        (``_jianxi_clean_document``; the document's label and its extension when the name is not
        written), and each file name written alone cleaned; a UserError naming the document
        refuses the whole write.

        :param regions: the county (or counties) of the records written: the smallest limit of
            their policies applies (the province's when there is none)
        """
        vals = dict(vals)
        limit_mb = None
        for name, filename_field in self._jianxi_document_fields.items():
            data, filename = vals.get(name), vals.get(filename_field)
            if data:
                if limit_mb is None:
                    limit_mb = min((self._jianxi_upload_limit_mb(region) for region in regions or [None]), default=None)
                raw, vals[filename_field], _mimetype = self._jianxi_clean_document(name, data, filename, limit_mb)
                vals[name] = base64.b64encode(raw)
            elif name in vals and filename:
                # A file name without content: a file of 0 bytes was chosen (clearing a document
                # clears its name too).
                self._jianxi_clean_document(name, b"", filename, None)
            elif filename:
                vals[filename_field] = uploads.clean_filename(filename, self._jianxi_document_label(name))
        return vals

    @api.model
    def _jianxi_clean_document(self, name, data, filename, limit_mb, encoded=True):
        """The document ``data`` for the field ``name`` as it is to be stored.

        :param data: the uploaded file, base64 (``encoded``) or bytes
        :param filename: its name as uploaded (or False)
        :param limit_mb: the largest file accepted, in MB (None: the province's policy)
        :return: ``(bytes, file name, mimetype)``: the bytes to store (an image encoded again), the
            cleaned file name (the document's label when none is left) and the content's type
        :raise UserError: naming the document, when it may not be stored
        """
        label = self._jianxi_document_label(name)
        if encoded:
            try:
                raw = base64.b64decode(data, validate=True) if data else b""
            except (binascii.Error, ValueError, TypeError):
                raise UserError(_("%(document)s could not be read: please upload it again.", document=label)) from None
        else:
            raw = data or b""
        if limit_mb is None:
            limit_mb = self._jianxi_upload_limit_mb(None)
        try:
            mimetype, raw = uploads.clean_document(raw, limit_mb * 1024 * 1024)
        except uploads.Refused as refusal:
            raise UserError(self._jianxi_refusal_message(refusal.reason, label, len(raw), limit_mb)) from None
        return raw, uploads.clean_filename(filename, label, mimetype), mimetype

    @api.model
    def _jianxi_document_label(self, name):
        return self._fields[name]._description_string(self.env)

    @api.model
    def _jianxi_refusal_message(self, reason, label, size, limit_mb):
        """What the user reads when the document ``label`` is refused for ``reason``."""
        if reason == uploads.EMPTY:
            return _("%(document)s is an empty file (0 bytes): please choose the scanned file again.", document=label)
        if reason == uploads.TOO_LARGE:
            return _(
                "%(document)s is %(size).1f MB; the largest upload allowed is %(limit)s MB.",
                document=label,
                size=size / 1024 / 1024,
                limit=limit_mb,
            )
        if reason == uploads.PDF_ENCRYPTED:
            return _(
                "%(document)s is a PDF protected by a password or encryption: "
                "please upload a copy without protection.",
                document=label,
            )
        if reason == uploads.PDF_ACTIVE:
            return _(
                "%(document)s is a PDF with active content (scripts, actions run on opening, programs to launch or "
                "attached files): please upload a plain scan, or print the document to a new PDF.",
                document=label,
            )
        if reason == uploads.PDF_UNREADABLE:
            return _("%(document)s is a damaged PDF that cannot be read: please scan or save it again.", document=label)
        if reason == uploads.IMAGE_TOO_MANY_PIXELS:
            return _(
                "%(document)s is an image of more than %(pixels)s million pixels: "
                "please upload a smaller scan or photo.",
                document=label,
                pixels=int(uploads.MAX_IMAGE_PIXELS / 1e6),
            )
        if reason == uploads.IMAGE_UNREADABLE:
            return _(
                "%(document)s is a damaged image that cannot be read: please scan or photograph it again.",
                document=label,
            )
        return _("%(document)s must be a PDF, JPEG or PNG file.", document=label)

    @api.model
    def _jianxi_upload_limit_mb(self, region):
        """The largest file accepted, in MB, by the policy in force today for ``region`` (the
        province's when there is no region)."""
        region = (region or self.env["jianxi.region"]).sudo() or self.env["jianxi.region"].sudo().search(
            [("parent_id", "=", False)], limit=1
        )
        policy = self.env["jianxi.policy"]._lookup(region, fields.Date.context_today(self), raise_if_missing=False)
        return policy.upload_max_mb if policy else DEFAULT_UPLOAD_LIMIT_MB

    @api.model
    def _jianxi_largest_upload_limit_mb(self):
        """The largest limit of all the policies: a form's body beyond what its files could weigh
        under it is refused before it is read (see controllers/portal_base.py)."""
        limits = self.env["jianxi.policy"].sudo().search([]).mapped("upload_max_mb")
        return max(limits, default=DEFAULT_UPLOAD_LIMIT_MB)
