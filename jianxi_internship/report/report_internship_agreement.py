from odoo import api, models
from odoo.tools import formatLang

from ..models.jianxi_internship import PAST_APPROVAL_STATES
from ..rules import chinese_amount


class ReportInternshipAgreement(models.AbstractModel):
    """就业见习协议书, pre-filled from an internship whose eligibility the bureau approved (and later:
    on duty, end requested, ended). Both parties sign it, so it shows the intern's full ID number."""

    _name = "report.jianxi_internship.report_internship_agreement"
    _inherit = "jianxi.report.document"
    _description = "Internship Agreement Report"
    _jianxi_report_model = "jianxi.internship"
    _jianxi_full_id_numbers = True
    _jianxi_printable_states = PAST_APPROVAL_STATES

    @api.model
    def _get_report_values(self, docids, data=None):
        """Each agreement printed is logged (jianxi.access.log): it carries the full ID number."""
        values = super()._get_report_values(docids, data=data)
        Log = self.env["jianxi.access.log"]
        for internship in values["docs"]:
            Log._jianxi_log("download", internship.applicant_id, document="agreement", record=internship)
        return values

    @api.model
    def _jianxi_unprintable_message(self, doc, state):
        return self.env._(
            "The internship agreement of %(record)s can be printed once the bureau has approved the "
            "eligibility; the internship is “%(state)s”.",
            record=doc.display_name,
            state=state,
        )

    @api.model
    def _jianxi_document_partner(self, doc):
        """The agreement is printed in the intern's language."""
        return doc.applicant_id.partner_id

    @api.model
    def _jianxi_report_helpers(self):
        return {**super()._jianxi_report_helpers(), "allowance_clause": self._jianxi_allowance_clause}

    @api.model
    def _jianxi_allowance_clause(self, internship):
        """The clause on the monthly living allowance, with the position's amount in figures and words."""
        position = internship.position_id
        return self.env._(
            "Party A pays Party B a monthly living allowance of %(amount)s (in words: %(words)s), not less than "
            "the local minimum wage, in full and every month.",
            amount=formatLang(self.env, position.allowance, currency_obj=position.currency_id),
            words=chinese_amount.amount_to_chinese_capital(position.allowance),
        )
