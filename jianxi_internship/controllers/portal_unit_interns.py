from odoo import _, fields, http
from odoo.exceptions import UserError
from odoo.http import request

from ..models.jianxi_internship import INTERN_END_REASONS, ONBOARDING_FIELDS, ONBOARDING_FILES, PERIOD_FIELDS
from .portal_base import upload_body_limit
from .portal_reports import INTERNSHIP_REPORTS
from .portal_unit import REVEALED_STATES, REVIEW_STATES, JianxiUnitPortal

# The onboarding form (see jianxi.internship.action_save_onboarding): typed fields, then uploads
# (ONBOARDING_FILES).
ONBOARDING_FORM_FIELDS = tuple(
    name for name in ONBOARDING_FIELDS if name not in ONBOARDING_FILES and name not in ONBOARDING_FILES.values()
)
# The reasons a unit chooses when it ends an internship itself (人员终止); the intern's reasons
# (job elsewhere, special) follow the intern's request, accepted with their own form.
UNIT_END_REASONS = ("completed", "hired", "unit_ended")


class JianxiUnitInternsPortal(JianxiUnitPortal):
    """The unit's interns (``/my/interns``): the people it confirmed, with their status from the
    confirmation on (waiting for the bureau, then interns), their onboarding (agreement,
    insurances, papers), on duty or not arrived, the end, and their PDF agreement and certificate."""

    @http.route(["/my/interns", "/my/interns/page/<int:page>"], type="http", auth="user", methods=["GET"], website=True)
    def jianxi_portal_interns(self, page=1, filterby="all", message=None, **kwargs):
        unit = self._jianxi_unit_or_404()
        filters = {
            "all": {"label": _("All"), "domain": [("state", "in", REVEALED_STATES)]},
            # Confirmed by the unit, not yet interns: the bureau reviews them (or refused them).
            "review": {"label": _("Waiting for the Bureau"), "domain": [("state", "in", REVIEW_STATES)]},
            "onboarding": {"label": _("To Onboard"), "domain": [("state", "=", "approved")]},
            "current": {"label": _("On Duty"), "domain": [("state", "in", ("on_duty", "end_requested"))]},
            "ended": {"label": _("Ended or Not Arrived"), "domain": [("state", "in", ("ended", "not_arrived"))]},
        }
        return self._jianxi_render_unit_list(
            unit,
            "jianxi.internship",
            "/my/interns",
            "internships",
            "jianxi_interns",
            "jianxi_internship.portal_my_jianxi_interns",
            filters,
            filterby,
            page,
            "applied_at desc, id desc",
            message=message,
            people=True,
        )

    @http.route("/my/interns/<int:internship_id>", type="http", auth="user", methods=["GET"], website=True)
    def jianxi_portal_intern(self, internship_id, message=None, **kwargs):
        unit = self._jianxi_unit_or_404()
        internship = self._jianxi_intern_or_404(internship_id, unit)
        return self._jianxi_render_intern(unit, internship, message=message)

    @http.route(
        "/my/interns/<int:internship_id>/onboarding",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
        max_content_length=upload_body_limit(ONBOARDING_FILES),
    )
    def jianxi_portal_intern_onboarding(self, internship_id, **post):
        unit = self._jianxi_unit_or_404()
        internship = self._jianxi_intern_or_404(internship_id, unit)
        # Once the intern is on duty, the agreed period is fixed: the form no longer sends it.
        names = [name for name in ONBOARDING_FORM_FIELDS if internship.state != "on_duty" or name not in PERIOD_FIELDS]
        error, kept = self._jianxi_save_form(
            internship, names, ONBOARDING_FILES, post, internship.action_save_onboarding
        )
        if not error:
            return request.redirect(f"/my/interns/{internship.id}?message=onboarding_saved")
        return self._jianxi_render_intern(
            unit, internship, error=error, form=self._jianxi_posted_form(names, post), kept=kept
        )

    @http.route("/my/interns/<int:internship_id>/on_duty", type="http", auth="user", methods=["POST"], website=True)
    def jianxi_portal_intern_on_duty(self, internship_id, **post):
        return self._jianxi_intern_action(internship_id, lambda internship: internship.action_set_on_duty(), "on_duty")

    @http.route("/my/interns/<int:internship_id>/not_arrived", type="http", auth="user", methods=["POST"], website=True)
    def jianxi_portal_intern_not_arrived(self, internship_id, **post):
        return self._jianxi_intern_action(
            internship_id, lambda internship: internship.action_set_not_arrived(), "not_arrived"
        )

    @http.route("/my/interns/<int:internship_id>/accept_end", type="http", auth="user", methods=["POST"], website=True)
    def jianxi_portal_intern_accept_end(self, internship_id, end_date="", end_reason="", note="", **post):
        def accept(internship):
            if end_reason not in INTERN_END_REASONS:
                raise UserError(_("Please choose why the intern leaves: a job elsewhere or a special reason."))
            return internship.action_end(self._jianxi_date(end_date, _("End Date")), end_reason, note=note)

        posted = {"end_date": end_date, "end_reason": end_reason}
        return self._jianxi_intern_action(internship_id, accept, "ended", posted={"accept_end": posted})

    @http.route("/my/interns/<int:internship_id>/refuse_end", type="http", auth="user", methods=["POST"], website=True)
    def jianxi_portal_intern_refuse_end(self, internship_id, reason="", **post):
        return self._jianxi_intern_action(
            internship_id,
            lambda internship: internship.action_refuse_end_request(reason),
            "end_refused",
            posted={"refuse_end": {"reason": reason}},
        )

    @http.route("/my/interns/<int:internship_id>/end", type="http", auth="user", methods=["POST"], website=True)
    def jianxi_portal_intern_end(self, internship_id, end_date="", end_reason="", kept_on="", note="", **post):
        def end(internship):
            if end_reason not in UNIT_END_REASONS:
                raise UserError(_("Please choose the end reason."))
            return internship.action_end(
                self._jianxi_date(end_date, _("End Date")), end_reason, kept_on=bool(kept_on), note=note
            )

        posted = {"end_date": end_date, "end_reason": end_reason, "kept_on": bool(kept_on), "note": note}
        return self._jianxi_intern_action(internship_id, end, "ended", posted={"end": posted})

    @http.route(
        "/my/interns/<int:internship_id>/report/<string:kind>", type="http", auth="user", methods=["GET"], website=True
    )
    def jianxi_portal_intern_report(self, internship_id, kind, download=None, **kwargs):
        unit = self._jianxi_unit_or_404()
        internship = self._jianxi_intern_or_404(internship_id, unit)
        return self._jianxi_show_report(
            internship,
            INTERNSHIP_REPORTS,
            kind,
            download,
            lambda error: self._jianxi_render_intern(unit, internship, error=error),
        )

    def _jianxi_intern_action(self, internship_id, call, message, posted=None):
        """Run ``call(internship)`` on the unit's intern; back to its page with ``message``, or the
        page with the refusal and the values ``posted`` (``{form: {field: value}}``) kept."""
        unit = self._jianxi_unit_or_404()
        internship = self._jianxi_intern_or_404(internship_id, unit)
        error = self._jianxi_call(lambda: call(internship))
        if not error:
            return request.redirect(f"/my/interns/{internship.id}?message={message}")
        return self._jianxi_render_intern(unit, internship, error=error, end_forms=posted)

    def _jianxi_intern_or_404(self, internship_id, unit):
        """An internship of the unit that the unit has confirmed (the person is revealed), or 404."""
        return self._jianxi_unit_record("jianxi.internship", internship_id, unit, [("state", "in", REVEALED_STATES)])

    def _jianxi_messages(self):
        return {
            **super()._jianxi_messages(),
            "onboarding_saved": _("The agreement and insurance data are saved."),
            "on_duty": _("The intern is confirmed on duty."),
            "not_arrived": _("The intern is recorded as not arrived."),
            "ended": _("The internship is ended."),
            "end_refused": _("The request to end is refused: the internship goes on."),
        }

    def _jianxi_render_intern(self, unit, internship, message=None, error=None, form=None, end_forms=None, kept=None):
        reasons = dict(internship._fields["end_reason"]._description_selection(request.env))
        return self._jianxi_render_unit_page(
            "jianxi_internship.portal_my_jianxi_intern",
            unit,
            {
                "page_name": "jianxi_intern",
                "internship": internship,
                "files": internship.with_context(bin_size=True),
                "person": self._jianxi_people(internship)[internship.id],
                "form": form or self._jianxi_record_form(internship, ONBOARDING_FORM_FIELDS),
                "onboarding_editable": internship.state in ("approved", "on_duty"),
                "period_editable": internship.state == "approved",
                "unit_end_reasons": [(key, reasons[key]) for key in UNIT_END_REASONS],
                "intern_end_reasons": [(key, reasons[key]) for key in INTERN_END_REASONS],
                "today": fields.Date.to_string(fields.Date.context_today(internship)),
                "end_forms": end_forms or {},
                "jianxi_kept": kept,
            },
            message=message,
            error=error,
        )
