"""Helpers of the article and page tests: storing articles, catalog edits, translators."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from babel.messages.pofile import read_po, write_po
from flask import Flask

from service.engine import Priority
from service.translation.plan import Target
from service.translation.translator import Item, ItemResult


def storer(app: Flask) -> Callable[[dict], str]:
    """Store an article JSON directly (the API is tested elsewhere); returns its id."""
    runtime = app.extensions["mixlate"]
    return lambda data: runtime.articles.create(data).id


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
    """The real translator, counting its calls; optionally slow and tagging its output."""

    def __init__(self, inner, delay: float = 0.0, tag: str = "") -> None:  # noqa: ANN001
        self.inner = inner
        self.delay = delay
        self.tag = tag
        self.calls = 0
        self._lock = threading.Lock()

    def resolve_target(self, tag: str) -> Target:
        return self.inner.resolve_target(tag)

    def known_revision(self) -> list[int]:
        return self.inner.known_revision()

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
