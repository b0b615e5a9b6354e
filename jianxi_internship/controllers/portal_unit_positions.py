from odoo import _, http
from odoo.http import request

from ..models.jianxi_position import ACCEPT_FIELDS, POSITION_FORM_FIELDS
from .portal_unit import JianxiUnitPortal


class JianxiUnitPositionsPortal(JianxiUnitPortal):
    """The unit's positions (``/my/positions``): list, create, edit while draft or rejected,
    submit for review, close."""

    @http.route(
        ["/my/positions", "/my/positions/page/<int:page>"], type="http", auth="user", methods=["GET"], website=True
    )
    def jianxi_portal_positions(self, page=1, filterby="all", message=None, **kwargs):
        unit = self._jianxi_unit_or_404()
        filters = {
            "all": {"label": _("All"), "domain": []},
            "draft": {"label": _("To Submit"), "domain": [("state", "in", ("draft", "rejected"))]},
            "submitted": {"label": _("In Review"), "domain": [("state", "=", "submitted")]},
            "published": {"label": _("Published"), "domain": [("state", "=", "published")]},
            "closed": {"label": _("Closed"), "domain": [("state", "=", "closed")]},
        }
        return self._jianxi_render_unit_list(
            unit,
            "jianxi.position",
            "/my/positions",
            "positions",
            "jianxi_positions",
            "jianxi_internship.portal_my_jianxi_positions",
            filters,
            filterby,
            page,
            "create_date desc, id desc",
            message=message,
        )

    @http.route("/my/positions/new", type="http", auth="user", methods=["GET", "POST"], website=True)
    def jianxi_portal_position_new(self, **post):
        unit = self._jianxi_unit_or_404()
        Position = request.env["jianxi.position"]
        error = None
        if request.httprequest.method == "POST":
            created = []
            error = self._jianxi_call(
                lambda: created.append(
                    Position.action_portal_create(unit, self._jianxi_form_values(Position, POSITION_FORM_FIELDS, post))
                )
            )
            if not error:
                return request.redirect(f"/my/positions/{created[0].id}?message=position_created")
            form = self._jianxi_posted_form(POSITION_FORM_FIELDS, post)
        else:
            form = {
                "region_id": str(unit.region_id.id),
                "headcount": "1",
                "duration_months": "6",
                **dict.fromkeys(ACCEPT_FIELDS.values(), True),  # every category, unless the unit says otherwise
            }
        return self._jianxi_render_position(unit, Position, form=form, error=error)

    @http.route("/my/positions/<int:position_id>", type="http", auth="user", methods=["GET", "POST"], website=True)
    def jianxi_portal_position(self, position_id, message=None, **post):
        unit = self._jianxi_unit_or_404()
        position = self._jianxi_unit_record("jianxi.position", position_id, unit)
        error, form = None, None
        if request.httprequest.method == "POST":
            error = self._jianxi_call(
                lambda: position.action_save(self._jianxi_form_values(position, POSITION_FORM_FIELDS, post))
            )
            if not error:
                return request.redirect(f"/my/positions/{position.id}?message=saved")
            form = self._jianxi_posted_form(POSITION_FORM_FIELDS, post)
        return self._jianxi_render_position(unit, position, form=form, message=message, error=error)

    @http.route("/my/positions/<int:position_id>/submit", type="http", auth="user", methods=["POST"], website=True)
    def jianxi_portal_position_submit(self, position_id, **post):
        return self._jianxi_position_action(
            position_id, lambda position: position.action_submit(), "position_submitted"
        )

    @http.route("/my/positions/<int:position_id>/close", type="http", auth="user", methods=["POST"], website=True)
    def jianxi_portal_position_close(self, position_id, **post):
        return self._jianxi_position_action(position_id, lambda position: position.action_close(), "position_closed")

    def _jianxi_position_action(self, position_id, call, message):
        """Run ``call(position)`` on the unit's position; back to its page with ``message``, or
        the page with the refusal."""
        unit = self._jianxi_unit_or_404()
        position = self._jianxi_unit_record("jianxi.position", position_id, unit)
        error = self._jianxi_call(lambda: call(position))
        if not error:
            return request.redirect(f"/my/positions/{position.id}?message={message}")
        return self._jianxi_render_position(unit, position, error=error)

    def _jianxi_messages(self):
        return {
            **super()._jianxi_messages(),
            "position_created": _("The position is created as a draft. Submit it for review when it is complete."),
            "position_submitted": _("The position is submitted. The bureau screens it before it is published."),
            "position_closed": _("The position is closed: it takes no more applications."),
        }

    def _jianxi_render_position(self, unit, position, form=None, message=None, error=None):
        return self._jianxi_render_unit_page(
            "jianxi_internship.portal_my_jianxi_position",
            unit,
            {
                "page_name": "jianxi_position",
                "position": position,
                "editable": not position or position.state in ("draft", "rejected"),
                "form": form or self._jianxi_record_form(position, POSITION_FORM_FIELDS),
                "counties": request.env["jianxi.region"].search([("level", "=", "county")]),
                "levels": request.env["jianxi.education.level"].search([]),
            },
            message=message,
            error=error,
        )
