"""No input produces an HTTP 500 (issue 11, point 2): malformed values posted to every portal POST
route of the addon, and to the public board's filters, by the people who use them.

Each route's fields are read from its own form on its page (so a field added to a form is fuzzed
from then on), filled with the form's current values, and then some of them, chosen by
``hypothesis``, get a hostile value: NUL and other control characters, bidirectional overrides,
10,000 characters, numbers that are not finite or do not fit PostgreSQL's integer, impossible dates,
text where a file is expected. The record id in the URL is the user's own, another unit's or
person's, or one beyond PostgreSQL's integer. Each request must answer without a 500; a refusal is
a message in the user's language (Chinese here); and nothing of another unit's or person's records
changes. Each example runs in a savepoint that is rolled back, so the scene stays as it was.

Deterministic and bounded: ``derandomize=True``, no example database, ``deadline=None``, and
``JIANXI_FUZZ_EXAMPLES`` examples per route (8 by default: about 250 requests in all); the deeper
run is ``scripts/fuzz_portal.sh``. The figures (requests, routes, 500s) are logged at the end.
"""

import base64
import logging
import os
import re
import sys
from contextlib import suppress
from datetime import date, timedelta
from urllib.parse import urlencode

from dateutil.relativedelta import relativedelta
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from odoo.http import _generate_routing_rules
from odoo.tests import tagged

from ..models.jianxi_position import POSITION_FORM_FIELDS
from ..models.jianxi_unit import UNIT_FILES, UNIT_FORM_FIELDS
from .test_portal_unit import PDF, JianxiUnitPortalCase

_logger = logging.getLogger(__name__)

EXAMPLES = int(os.environ.get("JIANXI_FUZZ_EXAMPLES", "8"))
TOO_LARGE_ID = 2**63 - 1

# Values no form expects; a field may also get any short text hypothesis draws.
HOSTILE = [
    "",
    " ",
    "\x00",
    "张\x00三",
    "\x1b[31m",
    "\u202egpj.exe",
    "x" * 10_000,
    "-1",
    "0",
    "1e308",
    "-1e308",
    "inf",
    "NaN",
    "9" * 26,
    str(2**31),
    str(2**63),
    "１２",
    "٣",
    "1,000.5",
    "0000-00-00",
    "9999-12-31",
    "1899-12-31",
    "2024-02-30",
    "2027-13-01",
    "<script>alert(1)</script>",
    "'; DROP TABLE jianxi_unit; --",
    "../../etc/passwd",
    "[]",
    "{}",
]
VALUES = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12))
CJK = re.compile(r"[\u4e00-\u9fff]")

# Every POST route of the addon's portal: {route: (who, the page that holds its form or None)}.
# ``{id}`` is the user's own record of the route's kind (``_ids``).
ROUTES = {
    "/my/profile/save": ("applicant", "/my/profile"),
    "/my/internships/<int:internship_id>/withdraw": ("applicant", "/my/internships/{id}"),
    "/my/internships/<int:internship_id>/request_end": ("applicant", "/my/internships/{id}"),
    "/internships/positions/<int:position_id>/apply": ("applicant", "/internships/positions/{id}"),
    "/my/unit": ("unit", "/my/unit"),
    "/my/unit/bank": ("unit", "/my/unit"),
    "/my/unit/submit": ("unit", None),
    "/my/positions/new": ("unit", "/my/positions/new"),
    "/my/positions/<int:position_id>": ("unit", "/my/positions/{id}"),
    "/my/positions/<int:position_id>/submit": ("unit", "/my/positions/{id}"),
    "/my/positions/<int:position_id>/close": ("unit", "/my/positions/{id}"),
    "/my/applications/<int:internship_id>/confirm": ("unit", "/my/applications/{id}"),
    "/my/applications/<int:internship_id>/decline": ("unit", "/my/applications/{id}"),
    "/my/interns/<int:internship_id>/onboarding": ("unit", "/my/interns/{id}"),
    "/my/interns/<int:internship_id>/on_duty": ("unit", "/my/interns/{id}"),
    "/my/interns/<int:internship_id>/not_arrived": ("unit", "/my/interns/{id}"),
    "/my/interns/<int:internship_id>/accept_end": ("unit", "/my/interns/{id}"),
    "/my/interns/<int:internship_id>/refuse_end": ("unit", "/my/interns/{id}"),
    "/my/interns/<int:internship_id>/end": ("unit", "/my/interns/{id}"),
    "/my/interns/papers/upload": ("unit", "/my/interns/papers"),
    "/my/interns/papers/<int:paper_id>/delete": ("unit", "/my/interns/papers"),
    "/my/claims/new": ("unit", "/my/claims"),
    "/my/claims/<int:claim_id>/compute": ("unit", "/my/claims/{id}"),
    "/my/claims/<int:claim_id>/submit": ("unit", "/my/claims/{id}"),
    "/web/signup": ("visitor", "/web/signup"),
    "/internships/notices/<int:claim_id>/objection": ("visitor", "/internships/notices/{id}/objection"),
}


# The fields of the forms the scene does not show (a certified unit's profile is read-only, a
# published position cannot be edited, a reason box opens only in some states): what their routes read.
FALLBACK_FIELDS = {
    "/my/unit": (*UNIT_FORM_FIELDS, *UNIT_FILES),
    "/my/positions/<int:position_id>": tuple(POSITION_FORM_FIELDS),
    "/my/applications/<int:internship_id>/decline": ("reason",),
    "/my/internships/<int:internship_id>/request_end": ("reason",),
}


def addon_post_routes(env):
    """The URLs that the addon's own controller methods (overrides included) answer with a POST,
    as Odoo builds its routing map (a route without ``methods`` takes every method)."""
    routes = set()
    for url, endpoint in _generate_routing_rules(sorted(env.registry._init_modules), nodb_only=False):
        if not endpoint.func.__module__.startswith("odoo.addons.jianxi_internship."):
            continue
        methods = endpoint.routing.get("methods")
        if methods is None or "POST" in methods:
            routes.add(url)
    return routes


@tagged("post_install", "-at_install")
class TestPortalFuzz(JianxiUnitPortalCase):
    requests = 0
    server_errors = []
    routes_fuzzed = set()
    fields_fuzzed = {}  # {route: number of its form's fields}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        (cls.unit_user | cls.other_unit_user | cls.applicant_user | cls.other_applicant_user).write({"lang": "zh_CN"})
        cls.env["ir.config_parameter"].sudo().set_param("auth_signup.invitation_scope", "b2c")
        cls.env["ir.config_parameter"].sudo().set_param("jianxi_internship.signup_limit_per_hour", "100000")
        # The unit's records in each state a route acts on, and the other unit's and person's.
        cls.approved = cls._make_internship(cls._new_applicant("钱批准"), cls.position, state="approved")
        cls.on_duty = cls._make_internship(cls._new_applicant("孙在岗"), cls.position, state="on_duty")
        cls.applicant_internship = cls.application
        # A monthly paper of the intern on duty (who started this month).
        start = date.today().replace(day=1)
        cls.on_duty.write({"start_date": start, "planned_end_date": start + relativedelta(months=6, days=-1)})
        cls.paper = cls.env["jianxi.monthly.paper"].create(
            {
                "unit_id": cls.unit.id,
                "month": start,
                "kind": "attendance",
                "file": base64.b64encode(PDF),
                "filename": "考勤.pdf",
                "internship_ids": cls.on_duty.ids,
            }
        )
        cls.claim = cls.env["jianxi.subsidy.claim"].create({"unit_id": cls.unit.id})
        # a claim of the other unit in public notice today, for the visitors' objection form
        cls.env["ir.config_parameter"].sudo().set_param("jianxi_internship.objection_limit_per_hour", "100000")
        cls.notice_claim = cls.env["jianxi.subsidy.claim"].create({"unit_id": cls.other_unit.id})
        cls.notice_claim._jianxi_force_state("approved")._jianxi_write_workflow(
            {"notice_start_date": date.today(), "notice_end_date": date.today() + timedelta(days=7)}
        )
        cls.others = [cls.other_unit, cls.other_position, cls.other_application, cls.other_applicant]
        cls.own = {
            "internship_id": {"unit": cls.on_duty.id, "applicant": cls.application.id},
            "position_id": {"unit": cls.position.id, "applicant": cls.position.id},
            "claim_id": {"unit": cls.claim.id, "visitor": cls.notice_claim.id},
            "paper_id": {"unit": cls.paper.id},
        }
        cls.foreign = {
            "internship_id": cls.other_application.id,
            "position_id": cls.other_position.id,
            "claim_id": cls.claim.id + 10_000,
            "paper_id": cls.paper.id + 10_000,
        }

    @classmethod
    def tearDownClass(cls):
        # The figures, shown with ``pytest -s`` (scripts/fuzz_portal.sh) and in the test log.
        figures = (
            f"portal fuzz: {cls.requests} requests, {len(cls.routes_fuzzed)} routes "
            f"({len(ROUTES)} POST routes and the board), {len(cls.server_errors)} HTTP 500s; "
            f"form fields per route: {cls.fields_fuzzed}"
        )
        sys.stdout.write(figures + "\n")
        _logger.info(figures)
        super().tearDownClass()

    def authenticate(self, user, password, browser=None):
        session = super().authenticate(user, password, browser=browser)
        self.opener.cookies["frontend_lang"] = "zh_CN"  # the users speak Chinese
        return session

    def setUp(self):
        super().setUp()
        self.opener.cookies["frontend_lang"] = "zh_CN"

    # ------------------------------------------------------------------ helpers
    def _user(self, who):
        return {"unit": self.unit_user, "applicant": self.applicant_user, "visitor": None}[who]

    def _url(self, route, record_id):
        return re.sub(r"<int:\w+>", str(record_id), route)

    def _id_kind(self, route):
        found = re.search(r"<int:(\w+)>", route)
        return found and found.group(1)

    def _form(self, page_url, action):
        """The fields of the form posting to ``action`` on ``page_url``, with their current values
        (file inputs get text: a file field receiving a string is one of the hostile inputs)."""
        if not page_url:
            return {}
        response = self._get(page_url)
        if response.status_code != 200:
            return {}
        page = lxml_html.fromstring(response.content)
        values = {}
        # (a form without an action, as Odoo's sign-up form, posts to its own page)
        forms = page.xpath("//form[@action=$action]", action=action)
        if not forms and page_url == action:
            forms = page.xpath("//form[not(@action)][@method='post']")
        for form in forms:
            for element in form.xpath(".//input[@name] | .//select[@name] | .//textarea[@name]"):
                name = element.get("name")
                if name == "csrf_token" or element.get("type") in ("submit", "button"):
                    continue
                if element.tag == "select":
                    selected = element.xpath(".//option[@selected]/@value") or element.xpath(".//option/@value")
                    values[name] = selected[0] if selected else ""
                elif element.tag == "textarea":
                    values[name] = element.text or ""
                elif element.get("type") in ("checkbox", "radio"):
                    if element.get("checked") is not None or name not in values:
                        values[name] = element.get("value", "on")
                elif element.get("type") == "file":
                    values[name] = ""
                else:
                    values[name] = element.get("value", "")
        return values

    def _others_state(self):
        """What must not change: the write dates of the other unit's and person's records."""
        return [
            (record._name, record.id, record.sudo().read(["write_date"])[0]["write_date"]) for record in self.others
        ]

    def _send(self, url, data, method="POST"):
        type(self).requests += 1
        if method == "POST":
            response = self._post(url, data, allow_redirects=False)
        else:
            response = self._get(url, allow_redirects=False)
        if response.status_code >= 500:
            type(self).server_errors.append((method, url, data))
        self.assertLess(response.status_code, 500, f"{method} {url} {data!r:.300}")
        if response.status_code == 200 and "text/html" in response.headers.get("Content-Type", ""):
            page = lxml_html.fromstring(response.content)
            for alert in page.xpath("//*[contains(@class, 'alert-danger')]"):
                text = " ".join(alert.text_content().split())
                if text:
                    self.assertRegex(text, CJK, f"a refusal in Chinese on {url}: {text[:200]}")
            self.assertNotIn(b"Traceback", response.content)
        return response

    def _fuzz_route(self, route):
        who, page = ROUTES[route]
        user = self._user(who)
        self._login(user)
        kind = self._id_kind(route)
        own_id = self.own[kind][who] if kind else None
        action = self._url(route, own_id) if kind else route
        base = self._form(page.format(id=own_id) if page else None, action) or dict.fromkeys(
            FALLBACK_FIELDS.get(route, ()), ""
        )
        fields = [*sorted(base), "jianxi_fuzz_extra"]
        type(self).fields_fuzzed[route] = len(base)
        ids = st.sampled_from([own_id, own_id, self.foreign[kind], 0, TOO_LARGE_ID]) if kind else st.none()
        before = self._others_state()
        type(self).routes_fuzzed.add(route)

        @settings(
            max_examples=EXAMPLES,
            derandomize=True,
            database=None,
            deadline=None,
            phases=(Phase.explicit, Phase.generate),
            suppress_health_check=list(HealthCheck),
        )
        @given(record_id=ids, changes=st.dictionaries(st.sampled_from(fields), VALUES, min_size=1, max_size=4))
        def example(record_id, changes):
            url = self._url(route, record_id) if kind else route
            with suppress(_RolledBack), self.env.cr.savepoint():
                self._send(url, {**base, **changes})
                self.assertEqual(self._others_state(), before, f"another's record changed by {url}")
                raise _RolledBack
            self.env.invalidate_all()

        example()

    # ------------------------------------------------------------------ tests
    def test_every_post_route_is_fuzzed(self):
        self.assertEqual(
            addon_post_routes(self.env),
            set(ROUTES),
            "ROUTES must list every POST route of the addon, with who posts it and the page of its form",
        )

    def test_ids_beyond_postgresql_integer_are_not_found(self):
        """Odoo's ``<int:…>`` is bounded to PostgreSQL's integer (models/ir_http.py): such an id
        matches no route, where it made the record's query fail (an HTTP 500)."""
        self._login(self.unit_user)
        for url in (f"/my/interns/{2**31}", f"/my/claims/{TOO_LARGE_ID}", "/my/positions/99999999999999999999999"):
            with self.subTest(url=url):
                self.assertEqual(self._get(url).status_code, 404)
        self.assertEqual(self._send(f"/my/interns/{TOO_LARGE_ID}/onboarding", {}).status_code, 404)
        self.assertEqual(self._get(f"/my/interns/{self.on_duty.id}").status_code, 200, "a real id still matches")

    def test_signup_without_a_login_says_so(self):
        self._login(None)
        response = self._post("/web/signup", {"login": " ", "name": "王小明", "password": "x", "confirm_password": "x"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("请填写您的电子邮箱地址", self._text(response))

    def test_applicant_routes(self):
        for route, (who, _page) in ROUTES.items():
            if who == "applicant":
                with self.subTest(route=route):
                    self._fuzz_route(route)

    def test_unit_routes(self):
        for route, (who, _page) in ROUTES.items():
            if who == "unit":
                with self.subTest(route=route):
                    self._fuzz_route(route)

    def test_signup(self):
        self._fuzz_route("/web/signup")

    def test_notice_objection(self):
        self._fuzz_route("/internships/notices/<int:claim_id>/objection")

    def test_board_filters(self):
        self._login(None)
        type(self).routes_fuzzed.add("/internships")
        filters = ("search", "region", "education", "unit_type", "page")

        @settings(
            max_examples=EXAMPLES * 4,
            derandomize=True,
            database=None,
            deadline=None,
            phases=(Phase.explicit, Phase.generate),
            suppress_health_check=list(HealthCheck),
        )
        @given(
            params=st.dictionaries(st.sampled_from(filters), VALUES, min_size=1, max_size=3),
            position_id=st.sampled_from([self.position.id, 0, TOO_LARGE_ID]),
        )
        def example(params, position_id):
            self.opener.cookies["frontend_lang"] = "zh_CN"
            self._send(f"/internships?{urlencode(params)}", None, method="GET")
            self._send(f"/internships/positions/{position_id}?{urlencode(params)}", None, method="GET")

        example()


class _RolledBack(Exception):
    """Raised at the end of an example to roll its savepoint back."""
