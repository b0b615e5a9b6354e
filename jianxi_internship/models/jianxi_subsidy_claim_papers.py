import csv
import io
import zipfile

from odoo import _, models

from ..rules import uploads
from .jianxi_internship import ONBOARDING_FILES

# Kept as they are in the archive: scans and PDFs are compressed already.
_STORED = zipfile.ZIP_STORED


class JianxiSubsidyClaimPapers(models.Model):
    """The claim's papers in one download for the officer (issue 13, point 2): the claim form and
    the roster as the system prints them, then, for each intern claimed, the papers the unit
    uploaded (the agreement, the two insurance policies, the invoice), and a list saying which
    paper is missing. A claim can weigh hundreds of megabytes: the archive is written into a file
    the caller gives (a temporary file that the route streams), and each stored paper is copied from
    the filestore, never held in memory whole."""

    _inherit = "jianxi.subsidy.claim"

    def action_download_papers(self):
        """Download the claim's papers as a ZIP file. Who: an officer of its county, or a manager."""
        self.ensure_one()
        self._jianxi_check_officer()
        return {"type": "ir.actions.act_url", "url": f"/jianxi/claims/{self.id}/papers", "target": "self"}

    def _jianxi_papers_filename(self):
        self.ensure_one()
        return uploads.clean_filename(_("Claim Papers %(claim)s.zip", claim=self._jianxi_file_stem()), "claim.zip")

    def _jianxi_file_stem(self):
        """The claim's number as a file name takes it (JXBT-2026-00001: a slash would make folders)."""
        return self.name.replace("/", "-")

    def _jianxi_write_papers(self, fileobj):
        """Write the ZIP archive of the claim's papers into ``fileobj`` (opened for binary writing).

        The caller has checked that the user may read the claim as an officer: the papers are read
        as superuser. Names are in the reader's language; each paper keeps its uploaded name after
        its label, in a folder per intern (``01 张三``)."""
        self.ensure_one()
        claim = self.sudo()
        reports = self.env["ir.actions.report"].sudo()
        lines = claim.line_ids.filtered("included").sorted(lambda line: (line.applicant_id.name or "", line.id))
        internships = lines.internship_id
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "jianxi.internship"),
                    ("res_id", "in", internships.ids),
                    ("res_field", "in", list(ONBOARDING_FILES)),
                ]
            )
        )
        by_paper = {(attachment.res_id, attachment.res_field): attachment for attachment in attachments}
        Internship = self.env["jianxi.internship"]
        labels = {name: Internship._fields[name].get_description(self.env)["string"] for name in ONBOARDING_FILES}

        listing = io.StringIO()
        writer = csv.writer(listing)
        writer.writerow([_("No."), _("Intern"), _("Paper"), _("File in the archive")])
        with zipfile.ZipFile(fileobj, "w", compression=_STORED, allowZip64=True) as archive:
            for report_ref, label in (
                ("jianxi_internship.action_report_subsidy_claim", _("Claim Form")),
                ("jianxi_internship.action_report_subsidy_claim_roster", _("Roster of Interns Claimed")),
            ):
                # (a PDF; Odoo's test mode renders the HTML instead, and the name says which)
                content, extension = reports._render_qweb_pdf(report_ref, claim.ids)
                archive.writestr(f"{label} {claim._jianxi_file_stem()}.{extension}", content)
            for number, line in enumerate(lines, start=1):
                internship = line.internship_id
                person = line.applicant_id.name or ""
                folder = uploads.clean_filename(f"{number:02d} {person}", f"{number:02d}")
                for name, filename_field in ONBOARDING_FILES.items():
                    attachment = by_paper.get((internship.id, name))
                    if not attachment:
                        writer.writerow([number, person, labels[name], _("Not uploaded")])
                        continue
                    filename = uploads.clean_filename(
                        f"{labels[name]} - {internship[filename_field] or attachment.name}",
                        labels[name],
                        attachment.mimetype,
                    )
                    path = f"{folder}/{filename}"
                    self._jianxi_copy_attachment(archive, attachment, path)
                    writer.writerow([number, person, labels[name], path])
                    if name == "agreement_file":
                        self.env["jianxi.access.log"]._jianxi_log(
                            "download", internship.applicant_id, document="agreement", record=internship
                        )
            self._jianxi_write_monthly_papers(archive, writer, lines)
            # A BOM, so that a spreadsheet opens the Chinese list as UTF-8.
            listing_name = _("List of Papers")
            archive.writestr(f"{listing_name}.csv", "\ufeff" + listing.getvalue(), compress_type=zipfile.ZIP_DEFLATED)
        return fileobj

    def _jianxi_copy_attachment(self, archive, attachment, path):
        """Copy one stored paper into the archive by chunks (from the filestore when it is there)."""
        if attachment.store_fname:
            archive.write(attachment._full_path(attachment.store_fname), path)
        else:
            archive.writestr(path, attachment.raw or b"")

    def _jianxi_write_monthly_papers(self, archive, writer, lines):
        """The monthly papers of the interns claimed, one copy per upload (a payroll sheet covering
        ten interns is stored once) in the folder ``Monthly Papers``; the listing gives, per intern
        and month on duty (the line's ``monthly_papers``), each paper with its path in the archive,
        or says that it is missing."""
        papers = (
            self.env["jianxi.monthly.paper"]
            .sudo()
            .search([("internship_ids", "in", lines.internship_id.ids)], order="month, kind, id")
        )
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", papers._name), ("res_id", "in", papers.ids), ("res_field", "=", "file")])
        )
        by_paper = {attachment.res_id: attachment for attachment in attachments}
        kinds = dict(papers._fields["kind"]._description_selection(self.env))
        folder = _("Monthly Papers")
        paths, covering = {}, {}
        for paper in papers:
            attachment = by_paper.get(paper.id)
            if not attachment:
                continue
            label = f"{paper.month:%Y-%m} {kinds[paper.kind]}"
            filename = uploads.clean_filename(
                f"{label} {paper.id} - {paper.filename or ''}", label, attachment.mimetype
            )
            paths[paper.id] = f"{folder}/{filename}"
            self._jianxi_copy_attachment(archive, attachment, paths[paper.id])
            for internship_id in paper.internship_ids.ids:
                covering.setdefault((internship_id, f"{paper.month:%Y-%m}", paper.kind), []).append(paths[paper.id])
        for number, line in enumerate(lines, start=1):
            person = line.applicant_id.name or ""
            for month in sorted(line.monthly_papers or {}):
                for kind, label in kinds.items():
                    for path in covering.get((line.internship_id.id, month, kind)) or [_("Not uploaded")]:
                        writer.writerow([number, person, f"{month} {label}", path])
