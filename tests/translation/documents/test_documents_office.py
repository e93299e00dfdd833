"""Word and PowerPoint end to end: files made with python-docx/python-pptx, read back with them.

Structure must be identical (paragraphs, runs and their formatting, hyperlinks and their
targets, tables, headers, speaker notes); the Chinese paragraph is byte-identical; the English
runs are changed.
"""

from __future__ import annotations

import io
import zipfile

import docx
import pptx
from docx.oxml.ns import qn
from docx.text.hyperlink import Hyperlink
from lxml import etree

from tests.translation.documents.builders import powerpoint_file, word_file
from tests.translation.documents.conftest import Translate
from tests.translation.documents.samples import ENGLISH, KEPT


def _paragraph_shape(paragraph: docx.text.paragraph.Paragraph) -> list[object]:
    shape: list[object] = [paragraph.style.name if paragraph.style else None]
    for inner in paragraph.iter_inner_content():
        if isinstance(inner, Hyperlink):
            shape.append(("link", inner.address, len(inner.runs)))
        else:
            shape.append(("run", inner.bold, inner.italic, inner.style.name))
    return shape


def _word_shape(document: docx.document.Document) -> list[object]:
    cells = [c for table in document.tables for row in table.rows for c in row.cells]
    return [
        [_paragraph_shape(p) for p in document.paragraphs],
        [[_paragraph_shape(p) for p in cell.paragraphs] for cell in cells],
        [len(t.rows) for t in document.tables] + [len(t.columns) for t in document.tables],
        [_paragraph_shape(p) for p in document.sections[0].header.paragraphs],
    ]


def test_docx_structure_is_kept_and_runs_are_translated(translate_file: Translate) -> None:
    source = word_file()
    before = docx.Document(io.BytesIO(source))
    after = docx.Document(io.BytesIO(translate_file("report.docx", source)))
    assert _word_shape(after) == _word_shape(before)
    kept = [etree.tostring(p._p) for p in before.paragraphs if p.text == KEPT]
    assert kept and kept == [etree.tostring(p._p) for p in after.paragraphs if p.text == KEPT]
    for old, new in zip(before.paragraphs, after.paragraphs, strict=True):
        if old.text != KEPT:
            assert new.text != old.text
    old_runs = before.paragraphs[1].runs
    new_runs = after.paragraphs[1].runs
    assert all(new.text for new in new_runs)
    assert [r.text for r in new_runs] != [r.text for r in old_runs]
    assert after.paragraphs[2].hyperlinks[0].text != "the central station"
    header = after.sections[0].header.paragraphs[0].text
    assert header and header != ENGLISH[3]
    cells = [c.text for row in after.tables[0].rows for c in row.cells]
    assert all(cells) and not set(cells) & set(ENGLISH)


def _slide_paragraphs(presentation: pptx.presentation.Presentation) -> list[object]:
    found = []
    for slide in presentation.slides:
        frames = [s.text_frame for s in slide.shapes if s.has_text_frame]
        frames += [
            c.text_frame for s in slide.shapes if s.has_table for r in s.table.rows for c in r.cells
        ]
        frames.append(slide.notes_slide.notes_text_frame)
        found += [p for frame in frames for p in frame.paragraphs]
    return found


def _slide_shape(presentation: pptx.presentation.Presentation) -> list[object]:
    return [
        [(r.font.bold, r.hyperlink.address) for r in paragraph.runs]
        for paragraph in _slide_paragraphs(presentation)
    ] + [len(presentation.slides), [len(s.shapes) for s in presentation.slides]]


def test_pptx_structure_is_kept_and_runs_are_translated(translate_file: Translate) -> None:
    source = powerpoint_file()
    before = pptx.Presentation(io.BytesIO(source))
    after = pptx.Presentation(io.BytesIO(translate_file("deck.pptx", source)))
    assert _slide_shape(after) == _slide_shape(before)
    old, new = _slide_paragraphs(before), _slide_paragraphs(after)
    for old_paragraph, new_paragraph in zip(old, new, strict=True):
        if old_paragraph.text == KEPT:
            assert etree.tostring(new_paragraph._p) == etree.tostring(old_paragraph._p)
        else:
            assert new_paragraph.text and new_paragraph.text != old_paragraph.text
    assert any(p.text == KEPT for p in new)
    notes = after.slides[0].notes_slide.notes_text_frame.text
    assert notes and notes != ENGLISH[3]


def test_a_run_already_in_the_target_is_kept_inside_a_mixed_paragraph(
    translate_file: Translate,
) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run(KEPT).bold = True
    paragraph.add_run(" ")
    paragraph.add_run(ENGLISH[0]).italic = True
    out = io.BytesIO()
    document.save(out)
    after = docx.Document(io.BytesIO(translate_file("mixed.docx", out.getvalue())))
    runs = after.paragraphs[0].runs
    assert [(r.bold, r.italic) for r in runs] == [(True, None), (None, None), (None, True)]
    assert runs[0].text == KEPT and runs[1].text == " "
    assert runs[2].text and runs[2].text != ENGLISH[0]


_FOOTNOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:footnote w:id="1"><w:p><w:r><w:t>{ENGLISH[2]}</w:t></w:r></w:p></w:footnote>
</w:footnotes>""".encode()


def _with_footnote(data: bytes) -> bytes:
    """``data`` with a footnotes part (python-docx cannot add one)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            content = source.read(name)
            if name == "[Content_Types].xml":
                content = content.replace(
                    b"</Types>",
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
                )
            if name == "word/_rels/document.xml.rels":
                content = content.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdNotes" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                    b"</Relationships>",
                )
            archive.writestr(name, content)
        archive.writestr("word/footnotes.xml", _FOOTNOTES)
    return out.getvalue()


def test_docx_footnotes_are_translated(translate_file: Translate) -> None:
    document = docx.Document()
    document.add_paragraph(ENGLISH[0])
    out = io.BytesIO()
    document.save(out)
    output = translate_file("notes.docx", _with_footnote(out.getvalue()))
    notes = etree.fromstring(zipfile.ZipFile(io.BytesIO(output)).read("word/footnotes.xml"))
    texts = [t.text for t in notes.iter(qn("w:t"))]
    assert len(texts) == 1 and texts[0] and texts[0] != ENGLISH[2]
    assert [e.tag for e in notes.iter()] == [
        e.tag for e in etree.fromstring(_FOOTNOTES).iter()
    ]
