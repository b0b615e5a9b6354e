from datetime import date

from odoo import api, models

from ..models.jianxi_internship import PAST_APPROVAL_STATES


class ReportUnitRoster(models.AbstractModel):
    """见习人员花名册 of a unit: its internships past the eligibility approval, by start date. ID numbers
    are masked unless the reader is an internship officer."""

    _name = "report.jianxi_internship.report_unit_roster"
    _inherit = "jianxi.report.document"
    _description = "Internship Roster of a Unit"
    _jianxi_report_model = "jianxi.unit"

    @api.model
    def _jianxi_document_partner(self, doc):
        """The roster of a unit is printed in the unit's language."""
        return doc.partner_id

    @api.model
    def _jianxi_report_extra_values(self, docs):
        internships = (
            self.env["jianxi.internship"]
            .sudo()
            .search([("unit_id", "in", docs.ids), ("state", "in", PAST_APPROVAL_STATES)])
        )
        internships = internships.sorted(lambda i: (i.start_date or date.max, i.applicant_id.name or "", i.id))
        return {
            "rosters": {
                unit.id: [
                    {
                        "applicant": internship.applicant_id,
                        "position": internship.position_id.name,
                        "start": internship.start_date,
                        "end": internship.actual_end_date or internship.planned_end_date,
                        "internship": internship,
                    }
                    for internship in internships
                    if internship.unit_id == unit
                ]
                for unit in docs
            }
        }
