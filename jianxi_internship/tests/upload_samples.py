"""Files to upload in the tests: valid documents, and the hostile ones the document rules refuse
or clean (rules/uploads.py). Built here, from raw PDF objects or with the PDF library Odoo ships
(``odoo.tools.pdf``) and Pillow, so that each shows what it is."""

import io

from PIL import Image

from odoo.tools import pdf as pdf_tools


def make_pdf(catalog="", page="", objects=(), trailer=""):
    """A valid one-page PDF of raw objects, its cross-reference table counted: the catalog is
    object 1, the page tree 2, the page 3, then ``objects`` (4, 5...). ``catalog``, ``page`` and
    ``trailer`` add entries to those dictionaries."""
    bodies = [
        f"<< /Type /Catalog /Pages 2 0 R {catalog}>>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] {page}>>",
        *objects,
    ]
    data, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(bodies, 1):
        offsets.append(len(data))
        data += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(data)
    data += f"xref\n0 {len(bodies) + 1}\n0000000000 65535 f \n".encode()
    data += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    data += f"trailer\n<< /Size {len(bodies) + 1} /Root 1 0 R {trailer}>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return data


def make_padded_pdf(size):
    """A valid PDF of about ``size`` bytes (a stream of zeros on no page)."""
    return make_pdf(objects=[f"<< /Length {size} >>\nstream\n{'0' * size}\nendstream"])


def written_pdf(change):
    """A blank one-page PDF written by Odoo's PDF library after ``change(writer)``."""
    writer = pdf_tools.PdfFileWriter()
    writer.add_blank_page(200, 100)
    change(writer)
    stream = io.BytesIO()
    writer.write(stream)
    return stream.getvalue()


def make_image(kind="PNG", size=(24, 16), color=(200, 40, 40), **save):
    """A small real image (``kind``: PNG or JPEG), as a scanner or a phone sends one."""
    stream = io.BytesIO()
    Image.new("RGB", size, color).save(stream, kind, **save)
    return stream.getvalue()


def image_of(data):
    """The decoded image of ``data`` (raises if it is none)."""
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


# ---------------------------------------------------------------------------------- valid
# A blank one-page PDF: the tests' upload, and the papers the reports read.
PDF = make_pdf()
PNG = make_image("PNG")
JPEG = make_image("JPEG")
# A PDF that opens on its first page: a destination, not an action (accepted).
PDF_OPENING_ON_A_PAGE = make_pdf(catalog="/OpenAction [3 0 R /Fit] ")

# ---------------------------------------------------------------------------------- hostile
HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"
PHP = b"<?php system($_GET['cmd']); ?>"

HOSTILE_PDFS = {
    # Run on opening: JavaScript as the document's OpenAction.
    "OpenAction JavaScript": make_pdf(catalog="/OpenAction << /S /JavaScript /JS (app.alert\\(1\\);) >> "),
    # The same, the action in its own object.
    "OpenAction to an action object": make_pdf(
        catalog="/OpenAction 4 0 R ", objects=["<< /Type /Action /S /JavaScript /JS (app.alert\\(1\\);) >>"]
    ),
    # A document-level script (the name tree that Acrobat runs on opening), as a library writes it.
    "document JavaScript": written_pdf(lambda writer: writer.add_js("app.alert(1);")),
    # Run when the page opens (additional actions).
    "page AA": make_pdf(page="/AA << /O << /S /JavaScript /JS (app.alert\\(1\\);) >> >> "),
    # A link that launches a program.
    "Launch action": make_pdf(
        page="/Annots [4 0 R] ",
        objects=["<< /Type /Annot /Subtype /Link /Rect [0 0 200 100] /A << /S /Launch /F (cmd.exe) >> >>"],
    ),
    # A file carried inside, as a library attaches one.
    "embedded file": written_pdf(lambda writer: writer.add_attachment("invoice.exe", b"MZ\x90\x00 a program")),
    # A file attachment annotation.
    "file attachment annotation": make_pdf(
        page="/Annots [4 0 R] ",
        objects=["<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 10 10] /FS (x.exe) >>"],
    ),
    # Encrypted (an empty user password: it opens without asking, and nobody can read it here).
    "encrypted": written_pdf(lambda writer: writer.encrypt("", "owner-secret")),
    # The names written with #xx escapes (/J#61vaScript is /JavaScript).
    "escaped names": make_pdf(
        catalog="/Names << /J#61vaScript 4 0 R >> ",
        objects=["<< /Names [(a) 5 0 R] >>", "<< /S /J#61vaScript /J#53 (app.alert\\(1\\);) >>"],
    ),
    # A script in an object nothing refers to (a reader repairing the file may still find it).
    "unreferenced script object": make_pdf(objects=["<< /S /JavaScript /JS (app.alert\\(1\\);) >>"]),
}
# Starts as a PDF, is none: the old tests' fake PDFs.
PDF_UNREADABLE = b"%PDF-1.4 scanned licence"

# A valid PNG with an HTML page behind it, a valid JPEG with PHP behind it: accepted, and only the
# image is stored.
PNG_WITH_HTML = PNG + HTML
JPEG_WITH_PHP = JPEG + PHP
# The PNG signature, then HTML: no image at all.
PNG_SIGNATURE_WITH_HTML = b"\x89PNG\r\n\x1a\n" + HTML
# A program, whatever it is named.
EXE = b"MZ\x90\x00\x03\x00\x00\x00 not a document"

# A name with path parts, control characters and a right-to-left override: ``扫描<RLO>fdp.exe``
# reads as ``扫描exe.pdf``.
HOSTILE_FILENAME = "../../etc/\x01\x1b扫描\u202efdp.exe"
# What is stored for it with a PDF inside: no path, no control or bidi character, a .pdf extension.
HOSTILE_FILENAME_CLEANED = "扫描fdp.exe.pdf"
