"""The review page's field headings: localized names through the catalogs, never raw paths."""

from __future__ import annotations

import json
import re
from pathlib import Path

from babel.messages.pofile import read_po
from flask import Flask

from service.web.field_names import ITEMS, PLAIN, field_heading, field_headings
from tests.articles.sample_page import sample_article
from tests.support.extraction import extracted_msgids

ROOT = Path(__file__).resolve().parents[2]


def _echo(msgid: str, **values: object) -> str:
    return msgid % values if values else msgid


def test_every_field_of_an_article_gets_a_numbered_heading() -> None:
    names = ["title", "body", "captions.0", "images.1.alt", "related.0.title", "related.2.summary"]

    headings = field_headings(names, _echo)

    assert headings == {
        "title": "Title",
        "body": "Article text",
        "captions.0": "Caption 1",
        "images.1.alt": "Image 2 — alt text",
        "related.0.title": "Related article 1 — title",
        "related.2.summary": "Related article 3 — summary",
    }


def test_an_unknown_field_keeps_its_name() -> None:
    for name in ("author", "related.x.title", "related.0.url", "pictures.0", "a.b.c.d"):
        assert field_heading(name, _echo) == name


def test_the_review_page_gives_the_script_headings_in_the_reviewers_language(
    app: Flask,
    store,  # noqa: ANN001
) -> None:
    article_id = store(sample_article() | {"id": "field-names"})
    html = app.test_client().get(f"/review/{article_id}/en?ui=zh-Hans").text
    found = re.search(r'<script id="review-config" type="application/json">(.*?)</script>', html)
    assert found is not None
    headings = json.loads(found.group(1))["headings"]

    assert headings["title"] == "标题"
    assert headings["related.0.title"] == "相关文章 1 — 标题"
    assert not any(re.fullmatch(r"[a-z]+(\.\d+)?(\.[a-z]+)?", text) for text in headings.values())


def test_the_template_holds_every_heading() -> None:
    """pybabel extracts the table's msgids; messages.pot has them (and the shipped-catalog
    test requires every msgid of messages.pot translated and compiled in every locale)."""
    with (ROOT / "locales" / "messages.pot").open("rb") as handle:
        template = {message.id for message in read_po(handle) if message.id}
    extracted = extracted_msgids(("service/web/field_names.py",))

    assert extracted == set(PLAIN.values()) | set(ITEMS.values())
    assert extracted <= template
