from odoo import api, models
from odoo.tools import format_date


class ReportCompletionCertificate(models.AbstractModel):
    """见习证明: the certificate of an ended internship, numbered from the internship. It is the
    intern's own document, so it shows the full ID number to every reader allowed to print it."""

    _name = "report.jianxi_internship.report_completion_certificate"
    _inherit = "jianxi.report.document"
    _description = "Internship Completion Certificate Report"
    _jianxi_report_model = "jianxi.internship"
    _jianxi_full_id_numbers = True
    _jianxi_printable_states = ("ended",)

    @api.model
    def _jianxi_unprintable_message(self, doc, state):
        return self.env._(
            "A completion certificate is issued for an ended internship only: %(record)s is “%(state)s”.",
            record=doc.display_name,
            state=state,
        )

    @api.model
    def _jianxi_document_partner(self, doc):
        """The certificate is printed in the intern's language."""
        return doc.applicant_id.partner_id

    @api.model
    def _jianxi_report_helpers(self):
        return {
            **super()._jianxi_report_helpers(),
            "certificate_number": self._jianxi_certificate_number,
            "certificate_paragraphs": self._jianxi_certificate_paragraphs,
        }

    @api.model
    def _jianxi_certificate_number(self, internship):
        """JXZM-<year of the end>-<internship id on 6 digits>: the same number at every print."""
        return f"JXZM-{internship.actual_end_date.year}-{internship.id:06d}"

    @api.model
    def _jianxi_certificate_paragraphs(self, internship):
        """The text of the certificate: who, where, which position, from when to when, how it ended."""
        applicant = internship.applicant_id
        genders = dict(applicant._fields["gender"]._description_selection(self.env))
        end_reasons = dict(internship._fields["end_reason"]._description_selection(self.env))
        paragraphs = [
            self.env._(
                "This is to certify that %(name)s (gender: %(gender)s, resident ID number: %(id_number)s), from %(start)s "  # noqa: E501
                "to %(end)s, took part in the youth employment internship at %(unit)s, in the position “%(position)s”, "
                "for %(duration)s in all.",
                name=applicant.name,
                gender=genders.get(applicant.gender, "—"),
                id_number=self._jianxi_id_number(applicant, full=True),
                start=format_date(self.env, internship.start_date),
                end=format_date(self.env, internship.actual_end_date),
                unit=internship.unit_id.name,
                position=internship.position_id.name,
                duration=self._jianxi_duration_text(internship.start_date, internship.actual_end_date),
            )
        ]
        paragraphs.append(
            self.env._("End of the internship: %(reason)s.", reason=end_reasons.get(internship.end_reason, "—"))
        )
        if internship.kept_on:
            paragraphs.append(
                self.env._(
                    "The intern was kept on by the unit on %(date)s.",
                    date=format_date(self.env, internship.kept_on_date),
                )
            )
        return paragraphs
