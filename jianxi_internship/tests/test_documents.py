import base64

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..models.ir_attachment import PORTAL_DRAFT_MARK
from . import upload_samples as samples
from .common import JianxiWorkflowCase

PDF = base64.b64encode(samples.PDF)
PNG = base64.b64encode(samples.PNG)
JPEG = base64.b64encode(samples.JPEG)
EXE = base64.b64encode(samples.EXE)


@tagged("post_install", "-at_install")
class TestDocuments(JianxiWorkflowCase):
    """Scanned documents are checked for what they are by the model, whoever writes them (the
    backend here; the portal's forms in test_portal_uploads): PDF, JPEG or PNG by their content,
    within the policy's size limit, not empty; PDFs without active content or encryption; images
    stored as encoded again; file names cleaned. A refusal names the document and saves nothing."""

    def assertRefusedWith(self, message, write):
        with self.assertRaises(UserError) as caught:
            write()
        self.assertIn(message, str(caught.exception))
        return str(caught.exception)

    def test_pdf_jpeg_png_are_accepted(self):
        self.unit.write({"business_licence": PDF})
        self.assertEqual(self.unit.business_licence, PDF, "a PDF is stored as sent")
        for data, signature in ((PNG, b"\x89PNG\r\n\x1a\n"), (JPEG, b"\xff\xd8\xff")):
            self.unit.write({"business_licence": data})
            self.assertTrue(base64.b64decode(self.unit.business_licence).startswith(signature))
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "jianxi.unit"), ("res_id", "=", self.unit.id), ("res_field", "=", "business_licence")]
        )
        self.assertEqual(attachment.mimetype, "image/jpeg")

    def test_other_files_are_refused_and_nothing_is_saved(self):
        self.unit.write({"business_licence": PDF})
        self.assertRefusedWith(
            "Business Licence must be a PDF, JPEG or PNG file.",
            lambda: self.unit.write({"business_licence": EXE, "contact_name": "改过的名字"}),
        )
        self.assertEqual(self.unit.business_licence, PDF)
        self.assertEqual(self.unit.contact_name, "赵联系")

    def test_refused_at_creation_too(self):
        with self.assertRaises(UserError):
            self._make_applicant(self.env["res.partner"].create({"name": "王五"}), "王五", id_card=EXE)

    def test_size_limit_is_the_policy_setting(self):
        policy = self.env.ref("jianxi_internship.policy_tongren_2022")
        policy.upload_max_mb = 1
        big = base64.b64encode(samples.make_padded_pdf(1024 * 1024 + 1))
        self.assertRefusedWith("the largest upload allowed is 1 MB", lambda: self.applicant.write({"diploma": big}))
        policy.upload_max_mb = 2
        self.applicant.write({"diploma": big})
        self.assertTrue(self.applicant.diploma)

    def test_garbage_base64_is_refused_with_a_message(self):
        self.assertRefusedWith("could not be read", lambda: self.unit.write({"business_licence": "not base64 at all!"}))

    def test_hostile_pdfs_are_refused_by_an_officer_too(self):
        """The backend's officer writes through the same rules (the form view, JSON-RPC)."""
        applicant = self.applicant.with_user(self.officer_tongren)
        applicant.write({"id_card": PDF, "id_card_filename": "身份证.pdf"})
        for case, data in samples.HOSTILE_PDFS.items():
            with self.subTest(case=case):
                message = (
                    "is a PDF protected by a password or encryption"
                    if case == "encrypted"
                    else "is a PDF with active content"
                )
                self.assertRefusedWith(
                    f"ID Card Scan {message}",
                    lambda data=data: applicant.write(
                        {"id_card": base64.b64encode(data), "id_card_filename": "evil.pdf"}
                    ),
                )
        self.assertRefusedWith(
            "ID Card Scan is a damaged PDF that cannot be read",
            lambda: applicant.write({"id_card": base64.b64encode(samples.PDF_UNREADABLE)}),
        )
        self.assertEqual((self.applicant.id_card, self.applicant.id_card_filename), (PDF, "身份证.pdf"))

    def test_images_are_stored_encoded_again(self):
        for data, payload, filename in (
            (samples.PNG_WITH_HTML, samples.HTML, "diploma.png"),
            (samples.JPEG_WITH_PHP, samples.PHP, "diploma.jpg"),
        ):
            with self.subTest(filename=filename):
                self.applicant.write({"diploma": base64.b64encode(data), "diploma_filename": filename})
                stored = base64.b64decode(self.applicant.diploma)
                self.assertNotIn(payload, stored)
                self.assertEqual(samples.image_of(stored).size, (24, 16))
                self.assertEqual(self.applicant.diploma_filename, filename)
        self.assertRefusedWith(
            "Diploma Scan is a damaged image that cannot be read",
            lambda: self.applicant.write({"diploma": base64.b64encode(samples.PNG_SIGNATURE_WITH_HTML)}),
        )

    def test_an_empty_file_is_refused_clearing_is_not(self):
        self.unit.write({"business_licence": PDF, "business_licence_filename": "licence.pdf"})
        for empty in (False, b"", ""):
            with self.subTest(empty=empty):
                self.assertRefusedWith(
                    "Business Licence is an empty file (0 bytes)",
                    lambda empty=empty: self.unit.write(
                        {"business_licence": empty, "business_licence_filename": "licence.pdf"}
                    ),
                )
        self.assertEqual(self.unit.business_licence, PDF)
        self.unit.write({"business_licence": False, "business_licence_filename": False})  # the backend's clear
        self.assertFalse(self.unit.business_licence)

    def test_file_names_are_cleaned(self):
        self.unit.write({"business_licence": PDF, "business_licence_filename": samples.HOSTILE_FILENAME})
        self.assertEqual(self.unit.business_licence_filename, samples.HOSTILE_FILENAME_CLEANED)
        self.unit.write({"business_licence_filename": "..\\..\\营业执照\u202e.pdf"})  # renamed alone
        self.assertEqual(self.unit.business_licence_filename, "营业执照.pdf")
        self.unit.write({"business_licence": PNG})  # no name written: the label, with the content's extension
        self.assertEqual(self.unit.business_licence_filename, "Business Licence.png")
        self.unit.write({"business_licence": PDF, "business_licence_filename": "\u202e../"})
        self.assertEqual(self.unit.business_licence_filename, "Business Licence.pdf")

    def test_drafts_are_what_the_document_would_be(self):
        """The draft of a refused portal form's upload is stored as the document would be."""
        Attachment = self.env["ir.attachment"]
        draft = Attachment._jianxi_create_portal_draft(
            self.applicant, "diploma", samples.PNG_WITH_HTML, samples.HOSTILE_FILENAME
        )
        self.assertEqual(
            (draft.name, draft.mimetype, draft.description, draft.res_model, draft.res_id, draft.res_field),
            (
                "扫描fdp.exe.png",
                "image/png",
                PORTAL_DRAFT_MARK + "diploma",
                "jianxi.applicant",
                self.applicant.id,
                False,
            ),
        )
        self.assertNotIn(samples.HTML, draft.raw)
        self.assertEqual(samples.image_of(draft.raw).size, (24, 16))
        for data, message in (
            (samples.HOSTILE_PDFS["OpenAction JavaScript"], "is a PDF with active content"),
            (b"", "is an empty file"),
            (samples.EXE, "must be a PDF, JPEG or PNG file"),
        ):
            with self.subTest(message=message):
                self.assertRefusedWith(
                    message,
                    lambda data=data: Attachment._jianxi_create_portal_draft(self.applicant, "id_card", data, "x.pdf"),
                )
