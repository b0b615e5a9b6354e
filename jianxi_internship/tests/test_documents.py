import base64

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import JianxiWorkflowCase

PDF = base64.b64encode(b"%PDF-1.4 scanned licence")
PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
JPEG = base64.b64encode(b"\xff\xd8\xff\xe0" + b"\0" * 64)
EXE = base64.b64encode(b"MZ\x90\x00 not a document")


@tagged("post_install", "-at_install")
class TestDocuments(JianxiWorkflowCase):
    """Scanned documents are PDF, JPEG or PNG, within the policy's size limit; anything else is
    refused before it is saved, from the backend as from the portal."""

    def test_pdf_jpeg_png_are_accepted(self):
        for data in (PDF, PNG, JPEG):
            self.unit.write({"business_licence": data})
            self.assertEqual(self.unit.business_licence, data)

    def test_other_files_are_refused_and_nothing_is_saved(self):
        self.unit.write({"business_licence": PDF})
        with self.assertRaises(UserError) as caught:
            self.unit.write({"business_licence": EXE, "contact_name": "改过的名字"})
        self.assertIn("must be a PDF, JPEG or PNG file", str(caught.exception))
        self.assertEqual(self.unit.business_licence, PDF)
        self.assertEqual(self.unit.contact_name, "赵联系")

    def test_refused_at_creation_too(self):
        with self.assertRaises(UserError):
            self._make_applicant(self.env["res.partner"].create({"name": "王五"}), "王五", id_card=EXE)

    def test_size_limit_is_the_policy_setting(self):
        policy = self.env.ref("jianxi_internship.policy_tongren_2022")
        policy.upload_max_mb = 1
        big = base64.b64encode(b"%PDF-1.4" + b"0" * (1024 * 1024 + 1))
        with self.assertRaises(UserError) as caught:
            self.applicant.write({"diploma": big})
        self.assertIn("the largest upload allowed is 1 MB", str(caught.exception))
        policy.upload_max_mb = 2
        self.applicant.write({"diploma": big})
        self.assertTrue(self.applicant.diploma)

    def test_garbage_base64_is_refused_with_a_message(self):
        with self.assertRaises(UserError) as caught:
            self.unit.write({"business_licence": "not base64 at all!"})
        self.assertIn("could not be read", str(caught.exception))
