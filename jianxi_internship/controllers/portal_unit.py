import base64

from werkzeug.exceptions import NotFound

from odoo import _, fields, http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import UserError
from odoo.http import request

from ..models.jianxi_internship import INTERN_END_REASONS, ONBOARDING_FIELDS, PERIOD_FIELDS
from ..rules import identity
from .portal_reports import jianxi_show_report

# The unit's profile fields on its portal form (see jianxi.unit.action_save_profile).
UNIT_FORM_FIELDS = (
    "name", "credit_code", "unit_type", "industry_id", "region_id", "address", "legal_representative",
    "contact_name", "contact_phone", "insured_staff_count",
)
UNIT_FILES = {"business_licence": "business_licence_filename"}
# The position's fields on its portal form (see jianxi.position.action_portal_create / action_save).
POSITION_FORM_FIELDS = (
    "name", "content", "education_level_id", "majors", "headcount", "duration_months", "allowance", "region_id",
    "planned_start_date", "deadline",
)
# The onboarding form (see jianxi.internship.action_save_onboarding): typed fields and uploads.
ONBOARDING_FILES = {
    "agreement_file": "agreement_filename",
    "accident_policy_file": "accident_policy_filename",
    "medical_policy_file": "medical_policy_filename",
    "invoice_file": "invoice_filename",
}
ONBOARDING_FORM_FIELDS = tuple(
    name for name in ONBOARDING_FIELDS if name not in ONBOARDING_FILES and name not in ONBOARDING_FILES.values())

# Internship states, as the unit sees them.
WAITING_STATES = ("applied",)
# The unit took the person (见习人员确认): from here on it sees the full ID number.
REVEALED_STATES = ("confirmed", "approved", "rejected", "on_duty", "not_arrived", "end_requested", "ended")
INTERN_STATES = ("approved", "on_duty", "end_requested", "not_arrived", "ended")
# The reasons a unit chooses when it ends an internship itself (人员终止); the intern's reasons
# (job elsewhere, special) follow the intern's request, accepted with their own form.
UNIT_END_REASONS = ("completed", "hired", "unit_ended")
# The PDF reports of the unit's pages, by the name in their URL (the report models refuse the
# records they do not print: an agreement before the approval, a certificate before the end).
INTERN_REPORTS = {
    "agreement": "jianxi_internship.action_report_internship_agreement",
    "certificate": "jianxi_internship.action_report_completion_certificate",
}
CLAIM_REPORTS = {
    "claim": "jianxi_internship.action_report_subsidy_claim",
    "roster": "jianxi_internship.action_report_subsidy_claim_roster",
}


class JianxiUnitPortal(CustomerPortal):
    """The internship unit's pages of the portal (见习单位), for the contacts of a unit: the portal
    users whose commercial partner is the unit's company.

    ======================================  ======  ==============================================
    route                                   method  what
    ======================================  ======  ==============================================
    ``/my/unit``                            GET     the profile, editable while draft or rejected
    ``/my/unit``                            POST    save it (``jianxi.unit.action_save_profile``)
    ``/my/unit/submit``                     POST    submit for certification
    ``/my/positions[/page/<n>]``            GET     the unit's positions
    ``/my/positions/new``                   GET     a blank position form
    ``/my/positions/new``                   POST    create it (``action_portal_create``)
    ``/my/positions/<id>``                  GET     a position, editable while draft or rejected
    ``/my/positions/<id>``                  POST    save it (``action_save``)
    ``/my/positions/<id>/submit|close``     POST    submit for review / close
    ``/my/applications[/page/<n>]``         GET     the inbox, oldest first, ID numbers masked
    ``/my/applications/<id>/confirm``       POST    见习人员确认
    ``/my/applications/<id>/decline``       POST    decline, with a reason
    ``/my/interns[/page/<n>]``              GET     the confirmed people and interns
    ``/my/interns/<id>``                    GET     onboarding, on duty, end
    ``/my/interns/<id>/onboarding``         POST    agreement, insurances, uploads
    ``/my/interns/<id>/on_duty``            POST    确认上岗
    ``/my/interns/<id>/not_arrived``        POST    确认未到岗
    ``/my/interns/<id>/accept_end``         POST    accept the intern's request to end
    ``/my/interns/<id>/refuse_end``         POST    refuse it, with a reason
    ``/my/interns/<id>/end``                POST    人员终止
    ``/my/claims[/page/<n>]``               GET     the subsidy claims
    ``/my/claims/new``                      POST    start a claim; the system computes it
    ``/my/claims/<id>``                     GET     its lines and the excluded interns
    ``/my/claims/<id>/compute|submit``      POST    compute again / submit
    ``/my/unit/report/roster``              GET     PDF: the unit's intern roster
    ``/my/interns/<id>/report/<kind>``      GET     PDF: ``agreement`` or ``certificate``
    ``/my/claims/<id>/report/<kind>``       GET     PDF: ``claim`` form or its ``roster``
    ======================================  ======  ==============================================

    Security: the unit is found from ``request.env.user`` (never from the request); records
    named in URLs are searched as the user, in the unit, so that the record rules decide (404
    otherwise) before anything runs as superuser. Every change calls the model's ``action_*``
    method as the user, in a savepoint: a refusal is shown on the page and nothing is half-saved.
    The only ``sudo()`` reads the applicants' display data of internships already read that way.
    """

    _jianxi_items_per_page = 20

    # ------------------------------------------------------------------ home
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if not counters:
            # The /my/home page itself (not the counters' RPC): the unit's cards, always shown.
            unit = self._jianxi_portal_unit()
            if unit:
                values["jianxi_unit_home"] = self._jianxi_unit_home_values(unit)
        return values

    def _jianxi_unit_home_values(self, unit):
        Internship = request.env["jianxi.internship"]
        states = dict(unit._fields["state"]._description_selection(request.env))
        # Plain values only: this dict may reach the counters' JSON answer too.
        return {
            "unit_name": unit.name,
            "unit_state": states[unit.state],
            "position_count": request.env["jianxi.position"].search_count([("unit_id", "=", unit.id)]),
            "application_count": Internship.search_count(
                [("unit_id", "=", unit.id), ("state", "in", WAITING_STATES)]),
            "intern_count": Internship.search_count([("unit_id", "=", unit.id), ("state", "in", INTERN_STATES)]),
            "claim_count": request.env["jianxi.subsidy.claim"].search_count([("unit_id", "=", unit.id)]),
        }

    # ------------------------------------------------------------------ unit profile
    @http.route("/my/unit", type="http", auth="user", methods=["GET", "POST"], website=True)
    def jianxi_portal_unit(self, message=None, **post):
        unit = self._jianxi_unit_or_404()
        error, form = None, None
        if request.httprequest.method == "POST":
            error = self._jianxi_call(lambda: unit.action_save_profile(
                self._jianxi_form_values(unit, UNIT_FORM_FIELDS, post, UNIT_FILES)))
            if not error:
                return request.redirect("/my/unit?message=saved")
            form = self._jianxi_posted_form(UNIT_FORM_FIELDS, post)
        return self._jianxi_render_unit(unit, message=message, error=error, form=form)

    @http.route("/my/unit/submit", type="http", auth="user", methods=["POST"], website=True)
    def jianxi_portal_unit_submit(self, **post):
        unit = self._jianxi_unit_or_404()
        error = self._jianxi_call(unit.action_submit)
        if not error:
            return request.redirect("/my/unit?message=unit_submitted")
        return self._jianxi_render_unit(unit, error=error)

    def _jianxi_render_unit(self, unit, message=None, error=None, form=None):
        unit_sudo = unit.sudo()  # the unit was found as the user; sudo reads its industry's name
        return self._jianxi_render("jianxi_internship.portal_my_jianxi_unit", unit, {
            "page_name": "jianxi_unit",
            "editable": unit.state in ("draft", "rejected"),
            "form": form or self._jianxi_record_form(unit, UNIT_FORM_FIELDS),
            "industry_name": unit_sudo.industry_id.name,
            "has_licence": bool(unit.with_context(bin_size=True).business_licence),
            "licence_filename": unit.business_licence_filename,
            "counties": request.env["jianxi.region"].search([("level", "=", "county")]),
            "industries": request.env["res.partner.industry"].sudo().search_read([], ["name"]),
            "unit_types": unit._fields["unit_type"]._description_selection(request.env),
            "missing": unit._jianxi_missing_for_submission() if unit.state in ("draft", "rejected") else [],
        }, message=message, error=error)

    # ------------------------------------------------------------------ positions
    @http.route(["/my/positions", "/my/positions/page/<int:page>"], type="http", auth="user", methods=["GET"],
                website=True)
    def jianxi_portal_positions(self, page=1, filterby="all", message=None, **kwargs):
        unit = self._jianxi_unit_or_404()
        filters = {
            "all": {"label": _("All"), "domain": []},
            "draft": {"label": _("To Submit"), "domain": [("state", "in", ("draft", "rejected"))]},
            "submitted": {"label": _("In Review"), "domain": [("state", "=", "submitted")]},
            "published": {"label": _("Published"), "domain": [("state", "=", "published")]},
            "closed": {"label": _("Closed"), "domain": [("state", "=", "closed")]},
        }
        return self._jianxi_render_list(
            unit, "jianxi.position", "/my/positions", "positions", "jianxi_positions",
            "jianxi_internship.portal_my_jianxi_positions", filters, filterby, page, "create_date desc, id desc",
            message=message)

    @http.route("/my/positions/new", type="http", auth="user", methods=["GET", "POST"], website=True)
    def jianxi_portal_position_new(self, **post):
        unit = self._jianxi_unit_or_404()
        Position = request.env["jianxi.position"]
        error = None
        if request.httprequest.method == "POST":
            created = []
            error = self._jianxi_call(lambda: created.append(Position.action_portal_create(
                unit, self._jianxi_form_values(Position, POSITION_FORM_FIELDS, post))))
            if not error:
                return request.redirect(f"/my/positions/{created[0].id}?message=position_created")
            form = self._jianxi_posted_form(POSITION_FORM_FIELDS, post)
        else:
            form = {"region_id": str(unit.region_id.id), "headcount": "1", "duration_months": "6"}
        return self._jianxi_render_position(unit, Position, form=form, error=error)

    @http.route("/my/positions/<int:position_id>", type="http", auth="user", methods=["GET", "POST"], website=True)
    def jianxi_portal_position(self, position_id, message=None, **post):
        unit = self._jianxi_unit_or_404()
        position = self._jianxi_unit_record("jianxi.position", position_id, unit)
        error, form = None, None
        if request.httprequest.method == "POST":
            error = self._jianxi_call(lambda: position.action_save(
                self._jianxi_form_values(position, POSITION_FORM_FIELDS, post)))
            if not error:
                return request.redirect(f"/my/positions/{position.id}?message=saved")
            form = self._jianxi_posted_form(POSITION_FORM_FIELDS, post)
        return self._jianxi_render_position(unit, position, form=form, message=message, error=error)

    @http.route("/my/positions/<int:position_id>/submit", type="http", auth="user", methods=["POST"], website=True)
    def jianxi_portal_position_submit(self, position_id, **post):
        return self._jianxi_position_action(position_id, "action_submit", "position_submitted")

    @http.route("/my/positions/<int:position_id>/close", type="http", auth="user", methods=["POST"], website=True)
    def jianxi_portal_position_close(self, position_id, **post):
        return self._jianxi_position_action(position_id, "action_close", "position_closed")

    def _jianxi_position_action(self, position_id, method, message):
        unit = self._jianxi_unit_or_404()
        position = self._jianxi_unit_record("jianxi.position", position_id, unit)
        error = self._jianxi_call(getattr(position, method))
        if not error:
            return request.redirect(f"/my/positions/{position.id}?message={message}")
        return self._jianxi_render_position(unit, position, error=error)

    def _jianxi_render_position(self, unit, position, form=None, message=None, error=None):
        return self._jianxi_render("jianxi_internship.portal_my_jianxi_position", unit, {
            "page_name": "jianxi_position",
            "position": position,
            "editable": not position or position.state in ("draft", "rejected"),
            "form": form or self._jianxi_record_form(position, POSITION_FORM_FIELDS),
            "counties": request.env["jianxi.region"].search([("level", "=", "county")]),
            "levels": request.env["jianxi.education.level"].search([]),
        }, message=message, error=error)

    # ------------------------------------------------------------------ applications inbox
    @http.route(["/my/applications", "/my/applications/page/<int:page>"], type="http", auth="user",
                methods=["GET"], website=True)
    def jianxi_portal_applications(self, page=1, filterby="waiting", message=None, **kwargs):
        unit = self._jianxi_unit_or_404()
        return self._jianxi_render_applications(unit, page, filterby, message=message)

    def _jianxi_render_applications(self, unit, page=1, filterby="waiting", message=None, error=None):
        filters = {
            "waiting": {"label": _("Waiting for an Answer"), "domain": [("state", "in", WAITING_STATES)]},
            "confirmed": {"label": _("Confirmed, in the Bureau's Review"),
                          "domain": [("state", "in", ("confirmed", "rejected"))]},
            "closed": {"label": _("Declined, Withdrawn or Released"),
                       "domain": [("state", "in", ("declined", "withdrawn", "released"))]},
            "all": {"label": _("All"), "domain": []},
        }
        return self._jianxi_render_list(
            unit, "jianxi.internship", "/my/applications", "internships", "jianxi_applications",
            "jianxi_internship.portal_my_jianxi_applications", filters, filterby, page, "applied_at asc, id asc",
            message=message, error=error, people=True)

    @http.route("/my/applications/<int:internship_id>/confirm", type="http", auth="user", methods=["POST"],
                website=True)
    def jianxi_portal_application_confirm(self, internship_id, **post):
        unit = self._jianxi_unit_or_404()
        internship = self._jianxi_unit_record("jianxi.internship", internship_id, unit)
        error = self._jianxi_call(internship.action_confirm)
        if not error:
            return request.redirect("/my/applications?filterby=confirmed&message=confirmed")
        return self._jianxi_render_applications(unit, error=error)

    @http.route("/my/applications/<int:internship_id>/decline", type="http", auth="user", methods=["POST"],
                website=True)
    def jianxi_portal_application_decline(self, internship_id, reason="", **post):
        unit = self._jianxi_unit_or_404()
        internship = self._jianxi_unit_record("jianxi.internship", internship_id, unit)
        error = self._jianxi_call(lambda: internship.action_decline(reason))
        if not error:
            return request.redirect("/my/applications?message=declined")
        return self._jianxi_render_applications(unit, error=error)

    # ------------------------------------------------------------------ interns
    @http.route(["/my/interns", "/my/interns/page/<int:page>"], type="http", auth="user", methods=["GET"],
                website=True)
    def jianxi_portal_interns(self, page=1, filterby="all", message=None, **kwargs):
        unit = self._jianxi_unit_or_404()
        filters = {
            "all": {"label": _("All"), "domain": [("state", "in", INTERN_STATES)]},
            "onboarding": {"label": _("To Onboard"), "domain": [("state", "=", "approved")]},
            "current": {"label": _("On Duty"), "domain": [("state", "in", ("on_duty", "end_requested"))]},
            "ended": {"label": _("Ended or Not Arrived"), "domain": [("state", "in", ("ended", "not_arrived"))]},
        }
        return self._jianxi_render_list(
            unit, "jianxi.internship", "/my/interns", "internships", "jianxi_interns",
            "jianxi_internship.portal_my_jianxi_interns", filters, filterby, page, "applied_at desc, id desc",
            message=message, people=True)

    @http.route("/my/interns/<int:internship_id>", type="http", auth="user", methods=["GET"], website=True)
    def jianxi_portal_intern(self, internship_id, message=None, **kwargs):
        unit = self._jianxi_unit_or_404()
        internship = self._jianxi_intern_or_404(internship_id, unit)
        return self._jianxi_render_intern(unit, internship, message=message)

    @http.route("/my/interns/<int:internship_id>/onboarding", type="http", auth="user", methods=["POST"],
                website=True)
    def jianxi_portal_intern_onboarding(self, internship_id, **post):
        unit = self._jianxi_unit_or_404()
        internship = self._jianxi_intern_or_404(internship_id, unit)
        # Once the intern is on duty, the agreed period is fixed: the form no longer sends it.
        names = [name for name in ONBOARDING_FORM_FIELDS
                 if internship.state != "on_duty" or name not in PERIOD_FIELDS]
        error = self._jianxi_call(lambda: internship.action_save_onboarding(
            self._jianxi_form_values(internship, names, post, ONBOARDING_FILES)))
        if not error:
            return request.redirect(f"/my/interns/{internship.id}?message=onboarding_saved")
        return self._jianxi_render_intern(unit, internship, error=error,
                                          form=self._jianxi_posted_form(names, post))

    @http.route("/my/interns/<int:internship_id>/on_duty", type="http", auth="user", methods=["POST"],
                website=True)
    def jianxi_portal_intern_on_duty(self, internship_id, **post):
        return self._jianxi_intern_action(internship_id, lambda internship: internship.action_set_on_duty(),
                                          "on_duty")

    @http.route("/my/interns/<int:internship_id>/not_arrived", type="http", auth="user", methods=["POST"],
                website=True)
    def jianxi_portal_intern_not_arrived(self, internship_id, **post):
        return self._jianxi_intern_action(internship_id, lambda internship: internship.action_set_not_arrived(),
                                          "not_arrived")

    @http.route("/my/interns/<int:internship_id>/accept_end", type="http", auth="user", methods=["POST"],
                website=True)
    def jianxi_portal_intern_accept_end(self, internship_id, end_date="", end_reason="", note="", **post):
        def accept(internship):
            if end_reason not in INTERN_END_REASONS:
                raise UserError(_("Please choose why the intern leaves: a job elsewhere or a special reason."))
            return internship.action_end(self._jianxi_date(end_date, _("End Date")), end_reason, note=note)

        return self._jianxi_intern_action(internship_id, accept, "ended")

    @http.route("/my/interns/<int:internship_id>/refuse_end", type="http", auth="user", methods=["POST"],
                website=True)
    def jianxi_portal_intern_refuse_end(self, internship_id, reason="", **post):
        return self._jianxi_intern_action(
            internship_id, lambda internship: internship.action_refuse_end_request(reason), "end_refused")

    @http.route("/my/interns/<int:internship_id>/end", type="http", auth="user", methods=["POST"], website=True)
    def jianxi_portal_intern_end(self, internship_id, end_date="", end_reason="", kept_on="", note="", **post):
        def end(internship):
            if end_reason not in UNIT_END_REASONS:
                raise UserError(_("Please choose the end reason."))
            return internship.action_end(self._jianxi_date(end_date, _("End Date")), end_reason,
                                         kept_on=bool(kept_on), note=note)

        return self._jianxi_intern_action(internship_id, end, "ended")

    def _jianxi_intern_action(self, internship_id, call, message):
        unit = self._jianxi_unit_or_404()
        internship = self._jianxi_intern_or_404(internship_id, unit)
        error = self._jianxi_call(lambda: call(internship))
        if not error:
            return request.redirect(f"/my/interns/{internship.id}?message={message}")
        return self._jianxi_render_intern(unit, internship, error=error)

    def _jianxi_intern_or_404(self, internship_id, unit):
        """An internship of the unit that the unit has confirmed (the person is revealed), or 404."""
        return self._jianxi_unit_record("jianxi.internship", internship_id, unit,
                                        [("state", "in", REVEALED_STATES)])

    def _jianxi_render_intern(self, unit, internship, message=None, error=None, form=None):
        reasons = dict(internship._fields["end_reason"]._description_selection(request.env))
        return self._jianxi_render("jianxi_internship.portal_my_jianxi_intern", unit, {
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
        }, message=message, error=error)

    # ------------------------------------------------------------------ subsidy claims
    @http.route(["/my/claims", "/my/claims/page/<int:page>"], type="http", auth="user", methods=["GET"],
                website=True)
    def jianxi_portal_claims(self, page=1, message=None, **kwargs):
        unit = self._jianxi_unit_or_404()
        return self._jianxi_render_claims(unit, page, message=message)

    def _jianxi_render_claims(self, unit, page=1, message=None, error=None):
        filters = {"all": {"label": _("All"), "domain": []}}
        return self._jianxi_render_list(
            unit, "jianxi.subsidy.claim", "/my/claims", "claims", "jianxi_claims",
            "jianxi_internship.portal_my_jianxi_claims", filters, "all", page, "claim_date desc, id desc",
            message=message, error=error)

    @http.route("/my/claims/new", type="http", auth="user", methods=["POST"], website=True)
    def jianxi_portal_claim_new(self, **post):
        unit = self._jianxi_unit_or_404()
        created = []
        error = self._jianxi_call(
            lambda: created.append(request.env["jianxi.subsidy.claim"].action_create_for_unit(unit)))
        if not error:
            return request.redirect(f"{created[0].access_url}?message=claim_created")
        return self._jianxi_render_claims(unit, error=error)

    @http.route("/my/claims/<int:claim_id>", type="http", auth="user", methods=["GET"], website=True)
    def jianxi_portal_claim(self, claim_id, message=None, **kwargs):
        unit = self._jianxi_unit_or_404()
        claim = self._jianxi_unit_record("jianxi.subsidy.claim", claim_id, unit)
        return self._jianxi_render_claim(unit, claim, message=message)

    @http.route("/my/claims/<int:claim_id>/compute", type="http", auth="user", methods=["POST"], website=True)
    def jianxi_portal_claim_compute(self, claim_id, **post):
        return self._jianxi_claim_action(claim_id, "action_compute", "claim_computed")

    @http.route("/my/claims/<int:claim_id>/submit", type="http", auth="user", methods=["POST"], website=True)
    def jianxi_portal_claim_submit(self, claim_id, **post):
        return self._jianxi_claim_action(claim_id, "action_submit", "claim_submitted")

    def _jianxi_claim_action(self, claim_id, method, message):
        unit = self._jianxi_unit_or_404()
        claim = self._jianxi_unit_record("jianxi.subsidy.claim", claim_id, unit)
        error = self._jianxi_call(getattr(claim, method))
        if not error:
            return request.redirect(f"{claim.access_url}?message={message}")
        return self._jianxi_render_claim(unit, claim, error=error)

    def _jianxi_render_claim(self, unit, claim, message=None, error=None):
        return self._jianxi_render("jianxi_internship.portal_my_jianxi_claim", unit, {
            "page_name": "jianxi_claim",
            "claim": claim,
            "editable": claim.state in ("draft", "returned"),
        }, message=message, error=error)

    # ------------------------------------------------------------------ PDF reports
    @http.route("/my/unit/report/roster", type="http", auth="user", methods=["GET"], website=True)
    def jianxi_portal_unit_report(self, download=None, **kwargs):
        unit = self._jianxi_unit_or_404()
        return jianxi_show_report(self, unit, "jianxi_internship.action_report_unit_roster", download,
                                  lambda error: self._jianxi_render_unit(unit, error=error))

    @http.route("/my/interns/<int:internship_id>/report/<string:kind>", type="http", auth="user", methods=["GET"],
                website=True)
    def jianxi_portal_intern_report(self, internship_id, kind, download=None, **kwargs):
        unit = self._jianxi_unit_or_404()
        internship = self._jianxi_intern_or_404(internship_id, unit)
        if kind not in INTERN_REPORTS:
            raise NotFound()
        return jianxi_show_report(self, internship, INTERN_REPORTS[kind], download,
                                  lambda error: self._jianxi_render_intern(unit, internship, error=error))

    @http.route("/my/claims/<int:claim_id>/report/<string:kind>", type="http", auth="user", methods=["GET"],
                website=True)
    def jianxi_portal_claim_report(self, claim_id, kind, download=None, **kwargs):
        unit = self._jianxi_unit_or_404()
        claim = self._jianxi_unit_record("jianxi.subsidy.claim", claim_id, unit)
        if kind not in CLAIM_REPORTS:
            raise NotFound()
        return jianxi_show_report(self, claim, CLAIM_REPORTS[kind], download,
                                  lambda error: self._jianxi_render_claim(unit, claim, error=error))

    # ------------------------------------------------------------------ helpers: who and what
    def _jianxi_portal_unit(self):
        """The unit the signed-in user is a contact of (through their commercial partner), read as
        the user; empty for anybody else."""
        user = request.env.user
        Unit = request.env["jianxi.unit"]
        if user._is_public() or not Unit.has_access("read"):
            return Unit
        return Unit.search([("partner_id", "=", user.commercial_partner_id.id)], limit=1)

    def _jianxi_unit_or_404(self):
        unit = self._jianxi_portal_unit()
        if not unit:
            raise NotFound()
        return unit

    def _jianxi_unit_record(self, model, record_id, unit, domain=()):
        """Record ``record_id`` of ``model`` if it belongs to ``unit`` and the user may read it
        (searched as the user: the record rules apply), else 404."""
        record = request.env[model].search([("id", "=", record_id), ("unit_id", "=", unit.id), *domain], limit=1)
        if not record:
            raise NotFound()
        return record

    def _jianxi_people(self, internships):
        """The applicants' display data for internships already read as the user (their record
        rule proved that the unit owns them): applicants are not readable by a unit's users, so
        these few fields are read as superuser. The ID number stays masked until the unit
        confirms the person."""
        people = {}
        for internship in internships:
            applicant = internship.sudo().applicant_id
            id_number = applicant.id_number or ""
            people[internship.id] = {
                "name": applicant.name,
                "education": applicant.education_level_id.name or "",
                "school": applicant.school or "",
                "major": applicant.major or "",
                "phone": applicant.phone or "",
                "id_number": id_number if internship.state in REVEALED_STATES
                else identity.mask_resident_id(id_number),
            }
        return people

    # ------------------------------------------------------------------ helpers: forms and pages
    def _jianxi_call(self, call):
        """Run ``call`` in a savepoint; the message of a refusal (None when it succeeded)."""
        try:
            with request.env.cr.savepoint():
                call()
        except UserError as error:
            return str(error.args[0]) if error.args else str(error)
        return None

    def _jianxi_date(self, value, label):
        try:
            day = fields.Date.to_date((value or "").strip() or None)
        except ValueError:
            day = None
        if not day:
            raise UserError(_("%(field)s is not a valid date (YYYY-MM-DD).", field=label))
        return day

    def _jianxi_form_values(self, model, names, post, files=None):
        """The typed values of a posted form, for the model's portal methods: the fields ``names``
        that the form sent, and the files uploaded (base64, with their file names). A value that
        cannot be read raises a UserError naming the field."""
        values = {}
        for name in names:
            if name not in post:
                continue
            field = model._fields[name]
            label = field._description_string(request.env)
            raw = post[name]
            raw = raw.strip() if isinstance(raw, str) else ""
            if field.type in ("char", "text", "selection"):
                values[name] = raw or False
            elif field.type == "many2one":
                try:
                    values[name] = int(raw) if raw else False
                except ValueError:
                    raise UserError(_("Please choose %(field)s from the list.", field=label)) from None
            elif field.type == "integer":
                try:
                    values[name] = int(raw) if raw else 0
                except ValueError:
                    raise UserError(_("%(field)s must be a whole number.", field=label)) from None
            elif field.type in ("float", "monetary"):
                try:
                    values[name] = float(raw.replace(",", "")) if raw else 0.0
                except ValueError:
                    raise UserError(_("%(field)s must be a number.", field=label)) from None
            elif field.type == "date":
                values[name] = self._jianxi_date(raw, label) if raw else False
        for name, filename_field in (files or {}).items():
            upload = post.get(name)
            if upload and getattr(upload, "filename", None):
                data = upload.read()
                if data:
                    values[name] = base64.b64encode(data)
                    values[filename_field] = upload.filename
        return values

    def _jianxi_record_form(self, record, names):
        """The form's values from a record, as the strings the inputs show (empty for no record)."""
        form = {}
        for name in names if record else ():
            field, value = record._fields[name], record[name]
            if field.type == "many2one":
                form[name] = str(value.id) if value else ""
            elif field.type == "date":
                form[name] = fields.Date.to_string(value) if value else ""
            elif field.type in ("float", "monetary") and not value:
                form[name] = ""  # an amount not entered yet (a premium, an allowance)
            elif value is False or value is None:
                form[name] = ""
            else:
                form[name] = str(value)
        return form

    def _jianxi_posted_form(self, names, post):
        """The strings the user typed, to show the form again after a refusal."""
        return {name: post[name] for name in names if isinstance(post.get(name), str)}

    def _jianxi_messages(self):
        """What the page says after a change succeeded (``?message=<key>``; unknown keys say nothing)."""
        return {
            "saved": _("Your changes are saved."),
            "unit_submitted": _("The unit is submitted for certification. The bureau will review it."),
            "position_created": _("The position is created as a draft. Submit it for review when it is complete."),
            "position_submitted": _("The position is submitted. The bureau screens it before it is published."),
            "position_closed": _("The position is closed: it takes no more applications."),
            "confirmed": _("The applicant is confirmed. The bureau now reviews their eligibility."),
            "declined": _("The application is declined."),
            "onboarding_saved": _("The agreement and insurance data are saved."),
            "on_duty": _("The intern is confirmed on duty."),
            "not_arrived": _("The intern is recorded as not arrived."),
            "ended": _("The internship is ended."),
            "end_refused": _("The request to end is refused: the internship goes on."),
            "claim_created": _("The claim is created and computed by the system. Check it, then submit it."),
            "claim_computed": _("The claim is computed again from the interns' current data."),
            "claim_submitted": _("The claim is submitted to the bureau."),
        }

    def _jianxi_render(self, template, unit, values, message=None, error=None):
        return request.render(template, {
            **self._prepare_portal_layout_values(),
            "jianxi_unit": unit,
            "success_message": self._jianxi_messages().get(message) if not error else None,
            "error": error,
            **values,
        })

    def _jianxi_render_list(self, unit, model, url, key, page_name, template, filters, filterby, page, order,
                            message=None, error=None, people=False):
        """A paged list of the unit's ``model`` records, as the user, with the searchbar's filters."""
        filterby = filterby if filterby in filters else next(iter(filters))
        domain = [("unit_id", "=", unit.id), *filters[filterby]["domain"]]
        Model = request.env[model]
        pager = portal_pager(url=url, total=Model.search_count(domain), page=page, step=self._jianxi_items_per_page,
                             url_args={"filterby": filterby} if len(filters) > 1 else None)
        records = Model.search(domain, order=order, limit=self._jianxi_items_per_page, offset=pager["offset"])
        return self._jianxi_render(template, unit, {
            "page_name": page_name,
            key: records,
            "people": self._jianxi_people(records) if people else {},
            "pager": pager,
            "default_url": url,
            "searchbar_filters": filters if len(filters) > 1 else {},
            "filterby": filterby,
        }, message=message, error=error)
