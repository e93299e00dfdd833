"""Machine suggestions for untranslated catalog entries, stored as fuzzy for review.

The msgids (English, the catalogs' source language) of the chosen entries go through
``ContentTranslator.translate`` in one batch, so placeholders, URLs and numbers are
protected by the pipeline; msgids with HTML tags are translated as HTML so the tags stay
intact. Each suggestion gets the msgid's leading and trailing whitespace back and is
validated like an edit; invalid ones are skipped and reported. Suggestions are written with
the fuzzy flag, and only into entries that are still empty at write time, so they never
replace a translation. Plural entries get the msgid for form 0 and the msgid_plural for
the other forms (or for the only form of languages without plurals).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from babel.messages.catalog import Catalog, Message

from service.catalogs.edits import Change, Edit, Value
from service.catalogs.entries import entry_key, live_messages, msgstr_value, translated_texts
from service.catalogs.errors import CatalogError, EntryKey, StaleRevision, UnknownEntry
from service.catalogs.history import CatalogHistory
from service.catalogs.locales import SOURCE_LOCALE, locale_tag
from service.catalogs.validation import Problem, html_tags, validate_edit
from service.engine import ModelNotInstalled
from service.languages import UnknownLanguage
from service.translation.translator import ContentTranslator, Item, UnreachableTarget

WRITE_ATTEMPTS = 3
_TRANSLATED = Problem("translated", "The entry already has a translation")


class SuggestionsUnavailable(CatalogError):
    """No installed model translates the source language into the locale."""

    def __init__(self, locale: str, reason: Exception) -> None:
        super().__init__(f"no machine suggestions for {locale}: {reason}")
        self.locale = locale
        self.install = f"mixlate models install {SOURCE_LOCALE} {locale}"


@dataclass(frozen=True)
class SuggestResult:
    """What a suggestion run wrote (``changes``), what it skipped, and how many are left."""

    revision: str
    changes: list[Change]
    skipped: dict[EntryKey, list[Problem]]
    remaining: int


def _is_empty(message: Message) -> bool:
    return not translated_texts(msgstr_value(message))


def _sources(message: Message, num_plurals: int) -> list[str]:
    """The source text of each form of the entry's translation."""
    if not message.pluralizable:
        return [message.id]
    singular, plural = message.id[0], message.id[1]
    return [plural] if num_plurals == 1 else [singular] + [plural] * (num_plurals - 1)


def _choose(
    catalog: Catalog, keys: Sequence[EntryKey] | None, limit: int
) -> tuple[list[Message], dict[EntryKey, list[Problem]], int]:
    """(entries to translate, entries skipped as already translated, entries left over)."""
    if keys is None:
        empty = [message for message in live_messages(catalog) if _is_empty(message)]
        return empty[:limit], {}, max(0, len(empty) - limit)
    chosen, skipped, unknown = [], {}, []
    for msgid, msgctxt in dict.fromkeys(keys):
        message = catalog.get(msgid, context=msgctxt)
        if message is None:
            unknown.append((msgid, msgctxt))
        elif _is_empty(message):
            chosen.append(message)
        else:
            skipped[(msgid, msgctxt)] = [_TRANSLATED]
    if unknown:
        raise UnknownEntry(unknown)
    return chosen[:limit], skipped, max(0, len(chosen) - limit)


def _with_edges(source: str, text: str) -> str:
    lead = source[: len(source) - len(source.lstrip())]
    trail = source[len(source.rstrip()) :]
    return lead + text.strip() + trail


def _translate(translator: ContentTranslator, texts: list[str], locale: str) -> dict[str, str]:
    """Each text translated from the source language into ``locale``, in one batch."""
    try:
        target = translator.resolve_target(locale_tag(locale))
        items = [Item(text, "html" if html_tags(text) else "text") for text in texts]
        results = translator.translate(items, target, source=SOURCE_LOCALE)
    except (UnreachableTarget, UnknownLanguage, ModelNotInstalled) as exc:
        raise SuggestionsUnavailable(locale_tag(locale), exc) from exc
    pairs = zip(texts, results, strict=True)
    return {text: _with_edges(text, result.translation) for text, result in pairs}


def _write(
    history: CatalogHistory, locale: str, edits: list[Edit], author: str
) -> tuple[str, list[Change]]:
    """Write the edits whose entries are still empty; retries if the catalog moves meanwhile."""
    attempts = 0
    while True:
        snapshot = history.catalogs.snapshot(locale)
        still_empty = [
            edit
            for edit in edits
            if (message := snapshot.catalog.get(edit.msgid, context=edit.msgctxt)) is not None
            and _is_empty(message)
        ]
        try:
            result = history.apply_edits(
                locale, still_empty, snapshot.revision, author, action="suggest"
            )
        except StaleRevision:
            attempts += 1
            if attempts == WRITE_ATTEMPTS:
                raise
            continue
        return result.revision, result.changes


def suggest(
    history: CatalogHistory,
    translator: ContentTranslator,
    locale: str,
    author: str,
    *,
    keys: Sequence[EntryKey] | None = None,
    limit: int = 200,
) -> SuggestResult:
    """Suggest translations for the empty entries of ``locale`` (or those of ``keys``).

    At most ``limit`` entries are translated per call. Raises UnknownLocale, UnknownEntry
    (for unknown ``keys``), SuggestionsUnavailable (no model) or StaleRevision (the catalog
    kept changing while writing).
    """
    tag = locale_tag(locale)
    snapshot = history.catalogs.snapshot(locale)
    catalog = snapshot.catalog
    chosen, skipped, remaining = _choose(catalog, keys, limit)
    if not chosen:
        return SuggestResult(snapshot.revision, [], skipped, remaining)
    forms = {entry_key(message): _sources(message, catalog.num_plurals) for message in chosen}
    texts = list(dict.fromkeys(text for sources in forms.values() for text in sources))
    translated = _translate(translator, texts, locale)
    edits = []
    for message in chosen:
        key = entry_key(message)
        values = [translated[text] for text in forms[key]]
        value: Value = values if message.pluralizable else values[0]
        plural = message.id[1] if message.pluralizable else None
        problems = validate_edit(key[0], value, tag, plural, catalog.num_plurals)
        if problems:
            skipped[key] = problems
        else:
            edits.append(Edit(key[0], value, key[1], fuzzy=True))
    revision, changes = _write(history, locale, edits, author)
    return SuggestResult(revision, changes, skipped, remaining)
