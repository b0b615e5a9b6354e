from odoo import _, http
from odoo.http import request

from ..models.jianxi_unit import UNIT_FILES, UNIT_FORM_FIELDS
from .portal_base import upload_body_limit
from .portal_reports import UNIT_REPORTS
from .portal_unit import JianxiUnitPortal


class JianxiUnitProfilePortal(JianxiUnitPortal):
    """The unit's profile (``/my/unit``): edit it while draft or rejected, submit it for
    certification, print the unit's roster of interns."""

    @http.route(
        "/my/unit",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
        max_content_length=upload_body_limit(UNIT_FILES),
    )
    def jianxi_portal_unit(self, message=None, **post):
        unit = self._jianxi_unit_or_404()
        error, form, kept = None, None, None
        if request.httprequest.method == "POST":
            error, kept = self._jianxi_save_form(unit, UNIT_FORM_FIELDS, UNIT_FILES, post, unit.action_save_profile)
            if not error:
                return request.redirect("/my/unit?message=saved")
            form = self._jianxi_posted_form(UNIT_FORM_FIELDS, post)
        return self._jianxi_render_unit(unit, message=message, error=error, form=form, kept=kept)

    @http.route("/my/unit/bank", type="http", auth="user", methods=["POST"], website=True)
    def jianxi_portal_unit_bank(self, bank_name=None, acc_number=None, acc_holder_name=None, **post):
        """The unit's bank account (开户银行、账号、户名), in any state: the page says it is tracked."""
        unit = self._jianxi_unit_or_404()
        typed = {"bank_name": bank_name, "acc_number": acc_number, "acc_holder_name": acc_holder_name}
        error = self._jianxi_call(lambda: unit.action_save_bank_account(bank_name, acc_number, acc_holder_name))
        if not error:
            return request.redirect("/my/unit?message=bank_saved#jianxi_bank")
        return self._jianxi_render_unit(unit, error=error, bank_form=typed)

    @http.route("/my/unit/submit", type="http", auth="user", methods=["POST"], website=True)
    def jianxi_portal_unit_submit(self, **post):
        unit = self._jianxi_unit_or_404()
        error = self._jianxi_call(unit.action_submit)
        if not error:
            return request.redirect("/my/unit?message=unit_submitted")
        return self._jianxi_render_unit(unit, error=error)

    @http.route("/my/unit/report/roster", type="http", auth="user", methods=["GET"], website=True)
    def jianxi_portal_unit_report(self, download=None, **kwargs):
        unit = self._jianxi_unit_or_404()
        return self._jianxi_show_report(
            unit, UNIT_REPORTS, "roster", download, lambda error: self._jianxi_render_unit(unit, error=error)
        )

    def _jianxi_messages(self):
        return {
            **super()._jianxi_messages(),
            "unit_submitted": _("The unit is submitted for certification. The bureau will review it."),
            "bank_saved": _("The bank account is saved. Subsidies will be paid into it."),
        }

    def _jianxi_render_unit(self, unit, message=None, error=None, form=None, kept=None, bank_form=None):
        unit_sudo = unit.sudo()  # the unit was found as the user; sudo reads its industry's name and bank
        return self._jianxi_render_unit_page(
            "jianxi_internship.portal_my_jianxi_unit",
            unit,
            {
                "page_name": "jianxi_unit",
                "editable": unit.state in ("draft", "rejected"),
                "form": form or self._jianxi_record_form(unit, UNIT_FORM_FIELDS),
                "industry_name": unit_sudo.industry_id.name,
                "has_licence": bool(unit.with_context(bin_size=True).business_licence),
                "licence_filename": unit.business_licence_filename,
                "counties": request.env["jianxi.region"].search([("level", "=", "county")]),
                "industries": request.env["res.partner.industry"].sudo().search_read([], ["name"]),
                "unit_types": unit._fields["unit_type"]._description_selection(request.env),
                "missing": unit._jianxi_missing_for_submission() if unit.state in ("draft", "rejected") else [],
                "jianxi_kept": kept,
                # what the bank form shows: what was typed after a refusal, else the account on record
                # (the holder is the unit's registered name until one is recorded)
                "bank_form": bank_form
                or {
                    "bank_name": unit_sudo.bank_name or "",
                    "acc_number": unit_sudo.bank_acc_number or "",
                    "acc_holder_name": unit_sudo.bank_acc_holder_name or unit_sudo.name,
                },
            },
            message=message,
            error=error,
        )
