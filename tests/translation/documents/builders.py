"""Real files for the document tests, made with each format's own library (or zipfile for EPUB).

Each has styles, a table or inline codes, a link, and one paragraph already in the target
(``KEPT``) next to English ones.
"""

from __future__ import annotations

import io
import zipfile

import docx
import pptx
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from odf.draw import Frame, Page, TextBox
from odf.opendocument import OpenDocumentPresentation, OpenDocumentText
from odf.presentation import Notes
from odf.style import MasterPage, PageLayout, Style, TextProperties
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import A, H, P, Span
from pptx.util import Inches

from tests.translation.documents.samples import ENGLISH, KEPT, URL

XHTML = "http://www.w3.org/1999/xhtml"


def _add_link(paragraph: docx.text.paragraph.Paragraph, url: str, text: str) -> None:
    relation = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def word_file() -> bytes:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = ENGLISH[3]
    document.add_heading(ENGLISH[0], level=1)
    mixed = document.add_paragraph("Please read ", style="List Bullet")
    mixed.add_run("the instructions").bold = True
    mixed.add_run(" carefully before ").italic = True
    mixed.add_run("you start.")
    linked = document.add_paragraph("Our new office is close to ")
    _add_link(linked, URL, "the central station")
    linked.add_run(".")
    document.add_paragraph(KEPT)
    table = document.add_table(rows=2, cols=2)
    for number, cell in enumerate(c for row in table.rows for c in row.cells):
        cell.text = ENGLISH[number]
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def powerpoint_file() -> bytes:
    presentation = pptx.Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[1])
    slide.shapes.title.text = ENGLISH[0]
    body = slide.placeholders[1].text_frame
    body.text = "Please read "
    bold = body.paragraphs[0].add_run()
    bold.text = "the instructions"
    bold.font.bold = True
    link = body.paragraphs[0].add_run()
    link.text = " on our website."
    link.hyperlink.address = URL
    body.add_paragraph().text = KEPT
    table = slide.shapes.add_table(2, 2, Inches(1), Inches(4), Inches(6), Inches(1)).table
    for number, cell in enumerate(c for row in table.rows for c in row.cells):
        cell.text = ENGLISH[number]
    slide.notes_slide.notes_text_frame.text = ENGLISH[3]
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


def _odf_bytes(document: object) -> bytes:
    out = io.BytesIO()
    document.write(out)  # type: ignore[attr-defined]
    return out.getvalue()


def odt_file() -> bytes:
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


def odp_file() -> bytes:
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


CHAPTER = f"""<?xml version="1.0" encoding="UTF-8"?>
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


def epub_file() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        book.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        book.writestr("META-INF/container.xml", _CONTAINER, zipfile.ZIP_DEFLATED)
        book.writestr("OEBPS/content.opf", _OPF, zipfile.ZIP_DEFLATED)
        book.writestr("OEBPS/text/chapter.xhtml", CHAPTER, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def po_file() -> bytes:
    catalog = Catalog(locale="en", project="Guide")
    catalog.add(ENGLISH[0], locations=[("app.py", 3)], auto_comments=["Page title"])
    catalog.add("Close", "关闭")  # already translated: untouched
    catalog.add(KEPT, context="banner")
    catalog.add(("One new message for %(name)s", "%(count)d new messages"), ("", ""))
    catalog.add(ENGLISH[1], flags=["no-wrap"])
    out = io.BytesIO()
    write_po(out, catalog)
    return out.getvalue()


XLIFF_12 = f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
  <file original="app" source-language="en" datatype="plaintext">
    <body>
      <trans-unit id="a"><source>{ENGLISH[0]}</source></trans-unit>
      <trans-unit id="b"><source>Please read <g id="1">the instructions</g> first.</source>
        <note>Shown on the start page</note></trans-unit>
      <trans-unit id="c"><source>{KEPT}</source></trans-unit>
      <trans-unit id="d"><source>Close</source><target>关闭</target></trans-unit>
      <trans-unit id="e" translate="no"><source>{ENGLISH[2]}</source></trans-unit>
    </body>
  </file>
</xliff>
"""
