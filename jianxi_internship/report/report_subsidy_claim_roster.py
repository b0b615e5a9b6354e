from odoo import api, models


class ReportSubsidyClaimRoster(models.AbstractModel):
    """见习人员花名册 of a claim: the interns it includes. ID numbers are masked unless the reader is an
    internship officer."""

    _name = "report.jianxi_internship.report_subsidy_claim_roster"
    _inherit = "jianxi.report.document"
    _description = "Internship Roster of a Subsidy Claim"
    _jianxi_report_model = "jianxi.subsidy.claim"

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
