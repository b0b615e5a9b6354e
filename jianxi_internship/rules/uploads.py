"""What an uploaded document is, told by its content, never by its name, and what of it is stored.

No ORM: the document mixin (models/jianxi_document_mixin.py) runs these rules on every write of a
scanned document, from the portal as from the backend, and turns a refusal into a message naming
the document. Odoo's own tools do the reading: ``guess_mimetype`` types the bytes,
``odoo.tools.image`` decodes and re-encodes images, ``odoo.tools.pdf`` (the PDF library Odoo
ships) parses PDFs.

- A document is a PDF, a JPEG or a PNG (:data:`DOCUMENT_TYPES`), whatever its file name says.
- An image is decoded and encoded again, and only the new bytes are stored: what rode behind a
  valid signature (HTML, PHP, a ZIP) or in its metadata (EXIF with GPS, text chunks) is gone.
- A PDF is parsed, every object of it, and refused when it is encrypted, when it carries active
  content (:data:`PDF_ACTIVE_NAMES`: JavaScript, automatic actions, launch actions, attached
  files...), or when it cannot be read. A PDF is stored as sent (re-writing it would break
  signatures and change scans).
- An empty file is refused, not ignored.
- A file name keeps its last path part only, without control or bidirectional characters, with the
  extension of its content.
"""

import io
import re
import unicodedata

from PIL import Image

from odoo.tools import image as image_tools
from odoo.tools import pdf as pdf_tools
from odoo.tools.mimetypes import guess_mimetype

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
# What a scanned document may be: {mimetype: (extensions, the first being the one to add)}.
DOCUMENT_TYPES = {PDF: ("pdf",), JPEG: ("jpg", "jpeg"), PNG: ("png",)}
# PIL's names of the formats it reads for each type (a phone's JPEG is often read as MPO).
_PIL_FORMATS = {JPEG: {"JPEG", "MPO"}, PNG: {"PNG"}}
# Beyond this many pixels an image is refused before it is decoded (Odoo's own limit, 50 million:
# a 600 dpi A4 scan has 35 million).
MAX_IMAGE_PIXELS = image_tools.IMAGE_MAX_RESOLUTION
# JPEG quality when the original tables cannot be kept (the image was turned by its EXIF tag).
JPEG_QUALITY = 90

# The PDF names that make a document act rather than show: scripts (/JS, /JavaScript), actions run
# on opening or on events (/AA; /OpenAction is checked apart, see _pdf_active_content), programs
# launched (/Launch), files carried inside (/EmbeddedFiles, /EmbeddedFile, /FileAttachment, /GoToE),
# forms that send or load data (/SubmitForm, /ImportData), XFA forms (they carry scripts) and
# rich media (Flash). A scan has none of them.
PDF_ACTIVE_NAMES = frozenset(
    {
        "/JS",
        "/JavaScript",
        "/AA",
        "/Launch",
        "/EmbeddedFiles",
        "/EmbeddedFile",
        "/FileAttachment",
        "/GoToE",
        "/SubmitForm",
        "/ImportData",
        "/XFA",
        "/RichMedia",
    }
)

# Why a document is refused (the mixin's messages are keyed on these).
EMPTY = "empty"
TOO_LARGE = "too_large"
NOT_A_DOCUMENT = "not_a_document"
PDF_UNREADABLE = "pdf_unreadable"
PDF_ENCRYPTED = "pdf_encrypted"
PDF_ACTIVE = "pdf_active"
IMAGE_UNREADABLE = "image_unreadable"
IMAGE_TOO_MANY_PIXELS = "image_too_many_pixels"

# File names: characters nobody sees or means (controls, bidirectional overrides and marks, zero
# widths, line and paragraph separators, lone surrogates), those Windows refuses, the path
# separators, and the longest name kept.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_RESERVED_CHARACTERS = re.compile(r'[<>:"|?*]')
_PATH_SEPARATORS = re.compile(r"[/\\]")
MAX_FILENAME_LENGTH = 120
MAX_EXTENSION_LENGTH = 8


class Refused(ValueError):
    """A document that may not be stored: ``reason`` is one of the reasons above; ``detail`` what
    was found (the active PDF name), for the logs and the tests."""

    def __init__(self, reason, detail=None):
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail


def clean_document(raw, max_bytes=None):
    """The bytes to store for the uploaded ``raw`` bytes, and their type.

    :param bytes raw: the file as uploaded
    :param max_bytes: the largest file accepted (None: no limit)
    :return: ``(mimetype, bytes)``: a PDF as sent, an image encoded again
    :raise Refused: an empty or too large file, not a PDF/JPEG/PNG by its content, an unreadable,
        encrypted or active PDF, an unreadable or enormous image
    """
    if not raw:
        raise Refused(EMPTY)
    if max_bytes is not None and len(raw) > max_bytes:
        raise Refused(TOO_LARGE)  # before any parsing
    mimetype = guess_mimetype(raw)
    if mimetype not in DOCUMENT_TYPES:
        raise Refused(NOT_A_DOCUMENT)
    if mimetype == PDF:
        check_pdf(raw)
        return mimetype, raw
    return mimetype, reencode_image(raw, mimetype)


# ---------------------------------------------------------------------------------- PDF
def check_pdf(raw):
    """Refuse (:class:`Refused`) a PDF that is encrypted, carries active content or cannot be read.

    Every object is read: those the document's tree reaches from its trailer, and every object of
    its cross-reference tables (an action need not be reachable from the pages to be run by a
    reader that repairs the file).
    """
    try:
        reader = pdf_tools.PdfReader(io.BytesIO(raw), strict=False)
        if reader.is_encrypted:
            raise Refused(PDF_ENCRYPTED)
        if not len(reader.pages):
            raise Refused(PDF_UNREADABLE)
        active = _pdf_active_content(reader)
    except Refused:
        raise
    except Exception as error:  # hostile bytes make the parser raise anything
        raise Refused(PDF_UNREADABLE) from error
    if active:
        raise Refused(PDF_ACTIVE, active)


def _pdf_objects(reader):
    """The indirect references of every object the cross-reference tables of ``reader`` list."""
    for generation, entries in reader.xref.items():
        for number in entries:
            if number:  # object 0 is the head of the free list
                yield pdf_tools.IndirectObject(number, generation, reader)
    for number in getattr(reader, "xref_objStm", {}):
        yield pdf_tools.IndirectObject(number, 0, reader)


def _pdf_active_content(reader):
    """The first active name (:data:`PDF_ACTIVE_NAMES`, or /OpenAction holding an action) found
    in the objects of ``reader``, as a key or as a value; None for a passive document."""
    seen = set()
    todo = [reader.trailer, *_pdf_objects(reader)]
    while todo:
        item = todo.pop()
        if isinstance(item, pdf_tools.IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        if isinstance(item, pdf_tools.DictionaryObject):  # streams too: their dictionary
            for name, value in dict.items(item):  # the raw values: references are followed here
                if name in PDF_ACTIVE_NAMES:
                    return name
                # Opening on a page (a destination: an array) is passive; an action is not.
                if name == "/OpenAction" and not isinstance(_resolved(value), pdf_tools.ArrayObject):
                    return name
                todo.append(value)
        elif isinstance(item, pdf_tools.ArrayObject):
            todo.extend(item)
        elif isinstance(item, pdf_tools.NameObject) and item in PDF_ACTIVE_NAMES:
            return item
    return None


def _resolved(value):
    return value.get_object() if isinstance(value, pdf_tools.IndirectObject) else value


# ---------------------------------------------------------------------------------- images
def reencode_image(raw, mimetype):
    """The image ``raw`` (of type ``mimetype``, JPEG or PNG) decoded and encoded again with Odoo's
    image tools, turned upright by its EXIF orientation, without its metadata.

    :raise Refused: an image that cannot be decoded, or of more than :data:`MAX_IMAGE_PIXELS`
    """
    try:
        width, height = Image.open(io.BytesIO(raw)).size  # the header only
    except Image.DecompressionBombError as error:
        raise Refused(IMAGE_TOO_MANY_PIXELS) from error
    except Exception as error:  # hostile bytes make the decoder raise anything
        raise Refused(IMAGE_UNREADABLE) from error
    if width * height > MAX_IMAGE_PIXELS:
        raise Refused(IMAGE_TOO_MANY_PIXELS)
    try:
        process = image_tools.ImageProcess(raw, verify_resolution=True)
        if process.original_format not in _PIL_FORMATS[mimetype]:
            raise Refused(IMAGE_UNREADABLE)
        data = _encode(process.image, mimetype)
    except Refused:
        raise
    except Exception as error:  # as above; ImageProcess raises UserError
        raise Refused(IMAGE_UNREADABLE) from error
    if guess_mimetype(data) != mimetype:
        raise Refused(IMAGE_UNREADABLE)
    return data


def _encode(image, mimetype):
    """The bytes of the PIL ``image`` encoded anew as ``mimetype`` (nothing of the original file
    but its pixels: no trailing bytes, no EXIF, no text chunks)."""
    if mimetype == PNG:
        return image_tools.image_apply_opt(image, "PNG")
    try:
        # The original quantization tables: neither larger nor blurrier than the scan sent.
        return image_tools.image_apply_opt(image, "JPEG", quality="keep", subsampling="keep")
    except ValueError:  # not the decoded JPEG any more (turned upright, another mode)
        return image_tools.image_apply_opt(image, "JPEG", quality=JPEG_QUALITY)


# ---------------------------------------------------------------------------------- file names
def clean_filename(filename, fallback, mimetype=None):
    """The file name to store for the uploaded ``filename``.

    Only its last path part is kept (``../../x.pdf`` gives ``x.pdf``, so does ``C:\\x.pdf``),
    without control characters, bidirectional overrides and marks (U+202A-U+202E, U+2066-U+2069,
    U+200E, U+200F: ``invoice<U+202E>gpj.exe`` reads as ``invoiceexe.jpg``), characters Windows
    refuses, leading dots and surrounding blanks, and at most :data:`MAX_FILENAME_LENGTH`
    characters long.

    :param fallback: the name when nothing is left (such as the document's label)
    :param mimetype: the type of the content: a name whose extension is not one of the type's
        gets the type's extension (``scan.html`` holding a PDF is ``scan.html.pdf``)
    """
    name = _visible_name(filename) or _visible_name(fallback) or "document"
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem or len(extension) > MAX_EXTENSION_LENGTH:
        stem, extension = name, ""
    extensions = DOCUMENT_TYPES.get(mimetype, ())
    if extensions and extension.lower() not in extensions:
        stem, extension = name, extensions[0]
    stem = stem[: MAX_FILENAME_LENGTH - len(extension) - 1].rstrip(". ") or "document"
    return f"{stem}.{extension}" if extension else stem


def _visible_name(filename):
    """The last path part of ``filename`` with only characters people see and every system takes."""
    name = unicodedata.normalize("NFC", filename if isinstance(filename, str) else "")
    name = "".join(character for character in name if unicodedata.category(character) not in _INVISIBLE_CATEGORIES)
    name = _PATH_SEPARATORS.split(name)[-1]
    name = _RESERVED_CHARACTERS.sub("_", name)
    return " ".join(name.split()).lstrip(". ").rstrip(". ")  # ".." and ".htaccess" too
