"""Catalog-first translation: find a UI string's translation before asking a machine.

A segment matches an entry when, after whitespace normalisation, it equals the entry's
msgid or the translated, non-fuzzy msgstr of that entry in any locale. The answer is the
entry's msgstr in the target locale; for the source locale it is the source catalog's
msgstr, or else the msgid itself. Plural entries are not indexed.
"""

from __future__ import annotations

from collections.abc import Mapping

from babel.messages.catalog import Catalog

from service.catalogs.entries import entry_key, entry_state, live_messages
from service.catalogs.errors import EntryKey, UnknownLocale
from service.catalogs.locales import SOURCE_LOCALE, locale_tag


def normalize_text(text: str) -> str:
    """Strip and collapse every run of whitespace to one space."""
    return " ".join(text.split())


class CatalogIndex:
    """Immutable lookup table built from one revision of every locale's catalog."""

    def __init__(self, catalogs: Mapping[str, Catalog], source_locale: str = SOURCE_LOCALE):
        self.source_locale = locale_tag(source_locale)
        self._translations: dict[EntryKey, dict[str, str]] = {}
        for locale in sorted(catalogs, key=locale_tag):
            tag = locale_tag(locale)
            for message in live_messages(catalogs[locale]):
                if message.pluralizable:
                    continue
                translations = self._translations.setdefault(entry_key(message), {})
                if entry_state(message) == "translated":
                    translations[tag] = message.string
        by_msgid: dict[str, list[EntryKey]] = {}
        by_msgstr: dict[str, list[EntryKey]] = {}
        for key, translations in self._translations.items():
            translations.setdefault(self.source_locale, key[0])
            by_msgid.setdefault(normalize_text(key[0]), []).append(key)
            for text in translations.values():
                by_msgstr.setdefault(normalize_text(text), []).append(key)
        self._by_text = by_msgid
        for text, keys in by_msgstr.items():
            self._by_text.setdefault(text, []).extend(keys)

    def __len__(self) -> int:
        return len(self._translations)

    def lookup(self, text: str, target: str) -> str | None:
        """Translation of ``text`` into ``target`` (BCP-47 or directory name), or None.

        Entries whose msgid matches win over entries matched through a translation; an
        entry without a translated, non-fuzzy msgstr in ``target`` is skipped.
        """
        try:
            tag = locale_tag(target)
        except UnknownLocale:
            return None
        for key in self._by_text.get(normalize_text(text), ()):
            if (found := self._translations[key].get(tag)) is not None:
                return found
        return None
