"""Catalog suggestions for a whole locale as a job: every entry empty when the job was made.

The job's units are those entries' keys (fixed at creation, so entries whose suggestion is
refused by validation are not picked again and again); each batch is one ``suggest`` call
for its keys, written as fuzzy suggestions that never replace a translation. The model runs
at bulk priority, so the editor's own requests go first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from service.catalogs import CatalogRepository, UnknownEntry
from service.catalogs.entries import entry_key, live_messages, msgstr_value, translated_texts
from service.catalogs.errors import EntryKey
from service.catalogs.history import CatalogHistory
from service.catalogs.locales import SOURCE_LOCALE, locale_tag
from service.engine import ModelNotInstalled, Priority
from service.jobs.executor import Work
from service.languages import UnknownLanguage
from service.review.catalog_suggestions import SuggestionsUnavailable, suggest
from service.translation.plan import Target
from service.translation.translator import ContentTranslator, Item, ItemResult, UnreachableTarget


def untranslated_keys(catalogs: CatalogRepository, locale: str) -> list[EntryKey]:
    """The keys of the locale's entries without any translation (raises UnknownLocale)."""
    catalog = catalogs.snapshot(locale).catalog
    return [
        entry_key(message)
        for message in live_messages(catalog)
        if not translated_texts(msgstr_value(message))
    ]


def check_reachable(translator: ContentTranslator, locale: str) -> None:
    """Raise SuggestionsUnavailable unless a model translates the source language to ``locale``."""
    try:
        translator.resolve(SOURCE_LOCALE, translator.resolve_target(locale_tag(locale)).lang)
    except (UnreachableTarget, UnknownLanguage, ModelNotInstalled) as exc:
        raise SuggestionsUnavailable(locale_tag(locale), exc) from exc


class _Bulk:
    """The translator, at bulk priority whatever its caller asks."""

    def __init__(self, inner: ContentTranslator) -> None:
        self.inner = inner

    def resolve_target(self, tag: str) -> Target:
        return self.inner.resolve_target(tag)

    def translate(self, items: Sequence[Item], *args: Any, **kwargs: Any) -> list[ItemResult]:
        return self.inner.translate(items, *args, **{**kwargs, "priority": Priority.BULK})


class SuggestHandler:
    """Runs ``catalog`` jobs: params ``locale``, ``author`` and ``keys`` ([msgid, msgctxt])."""

    def __init__(
        self, history: Callable[[], CatalogHistory], translator: Callable[[], ContentTranslator]
    ) -> None:
        self._history = history
        self._translator = translator

    def __call__(self, work: Work) -> dict[str, Any] | None:
        params = work.job.params
        keys = [(msgid, msgctxt) for msgid, msgctxt in params["keys"]]
        translator = _Bulk(self._translator())
        work.check()
        for batch in work.batches():
            wanted = [keys[position] for position in batch]
            written, skipped = self._suggest(translator, params, wanted)
            work.write(
                {
                    position: {
                        "msgid": key[0],
                        "msgctxt": key[1],
                        "suggested": key in written,
                        "problems": skipped.get(key, []),
                    }
                    for position, key in zip(batch, wanted, strict=True)
                }
            )
        return {"locale": params["locale"]}

    def _suggest(
        self, translator: _Bulk, params: dict[str, Any], keys: list[EntryKey]
    ) -> tuple[set[EntryKey], dict[EntryKey, list[str]]]:
        """(keys written, key → problem codes); entries gone from the catalog are skipped."""
        gone: dict[EntryKey, list[str]] = {}
        while keys:
            try:
                result = suggest(
                    self._history(),
                    translator,  # type: ignore[arg-type]
                    params["locale"],
                    params["author"],
                    keys=keys,
                    limit=len(keys),
                )
            except UnknownEntry as exc:
                gone |= {key: ["removed"] for key in exc.keys}
                keys = [key for key in keys if key not in gone]
                continue
            written = {(change.msgid, change.msgctxt) for change in result.changes}
            skipped = {key: [p.code for p in problems] for key, problems in result.skipped.items()}
            return written, skipped | gone
        return set(), gone
