from datetime import timedelta
from types import SimpleNamespace

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date, formatLang, get_lang

from ..rules import chinese_amount, identity


class JianxiReportDocument(models.AbstractModel):
    """What the addon's PDF reports share.

    Each report of the addon is an abstract model ``report.jianxi_internship.<template>`` that
    inherits this one and names the model it prints. ``_get_report_values``:

    1. checks that the reader may read the printed records (ACL and record rules), then reads them
       as superuser, so that a unit's portal contact can print the names of its interns (whose
       applicant records portal rules keep private). The reader stays ``env.user``: the rights
       that decide what is shown (a full or a masked ID number) are the reader's own.
    2. refuses records the report does not print: those whose state is not in
       ``_jianxi_printable_states`` (``_jianxi_check_printable``, with the report's own message);
    3. prints each document in the language of the person it is for, whoever prints it: each report
       names that person (``_jianxi_document_partner``: the intern for the agreement and the
       certificate, the unit for its claim form and rosters), and ``_jianxi_document_lang`` takes
       their language, or the reader's when they have none or theirs is not installed. The
       template loops on ``docs`` and calls the report's ``..._document`` template once per record
       with ``t-lang="document_lang(doc)"`` (Odoo's mechanism, as sale's and account's reports):
       the template's own words and the ``t-field`` values follow that language. The document
       template then binds the record to the language (``doc.with_context(lang=h.lang)``, for the
       fields computed in the reader's language) and takes its helpers from
       ``h = helpers(document_lang(doc))``: ``h.id_number(applicant)``, ``h.amount_in_words(amount)``,
       ``h.duration(start, end)``, ``h.period(start, end)``, ``h.date(day)``,
       ``h.money(amount, currency)`` and each report's own (``_jianxi_report_helpers``), which format
       in that language. No helper is given outside of ``helpers``, so that none formats in the
       reader's language by mistake. Sentences with values inside are built in Python
       (``self.env._`` with named placeholders), so that a translation can put the values in
       Chinese word order with Chinese punctuation.

    A portal controller that already checked the access renders with ``ir.actions.report.sudo()``:
    the check is then a no-op, and the masking still follows the real user.

    The templates print all records in ONE ``article`` (one document per record, separated by page
    breaks): Debian's wkhtmltopdf is built on an unpatched Qt, which accepts a single input
    document only, and Odoo passes one per ``article``.
    """

    _name = "jianxi.report.document"
    _description = "Internship PDF Report Helpers"

    # The model whose records the report prints: set by each report.
    _jianxi_report_model = None
    # The states of the records the report prints (with a ``state`` field); empty: every record.
    _jianxi_printable_states = ()
    # Whether the report shows full resident ID numbers to every reader allowed to print it (the
    # agreement and the certificate: documents of the two parties), or masks them for readers who are
    # not internship officers (the rosters: lists handed around).
    _jianxi_full_id_numbers = False

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env[self._jianxi_report_model].browse(docids)
        docs.check_access("read")
        docs = docs.sudo()
        self._jianxi_check_printable(docs)
        # web.report_layout's <title>, which the PDF keeps as its title (a PDF viewer shows it): the
        # report's name, not "Odoo Report", in the language of the documents when they share one.
        langs = {self._jianxi_document_lang(doc) for doc in docs}
        title_lang = langs.pop() if len(langs) == 1 else get_lang(self.env).code
        return {
            "doc_ids": docs.ids,
            "doc_model": docs._name,
            "docs": docs,
            "full_id_numbers": self._jianxi_full_ids(),
            "document_lang": self._jianxi_document_lang,
            "helpers": self._jianxi_helpers,
            "today": fields.Date.context_today(self),
            "title": self.with_context(lang=title_lang)._jianxi_report_title(),
            **self._jianxi_report_extra_values(docs),
        }

    @api.model
    def _jianxi_document_partner(self, doc):
        """The partner the document printed for ``doc`` is for: it is printed in their language.
        Each report says whose; none (the default) prints in the reader's language."""
        return self.env["res.partner"]

    @api.model
    def _jianxi_document_lang(self, doc):
        """The language the document of ``doc`` is printed in: that of the partner it is for
        (``_jianxi_document_partner``), or the reader's when the partner has no language or one that
        is not installed."""
        lang = self._jianxi_document_partner(doc).sudo().lang
        if lang and lang in dict(self.env["res.lang"].get_installed()):
            return lang
        return get_lang(self.env).code

    @api.model
    def _jianxi_helpers(self, lang):
        """The helpers of a document template (``h``), formatting in ``lang``, with ``h.lang``."""
        return SimpleNamespace(lang=lang, **self.with_context(lang=lang)._jianxi_report_helpers())

    @api.model
    def _jianxi_report_helpers(self):
        """The functions a document template calls (see the class), formatting in the language of
        ``self.env``. A report adds its own: ``{**super()._jianxi_report_helpers(), ...}``."""
        full_ids = self._jianxi_full_ids()
        return {
            "id_number": lambda applicant: self._jianxi_id_number(applicant, full_ids),
            "amount_in_words": chinese_amount.amount_to_chinese_capital,
            "duration": self._jianxi_duration_text,
            "period": self._jianxi_period_text,
            "date": lambda day: format_date(self.env, day) if day else "",
            "money": lambda amount, currency: formatLang(self.env, amount or 0.0, currency_obj=currency),
        }

    @api.model
    def _jianxi_full_ids(self):
        """Whether the report shows full ID numbers to this reader (see ``_jianxi_full_id_numbers``)."""
        return self._jianxi_full_id_numbers or self._jianxi_reader_sees_full_ids()

    @api.model
    def _jianxi_report_title(self):
        """The name of the report action that prints with this model, in the rendering's language."""
        report_name = self._name.removeprefix("report.")
        return self.env["ir.actions.report"].sudo().search([("report_name", "=", report_name)], limit=1).name

    @api.model
    def _jianxi_check_printable(self, docs):
        """Raise a UserError naming every record whose state is not printable, each with its
        reason, so that an officer who printed a selection knows which to leave out at once."""
        if not self._jianxi_printable_states:
            return True
        selection = dict(docs._fields["state"]._description_selection(self.env))
        refused = [
            self._jianxi_unprintable_message(doc, selection[doc.state])
            for doc in docs
            if doc.state not in self._jianxi_printable_states
        ]
        if len(refused) == 1 and len(docs) == 1:
            raise UserError(refused[0])
        if refused:
            heading = self.env._(
                "%(refused)s of the %(selected)s records selected cannot be printed; leave them out of the "
                "selection and print again:",
                refused=len(refused),
                selected=len(docs),
            )
            raise UserError("\n".join([heading, *refused]))
        return True

    @api.model
    def _jianxi_unprintable_message(self, doc, state):
        """Why ``doc``, in the state labelled ``state``, is not printed: each report that sets
        ``_jianxi_printable_states`` says it in its own words."""
        raise NotImplementedError(f"{self._name} sets _jianxi_printable_states without its message")

    @api.model
    def _jianxi_report_extra_values(self, docs):
        """More values for the template (rows of a roster...), the same in every language: what is
        text goes through ``_jianxi_report_helpers``. ``docs`` are read as superuser."""
        return {}

    @api.model
    def _jianxi_reader_sees_full_ids(self):
        """Lists handed around (the rosters) mask ID numbers for every reader, bureau staff included:
        staff see a full number only through the reveal action, which is logged
        (docs/personal_data.md)."""
        return False

    @api.model
    def _jianxi_id_number(self, applicant, full):
        """The applicant's resident ID number, in full or masked (first 6 and last 4 characters)."""
        number = applicant.id_number or ""
        return number if full else identity.mask_resident_id(number)

    @api.model
    def _jianxi_period_length(self, start, end):
        """(months, days) from ``start`` to ``end``, both included: 2023-09-01 → 2024-02-29 is (6, 0),
        2023-09-16 → 2024-02-29 is (5, 14)."""
        if not (start and end) or end < start:
            return 0, 0
        delta = relativedelta(end + timedelta(days=1), start)
        return delta.years * 12 + delta.months, delta.days

    @api.model
    def _jianxi_duration_text(self, start, end):
        """“6 months”, or “5 months and 14 days”, from ``start`` to ``end`` (both included)."""
        months, days = self._jianxi_period_length(start, end)
        if days:
            return self.env._("%(months)s months and %(days)s days", months=months, days=days)
        return self.env._("%(months)s months", months=months)

    @api.model
    def _jianxi_period_text(self, start, end):
        """“From 2026-05-01 to 2026-10-31, 6 months” (自2026年05月01日至2026年10月31日，共6个月): one
        sentence, so that a translation puts its own punctuation between the values."""
        return self.env._(
            "From %(start)s to %(end)s, %(duration)s",
            start=format_date(self.env, start),
            end=format_date(self.env, end),
            duration=self._jianxi_duration_text(start, end),
        )
