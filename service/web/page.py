"""The reader page's view model: what the template shows, as plain data (no Flask here).

Texts become lists of :class:`Run` so the template can put ``lang`` on fragments in another
language than the page: in the original view, where mixed texts are shown as published, and
in a translation on the fields that keep a language no installed model translates (their
``untranslated`` info), which the page also says in a note.
An HTML body is reduced by the allow-list sanitiser; a text body is split into paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from babel import Locale
from markupsafe import Markup

from service.articles.model import Article, ArticleContent
from service.articles.present import (
    article_translated_from,
    article_untranslated,
    images_json,
    languages_display,
    own_name,
    published_display,
    reading_time_display,
    related_json,
    related_translated_from,
    translated_from,
)
from service.detection import detect_segments
from service.web.sanitize import sanitize_html

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text; ``lang`` is set when it differs from the page's language."""

    text: str
    lang: str | None = None


Runs = list[Run]
Marker = Callable[[str], Runs]


@dataclass(frozen=True, slots=True)
class LocaleOption:
    """One entry of the language switcher."""

    tag: str
    name: str
    current: bool


@dataclass(frozen=True, slots=True)
class ImageView:
    """An image as the page shows it; the badge only when ``ai_generated``."""

    url: str
    alt: str
    caption: Runs
    ai_generated: bool


@dataclass(frozen=True, slots=True)
class RelatedView:
    """A related article: its texts, link, label, and what it was translated from."""

    title: Runs
    summary: Runs
    url: str | None
    label: str | None
    translated_from: str | None


@dataclass(frozen=True, slots=True)
class ReaderPage:
    """Everything the reader template needs."""

    article_id: str
    lang: str
    direction: str
    original: bool
    title: Runs
    summary: Runs
    author: str
    paragraphs: list[Runs]
    body_html: Markup | None
    captions: list[Runs]
    images: list[ImageView]
    reactions: Runs
    related: list[RelatedView]
    source_url: str | None
    published_iso: str | None
    published: str | None
    reading_minutes: str
    translated_from: str | None
    anything_translated: bool = False
    untranslated: str | None = None
    locales: list[LocaleOption] = field(default_factory=list)


def language_marker(page_lang: str, languages: Sequence[str]) -> Marker:
    """Split a text into runs, marking the segments detected in another language."""

    def mark(text: str) -> Runs:
        runs: Runs = []
        position = 0
        for segment in detect_segments(text, languages):
            if segment.start > position:
                runs.append(Run(text[position : segment.start]))
            foreign = segment.lang not in (page_lang, "und")
            runs.append(Run(text[segment.start : segment.end], segment.lang if foreign else None))
            position = segment.end
        if position < len(text):
            runs.append(Run(text[position:]))
        return runs

    return mark


def plain(text: str) -> Runs:
    """A text in the page's language: one unmarked run."""
    return [Run(text)] if text else []


def paragraphs(text: str) -> list[str]:
    """The non-blank paragraphs of a text body (separated by blank lines)."""
    return [part for part in _PARAGRAPH_BREAK.split(text) if part.strip()]


class _Marking:
    """The marker of each field: ``left`` for one that kept some language as published."""

    def __init__(self, fields: Mapping[str, Any] | None, mark: Marker, left: Marker) -> None:
        self._fields, self._mark, self._left = fields, mark, left

    def __call__(self, text: str, *path: str | int) -> Runs:
        info: Any = self._fields
        for key in path:
            if info is None:
                break
            info = info[key]
        return (self._left if info and info.get("untranslated") else self._mark)(text)


def _related(
    content: ArticleContent,
    texts: Mapping[str, Any],
    fields: Mapping[str, Any] | None,
    locale: str,
    mark: _Marking,
) -> list[RelatedView]:
    items = related_json(content.related, texts)
    sources = related_translated_from(fields) if fields is not None else [[] for _ in items]
    return [
        RelatedView(
            mark(item["title"], "related", i, "title"),
            mark(item["summary"], "related", i, "summary"),
            item["url"],
            item["label"],
            languages_display(source, locale),
        )
        for i, (item, source) in enumerate(zip(items, sources, strict=True))
    ]


def reader_page(
    article: Article,
    texts: Mapping[str, Any],
    fields: Mapping[str, Any] | None,
    locale: str,
    available: Sequence[str],
    mark: Marker,
    left: Marker = plain,
) -> ReaderPage:
    """The page for ``texts`` (the article's fields in ``locale``, or as published when
    ``fields`` is None) with chrome in ``locale``. ``mark`` splits each text into runs;
    ``left`` does for the fields that kept a language for want of a model."""
    content = article.content
    html = content.body_format == "html"
    direction = Locale.parse(locale, sep="-").character_order
    marking = _Marking(fields, mark, left)
    images = images_json(content.images, texts)
    left_as_published = article_untranslated(fields) if fields is not None else {}
    return ReaderPage(
        article_id=article.id,
        lang=locale,
        direction="rtl" if direction == "right-to-left" else "ltr",
        original=fields is None,
        title=marking(texts["title"], "title"),
        summary=marking(texts["summary"], "summary"),
        author=texts["author"],
        paragraphs=[] if html else [marking(p, "body") for p in paragraphs(texts["body"])],
        body_html=sanitize_html(texts["body"]) if html else None,
        captions=[marking(c, "captions", i) for i, c in enumerate(texts["captions"])],
        images=[
            ImageView(
                image["url"],
                image["alt"],
                marking(image["caption"], "images", i, "caption"),
                image["ai_generated"],
            )
            for i, image in enumerate(images)
        ],
        reactions=marking(texts["reactions"], "reactions"),
        related=_related(content, texts, fields, locale, marking),
        source_url=content.source_url,
        published_iso=content.published_at.isoformat() if content.published_at else None,
        published=published_display(content.published_at, locale),
        reading_minutes=reading_time_display(texts, locale),
        translated_from=None
        if fields is None
        else languages_display(article_translated_from(fields), locale),
        anything_translated=fields is not None and bool(translated_from(fields)),
        untranslated=languages_display(list(left_as_published), locale),
        locales=[LocaleOption(tag, own_name(tag), tag == locale) for tag in available],
    )
