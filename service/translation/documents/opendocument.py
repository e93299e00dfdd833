"""OpenDocument text and presentations (``.odt``, ``.odp``) with lxml over the package XML.

lxml edits only text nodes of ``content.xml`` and ``styles.xml`` (master-page headers and
footers); every other member of the package is copied byte-for-byte and the ``mimetype`` stays
first and stored. odfpy would re-serialise every part through its own object model, which is
slower and rewrites what we never touch, so it is used by the tests only, to make and read
files. Each ``text:p`` and ``text:h`` is a paragraph over its mixed content: spans and links
are walked into (their styles and targets are attributes, untouched); ``text:s``, tabs and line
breaks are fixed pieces; notes, frames and annotations are fixed and their own paragraphs are
translated on their own. Tables, slides and speaker notes (``presentation:notes``) are all
``text:p`` containers.
"""

from __future__ import annotations

from lxml import etree

from service.translation.documents.model import Extraction, Options, from_paragraphs
from service.translation.documents.pieces import Paragraph
from service.translation.documents.safety import (
    check_members,
    open_zip,
    parse_xml,
    read_member,
    rewrite_zip,
    serialize_xml,
)
from service.translation.documents.xmltext import mixed_paragraph

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_PARAGRAPHS = (f"{{{TEXT}}}p", f"{{{TEXT}}}h")
_WALKED = {f"{{{TEXT}}}{name}" for name in ("span", "a", "meta", "ruby", "ruby-base")}
_SHOWN = {f"{{{TEXT}}}tab": "\t", f"{{{TEXT}}}line-break": "\n"}
_SPACES = f"{{{TEXT}}}s"
_PARTS = ("content.xml", "styles.xml")


def _classify(child: etree._Element) -> str | None:
    if child.tag in _WALKED:
        return None
    if child.tag == _SPACES:
        count = child.get(f"{{{TEXT}}}c", "1")
        # isdigit() accepts "²", which int() refuses; four digits or more are over the cap anyway.
        usable = count.isascii() and count.isdigit() and len(count) <= 3
        return " " * (int(count) if usable else 1)
    return _SHOWN.get(child.tag, "")


def extract(data: bytes, options: Options) -> Extraction:
    archive = open_zip(data, options.limits)
    check_members(archive)
    names = set(archive.namelist())
    trees = {
        name: parse_xml(read_member(archive, name), name) for name in _PARTS if name in names
    }
    paragraphs: list[Paragraph] = [
        mixed_paragraph(element, _classify)
        for tree in trees.values()
        for element in tree.iter(*_PARAGRAPHS)
    ]

    def save() -> bytes:
        return rewrite_zip(archive, {name: serialize_xml(tree) for name, tree in trees.items()})

    return from_paragraphs(paragraphs, save)
