from odoo import _, http
from odoo.http import request

from .portal_reports import CLAIM_REPORTS
from .portal_unit import JianxiUnitPortal


class JianxiUnitClaimsPortal(JianxiUnitPortal):
    """The unit's subsidy claims (``/my/claims``): start one (the system computes it), compute it
    again, submit it, and print the claim form and its roster."""

    @http.route(["/my/claims", "/my/claims/page/<int:page>"], type="http", auth="user", methods=["GET"], website=True)
    def jianxi_portal_claims(self, page=1, message=None, **kwargs):
        unit = self._jianxi_unit_or_404()
        return self._jianxi_render_claims(unit, page, message=message)

    @http.route("/my/claims/new", type="http", auth="user", methods=["POST"], website=True)
    def jianxi_portal_claim_new(self, **post):
        unit = self._jianxi_unit_or_404()
        created = []
        error = self._jianxi_call(
            lambda: created.append(request.env["jianxi.subsidy.claim"].action_create_for_unit(unit))
        )
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
        return self._jianxi_claim_action(claim_id, lambda claim: claim.action_compute(), "claim_computed")

    @http.route("/my/claims/<int:claim_id>/submit", type="http", auth="user", methods=["POST"], website=True)
    def jianxi_portal_claim_submit(self, claim_id, **post):
        return self._jianxi_claim_action(claim_id, lambda claim: claim.action_submit(), "claim_submitted")

    @http.route(
        "/my/claims/<int:claim_id>/report/<string:kind>", type="http", auth="user", methods=["GET"], website=True
    )
    def jianxi_portal_claim_report(self, claim_id, kind, download=None, **kwargs):
        unit = self._jianxi_unit_or_404()
        claim = self._jianxi_unit_record("jianxi.subsidy.claim", claim_id, unit)
        return self._jianxi_show_report(
            claim, CLAIM_REPORTS, kind, download, lambda error: self._jianxi_render_claim(unit, claim, error=error)
        )

    def _jianxi_claim_action(self, claim_id, call, message):
        """Run ``call(claim)`` on the unit's claim; back to its page with ``message``, or the page
        with the refusal."""
        unit = self._jianxi_unit_or_404()
        claim = self._jianxi_unit_record("jianxi.subsidy.claim", claim_id, unit)
        error = self._jianxi_call(lambda: call(claim))
        if not error:
            return request.redirect(f"{claim.access_url}?message={message}")
        return self._jianxi_render_claim(unit, claim, error=error)

    def _jianxi_messages(self):
        return {
            **super()._jianxi_messages(),
            "claim_created": _("The claim is created and computed by the system. Check it, then submit it."),
            "claim_computed": _("The claim is computed again from the interns' current data."),
            "claim_submitted": _("The claim is submitted to the bureau."),
        }

    def _jianxi_render_claims(self, unit, page=1, message=None, error=None):
        filters = {"all": {"label": _("All"), "domain": []}}
        return self._jianxi_render_unit_list(
            unit,
            "jianxi.subsidy.claim",
            "/my/claims",
            "claims",
            "jianxi_claims",
            "jianxi_internship.portal_my_jianxi_claims",
            filters,
            "all",
            page,
            "claim_date desc, id desc",
            message=message,
            error=error,
        )

    def _jianxi_render_claim(self, unit, claim, message=None, error=None):
        return self._jianxi_render_unit_page(
            "jianxi_internship.portal_my_jianxi_claim",
            unit,
            {
                "page_name": "jianxi_claim",
                "claim": claim,
                "editable": claim.state in ("draft", "returned"),
            },
            message=message,
            error=error,
        )
