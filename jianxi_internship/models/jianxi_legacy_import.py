import base64
import io
import logging
import zipfile
from collections import defaultdict
from datetime import date, datetime, time

import xlsxwriter
from markupsafe import escape
from openpyxl import load_workbook

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount

from ..rules import bounds, legacy_import
from .jianxi_internship import OPEN_STATES, PAST_APPROVAL_STATES

_logger = logging.getLogger(__name__)

# The largest spreadsheet read: MAX_ROWS rows of 18 short cells are far below it.
MAX_FILE_BYTES = 20 * 1024 * 1024
# The internship's fields a row sets, and those a corrected file may change on a re-import.
UPDATABLE_FIELDS = (
    "agreement_date",
    "planned_end_date",
    "state",
    "actual_end_date",
    "end_reason",
    "kept_on",
    "kept_on_date",
    "accident_premium",
    "medical_premium",
)


class JianxiLegacyImport(models.Model):
    """One legacy file (历史见习导入, issue 12): the bureau's spreadsheet of internships begun before
    the online zone, checked, then imported under a legacy rule set.

    A manager uploads the file and runs ``action_validate`` (the dry run: every row checked by
    ``rules.legacy_import`` and against the database, nothing written but the result lines), then
    ``action_import``, which checks again and writes everything in the request's one transaction:
    applicants matched by ID number (created with their contact when missing), units matched by
    credit code (created certified when missing), one closed legacy position per unit, title and
    allowance, and the internships in their real state. Rows are matched to what an earlier file
    imported by their natural key (ID number, credit code, start date): a corrected file updates
    them or leaves them unchanged, never creates them twice.

    The queries grow by a small constant per row: every lookup reads all rows' keys at once and
    every creation is one batch (``tests/test_legacy_import.py`` measures the slope).
    """

    _name = "jianxi.legacy.import"
    _inherit = ["mail.thread"]
    _description = "Legacy Internship Import"
    _order = "id desc"
    _rec_name = "file_name"

    policy_id = fields.Many2one(
        "jianxi.policy",
        string="Legacy Rule Set",
        required=True,
        ondelete="restrict",
        tracking=True,
        domain="[('is_legacy', '=', True)]",
        default=lambda self: self.env["jianxi.policy"].search([("is_legacy", "=", True)], limit=1),
        help="The rules the imported internships keep, and under which they are claimed.",
    )
    file = fields.Binary(string="Spreadsheet", attachment=True, copy=False)
    file_name = fields.Char(copy=False)
    state = fields.Selection(
        [("draft", "To Check"), ("checked", "Checked"), ("done", "Imported")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    import_valid_only = fields.Boolean(
        string="Import Only the Valid Rows",
        help="Import the rows without errors and leave the others out. Unticked, nothing is imported while a "
        "row has an error.",
    )
    file_error_codes = fields.Json(readonly=True, copy=False)
    file_errors = fields.Text(string="Errors of the File", compute="_compute_file_errors")
    line_ids = fields.One2many("jianxi.legacy.import.line", "import_id", string="Rows", readonly=True)
    row_count = fields.Integer(string="Rows Read", compute="_compute_counts")
    error_count = fields.Integer(string="Rows with Errors", compute="_compute_counts")
    create_count = fields.Integer(string="New Internships", compute="_compute_counts")
    update_count = fields.Integer(string="Corrected Internships", compute="_compute_counts")
    unchanged_count = fields.Integer(string="Unchanged Internships", compute="_compute_counts")
    checked_at = fields.Datetime(string="Checked On", readonly=True, copy=False)
    imported_at = fields.Datetime(string="Imported On", readonly=True, copy=False)
    imported_by_id = fields.Many2one("res.users", string="Imported By", readonly=True, copy=False)
    internship_ids = fields.One2many("jianxi.internship", "legacy_import_id", string="Internships", readonly=True)

    @api.depends("file_error_codes")
    @api.depends_context("lang")
    def _compute_file_errors(self):
        for batch in self:
            batch.file_errors = "\n".join(
                legacy_import.render_error(code, params, self.env._) for code, params in batch.file_error_codes or []
            )

    @api.depends("line_ids.action")
    def _compute_counts(self):
        for batch in self:
            actions = batch.line_ids.mapped("action")
            batch.row_count = len(actions)
            batch.error_count = actions.count("error")
            batch.create_count = actions.count("create")
            batch.update_count = actions.count("update")
            batch.unchanged_count = actions.count("unchanged")

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        self.env["jianxi.internship"]._jianxi_check_manager()
        return super().create(vals_list)

    def write(self, vals):
        if "file" in vals:
            if any(batch.state == "done" for batch in self):
                raise UserError(
                    _("An imported file stays as it was imported: start a new import for a corrected file.")
                )
            # a new file must be checked again
            self.line_ids.unlink()
            vals = dict(vals, state="draft", file_error_codes=False)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if any(batch.state == "done" for batch in self):
            raise UserError(_("An import that created internships stays on record."))

    # ------------------------------------------------------------------ actions
    def action_download_template(self):
        """The template with its Chinese headers, choices and instructions (controllers/legacy_import.py)."""
        return {"type": "ir.actions.act_url", "url": "/jianxi/legacy_import/template", "target": "download"}

    def action_download_errors(self):
        """The rows with errors and their reasons, in the reader's language, as a spreadsheet."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/jianxi/legacy_import/{self.id}/errors",
            "target": "download",
        }

    def action_validate(self):
        """The dry run: check every row, store the result lines; nothing else is written."""
        self.env["jianxi.internship"]._jianxi_check_manager()
        for batch in self:
            batch._jianxi_check_not_done()
            batch._jianxi_plan()
        return True

    def action_import(self):
        """Check the file again and import it, in this one transaction.

        Refused while a row has an error, unless ``import_valid_only`` is set (then the rows with
        errors are left out, and their lines say why)."""
        self.env["jianxi.internship"]._jianxi_check_manager()
        self.ensure_one()
        self._jianxi_check_not_done()
        file_errors, plan = self._jianxi_plan(store=False)
        if file_errors:
            raise UserError(self.file_errors)
        errors = [item for item in plan if item["row"].errors]
        if errors and not self.import_valid_only:
            raise UserError(
                _(
                    "%(count)s of %(total)s rows have errors (the first is row %(row)s: %(error)s). Correct the file "
                    "and upload it again, or tick “Import Only the Valid Rows”.",
                    count=len(errors),
                    total=len(plan),
                    row=errors[0]["row"].number,
                    error=legacy_import.render_error(*errors[0]["row"].errors[0], self.env._),
                )
            )
        todo = [item for item in plan if not item["row"].errors]
        if not todo:
            raise UserError(_("No row of the file can be imported: the list of rows says why."))
        self._jianxi_write(todo)
        self._jianxi_store_lines(plan)  # the result, with the internships it made
        self.sudo().write({"state": "done", "imported_at": fields.Datetime.now(), "imported_by_id": self.env.uid})
        counts = defaultdict(int)
        for item in plan:
            counts[item["action"]] += 1
        self._jianxi_post_file(counts)
        return True

    # ------------------------------------------------------------------ the checks
    def _jianxi_check_not_done(self):
        if self.state == "done":
            raise UserError(_("This file is imported already: start a new import for a corrected file."))

    def _jianxi_rows(self):
        """The rows of the uploaded workbook's first sheet (header first), or raise the file's error
        as ``(code, params)``."""
        if not self.file:
            raise _FileError("file.empty")
        content = base64.b64decode(self.with_context(bin_size=False).file)
        if len(content) > MAX_FILE_BYTES:
            raise _FileError("file.too_large", max=MAX_FILE_BYTES // (1024 * 1024))
        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            sheet = workbook.worksheets[0]
            return list(sheet.iter_rows(values_only=True, max_row=legacy_import.MAX_ROWS + 2))
        except (zipfile.BadZipFile, OSError, KeyError, ValueError, IndexError, TypeError) as error:
            _logger.info("legacy import %s: unreadable file (%s)", self.id, error)
            raise _FileError("file.unreadable") from error

    def _jianxi_context(self):
        """What ``rules.legacy_import`` checks the rows against."""
        policy = self.policy_id.sudo()
        if not policy.is_legacy:
            raise UserError(_("%(policy)s is not a legacy rule set.", policy=policy.name))
        counties_by_code, counties_by_name = {}, defaultdict(list)
        for region in self.env["jianxi.region"].sudo().search_fetch([], ["name", "code", "level"]):
            county = legacy_import.County(region.id, region.name, region.code, region.level)
            counties_by_code[region.code] = county
            counties_by_name[region.name].append(county)
        return legacy_import.Context(
            today=fields.Date.context_today(self),
            counties_by_code=counties_by_code,
            counties_by_name=dict(counties_by_name),
            cutoff=policy.legacy_started_before,
            policy_name=policy.name,
            duration_min_months=policy.duration_min_months,
            duration_max_months=policy.duration_max_months,
        )

    def _jianxi_plan(self, store=True):
        """Check every row and decide what becomes of it; store the result lines (unless ``store`` is
        false: the import stores them once it is done, with their internships).

        :returns: ``(file_errors, plan)``: the file's errors, and per row a dict with ``row`` (its
            ``LegacyRow``, errors included), ``action`` and, for a row seen before, ``internship``.
        """
        self.ensure_one()
        try:
            file_errors, rows = legacy_import.parse_rows(self._jianxi_rows(), self._jianxi_context())
        except _FileError as error:
            file_errors, rows = [(error.code, error.params)], []
        plan = self._jianxi_check_database(rows)
        if store:
            self._jianxi_store_lines(plan)
        self.sudo().write(
            {
                "file_error_codes": [list(error) for error in file_errors] or False,
                "state": "checked",
                "checked_at": fields.Datetime.now(),
            }
        )
        return file_errors, plan

    def _jianxi_check_database(self, rows):
        """The checks that need the database, for all rows at once (a fixed number of queries)."""
        valid = [row for row in rows if not row.errors]
        Applicant = self.env["jianxi.applicant"].sudo().with_context(active_test=False)
        Unit = self.env["jianxi.unit"].sudo().with_context(active_test=False)
        Internship = self.env["jianxi.internship"].sudo().with_context(active_test=False)
        applicants = {
            a.id_number: a
            for a in Applicant.search_fetch(
                [("id_number", "in", [row.values["id_number"] for row in valid])], ["name", "id_number"]
            )
        }
        units = {
            u.credit_code: u
            for u in Unit.search_fetch(
                [("credit_code", "in", [row.values["credit_code"] for row in valid])], ["name", "credit_code"]
            )
        }
        internships = defaultdict(list)  # applicant id -> internships
        for internship in Internship.search_fetch(
            [("applicant_id", "in", [a.id for a in applicants.values()])],
            ["applicant_id", "unit_id", "start_date", "applied_at", "state", "is_legacy", *UPDATABLE_FIELDS],
        ):
            internships[internship.applicant_id.id].append(internship)
        claimed = {
            line.internship_id.id: line.claim_id.name
            for line in self.env["jianxi.subsidy.claim.line"]
            .sudo()
            .search_fetch(
                [
                    ("internship_id", "in", [i.id for items in internships.values() for i in items]),
                    ("state", "!=", "rejected"),
                ],
                ["internship_id", "claim_id"],
            )
        }
        wage_of = self.env["jianxi.minimum.wage"]._lookup_table(
            self.env["jianxi.region"].browse({row.values["county"] for row in valid}), ["amount"]
        )
        currency = self.env.ref("base.CNY")  # (once: each ``ref`` is a query)
        plan = []
        for row in rows:
            item = {"row": row, "action": "error", "internship": Internship.browse()}
            if not row.errors:
                self._jianxi_check_row(row, item, applicants, units, internships, claimed, wage_of, currency)
            plan.append(item)
        return plan

    def _jianxi_check_row(self, row, item, applicants, units, internships, claimed, wage_of, currency):
        values = row.values
        start = date.fromisoformat(values["start_date"])
        county = self.env["jianxi.region"].browse(values["county"])
        wage = wage_of[county.id](start)
        if not wage:
            row.error("wage.missing", county=county.name, day=values["start_date"])
        elif values["allowance"] < wage.amount:
            row.error(
                "wage.below",
                allowance=format_amount(self.env, values["allowance"], currency),
                county=county.name,
                day=values["start_date"],
                wage=format_amount(self.env, wage.amount, currency),
            )
        unit = units.get(values["credit_code"])
        if unit and not _same_name(unit.name, values["unit_name"]):
            row.error("existing.unit_mismatch", unit=unit.name)
        applicant = applicants.get(values["id_number"])
        if not applicant:
            item["action"] = "create" if not row.errors else "error"
            return
        if not _same_name(applicant.name, values["name"]):
            row.error("person.name_mismatch", name=applicant.name)
        same = None
        for internship in internships[applicant.id]:
            if unit and internship.unit_id == unit and internship.start_date == start:
                same = internship
            elif internship.state in PAST_APPROVAL_STATES:
                row.error(
                    "person.interned",
                    unit=internship.unit_id.name,
                    start=fields.Date.to_string(internship.start_date or internship.applied_at.date()),
                )
            elif internship.state in OPEN_STATES:
                row.error("person.open_application", unit=internship.unit_id.name)
        if same and not same.is_legacy:
            row.error("existing.online", start=values["start_date"])
        if row.errors:
            return
        if not same:
            item["action"] = "create"
            return
        changes = {
            name: value
            for name, value in self._jianxi_internship_values(row).items()
            if name in UPDATABLE_FIELDS and _differs(same[name], value)
        }
        if changes and same.id in claimed:
            row.error("existing.claimed", claim=claimed[same.id])
            return
        item.update(action="update" if changes else "unchanged", internship=same, changes=changes)

    def _jianxi_store_lines(self, plan):
        """The result lines of ``plan``, in place of the last ones (one delete, one insert)."""
        Line = self.env["jianxi.legacy.import.line"].sudo()
        Line.search([("import_id", "=", self.id)]).unlink()
        Line.create([self._jianxi_line_values(item) for item in plan])

    def _jianxi_line_values(self, item):
        row = item["row"]
        values = row.values
        return {
            "import_id": self.id,
            "row_number": row.number,
            "action": "error" if row.errors else item["action"],
            "error_codes": [list(error) for error in row.errors] or False,
            "person_name": values.get("name"),
            "id_number": values.get("id_number"),
            "unit_name": values.get("unit_name"),
            "start_date": values.get("start_date"),
            "internship_id": item["internship"].id,
        }

    # ------------------------------------------------------------------ the import
    def _jianxi_internship_values(self, row):
        values = row.values
        kept_on = bool(values.get("kept_on"))
        return {
            "agreement_date": date.fromisoformat(values["agreement_date"]),
            "start_date": date.fromisoformat(values["start_date"]),
            "planned_end_date": date.fromisoformat(values["planned_end_date"]),
            "state": values["state"],
            "actual_end_date": values.get("actual_end_date") and date.fromisoformat(values["actual_end_date"]),
            "end_reason": values.get("end_reason") or False,
            "kept_on": kept_on,
            "kept_on_date": kept_on and date.fromisoformat(values["actual_end_date"]),
            "accident_premium": values.get("accident_premium") or 0.0,
            "medical_premium": values.get("medical_premium") or 0.0,
        }

    def _jianxi_write(self, todo):
        """Create and update what the rows say, in batches."""
        env = self.env(su=True, context=dict(self.env.context, tracking_disable=True, mail_create_nolog=True))
        rows = [item["row"] for item in todo]
        applicants = self._jianxi_applicants(env, rows)
        units = self._jianxi_units(env, rows)
        positions = self._jianxi_positions(env, rows, units, self.env.ref("base.CNY"))
        file_label = self.file_name or str(self.id)
        currency = self.env.ref("base.CNY")
        new_vals, notes = [], {}
        for item in todo:
            row = item["row"]
            if item["action"] == "update":
                item["internship"].with_env(env).write(item["changes"])
                notes[item["internship"].id] = (row.number, True)
            elif item["action"] == "create":
                values = row.values
                new_vals.append(
                    {
                        **self._jianxi_internship_values(row),
                        "applicant_id": applicants[values["id_number"]].id,
                        "currency_id": currency.id,  # (given: the default's ``ref`` is a query per record)
                        "position_id": positions[_position_key(row, units)].id,
                        "applied_at": datetime.combine(date.fromisoformat(values["start_date"]), time(8)),
                        "is_legacy": True,
                        "legacy_policy_id": self.policy_id.id,
                        "legacy_import_id": self.id,
                        "legacy_row": row.number,
                    }
                )
        created = env["jianxi.internship"].create(new_vals)
        for internship, vals in zip(created, new_vals, strict=True):
            notes[internship.id] = (vals["legacy_row"], False)
        updated = env["jianxi.internship"].browse([i for i, (_row, update) in notes.items() if update])
        updated.write({"legacy_import_id": self.id})
        created_by_row = {internship.legacy_row: internship for internship in created}
        for item in todo:
            item["internship"] = item["internship"] or created_by_row[item["row"].number]
        # one chatter line per internship, written in one batch
        bodies = {
            internship_id: escape(
                _(
                    "Corrected by the legacy file %(file)s, row %(row)s, under %(policy)s.",
                    file=file_label,
                    row=row,
                    policy=self.policy_id.name,
                )
                if update
                else _(
                    "Imported from the legacy file %(file)s, row %(row)s, under %(policy)s.",
                    file=file_label,
                    row=row,
                    policy=self.policy_id.name,
                )
            )
            for internship_id, (row, update) in notes.items()
        }
        env["jianxi.internship"].browse(list(bodies))._message_log_batch(bodies, author_id=self.env.user.partner_id.id)

    def _jianxi_applicants(self, env, rows):
        """{ID number: applicant}: those that exist, and the missing ones created with their contact."""
        Applicant = env["jianxi.applicant"].with_context(active_test=False)
        first = _first_row_by(rows, "id_number")
        found = {a.id_number: a for a in Applicant.search_fetch([("id_number", "in", list(first))], ["id_number"])}
        missing = [number for number in first if number not in found]
        partners = env["res.partner"].create(
            [{"name": first[n].values["name"], "phone": first[n].values.get("phone") or False} for n in missing]
        )
        created = Applicant.create(
            [
                {
                    "name": first[n].values["name"],
                    "partner_id": partner.id,
                    "id_number": n,
                    "category": first[n].values.get("category") or False,
                }
                for n, partner in zip(missing, partners, strict=True)
            ]
        )
        created._message_log_batch(
            dict.fromkeys(
                created.ids,
                escape(_("Created by the legacy file %(file)s.", file=self.file_name or str(self.id))),
            ),
            author_id=self.env.user.partner_id.id,
        )
        found.update((a.id_number, a) for a in created)
        return found

    def _jianxi_units(self, env, rows):
        """{credit code: unit}: those that exist, and the missing ones created certified."""
        Unit = env["jianxi.unit"].with_context(active_test=False)
        first = _first_row_by(rows, "credit_code")
        found = {u.credit_code: u for u in Unit.search_fetch([("credit_code", "in", list(first))], ["credit_code"])}
        missing = [code for code in first if code not in found]
        partners = env["res.partner"].create(
            [{"name": first[code].values["unit_name"], "is_company": True} for code in missing]
        )
        created = Unit.create(
            [
                {
                    "name": first[code].values["unit_name"],
                    "partner_id": partner.id,
                    "credit_code": code,
                    "region_id": first[code].values["county"],
                    "state": "certified",
                    "certified_date": fields.Date.context_today(self),
                    "certified_by_id": self.env.uid,
                }
                for code, partner in zip(missing, partners, strict=True)
            ]
        )
        created._message_log_batch(
            dict.fromkeys(
                created.ids,
                escape(
                    _(
                        "Created, certified, by the legacy file %(file)s: it hosted interns before the online zone.",
                        file=self.file_name or str(self.id),
                    )
                ),
            ),
            author_id=self.env.user.partner_id.id,
        )
        found.update((u.credit_code, u) for u in created)
        return found

    def _jianxi_positions(self, env, rows, units, currency):
        """{(unit id, county id, title, allowance): position}: one closed legacy position per unit,
        county, title and allowance, reused by later files, its headcount and duration grown to
        cover its internships."""
        by_key = defaultdict(list)
        for row in rows:
            by_key[_position_key(row, units)].append(row)
        Position = env["jianxi.position"].with_context(active_test=False)
        existing = {
            (p.unit_id.id, p.region_id.id, p.name, p.allowance): p
            for p in Position.search_fetch(
                [("is_legacy", "=", True), ("unit_id", "in", [u.id for u in units.values()])],
                ["unit_id", "region_id", "name", "allowance", "headcount", "duration_months", "planned_start_date"],
            )
        }
        filled = dict(
            env["jianxi.internship"]
            .with_context(active_test=False)
            ._read_group([("position_id", "in", [p.id for p in existing.values()])], ["position_id"], ["__count"])
        )
        new_vals = []
        for key, key_rows in by_key.items():
            starts = [date.fromisoformat(row.values["start_date"]) for row in key_rows]
            months = max(
                legacy_import.months_between(
                    date.fromisoformat(r.values["start_date"]), date.fromisoformat(r.values["planned_end_date"])
                )
                for r in key_rows
            )
            position = existing.get(key)
            if position:
                position.write(
                    {
                        "headcount": min(
                            bounds.MAX_HEADCOUNT, max(position.headcount, filled.get(position, 0) + len(key_rows))
                        ),
                        "duration_months": max(position.duration_months, min(months, bounds.MAX_MONTHS)),
                        "planned_start_date": min(position.planned_start_date, *starts),
                    }
                )
                continue
            unit_id, region_id, title, allowance = key
            new_vals.append(
                {
                    "name": title,
                    "content": title,
                    "unit_id": unit_id,
                    "region_id": region_id,
                    "allowance": allowance,
                    "headcount": min(len(key_rows), bounds.MAX_HEADCOUNT),
                    "duration_months": min(months, bounds.MAX_MONTHS),
                    "planned_start_date": min(starts),
                    "deadline": min(starts),
                    "state": "closed",
                    "is_legacy": True,
                    "currency_id": currency.id,
                }
            )
        created = Position.create(new_vals)
        existing.update(((p.unit_id.id, p.region_id.id, p.name, p.allowance), p) for p in created)
        return existing

    def _jianxi_post_file(self, counts):
        """The file, kept as an attachment in the import's chatter, with what became of its rows."""
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": self.file_name or "legacy.xlsx",
                    "datas": self.with_context(bin_size=False).file,
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        )
        # a log, not a post: a manager without an email address imports all the same
        self._message_log(
            body=escape(
                _(
                    "Imported: %(created)s new internships, %(updated)s corrected, %(unchanged)s unchanged, "
                    "%(errors)s rows left out for their errors.",
                    created=counts["create"],
                    updated=counts["update"],
                    unchanged=counts["unchanged"],
                    errors=counts["error"],
                )
            ),
            author_id=self.env.user.partner_id.id,
            attachment_ids=attachment.ids,
        )

    # ------------------------------------------------------------------ downloads
    @api.model
    def _jianxi_template_xlsx(self):
        """The template: the headers (a * marks the required ones), the choices as drop-down lists,
        the ID number and credit code columns as text (else Excel rounds them), and a sheet that
        says what to write in each column."""
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = workbook.add_worksheet("见习人员")
        bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        text_format = workbook.add_format({"num_format": "@"})
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        for index, column in enumerate(legacy_import.COLUMNS):
            sheet.write(0, index, ("*" if column.required else "") + column.header, bold)
            cell_format = (
                text_format
                if column.kind in ("id_number", "credit_code", "text", "county")
                else date_format
                if column.kind == "date"
                else None
            )
            sheet.set_column(index, index, max(12, 2 * len(column.header) + 2), cell_format)
            if column.kind in legacy_import.CHOICES:
                sheet.data_validation(
                    1,
                    index,
                    legacy_import.MAX_ROWS,
                    index,
                    {"validate": "list", "source": list(legacy_import.CHOICES[column.kind])},
                )
        sheet.freeze_panes(1, 0)
        notes = workbook.add_worksheet("填写说明")
        for index, header in enumerate(("列名", "是否必填", "填写说明")):
            notes.write(0, index, header, bold)
        for index, column in enumerate(legacy_import.COLUMNS, start=1):
            notes.write_row(index, 0, (column.header, "必填" if column.required else "选填", column.hint))
        notes.set_column(0, 0, 24)
        notes.set_column(2, 2, 80)
        workbook.close()
        return output.getvalue()

    def _jianxi_errors_xlsx(self):
        """The rows with errors and why, in the reader's language."""
        self.ensure_one()
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = workbook.add_worksheet(_("Errors"))
        bold = workbook.add_format({"bold": True})
        wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
        sheet.write_row(0, 0, (_("Row"), _("Name"), _("Internship Unit"), _("Errors")), bold)
        rows = [("", "", "", self.file_errors)] if self.file_errors else []
        rows += [
            (line.row_number, line.person_name or "", line.unit_name or "", line.errors)
            for line in self.line_ids.filtered(lambda line: line.action == "error")
        ]
        for index, row in enumerate(rows, start=1):
            sheet.write_row(index, 0, row, wrap)
        sheet.set_column(0, 0, 8)
        sheet.set_column(1, 2, 24)
        sheet.set_column(3, 3, 90)
        workbook.close()
        return output.getvalue()


class _FileError(Exception):
    def __init__(self, code, **params):
        super().__init__(code)
        self.code = code
        self.params = params


def _first_row_by(rows, key):
    """{value of ``key``: the first row with it}, in the order of the file."""
    first = {}
    for row in rows:
        first.setdefault(row.values[key], row)
    return first


def _same_name(a, b):
    """Whether two names are the same, whatever the spaces."""
    return "".join((a or "").split()) == "".join((b or "").split())


def _differs(current, new):
    if isinstance(current, float) or isinstance(new, float):
        return round(current or 0.0, 2) != round(new or 0.0, 2)
    return (current or False) != (new or False)


def _position_key(row, units):
    values = row.values
    return (units[values["credit_code"]].id, values["county"], values["position"], values["allowance"])
