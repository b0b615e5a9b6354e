"""Uploads are checked for what they are (issue 11, point 3), through the three portal forms with
uploads, as their real users over HTTP: the applicant's profile (/my/profile/save, the ID card
scan), the unit's profile (/my/unit, the business licence) and an intern's onboarding
(/my/interns/<id>/onboarding, the agreement).

- hostile PDFs (JavaScript on opening, additional actions, launch actions, embedded files,
  encryption, escaped names, an unreadable PDF), a PNG signature followed by HTML and a program
  named .pdf are refused with a message naming the document; nothing is saved or kept as a draft,
  the page names the file to choose again and shows what was typed;
- an image with HTML or PHP behind it is stored as the image alone, encoded again, under a clean
  file name; a refused form keeps it as a draft in the same way;
- a file of 0 bytes is refused with a message, not ignored behind "saved";
- a file name with path parts, control and right-to-left override characters is stored cleaned;
- a body larger than the route accepts gets a page in the user's language naming the limit (HTTP
  413, neither Odoo's 418 page nor a 500); a file over the limit in a body the route reads gets
  the form again, with its message and what was typed.
"""

import base64
from urllib.parse import urlsplit

from lxml import html as lxml_html

from odoo import http
from odoo.tests import tagged

from ..models.ir_attachment import PORTAL_DRAFT_MARK
from . import upload_samples as samples
from .common import JianxiHttpCase, upload_forms

MB = 1024 * 1024


@tagged("post_install", "-at_install")
class TestPortalUploads(JianxiHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.unit_user | cls.applicant_user).write({"lang": "en_US"})
        cls.env["jianxi.minimum.wage"].create({"region_id": cls.shiqian.id, "date_from": "2020-01-01", "amount": 1800})
        cls.position = cls._make_position(name="Uploads 见习岗", headcount=5)
        cls.internship = (
            cls.env["jianxi.internship"]
            .create({"applicant_id": cls.applicant.id, "position_id": cls.position.id})
            ._jianxi_force_state("approved")
        )
        cls.unit._jianxi_force_state("draft")  # its contacts edit its profile

    def _forms(self):
        """Per form (``upload_forms``), a typed value: a field and the value posted."""
        forms = upload_forms(self, self.internship)
        forms["applicant profile"]["typed"] = ("school", "上传测试学院")
        forms["unit profile"]["typed"] = ("contact_name", "上传测试联系人")
        forms["onboarding"]["typed"] = ("accident_policy_number", "PA-UPLOAD-9")
        return forms

    def _post_file(self, form, filename, data, **extra):
        field, value = form["typed"]
        return self._post(
            form["url"], {field: value, **extra}, files={form["field"]: (filename, data, "application/octet-stream")}
        )

    def _post_raw_filename(self, form, filename, data):
        """Post the form with the file name as its raw bytes: a client library escapes control
        characters in the multipart headers (as %01), a hostile client does not."""
        boundary = "jianxiUploadBoundary7MA4YWxkTrZu0gW"
        field, value = form["typed"]
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{text}\r\n'.encode()
            for name, text in ((field, value), ("csrf_token", http.Request.csrf_token(self)))
        ]
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{form["field"]}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode()
            + data
            + b"\r\n"
        )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        self.env.flush_all()
        response = self.url_open(
            form["url"], data=body, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}
        )
        self.env.invalidate_all()
        return response

    def _drafts(self, record):
        return self.env["ir.attachment"].search(
            [
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
                ("res_field", "=", False),
                ("description", "=like", PORTAL_DRAFT_MARK + "%"),
            ]
        )

    def assertFormRefused(self, response, form, *messages):
        """The form again (200), its alert naming the document with each of ``messages``, and the
        typed value in its input."""
        self.assertEqual(response.status_code, 200, response.url)
        page = lxml_html.fromstring(response.text)
        alert = page.xpath("//*[contains(@class, 'alert-danger')][@role='alert']")
        self.assertTrue(alert, "the page shows the refusal")
        for message in (form["label"], *messages):
            self.assertIn(message, alert[0].text_content())
        field, value = form["typed"]
        self.assertEqual(page.xpath("//input[@name=$name]/@value", name=field), [value], "what was typed is kept")

    def assertNothingSaved(self, form):
        record, (field, value) = form["record"], form["typed"]
        self.assertFalse(record[form["field"]], "no document stored")
        self.assertNotEqual(record[field], value, "the typed value is not saved either")
        self.assertFalse(self._drafts(record), "nothing kept as a draft")

    # ------------------------------------------------------------------ refused
    def test_hostile_files_are_refused_on_every_form(self):
        refused = {
            **{
                f"PDF: {case}": (
                    data,
                    "is a PDF protected by a password or encryption"
                    if case == "encrypted"
                    else "is a PDF with active content",
                )
                for case, data in samples.HOSTILE_PDFS.items()
            },
            "unreadable PDF": (samples.PDF_UNREADABLE, "is a damaged PDF that cannot be read"),
            "PNG signature then HTML": (samples.PNG_SIGNATURE_WITH_HTML, "is a damaged image that cannot be read"),
            "a program named .pdf": (samples.EXE, "must be a PDF, JPEG or PNG file"),
            "HTML named .png": (samples.HTML, "must be a PDF, JPEG or PNG file"),
        }
        for case, form in self._forms().items():
            self._login(form["user"])
            for what, (data, message) in refused.items():
                with self.subTest(form=case, upload=what):
                    response = self._post_file(form, "扫描件.pdf", data)
                    self.assertFormRefused(response, form, message)
                    self.assertReupload(response, {form["field"]: "扫描件.pdf"})
                    self.assertNothingSaved(form)

    def test_an_empty_file_is_refused_not_ignored(self):
        for case, form in self._forms().items():
            with self.subTest(form=case):
                self._login(form["user"])
                response = self._post_file(form, "空文件.pdf", b"")
                self.assertFormRefused(response, form, "is an empty file (0 bytes)")
                self.assertNotIn("saved", urlsplit(response.url).query)
                self.assertReupload(response, {form["field"]: "空文件.pdf"})
                self.assertNothingSaved(form)

    # ------------------------------------------------------------------ cleaned
    def test_only_the_image_is_stored_of_an_image_with_a_payload(self):
        for case, form in self._forms().items():
            for data, payload, filename, stored_name, mimetype in (
                (samples.PNG_WITH_HTML, samples.HTML, "../../扫描件.png", "扫描件.png", "image/png"),
                (samples.JPEG_WITH_PHP, samples.PHP, "shell.php", "shell.php.jpg", "image/jpeg"),
            ):
                with self.subTest(form=case, upload=filename):
                    self._login(form["user"])
                    response = self._post_file(form, filename, data)
                    self.assertRedirectedTo(response, form["saved"])
                    record = form["record"]
                    stored = base64.b64decode(record[form["field"]])
                    self.assertNotIn(payload, stored)
                    self.assertEqual(samples.image_of(stored).size, (24, 16), "the image, encoded again")
                    self.assertEqual(record[form["filename"]], stored_name)
                    attachment = self.env["ir.attachment"].search(
                        [
                            ("res_model", "=", record._name),
                            ("res_id", "=", record.id),
                            ("res_field", "=", form["field"]),
                        ]
                    )
                    self.assertEqual(attachment.mimetype, mimetype)

    def test_a_refused_form_keeps_the_image_as_it_would_store_it(self):
        form = self._forms()["applicant profile"]
        self._login(form["user"])
        response = self._post_file(form, "..\\证件\u202egnp.png", samples.PNG_WITH_HTML, diploma_date="2024-13-45")
        self.assertFormRefused(response, form | {"label": "Diploma Date"}, "is not a valid date")
        draft_id = self.assertKept(response, {"id_card": "证件gnp.png"})["id_card"]
        draft = self.env["ir.attachment"].browse(draft_id)
        self.assertEqual((draft.name, draft.mimetype), ("证件gnp.png", "image/png"))
        self.assertNotIn(samples.HTML, draft.raw)
        self.assertEqual(samples.image_of(draft.raw).size, (24, 16))

    def test_hostile_file_names_are_stored_cleaned(self):
        for case, form in self._forms().items():
            with self.subTest(form=case):
                self._login(form["user"])
                response = self._post_raw_filename(form, samples.HOSTILE_FILENAME, samples.PDF)
                self.assertRedirectedTo(response, form["saved"])
                self.assertEqual(form["record"][form["filename"]], samples.HOSTILE_FILENAME_CLEANED)
                self.assertEqual(base64.b64decode(form["record"][form["field"]]), samples.PDF)
        # Nothing but a path and invisible characters: the document's label, in the user's language.
        form = self._forms()["unit profile"]
        self._login(form["user"])
        self._post_raw_filename(form, "..\\\u202e\u2066\x7f", samples.PDF)
        self.assertEqual(self.unit.business_licence_filename, "Business Licence.pdf")

    # ------------------------------------------------------------------ too large
    def test_an_oversize_body_gets_a_page_in_the_users_language(self):
        limit_mb = self.env["jianxi.document.mixin"]._jianxi_largest_upload_limit_mb()
        form = self._forms()["unit profile"]
        self.unit_user.lang = "zh_CN"
        self._login(self.unit_user)
        self.opener.cookies["frontend_lang"] = "zh_CN"
        data = samples.make_padded_pdf(50 * MB)
        self.assertGreater(len(data), (limit_mb + 1) * MB)
        response = self._post(
            form["url"],
            {"contact_name": "不该保存的联系人"},
            files={"business_licence": ("营业执照.pdf", data, "application/pdf")},
            headers={"Referer": f"{self.base_url()}/my/unit"},
            timeout=60,
        )
        self.assertEqual(response.status_code, 413, "neither Odoo's 418 page nor a 500")
        page = lxml_html.fromstring(response.text)
        alert = " ".join(
            page.xpath("//*[contains(@class, 'o_jianxi_upload_too_large')]//*[@role='alert']")[0].text_content().split()
        )
        self.assertIn("文件", alert)
        self.assertIn(f"{limit_mb} MB", alert)
        self.assertEqual(page.xpath("//a[contains(@class, 'o_jianxi_upload_back')]/@href"), ["/my/unit"])
        self.assertNotIn("Files Too Large", response.text, "in the user's language")
        self.assertNotEqual(self.unit.contact_name, "不该保存的联系人")
        self.assertFalse(self.unit.business_licence)

    def test_an_oversize_body_from_elsewhere_leads_back_to_the_portal(self):
        form = self._forms()["onboarding"]
        self._login(form["user"])
        limit_mb = self.env["jianxi.document.mixin"]._jianxi_largest_upload_limit_mb()
        big = b"0" * ((len(self.internship._jianxi_document_fields) * limit_mb + 2) * MB)
        response = self._post(
            form["url"],
            files={"agreement_file": ("agreement.pdf", big, "application/pdf")},
            headers={"Referer": "https://evil.example.com/my/interns"},
            timeout=60,
        )
        self.assertEqual(response.status_code, 413)
        self.assertIn("Files Too Large", response.text)
        self.assertEqual(
            lxml_html.fromstring(response.text).xpath("//a[contains(@class, 'o_jianxi_upload_back')]/@href"), ["/my"]
        )

    def test_a_file_over_the_limit_in_a_readable_body_gets_the_form_again(self):
        self.env["jianxi.policy"].search([]).write({"upload_max_mb": 1})
        form = self._forms()["applicant profile"]
        self._login(form["user"])
        response = self._post_file(form, "大文件.pdf", samples.make_padded_pdf(MB + MB // 2))
        self.assertFormRefused(response, form, "is 1.5 MB; the largest upload allowed is 1 MB")
        self.assertReupload(response, {"id_card": "大文件.pdf"})
        self.assertNothingSaved(form)
