from urllib.parse import urlencode

from odoo import _, http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.auth_signup.controllers.main import AuthSignupHome

from ..models.res_users import SIGNUP_KEYS, SIGNUP_UNIT
from .portal_applicant import PROFILE_URL
from .portal_base import JianxiPages

UNIT_URL = "/my/unit"


class JianxiSignup(AuthSignupHome):
    """Self sign-up (b2c) asks whether the person looks for an internship or represents a unit.

    The form's choice travels in the sign-up values to ``res.users._signup_create_user``, which
    checks it and creates the applicant record, or the unit's company and draft unit. Invited
    people (with a token) already have their partner: they are not asked.

    After sign-up, an applicant lands on their profile (and from there goes back to the page they
    came from, e.g. a position), a unit representative on the unit's page.
    """

    @http.route()
    def web_auth_signup(self, *args, **kw):
        if (
            request.httprequest.method == "POST"
            and not kw.get("token")
            and not request.session.get("auth_signup_token")
        ):
            kw["redirect"] = self._jianxi_signup_redirect(kw.get("jianxi_signup_kind"), kw.get("redirect"))
        return super().web_auth_signup(*args, **kw)

    def do_signup(self, qcontext):
        """Self sign-up is throttled per client address (a setting, counted in the database);
        an invited person (with a token) is not counted."""
        if qcontext.get("token"):
            return super().do_signup(qcontext)
        Attempt = request.env["jianxi.signup.attempt"]
        address = request.httprequest.remote_addr or "unknown"
        Attempt._jianxi_check_allowed(address)
        result = super().do_signup(qcontext)
        Attempt._jianxi_record(address)
        return result

    def get_auth_signup_qcontext(self):
        qcontext = super().get_auth_signup_qcontext()
        qcontext.update({key: request.params.get(key) for key in SIGNUP_KEYS if key in request.params})
        qcontext["jianxi_counties"] = request.env["jianxi.region"].search([("level", "=", "county")], order="code")
        return qcontext

    def _prepare_signup_values(self, qcontext):
        values = super()._prepare_signup_values(qcontext)
        # Odoo's sign-up raises a ValueError (an HTTP 500) for an empty login: say what is missing.
        if not (values.get("login") or "").strip():
            raise UserError(_("Please enter your e-mail address."))
        if not (values.get("name") or "").strip() and not qcontext.get("token"):
            raise UserError(_("Please enter your name."))
        if not qcontext.get("token"):
            values.update({key: qcontext.get(key) or "" for key in SIGNUP_KEYS})
        return values

    @staticmethod
    def _jianxi_signup_redirect(kind, redirect):
        """Where the new user goes once signed up (only used when the sign-up succeeds)."""
        if kind == SIGNUP_UNIT:
            return UNIT_URL
        redirect = JianxiPages._jianxi_local_url(redirect)
        if redirect and redirect != PROFILE_URL:
            return f"{PROFILE_URL}?{urlencode({'redirect': redirect})}"
        return PROFILE_URL
