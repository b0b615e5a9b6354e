from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.http import request

from odoo.addons.portal.controllers.portal import pager as portal_pager

from .portal_base import JianxiPages

NOTICES_URL = "/internships/notices"
# What the public sees of a claim in notice: never the interns, only the unit's totals.
NOTICE_FIELDS = [
    "name",
    "unit_id",
    "region_id",
    "intern_count",
    "amount_total",
    "currency_id",
    "notice_start_date",
    "notice_end_date",
]


class JianxiPublicNotices(JianxiPages, http.Controller):
    """The public notice (公示) of approved subsidy claims, no login needed (issue 13, point 4).

    - ``/internships/notices`` (and ``/page/<n>``): the claims in their notice period today, with
      a county filter (``region``: a county, or a city with its counties);
    - ``/internships/notices/<claim id>/objection``: the form of an objection (异议) to one of
      them; posted with the CSRF token, throttled per address like the sign-up, it reaches the
      county's officers (``jianxi.notice.objection._jianxi_submit``).

    The public has no access to claims: the claims in notice are searched as superuser with the
    notice's domain, and only ``NOTICE_FIELDS`` are read. A claim out of its notice is a 404.
    """

    _items_per_page = 20

    @http.route(
        [NOTICES_URL, f"{NOTICES_URL}/page/<int:page>"],
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        readonly=True,
    )
    def jianxi_notices(self, page=1, region="", sent=None, **kwargs):
        Claim = request.env["jianxi.subsidy.claim"].sudo()
        regions, region_groups = self._jianxi_region_groups(request.env)
        region = regions.browse(self._jianxi_to_int(region)) & regions
        domain = self._jianxi_notice_domain()
        if region:
            domain.append(("region_id", "child_of", region.id))
        total = Claim.search_count(domain)
        url_args = {"region": region.id} if region else {}
        pager = portal_pager(url=NOTICES_URL, total=total, page=page, step=self._items_per_page, url_args=url_args)
        claims = Claim.search_fetch(
            domain, NOTICE_FIELDS, offset=pager["offset"], limit=self._items_per_page, order="notice_start_date, id"
        )
        claims.unit_id.fetch(["name"])
        return request.render(
            "jianxi_internship.jianxi_notice_list",
            {
                "claims": claims,
                "total": total,
                "pager": pager,
                "region": region,
                "region_groups": region_groups,
                "sent": bool(sent),
            },
        )

    @http.route(
        f"{NOTICES_URL}/<int:claim_id>/objection",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        readonly=True,
    )
    def jianxi_notice_objection_form(self, claim_id, **kwargs):
        return self._jianxi_render_objection(self._jianxi_claim_in_notice(claim_id), {})

    @http.route(
        f"{NOTICES_URL}/<int:claim_id>/objection",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def jianxi_notice_objection_send(self, claim_id, name="", phone="", content="", **kwargs):
        claim = self._jianxi_claim_in_notice(claim_id)
        typed = {"name": name, "phone": phone, "content": content}
        Attempt = request.env["jianxi.signup.attempt"]
        address = request.httprequest.remote_addr or "unknown"

        def send():
            Attempt._jianxi_check_allowed(address, kind="objection")
            request.env["jianxi.notice.objection"]._jianxi_submit(claim, name, phone, content)
            Attempt._jianxi_record(address, kind="objection")

        error = self._jianxi_call(send)
        if error:
            return self._jianxi_render_objection(claim, typed, error=error)
        return request.redirect(f"{NOTICES_URL}?sent=1")

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def _jianxi_notice_domain():
        """The claims in notice today (the server's day): the model's own definition."""
        return request.env["jianxi.subsidy.claim"].sudo()._search_notice_status("=", "in_notice")

    def _jianxi_claim_in_notice(self, claim_id):
        claim = (
            request.env["jianxi.subsidy.claim"]
            .sudo()
            .search_fetch([("id", "=", claim_id), *self._jianxi_notice_domain()], NOTICE_FIELDS, limit=1)
        )
        if not claim:
            raise NotFound()
        return claim

    def _jianxi_render_objection(self, claim, typed, error=None):
        return request.render(
            "jianxi_internship.jianxi_notice_objection",
            {"claim": claim, "typed": typed, "error": error, "today": fields.Date.context_today(claim)},
        )
