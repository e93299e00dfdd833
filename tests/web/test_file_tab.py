"""The try-it page's file tab in Chromium: reached by keyboard, a .txt and a .docx uploaded,
their progress followed to the end, the download link gives the translated file (opened with
its library); localized, no sideways scrolling at 390 px, no serious axe-core violation."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from flask import Flask

from tests.support.browser import chromium, wait_until
from tests.support.servers import serve_in_thread
from tests.web.test_design import ARTIFACTS, _axe_source

pytestmark = pytest.mark.browser

ENGLISH = ["The river is quiet in the morning.", "The teacher opened the window."]


@pytest.fixture(scope="module")
def server(app: Flask) -> Iterator[str]:
    with serve_in_thread(app, threads=4) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as launched:
        yield launched


def _word(path: Path) -> Path:
    document = docx.Document()
    for text in ENGLISH:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def _translate(tab, path: Path) -> bytes:  # noqa: ANN001
    """Upload ``path`` on the file tab, wait for the link, download through it."""
    tab.set_input_files("#file-input", str(path))
    tab.locator("#file-submit").click()
    link = tab.locator("#file-download")
    link.wait_for(state="visible")
    assert tab.locator("#file-progress").evaluate("bar => bar.value === bar.max")
    assert tab.locator("#file-cancel").is_hidden()
    with tab.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == path.name
    return Path(download.path()).read_bytes()


def test_the_file_tab_translates_a_text_and_a_word_file(
    browser,  # noqa: ANN001
    server: str,
    tmp_path: Path,
) -> None:
    axe = _axe_source()
    viewport = {"width": 390, "height": 900}
    context = browser.new_context(viewport=viewport, locale="en-US", bypass_csp=True)
    context.set_default_timeout(30_000)
    tab = context.new_page()
    tab.goto(f"{server}/?lang=en")
    assert tab.locator("#panel-file").is_hidden()
    tab.locator("#tab-text").focus()
    tab.keyboard.press("ArrowRight")  # the tabs are reached and switched by keyboard
    assert tab.evaluate("document.activeElement.id") == "tab-file"
    assert tab.locator("#tab-file").get_attribute("aria-selected") == "true"
    assert tab.locator("#panel-file").is_visible() and tab.locator("#panel-text").is_hidden()
    assert ".docx" in tab.locator("#file-formats").inner_text()
    tab.select_option("#file-target", "zh-Hans")

    text_file = tmp_path / "notes.txt"
    text_file.write_text("\n\n".join(ENGLISH), encoding="utf-8")
    translated = _translate(tab, text_file).decode()
    assert tab.locator("#file-status").inner_text() == "The file is translated."
    assert tab.locator("#file-download").inner_text() == "Download notes.txt"
    paragraphs = translated.split("\n\n")
    assert len(paragraphs) == 2 and not set(paragraphs) & set(ENGLISH)

    output = _translate(tab, _word(tmp_path / "report.docx"))
    texts = [p.text for p in docx.Document(io.BytesIO(output)).paragraphs]
    assert len(texts) == 2 and all(texts) and not set(texts) & set(ENGLISH)

    scroll, inner = tab.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner
    tab.add_script_tag(content=axe)
    found = tab.evaluate(
        """async () => (await axe.run(document)).violations
             .filter(v => ["serious", "critical"].includes(v.impact)).map(v => v.id)"""
    )
    assert found == []
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / "try-it-file-390.png"), full_page=True)
    context.close()


def test_the_file_tab_speaks_the_page_language_and_reports_a_bad_file(
    browser,  # noqa: ANN001
    server: str,
    tmp_path: Path,
) -> None:
    context = browser.new_context(locale="zh-CN")
    context.set_default_timeout(30_000)
    tab = context.new_page()
    tab.goto(f"{server}/?lang=zh-Hans")
    tab.get_by_role("tab", name="文件").click()
    assert tab.get_by_role("button", name="翻译文件").is_visible()
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + bytes(100))
    tab.set_input_files("#file-input", str(bad))
    tab.locator("#file-submit").click()
    wait_until(tab, "document.getElementById('file-status').textContent.includes('PDF')")
    assert tab.locator("#file-status").inner_text().startswith("文件无法翻译: ")
    assert tab.locator("#file-download").is_hidden()
    assert tab.locator("#file-submit").is_enabled()
    context.close()
