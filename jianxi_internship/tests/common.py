import base64
import importlib.util
import itertools
import re
from datetime import date, timedelta
from html import unescape as html_unescape
from unittest.mock import patch
from urllib.parse import urlsplit

from dateutil.relativedelta import relativedelta
from lxml import html as lxml_html

from odoo import Command, http
from odoo.tests import HttpCase, TransactionCase, new_test_user
from odoo.tests import common as odoo_test_common
from odoo.tools import file_path

from .upload_samples import PDF

ONBOARDING_PDF = base64.b64encode(PDF)
ONBOARDING_START = date(2023, 3, 1)
# A form's file input (for the xpath variable ``name``).
_FILE_INPUT = "//input[@type='file'][@name=$name]"
ONBOARDING_PAPERS = ("agreement_file", "accident_policy_file", "medical_policy_file", "invoice_file")
_PAPER_FILENAMES = {
    "agreement_file": "agreement.pdf",
    "accident_policy_file": "accident.pdf",
    "medical_policy_file": "medical.pdf",
    "invoice_file": "invoice.pdf",
}


def onboarding_values(
    start=ONBOARDING_START,
    end=None,
    *,
    months=6,
    papers=ONBOARDING_PAPERS,
    paper=ONBOARDING_PDF,
    form=False,
    **overrides,
):
    """Complete onboarding data (agreement, both insurances, the papers) for an agreement from
    ``start`` to ``end`` (by default ``months`` calendar months); ``overrides`` replace any value.

    - ``papers``: the scanned papers to include, each with ``paper`` (base64) as its content;
    - ``form=True``: the values as the portal's onboarding form posts them: text, without the
      papers (those are uploaded as files).
    """
    end = end or start + relativedelta(months=months) - timedelta(days=1)
    values = {
        "agreement_date": start,
        "start_date": start,
        "planned_end_date": end,
        "accident_policy_number": "PEAC-001",
        "accident_date_from": start,
        "accident_date_to": end,
        "accident_premium": 120,
        "medical_policy_number": "PMED-001",
        "medical_date_from": start,
        "medical_date_to": end,
        "medical_premium": 230,
    }
    if not form:
        for name in papers:
            values[name] = paper
            values[name.replace("_file", "_filename")] = _PAPER_FILENAMES[name]
    values.update(overrides)
    for name in papers:  # a paper left out has no file name either (a name alone is an empty file)
        filename = name.replace("_file", "_filename")
        if not form and not values[name] and filename not in overrides:
            del values[filename]
    if form:
        values = {name: str(value) for name, value in values.items()}
    return values


# The onboarding data of the portal scenes (``onboarding_defaults``): premiums of 100 and 150, papers of :data:`PDF`.
PORTAL_ONBOARDING_DEFAULTS = {
    "accident_policy_number": "PA-1",
    "accident_premium": 100,
    "medical_policy_number": "PM-1",
    "medical_premium": 150,
    "paper": base64.b64encode(PDF),
}

# The checklist of a college graduate, rule by rule in its order.
GRADUATE_RULES = [
    "id_number",
    "exclusions",
    "category",
    "education_level",
    "graduation_window",
    "household",
    "once_per_lifetime",
    "one_open_application",
]

QUIET_MAIL_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "no_reset_password": True,
}


def load_migration(version, step):
    """The module of ``migrations/<version>/<step>.py`` (``pre-migrate``...), to call its
    ``migrate(cr, version)`` in a test's transaction."""
    path = file_path(f"jianxi_internship/migrations/{version}/{step}.py")
    name = f"jianxi_{step.replace('-', '_')}_{version.replace('.', '_')}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Distinct sequence numbers for generated ID numbers, clear of those the demo data uses (x23, x34 …).
_SEQUENCE = (
    n
    for n in itertools.chain(range(900, 1000), range(500, 900), range(100, 500))
    if f"{n:03d}"
    not in {"123", "234", "345", "456", "567", "678", "789", "891", "012", "134", "245", "356", "467", "578"}
)


def applied_on(internships, day="2020-01-01"):
    """Date the applications of a scene back to ``day``: its agreements start in the past, and an
    internship never starts before the person applied."""
    internships.flush_recordset()
    internships.env.cr.execute(
        "UPDATE jianxi_internship SET create_date = %s WHERE id IN %s", (day, tuple(internships.ids))
    )
    internships.invalidate_recordset(["create_date"])
    return internships


class JianxiCase(TransactionCase):
    """Regions of the data file, and one real user per staff role.

    - ``officer_shiqian``: officer for 石阡县;
    - ``officer_sinan``: officer for 思南县;
    - ``officer_tongren``: officer for the whole of 铜仁市;
    - ``officer_none``: an officer with no region yet;
    - ``manager``: manager (every region).
    """

    # A class that asserts mail, chatter, tracking or activities sets this to False; the others run
    # without mail (no tracking, creation messages, followers or password mails), as Odoo's own tests
    # do (mail/tests/common.py), which saves their time.
    quiet_mail = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Messages are asserted in English, the source language, whatever the root user speaks.
        context = dict(cls.env.context, lang="en_US")
        if cls.quiet_mail:
            context.update(QUIET_MAIL_CONTEXT)
        cls.env = cls.env(context=context)
        ref = cls.env.ref
        cls.Region = cls.env["jianxi.region"]
        cls.guizhou = ref("jianxi_internship.region_guizhou")
        cls.tongren = ref("jianxi_internship.region_tongren")
        cls.shiqian = ref("jianxi_internship.region_shiqian")
        cls.sinan = ref("jianxi_internship.region_sinan")
        cls.bijiang = ref("jianxi_internship.region_bijiang")
        cls.yanhe = ref("jianxi_internship.region_yanhe")
        officer = "jianxi_internship.jianxi_internship_group_officer"
        manager = "jianxi_internship.jianxi_internship_group_manager"
        cls.officer_shiqian = cls._officer("t_officer_shiqian", officer, cls.shiqian)
        cls.officer_sinan = cls._officer("t_officer_sinan", officer, cls.sinan)
        cls.officer_tongren = cls._officer("t_officer_tongren", officer, cls.tongren)
        cls.officer_none = cls._officer("t_officer_none", officer, cls.Region)
        cls.manager = new_test_user(cls.env, login="t_manager", groups=f"base.group_user,{manager}")

    @classmethod
    def _archive_settings_of(cls, regions):
        """Archive the policies and minimum wages set on ``regions`` (by the demo data, say), so a
        test's own settings are the only ones that apply there."""
        for model in ("jianxi.policy", "jianxi.minimum.wage"):
            cls.env[model].search([("region_id", "in", regions.ids)]).active = False

    @classmethod
    def _make_policy(cls, name, region):
        """A policy of ``region`` since 2020 with known figures: 60% / 80% at 50% retention, ¥500 bonus,
        ¥300 insurance cap, 90-day claim window, internships of 3 to 12 months."""
        return cls.env["jianxi.policy"].create(
            {
                "name": name,
                "region_id": region.id,
                "date_from": "2020-01-01",
                "subsidy_rate": 60,
                "subsidy_rate_retained": 80,
                "retention_threshold": 50,
                "retention_bonus": 500,
                "insurance_cap": 300,
                "early_hire_min_fraction": 0,
                "claim_window_days": 90,
                "duration_min_months": 3,
                "duration_max_months": 12,
            }
        )

    @classmethod
    def _make_reminder_policy(cls, name, region):
        """A policy of ``region`` since 2020 with the numbers the mail and reminder tests count on:
        90-day claim window, 3 to 12 months, release after 15 days, reminders at 7, 15 and 30 days;
        Guizhou's education levels (the checklist runs again at 确认上岗)."""
        level = cls.env.ref
        return cls.env["jianxi.policy"].create(
            {
                "name": name,
                "college_level_ids": [
                    Command.set(
                        [
                            level(f"jianxi_internship.education_level_{code}").id
                            for code in ("junior_college", "bachelor", "master", "doctor")
                        ]
                    )
                ],
                "vocational_level_ids": [Command.set([level("jianxi_internship.education_level_vocational").id])],
                "region_id": region.id,
                "date_from": "2020-01-01",
                "claim_window_days": 90,
                "duration_min_months": 3,
                "duration_max_months": 12,
                "application_release_days": 15,
                "reminder_forgotten_end_days": 7,
                "reminder_claim_window_days": 15,
                "reminder_duration_limit_days": 30,
            }
        )

    @classmethod
    def _officer(cls, login, group, regions):
        user = new_test_user(cls.env, login=login, groups=f"base.group_user,{group}")
        user.jianxi_region_ids = [Command.set(regions.ids)]
        return user


class JianxiWorkflowCase(JianxiCase):
    """Adds the portal roles and factories for workflow records.

    - ``unit_user`` / ``unit_user2``: two portal contacts of unit 石阡县某科技有限公司 (``unit``, 石阡县);
    - ``other_unit_user``: a portal contact of a unit in 思南县 (``other_unit``);
    - ``applicant_user`` / ``other_applicant_user``: portal users with applicant records.

    Factories write states directly (as superuser) to set a scene; the tests then act through
    the ``action_*`` methods with the real users.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unit = cls._make_unit("石阡县某科技有限公司", cls.shiqian, "91520623MA6DL1234X")
        cls.unit_user = cls._portal_user("t_unit_user", cls.unit.partner_id)
        cls.unit_user2 = cls._portal_user("t_unit_user2", cls.unit.partner_id)
        cls.other_unit = cls._make_unit("思南县某商贸有限公司", cls.sinan, "91520624MA6DL5678X")
        cls.other_unit_user = cls._portal_user("t_other_unit_user", cls.other_unit.partner_id)
        cls.applicant_user = cls._portal_user("t_applicant_user")
        cls.applicant = cls._make_applicant(cls.applicant_user.partner_id, "张三", birth=(2001, 3, 15))
        cls.other_applicant_user = cls._portal_user("t_other_applicant_user")
        cls.other_applicant = cls._make_applicant(cls.other_applicant_user.partner_id, "李四", birth=(2002, 8, 1))

    # A scene's own onboarding data (insurance numbers, premiums, ``paper``…) for ``onboarding``.
    onboarding_defaults = {}

    @staticmethod
    def _skip_notice(claim):
        """``claim`` (approved) as if its public notice were over: the tests of payments are not
        about the notice (tests/test_public_notice.py is). Returns the claim."""
        approved = claim.approved_date
        claim.sudo()._jianxi_write_workflow(
            {"notice_start_date": approved - timedelta(days=7), "notice_end_date": approved - timedelta(days=1)}
        )
        return claim

    @classmethod
    def onboarding(cls, *args, **overrides):
        """:func:`onboarding_values` with the scene's ``onboarding_defaults``."""
        return onboarding_values(*args, **{**cls.onboarding_defaults, **overrides})

    # ------------------------------------------------------------------ identity numbers
    @staticmethod
    def make_id_number(birth=(2001, 3, 15), area="520623", sequence=123):
        """A valid 18-character resident ID number (GB 11643) for the birth date."""
        from ..rules import identity

        first17 = f"{area}{birth[0]:04d}{birth[1]:02d}{birth[2]:02d}{sequence:03d}"
        return first17 + identity.resident_id_check_character(first17)

    @staticmethod
    def make_credit_code(first17):
        """A valid unified social credit code (GB 32100) from its first 17 characters."""
        from stdnum.cn import uscc

        return first17 + uscc.calc_check_digit(first17)

    # ------------------------------------------------------------------ factories
    @classmethod
    def _portal_user(cls, login, partner=None):
        user = new_test_user(cls.env, login=login, groups="base.group_portal")
        if partner:
            # A contact of the company: its commercial partner is the unit's partner.
            user.partner_id.parent_id = partner
        return user

    @classmethod
    def _make_unit(cls, name, region, credit_code17_or_code, state="certified", bank_account=True):
        """A unit in ``state``; with a bank account in its name unless ``bank_account`` is false
        (a claim cannot be submitted without one)."""
        code = credit_code17_or_code[:17]
        company = cls.env["res.partner"].create({"name": name, "is_company": True})
        if bank_account:
            company.bank_ids = [
                Command.create(
                    {
                        "acc_number": "62284800" + "".join(str(ord(char) % 10) for char in code[-8:]),
                        "acc_holder_name": name,
                        "bank_id": cls.env["res.bank"].create({"name": "中国农业银行石阡县支行"}).id,
                    }
                )
            ]
        return (
            cls.env["jianxi.unit"]
            .create(
                {
                    "name": name,
                    "partner_id": company.id,
                    "region_id": region.id,
                    "credit_code": cls.make_credit_code(code),
                    "unit_type": "enterprise",
                    "legal_representative": "王法人",
                    "contact_name": "赵联系",
                    "contact_phone": "0856-1234567",
                    "insured_staff_count": 20,
                    "bank_account_id": company.bank_ids[:1].id,
                }
            )
            ._jianxi_force_state(state)
        )

    @classmethod
    def _make_position(cls, unit=None, state="published", **vals):
        unit = unit or cls.unit
        values = {
            "name": "软件开发见习岗",
            "unit_id": unit.id,
            "region_id": unit.region_id.id,
            "content": "参与业务系统的开发与测试，有导师指导。",
            "headcount": 2,
            "duration_months": 6,
            "allowance": 1800,
            "planned_start_date": "2023-03-01",
            "deadline": "2099-12-31",
            "education_level_id": cls.env.ref("jianxi_internship.education_level_junior_college").id,
        }
        values.update(vals)
        return cls.env["jianxi.position"].create(values)._jianxi_force_state(state)

    @classmethod
    def _make_applicant(cls, partner, name, birth=(2001, 3, 15), **vals):
        """A college graduate who answered no to the three questions and declared the data true
        and complete (承诺), as the profile form records it; the real name is not verified (an
        officer does that: ``_verify``)."""
        values = {
            "name": name,
            "partner_id": partner.id,
            "id_number": cls.make_id_number(birth, sequence=next(_SEQUENCE)),
            "category": "college",
            "education_level_id": cls.env.ref("jianxi_internship.education_level_bachelor").id,
            "school": "贵州大学",
            "major": "计算机科学与技术",
            "diploma_date": "2022-07-01",
            "diploma_registration_date": "2022-07-15",
            "household_region_id": cls.env.ref("jianxi_internship.region_shiqian").id,
            "is_student": "no",
            "is_employed": "no",
            "has_business_licence": "no",
            "declared_at": "2020-01-01 00:00:00",
        }
        values.update(vals)
        return cls.env["jianxi.applicant"].create(values)

    @classmethod
    def _verify(cls, applicant, officer=None):
        """The real name of ``applicant`` verified (实名认证) by ``officer`` (石阡县's by default),
        through the applicant's own action."""
        applicant.with_user(officer or cls.officer_shiqian).action_verify()
        return applicant

    @classmethod
    def _claim_with_one_intern(cls, unit, applicant, claim_date=date(2024, 3, 1)):
        """A draft subsidy claim of ``unit`` on ``claim_date``, computed by the system, with one
        intern on it: ``applicant``, six months at a new position of ``unit``, ended at term the day
        before (the county needs its policy and minimum wage)."""
        start = claim_date - relativedelta(months=6)
        internship = cls.env["jianxi.internship"].create(
            {
                "applicant_id": applicant.id,
                "position_id": cls._make_position(unit=unit).id,
                **onboarding_values(start),
                "actual_end_date": claim_date - timedelta(days=1),
                "end_reason": "completed",
            }
        )
        internship._jianxi_force_state("ended")
        claim = cls.env["jianxi.subsidy.claim"].create({"unit_id": unit.id, "claim_date": claim_date})
        claim._jianxi_generate_lines()
        assert claim.intern_count == 1, "the scene's claim has its intern"
        return claim


class JianxiHttpCase(JianxiWorkflowCase, HttpCase):
    """The one base class of the HTTP tests and browser tours: the workflow scene, and requests as a
    user, with the session's CSRF token, read in English.

    The pages are asserted in English, the source language, although the database may have only
    Chinese active: English is activated, made the default, and asked for by every request.
    """

    wrong_user_attempts = 0  # requests made by a user who must get nothing (counted for the report)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("en_US")
        cls.env["ir.default"].set("res.partner", "lang", "en_US")  # no /en/ prefix in the URLs

    def setUp(self):
        super().setUp()
        self.opener.cookies["frontend_lang"] = "en_US"

    def authenticate(self, user, password, browser=None):
        session = super().authenticate(user, password, browser=browser)
        self.opener.cookies["frontend_lang"] = "en_US"
        return session

    # ------------------------------------------------------------------ requests
    def _login(self, user):
        """Signs in as ``user`` (whose password is the login), or as a visitor for ``None``."""
        self.authenticate(user.login if user else None, user.login if user else None)

    def _get(self, url, **kwargs):
        self.env.flush_all()
        response = self.url_open(url, **kwargs)
        self.env.invalidate_all()  # the request changed the records in its own environment
        return response

    def _post(self, url, data=None, files=None, csrf=True, **kwargs):
        self.env.flush_all()
        data = dict(data or {})
        if csrf:
            data.setdefault("csrf_token", http.Request.csrf_token(self))
        response = self.url_open(url, data=data, files=files, **kwargs)
        self.env.invalidate_all()
        return response

    def _post_signup(self, login, name, password, **data):
        """Posts the sign-up form (b2c) with ``password`` twice and the session's CSRF token;
        ``data`` adds or replaces fields. The response is not followed (303 once signed up)."""
        payload = {
            "login": login,
            "name": name,
            "password": password,
            "confirm_password": password,
            "csrf_token": http.Request.csrf_token(self),
            **data,
        }
        return self.url_open("/web/signup", data=payload, allow_redirects=False)

    def _text(self, response):
        return html_unescape(response.text)

    def _html(self, response, status=200):
        self.assertEqual(response.status_code, status, response.url)
        return self._text(response)

    def _force_pdf(self):
        """Render reports with wkhtmltopdf during the request (Odoo falls back to HTML in tests).

        wkhtmltopdf would fetch the report's style sheets from this test server, which serves one
        request at a time and is busy with the download itself: ``report.url`` points it to a closed
        port instead, so the PDF comes without style (the layout is tested in test_reports)."""
        self.env["ir.config_parameter"].sudo().set_param("report.url", "http://127.0.0.1:9")
        report_class = type(self.env["ir.actions.report"])
        render = report_class._render_qweb_pdf

        def forced(report, report_ref, res_ids=None, data=None):
            return render(report.with_context(force_report_rendering=True), report_ref, res_ids, data)

        return patch.object(report_class, "_render_qweb_pdf", forced)

    # ------------------------------------------------------------------ assertions
    def assertRedirectedTo(self, response, path, message=None):
        self.assertEqual(response.status_code, 200)
        url = urlsplit(response.url)
        # (the redirection may carry the language when English is not the default one)
        self.assertEqual(re.sub(r"^/en(?=/)", "", url.path), path)
        if message:
            self.assertIn(f"message={message}", url.query)

    def assertNoData(self, response, *secrets):
        """A wrong user's own page (200): none of the data of the records they may not read."""
        type(self).wrong_user_attempts += 1
        self.assertEqual(response.status_code, 200, response.url)
        text = self._text(response)
        for secret in secrets:
            self.assertNotIn(secret, text)

    def assertReupload(self, response, names):
        """The page names each posted file of ``names`` (``{field: file name}``) to choose again."""
        page = lxml_html.fromstring(response.text)
        for name, filename in names.items():
            hint = page.xpath(f"{_FILE_INPUT}/following-sibling::div[contains(@class, 'o_jianxi_reupload')]", name=name)
            self.assertTrue(hint, f"the page asks to choose {name} again")
            self.assertIn(filename, hint[0].text_content())

    def assertKept(self, response, names):
        """The page shows each file of ``names`` (``{field: file name}``) kept, with the hidden id
        of its draft, and does not ask to choose it again; returns ``{field: draft id}``."""
        page = lxml_html.fromstring(response.text)
        ids = {}
        for name, filename in names.items():
            kept = page.xpath(f"{_FILE_INPUT}/following-sibling::div[contains(@class, 'o_jianxi_kept')]", name=name)
            self.assertEqual(len(kept), 1, f"the page shows {name} kept")
            self.assertIn(f"Kept: {filename}", " ".join(kept[0].text_content().split()))
            draft_input = kept[0].xpath(".//input[@type='hidden'][@name=$draft]", draft=f"jianxi_draft_{name}")
            self.assertEqual(len(draft_input), 1, f"the form sends the draft of {name} back")
            ids[name] = int(draft_input[0].get("value"))
            self.assertFalse(
                page.xpath(f"{_FILE_INPUT}/following-sibling::div[contains(@class, 'o_jianxi_reupload')]", name=name),
                f"{name} is not to choose again",
            )
        return ids

    def assertRefused(self, response, *secrets):
        """A wrong user gets a 404 (a visitor: the sign-in page) and none of the data."""
        type(self).wrong_user_attempts += 1
        if urlsplit(response.url).path == "/web/login":
            self.assertEqual(response.status_code, 200, "a visitor is sent to sign in")
        else:
            self.assertEqual(response.status_code, 404, response.url)
        text = self._text(response)
        for secret in secrets:
            self.assertNotIn(secret, text)


def upload_forms(case, internship):
    """The three portal forms with uploads, as the HTTP tests post them: per form, who posts it,
    where, its record, one of its uploads (``field``, its ``filename`` field and its ``label``),
    and the page a saved form goes to. ``internship`` is the onboarding's (approved) record; the
    unit (``case.unit``) must be editable (draft)."""
    return {
        "applicant profile": {
            "user": case.applicant_user,
            "url": "/my/profile/save",
            "record": case.applicant,
            "field": "id_card",
            "filename": "id_card_filename",
            "label": "ID Card Scan",
            "saved": "/my/profile",
        },
        "unit profile": {
            "user": case.unit_user,
            "url": "/my/unit",
            "record": case.unit,
            "field": "business_licence",
            "filename": "business_licence_filename",
            "label": "Business Licence",
            "saved": "/my/unit",
        },
        "onboarding": {
            "user": case.unit_user,
            "url": f"/my/interns/{internship.id}/onboarding",
            "record": internship,
            "field": "agreement_file",
            "filename": "agreement_filename",
            "label": "Internship Agreement",
            "saved": f"/my/interns/{internship.id}",
        },
    }


# ---------------------------------------------------------------------- a Chinese browser
class ChineseChromeBrowser(odoo_test_common.ChromeBrowser):
    """Odoo's test browser, as a browser set to Chinese: it asks for zh-CN pages
    (Accept-Language) and formats with a Chinese locale."""

    def __init__(self, test_case, *args, **kwargs):
        super().__init__(test_case, *args, **kwargs)
        user_agent = self._websocket_request("Browser.getVersion")["userAgent"]
        self._websocket_request(
            "Emulation.setUserAgentOverride",
            params={"userAgent": user_agent, "acceptLanguage": "zh-CN,zh;q=0.9"},
        )
        self._websocket_request("Emulation.setLocaleOverride", params={"locale": "zh-CN"})


class VisitorSpeaksBrowserLanguage:
    """For an HttpCase: a visitor's session takes its language from the browser, as a real
    visitor's does (Odoo's test harness otherwise fixes it to English)."""

    def authenticate(self, user, password, browser=None):
        session = super().authenticate(user, password, browser=browser)
        if not user:
            session.context.pop("lang", None)
            http.root.session_store.save(session)
        return session
