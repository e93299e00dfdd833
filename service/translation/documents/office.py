"""Word (``.docx``) with python-docx and PowerPoint (``.pptx``) with python-pptx.

The libraries open and save the package (every part, relationship and style is carried over);
text is read and written at the run level of their element trees, where a paragraph's pieces
are its run texts (``w:t``/``a:t``, also inside hyperlinks, fields and insertions) with tabs
and breaks as fixed pieces. So run properties, hyperlinks (their relationship targets are not
text), tables and speaker notes stay as they were. Word: body, tables, headers, footers,
comments, footnotes and endnotes (nested paragraphs, e.g. in text boxes, are paragraphs of
their own). PowerPoint: every shape, group and table of every slide, and each slide's notes.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterable, Iterator

import docx
import pptx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.part import PartFactory, XmlPart
from docx.oxml.ns import qn as w_qn
from lxml import etree
from pptx.oxml.ns import qn as a_qn

from service.translation.documents.errors import DocumentError, InvalidDocument
from service.translation.documents.model import Extraction, Options, from_paragraphs
from service.translation.documents.pieces import Paragraph
from service.translation.documents.safety import check_members, open_zip
from service.translation.documents.xmltext import run_text_writer

_WORD_PARTS = {
    CT.WML_DOCUMENT_MAIN,
    CT.WML_HEADER,
    CT.WML_FOOTER,
    CT.WML_COMMENTS,
    CT.WML_FOOTNOTES,
    CT.WML_ENDNOTES,
}
# python-docx has no part class for notes; registering the generic XML part (its own extension
# point, as docx/__init__ does for the rest) parses them so their text can be edited and saved.
for _content_type in (CT.WML_FOOTNOTES, CT.WML_ENDNOTES):
    PartFactory.part_type_for.setdefault(_content_type, XmlPart)
_W_P, _W_T = w_qn("w:p"), w_qn("w:t")
_W_FIXED = {w_qn("w:tab"): "\t", w_qn("w:br"): "\n", w_qn("w:cr"): "\n"}
_A_P, _A_T, _A_BR = a_qn("a:p"), a_qn("a:t"), a_qn("a:br")
_WORD, _POWERPOINT = "Word document", "PowerPoint presentation"


def _checked(data: bytes, options: Options) -> io.BytesIO:
    check_members(open_zip(data, options.limits))
    return io.BytesIO(data)


@contextlib.contextmanager
def _library(what: str) -> Iterator[None]:
    """The libraries' errors as InvalidDocument.

    python-docx and python-pptx assume a well-made package: on a damaged one (a content-types
    part of the wrong shape, a missing relationship) they fail with whatever error the broken
    assumption gives (AttributeError, KeyError, ...). The bytes have passed the safety checks
    already, so any such failure is the file's, not ours.
    """
    try:
        yield
    except DocumentError:
        raise
    except Exception as exc:
        raise InvalidDocument(f"The file is not a readable {what}: {exc}") from exc


def _paragraphs(
    roots: Iterable[etree._Element], p_tag: str, t_tag: str, fixed: dict[str, str]
) -> list[Paragraph]:
    found = []
    for root in roots:
        for p in root.iter(p_tag):
            paragraph = Paragraph()
            for node in p.iter(t_tag, *fixed):
                if next(node.iterancestors(p_tag), None) is not p:
                    continue  # a paragraph nested in this one (a text box) is its own
                if node.tag == t_tag:
                    if node.text:
                        paragraph.add(node.text, run_text_writer(node))
                else:
                    paragraph.add(fixed[node.tag])
            found.append(paragraph)
    return found


def extract_docx(data: bytes, options: Options) -> Extraction:
    checked = _checked(data, options)
    with _library(_WORD):
        document = docx.Document(checked)
        roots = [
            part.element
            for part in document.part.package.iter_parts()
            if part.content_type in _WORD_PARTS and isinstance(part, XmlPart)
        ]

    def save() -> bytes:
        out = io.BytesIO()
        with _library(_WORD):
            document.save(out)
        return out.getvalue()

    return from_paragraphs(_paragraphs(roots, _W_P, _W_T, _W_FIXED), save)


def extract_pptx(data: bytes, options: Options) -> Extraction:
    checked = _checked(data, options)
    roots = []
    with _library(_POWERPOINT):
        presentation = pptx.Presentation(checked)
        for slide in presentation.slides:
            roots.append(slide.element)
            if slide.has_notes_slide:
                roots.append(slide.notes_slide.element)

    def save() -> bytes:
        out = io.BytesIO()
        with _library(_POWERPOINT):
            presentation.save(out)
        return out.getvalue()

    return from_paragraphs(_paragraphs(roots, _A_P, _A_T, {_A_BR: "\n"}), save)
