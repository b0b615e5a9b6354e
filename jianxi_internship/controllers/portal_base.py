import base64
import math
from urllib.parse import urlsplit

from werkzeug.exceptions import NotFound

from odoo import _, fields
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..rules import bounds, text

# The inputs of an upload kept from a refused submission (portal_jianxi_upload_retry): the hidden
# id of the draft, and the box that drops it.
DRAFT_INPUT = "jianxi_draft_%s"
MAX_DATABASE_INTEGER = bounds.MAX_DATABASE_INTEGER
TYPED_FIELD_TYPES = ("char", "text", "selection", "many2one", "integer", "float", "monetary", "date")
DRAFT_REMOVE_INPUT = "jianxi_draft_remove_%s"
# What a form with uploads sends beside its files (its typed fields, the multipart envelope), in MB.
FORM_FIELDS_MARGIN_MB = 1


def upload_body_limit(files):
    """The ``max_content_length`` of the route of a form that uploads ``files`` (``{binary field:
    file name field}``): what its files may weigh under the largest policy limit, and the form's
    fields. A larger body is refused before it is read (werkzeug's 413, which
    ``ir.http._handle_error`` answers with a page in the user's language naming the limit); a file
    over its county's limit in a smaller body reaches the form, which says so with the typed values
    kept. Never above the site's own limit (Odoo's ``web.max_file_upload_size``)."""

    def max_content_length(controller):
        limit_mb = request.env["jianxi.document.mixin"]._jianxi_largest_upload_limit_mb()
        request.jianxi_upload_limit_mb = limit_mb  # for the page of a refused body
        body_limit = (len(files) * limit_mb + FORM_FIELDS_MARGIN_MB) * 1024 * 1024
        site_limit = request.httprequest.max_content_length
        return min(body_limit, site_limit) if site_limit else body_limit

    return max_content_length


class JianxiPages:
    """What every page of the addon does the same way, the public board included: reading a
    posted form, running a model's action and reporting its refusal, finding who is signed in.

    Forms: ``_jianxi_form_values`` is the ONE place where posted strings become model values
    (typed by the model's fields); the model's ``action_*`` method then checks them, as it checks
    the values of any other caller (JSON-RPC included). Refusals: ``_jianxi_call`` runs the action
    in a savepoint and returns the message of its UserError (ValidationError and AccessError are
    UserErrors too), which the page shows; the messages name the field they are about.
    """

    # ------------------------------------------------------------------ running an action
    def _jianxi_call(self, call):
        """Run ``call`` in a savepoint; the message of a refusal (None when it succeeded): nothing
        is half-saved."""
        try:
            with request.env.cr.savepoint():
                call()
        except UserError as error:
            return self._jianxi_error_message(error)
        return None

    @staticmethod
    def _jianxi_error_message(error):
        """What the page shows for a refusal: the message of the model's UserError."""
        return str(error.args[0]) if error.args else str(error)

    # ------------------------------------------------------------------ the public pages' county filter
    @staticmethod
    def _jianxi_region_groups(env):
        """The regions of the county filter (template ``jianxi_region_select``): cities and
        counties, and ``[(city, [its counties])]``, counties without a city last."""
        regions = env["jianxi.region"].search_fetch(
            [("level", "in", ("city", "county"))], ["name", "level", "parent_id", "parent_path"]
        )
        counties_by_city = {}
        for county in regions.filtered(lambda r: r.level == "county"):
            counties_by_city.setdefault(county.parent_id.id, []).append(county)
        cities = regions.filtered(lambda r: r.level == "city")
        groups = [(city, counties_by_city.get(city.id, [])) for city in cities]
        orphans = [
            county for county in regions.filtered(lambda r: r.level == "county") if county.parent_id not in cities
        ]
        if orphans:
            groups.append((env["jianxi.region"], orphans))
        return regions, groups

    # ------------------------------------------------------------------ reading a posted form
    def _jianxi_form_values(self, model, names, post, files=None):
        """The typed values of a posted form, for the model's portal methods.

        :param model: the model (or a record of it) whose fields type the values
        :param names: the fields of the form; a field the form did not send is left out, except a
            boolean (a checkbox is sent only when ticked: absent is False)
        :param files: ``{binary field: file name field}`` of the uploads; a file input left
            empty (no file chosen) is left out (the stored file stays); a chosen file of 0 bytes
            is sent as an empty content with its name, which the model refuses
        :return: ``{field: value}``: stripped text or False, ids, numbers, dates, booleans, and
            base64 with the file name for the uploads (both checked by the model's document rules)
        :raise UserError: naming the field whose value cannot be read
        """
        values = {}
        for name in names:
            field = model._fields[name]
            if field.type == "boolean":
                values[name] = bool(post.get(name))
                continue
            if name not in post:
                continue
            label = field._description_string(request.env)
            raw = post[name]
            raw = raw.strip() if isinstance(raw, str) else ""
            if field.type in TYPED_FIELD_TYPES:
                values[name] = self._jianxi_typed_value(field.type, raw, label)
        for name, filename_field in (files or {}).items():
            upload = post.get(name)
            if upload and getattr(upload, "filename", None):
                values[name] = base64.b64encode(upload.read())
                values[filename_field] = upload.filename
        return values

    @classmethod
    def _jianxi_typed_value(cls, kind, raw, label):
        """The stripped text ``raw`` of a field of type ``kind`` (labelled ``label``) as a value to
        write; a UserError naming the field when it cannot be one."""
        if kind in ("char", "text", "selection"):
            if text.has_control_characters(raw):
                raise UserError(
                    _(
                        "%(field)s contains characters nobody types (such as NUL): please type it again.",
                        field=label,
                    )
                )
            value = raw or False
        elif kind == "many2one":
            try:
                value = int(raw) if raw else False
            except ValueError:
                raise UserError(_("Please choose %(field)s from the list.", field=label)) from None
            if value and not 0 < value <= MAX_DATABASE_INTEGER:
                raise UserError(_("Please choose %(field)s from the list.", field=label))
        elif kind == "integer":
            try:
                value = int(raw) if raw else 0
            except ValueError:
                raise UserError(_("%(field)s must be a whole number.", field=label)) from None
            if abs(value) > MAX_DATABASE_INTEGER:
                raise UserError(_("%(field)s is far too large.", field=label))
        elif kind in ("float", "monetary"):
            try:
                value = float(raw.replace(",", "")) if raw else 0.0
            except ValueError:
                raise UserError(_("%(field)s must be a number.", field=label)) from None
            # inf and NaN parse, but no amount is infinite: Odoo could not even round them.
            if not math.isfinite(value) or abs(value) > MAX_DATABASE_INTEGER:
                raise UserError(_("%(field)s must be a number.", field=label))
        elif kind == "date":
            return cls._jianxi_date(raw, label) if raw else False
        return value

    @staticmethod
    def _jianxi_date(value, label):
        """The date typed as ``YYYY-MM-DD`` in the field ``label``; a UserError naming it otherwise."""
        try:
            day = fields.Date.to_date((value or "").strip() or None)
        except ValueError:
            day = None
        if not day:
            raise UserError(_("%(field)s is not a valid date (YYYY-MM-DD).", field=label))
        return day

    @staticmethod
    def _jianxi_to_int(value):
        """A query parameter as an id (0 when it is none): for filters, which ignore a bad value."""
        try:
            return int(value)
        except (TypeError, ValueError):
            return 0

    @staticmethod
    def _jianxi_record_form(record, names):
        """The form's values from a record, as the strings the inputs show (empty for no record)."""
        form = {}
        for name in names if record else ():
            field, value = record._fields[name], record[name]
            if field.type == "many2one":
                form[name] = str(value.id) if value else ""
            elif field.type == "date":
                form[name] = fields.Date.to_string(value) if value else ""
            elif field.type == "boolean":
                form[name] = value  # a checkbox: ticked or not
            elif field.type in ("float", "monetary") and not value:
                form[name] = ""  # an amount not entered yet (a premium, an allowance)
            elif value is False or value is None:
                form[name] = ""
            else:
                form[name] = str(value)
        return form

    @staticmethod
    def _jianxi_posted_form(names, post):
        """The strings the user typed, to show the form again after a refusal."""
        return {name: post[name] for name in names if isinstance(post.get(name), str)}

    @staticmethod
    def _jianxi_local_url(url):
        """``url`` when it is a path on this site, else None (no open redirect)."""
        if not isinstance(url, str) or not url.startswith("/") or url.startswith("//") or "\\" in url:
            return None
        parts = urlsplit(url)
        return None if parts.scheme or parts.netloc else url

    # ------------------------------------------------------------------ who is signed in
    def _jianxi_my_applicant(self):
        """The signed-in user's own applicant record, found through their own partner and searched
        as the user (empty for the public, staff and users without one)."""
        user = request.env.user
        Applicant = request.env["jianxi.applicant"]
        if user._is_public() or user._is_internal() or not Applicant.has_access("read"):
            return Applicant
        return Applicant.search([("partner_id", "=", user.partner_id.id)], limit=1)


class JianxiPortal(JianxiPages, CustomerPortal):
    """The base of the addon's ``/my`` pages (the unit's and the applicant's).

    Every page module subclasses it; Odoo merges them all, with ``CustomerPortal``, into one
    controller class, so each ``_prepare_home_portal_values`` calls ``super()`` and each helper is
    defined once, here or in the audience's own base (``JianxiUnitPortal``).

    Security: records named in URLs are searched AS THE USER (``_jianxi_record_or_404``): the
    record rules decide, with a 404 for anybody else, before anything runs as superuser.
    """

    _jianxi_items_per_page = 20

    def _jianxi_render(self, template, values, message=None, error=None):
        """``template`` in the portal's layout, with the success ``message`` of a change (not shown
        beside an ``error``) and the ``error`` of a refusal.

        ``values`` may hold ``jianxi_kept`` (``{field: draft}``, see ``_jianxi_save_form``):
        the uploads of the refused form kept as drafts, which the page shows kept instead of asking
        to choose them again."""
        kept = values.get("jianxi_kept") or {}
        return request.render(
            template,
            {
                **self._prepare_portal_layout_values(),
                "success_message": message if not error else None,
                "error": error,
                "jianxi_reupload": self._jianxi_reupload(kept) if error else {},
                **values,
                "jianxi_kept": kept,
            },
        )

    @staticmethod
    def _jianxi_reupload(kept=()):
        """``{field: file name}`` of the files posted with a refused form and not ``kept`` as
        drafts: a browser never fills a file input again, so the page names each file to choose
        again."""
        return {
            name: upload.filename
            for name, upload in request.httprequest.files.items()
            if upload.filename and name not in kept
        }

    # ------------------------------------------------------------------ uploads of a refused form
    def _jianxi_save_form(self, record, names, files, post, save):
        """Save a form with uploads that belongs to ``record``: ``save(values)`` with the form's
        values, run as ``_jianxi_call`` runs it. The ONE rule of the drafts that keep a refused
        form's files (the applicant's profile, the unit's, the onboarding):

        - ``values`` are the typed values of the fields ``names`` and of the uploads ``files``
          (``_jianxi_form_values``); where no new file is chosen, the draft the form sends back
          (hidden input) is the field's upload;
        - on a refusal, each file posted that the record's document rules accept is kept, as
          they store it, as a draft ``ir.attachment`` of ``record`` (``_jianxi_keep_uploads``); a
          file the rules refuse is not kept, and the page names it to choose again;
        - after a success, the user's drafts of those fields of ``record`` are deleted.

        Security: a posted draft id is only used if it is a draft of exactly this record and field
        that this user uploaded (``_jianxi_posted_drafts``); any other id is ignored.

        :param record: the record of the form, found as the user; empty while it does not exist
            yet (an applicant's first save creates it): then nothing is kept as a draft
        :param names: the typed fields of the form
        :param files: ``{binary field: file name field}`` of the form's uploads
        :param post: the posted form
        :return: ``(error, kept)``: the message of the refusal (None when saved) and ``{field:
            draft}`` of the uploads kept, for the page (``jianxi_kept``)
        """
        drafts = self._jianxi_posted_drafts(record, files, post)
        values = {}
        for name, draft in drafts.items():
            values.update({name: draft.datas, files[name]: draft.name})
        error = self._jianxi_call(lambda: save({**values, **self._jianxi_form_values(record, names, post, files)}))
        if not record:
            return error, {}
        if error:
            return error, self._jianxi_keep_uploads(record, files, post, drafts)
        self._jianxi_drafts(record, files).unlink()
        return None, {}

    @staticmethod
    def _jianxi_drafts(record, names, draft_id=None):
        """The signed-in user's drafts of the fields ``names`` of ``record`` (as superuser), or
        only the one of id ``draft_id`` if it is one of them."""
        Attachment = request.env["ir.attachment"].sudo()
        domain = [*Attachment._jianxi_portal_draft_domain(record, names), ("create_uid", "=", request.env.uid)]
        return Attachment.search([*domain, ("id", "=", draft_id)] if draft_id else domain)

    def _jianxi_posted_drafts(self, record, files, post):
        """``{field: draft}`` of the drafts the form sends back (hidden inputs), for the fields
        where no new file is chosen and the user did not drop the draft. An id that is not a
        draft of this field of ``record`` uploaded by this user is ignored: a forged id never
        reads another attachment."""
        drafts = {}
        for name in files if record else ():
            draft_id = self._jianxi_to_int(post.get(DRAFT_INPUT % name))
            upload = post.get(name)
            if not draft_id or post.get(DRAFT_REMOVE_INPUT % name) or getattr(upload, "filename", None):
                continue
            draft = self._jianxi_drafts(record, [name], draft_id)
            if draft:
                drafts[name] = draft
        return drafts

    def _jianxi_keep_uploads(self, record, files, post, drafts):
        """After a refusal, ``{field: draft}`` of what the form keeps for its next submission: the
        file just posted when the record's document rules accept it (a new draft, bound to the
        record and, through create_uid, to the user: ``ir.attachment._jianxi_create_portal_draft``),
        else the draft sent back. The user's other drafts of the field are deleted: one draft per
        record, field and user."""
        Attachment = request.env["ir.attachment"].sudo()
        kept = {}
        for name in files:
            upload = post.get(name)
            if getattr(upload, "filename", None):  # a new file replaces the draft
                draft = self._jianxi_new_draft(record, name, upload)
                if draft:
                    kept[name] = draft
            elif name in drafts:
                kept[name] = drafts[name]
            (self._jianxi_drafts(record, [name]) - kept.get(name, Attachment)).unlink()
        return kept

    @staticmethod
    def _jianxi_new_draft(record, name, upload):
        """The draft of the file ``upload`` posted for the field ``name`` of ``record``; None when
        the document rules refuse it (the page names it, to choose again)."""
        upload.seek(0)
        try:
            return request.env["ir.attachment"]._jianxi_create_portal_draft(
                record, name, upload.read(), upload.filename
            )
        except UserError:
            return None

    def _jianxi_record_or_404(self, model, domain):
        """The record of ``model`` matching ``domain``, searched as the user (the record rules
        apply), else 404."""
        record = request.env[model].search(domain, limit=1)
        if not record:
            raise NotFound()
        return record

    def _jianxi_list(self, model, url, domain, page, filters, filterby, order=None, url_default_filter=True):
        """One page of the ``model`` records matching ``domain`` and the searchbar's filter
        ``filterby`` (the first filter when unknown), searched as the user.

        :param filters: ``{key: {'label', 'domain'}}``, the first being the default; with one
            filter only, the page shows no searchbar filters
        :param url_default_filter: whether the pager's links name the default filter too
        :return: ``(records, values)``, values being the pager and searchbar values of the template
        """
        default = next(iter(filters))
        filterby = filterby if filterby in filters else default
        domain = [*domain, *filters[filterby]["domain"]]
        in_url = len(filters) > 1 and (url_default_filter or filterby != default)
        Model = request.env[model]
        pager = portal_pager(
            url=url,
            total=Model.search_count(domain),
            page=page,
            step=self._jianxi_items_per_page,
            url_args={"filterby": filterby} if in_url else None,
        )
        records = Model.search(domain, order=order, limit=self._jianxi_items_per_page, offset=pager["offset"])
        return records, {
            "pager": pager,
            "default_url": url,
            "searchbar_filters": filters if len(filters) > 1 else {},
            "filterby": filterby,
        }

    def _jianxi_show_report(self, record, reports, kind, download, on_refusal):
        """The PDF ``kind`` (a key of ``reports``: ``{kind: report XML id}``, 404 for another) of
        ``record``, through ``CustomerPortal._show_report``.

        ``record`` must have been read AS THE USER by the caller (404 for anybody else). The report
        is then rendered as superuser, and the report model still masks ID numbers by the real
        user's rights. A report that does not apply to the record's state is refused by the report
        model (UserError): ``on_refusal(message)`` renders the record's page with it.
        """
        if kind not in reports:
            raise NotFound()
        report_ref = reports[kind]
        report = request.env["ir.actions.report"].sudo()._get_report(report_ref)
        filename = f"{report.name} - {record.sudo().display_name}"
        try:
            # Rendering writes nothing: a refusal leaves the transaction as it was.
            return self._show_report(
                record.with_context(jianxi_report_filename=filename), "pdf", report_ref, download=bool(download)
            )
        except UserError as error:
            return on_refusal(self._jianxi_error_message(error))
