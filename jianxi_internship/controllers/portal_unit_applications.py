from odoo import _, http
from odoo.http import request

from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..rules import matching
from .portal_unit import REVIEW_STATES, WAITING_STATES, JianxiUnitPortal

ARRIVAL_ORDER = "applied_at asc, id asc"


class JianxiUnitApplicationsPortal(JianxiUnitPortal):
    """The unit's inbox of applications (``/my/applications``), oldest first, ID numbers masked:
    confirm the person (见习人员确认) or decline, with a reason.

    Each application shows how well the person fits the position (匹配, ``rules.matching``): the
    criteria met and missed, each with its reason. ``sortby=match`` sorts by the number of criteria
    met, then by arrival; the matching of the whole filter runs in a fixed number of queries
    (``jianxi.internship._jianxi_match_pairs``), then the page is cut."""

    @http.route(
        ["/my/applications", "/my/applications/page/<int:page>"],
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
    )
    def jianxi_portal_applications(self, page=1, filterby="waiting", sortby="arrival", message=None, **kwargs):
        unit = self._jianxi_unit_or_404()
        return self._jianxi_render_applications(unit, page, filterby, sortby=sortby, message=message)

    @http.route(
        "/my/applications/<int:internship_id>/confirm", type="http", auth="user", methods=["POST"], website=True
    )
    def jianxi_portal_application_confirm(self, internship_id, **post):
        unit = self._jianxi_unit_or_404()
        internship = self._jianxi_unit_record("jianxi.internship", internship_id, unit)
        error = self._jianxi_call(internship.action_confirm)
        if not error:
            return request.redirect("/my/applications?filterby=confirmed&message=confirmed")
        return self._jianxi_render_applications(unit, error=error)

    @http.route(
        "/my/applications/<int:internship_id>/decline", type="http", auth="user", methods=["POST"], website=True
    )
    def jianxi_portal_application_decline(self, internship_id, reason="", **post):
        unit = self._jianxi_unit_or_404()
        internship = self._jianxi_unit_record("jianxi.internship", internship_id, unit)
        error = self._jianxi_call(lambda: internship.action_decline(reason))
        if not error:
            return request.redirect("/my/applications?message=declined")
        return self._jianxi_render_applications(unit, error=error, decline_reasons={internship.id: reason})

    def _jianxi_messages(self):
        return {
            **super()._jianxi_messages(),
            "confirmed": _("The applicant is confirmed. The bureau now reviews their eligibility."),
            "declined": _("The application is declined."),
        }

    def _jianxi_render_applications(
        self, unit, page=1, filterby="waiting", sortby="arrival", message=None, error=None, decline_reasons=None
    ):
        filters = {
            "waiting": {"label": _("Waiting for an Answer"), "domain": [("state", "in", WAITING_STATES)]},
            "confirmed": {
                "label": _("Confirmed, in the Bureau's Review"),
                "domain": [("state", "in", REVIEW_STATES)],
            },
            "closed": {
                "label": _("Declined, Withdrawn or Released"),
                "domain": [("state", "in", ("declined", "withdrawn", "released"))],
            },
            "all": {"label": _("All"), "domain": []},
        }
        sortings = {
            "arrival": {"label": _("Order of Arrival"), "order": ARRIVAL_ORDER},
            "match": {"label": _("Best Match First"), "order": ARRIVAL_ORDER},
        }
        filterby = filterby if filterby in filters else "waiting"
        sortby = sortby if sortby in sortings else "arrival"
        Internship = request.env["jianxi.internship"]
        domain = [("unit_id", "=", unit.id), *filters[filterby]["domain"]]
        url_args = {"filterby": filterby, **({"sortby": sortby} if sortby != "arrival" else {})}
        step = self._jianxi_items_per_page
        pager = portal_pager(
            url="/my/applications", total=Internship.search_count(domain), page=page, step=step, url_args=url_args
        )
        if sortby == "match":
            # every application of the filter is matched, then sorted, then the page is cut
            everyone = Internship.search(domain, order=ARRIVAL_ORDER)
            criteria = Internship._jianxi_match_pairs([(i.applicant_id, i.position_id, i) for i in everyone])
            ranked = sorted(
                zip(everyone, criteria, strict=True),
                key=lambda pair: matching.sort_key(pair[1], (pair[0].applied_at, pair[0].id)),
            )[pager["offset"] : pager["offset"] + step]
            internships = Internship.browse([internship.id for internship, _criteria in ranked])
            criteria = [found for _internship, found in ranked]
        else:
            internships = Internship.search(domain, order=ARRIVAL_ORDER, limit=step, offset=pager["offset"])
            criteria = Internship._jianxi_match_pairs([(i.applicant_id, i.position_id, i) for i in internships])
        return self._jianxi_render_unit_page(
            "jianxi_internship.portal_my_jianxi_applications",
            unit,
            {
                "pager": pager,
                "default_url": "/my/applications",
                "searchbar_filters": filters,
                "filterby": filterby,
                "searchbar_sortings": sortings,
                "sortby": sortby,
                "page_name": "jianxi_applications",
                "internships": internships,
                "people": self._jianxi_people(internships),
                "matches": {
                    internship.id: Internship._jianxi_match_view(found)
                    for internship, found in zip(internships, criteria, strict=True)
                },
                "decline_reasons": decline_reasons or {},
            },
            message=message,
            error=error,
        )
