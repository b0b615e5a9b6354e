from datetime import date

from odoo import _, fields, http
from odoo.exceptions import UserError
from odoo.http import request

from ..models.jianxi_monthly_paper import DUTY_STATES
from .portal_base import upload_body_limit
from .portal_unit import JianxiUnitPortal

PAPER_FILES = {"file": "filename"}
PAPERS_URL = "/my/interns/papers"


class JianxiUnitPapersPortal(JianxiUnitPortal):
    """The unit's monthly papers (``/my/interns/papers``): each month's attendance record and
    allowance payment proof, one upload covering the interns ticked, the list of uploads, and per
    intern a grid of the months on duty with the papers present or missing.

    The choices the page offers (months, interns) are a convenience: ``jianxi.monthly.paper``
    checks the month and the interns again on the server, whoever posts."""

    @http.route(PAPERS_URL, type="http", auth="user", methods=["GET"], website=True)
    def jianxi_portal_papers(self, month=None, message=None, **kwargs):
        unit = self._jianxi_unit_or_404()
        return self._jianxi_render_papers(unit, {"month": month if isinstance(month, str) else ""}, message=message)

    @http.route(
        f"{PAPERS_URL}/upload",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
        max_content_length=upload_body_limit(PAPER_FILES),
    )
    def jianxi_portal_papers_upload(self, month="", kind="", **post):
        unit = self._jianxi_unit_or_404()
        month, kind = (value if isinstance(value, str) else "" for value in (month, kind))
        ticked = request.httprequest.form.getlist("internship_ids")
        form = {"month": month, "kind": kind, "internship_ids": ticked}

        def upload():
            Paper = request.env["jianxi.monthly.paper"]
            values = self._jianxi_form_values(Paper, ["kind"], {**post, "kind": kind}, PAPER_FILES)
            if values.get("kind") not in dict(Paper._fields["kind"].selection):
                raise UserError(_("Please choose which paper this is: attendance record or allowance payment proof."))
            if "file" not in values:
                raise UserError(_("Please choose the file of the monthly paper."))
            internships = self._jianxi_ticked_interns(unit, ticked)
            Paper.create(
                {**values, "unit_id": unit.id, "month": self._jianxi_month(month), "internship_ids": internships.ids}
            )

        error = self._jianxi_call(upload)
        if not error:
            return request.redirect(f"{PAPERS_URL}?month={self._jianxi_month(month):%Y-%m}&message=paper_uploaded")
        return self._jianxi_render_papers(unit, form, error=error)

    @http.route(f"{PAPERS_URL}/<int:paper_id>/delete", type="http", auth="user", methods=["POST"], website=True)
    def jianxi_portal_papers_delete(self, paper_id, **post):
        unit = self._jianxi_unit_or_404()
        paper = self._jianxi_unit_record("jianxi.monthly.paper", paper_id, unit)
        month = f"{paper.month:%Y-%m}"
        error = self._jianxi_call(paper.unlink)
        if not error:
            return request.redirect(f"{PAPERS_URL}?month={month}&message=paper_deleted")
        return self._jianxi_render_papers(unit, {"month": month}, error=error)

    @http.route(f"{PAPERS_URL}/<int:paper_id>/file", type="http", auth="user", methods=["GET"], website=True)
    def jianxi_portal_papers_file(self, paper_id, **kwargs):
        unit = self._jianxi_unit_or_404()
        paper = self._jianxi_unit_record("jianxi.monthly.paper", paper_id, unit)
        stream = request.env["ir.binary"]._get_stream_from(paper, "file", filename_field="filename")
        return stream.get_response(as_attachment=True)

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def _jianxi_month(value):
        """The month posted as ``YYYY-MM``, as its first day; a UserError in the user's language."""
        try:
            year, month = (int(part) for part in (value or "").strip().split("-"))
            return date(year, month, 1)
        except (TypeError, ValueError, OverflowError):
            raise UserError(_("Please choose the month of the paper.")) from None

    def _jianxi_ticked_interns(self, unit, ticked):
        """The interns ticked, read AS THE USER among the unit's interns on duty or ended; an id of
        anybody else is refused (the model checks the month on duty)."""
        ids = {self._jianxi_to_int(value) for value in ticked} - {0}
        if not ids:
            raise UserError(_("Please tick the interns this paper covers."))
        internships = self._jianxi_duty_interns(unit).filtered(lambda i: i.id in ids)
        if len(internships) != len(ids):
            raise UserError(_("A monthly paper may only cover the unit's own interns."))
        return internships

    def _jianxi_duty_interns(self, unit):
        return request.env["jianxi.internship"].search(
            [("unit_id", "=", unit.id), ("state", "in", DUTY_STATES)], order="start_date, id"
        )

    def _jianxi_messages(self):
        return {
            **super()._jianxi_messages(),
            "paper_uploaded": _("The monthly paper is uploaded."),
            "paper_deleted": _("The monthly paper is deleted."),
        }

    def _jianxi_render_papers(self, unit, form, message=None, error=None):
        """The page: the upload form (``form``: month, kind, ticked ids as posted), the uploads by
        month, and the grid of months on duty per intern."""
        Paper = request.env["jianxi.monthly.paper"]
        internships = self._jianxi_duty_interns(unit)
        today = fields.Date.context_today(unit)
        duty = {internship.id: Paper._jianxi_duty_months(internship, today) for internship in internships}
        months = sorted({month for months in duty.values() for month in months}, reverse=True)
        chosen = form.get("month") or (f"{months[0]:%Y-%m}" if months else "")
        try:
            chosen_month = self._jianxi_month(chosen)
        except UserError:
            chosen_month = None
        ticked = form.get("internship_ids")
        if ticked is None:  # not posted: every intern on duty in the month chosen
            ticked = [str(i.id) for i in internships if chosen_month in duty[i.id]]
        presence = Paper._jianxi_months_with_papers(internships)
        papers = Paper.search([("unit_id", "=", unit.id)])
        kinds = Paper._fields["kind"]._description_selection(request.env)
        return self._jianxi_render_unit_page(
            "jianxi_internship.portal_my_jianxi_papers",
            unit,
            {
                "page_name": "jianxi_papers",
                "internships": internships,
                "people": self._jianxi_people(internships),
                "months": [f"{month:%Y-%m}" for month in months],
                "kinds": kinds,
                "form": {**form, "month": chosen, "internship_ids": [str(value) for value in ticked]},
                "duty_months": {i: [f"{m:%Y-%m}" for m in ms] for i, ms in duty.items()},
                "presence": {
                    i: {f"{month:%Y-%m}": value for month, value in months_of.items()}
                    for i, months_of in presence.items()
                },
                "papers": papers,
                "paper_people": {paper.id: _(", ").join(self._jianxi_paper_names(paper)) for paper in papers},
                "claimed": set(papers._jianxi_claimed().ids),
                "uploaders": {paper.id: paper.sudo().uploaded_by_id.name or "" for paper in papers},
            },
            message=message,
            error=error,
        )

    def _jianxi_paper_names(self, paper):
        """The names of the interns a paper of the unit covers (read as superuser: the paper was
        read as the user, and the unit may not read applicants)."""
        return paper.sudo().internship_ids.applicant_id.mapped("name")
