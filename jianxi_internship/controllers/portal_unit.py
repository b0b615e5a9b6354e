from werkzeug.exceptions import NotFound

from odoo import _
from odoo.http import request

from ..rules import identity
from .portal_base import JianxiPortal

# Internship states, as the unit sees them.
WAITING_STATES = ("applied",)
# The unit took the person (见习人员确认): from here on it sees the full ID number.
REVEALED_STATES = ("confirmed", "approved", "rejected", "on_duty", "not_arrived", "end_requested", "ended")
INTERN_STATES = ("approved", "on_duty", "end_requested", "not_arrived", "ended")
# Confirmed by the unit, not (yet) an intern: in the bureau's review, or refused by it.
REVIEW_STATES = ("confirmed", "rejected")


class JianxiUnitPortal(JianxiPortal):
    """The internship unit's pages of the portal (见习单位), for the contacts of a unit: the portal
    users whose commercial partner is the unit's company. One module per resource subclasses this
    class, which holds what they share: which unit, its records, its people, its page layout.

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
    ``/my/interns[/page/<n>]``              GET     the confirmed people (waiting for the bureau) and interns
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

    (``portal_unit_profile.py``, ``portal_unit_positions.py``, ``portal_unit_applications.py``,
    ``portal_unit_interns.py``, ``portal_unit_claims.py``.)

    Security: the unit is found from ``request.env.user`` (never from the request); records
    named in URLs are searched as the user, in the unit, so that the record rules decide (404
    otherwise) before anything runs as superuser. Every change calls the model's ``action_*``
    method as the user, in a savepoint (``_jianxi_call``): a refusal is shown on the page and
    nothing is half-saved. ``sudo()`` only reads, after that, what the page shows but the user
    may not read: the industries' names, the applicants' display data of internships already read
    as the user (``_jianxi_people``), and the PDF reports (``_jianxi_show_report``).
    """

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
            "application_count": Internship.search_count([("unit_id", "=", unit.id), ("state", "in", WAITING_STATES)]),
            "intern_count": Internship.search_count(
                [("unit_id", "=", unit.id), ("state", "in", ("confirmed", *INTERN_STATES))]
            ),
            "claim_count": request.env["jianxi.subsidy.claim"].search_count([("unit_id", "=", unit.id)]),
        }

    # ------------------------------------------------------------------ who and what
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
        return self._jianxi_record_or_404(model, [("id", "=", record_id), ("unit_id", "=", unit.id), *domain])

    def _jianxi_people(self, internships):
        """The applicants' display data for internships already read as the user (their record
        rule proved that the unit owns them): applicants are not readable by a unit's users, so
        these few fields are read as superuser. The ID number and the phone stay masked until the
        unit confirms the person (``revealed``)."""
        people = {}
        for internship in internships:
            applicant = internship.sudo().applicant_id
            id_number = applicant.id_number or ""
            phone = applicant.phone or ""
            revealed = internship.state in REVEALED_STATES
            people[internship.id] = {
                "name": applicant.name,
                "education": applicant.education_level_id.name or "",
                "school": applicant.school or "",
                "major": applicant.major or "",
                "phone": phone if revealed else identity.mask_phone(phone),
                "id_number": id_number if revealed else identity.mask_resident_id(id_number),
                "revealed": revealed,
            }
        return people

    # ------------------------------------------------------------------ pages
    def _jianxi_messages(self):
        """What the page says after a change succeeded (``?message=<key>``; unknown keys say
        nothing). Each resource's module adds its own keys (calling ``super()``)."""
        return {"saved": _("Your changes are saved.")}

    def _jianxi_render_unit_page(self, template, unit, values, message=None, error=None):
        """A page of the unit: ``message`` is a key of ``_jianxi_messages``."""
        return self._jianxi_render(
            template, {"jianxi_unit": unit, **values}, message=self._jianxi_messages().get(message), error=error
        )

    def _jianxi_render_unit_list(
        self,
        unit,
        model,
        url,
        key,
        page_name,
        template,
        filters,
        filterby,
        page,
        order,
        message=None,
        error=None,
        people=False,
        extra=None,
    ):
        """A paged list of the unit's ``model`` records, as the user, with the searchbar's filters
        (and the ``extra`` values of the template)."""
        records, values = self._jianxi_list(
            model, url, [("unit_id", "=", unit.id)], page, filters, filterby, order=order
        )
        return self._jianxi_render_unit_page(
            template,
            unit,
            {
                **values,
                "page_name": page_name,
                key: records,
                "people": self._jianxi_people(records) if people else {},
                **(extra or {}),
            },
            message=message,
            error=error,
        )
