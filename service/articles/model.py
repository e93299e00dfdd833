"""The article's fields and the validation of incoming article JSON.

``parse_article`` accepts exactly the documented fields (anything else is rejected), checks
each one's type and length and collects every problem per field before raising
:class:`InvalidArticle`, so a client learns everything that is wrong in one answer. Texts are
stored exactly as given (never stripped): translation offsets refer to the caller's string.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from service.articles.errors import InvalidArticle

BODY_FORMATS = ("text", "html")
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$")
MAX_TITLE = 1_000
MAX_TEXT = 10_000
MAX_AUTHOR = 200
MAX_URL = 2_048
MAX_ITEMS = 50
# Tags whose presence makes an undeclared body HTML.
_HTML_HINT = re.compile(
    r"<(?:p|div|br|h[1-6]|ul|ol|li|a|em|strong|b|i|span|blockquote|figure|img|table|section)"
    r"(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
FIELDS = (
    "id",
    "title",
    "summary",
    "body",
    "body_format",
    "captions",
    "reactions",
    "author",
    "related",
    "source_url",
    "published_at",
)


@dataclass(frozen=True, slots=True)
class RelatedArticle:
    """A related article shown beside the article: a title and a summary."""

    title: str
    summary: str = ""


@dataclass(frozen=True, slots=True)
class ArticleContent:
    """Everything a publisher sends about an article (but its id)."""

    title: str
    body: str
    summary: str = ""
    body_format: str = "text"
    captions: tuple[str, ...] = ()
    reactions: str = ""
    author: str = ""
    related: tuple[RelatedArticle, ...] = field(default_factory=tuple)
    source_url: str | None = None
    published_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A stored article: its id, its revision (bumped by every update) and its content."""

    id: str
    revision: int
    content: ArticleContent


def looks_like_html(text: str) -> bool:
    """Whether ``text`` contains common HTML element tags."""
    return _HTML_HINT.search(text) is not None


class _Checker:
    """Collects one message per faulty field (``path`` names it, e.g. ``related[2].title``)."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data
        self.problems: dict[str, str] = {}

    def text(self, path: str, raw: Any, limit: int, *, required: bool = False) -> str:
        if raw is None and not required:
            return ""
        if raw is None:
            self.problems[path] = "is required"
        elif not isinstance(raw, str):
            self.problems[path] = "must be a string"
        elif required and not raw.strip():
            self.problems[path] = "must not be empty"
        elif len(raw) > limit:
            self.problems[path] = f"has {len(raw)} characters; at most {limit} are allowed"
        elif "\x00" in raw:
            self.problems[path] = "must not contain NUL characters"
        else:
            return raw
        return ""

    def field(self, name: str, limit: int, *, required: bool = False) -> str:
        return self.text(name, self.data.get(name), limit, required=required)

    def each(self, name: str, check: Callable[[Any, str], Any]) -> tuple[Any, ...]:
        raw = self.data.get(name)
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.problems[name] = "must be a list"
            return ()
        if len(raw) > MAX_ITEMS:
            self.problems[name] = f"has {len(raw)} items; at most {MAX_ITEMS} are allowed"
            return ()
        return tuple(check(item, f"{name}[{i}]") for i, item in enumerate(raw))


def _related(checker: _Checker, item: Any, path: str) -> RelatedArticle:
    if not isinstance(item, dict):
        checker.problems[path] = "must be an object with 'title' and 'summary'"
        return RelatedArticle("")
    for key in sorted(set(item) - {"title", "summary"}):
        checker.problems[f"{path}.{key}"] = "unknown field (allowed: title, summary)"
    return RelatedArticle(
        checker.text(f"{path}.title", item.get("title"), MAX_TITLE, required=True),
        checker.text(f"{path}.summary", item.get("summary"), MAX_TEXT),
    )


def _source_url(checker: _Checker) -> str | None:
    url = checker.field("source_url", MAX_URL)
    if not url or "source_url" in checker.problems:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url):
        checker.problems["source_url"] = "must be an absolute http:// or https:// URL"
        return None
    return url


def _published_at(checker: _Checker) -> datetime | None:
    raw = checker.data.get("published_at")
    if raw is None:
        return None
    try:
        if not isinstance(raw, str):
            raise ValueError
        value = datetime.fromisoformat(raw)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    except ValueError:
        checker.problems["published_at"] = (
            "must be an ISO 8601 date or time, e.g. 2025-12-07T09:00:00Z"
        )
    except OverflowError:
        checker.problems["published_at"] = "must be a time between the years 1 and 9999 in UTC"
    return None


def _body_format(checker: _Checker, body: str) -> str:
    declared = checker.data.get("body_format")
    if declared is None:
        return "html" if looks_like_html(body) else "text"
    if declared not in BODY_FORMATS:
        checker.problems["body_format"] = "must be 'text' or 'html'"
        return "text"
    return declared


def parse_article(
    data: Mapping[str, Any], *, max_body_chars: int
) -> tuple[str | None, ArticleContent]:
    """The id (None: to be generated) and content of an article JSON object.

    Raises InvalidArticle with one message per faulty or unknown field.
    """
    checker = _Checker(data)
    for name in sorted(set(data) - set(FIELDS)):
        checker.problems[name] = "unknown field"
    article_id = data.get("id")
    if article_id is not None and (
        not isinstance(article_id, str) or not ID_PATTERN.match(article_id)
    ):
        checker.problems["id"] = (
            "must be 1-100 letters, digits, '-' or '_', starting with a letter or digit"
        )
    body = checker.field("body", max_body_chars, required=True)
    content = ArticleContent(
        title=checker.field("title", MAX_TITLE, required=True),
        body=body,
        summary=checker.field("summary", MAX_TEXT),
        body_format=_body_format(checker, body),
        captions=checker.each("captions", lambda v, p: checker.text(p, v, MAX_TEXT, required=True)),
        reactions=checker.field("reactions", MAX_TEXT),
        author=checker.field("author", MAX_AUTHOR),
        related=checker.each("related", lambda v, p: _related(checker, v, p)),
        source_url=_source_url(checker),
        published_at=_published_at(checker),
    )
    if checker.problems:
        raise InvalidArticle(dict(sorted(checker.problems.items())))
    return article_id, content
