"""Text formats end to end: .txt, .md, .html, .srt (real files, real models, structure only)."""

from __future__ import annotations

import srt

from tests.translation.documents.conftest import Translate
from tests.translation.documents.samples import ENGLISH, KEPT, URL


def test_txt_keeps_blank_lines_and_the_chinese_paragraph(translate_file: Translate) -> None:
    source = f"{ENGLISH[0]}\n\n{KEPT}\n\n\n{ENGLISH[1]}\n{ENGLISH[2]}\n"
    output = translate_file("notes.txt", source.encode()).decode()
    blocks = output.split("\n\n")
    assert len(blocks) == len(source.split("\n\n"))
    assert blocks[1] == KEPT
    assert output.endswith("\n")
    assert ENGLISH[0] not in output and ENGLISH[1] not in output


def test_txt_byte_order_mark_is_kept(translate_file: Translate) -> None:
    output = translate_file("bom.txt", b"\xef\xbb\xbf" + ENGLISH[0].encode())
    assert output.startswith(b"\xef\xbb\xbf")
    assert ENGLISH[0].encode() not in output


def test_markdown_markup_code_and_links_stay(translate_file: Translate) -> None:
    source = (
        "---\ntitle: Guide\n---\n"
        f"# {ENGLISH[0]}\n\n"
        f"{ENGLISH[1]} See [the guide]({URL}) and **{ENGLISH[2]}**\n\n"
        "```python\nprint('hello world')\n```\n\n"
        f"- {ENGLISH[3]}\n- {KEPT}\n\n"
        "| Name | Value |\n|------|-------|\n| The station | Close |\n"
    )
    output = translate_file("guide.md", source.encode()).decode()
    lines, original = output.split("\n"), source.split("\n")
    assert len(lines) == len(original)
    assert lines[:3] == original[:3]  # front matter
    assert lines[3].startswith("# ") and lines[3] != original[3]
    assert f"]({URL})" in lines[5] and lines[5].count("**") == 2 and "[" in lines[5]
    assert "```python\nprint('hello world')\n```" in output
    assert f"- {KEPT}" in lines
    assert "|------|-------|" in lines
    assert lines[-2].count("|") == 3


def test_html_is_translated_by_runs_and_spliced_back(translate_file: Translate) -> None:
    source = (
        "<!DOCTYPE html><html><head><title>Guide</title></head><body>"
        f'<p class="lead">{ENGLISH[0]} <a href="{URL}">{ENGLISH[1]}</a></p>'
        f"<p>{KEPT}</p><pre>print('hello world')</pre></body></html>"
    )
    output = translate_file("page.html", source.encode()).decode()
    assert output.startswith("<!DOCTYPE html><html><head><title>")
    assert '<p class="lead">' in output and f'<a href="{URL}">' in output
    assert f"<p>{KEPT}</p><pre>print('hello world')</pre></body></html>" in output
    assert ENGLISH[0] not in output


def test_srt_timings_kept_and_two_line_cues_stay_two_lines(translate_file: Translate) -> None:
    source = (
        "1\n00:00:01,000 --> 00:00:03,500\nThe committee will publish\nits annual report.\n\n"
        f"2\n00:00:04,000 --> 00:00:06,000\n{KEPT}\n\n"
        f"3\n00:00:06,500 --> 00:00:09,000\n<i>{ENGLISH[1]}</i>\n\n"
    )
    output = translate_file("film.srt", source.encode()).decode()
    before, after = list(srt.parse(source)), list(srt.parse(output))
    assert [(c.index, c.start, c.end) for c in after] == [(c.index, c.start, c.end) for c in before]
    assert after[1].content == KEPT
    assert len(after[0].content.split("\n")) == 2
    assert after[0].content != before[0].content
    assert after[2].content.startswith("<i>") and after[2].content.endswith("</i>")
    assert after[2].content != before[2].content
