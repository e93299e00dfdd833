"""Translating a whole article into a locale, once, and storing the result.

Every text of the article (title, summary, body, reactions, author, each caption, each
image's alt text and caption, each related title and summary) becomes one item of a single
``ContentTranslator.translate`` call, so one article costs one batched model call per
language pair. The body is an HTML item when its format is ``html``; the author is a
``name`` item: kept, or mapped through the glossary, never machine-translated.

A stored translation records what it was made with (``depends``: the models of its routes,
the locale's catalog revision, the glossary revision, the memory revision if the memory
answered; see ``service.articles.dependencies``); one that is stale at the read's ``Stamp``
is translated again (sentences the change did not touch come from the sentence cache) and
replaced. Reviewed sentences live in the memory, so a translation made again keeps them.

Concurrent first requests for one (article, revision, locale) translate once per process: a
per-key lock serialises them and the later ones find the stored result. Across processes the
table's primary key decides: storing ignores duplicates and everyone re-reads, so all readers
get the translation stored first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from service.articles.dependencies import Routes, Stamp, is_stale, record
from service.articles.model import Article, ArticleContent
from service.articles.repository import ArticleRepository
from service.engine import Priority
from service.keyed_locks import KeyedLocks
from service.translation.plan import Target
from service.translation.translator import Item, ItemResult

Path = tuple[str | int, ...]


class Translator(Protocol):
    """What localization needs of ``ContentTranslator``."""

    def resolve_target(self, tag: str) -> Target: ...

    def known_revision(self) -> list[int]: ...

    def resolve(self, source: str, target: str) -> tuple[Any, Sequence[Any]]: ...

    def translate(
        self,
        items: Sequence[Item],
        target: Target,
        source: str | None = None,
        *,
        keep_unroutable: bool = False,
        priority: Priority = Priority.INTERACTIVE,
    ) -> list[ItemResult]: ...


def article_texts(content: ArticleContent) -> list[tuple[Path, str, str]]:
    """(path, text, format) of every translatable text of an article, in page order."""
    texts: list[tuple[Path, str, str]] = [
        (("title",), content.title, "text"),
        (("summary",), content.summary, "text"),
        (("body",), content.body, content.body_format),
        (("reactions",), content.reactions, "text"),
        (("author",), content.author, "name"),
    ]
    texts += [(("captions", i), caption, "text") for i, caption in enumerate(content.captions)]
    for i, image in enumerate(content.images):
        texts += [(("images", i, "alt"), image.alt, "text")]
        texts += [(("images", i, "caption"), image.caption, "text")]
    for i, related in enumerate(content.related):
        texts += [(("related", i, "title"), related.title, "text")]
        texts += [(("related", i, "summary"), related.summary, "text")]
    return texts


def _shaped(content: ArticleContent, leaf: Callable[[str], Any]) -> dict[str, Any]:
    """A dict shaped like the article's texts with ``leaf(text)`` at every text."""
    return {
        "title": leaf(content.title),
        "summary": leaf(content.summary),
        "body": leaf(content.body),
        "reactions": leaf(content.reactions),
        "author": leaf(content.author),
        "captions": [leaf(caption) for caption in content.captions],
        "images": [{"alt": leaf(i.alt), "caption": leaf(i.caption)} for i in content.images],
        "related": [{"title": leaf(r.title), "summary": leaf(r.summary)} for r in content.related],
    }


def original_texts(content: ArticleContent) -> dict[str, Any]:
    """The article's texts as published, shaped like a translation's ``texts``."""
    return _shaped(content, lambda text: text)


def _put(tree: dict[str, Any], path: Path, value: Any) -> None:
    node: Any = tree
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value


def field_info(item: Item, result: ItemResult, target: str) -> dict[str, Any]:
    """Whether one text was translated, from which languages and how (its segments' actions).

    Languages no installed model translates are left as published and named in
    ``untranslated`` with the reason, so a page can say so instead of failing.
    """
    info: dict[str, Any]
    if item.format == "html":
        changed = result.translation != item.text
        skipped = set(result.untranslated)
        langs = sorted(
            lang for lang in result.languages if lang not in (target, "und") and lang not in skipped
        )
        info = {"translated": changed, "from": langs if changed else [], "via": []}
    else:
        moved = [s for s in result.segments if s["action"] not in ("kept", "untranslated")]
        info = {
            "translated": bool(moved),
            "from": sorted({str(s["lang"]) for s in moved}),
            "via": sorted({str(s["action"]) for s in moved}),
        }
    if result.untranslated:
        info["untranslated"] = dict(sorted(result.untranslated.items()))
    return info


def translate_article(
    translator: Translator,
    content: ArticleContent,
    locale: str,
    stamp: Stamp,
    routes: Routes,
    priority: Priority = Priority.INTERACTIVE,
) -> dict[str, Any]:
    """Every text of ``content`` in ``locale`` with per-field info, from one translate call,
    and what it depends on (``depends``, recorded at ``stamp``)."""
    target = translator.resolve_target(locale)
    pending = [
        (path, Item(text, fmt)) for path, text, fmt in article_texts(content) if text.strip()
    ]
    items = [item for _, item in pending]
    results = (
        translator.translate(items, target, keep_unroutable=True, priority=priority)
        if pending
        else []
    )
    texts = original_texts(content)
    fields = _shaped(content, lambda _text: {"translated": False, "from": [], "via": []})
    shares: dict[str, float] = {}
    total = sum(len(item.text) for _, item in pending) or 1
    for (path, item), result in zip(pending, results, strict=True):
        _put(texts, path, result.translation)
        _put(fields, path, field_info(item, result, target.lang))
        for lang, share in result.languages.items():
            shares[lang] = shares.get(lang, 0.0) + share * len(item.text) / total
    used_memory = any("memory" in result.actions for result in results)
    depends = record(stamp, routes, target.lang, shares, used_memory)
    return {
        "texts": texts,
        "fields": fields,
        "languages": {lang: round(share, 3) for lang, share in sorted(shares.items())},
        "depends": {"target": target.lang, **depends},
    }


class ArticleLocalizer:
    """Serves an article's stored translation into a locale, translating it the first time
    and whenever the stored one is stale."""

    def __init__(
        self,
        repository: ArticleRepository,
        translator: Callable[[], Translator],
        stamp: Callable[[str, bool], Stamp],
        routes: Routes,
    ) -> None:
        self.repository = repository
        self.routes = routes
        self._translator = translator
        self._stamp = stamp
        self._locks = KeyedLocks()

    def current(self, stored: dict[str, Any] | None, stamp: Stamp) -> dict[str, Any] | None:
        """``stored`` if it is not stale at ``stamp``, else None."""
        if stored is None:
            return None
        depends = stored.get("depends")
        target = depends.get("target") if isinstance(depends, dict) else None
        if not isinstance(target, str) or is_stale(depends, stamp, self.routes, target):
            return None
        return stored

    def localize(self, article: Article, locale: str, stamp: Stamp | None = None) -> dict[str, Any]:
        """The stored translation of ``article`` (its current revision) into ``locale``,
        current at ``stamp`` (read now when not given).

        Raises UnknownLanguage or UnreachableTarget when the locale cannot be produced at
        all, ArticleNotFound when the article was deleted meanwhile. Parts in a language no
        model translates are kept as published and marked ``untranslated`` in ``fields``.
        """
        stamp = stamp or self._stamp(locale)
        key = (article.id, article.revision, locale)
        stored = self.current(self.repository.translation(*key), stamp)
        if stored is not None:
            return stored
        with self._locks.hold(key):
            found = self.repository.translation(*key)
            stored = self.current(found, stamp)
            if stored is not None:
                return stored
            return self._make(article, locale, stamp, Priority.INTERACTIVE, found)

    def _make(
        self,
        article: Article,
        locale: str,
        stamp: Stamp,
        priority: Priority,
        found: dict[str, Any] | None,
    ) -> dict[str, Any]:
        """Translate and store ``article`` into ``locale``, over ``found`` (the stale one)
        unless that row changed meanwhile; what is stored then is returned."""
        key = (article.id, article.revision, locale)
        content = translate_article(
            self._translator(), article.content, locale, stamp, self.routes, priority
        )
        if found is not None:
            self.repository.replace_translation(*key, content, found.get("depends"))
        else:
            self.repository.store_translation(*key, content)
        return self.repository.translation(*key) or content

    def store(self, article: Article, locale: str, priority: Priority) -> dict[str, Any]:
        """Translate and store ``article`` into ``locale`` unless stored and current
        (background work: publication and refresh jobs).

        No per-key lock here: a reader arriving meanwhile translates at its own priority
        rather than queueing behind bulk work, and the first stored translation wins.
        """
        stamp = self._stamp(locale, True)  # fresh: a refresh job may follow an edit at once
        found = self.repository.translation(article.id, article.revision, locale)
        stored = self.current(found, stamp)
        if stored is not None:
            return stored
        return self._make(article, locale, stamp, priority, found)
