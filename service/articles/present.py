"""Shaping a localized article for readers: locale-aware names and dates, and the API JSON.

Names and dates come from Babel's CLDR data: ``简体中文`` is Simplified Chinese's own name,
``format_date(..., "long")`` gives "December 7, 2025" / "2025年12月7日".
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal

from service.articles.model import Article, Image, RelatedArticle
from service.languages import UnknownLanguage, display_name


def _locale(tag: str) -> Locale:
    return Locale.parse(tag, sep="-")


def language_name(tag: str, in_locale: str) -> str:
    """The name of language ``tag`` written in ``in_locale`` (e.g. zh-Hans in en: Simplified
    Chinese; en in zh-Hans: 英语)."""
    try:
        return display_name(tag, in_locale)
    except UnknownLanguage:
        return tag


def own_name(tag: str) -> str:
    """The language's name in itself, as a language switcher shows it (English, 简体中文)."""
    return language_name(tag, tag)


_WORDS = re.compile(r"[^\W\d_\u2e80-\u9fff\uac00-\ud7af]+(?:['’][^\W\d_]+)*")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
WORDS_PER_MINUTE = 230
CJK_CHARACTERS_PER_MINUTE = 500


def reading_minutes(texts: Iterable[str]) -> int:
    """Minutes a reader needs for ``texts``: words of alphabetic scripts, CJK characters."""
    joined = "\n".join(texts)
    words = len(_WORDS.findall(joined))
    characters = len(_CJK.findall(joined))
    return max(1, math.ceil(words / WORDS_PER_MINUTE + characters / CJK_CHARACTERS_PER_MINUTE))


def reading_time_display(texts: Mapping[str, Any], locale: str) -> str:
    """The reading time of an article's title, summary and body as a number for ``locale``."""
    minutes = reading_minutes((texts["title"], texts["summary"], texts["body"]))
    return format_decimal(minutes, locale=_locale(locale))


def published_display(published_at: datetime | None, locale: str) -> str | None:
    """The publication date in the locale's long format, or None."""
    if published_at is None:
        return None
    return format_date(published_at.date(), format="long", locale=_locale(locale))


def languages_display(tags: Sequence[str], locale: str) -> str | None:
    """A locale-formatted list of language names ("English and Japanese"), or None."""
    if not tags:
        return None
    return format_list([language_name(tag, locale) for tag in tags], locale=_locale(locale))


def _infos(fields: Mapping[str, Any] | Iterable[Any]) -> Iterator[Mapping[str, Any]]:
    """Every field's info (a mapping with ``translated``) in a tree shaped like the article."""
    stack: list[Any] = [fields]
    while stack:
        node = stack.pop()
        if isinstance(node, Mapping) and "translated" in node:
            yield node
        elif isinstance(node, Mapping):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def translated_from(fields: Mapping[str, Any] | Iterable[Any]) -> list[str]:
    """Every language that some field of a localized article was translated from."""
    found = {lang for info in _infos(fields) for lang in info.get("from", [])}
    return sorted(found - {"und"})


def untranslated_languages(fields: Mapping[str, Any] | Iterable[Any]) -> dict[str, str]:
    """Every language some field was left in as published, with the reason (no model for it)."""
    found = {
        lang: why for info in _infos(fields) for lang, why in info.get("untranslated", {}).items()
    }
    return dict(sorted(found.items()))


def article_untranslated(fields: Mapping[str, Any]) -> dict[str, str]:
    """The languages left as published in the article itself (not its related items)."""
    return untranslated_languages(
        {name: part for name, part in fields.items() if name != "related"}
    )


def article_translated_from(fields: Mapping[str, Any]) -> list[str]:
    """The languages the article itself (every part but the related items) was translated
    from: empty when none of it was."""
    return translated_from({name: part for name, part in fields.items() if name != "related"})


def related_translated_from(fields: Mapping[str, Any]) -> list[list[str]]:
    """Per related item, the languages it was translated from (empty: kept as published)."""
    return [translated_from(item) for item in fields.get("related", [])]


def main_language(shares: Mapping[str, float]) -> str | None:
    """The language with the largest share of the original's letters."""
    known = {lang: share for lang, share in shares.items() if lang != "und"}
    return max(known, key=known.__getitem__) if known else None


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def images_json(images: Sequence[Image], texts: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Each image with its alt text and caption in the served locale."""
    shown = texts.get("images") or [{"alt": i.alt, "caption": i.caption} for i in images]
    return [
        {
            "url": image.url,
            "alt": text["alt"],
            "caption": text["caption"],
            "ai_generated": image.ai_generated,
        }
        for image, text in zip(images, shown, strict=True)
    ]


def related_json(
    related: Sequence[RelatedArticle], texts: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """Each related article's title and summary in the served locale, its link and label."""
    return [
        dict(text, url=item.url, label=item.label)
        for item, text in zip(related, texts["related"], strict=True)
    ]


_LISTED = ("title", "summary", "author")


def list_item(
    article: Article, texts: Mapping[str, Any], fields: Mapping[str, Any], locale: str
) -> dict[str, Any]:
    """One article of a list in ``locale``: id, revision, title, summary, author, dates, and
    the languages its listed texts were left in for want of a model (``untranslated``)."""
    published = article.content.published_at
    return {
        "id": article.id,
        "revision": article.revision,
        "title": texts["title"],
        "summary": texts["summary"],
        "author": texts["author"],
        "published_at": _iso(published),
        "published_display": published_display(published, locale),
        "untranslated": untranslated_languages([fields[name] for name in _LISTED]),
    }


def article_json(
    article: Article,
    localized: Mapping[str, Any],
    locale: str,
    available: Sequence[str],
    ui: Mapping[str, Any],
) -> dict[str, Any]:
    """The API's JSON for ``article`` served in ``locale``."""
    texts = localized["texts"]
    content = article.content
    return {
        "id": article.id,
        "revision": article.revision,
        "locale": locale,
        "available_locales": list(available),
        "title": texts["title"],
        "summary": texts["summary"],
        "body": texts["body"],
        "body_format": content.body_format,
        "captions": texts["captions"],
        "images": images_json(content.images, texts),
        "reactions": texts["reactions"],
        "author": texts["author"],
        "related": related_json(content.related, texts),
        "source_url": content.source_url,
        "published_at": _iso(content.published_at),
        "published_display": published_display(content.published_at, locale),
        "fields": localized["fields"],
        "original": {
            "languages": localized["languages"],
            "main_language": main_language(localized["languages"]),
            "translated_from": translated_from(localized["fields"]),
            "article_translated_from": article_translated_from(localized["fields"]),
            "related_translated_from": related_translated_from(localized["fields"]),
            "untranslated": article_untranslated(localized["fields"]),
        },
        "ui": dict(ui),
    }
