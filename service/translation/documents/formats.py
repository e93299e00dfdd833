"""The registry of document formats, and which one a file really is (by content).

Detection never trusts the name: a ZIP is told apart by its members (``word/document.xml``,
``ppt/presentation.xml``, the OpenDocument or EPUB ``mimetype``), other binaries by their
magic bytes (refused with what they are), text by its content (an XLIFF root, SubRip cues,
gettext entries, HTML tags). Only plain text, which has no mark of its own, takes its kind
from the name (``.md`` is Markdown, ``.txt`` text, ``.html`` HTML); a name promising a
structured format whose content is something else is refused, as is a name Mixlate does not
translate. The translated file gets the extension of the format found.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass

from service.translation.documents import (
    epub,
    markdown,
    markup,
    office,
    opendocument,
    plain,
    po,
    subtitles,
    xliff,
)
from service.translation.documents.errors import InvalidDocument, UnsupportedDocument
from service.translation.documents.model import Extraction, Options
from service.translation.documents.safety import DocumentLimits, open_zip, read_member

Extract = Callable[[bytes, Options], Extraction]


@dataclass(frozen=True, slots=True)
class DocumentFormat:
    """One format: its name, file extensions (the first is the usual one), type, front end."""

    name: str
    extensions: tuple[str, ...]
    media_type: str
    extract: Extract
    text: bool = False  # a text format: UTF-8, its byte-order mark kept


_OPENXML = "application/vnd.openxmlformats-officedocument"
_ODF = "application/vnd.oasis.opendocument"
FORMATS: dict[str, DocumentFormat] = {
    f.name: f
    for f in (
        DocumentFormat("text", (".txt", ".text"), "text/plain", plain.extract, True),
        DocumentFormat("markdown", (".md", ".markdown"), "text/markdown", markdown.extract, True),
        DocumentFormat("html", (".html", ".htm"), "text/html", markup.extract, True),
        DocumentFormat("srt", (".srt",), "application/x-subrip", subtitles.extract, True),
        DocumentFormat("po", (".po", ".pot"), "text/x-gettext-translation", po.extract, True),
        DocumentFormat("xliff", (".xliff", ".xlf"), "application/xliff+xml", xliff.extract, True),
        DocumentFormat(
            "docx", (".docx",), f"{_OPENXML}.wordprocessingml.document", office.extract_docx
        ),
        DocumentFormat(
            "pptx", (".pptx",), f"{_OPENXML}.presentationml.presentation", office.extract_pptx
        ),
        DocumentFormat("odt", (".odt",), f"{_ODF}.text", opendocument.extract),
        DocumentFormat("odp", (".odp",), f"{_ODF}.presentation", opendocument.extract),
        DocumentFormat("epub", (".epub",), "application/epub+zip", epub.extract),
    )
}
EXTENSIONS = tuple(ext for f in FORMATS.values() for ext in f.extensions)
_BY_EXTENSION = {ext: f for f in FORMATS.values() for ext in f.extensions}
_PLAIN_NAMES = ("text", "markdown", "html")  # plain text is all of these
_ZIP_MIMETYPES = {
    f"{_ODF}.text": "odt",
    f"{_ODF}.presentation": "odp",
    "application/epub+zip": "epub",
}
_ZIP_MEMBERS = {"word/document.xml": "docx", "ppt/presentation.xml": "pptx"}
_MAGIC = {
    b"%PDF": "a PDF file",
    b"\xd0\xcf\x11\xe0": "a legacy Office file (.doc, .ppt, .xls); save it as .docx or .pptx",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
}
_XML_ROOT = re.compile(
    r"\A(?:<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>|\s)*"
    r"<([A-Za-z_][\w.-]*:)?([\w.-]+)",
    re.S,
)
_SRT_CUE = re.compile(r"\A\s*\d+[ \t]*\r?\n\d{1,2}:\d\d:\d\d[,.]\d{1,3}[ \t]*-->")
_PO_ENTRY = re.compile(r'^msgid[ \t]+"', re.M)
_PO_STRING = re.compile(r'^msgstr(?:\[\d+\])?[ \t]+"', re.M)
_HTML = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.S | re.I)


def extension_of(filename: str) -> str:
    return posixpath.splitext(filename.replace("\\", "/"))[1].lower()


def _not_supported(filename: str) -> UnsupportedDocument:
    shown = extension_of(filename) or "files without an extension"
    return UnsupportedDocument(
        f"Invalid request: file format not supported ({shown}); supported formats: "
        + ", ".join(EXTENSIONS)
    )


def _zip_format(data: bytes, limits: DocumentLimits) -> DocumentFormat:
    archive = open_zip(data, limits)
    names = set(archive.namelist())
    if "mimetype" in names:
        kind = read_member(archive, "mimetype").decode("ascii", "replace").strip()
        if kind in _ZIP_MIMETYPES:
            return FORMATS[_ZIP_MIMETYPES[kind]]
    for member, name in _ZIP_MEMBERS.items():
        if member in names:
            return FORMATS[name]
    raise UnsupportedDocument(
        "The file is a ZIP archive but not a Word, PowerPoint, OpenDocument or EPUB document"
    )


def _text_format(text: str, filename: str) -> DocumentFormat:
    root = _XML_ROOT.match(text)
    if root and root.group(2) == "xliff":
        return FORMATS["xliff"]
    if _SRT_CUE.match(text):
        return FORMATS["srt"]
    if _PO_ENTRY.search(text) and _PO_STRING.search(text):
        return FORMATS["po"]
    if _HTML.match(text):
        return FORMATS["html"]
    named = _BY_EXTENSION.get(extension_of(filename))
    if named is None:
        raise _not_supported(filename)
    if named.name not in _PLAIN_NAMES:
        raise InvalidDocument(
            f"The file is named {extension_of(filename)} but its content is not that format"
        )
    return named


def detect_format(data: bytes, filename: str, limits: DocumentLimits) -> DocumentFormat:
    """The format ``data`` really is; raises UnsupportedDocument or InvalidDocument."""
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return _zip_format(data, limits)
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise UnsupportedDocument(f"The file is {what}, which Mixlate does not translate")
    try:
        text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError as exc:
        if extension_of(filename) not in EXTENSIONS:
            raise _not_supported(filename) from exc
        raise InvalidDocument(
            f"The file is named {extension_of(filename) or 'without extension'} but it is "
            f"neither that format nor UTF-8 text (byte {exc.start} is invalid)"
        ) from exc
    if "\x00" in text:
        raise InvalidDocument("The file holds NUL characters: it is binary, not text")
    return _text_format(text, filename)
