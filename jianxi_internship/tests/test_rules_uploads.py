# The rules layer needs no database: Odoo's TestCase with MetaCase, as test_rules_identity.
import io

from PIL import Image

from odoo.tests.case import TestCase
from odoo.tests.common import MetaCase
from odoo.tools import file_open

from odoo.addons.jianxi_internship.rules import uploads

from . import upload_samples as samples


class TestRulesUploads(TestCase, metaclass=MetaCase):
    """rules/uploads.py: what an uploaded document is, by its content, and what of it is stored."""

    def assertRefused(self, reason, data, max_bytes=None):
        with self.assertRaises(uploads.Refused) as caught:
            uploads.clean_document(data, max_bytes)
        self.assertEqual(caught.exception.reason, reason)
        return caught.exception

    # ------------------------------------------------------------------ types
    def test_valid_documents_are_typed_by_their_content(self):
        self.assertEqual(uploads.clean_document(samples.PDF), (uploads.PDF, samples.PDF), "a PDF is stored as sent")
        self.assertEqual(uploads.clean_document(samples.PNG)[0], uploads.PNG)
        self.assertEqual(uploads.clean_document(samples.JPEG)[0], uploads.JPEG)
        with file_open("jianxi_internship/demo/files/sample_document.pdf", "rb") as demo:  # ReportLab's
            self.assertEqual(uploads.clean_document(demo.read())[0], uploads.PDF)

    def test_what_is_not_a_pdf_jpeg_or_png_is_refused_whatever_its_name(self):
        for data in (samples.EXE, samples.HTML, samples.PHP, b"GIF89a" + b"\0" * 32, b"plain text"):
            with self.subTest(data=data[:8]):
                self.assertRefused(uploads.NOT_A_DOCUMENT, data)

    def test_an_empty_file_is_refused(self):
        self.assertRefused(uploads.EMPTY, b"")
        self.assertRefused(uploads.EMPTY, None)

    def test_size_is_checked_before_anything_is_read(self):
        self.assertRefused(uploads.TOO_LARGE, samples.PDF, max_bytes=len(samples.PDF) - 1)
        self.assertEqual(uploads.clean_document(samples.PDF, max_bytes=len(samples.PDF))[0], uploads.PDF)
        # Too large is said of a file that is not even a document.
        self.assertRefused(uploads.TOO_LARGE, samples.EXE, max_bytes=4)

    # ------------------------------------------------------------------ PDF
    def test_hostile_pdfs_are_refused_for_what_they_carry(self):
        expected = {
            "OpenAction JavaScript": {"/OpenAction", "/JS", "/JavaScript"},
            "OpenAction to an action object": {"/OpenAction", "/JS", "/JavaScript"},
            "document JavaScript": {"/JS", "/JavaScript"},
            "page AA": {"/AA"},
            "Launch action": {"/Launch"},
            "embedded file": {"/EmbeddedFiles", "/EmbeddedFile"},
            "file attachment annotation": {"/FileAttachment"},
            "escaped names": {"/JS", "/JavaScript"},
            "unreferenced script object": {"/JS", "/JavaScript"},
        }
        for case, data in samples.HOSTILE_PDFS.items():
            with self.subTest(case=case):
                if case == "encrypted":
                    self.assertRefused(uploads.PDF_ENCRYPTED, data)
                    continue
                refusal = self.assertRefused(uploads.PDF_ACTIVE, data)
                self.assertIn(refusal.detail, expected[case])

    def test_each_active_name_alone_is_refused(self):
        for name in sorted(uploads.PDF_ACTIVE_NAMES):
            with self.subTest(name=name):
                refusal = self.assertRefused(uploads.PDF_ACTIVE, samples.make_pdf(page=f"/Jianxi << {name} (x) >> "))
                self.assertEqual(refusal.detail, name)
                refusal = self.assertRefused(uploads.PDF_ACTIVE, samples.make_pdf(page=f"/Jianxi [{name}] "))
                self.assertEqual(refusal.detail, name)

    def test_opening_on_a_page_is_no_action(self):
        self.assertEqual(uploads.clean_document(samples.PDF_OPENING_ON_A_PAGE)[0], uploads.PDF)
        opening_action = samples.make_pdf(catalog="/OpenAction << /S /GoTo /D [3 0 R /Fit] >> ")
        self.assertEqual(self.assertRefused(uploads.PDF_ACTIVE, opening_action).detail, "/OpenAction")

    def test_an_unreadable_pdf_is_refused(self):
        for case, data in {
            "no structure": samples.PDF_UNREADABLE,
            "cut in half": samples.PDF[: len(samples.PDF) // 2],
            "a catalog without pages": (
                b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            ),
            "no page": samples.make_pdf().replace(b"/Kids [3 0 R] /Count 1", b"/Kids [] /Count 0"),
        }.items():
            with self.subTest(case=case):
                self.assertRefused(uploads.PDF_UNREADABLE, data)

    # ------------------------------------------------------------------ images
    def test_what_rides_behind_an_image_is_not_stored(self):
        for data, payload, mimetype, end in (
            (samples.PNG_WITH_HTML, samples.HTML, uploads.PNG, b"IEND\xaeB`\x82"),
            (samples.JPEG_WITH_PHP, samples.PHP, uploads.JPEG, b"\xff\xd9"),
        ):
            with self.subTest(mimetype=mimetype):
                stored_type, stored = uploads.clean_document(data)
                self.assertEqual(stored_type, mimetype)
                self.assertNotIn(payload, stored)
                self.assertTrue(stored.endswith(end), "nothing after the image's end")
                self.assertEqual(samples.image_of(stored).size, (24, 16))

    def test_a_png_keeps_its_pixels(self):
        original = Image.new("RGB", (5, 3))
        original.putdata([(i * 10, 255 - i * 10, i) for i in range(15)])
        stream = io.BytesIO()
        original.save(stream, "PNG")
        stored = uploads.clean_document(stream.getvalue() + samples.HTML)[1]
        self.assertEqual(list(samples.image_of(stored).getdata()), list(original.getdata()))

    def test_a_photo_is_turned_upright_and_loses_its_metadata(self):
        image = Image.new("RGB", (40, 20), (10, 120, 200))
        exif = image.getexif()
        exif[0x0112] = 6  # orientation: turned 90°
        exif[0x010F] = "Phone Maker"
        stream = io.BytesIO()
        image.save(stream, "JPEG", exif=exif)
        stored = samples.image_of(uploads.clean_document(stream.getvalue())[1])
        self.assertEqual(stored.size, (20, 40))
        self.assertFalse(dict(stored.getexif()))

    def test_an_image_that_is_a_signature_only_is_refused(self):
        self.assertRefused(uploads.IMAGE_UNREADABLE, samples.PNG_SIGNATURE_WITH_HTML)
        self.assertRefused(uploads.IMAGE_UNREADABLE, b"\xff\xd8\xff\xe0" + b"\0" * 64)

    def test_an_enormous_image_is_refused_before_it_is_decoded(self):
        # 8,000 x 7,000 pixels of one grey compress to a few kilobytes.
        stream = io.BytesIO()
        Image.new("L", (8000, 7000), 200).save(stream, "PNG")
        self.assertLess(len(stream.getvalue()), 200_000)
        self.assertRefused(uploads.IMAGE_TOO_MANY_PIXELS, stream.getvalue())

    # ------------------------------------------------------------------ file names
    def test_file_names_lose_paths_control_and_bidi_characters(self):
        cases = {
            samples.HOSTILE_FILENAME: samples.HOSTILE_FILENAME_CLEANED,
            "../../etc/passwd": "passwd.pdf",
            "..\\..\\windows\\win.ini": "win.ini.pdf",
            "C:\\Users\\张三\\扫描件.PDF": "扫描件.PDF",
            "身份证\u202egpj.pdf": "身份证gpj.pdf",
            "\u2066\u2067\u2068\u2069\u200e\u200f\u202a\u202b\u202c\u202d协议.pdf": "协议.pdf",
            "协议\x00\x7f\n\t.pdf": "协议.pdf",
            "  营业 执照 .pdf ": "营业 执照.pdf",
            "a:b*c?.pdf": "a_b_c_.pdf",
            ".htaccess": "htaccess.pdf",
            "scan.html": "scan.html.pdf",
        }
        for filename, cleaned in cases.items():
            with self.subTest(filename=filename):
                self.assertEqual(uploads.clean_filename(filename, "营业执照", uploads.PDF), cleaned)

    def test_nothing_left_is_the_fallback_with_the_content_extension(self):
        for filename in ("", None, "..", "../", "\u202e\u202c", "/", ". . ."):
            with self.subTest(filename=filename):
                self.assertEqual(uploads.clean_filename(filename, "营业执照", uploads.PNG), "营业执照.png")
        self.assertEqual(uploads.clean_filename("", "", uploads.PDF), "document.pdf")
        self.assertEqual(uploads.clean_filename("..", "../x\u202e"), "x", "the fallback is cleaned too")

    def test_the_extension_follows_the_content(self):
        self.assertEqual(uploads.clean_filename("photo.JPEG", "x", uploads.JPEG), "photo.JPEG")
        self.assertEqual(uploads.clean_filename("photo.jpg", "x", uploads.PNG), "photo.jpg.png")
        self.assertEqual(uploads.clean_filename("photo", "x", uploads.JPEG), "photo.jpg")
        self.assertEqual(uploads.clean_filename("photo.jpg", "x"), "photo.jpg", "no content: the name as it is")

    def test_long_names_are_cut_keeping_the_extension(self):
        cleaned = uploads.clean_filename("扫" * 300 + ".pdf", "x", uploads.PDF)
        self.assertEqual(len(cleaned), uploads.MAX_FILENAME_LENGTH)
        self.assertTrue(cleaned.endswith("扫.pdf"))
