"""Paragraphs over lxml elements: text slots in mixed content, and ``w:t``-style run texts.

``mixed_paragraph`` walks an element's mixed content in document order: each ``text`` and
``tail`` string is a writable piece (written back into that very slot), and ``classify``
decides for each child whether its content belongs to the paragraph (``None``: walk into it)
or is a fixed piece showing the returned stand-in (a tab, a line break, a note, an image).
Comments and processing instructions are fixed and show nothing; an entity reference left
unresolved (no DTD is loaded) is fixed and shows a space.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

from service.translation.documents.pieces import Paragraph, Writer

Classify = Callable[[etree._Element], str | None]
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: str) -> str:
    """``value`` without the characters XML 1.0 cannot hold (lxml refuses them)."""
    return _NOT_XML.sub("", value)


def slot(element: etree._Element, attribute: str) -> Writer:
    """A writer into ``element.text`` or ``element.tail``."""

    def write(value: str) -> None:
        setattr(element, attribute, xml_text(value))

    return write


def mixed_paragraph(element: etree._Element, classify: Classify) -> Paragraph:
    """The paragraph of ``element``'s mixed content."""
    paragraph = Paragraph()
    _walk(element, paragraph, classify)
    return paragraph


def _walk(element: etree._Element, paragraph: Paragraph, classify: Classify) -> None:
    if element.text:
        paragraph.add(element.text, slot(element, "text"))
    for child in element:
        if isinstance(child, etree._Entity):
            stand_in: str | None = " "  # an unresolved reference, mostly &nbsp;: a space
        else:
            stand_in = classify(child) if isinstance(child.tag, str) else ""
        if stand_in is None:
            _walk(child, paragraph, classify)
        else:
            paragraph.add(stand_in)
        if child.tail:
            paragraph.add(child.tail, slot(child, "tail"))


def run_text_writer(element: etree._Element) -> Writer:
    """A writer into a ``w:t``/``a:t`` run text, keeping its spaces (``xml:space``)."""

    def write(value: str) -> None:
        element.text = value = xml_text(value)
        if value != value.strip():
            element.set(XML_SPACE, "preserve")

    return write


def local_name(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""
