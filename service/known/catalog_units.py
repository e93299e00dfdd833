"""Catalog entries as memory units: every translated, non-fuzzy, singular msgstr of a catalog.

The pipeline already answers such strings exactly through the catalog index; as units they
also serve as fuzzy suggestions (a sentence close to a UI string) and travel with the memory
where a human looks for prior translations. Built per catalog revision by the caller.
"""

from __future__ import annotations

from collections.abc import Iterable

from service.catalogs import CatalogRepository
from service.catalogs.entries import entry_state, live_messages
from service.catalogs.locales import SOURCE_LOCALE, locale_tag
from service.known.memory import MemoryUnit


def catalog_units(repository: CatalogRepository) -> Iterable[MemoryUnit]:
    """One ``catalog`` unit per translated entry of every locale but the source's."""
    source = locale_tag(SOURCE_LOCALE)
    for locale in repository.locales():
        target = locale_tag(locale)
        if target == source:
            continue
        for message in live_messages(repository.load(locale)):
            if message.pluralizable or entry_state(message) != "translated":
                continue
            yield MemoryUnit(source, target, message.id, message.string, "catalog", "catalog")
