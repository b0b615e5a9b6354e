from odoo import api, models


class ReportSubsidyClaim(models.AbstractModel):
    """见习补贴申领表: the claim's lines, totals in figures and in capital numerals (大写), and the
    interns left out with their reasons."""

    _name = "report.jianxi_internship.report_subsidy_claim"
    _inherit = "jianxi.report.document"
    _description = "Internship Subsidy Claim Form Report"
    _jianxi_report_model = "jianxi.subsidy.claim"

    @api.model
    def _jianxi_document_partner(self, doc):
        """The claim form is printed in the unit's language."""
        return doc.unit_id.partner_id

    @api.model
    def _jianxi_report_helpers(self):
        return {**super()._jianxi_report_helpers(), "retention": self._jianxi_retention_text}

    @api.model
    def _jianxi_retention_text(self, claim):
        """The unit's retention of the claim year, which decides the rate: “33.3% (1 kept on of 3 ended in 2026)”."""
        return claim.with_context(lang=self.env.lang).retention_summary
