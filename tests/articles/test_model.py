"""Validation of incoming article JSON: every problem reported per field, nothing guessed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.articles.errors import InvalidArticle
from service.articles.model import MAX_ITEMS, RelatedArticle, looks_like_html, parse_article
from tests.articles.sample_page import sample_article


def problems(data: dict) -> dict[str, str]:
    with pytest.raises(InvalidArticle) as caught:
        parse_article(data, max_body_chars=1000)
    return caught.value.fields


def test_the_sample_page_is_a_valid_article() -> None:
    article_id, content = parse_article(sample_article(), max_body_chars=100_000)
    assert article_id == "south-korea-drills"
    assert content.title.startswith("South Korea open")
    assert content.body_format == "text"
    assert len(content.images) == 2 and all(i.ai_generated for i in content.images)
    assert content.related[2] == RelatedArticle(
        "韩国与美国周二在首尔启动了首次朝鲜政策磋商会议。",
        content.related[2].summary,
        label="reported_by_ai",
    )
    assert content.published_at == datetime(2025, 12, 7, 10, tzinfo=UTC)


def test_minimal_article_gets_defaults() -> None:
    article_id, content = parse_article({"title": "T", "body": "B"}, max_body_chars=10)
    assert article_id is None
    assert (content.summary, content.captions, content.related, content.author) == ("", (), (), "")
    assert content.source_url is None and content.published_at is None


def test_texts_are_kept_exactly() -> None:
    _, content = parse_article({"title": "  T \n", "body": "\tB "}, max_body_chars=10)
    assert (content.title, content.body) == ("  T \n", "\tB ")


def test_every_problem_is_reported_per_field() -> None:
    found = problems(
        {
            "id": "bad id!",
            "title": "",
            "body": 5,
            "captions": ["ok", 3, ""],
            "related": [{"title": "x", "extra": 1}, "nope", {"summary": "s"}],
            "source_url": "javascript:alert(1)",
            "published_at": "yesterday",
            "body_format": "markdown",
            "colour": "red",
        }
    )
    assert found == {
        "body": "must be a string",
        "body_format": "must be 'text' or 'html'",
        "captions[1]": "must be a string",
        "captions[2]": "must not be empty",
        "colour": "unknown field",
        "id": "must be 1-100 letters, digits, '-' or '_', starting with a letter or digit",
        "published_at": "must be an ISO 8601 date or time, e.g. 2025-12-07T09:00:00Z",
        "related[0].extra": "unknown field (allowed: title, summary, url, label)",
        "related[1]": "must be an object with 'title' and 'summary'",
        "related[2].title": "is required",
        "source_url": "must be an absolute http:// or https:// URL",
        "title": "must not be empty",
    }


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"body": "b"}, "title", "is required"),
        ({"title": "t"}, "body", "is required"),
        (
            {"title": "t", "body": "x" * 1001},
            "body",
            "has 1001 characters; at most 1000 are allowed",
        ),
        (
            {"title": "x" * 1001, "body": "b"},
            "title",
            "has 1001 characters; at most 1000 are allowed",
        ),
        ({"title": "t\x00", "body": "b"}, "title", "must not contain NUL characters"),
        ({"title": "t", "body": "b", "captions": "c"}, "captions", "must be a list"),
        (
            {"title": "t", "body": "b", "related": [{"title": "x"}] * (MAX_ITEMS + 1)},
            "related",
            f"has {MAX_ITEMS + 1} items; at most {MAX_ITEMS} are allowed",
        ),
        ({"title": "t", "body": "b", "author": ["a"]}, "author", "must be a string"),
        ({"title": "t", "body": "b", "published_at": 20251207}, "published_at", "must be an ISO"),
        (
            {"title": "t", "body": "b", "source_url": "https://"},
            "source_url",
            "must be an absolute",
        ),
        ({"title": "t", "body": "b", "id": "-x"}, "id", "must be 1-100"),
        ({"title": "t", "body": "b", "id": 7}, "id", "must be 1-100"),
    ],
)
def test_single_problems(data: dict, field: str, message: str) -> None:
    assert problems(data)[field].startswith(message)


def test_published_at_accepts_dates_and_offsets() -> None:
    _, content = parse_article(
        {"title": "t", "body": "b", "published_at": "2025-12-07T09:00:00+09:00"}, max_body_chars=9
    )
    assert content.published_at == datetime(2025, 12, 7, 0, tzinfo=UTC)
    _, content = parse_article(
        {"title": "t", "body": "b", "published_at": "2025-12-07"}, max_body_chars=9
    )
    assert content.published_at == datetime(2025, 12, 7, tzinfo=UTC)


def test_body_format_is_declared_or_recognised() -> None:
    html = "<p>Hello <em>world</em></p>"
    assert parse_article({"title": "t", "body": html}, max_body_chars=99)[1].body_format == "html"
    declared = {"title": "t", "body": html, "body_format": "text"}
    assert parse_article(declared, max_body_chars=99)[1].body_format == "text"
    assert not looks_like_html("a < b and c > d")
    assert looks_like_html('Text with a <a href="https://example.com">link</a>')


def test_reading_time_counts_words_and_cjk_characters_and_formats_the_number() -> None:
    from service.articles.present import reading_minutes, reading_time_display

    assert reading_minutes(["word " * 230]) == 1
    assert reading_minutes(["word " * 231]) == 2
    assert reading_minutes(["字" * 1000]) == 2
    assert reading_minutes([""]) == 1
    long = {"title": "", "summary": "", "body": "word " * 300_000}
    assert reading_time_display(long, "en") == "1,305"
    assert reading_time_display(long, "fr") == "1\u202f305"
