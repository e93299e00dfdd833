"""What each front end hands the pipeline, and how formats are found (no models needed).

A paragraph is one item, whatever its runs: a sentence split over runs, links or two subtitle
lines reaches the model whole, without markup. Rendering unchanged results gives the input
back. Formats are found by content, the name deciding only between kinds of plain text.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.translation.documents import FORMATS, DocumentLimits, InvalidDocument
from service.translation.documents.formats import detect_format
from service.translation.documents.model import Options
from service.translation.documents.safety import parse_xml, serialize_xml
from service.translation.documents.xmltext import mixed_paragraph
from service.translation.translator import ItemResult
from tests.translation.documents.builders import (
    XLIFF_12,
    epub_file,
    odp_file,
    odt_file,
    po_file,
    powerpoint_file,
    word_file,
)
from tests.translation.documents.samples import ENGLISH, KEPT

LIMITS = DocumentLimits(10**7, 1000, 10**8, 10**6)
OPTIONS = Options(LIMITS, "zh-Hans")


def _texts(format_name: str, data: bytes) -> list[str]:
    return [item.text for item in FORMATS[format_name].extract(data, OPTIONS).items]


def _unchanged(format_name: str, data: bytes) -> bytes:
    extraction = FORMATS[format_name].extract(data, OPTIONS)
    return extraction.render([ItemResult(item.text, [], {}) for item in extraction.items])


def test_a_subtitle_cue_on_two_lines_is_one_sentence() -> None:
    cue = "1\n00:00:01,000 --> 00:00:03,500\n<i>The committee will publish</i>\nits report.\n"
    assert _texts("srt", cue.encode()) == ["The committee will publish its report."]


def test_word_and_powerpoint_paragraphs_are_whole_sentences() -> None:
    word = _texts("docx", word_file())
    assert "Please read the instructions carefully before you start." in word
    assert "Our new office is close to the central station." in word
    assert KEPT in word and ENGLISH[3] in word  # the header
    slides = _texts("pptx", powerpoint_file())
    assert "Please read the instructions on our website." in slides
    assert KEPT in slides and ENGLISH[3] in slides  # the speaker notes


def test_opendocument_epub_and_catalog_items() -> None:
    assert "Please read the instructions carefully before you start." in _texts("odt", odt_file())
    assert ENGLISH[3] in _texts("odp", odp_file())  # the notes
    book = _texts("epub", epub_file())
    assert "Please read the instructions before you start." in book
    assert "print('hello world')" not in book
    assert "Please read the instructions first." in _texts("xliff", XLIFF_12.encode())
    assert _texts("po", po_file())[:2] == [ENGLISH[0], KEPT]


def test_markdown_items_hide_markup_but_show_inline_code() -> None:
    source = (
        "# Title here\n\nSee [the guide](https://x.org/a) and **bold text**\nwrapped `x = 1`.\n"
        "\n    indented code\n\n> quoted words\n"
    )
    assert _texts("markdown", source.encode()) == [
        "Title here",
        "See the guide and bold text wrapped `x = 1`.",
        "quoted words",
    ]


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_unchanged_results_give_the_text_back(text: str) -> None:
    data = text.encode()
    for name in ("text", "markdown"):
        assert _unchanged(name, data) == data


@pytest.mark.parametrize(
    ("name", "data", "found"),
    [
        ("report.txt", word_file(), "docx"),
        ("deck", powerpoint_file(), "pptx"),
        ("book.zip", epub_file(), "epub"),
        ("report.docx", odt_file(), "odt"),
        ("notes.txt", XLIFF_12.encode(), "xliff"),
        ("film.md", b"1\n00:00:01,000 --> 00:00:02,000\nHi\n", "srt"),
        ("messages.txt", po_file(), "po"),
        ("page.txt", b"<!doctype html><p>Hi</p>", "html"),
        ("notes.md", b"Just text", "markdown"),
        ("notes.TXT", b"Just text", "text"),
        ("page.html", b"Just text", "html"),
    ],
)
def test_formats_are_found_by_content(name: str, data: bytes, found: str) -> None:
    assert detect_format(data, name, LIMITS).name == found


def test_a_structured_name_with_plain_content_is_refused() -> None:
    for name in ("a.docx", "a.srt", "a.po", "a.xliff", "a.epub"):
        with pytest.raises(InvalidDocument, match="not that format"):
            detect_format(b"Just some text", name, LIMITS)


def test_markdown_quotes_and_list_items() -> None:
    source = "> quoted words\n> go on here\n>\n> another one\n\n- first item\n  goes on\n- second\n"
    assert _texts("markdown", source.encode()) == [
        "quoted words go on here",
        "another one",
        "first item goes on",
        "second",
    ]


def test_srt_line_endings_and_kept_cues_are_exact() -> None:
    source = f"1\r\n00:00:01,000 --> 00:00:02,000\r\n{KEPT}  \r\n\r\n".encode()
    assert _unchanged("srt", source) == source


def test_the_character_limit_counts_html_text_not_markup() -> None:
    page = '<p class="a-long-class-name"><a href="https://example.org/long/path">Hi</a></p>'
    extraction = FORMATS["html"].extract(page.encode(), OPTIONS)
    assert extraction.characters == 2
    assert FORMATS["text"].extract(b"Hello\n\nthere", OPTIONS).characters == 10


def test_an_unresolved_entity_shows_a_space_and_is_written_back() -> None:
    page = (
        b'<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" '
        b'"http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd"><html xmlns="http://www.w3.org/1999/'
        b'xhtml"><body><p>Hello&nbsp;world</p></body></html>'
    )
    tree = parse_xml(page, "page")
    paragraph = mixed_paragraph(tree.getroot()[0][0], lambda _child: None)
    assert paragraph.text == "Hello world"
    assert b"<p>Hello&nbsp;world</p>" in serialize_xml(tree)
    assert not serialize_xml(tree).startswith(b"<?xml version='1.0' encoding='UTF-8' standalone")


def test_markdown_nested_lists_are_prose_and_indented_blocks_are_code() -> None:
    source = (
        "- first item\n    - nested item\n\n    continued item text\n\n"
        "After the list.\n\n    code_block = 1\n"
    )
    assert _texts("markdown", source.encode()) == [
        "first item",
        "nested item",
        "continued item text",
        "After the list.",
    ]
