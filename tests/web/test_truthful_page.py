"""The reader page says only what the article says: badges, links, what was translated, the
author as published."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from flask.testing import FlaskClient

from service.articles.errors import InvalidArticle
from service.articles.model import parse_article


def _soup(client: FlaskClient, path: str) -> BeautifulSoup:
    response = client.get(path)
    assert response.status_code == 200
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_no_badges_or_image_boxes_the_article_does_not_have(
    client: FlaskClient, store: Any
) -> None:
    article_id = store(
        {
            "title": "The drills resume",
            "body": "The army held drills.",
            "captions": ["A caption without an image."],
            "related": [{"title": "Talks begin", "summary": "Both sides met."}],
        }
    )
    soup = _soup(client, f"/articles/{article_id}?lang=en")
    assert not soup.select(".badge") and not soup.select("img, .image-placeholder, figure")
    assert soup.select_one(".caption").get_text(strip=True) == "A caption without an image."
    assert not soup.select(".related-item a")


def test_images_labels_and_links_are_shown_as_published(client: FlaskClient, store: Any) -> None:
    article_id = store(
        {
            "title": "The drills resume",
            "body": "The army held drills.",
            "images": [
                {"url": "https://img.example/a.jpg", "alt": "Tanks", "caption": "Tanks roll."},
                {"url": "https://cdn.example:8443/b.png", "alt": "A map", "ai_generated": True},
            ],
            "related": [
                {"title": "Talks", "url": "https://news.example/talks", "label": "reported_by_ai"},
                {"title": "Weather"},
            ],
        }
    )
    response = client.get(f"/articles/{article_id}?lang=en")
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    images = soup.select("figure.image img")
    assert [(i["src"], i["alt"]) for i in images] == [
        ("https://img.example/a.jpg", "Tanks"),
        ("https://cdn.example:8443/b.png", "A map"),
    ]
    figures = soup.select("figure.image")
    assert not figures[0].select(".badge") and figures[1].select(".badge")
    policy = response.headers["Content-Security-Policy"]
    assert "img-src 'self' https://cdn.example:8443 https://img.example;" in policy
    assert "script-src 'self';" in policy and "'unsafe-inline'" not in policy
    items = soup.select(".related-item")
    assert items[0].select_one("h3 a")["href"] == "https://news.example/talks"
    assert items[0].select(".badge") and not items[1].select(".badge")
    assert not items[1].select("a")


def test_translated_from_is_said_per_part(client: FlaskClient, store: Any) -> None:
    article_id = store(
        {
            "title": "The drills resume",
            "body": "The army held drills.",
            "related": [{"title": "Weather"}, {"title": "韩国与美国启动了磋商会议。"}],
        }
    )
    soup = _soup(client, f"/articles/{article_id}?lang=en")
    notes = [note.get_text(" ", strip=True) for note in soup.select(".translation-note")]
    header = soup.select_one(".article-header .translation-note")
    assert "Translated from" not in header.get_text()
    assert header.select_one("a")["href"].endswith("original=1")
    items = soup.select(".related-item")
    assert not items[0].select(".translation-note")
    assert items[1].select_one(".translation-note").get_text() == (
        "Translated from Simplified Chinese"
    )
    assert len(notes) == 2
    nothing = store({"title": "Weather", "body": "It rains."})
    assert not _soup(client, f"/articles/{nothing}?lang=en").select(".translation-note")
    chinese = _soup(client, f"/articles/{article_id}?lang=zh-Hans")
    assert "英语" in chinese.select_one(".article-header .translation-note").get_text()


def test_the_author_is_shown_as_published_never_after_by(client: FlaskClient, store: Any) -> None:
    article_id = store({"title": "T", "body": "The army held drills.", "author": "由 AI 报道"})
    soup = _soup(client, f"/articles/{article_id}?lang=en")
    assert soup.select_one(".author").get_text() == "由 AI 报道"
    assert "By " not in soup.select_one(".meta").get_text()


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"images": [{"alt": "x"}]}, {"images[0].url": "is required"}),
        (
            {"images": [{"url": "javascript:alert(1)"}]},
            {"images[0].url": "must be an absolute http:// or https:// URL"},
        ),
        (
            {"images": [{"url": "https://a.example/x", "ai_generated": "yes"}]},
            {"images[0].ai_generated": "must be true or false"},
        ),
        (
            {"images": [{"url": "https://a.example/x", "size": 3}]},
            {"images[0].size": "unknown field (allowed: url, alt, caption, ai_generated)"},
        ),
        (
            {"related": [{"title": "t", "label": "sponsored"}]},
            {"related[0].label": "must be one of: reported_by_ai"},
        ),
        (
            {"related": [{"title": "t", "url": "ftp://x"}]},
            {"related[0].url": "must be an absolute http:// or https:// URL"},
        ),
    ],
)
def test_image_and_related_fields_are_validated(
    data: dict[str, Any], problem: dict[str, str]
) -> None:
    with pytest.raises(InvalidArticle) as raised:
        parse_article({"title": "t", "body": "b"} | data, max_body_chars=1_000)
    assert raised.value.fields == problem
