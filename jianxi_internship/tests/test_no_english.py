"""Nothing a Chinese reader sees is English (issue 10, point 3).

On a database in Chinese (zh_CN active and the default language, every user speaking it), each
role reads what the addon shows them, and every text that holds a Latin word is listed with the
place it was found, unless it is a URL, an e-mail address, a code or number with digits (ID and
credit codes, policy numbers, dates) or one of the few words of :data:`ALLOWED_WORDS`:

- the visitor, the applicant, the unit's contact, the officer and the manager: every portal page,
  through real HTTP GETs, with the unit, its positions, the application and the claim in each of
  their states and with each success message, so that the conditional parts render;
- the same people (but the visitor): every PDF report of the addon, rendered as HTML;
- the officer and the manager: every view of the addon (``get_views``, with the Print and Action
  menus), the labels, help texts and selection values of its fields (``fields_get``), the app's
  menus, its actions (names, and the help shown over an empty list), activity types, groups,
  models, and its mail templates (subject and body rendered for a record).

Pages where the client adds text (the web client's forms, the portal's message history, the
position's apply dialog) are read by the browser tours of ``jianxi_no_english_tours.js``.
"""

import re
from datetime import date, timedelta

from lxml import etree
from lxml import html as lxml_html

from odoo import fields
from odoo.tests import common as odoo_test_common
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from ..controllers.portal_unit import REVEALED_STATES, JianxiUnitPortal
from ..models.jianxi_internship import INTERNSHIP_STATES
from ..models.jianxi_position import POSITION_STATES
from ..models.jianxi_subsidy_claim import CLAIM_STATES
from ..models.jianxi_unit import UNIT_STATES
from .common import PORTAL_ONBOARDING_DEFAULTS, ChineseChromeBrowser, JianxiHttpCase, VisitorSpeaksBrowserLanguage
from .test_portal_unit import agreed_period

MODULE = "jianxi_internship"

# The Latin words a Chinese reader sees on purpose, and why.
ALLOWED_WORDS = {
    # File formats, named where a file is uploaded or downloaded: Chinese forms name them so too.
    "PDF": "file format",
    "XLSX": "file format",
    "JPEG": "file format",
    "PNG": "file format",
    "ZIP": "file format",
    # The product's name, in Odoo's own footer (由 Odoo 提供支持) and page titles.
    "Odoo": "proper noun",
    # The unit of the upload limit (每个文件不超过 10 MB), written so in Chinese.
    "MB": "unit",
    # Data of the demo and of Odoo that name things in Latin letters: demo positions (Python开发见习生)
    # and Odoo's industry IT/通信 (in its own Chinese translation).
    "Python": "proper noun",
    # A demo position, UI设计见习生: Chinese job titles write UI so.
    "UI": "abbreviation",
    "IT": "abbreviation",
    # An attachment kept as a link (ir.attachment's type, which the addon extends for the drafts of
    # refused uploads): Odoo's Chinese keeps "URL", as Chinese writes it.
    "URL": "abbreviation",
}

# Odoo's mail that the addon's self sign-up sends.
SIGNUP_MAIL_TEMPLATES = ("auth_signup.mail_template_user_signup_account_created",)

# Field labels and selection values that Odoo shows as they are in every language.
ALLOWED_FIELD_LABELS = {"id": "ID, the record's number"}
ALLOWED_SELECTIONS = {"tz": "time zone names (Asia/Shanghai), as the IANA database spells them"}

# Attributes whose value a person reads (the others are data for the code: t-*, data-*, class...).
TEXT_ATTRIBUTES = ("placeholder", "title", "alt", "aria-label", "string", "help", "confirm", "sum", "avg")
BUTTON_INPUTS = ("submit", "button", "reset")
SKIPPED_TAGS = ("script", "style")

# What is not a word of a language: links, e-mail addresses, file names, national standards (GB/T 2260),
# codes and numbers with digits (claim numbers, ID and credit codes, policy numbers, dates, A4).
NOT_WORDS = re.compile(
    r"https?://\S+|www\.\S+|mailto:\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|[\w./-]+\.(?i:pdf|jpe?g|png|py)\b"
    r"|\bGB(?:/T)? ?\d[\d.-]*"
    r"|\b[\w/.-]*\d[\w/.-]*"
    r"|(?<![\w/])/[\w\-./?=&%#]+",
    re.ASCII,
)
LATIN_WORD = re.compile(r"[A-Za-z]+")
CHINESE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def english_words(text, odoo_wording=False):
    """The Latin words of ``text`` that are neither codes nor allowed words.

    ``odoo_wording``: the text is Odoo's own (the label of a field the addon inherits from Odoo):
    only an untranslated one counts, Odoo's Chinese may keep a Latin name (API密钥)."""
    if odoo_wording and CHINESE.search(text or ""):
        return []
    return [word for word in LATIN_WORD.findall(NOT_WORDS.sub(" ", text or "")) if word not in ALLOWED_WORDS]


def _describe(element):
    """``<tag id|name|class>`` of an element, to say where a text is."""
    tag = element.tag if isinstance(element.tag, str) else "!--"
    for attribute in ("id", "name"):
        if element.get(attribute):
            return f"<{tag} {attribute}={element.get(attribute)}>"
    classes = [c for c in (element.get("class") or "").split() if c.startswith(("o_jianxi", "o_", "oe_"))]
    return f"<{tag} class={classes[0]}>" if classes else f"<{tag}>"


def visible_texts(element, parent_label="<root>"):
    """``(where, text)`` of every text a person reads in an HTML or view tree: text nodes and the
    attributes of :data:`TEXT_ATTRIBUTES` (and the label of a button input), outside <script> and
    <style>."""
    if isinstance(element.tag, str) and element.tag not in SKIPPED_TAGS:
        label = _describe(element)
        for attribute in TEXT_ATTRIBUTES:
            if element.get(attribute):
                yield f"{label} @{attribute}", element.get(attribute)
        if element.tag == "input" and element.get("type") in BUTTON_INPUTS and element.get("value"):
            yield f"{label} @value", element.get("value")
        if element.text:
            yield label, element.text
        for child in element:
            yield from visible_texts(child, label)
    if element.tail:
        yield parent_label, element.tail


class EnglishFinder:
    """Collects every text with English in it: ``{(place, text): [where it was read]}``.

    ``allowed_texts`` are left alone."""

    def __init__(self, allowed_texts=()):
        self.allowed_texts = set(allowed_texts)
        self.findings = {}
        self.sources = set()  # where texts were read

    def text(self, source, text, place="", odoo_wording=False):
        self.sources.add(source)
        text = " ".join((text or "").split())
        if text not in self.allowed_texts and english_words(text, odoo_wording):
            self.findings.setdefault((place, text), []).append(source)

    def html(self, source, markup):
        if markup and str(markup).strip():
            for place, text in visible_texts(lxml_html.fromstring(str(markup))):
                self.text(source, text, place)

    def arch(self, source, arch):
        for place, text in visible_texts(etree.fromstring(arch)):
            self.text(source, text, place)

    def report(self):
        lines = [
            f"{text!r} {place} in {sources[0]}" + (f" (and {len(sources) - 1} more)" if len(sources) > 1 else "")
            for (place, text), sources in self.findings.items()
        ]
        return f"{len(lines)} texts in English (of those read in {len(self.sources)} places):\n" + "\n".join(lines)


def speak_chinese(case):
    """A database in Chinese, as the bureau's: zh_CN active (with every module's translations when
    it was not) and the default language, the addon's translations loaded from this checkout, and
    the staff and portal users of the test ``case`` (a JianxiWorkflowCase) speaking it, with
    Chinese names."""
    Lang = case.env["res.lang"]
    was_active = bool(Lang.search([("code", "=", "zh_CN")]))
    Lang._activate_lang("zh_CN")
    modules = case.env["ir.module.module"].search(
        [("state", "=", "installed")] + ([("name", "=", MODULE)] if was_active else [])
    )
    modules._update_translations(["zh_CN"], overwrite=True)
    case.env["ir.default"].set("res.partner", "lang", "zh_CN")
    names = {
        case.officer_shiqian: "石见习经办",
        case.manager: "石见习管理",
        case.unit_user: "赵联系",
        case.applicant_user: "张三",
        case.other_unit_user: "钱联系",
    }
    for user, name in names.items():
        user.write({"name": name, "signature": name, "lang": "zh_CN"})
    (case.unit | case.other_unit).partner_id.lang = "zh_CN"


@tagged("post_install", "-at_install")
class TestNoEnglish(VisitorSpeaksBrowserLanguage, JianxiHttpCase):
    """The scene: the certified unit of 石阡县 (``unit``) with its contact, a position in each
    state, the applicant 张三's application (moved through its states), an ended and a forgotten
    intern, and the claim the system computed from them. Everyone speaks Chinese."""

    onboarding_defaults = PORTAL_ONBOARDING_DEFAULTS

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        speak_chinese(cls)
        cls.staff = cls.officer_shiqian | cls.manager
        cls.zh = cls.env(context=dict(cls.env.context, lang="zh_CN"))

        cls.env["jianxi.minimum.wage"].create({"region_id": cls.shiqian.id, "date_from": "2020-01-01", "amount": 1800})
        cls.positions = {
            state: cls._make_position(name=f"{label}见习岗", state=state, reject_reason="岗位描述不完整")
            for state, label in zip(
                (state for state, _label in POSITION_STATES), ("草稿", "待审", "发布", "退回", "关闭"), strict=True
            )
        }
        cls.position = cls.positions["published"]
        start, end = agreed_period()
        cls.internship = cls._internship(
            cls.applicant,
            "applied",
            **cls.onboarding(start, end),
            decline_reason="岗位已满",
            reject_reason="不符合条件",
            end_request_reason="已找到其他工作",
            end_note="单位提前终止",
            attention_reason="保险到期早于见习结束",
        )
        cls.ended = cls._internship(
            cls._new_applicant("孙九", (2002, 5, 6)),
            "ended",
            **cls.onboarding(start, end),
            actual_end_date=end,
            end_reason="completed",
        )
        cls.forgotten = cls._internship(
            cls._new_applicant("吴十", (2001, 9, 9)), "on_duty", **cls.onboarding(start, end)
        )
        # The checklist and the claim are computed by someone speaking English: what Chinese readers
        # read of them must still be Chinese (nothing stored in the language of who computed it).
        english = {"lang": "en_US"}
        cls.forgotten.with_context(**english)._refresh_eligibility()
        Claim = cls.env["jianxi.subsidy.claim"].with_user(cls.unit_user).with_context(**english)
        cls.claim = Claim.action_create_for_unit(cls.unit).sudo()
        cls.claim.flush_recordset()

    @classmethod
    def _new_applicant(cls, name, birth):
        partner = cls.env["res.partner"].create({"name": name, "lang": "zh_CN"})
        return cls._make_applicant(partner, name, birth=birth)

    @classmethod
    def _internship(cls, applicant, state, **values):
        internship = cls.env["jianxi.internship"].create(
            {"applicant_id": applicant.id, "position_id": cls.positions["published"].id, **values}
        )
        return internship._jianxi_force_state(state)

    # ------------------------------------------------------------------ requests in Chinese
    def setUp(self):
        super().setUp()
        self._chinese_browser()
        # The language selector names each language in itself (English (US), 简体中文).
        self.finder = EnglishFinder(self.env["res.lang"].search([]).mapped("name"))

    def authenticate(self, user, password, browser=None):
        session = super().authenticate(user, password, browser=browser)
        self._chinese_browser()
        return session

    def _chinese_browser(self):
        """Requests as a browser set to Chinese: the language cookie of the portal's pages, and the
        Accept-Language of the sign-in page (not a website page)."""
        self.opener.cookies["frontend_lang"] = "zh_CN"
        self.opener.headers["Accept-Language"] = "zh-CN,zh;q=0.9"

    def _read(self, who, url, note=""):
        """GET ``url`` (200) and check its text."""
        response = self._get(url)
        self.assertEqual(response.status_code, 200, f"{who} GET {url}")
        self.finder.html(f"[{who}] GET {url}{note}", response.text)

    def assertNoEnglish(self):
        if self.finder.findings:
            self.fail(self.finder.report())

    @staticmethod
    def _message_keys():
        """The keys of every success message of the unit's pages (``?message=<key>``), from the
        addon's controller classes."""
        classes = set()
        pending = [JianxiUnitPortal]
        while pending:
            cls = pending.pop()
            for sub in cls.__subclasses__():
                if sub.__module__.startswith(f"odoo.addons.{MODULE}."):
                    classes.add(sub)
                    pending.append(sub)
        leaves = [cls for cls in classes if not any(issubclass(other, cls) for other in classes - {cls})]
        # (An instance of each, without __init__: a new Controller class would join Odoo's routing.)
        return sorted({key for leaf in leaves for key in leaf._jianxi_messages(leaf.__new__(leaf))})

    # ------------------------------------------------------------------ the portal
    def test_visitor_pages(self):
        self._login(None)
        position = self.position
        claim = self.env["jianxi.subsidy.claim"].create({"unit_id": self.other_unit.id})
        claim._jianxi_force_state("approved")._jianxi_write_workflow(
            {"notice_start_date": date.today(), "notice_end_date": date.today() + timedelta(days=6)}
        )
        for url in (
            "/internships/notices",
            "/internships/notices?sent=1",
            f"/internships/notices/{claim.id}/objection",
            "/internships",
            f"/internships?search=软件&region={self.shiqian.id}",
            "/internships?search=没有这样的岗位",
            f"/internships/positions/{position.id}",
            "/web/login",
            "/web/signup",
            "/web/reset_password",
        ):
            self._read("visitor", url)
        self.assertNoEnglish()

    def test_applicant_pages(self):
        self._login(self.applicant_user)
        self._read("applicant", "/my")
        self._read("applicant", "/my/profile?error=applicant_missing")
        for message in ("saved", "declared", "undeclared"):
            self._read("applicant", f"/my/profile?message={message}")
        # Not answered, not declared: the profile, the home card and the position page say what is missing.
        answers = self.applicant._jianxi_answers()
        self.applicant.sudo().write(dict.fromkeys(answers, False))
        self._read("applicant", "/my/profile", " (not answered)")
        self._read("applicant", "/my", " (not answered)")
        self._read("applicant", f"/internships/positions/{self.position.id}", " (not answered)")
        self.applicant.sudo().write(answers)
        self._read("applicant", f"/internships/positions/{self.position.id}", " (not declared)")
        self.applicant.sudo().write({"declared_at": fields.Datetime.now()})
        self.applicant.sudo().verification_state = "verified"
        self._read("applicant", "/my/profile", " (verified)")
        self.applicant.sudo().write({"category": "unemployed", "unemployment_registration_date": "2022-09-01"})
        self._read("applicant", "/my/profile", " (unemployed)")
        url = f"/my/internships/{self.internship.id}"
        for state, _label in INTERNSHIP_STATES:
            self._internship_state(state)
            self._read("applicant", f"/internships/positions/{self.position.id}", f" [{state}]")
            self._read("applicant", "/my/internships?filterby=all", f" [{state}]")
            self._read("applicant", url, f" [{state}]")
        for message in ("withdrawn", "end_requested"):
            self._read("applicant", f"{url}?message={message}")
        self._read("applicant", f"/internships/positions/{self.position.id}?applied=1")
        self.internship._jianxi_force_state("withdrawn")
        self._read("applicant", f"/internships/positions/{self.position.id}", " [no open application]")

        # A portal user with no applicant record yet.
        newcomer = self._portal_user("t_newcomer")
        newcomer.write({"name": "新来者", "lang": "zh_CN"})
        self._login(newcomer)
        self._read("newcomer", "/my")
        self._read("newcomer", "/my/profile")
        self._read("newcomer", "/my/internships")
        self.assertNoEnglish()

    def test_unit_pages_in_each_state_of_the_unit(self):
        self._login(self.unit_user)
        for state, _label in UNIT_STATES:
            self.unit._jianxi_force_state(state)
            self.unit.sudo().write({"reject_reason": "营业执照不清晰", "suspend_reason": "违规招用"})
            for url in ("/my", "/my/unit", "/my/positions", "/my/positions/new", "/my/claims"):
                self._read("unit", url, f" [unit {state}]")
        # A unit with nothing yet: the lists say so.
        self._login(self.other_unit_user)
        for url in ("/my", "/my/positions", "/my/applications", "/my/interns", "/my/claims"):
            self._read("unit (empty)", url)
        self.assertNoEnglish()

    def test_unit_pages_of_each_record(self):
        self._login(self.unit_user)
        for key in self._message_keys():
            self._read("unit", f"/my/unit?message={key}")
        for state, position in self.positions.items():
            self._read("unit", f"/my/positions/{position.id}", f" [{state}]")
        for filterby in ("all", "draft", "submitted", "published", "closed"):
            self._read("unit", f"/my/positions?filterby={filterby}")
        for state, _label in INTERNSHIP_STATES:
            self._internship_state(state)
            self._read("unit", "/my/applications?filterby=all", f" [{state}]")
            self._read("unit", "/my/interns?filterby=all", f" [{state}]")
            if state in REVEALED_STATES:
                self._read("unit", f"/my/interns/{self.internship.id}", f" [{state}]")
        for filterby in ("waiting", "confirmed", "closed"):
            self._read("unit", f"/my/applications?filterby={filterby}")
        for filterby in ("review", "onboarding", "current", "ended"):
            self._read("unit", f"/my/interns?filterby={filterby}")
        self.internship._jianxi_force_state("on_duty")
        self.internship.sudo().write({"accident_date_to": self.internship.planned_end_date - timedelta(days=30)})
        self._read("unit", f"/my/interns/{self.internship.id}", " [insurance ends early]")
        self._read("unit", f"/my/interns/{self.ended.id}", " [ended]")
        for state, _label in CLAIM_STATES:
            self._claim_state(state)
            self._read("unit", "/my/claims", f" [{state}]")
            self._read("unit", f"/my/claims/{self.claim.id}", f" [{state}]")
        self.assertNoEnglish()

    def test_staff_pages(self):
        for user in self.staff:
            self._login(user)
            for url in ("/my", "/internships", f"/internships/positions/{self.position.id}"):
                self._read(user.login, url)
        self.assertNoEnglish()

    def _internship_state(self, state):
        """张三's application in ``state``; ended as planned when ``state`` is ended."""
        self.internship._jianxi_force_state(state)
        if state == "ended":
            self.internship.sudo().write(
                {"end_reason": "completed", "actual_end_date": self.internship.planned_end_date}
            )

    def _claim_state(self, state):
        values = {"state": state, "return_reason": "请补充考勤记录", "reject_reason": "材料不实"}
        if state in ("approved", "paid"):
            values.update(approved_date=fields.Date.today(), approved_by_id=self.officer_shiqian.id)
        if state == "paid":
            values.update(
                paid_date=fields.Date.today(),
                paid_amount=self.claim.amount_total - 100,
                payment_reference="ZF-2024-001",
                paid_by_id=self.officer_shiqian.id,
                payment_difference_reason="一名见习人员考勤缺失，扣减100元。",
            )
        self.claim._jianxi_write_workflow(values)

    # ------------------------------------------------------------------ the PDF reports
    def test_reports(self):
        """Every report as each of its readers: 张三's agreement (approved, ended) and certificate,
        the claim form and roster in each state of the claim, the unit's roster."""
        reports = self.zh["ir.actions.report"].search([("report_name", "=like", f"{MODULE}.%")])
        self.assertEqual(len(reports), 7)
        # the payment list of a batch holding the claim, paid (for the finance office: bureau staff)
        batch = (
            self.env["jianxi.payment.batch"]
            .sudo()
            .create({"payment_date": fields.Date.today(), "payment_reference": "ZF-2024-001"})
        )
        self.claim._jianxi_write_workflow({"payment_batch_id": batch.id})
        # the province's statistics of the county (就业见习情况统计表), as its officer and a manager
        statistics = self.env["jianxi.statistics"].sudo().create({"region_id": self.shiqian.id})
        scenes = {
            "jianxi.internship": [(self.internship, "approved"), (self.internship, "ended")],
            "jianxi.subsidy.claim": [(self.claim, state) for state, _label in CLAIM_STATES],
            "jianxi.unit": [(self.unit, None)],
            "jianxi.payment.batch": [(batch, None)],
            "jianxi.statistics": [(statistics, None)],
        }
        readers = {
            "jianxi.internship": self.applicant_user | self.unit_user | self.staff,
            "jianxi.subsidy.claim": self.unit_user | self.staff,
            "jianxi.unit": self.unit_user | self.staff,
            "jianxi.payment.batch": self.staff,
            "jianxi.statistics": self.staff,
        }
        rendered = 0
        for report in reports:
            for record, state in scenes[report.model]:
                if record == self.claim:
                    self._claim_state(state)
                elif state:
                    self._internship_state(state)
                if report.domain and not record.filtered_domain(safe_eval(report.domain)):
                    continue
                for reader in readers[report.model]:
                    # (as the portal's download does it: the report model checks the reader's access)
                    html, _kind = (
                        self.env["ir.actions.report"]
                        .with_user(reader)
                        .sudo()
                        .with_context(lang="zh_CN")
                        ._render_qweb_html(report.report_name, record.ids)
                    )
                    rendered += 1
                    where = f"[{reader.login}] report {report.report_name} of {record.display_name} [{state}]"
                    self.finder.html(where, html.decode())
        self.assertEqual(rendered, 4 * 3 + 3 * 6 * 2 + 3 + 2 + 2)
        self.assertNoEnglish()

    # ------------------------------------------------------------------ the backend
    def _addon_records(self, model):
        data = self.env["ir.model.data"].search([("module", "=", MODULE), ("model", "=", model)])
        return self.zh[model].browse(data.mapped("res_id")).exists()

    @staticmethod
    def _xmlid(record):
        return record.get_external_id()[record.id] or f"{record._name}({record.id})"

    def _addon_models(self):
        """The models the addon defines or extends (it has an XML id for each)."""
        return self._addon_records("ir.model")

    def test_backend_views(self):
        views = self._addon_records("ir.ui.view").filtered(lambda view: view.type != "qweb")
        read = 0
        for user in self.staff:
            for view in views:
                where = f"[{user.login}] view {self._xmlid(view)}"
                if view.mode != "primary":
                    # The addon's part of another module's view (Settings' user form).
                    self.finder.arch(where, view.with_user(user).arch)
                    continue
                Model = self.zh[view.model].with_user(user)
                if not Model.has_access("read"):
                    continue
                result = Model.get_views([(view.id, view.type)], {"toolbar": True})
                read += 1
                shown = result["views"][view.type]
                self.finder.arch(where, shown["arch"])
                for key, actions in shown.get("toolbar", {}).items():
                    for action in actions:
                        self.finder.text(f"{where} toolbar {key}", action["name"])
                for model, description in result["models"].items():
                    self._check_fields(f"{where} field of {model}", model, description["fields"])
        primary = views.filtered(lambda view: view.mode == "primary")
        # the legacy import is the managers' alone: officers do not read its views
        managers_only = primary.filtered(lambda view: view.model == "jianxi.legacy.import")
        self.assertTrue(managers_only)
        self.assertEqual(read, 2 * len(primary) - len(managers_only), "every view, by both (the managers' by managers)")
        self.assertNoEnglish()

    def _check_fields(self, where, model, descriptions):
        """The labels, help texts and selection values of ``descriptions`` (``fields_get``)."""
        for name, description in descriptions.items():
            field = self.env[model]._fields[name]
            odoo_wording = field._module != MODULE
            if name not in ALLOWED_FIELD_LABELS:
                self.finder.text(f"{where} {name} string", description.get("string"), odoo_wording=odoo_wording)
            self.finder.text(f"{where} {name} help", description.get("help"), odoo_wording=odoo_wording)
            if name not in ALLOWED_SELECTIONS:
                for _key, label in description.get("selection") or ():
                    self.finder.text(f"{where} {name} selection", label, odoo_wording=odoo_wording)

    def test_fields(self):
        attributes = ["string", "help", "selection"]
        for model in self._addon_models():
            Model = self.zh[model.model].with_user(self.manager)
            own = [
                name
                for name, field in Model._fields.items()
                if model.model.startswith("jianxi.") or field._module == MODULE
            ]
            self._check_fields(f"fields_get {model.model}", model.model, Model.fields_get(own, attributes))
        self.assertNoEnglish()

    def test_checklist_and_claim_lines(self):
        """What the staff's forms read of the checklist and of the claim lines, through the web
        client's own call (``web_read``), computed by an English speaker (see setUpClass)."""
        line_fields = {"fields": {"display_name": {}, "name": {}, "reason": {}}}
        for user in self.staff:
            internship = self.zh["jianxi.internship"].with_user(user).browse(self.forgotten.id)
            checks = internship.web_read({"check_ids": line_fields})[0]["check_ids"]
            self.assertTrue(checks, user.login)
            claim = self.zh["jianxi.subsidy.claim"].with_user(user).browse(self.claim.id)
            spec = {"fields": {"display_name": {}, "reason": {}, "exclusion": {}}}
            claim_lines = claim.web_read({"line_ids": spec, "excluded_line_ids": spec})[0]
            self.assertTrue(any(line["reason"] for line in claim_lines["excluded_line_ids"]), "the forgotten intern")
            for where, records in (("check", checks), ("claim line", claim_lines["line_ids"])):
                for line in records + (claim_lines["excluded_line_ids"] if where == "claim line" else []):
                    for name in ("name", "reason"):
                        self.finder.text(f"[{user.login}] {where} {line['id']} {name}", line.get(name) or "")
        self.assertNoEnglish()

    def test_menus_actions_and_data(self):
        for user in self.staff:
            menus = self.zh["ir.ui.menu"].with_user(user).load_menus(False)
            ours = [menu for menu in menus.values() if (menu.get("xmlid") or "").startswith(f"{MODULE}.")]
            self.assertTrue(ours, user.login)
            for menu in ours:
                self.finder.text(f"[{user.login}] menu {menu['xmlid']}", menu["name"])
        for action in self._addon_records("ir.actions.act_window"):
            self.finder.text(f"action {self._xmlid(action)} name", action.name)
            self.finder.html(f"action {self._xmlid(action)} help", action.help)
        for model in (
            "ir.actions.server",
            "ir.actions.report",
            "mail.activity.type",
            "res.groups",
            "ir.module.category",
        ):
            for record in self._addon_records(model):
                self.finder.text(f"{model} {self._xmlid(record)}", record.display_name)
                for name in ("summary", "comment", "description"):
                    if name in record._fields and record[name] and record._fields[name].translate:
                        self.finder.text(f"{model} {self._xmlid(record)} {name}", record[name])
        for model in self._addon_models():
            odoo_wording = self.env[model.model]._original_module != MODULE  # (res.users, ir.http…)
            self.finder.text(f"ir.model {model.model}", model.name, odoo_wording=odoo_wording)
        self.assertNoEnglish()

    def test_mail_templates(self):
        self._internship_state("ended")
        records = {
            "jianxi.internship": self.internship,
            "jianxi.unit": self.unit,
            "jianxi.position": self.positions["rejected"],
            "jianxi.subsidy.claim": self.claim,
            "res.users": self.applicant_user,
        }
        templates = self._addon_records("mail.template")
        self.assertGreater(len(templates), 15)
        # Odoo's welcome mail, which the addon's sign-up sends.
        for xmlid in SIGNUP_MAIL_TEMPLATES:
            templates |= self.zh.ref(xmlid)
        for template in templates:
            record = records[template.model]
            if template.model == "res.users":
                # (sent once the new user is signed in: ``user`` is them, signature included)
                template = template.with_user(record).sudo()
            where = f"mail.template {self._xmlid(template)}"
            self.finder.text(f"{where} name", template.name)
            self.finder.text(f"{where} description", template.description)
            subject = template._render_field("subject", record.ids, compute_lang=True)[record.id]
            self.finder.text(f"{where} subject", subject)
            body = template._render_field("body_html", record.ids, compute_lang=True)[record.id]
            self.finder.html(f"{where} body", body)
        self.assertNoEnglish()


@tagged("post_install", "-at_install")
class TestNoEnglishInTheBrowser(JianxiHttpCase):
    """The pages where the browser adds text (jianxi_no_english_tours.js), in a Chinese browser:
    张三 applied for a position and the unit confirmed him, all in Chinese, so that the records
    carry their messages (the mail to 张三, the state's tracking) and the officers' review activity."""

    quiet_mail = False  # the messages and the activity are what the tours read

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        speak_chinese(cls)
        cls.env = cls.env(context=dict(cls.env.context, lang="zh_CN"))
        cls.position = cls._make_position(name="数据录入见习岗")
        Internship = cls.env["jianxi.internship"]
        cls.internship = Internship.with_user(cls.applicant_user).action_apply(cls.applicant, cls.position)
        cls.internship.with_user(cls.unit_user).action_confirm()
        cls.internship = Internship.browse(cls.internship.id)

    def setUp(self):
        super().setUp()
        self.patch(odoo_test_common, "ChromeBrowser", ChineseChromeBrowser)

    def test_portal_pages(self):
        self.start_tour(
            f"/internships/positions/{self.position.id}", "jianxi_no_english_apply", login="t_applicant_user"
        )
        self.start_tour(self.internship.access_url, "jianxi_no_english_message_history", login="t_applicant_user")
        self.start_tour(f"/my/interns/{self.internship.id}", "jianxi_no_english_message_history", login="t_unit_user")

    def test_review_form(self):
        action = self.env.ref(f"{MODULE}.jianxi_internship_action")
        self.start_tour(
            f"/odoo/action-{action.id}/{self.internship.id}", "jianxi_no_english_review_form", login="t_officer_shiqian"
        )
