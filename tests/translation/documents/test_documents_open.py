"""OpenDocument and EPUB end to end: files made with odfpy / zipfile+lxml, read back with them.

Same paragraphs, spans with their styles, links with their targets, tables, slides and notes;
the Chinese paragraph byte-identical; the English text changed; other members untouched.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree
from odf import teletype
from odf.opendocument import load
from odf.presentation import Notes
from odf.table import TableCell
from odf.text import A, H, P

from tests.translation.documents.builders import XHTML, epub_file, odp_file, odt_file
from tests.translation.documents.conftest import Translate
from tests.translation.documents.samples import ENGLISH, KEPT, URL

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _odf_shape(document: object) -> list[object]:
    paragraphs = document.getElementsByType(P) + document.getElementsByType(H)  # type: ignore[attr-defined]
    return [
        [(str(e.qname), sorted(str(v) for v in e.attributes.values())) for e in _elements(p)]
        for p in paragraphs
    ] + [len(document.getElementsByType(TableCell))]  # type: ignore[attr-defined]


def _elements(node: object) -> list[object]:
    found = [node]
    for child in node.childNodes:  # type: ignore[attr-defined]
        if child.nodeType == child.ELEMENT_NODE:
            found += _elements(child)
    return found


def _texts(document: object) -> list[str]:
    paragraphs = document.getElementsByType(P) + document.getElementsByType(H)  # type: ignore[attr-defined]
    return [teletype.extractText(p) for p in paragraphs]


def _member(data: bytes, name: str) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read(name)


def _check_odf(source: bytes, output: bytes) -> None:
    before, after = load(io.BytesIO(source)), load(io.BytesIO(output))
    assert _odf_shape(after) == _odf_shape(before)
    old, new = _texts(before), _texts(after)
    assert KEPT in new
    for old_text, new_text in zip(old, new, strict=True):
        assert (new_text == old_text) == (old_text == KEPT)
        assert new_text
    names = zipfile.ZipFile(io.BytesIO(output)).namelist()
    assert names == zipfile.ZipFile(io.BytesIO(source)).namelist()
    assert names[0] == "mimetype" and _member(output, "mimetype") == _member(source, "mimetype")
    assert _member(output, "meta.xml") == _member(source, "meta.xml")


def test_odt_structure_is_kept_and_text_translated(translate_file: Translate) -> None:
    source = odt_file()
    output = translate_file("report.odt", source)
    _check_odf(source, output)
    links = load(io.BytesIO(output)).getElementsByType(A)
    assert [a.getAttribute("href") for a in links] == [URL]
    assert teletype.extractText(links[0]) != "the central station"


def test_odp_slides_and_notes_are_translated(translate_file: Translate) -> None:
    source = odp_file()
    output = translate_file("deck.odp", source)
    _check_odf(source, output)
    notes = load(io.BytesIO(output)).getElementsByType(Notes)[0]
    assert teletype.extractText(notes.getElementsByType(P)[0]) != ENGLISH[3]




def _chapter(data: bytes) -> etree._Element:
    return etree.fromstring(_member(data, "OEBPS/text/chapter.xhtml"))


def test_epub_chapters_keep_their_markup(translate_file: Translate) -> None:
    source = epub_file()
    output = translate_file("book.epub", source)
    before, after = _chapter(source), _chapter(output)
    assert after.get(XML_LANG) == "zh-Hans"
    after.set(XML_LANG, "en")
    assert [(e.tag, dict(e.attrib)) for e in after.iter()] == [
        (e.tag, dict(e.attrib)) for e in before.iter()
    ]
    blocks = {f"{{{XHTML}}}{name}" for name in ("title", "h1", "p", "td")}
    for old, new in zip(before.iter(*blocks), after.iter(*blocks), strict=True):
        if old.text == KEPT:
            assert etree.tostring(new) == etree.tostring(old)
        else:
            assert "".join(new.itertext()) != "".join(old.itertext())
    pre = after.find(f".//{{{XHTML}}}pre")
    assert pre is not None and pre.text == "print('hello world')"
    assert _member(output, "OEBPS/text/chapter.xhtml").startswith(b"<?xml")
    assert b"<!DOCTYPE html>" in _member(output, "OEBPS/text/chapter.xhtml")
    info = zipfile.ZipFile(io.BytesIO(output)).infolist()[0]
    assert info.filename == "mimetype" and info.compress_type == zipfile.ZIP_STORED
    assert _member(output, "META-INF/container.xml") == _member(source, "META-INF/container.xml")
    package = etree.fromstring(_member(output, "OEBPS/content.opf"))
    assert package.findtext(".//{http://purl.org/dc/elements/1.1/}language") == "zh-Hans"
