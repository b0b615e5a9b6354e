from odoo import _, http
from odoo.http import request

from .portal_unit import REVIEW_STATES, WAITING_STATES, JianxiUnitPortal


class JianxiUnitApplicationsPortal(JianxiUnitPortal):
    """The unit's inbox of applications (``/my/applications``), oldest first, ID numbers masked:
    confirm the person (见习人员确认) or decline, with a reason."""

    @http.route(
        ["/my/applications", "/my/applications/page/<int:page>"],
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
    )
    def jianxi_portal_applications(self, page=1, filterby="waiting", message=None, **kwargs):
        unit = self._jianxi_unit_or_404()
        return self._jianxi_render_applications(unit, page, filterby, message=message)

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
        self, unit, page=1, filterby="waiting", message=None, error=None, decline_reasons=None
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
        return self._jianxi_render_unit_list(
            unit,
            "jianxi.internship",
            "/my/applications",
            "internships",
            "jianxi_applications",
            "jianxi_internship.portal_my_jianxi_applications",
            filters,
            filterby,
            page,
            "applied_at asc, id asc",
            message=message,
            error=error,
            people=True,
            extra={"decline_reasons": decline_reasons or {}},
        )
