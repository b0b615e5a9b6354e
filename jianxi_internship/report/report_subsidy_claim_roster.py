from odoo import api, models
from odoo.tools import format_date


class ReportSubsidyClaimRoster(models.AbstractModel):
    """见习人员花名册 of a claim: the interns it includes. ID numbers are masked unless the reader is an
    internship officer."""

    _name = "report.jianxi_internship.report_subsidy_claim_roster"
    _inherit = "jianxi.report.document"
    _description = "Internship Roster of a Subsidy Claim"
    _jianxi_report_model = "jianxi.subsidy.claim"

    @api.model
    def _jianxi_document_partner(self, doc):
        """The roster of a claim is printed in the unit's language."""
        return doc.unit_id.partner_id

    @api.model
    def _jianxi_report_extra_values(self, docs):
        return {
            "rosters": {
                claim.id: [
                    {
                        "applicant": line.applicant_id,
                        "position": line.internship_id.position_id.name,
                        "start": line.start_date,
                        "end": line.end_date or line.planned_end_date,
                        "internship": line.internship_id,
                    }
                    for line in claim.line_ids
                ]
                for claim in docs
            }
        }

    @api.model
    def _jianxi_report_helpers(self):
        return {**super()._jianxi_report_helpers(), "claim_reference": self._jianxi_claim_reference}

    @api.model
    def _jianxi_claim_reference(self, claim):
        """The claim the roster belongs to: its number and date, in one sentence for the translation's
        punctuation (JXBT-2024-0001（2024年02月01日）)."""
        return self.env._("%(number)s, dated %(date)s", number=claim.name, date=format_date(self.env, claim.claim_date))
