from odoo import _, http
from odoo.http import request

from ..models.jianxi_applicant import PROFILE_FILES, PROFILE_FORM_FIELDS
from ..models.jianxi_internship import OPEN_STATES
from .portal_base import JianxiPortal, upload_body_limit
from .portal_reports import INTERNSHIP_REPORTS

PROFILE_URL = "/my/profile"
# The box of the declaration (承诺) on the profile form: not a field, the server dates it.
DECLARE_INPUT = "declare"
INTERNSHIPS_URL = "/my/internships"

# The main road of an application, and the step after which each side exit leaves it.
TIMELINE = ("applied", "confirmed", "approved", "on_duty", "ended")
SIDE_EXITS = {
    "withdrawn": "applied",
    "declined": "applied",
    "released": "applied",
    "rejected": "confirmed",
    "not_arrived": "approved",
}


class JianxiApplicantPortal(JianxiPortal):
    """The applicant's own pages (见习人员): profile with the eligibility pre-check, and their
    applications with the status timeline.

    - ``/my/profile`` (``jianxi.applicant.access_url``), ``POST /my/profile/save``;
    - ``/my/internships`` (+ ``/page/<n>``), ``/my/internships/<id>`` (``jianxi.internship.access_url``),
      ``POST /my/internships/<id>/withdraw``, ``POST /my/internships/<id>/request_end``;
    - ``/my/internships/<id>/report/agreement|certificate``: the PDF agreement (from the approval on)
      and the completion certificate (ended).

    Who is acting comes from ``request.env.user`` only. Records are searched as the user, and
    only the user's OWN applications are found (a unit's contact reads its interns' internships
    through the record rules, but uses /my/interns: here they get a 404). State changes call the
    model's ``action_*`` methods as the user, in a savepoint (``_jianxi_call``); the models check
    and then write as superuser.
    """

    # ------------------------------------------------------------------ home
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "jianxi_application_count" in counters:
            # An employee outside the bureau may not read internships: 0, not an AccessError that
            # would take the other counters of the request down with it.
            Internship = request.env["jianxi.internship"]
            values["jianxi_application_count"] = (
                Internship.search_count(self._jianxi_internship_domain()) if Internship.has_access("read") else 0
            )
        if not counters:  # the home page itself (/my): the profile card
            applicant = self._jianxi_my_applicant()
            values.update(
                {
                    "jianxi_applicant": applicant,
                    "jianxi_show_profile_card": bool(applicant)
                    or not (request.env.user._is_internal() or self._jianxi_is_unit_contact()),
                    "jianxi_profile_missing": applicant._jianxi_profile_missing() if applicant else [],
                    "jianxi_recommendations": self._jianxi_recommendations(applicant) if applicant else [],
                }
            )
        return values

    def _jianxi_recommendations(self, applicant):
        """The recommended positions (推荐岗位) of ``applicant``, best first, each with the match
        as the templates show it (``jianxi.internship._jianxi_match_view``)."""
        Internship = request.env["jianxi.internship"]
        return [
            {"position": position, "match": Internship._jianxi_match_view(criteria)}
            for position, criteria in request.env["jianxi.position"]._jianxi_recommend(applicant)
        ]

    # ------------------------------------------------------------------ profile
    @http.route(PROFILE_URL, type="http", auth="user", methods=["GET"], website=True)
    def jianxi_profile(self, error=None, message=None, redirect=None, **kwargs):
        notices = {"applicant_missing": _("Complete your profile, then apply for the position.")}
        messages = {
            "saved": _("Your profile was saved."),
            "declared": _("Your profile was saved, with your declaration that it is true and complete."),
            "undeclared": _(
                "Your profile was saved. Your name, ID number or answers changed: tick the declaration again before "
                "you apply."
            ),
        }
        return self._jianxi_render_profile(
            notice=notices.get(error), message=messages.get(message), redirect=self._jianxi_local_url(redirect)
        )

    @http.route(
        f"{PROFILE_URL}/save",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
        max_content_length=upload_body_limit(PROFILE_FILES),
    )
    def jianxi_profile_save(self, redirect=None, **post):
        redirect = self._jianxi_local_url(redirect)
        # The first save creates the record: until then, a refused form's files are not kept.
        existing = self._jianxi_my_applicant()
        declare = bool(post.get(DECLARE_INPUT))
        declared_before = bool(existing) and bool(existing.sudo().declared_at)

        def save(values):
            applicant = existing or request.env["jianxi.applicant"]._jianxi_create_for_current_user()
            applicant.action_save_profile(values, declare=declare)

        error, kept = self._jianxi_save_form(existing, PROFILE_FORM_FIELDS, PROFILE_FILES, post, save)
        if error:
            form = {**self._jianxi_posted_form(PROFILE_FORM_FIELDS, post), DECLARE_INPUT: declare}
            return self._jianxi_render_profile(error=error, form=form, redirect=redirect, kept=kept)
        if declare:
            message = "declared"
        elif declared_before and not self._jianxi_my_applicant().sudo().declared_at:
            message = "undeclared"
        else:
            message = "saved"
        return request.redirect(redirect or f"{PROFILE_URL}?message={message}")

    # ------------------------------------------------------------------ applications
    @http.route(
        [INTERNSHIPS_URL, f"{INTERNSHIPS_URL}/page/<int:page>"], type="http", auth="user", methods=["GET"], website=True
    )
    def jianxi_internships(self, page=1, filterby="all", **kwargs):
        internships, values = self._jianxi_list(
            "jianxi.internship",
            INTERNSHIPS_URL,
            self._jianxi_internship_domain(),
            page,
            self._jianxi_internship_filters(),
            filterby,
            url_default_filter=False,
        )
        return self._jianxi_render(
            "jianxi_internship.portal_my_jianxi_internships",
            {
                "page_name": "jianxi_internships",
                # Found as the user: the position and the unit are shown as superuser.
                "internships": internships.sudo(),
                **values,
                "jianxi_applicant": self._jianxi_my_applicant(),
            },
        )

    @http.route(f"{INTERNSHIPS_URL}/<int:internship_id>", type="http", auth="user", methods=["GET"], website=True)
    def jianxi_internship(self, internship_id, message=None, **kwargs):
        internship = self._jianxi_my_internship(internship_id)
        messages = {
            "withdrawn": _("Your application was withdrawn. You may apply for another position."),
            "end_requested": _("Your request was sent to the unit: it records the end of the internship."),
        }
        return self._jianxi_render_internship(internship, message=messages.get(message))

    @http.route(
        f"{INTERNSHIPS_URL}/<int:internship_id>/withdraw", type="http", auth="user", methods=["POST"], website=True
    )
    def jianxi_internship_withdraw(self, internship_id, **post):
        internship = self._jianxi_my_internship(internship_id)
        error = self._jianxi_call(internship.action_withdraw)
        if error:
            return self._jianxi_render_internship(internship, error=error)
        return request.redirect(f"{internship.access_url}?message=withdrawn")

    @http.route(
        f"{INTERNSHIPS_URL}/<int:internship_id>/request_end", type="http", auth="user", methods=["POST"], website=True
    )
    def jianxi_internship_request_end(self, internship_id, reason=None, **post):
        internship = self._jianxi_my_internship(internship_id)
        error = self._jianxi_call(lambda: internship.action_request_end(reason))
        if error:
            return self._jianxi_render_internship(internship, error=error, reason=reason)
        return request.redirect(f"{internship.access_url}?message=end_requested")

    @http.route(
        f"{INTERNSHIPS_URL}/<int:internship_id>/report/<string:kind>",
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
    )
    def jianxi_internship_report(self, internship_id, kind, download=None, **kwargs):
        internship = self._jianxi_my_internship(internship_id)
        return self._jianxi_show_report(
            internship,
            INTERNSHIP_REPORTS,
            kind,
            download,
            lambda error: self._jianxi_render_internship(internship, error=error),
        )

    # ------------------------------------------------------------------ helpers: who and what
    def _jianxi_is_unit_contact(self):
        """The signed-in user is a contact of an internship unit (its record rule decides)."""
        user = request.env.user
        return not user._is_internal() and bool(
            request.env["jianxi.unit"].search_count([("partner_id", "=", user.commercial_partner_id.id)], limit=1)
        )

    def _jianxi_internship_domain(self):
        """The user's OWN applications; never those of a unit's interns, nor anybody else's."""
        return [("applicant_id.partner_id", "=", request.env.user.partner_id.id)]

    def _jianxi_my_internship(self, internship_id):
        return self._jianxi_record_or_404(
            "jianxi.internship", [("id", "=", internship_id), *self._jianxi_internship_domain()]
        )

    def _jianxi_internship_filters(self):
        return {
            "all": {"label": _("All"), "domain": []},
            "open": {"label": _("Open Applications"), "domain": [("state", "in", OPEN_STATES)]},
            "closed": {"label": _("Closed"), "domain": [("state", "not in", OPEN_STATES)]},
        }

    # ------------------------------------------------------------------ helpers: profile
    def _jianxi_render_profile(self, error=None, notice=None, message=None, form=None, redirect=None, kept=None):
        applicant = self._jianxi_my_applicant()
        is_unit_contact = not applicant and self._jianxi_is_unit_contact()
        env = request.env
        if form is None:
            form = (
                self._jianxi_record_form(applicant, PROFILE_FORM_FIELDS)
                if applicant
                else {"name": env.user.partner_id.name}
            )
        documents = applicant.with_context(bin_size=True)
        return self._jianxi_render(
            "jianxi_internship.portal_my_jianxi_profile",
            {
                "page_name": "jianxi_profile",
                "applicant": applicant,
                "is_unit_contact": is_unit_contact,
                "is_internal": env.user._is_internal(),
                "form": form,
                "documents": [
                    {
                        "name": name,
                        "label": env["jianxi.applicant"]._fields[name]._description_string(env),
                        "filename": applicant and applicant[f"{name}_filename"],
                        "uploaded": bool(applicant and documents[name]),
                    }
                    for name in PROFILE_FILES
                ],
                "categories": env["jianxi.applicant"]._fields["category"]._description_selection(env),
                "levels": env["jianxi.education.level"].search([]),
                "counties": env["jianxi.region"].search([("level", "=", "county")], order="code"),
                "verified": bool(applicant) and applicant.verification_state == "verified",
                "declared_at": applicant.sudo().declared_at if applicant else False,
                "missing": applicant._jianxi_profile_missing() if applicant else [],
                "precheck": applicant._jianxi_precheck() if applicant else [],
                "upload_limit_mb": env["jianxi.applicant"]._jianxi_upload_limit_mb(
                    applicant.sudo().household_region_id if applicant else env["jianxi.region"]
                ),
                "open_internship": applicant
                and env["jianxi.internship"]
                .search([*self._jianxi_internship_domain(), ("state", "in", OPEN_STATES)], limit=1)
                .sudo(),
                "redirect": redirect,
                "notice": notice,
                "jianxi_kept": kept,
            },
            message=message,
            error=error,
        )

    # ------------------------------------------------------------------ helpers: one application
    def _jianxi_timeline(self, internship):
        """The steps of the status timeline: ``[{'state', 'label', 'status'}]``, status being
        'done', 'current', 'todo' or 'exit' (a side exit ends the road there)."""
        labels = dict(internship._fields["state"]._description_selection(request.env))
        state = internship.state
        if state in SIDE_EXITS:
            road = TIMELINE[: TIMELINE.index(SIDE_EXITS[state]) + 1]
            return [
                *({"state": s, "label": labels[s], "status": "done"} for s in road),
                {"state": state, "label": labels[state], "status": "exit"},
            ]
        if state == "end_requested":
            road = (*TIMELINE[: TIMELINE.index("on_duty") + 1], "end_requested", "ended")
        else:
            road = TIMELINE
        current = road.index(state)
        return [
            {
                "state": s,
                "label": labels[s],
                "status": "done"
                if index < current or s == state == "ended"
                else "current"
                if index == current
                else "todo",
            }
            for index, s in enumerate(road)
        ]

    def _jianxi_render_internship(self, internship, error=None, message=None, reason=None):
        return self._jianxi_render(
            "jianxi_internship.portal_my_jianxi_internship",
            {
                "page_name": "jianxi_internship",
                # Found as the user (see _jianxi_my_internship): shown as superuser, for the
                # position and unit that the applicant may no longer read once closed.
                "internship": internship.sudo(),
                "timeline": self._jianxi_timeline(internship),
                "reason": reason or "",
            },
            message=message,
            error=error,
        )
