from urllib.parse import quote, urlencode

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..rules import text
from .portal_base import JianxiPages

BOARD_URL = "/internships"
# The position fields the board and the detail page show, fetched with the search itself.
LIST_FIELDS = [
    "name",
    "unit_id",
    "unit_type",
    "region_id",
    "education_level_id",
    "allowance",
    "currency_id",
    "headcount",
    "remaining_count",
    "duration_months",
    "deadline",
    "published_date",
]
DETAIL_FIELDS = [*LIST_FIELDS, "state", "content", "majors", "planned_start_date"]


def _jianxi_visitor_reads_replica(controller):
    """Whether a board request may run on the read-only replica (``db_replica_host``).

    A visitor who is not signed in reads from the replica, which takes the public's load off the
    primary. A signed-in person reads from the primary: a standby lags a little behind, and whoever
    has just applied or been confirmed must never see the page as it was before their own change.
    Without a replica, Odoo runs the request on the primary in a read-only transaction."""
    return not request.session.uid


class JianxiPositionBoard(JianxiPages, http.Controller):
    """The public position board (见习岗位), no login needed.

    - ``/internships`` (and ``/internships/page/<n>``): the positions taking applications, with a
      keyword search (``search``), filters (``region``: a county, or a city with its counties;
      ``education``: an education level; ``unit_type``) and a pager that reaches every position.
    - ``/internships/positions/<id>``: a published position (``position.access_url``); 404 otherwise.
    - ``POST /internships/positions/<id>/apply``: a signed-in applicant applies (投递).

    The two GET routes are read-only for visitors who are not signed in
    (``_jianxi_visitor_reads_replica``): with a replica configured, the public reads from it.

    Whoever visits, positions are searched and read as the public user: the board shows what the
    public may see, and the public user's record rules decide it. The units of positions already
    found that way are read as superuser, for their name and state. Applying runs the model's
    action as the user (``JianxiPages._jianxi_call``): its refusal is shown on the position's page.
    """

    _items_per_page = 20
    _max_keyword_length = 50

    # ------------------------------------------------------------------ routes
    @http.route(
        [BOARD_URL, f"{BOARD_URL}/page/<int:page>"],
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        readonly=_jianxi_visitor_reads_replica,
    )
    def jianxi_board(self, page=1, search="", region="", education="", unit_type="", fits="", **kwargs):
        env = self._jianxi_public_env()
        values = self._jianxi_board_values(env, page, search, region, education, unit_type, fits=fits)
        return request.render("jianxi_internship.jianxi_position_board", values)

    @http.route(
        f"{BOARD_URL}/positions/<int:position_id>",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        readonly=_jianxi_visitor_reads_replica,
    )
    def jianxi_position(self, position_id, applied=None, **kwargs):
        position = self._jianxi_published_position(position_id)
        return request.render(
            "jianxi_internship.jianxi_position_page", self._jianxi_position_values(position, applied=bool(applied))
        )

    @http.route(
        f"{BOARD_URL}/positions/<int:position_id>/apply", type="http", auth="user", methods=["POST"], website=True
    )
    def jianxi_position_apply(self, position_id, **kwargs):
        """Apply as the signed-in user, for their own applicant record (never an id from the form)."""
        position = self._jianxi_published_position(position_id)
        applicant = self._jianxi_my_applicant()
        if not applicant:
            return request.redirect(
                "/my/profile?" + urlencode({"error": "applicant_missing", "redirect": position.access_url})
            )
        error = self._jianxi_call(lambda: request.env["jianxi.internship"].action_apply(applicant, position.id))
        if error:
            values = self._jianxi_position_values(position, error=error)
            return request.render("jianxi_internship.jianxi_position_page", values)
        return request.redirect(f"{position.access_url}?applied=1")

    # ------------------------------------------------------------------ helpers
    def _jianxi_public_env(self):
        """The environment of the public user, in the visitor's language."""
        return request.env(user=request.env.ref("base.public_user").id, su=False)

    def _jianxi_published_position(self, position_id):
        """The published position ``position_id``, read as the public user, or 404."""
        env = self._jianxi_public_env()
        position = env["jianxi.position"].search_fetch(
            [("id", "=", position_id), ("state", "=", "published")], DETAIL_FIELDS, limit=1
        )
        if not position:
            raise NotFound()
        return position

    def _jianxi_filter_choices(self, env):
        """The regions (cities with their counties) and education levels of the filters."""
        regions, groups = self._jianxi_region_groups(env)
        levels = env["jianxi.education.level"].search_fetch([], ["name"])
        unit_types = env["jianxi.position"]._fields["unit_type"]._description_selection(env)
        return regions, groups, levels, unit_types

    def _jianxi_board_values(self, env, page, search, region, education, unit_type, fits=""):
        keyword = " ".join(text.strip_control_characters(search).split())[: self._max_keyword_length]
        regions, region_groups, levels, unit_types = self._jianxi_filter_choices(env)
        region = regions.browse(self._jianxi_to_int(region)) & regions
        education = levels.browse(self._jianxi_to_int(education)) & levels
        unit_type = unit_type if unit_type in dict(unit_types) else ""

        Position = env["jianxi.position"]
        domain = Position._jianxi_board_domain(keyword)
        if region:
            domain.append(("region_id", "child_of", region.id))
        if education:
            domain.append(("education_level_id", "=", education.id))
        if unit_type:
            domain.append(("unit_type", "=", unit_type))
        # "fits my profile" (rules/matching.py): for a signed-in applicant only
        applicant = self._jianxi_my_applicant() if request.session.uid else None
        fits = bool(applicant and fits == "1")
        if fits:
            domain += Position._jianxi_fit_board_domain(applicant)
        total = Position.search_count(domain)
        url_args = {
            key: value
            for key, value in (
                ("search", keyword),
                ("region", region.id),
                ("education", education.id),
                ("unit_type", unit_type),
                ("fits", "1" if fits else ""),
            )
            if value
        }
        pager = portal_pager(url=BOARD_URL, total=total, page=page, step=self._items_per_page, url_args=url_args)
        positions = Position.search_fetch(
            domain, LIST_FIELDS, offset=pager["offset"], limit=self._items_per_page, order=Position._jianxi_board_order
        )
        return {
            **self._jianxi_display_values(positions),
            **self._jianxi_card_texts(positions, unit_types),
            "positions": positions,
            "total": total,
            "pager": pager,
            "keyword": keyword,
            "region": region,
            "education": education,
            "unit_type": unit_type,
            "region_groups": region_groups,
            "levels": levels,
            "unit_types": unit_types,
            "fits": fits,
            "fits_available": bool(applicant),
            "filtered": bool(url_args),
        }

    def _jianxi_display_values(self, positions):
        """What the templates show beyond the positions' own fields, read in batch: the units' names
        (sudo: read only for positions the public user found). The seats left are in LIST_FIELDS:
        read apart, they fetched every other field of the page's positions too, their texts included."""
        units = positions.unit_id.sudo()
        units.fetch(["name"])
        return {"unit_names": {unit.id: unit.name for unit in units}}

    def _jianxi_card_texts(self, positions, unit_types):
        """The cards' allowance, deadline and unit type, formatted as their t-field would, once per
        distinct value: 60 t-fields were half of the board's rendering (cProfile, docs/scale.md)."""
        Monetary, Date = positions.env["ir.qweb.field.monetary"], positions.env["ir.qweb.field.date"]
        allowances, deadlines = {}, {}
        for position in positions:
            key = (position.allowance, position.currency_id)
            if key not in allowances:
                allowances[key] = Monetary.value_to_html(position.allowance, {"display_currency": position.currency_id})
            if position.deadline not in deadlines:
                deadlines[position.deadline] = Date.value_to_html(position.deadline, {}) if position.deadline else ""
        unit_types = dict(unit_types)
        return {
            "card_allowance": {p.id: allowances[p.allowance, p.currency_id] for p in positions},
            "card_deadline": {p.id: deadlines[p.deadline] for p in positions},
            "card_unit_type": {p.id: unit_types.get(p.unit_type, "") for p in positions},
        }

    def _jianxi_position_values(self, position, applied=False, error=None):
        user = request.env.user
        values = self._jianxi_display_values(position)
        applicant = self._jianxi_my_applicant()
        is_open = position.is_open_for_applications  # the one definition (jianxi.position._jianxi_open_domain)
        redirect = quote(position.access_url, safe="/")
        return {
            **values,
            "position": position,
            "position_open": is_open,
            "is_public": user._is_public(),
            "is_internal": user._is_internal(),
            "applicant": applicant,
            # what the applicant must still give on the profile (the answers, the declaration…)
            "applicant_missing": applicant._jianxi_apply_missing() if applicant else [],
            "profile_url": "/my/profile?" + urlencode({"redirect": position.access_url}),
            "login_url": f"/web/login?redirect={redirect}",
            "signup_url": f"/web/signup?redirect={redirect}",
            "signup_enabled": request.env["res.users"].sudo()._get_signup_invitation_scope() == "b2c",
            "apply_url": f"{position.access_url}/apply",
            "applied": applied,
            "error": error,
            # before applying: which of the position's requirements the applicant meets (rules/matching.py)
            "match": self._jianxi_match(applicant, position) if applicant else None,
        }

    def _jianxi_match(self, applicant, position):
        Internship = request.env["jianxi.internship"]
        (criteria,) = Internship._jianxi_match_pairs([(applicant, position, Internship)])
        return Internship._jianxi_match_view(criteria)
