"""Helpers of the article and page tests: storing articles, catalog edits, translators."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from babel.messages.pofile import read_po, write_po
from flask import Flask

from service.articles.dependencies import Routes, Stamp
from service.articles.localize import ArticleLocalizer
from service.engine import Priority
from service.translation.plan import Target
from service.translation.translator import Item, ItemResult


def storer(app: Flask) -> Callable[[dict], str]:
    """Store an article JSON directly (the API is tested elsewhere); returns its id."""
    runtime = app.extensions["mixlate"]
    return lambda data: runtime.articles.create(data).id


def made_with(runtime, locale: str) -> tuple[Stamp, Routes]:  # noqa: ANN001
    """What ``translate_article`` records a translation into ``locale`` as made with now."""
    articles = runtime.articles
    return articles.stamps.stamp(locale), articles.localizer.routes


def localizer(runtime, repository, translator: Callable) -> ArticleLocalizer:  # noqa: ANN001
    """An article localizer over ``repository`` with ``runtime``'s stamps and routes."""
    articles = runtime.articles
    return ArticleLocalizer(
        repository, translator, articles.stamps.stamp, articles.localizer.routes
    )


def edit_po(locales_dir: Path, locale: str, msgid: str, msgstr: str) -> None:
    """Change one translation in the PO file directly, as another worker or an editor would."""
    path = locales_dir / locale / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    catalog[msgid].string = msgstr
    temporary = path.with_suffix(".tmp")
    with temporary.open("wb") as handle:
        write_po(handle, catalog)
    os.replace(temporary, path)


class CountingTranslator:
    """The real translator, counting its calls (and recording each call's thread and
    priority); optionally slow and tagging its output. Anything else goes to the real one."""

    def __init__(self, inner, delay: float = 0.0, tag: str = "") -> None:  # noqa: ANN001
        self.inner = inner
        self.delay = delay
        self.tag = tag
        self.calls = 0
        self.made: list[tuple[str, Priority]] = []
        self._lock = threading.Lock()

    def __getattr__(self, name: str):  # noqa: ANN204
        return getattr(self.inner, name)

    def resolve_target(self, tag: str) -> Target:
        return self.inner.resolve_target(tag)

    def known_revision(self) -> list[int]:
        return self.inner.known_revision()

    def resolve(self, source: str, target: str):  # noqa: ANN201
        return self.inner.resolve(source, target)

    def translate(
        self,
        items: Sequence[Item],
        target: Target,
        source: str | None = None,
        *,
        keep_unroutable: bool = False,
        priority: Priority = Priority.INTERACTIVE,
    ) -> list[ItemResult]:
        with self._lock:
            self.calls += 1
            self.made.append((threading.current_thread().name, priority))
        time.sleep(self.delay)
        results = self.inner.translate(
            items, target, source, keep_unroutable=keep_unroutable, priority=priority
        )
        if not self.tag:
            return results
        return [
            ItemResult(self.tag + r.translation, r.segments, r.languages, r.untranslated)
            for r in results
        ]

    def factory(self) -> Callable[[], CountingTranslator]:
        return lambda: self
