"""The cookie banner is the site's (configured on or off, a link only to a configured privacy
URL); the try-it page's language never depends on the models, and says when there are none."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from service.config import Settings
from tests.articles.helpers import storer
from tests.articles.sample_page import sample_article
from tests.support.apps import make_app


def _html(app, path: str, **headers: str) -> BeautifulSoup:  # noqa: ANN001
    response = app.test_client().get(path, headers=headers)
    assert response.status_code == 200
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_the_banner_can_be_turned_off(settings: Settings, tmp_path: Path) -> None:
    app = make_app(settings, tmp_path, cookie_banner=False)
    article_id = storer(app)(sample_article())
    soup = _html(app, f"/articles/{article_id}?lang=en")
    assert soup.select_one("#cookie-banner") is None
    assert soup.select_one("h1") is not None
    app.extensions["mixlate"].close()


def test_without_a_privacy_url_the_banner_links_nothing(settings: Settings, tmp_path: Path) -> None:
    app = make_app(settings, tmp_path)
    article_id = storer(app)(sample_article())
    soup = _html(app, f"/articles/{article_id}?lang=en")
    banner = soup.select_one("#cookie-banner")
    assert banner.select("a") == []
    assert banner.select_one("#cookie-text").get_text() == (
        "We use cookies for analytics to improve our website."
    )
    api = app.test_client().get(f"/api/v1/articles/{article_id}?locale=en").get_json()
    assert api["ui"]["cookie_text"] == "We use cookies for analytics to improve our website."
    app.extensions["mixlate"].close()


def test_the_try_it_page_without_models(settings: Settings, tmp_path: Path) -> None:
    empty = tmp_path / "no-models"
    empty.mkdir()
    app = make_app(settings, tmp_path / "app", models_dir=empty)
    for locale, heading in (
        ("en", "No translation model is installed"),
        ("zh-Hant", "尚未安裝翻譯模型"),
    ):
        soup = _html(app, "/", **{"Accept-Language": locale})
        assert soup.html["lang"] == locale
        assert soup.select_one("#no-models-heading").get_text() == heading
        commands = [code.get_text() for code in soup.select(".install-commands code")]
        assert commands == [
            "mixlate models install zh en",
            "mixlate models install-file PATH.argosmodel",
        ]
    assert _html(app, "/?lang=en").html["lang"] == "en"
    app.extensions["mixlate"].close()


def test_the_try_it_page_with_models_has_no_notice(settings: Settings, tmp_path: Path) -> None:
    app = make_app(settings, tmp_path)
    soup = _html(app, "/", **{"Accept-Language": "en"})
    assert soup.html["lang"] == "en" and soup.select_one("#no-models-heading") is None
    app.extensions["mixlate"].close()
