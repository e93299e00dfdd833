"""OpenDocument and EPUB end to end: files made with odfpy / zipfile+lxml, read back with them.

Same paragraphs, spans with their styles, links with their targets, tables, slides and notes;
the Chinese paragraph byte-identical; the English text changed; other members untouched.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree
from odf import teletype
from odf.draw import Frame, Page, TextBox
from odf.opendocument import OpenDocumentPresentation, OpenDocumentText, load
from odf.presentation import Notes
from odf.style import MasterPage, PageLayout, Style, TextProperties
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import A, H, P, Span

from tests.translation.documents.conftest import Translate
from tests.translation.documents.samples import ENGLISH, KEPT, URL


def _odf_bytes(document: object) -> bytes:
    out = io.BytesIO()
    document.write(out)  # type: ignore[attr-defined]
    return out.getvalue()


def _text_file() -> bytes:
    document = OpenDocumentText()
    bold = Style(name="Bold", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    document.automaticstyles.addElement(bold)
    document.text.addElement(H(outlinelevel=1, text=ENGLISH[0]))
    styled = P(text="Please read ")
    styled.addElement(Span(stylename=bold, text="the instructions"))
    styled.addText(" carefully before you start.")
    document.text.addElement(styled)
    linked = P(text="Our new office is close to ")
    linked.addElement(A(href=URL, text="the central station"))
    linked.addText(".")
    document.text.addElement(linked)
    document.text.addElement(P(text=KEPT))
    table = Table(name="Table1")
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    for row_number in range(2):
        row = TableRow()
        for column in range(2):
            cell = TableCell()
            cell.addElement(P(text=ENGLISH[row_number * 2 + column]))
            row.addElement(cell)
        table.addElement(row)
    document.text.addElement(table)
    return _odf_bytes(document)


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
    source = _text_file()
    output = translate_file("report.odt", source)
    _check_odf(source, output)
    links = load(io.BytesIO(output)).getElementsByType(A)
    assert [a.getAttribute("href") for a in links] == [URL]
    assert teletype.extractText(links[0]) != "the central station"


def _presentation_file() -> bytes:
    document = OpenDocumentPresentation()
    layout = PageLayout(name="Layout")
    document.automaticstyles.addElement(layout)
    master = MasterPage(name="Default", pagelayoutname=layout)
    document.masterstyles.addElement(master)
    page = Page(name="Slide1", masterpagename=master)
    document.presentation.addElement(page)
    for number, text in enumerate((ENGLISH[0], KEPT)):
        frame = Frame(width="20cm", height="3cm", x="1cm", y=f"{1 + 4 * number}cm")
        box = TextBox()
        box.addElement(P(text=text))
        frame.addElement(box)
        page.addElement(frame)
    notes = Notes()
    frame = Frame(width="20cm", height="10cm", x="1cm", y="1cm")
    box = TextBox()
    box.addElement(P(text=ENGLISH[3]))
    frame.addElement(box)
    notes.addElement(frame)
    page.addElement(notes)
    return _odf_bytes(document)


def test_odp_slides_and_notes_are_translated(translate_file: Translate) -> None:
    source = _presentation_file()
    output = translate_file("deck.odp", source)
    _check_odf(source, output)
    notes = load(io.BytesIO(output)).getElementsByType(Notes)[0]
    assert teletype.extractText(notes.getElementsByType(P)[0]) != ENGLISH[3]


XHTML = "http://www.w3.org/1999/xhtml"
_CHAPTER = f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="{XHTML}" xml:lang="en"><head><title>{ENGLISH[0]}</title></head>
<body><h1>{ENGLISH[0]}</h1>
<p class="lead">Please read <em>the instructions</em> before <a href="{URL}">you start</a>.</p>
<p>{KEPT}</p>
<table><tr><td>{ENGLISH[2]}</td><td>{ENGLISH[3]}</td></tr></table>
<pre>print('hello world')</pre>
</body></html>
"""
_OPF = """<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">x</dc:identifier>
<dc:title>Guide</dc:title><dc:language>en</dc:language></metadata>
<manifest><item id="c1" href="text/chapter.xhtml" media-type="application/xhtml+xml"/></manifest>
<spine><itemref idref="c1"/></spine></package>
"""
_CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
</rootfiles></container>
"""


def _epub_file() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        book.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        book.writestr("META-INF/container.xml", _CONTAINER, zipfile.ZIP_DEFLATED)
        book.writestr("OEBPS/content.opf", _OPF, zipfile.ZIP_DEFLATED)
        book.writestr("OEBPS/text/chapter.xhtml", _CHAPTER, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _chapter(data: bytes) -> etree._Element:
    return etree.fromstring(_member(data, "OEBPS/text/chapter.xhtml"))


def test_epub_chapters_keep_their_markup(translate_file: Translate) -> None:
    source = _epub_file()
    output = translate_file("book.epub", source)
    before, after = _chapter(source), _chapter(output)
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
    for name in ("META-INF/container.xml", "OEBPS/content.opf"):
        assert _member(output, name) == _member(source, name)
