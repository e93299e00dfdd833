"""The try-it page at ``/``: server-rendered shell, and the real thing in Chromium."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.support.browser import chromium
from tests.support.servers import serve_in_thread


def test_page_lists_reachable_targets_in_the_readers_language(client: FlaskClient) -> None:
    response = client.get("/", headers={"Accept-Language": "zh-CN"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<html lang=\"zh-Hans\"" in html
    assert "翻译混合语言文本" in html
    assert 'value="fr"' in html and 'value="zh-Hant"' in html
    assert "Content-Security-Policy" in response.headers


@pytest.mark.browser
def test_segments_and_their_translations_are_linked(app: Flask) -> None:
    with serve_in_thread(app) as url, chromium() as browser:
        page = browser.new_page()
        page.goto(f"{url}/?lang=en")
        page.fill("#source-text", "South Korea proposed talks.\n韩国与美国周二启动了磋商会议。")
        page.select_option("#target", "en")
        page.click("button[type=submit]")
        page.wait_for_selector("#result .seg")
        langs = page.eval_on_selector_all("#segments .seg", "els => els.map(e => e.dataset.lang)")
        assert langs == ["en", "zh-Hans"]
        kept = page.inner_text('#result .seg[data-index="0"]')
        assert kept == "South Korea proposed talks."
        page.hover('#segments .seg[data-index="1"]')
        active = page.eval_on_selector_all(
            ".seg.active", "els => els.map(e => e.closest('.pane').id)"
        )
        assert sorted(active) == ["result", "segments"]
