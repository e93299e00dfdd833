"""The reader page, rendered by the server: locale choice, chrome strings, escaping."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient

from service.config import Settings
from tests.articles.helpers import edit_po, storer
from tests.articles.sample_page import sample_article
from tests.support.apps import make_app

CHROME = {
    "en": ("Related articles", "What people are saying", "Published on December 7, 2025"),
    "zh-Hans": ("相关文章", "人们在说什么", "发布于 2025年12月7日"),
    "zh-Hant": ("相關文章", "人們在說什麼", "發布於 2025年12月7日"),
}


def page(client: FlaskClient, path: str, **headers: str) -> BeautifulSoup:
    response = client.get(path, headers=headers)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def text(soup: BeautifulSoup, selector: str) -> str:
    return " ".join(soup.select_one(selector).get_text(" ").split())


@pytest.mark.parametrize("locale", ["en", "zh-Hans", "zh-Hant"])
def test_the_sample_page_in_each_locale(client: FlaskClient, sample_id: str, locale: str) -> None:
    sample = sample_article()
    soup = page(client, f"/articles/{sample_id}?lang={locale}")
    related, reactions, published = CHROME[locale]
    assert soup.html["lang"] == locale
    assert text(soup, "#related-heading") == related
    assert text(soup, "#reactions-heading") == reactions
    assert text(soup, "time") == published
    assert soup.select_one("time")["datetime"] == "2025-12-07T10:00:00+00:00"
    links = soup.select("nav.language-switcher a")
    assert [a.get_text() for a in links] == ["English", "简体中文", "繁體中文"]
    assert (
        [a["hreflang"] for a in links] == [a["lang"] for a in links] == ["en", "zh-Hans", "zh-Hant"]
    )
    assert [a["href"] for a in links] == [f"/articles/{sample_id}?lang={t}" for t in CHROME]
    assert [a.get("aria-current") for a in links] == [
        "true" if tag == locale else None for tag in CHROME
    ]
    assert soup.select_one("nav.language-switcher")["aria-label"]
    banner = soup.select_one("#cookie-banner")
    assert banner["role"] == "dialog" and len(banner.select("button")) == 2
    assert banner.select_one("#cookie-text a") is None  # no privacy URL configured
    titles = [text(item, "h3") for item in soup.select(".related-item")]
    if locale == "en":
        assert text(soup, "h1") == sample["title"]
        assert titles[:2] == [r["title"] for r in sample["related"][:2]]
    else:
        assert text(soup, "h1") != sample["title"]
    if locale == "zh-Hans":
        assert titles[2] == sample["related"][2]["title"]
    assert soup.select_one(".translation-note a")["href"] == f"/articles/{sample_id}?original=1"


def test_page_chrome_in_simplified_chinese_is_the_sample_pages_own(
    client: FlaskClient, sample_id: str
) -> None:
    soup = page(client, f"/articles/{sample_id}?lang=zh-Hans")
    assert text(soup, "#cookie-title") == "此网站使用 cookie"
    assert text(soup, "#cookie-text") == "我们使用 cookie 进行分析以改进我们的网站。"
    assert [b.get_text() for b in soup.select("#cookie-banner button")] == ["拒绝", "接受"]
    assert {b.get_text() for b in soup.select(".badge")} == {"AI 生成的图像", "由 AI 报道"}
    assert text(soup, ".translation-note") == "译自英语 显示原文"


def test_lang_parameter_sets_a_cookie_that_later_visits_use(
    client: FlaskClient, sample_id: str
) -> None:
    response = client.get(f"/articles/{sample_id}?lang=zh-TW")
    assert "lang=zh-Hant" in response.headers["Set-Cookie"]
    soup = page(client, f"/articles/{sample_id}", **{"Accept-Language": "en"})
    assert soup.html["lang"] == "zh-Hant"
    soup = page(client, f"/articles/{sample_id}?lang=klingon", **{"Accept-Language": "en"})
    assert soup.html["lang"] == "zh-Hant"
    assert page(client, f"/articles/{sample_id}?lang=en").html["lang"] == "en"
    assert page(client, f"/articles/{sample_id}").html["lang"] == "en"


@pytest.mark.parametrize(
    ("header", "locale"), [("zh-TW", "zh-Hant"), ("zh-CN,en;q=0.5", "zh-Hans"), ("de", "en")]
)
def test_without_a_choice_accept_language_decides(
    client: FlaskClient, store: Any, header: str, locale: str
) -> None:
    article_id = store({"title": "Short", "body": "The army held drills."})
    response = client.get(f"/articles/{article_id}", headers={"Accept-Language": header})
    assert BeautifulSoup(response.data, "html.parser").html["lang"] == locale
    assert response.headers["Content-Language"] == locale
    assert "Set-Cookie" not in response.headers


def test_markup_in_article_text_is_shown_as_text(client: FlaskClient, store: Any) -> None:
    title = "<script>alert('x')</script> Breaking news"
    article_id = store(
        {
            "title": title,
            "body": "<p>Fine <b>bold</b></p><script>alert(2)</script><img src=x onerror=alert(3)>",
            "captions": ['"><img src=x onerror=alert(4)>'],
            "related": [{"title": "<b>related</b>", "summary": "<i>x</i>"}],
        }
    )
    html = client.get(f"/articles/{article_id}?lang=en").get_data(as_text=True)
    soup = BeautifulSoup(html, "html.parser")
    assert text(soup, "h1") == title
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert [s.get("src") for s in soup.find_all("script")] == ["/static/web/reader.js"]
    assert not soup.find_all("img") and not soup.select("[onerror]")
    assert soup.select_one(".article-body b").get_text() == "bold"
    assert text(soup, ".related-item h3") == "<b>related</b>"


EDITABLE = {
    "title": "The drills resume",
    "body": "The army held drills.",
    "published_at": "2025-12-07T10:00:00Z",
    "related": [{"title": "演习恢复", "summary": ""}],
}


def test_catalog_strings_cannot_inject_markup(own_app: Flask) -> None:
    article_id = storer(own_app)(EDITABLE)
    locales = own_app.extensions["mixlate"].settings.locales_dir
    edit_po(locales, "zh_Hans", "Related articles", "<script>alert(1)</script>相关")
    edit_po(locales, "zh_Hans", "Published on %(date)s", "<b>发布于</b> %(date)s")
    html = own_app.test_client().get(f"/articles/{article_id}?lang=zh-Hans").get_data(as_text=True)
    soup = BeautifulSoup(html, "html.parser")
    assert text(soup, "#related-heading") == "<script>alert(1)</script>相关"
    assert text(soup, "time") == "<b>发布于</b> 2025年12月7日"
    assert len(soup.find_all("script")) == 1 and not soup.select("time b")


def test_catalog_edits_show_on_the_next_request(own_app: Flask) -> None:
    article_id = storer(own_app)(EDITABLE)
    client = own_app.test_client()
    assert (
        text(page(client, f"/articles/{article_id}?lang=zh-Hans"), "#related-heading") == "相关文章"
    )
    edit_po(
        own_app.extensions["mixlate"].settings.locales_dir,
        "zh_Hans",
        "Related articles",
        "相关报道",
    )
    assert (
        text(page(client, f"/articles/{article_id}?lang=zh-Hans"), "#related-heading") == "相关报道"
    )


def test_the_original_marks_foreign_fragments(client: FlaskClient, sample_id: str) -> None:
    soup = page(client, f"/articles/{sample_id}?lang=en&original=1")
    sample = sample_article()
    assert soup.html["lang"] == "en"
    related = soup.select(".related-item h3")
    assert related[2].select_one("span")["lang"] == "zh-Hans"
    assert related[2].get_text() == sample["related"][2]["title"]
    assert not related[0].select("span")
    assert soup.select_one(".translation-note a")["href"] == f"/articles/{sample_id}"
    switch = soup.select("nav.language-switcher a")[1]["href"]
    assert switch == f"/articles/{sample_id}?lang=zh-Hans&original=1"


def test_unknown_article_is_a_page_in_the_readers_language(client: FlaskClient) -> None:
    response = client.get("/articles/nope?lang=zh-Hans")
    assert response.status_code == 404 and response.mimetype == "text/html"
    soup = BeautifulSoup(response.data, "html.parser")
    assert soup.html["lang"] == "zh-Hans" and text(soup, "h1") == "此文章不存在。"


def test_the_banner_links_the_configured_privacy_policy(settings: Settings, tmp_path: Path) -> None:
    app = make_app(settings, tmp_path, privacy_url="https://news.example/privacy?a=1&b=2")
    article_id = storer(app)(sample_article() | {"id": "privacy-link"})
    html = app.test_client().get(f"/articles/{article_id}?lang=en").get_data(as_text=True)
    assert '<a href="https://news.example/privacy?a=1&amp;b=2">privacy policy</a>' in html
    app.extensions["mixlate"].close()


def test_consent_cookie_hides_the_banner(client: FlaskClient, sample_id: str) -> None:
    client.set_cookie("cookie_consent", "declined")
    assert page(client, f"/articles/{sample_id}?lang=en").select_one("#cookie-banner") is None


def test_headers_and_static_files(client: FlaskClient, sample_id: str) -> None:
    response = client.get(f"/articles/{sample_id}?lang=en")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    script = client.get("/static/web/reader.js")
    assert script.status_code == 200 and "cookie_consent" in script.get_data(as_text=True)
    assert client.get("/static/web/reader.css").status_code == 200
    assert client.get("/static/web/../reader.py").status_code == 404


def test_the_page_says_how_far_its_locale_is_reviewed(own_app: Flask) -> None:
    client = own_app.test_client()
    runtime = own_app.extensions["mixlate"]
    talks = {"id": "reviewed-talks", "title": "盟国旨在恢复对话。", "body": "统一部驳斥了报道。"}
    article_id = storer(own_app)(talks)
    url = f"/articles/{article_id}"
    note = page(client, f"{url}?lang=en").select_one(".review-note")
    assert note["data-state"] == "machine" and note.get_text(strip=True)
    assert page(client, f"{url}?lang=zh-Hans").select_one(".review-note") is None  # as written
    assert page(client, f"{url}?lang=en&original=1").select_one(".review-note") is None
    editor = {"Authorization": f"Bearer {runtime.tokens.create('eve', 'editor')}"}
    review = f"/api/v1/articles/{article_id}/translations/en"
    edit = {"sentences": [{"field": "title", "index": 0, "text": "Allies aim to talk."}]}
    etag = client.get(review).headers["ETag"]
    assert client.put(review, json=edit, headers=editor | {"If-Match": etag}).status_code == 200
    english = page(client, f"{url}?lang=en").select_one(".review-note")
    assert english["data-state"] == "partly-reviewed"
    assert english.get_text(strip=True) != note.get_text(strip=True)
    traditional = page(client, f"{url}?lang=zh-Hant")
    assert traditional.html["lang"] == "zh-Hant"
    other = traditional.select_one(".review-note")
    assert other["data-state"] == "machine"  # each locale is reviewed on its own
    assert other.get_text(strip=True) != note.get_text(strip=True)  # in the reader's language
