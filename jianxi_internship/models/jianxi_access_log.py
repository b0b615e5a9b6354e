import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.http import request

_logger = logging.getLogger(__name__)

# What was done with whose data (the codes stored; the labels are the reader's language).
ACCESS_CODES = [
    ("reveal_id", "Full ID Number Revealed"),
    ("reveal_phone", "Full Phone Number Revealed"),
    ("download", "Document Downloaded"),
    ("preview", "Document Previewed"),
    ("purge_scans", "Identity Scans Purged"),
]
DOCUMENT_KINDS = [
    ("id_card", "ID Card Scan"),
    ("diploma", "Diploma Scan"),
    ("unemployment_proof", "Unemployment Registration Proof"),
    ("agreement", "Internship Agreement"),
]
# The documents whose every download or preview is logged: {(model, binary field): document kind}.
# The internship's related copies of the applicant's scans are the same documents, read from the
# review form.
LOGGED_DOCUMENTS = {
    ("jianxi.applicant", "id_card"): "id_card",
    ("jianxi.applicant", "diploma"): "diploma",
    ("jianxi.applicant", "unemployment_proof"): "unemployment_proof",
    ("jianxi.internship", "applicant_id_card"): "id_card",
    ("jianxi.internship", "applicant_diploma"): "diploma",
    ("jianxi.internship", "applicant_unemployment_proof"): "unemployment_proof",
    ("jianxi.internship", "agreement_file"): "agreement",
}
# The fields of an attachment that hold its content.
ATTACHMENT_CONTENT = ("raw", "datas", "db_datas")
# The setting that keeps log lines this many days (3 years unless set).
RETENTION_PARAM = "jianxi_internship.access_log_retention_days"
DEFAULT_RETENTION_DAYS = 3 * 365
# The context key of the purge job: with the superuser's rights, the only deletion allowed.
_PURGE_KEY = "jianxi_access_log_purge"


def positive_int_param(env, name, default):
    """The system parameter ``name`` as a whole number of at least 1 (``default`` when it is not
    set or not a number): the retention settings of personal data."""
    value = env["ir.config_parameter"].sudo().get_param(name)
    try:
        number = int(value) if value else default
    except ValueError:
        number = default
    return max(number, 1)


class JianxiAccessLog(models.Model):
    """Who looked at whose data (个人信息保护法): one line per reveal of a full resident ID number and
    per download or preview of an ID card, diploma, unemployment proof or agreement, and per purge
    of a person's identity scans. Written by the server only (``_jianxi_log``); nobody edits or
    deletes a line through the ORM, administrators included, except the purge job that removes
    lines older than the retention setting (``jianxi_internship.access_log_retention_days``).

    Managers read every line; an officer reads only the lines of their own looks (see
    docs/personal_data.md)."""

    _name = "jianxi.access.log"
    _description = "Personal Data Access Log"
    _order = "logged_at desc, id desc"
    _rec_name = "code"

    logged_at = fields.Datetime(string="When", required=True, readonly=True, index=True, default=fields.Datetime.now)
    user_id = fields.Many2one("res.users", string="Who", required=True, readonly=True, index=True, ondelete="restrict")
    applicant_id = fields.Many2one(
        "jianxi.applicant", string="Whose Data", readonly=True, index=True, ondelete="set null"
    )
    partner_id = fields.Many2one("res.partner", string="Person's Contact", readonly=True, index=True)
    code = fields.Selection(ACCESS_CODES, string="What", required=True, readonly=True)
    document = fields.Selection(DOCUMENT_KINDS, readonly=True)
    res_model = fields.Char(string="Record Model", readonly=True)
    res_id = fields.Integer(string="Record ID", readonly=True)
    count = fields.Integer(readonly=True, help="For a purge: how many scans were removed.")
    ip_address = fields.Char(string="From (IP Address)", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(self.env._("The access log is written by the system only."))
        return super().create(vals_list)

    def write(self, vals):
        if self:
            raise AccessError(self.env._("The access log cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=True)
    def _unlink_except_by_the_purge_job(self):
        if not (self.env.su and self.env.context.get(_PURGE_KEY)):
            raise AccessError(self.env._("The access log cannot be deleted; old lines are purged by the system."))

    @api.model
    def _jianxi_log(self, code, applicants, document=False, record=None, count=0):
        """Log ``code`` by the current user on ``applicants`` (one line each; none without
        applicants), about ``document`` of ``record`` when given. Returns the lines."""
        ip_address = False
        if request:
            ip_address = request.httprequest.remote_addr
        user = self.env.user
        applicants = applicants.sudo()
        return (
            self.sudo()
            .with_context(tracking_disable=True)
            .create(
                [
                    {
                        "user_id": user.id,
                        "applicant_id": applicant.id,
                        "partner_id": applicant.partner_id.id,
                        "code": code,
                        "document": document,
                        "res_model": record._name if record is not None else applicant._name,
                        "res_id": record.id if record is not None else applicant.id,
                        "count": count,
                        "ip_address": ip_address,
                    }
                    for applicant in applicants
                ]
            )
        )

    @api.model
    def _jianxi_log_document(self, code, records, field_name):
        """Log ``code`` (download or preview) for each of ``records`` whose field ``field_name`` is a
        logged document (``LOGGED_DOCUMENTS``), or which is the attachment holding one (its content
        fields). Other records and fields log nothing."""
        for record in records.sudo():
            target, name = record, field_name
            if record._name == "ir.attachment":
                if field_name not in ATTACHMENT_CONTENT or not (record.res_model and record.res_field):
                    continue
                if record.res_model not in self.env:
                    continue
                target, name = self.env[record.res_model].sudo().browse(record.res_id), record.res_field
            document = LOGGED_DOCUMENTS.get((target._name, name))
            if not document or not target.exists():
                continue
            applicant = target if target._name == "jianxi.applicant" else target.applicant_id
            self._jianxi_log(code, applicant, document=document, record=target)

    @api.model
    def _jianxi_retention_days(self):
        return positive_int_param(self.env, RETENTION_PARAM, DEFAULT_RETENTION_DAYS)

    @api.model
    def _cron_purge_old_lines(self):
        """Delete the lines older than the retention setting (the daily job)."""
        limit = fields.Datetime.now() - timedelta(days=self._jianxi_retention_days())
        old = self.sudo().search([("logged_at", "<", limit)])
        count = len(old)
        old.with_context(**{_PURGE_KEY: True}).unlink()
        _logger.info("Purged %s access log lines older than %s", count, limit)
        return count
