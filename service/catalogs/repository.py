"""CatalogRepository: the one entry point to the catalogs, in whichever store keeps them.

The store (``store.CatalogStore``: files in a locales directory, or the database) keeps the
PO documents; this class holds the catalog logic. Reads go through the store's per-process
cache, which notices writes by other threads, processes and nodes. Writes take the store's
exclusive write of the catalog, re-read it there, check everything, then replace it together
with the write's history record, all or nothing. An edit is spliced into the catalog's own
text so it keeps its shape (see ``splice``), and exports differ by the edited entries only.

Concurrency: a write whose ``if_match`` is stale is still applied when none of its own
entries changed since that revision, in value or fuzzy flag (known from the edit's
``base``/``base_fuzzy``, the cached catalog of that revision, or the recorder's history);
otherwise it raises StaleRevision.
"""

from __future__ import annotations

import gettext as _gettext
import threading
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog

from service.catalogs.cache import Snapshot
from service.catalogs.codec import dump_mo, dump_po, parse_po, parse_uploaded_po
from service.catalogs.commit import WriteRecorder
from service.catalogs.edits import (
    ApplyResult,
    Change,
    Edit,
    apply_changes,
    edits_from_catalog,
    plan_changes,
    stale_revision,
)
from service.catalogs.entries import catalog_stats, select_entries
from service.catalogs.errors import LocaleExists, NotALocale, UnknownLocale, UnsupportedFormat
from service.catalogs.file_store import FileCatalogStore
from service.catalogs.formatting import render
from service.catalogs.index import CatalogIndex
from service.catalogs.locales import locale_dir_name, locale_tag
from service.catalogs.splice import detect_width, write_changes
from service.catalogs.storage import content_revision
from service.catalogs.store import CatalogStore, StoreWrite
from service.catalogs.xliff import export_xliff, parse_xliff

EXPORT_FORMATS = ("po", "mo", "xliff")


@lru_cache(maxsize=64)
def _plural_function(expression: str) -> Any:
    return _gettext.c2py(expression)


def _sanitize_author(author: str) -> str:
    return " ".join(author.split()) or "unknown"


class CatalogRepository:
    """The catalogs of ``store`` (or of a locales directory: the file store); safe to share
    between threads, one per process."""

    def __init__(self, store: CatalogStore | str | Path) -> None:
        self.store: CatalogStore = (
            FileCatalogStore(store) if isinstance(store, str | Path) else store
        )
        self.locales_dir = self.store.locales_dir
        self._index_lock = threading.Lock()
        self._index: tuple[tuple[tuple[str, str], ...], CatalogIndex] | None = None

    def _snapshot(self, locale: str) -> Snapshot:
        try:
            return self.store.snapshot(locale_dir_name(locale))
        except UnknownLocale as exc:
            raise UnknownLocale(locale) from exc

    def locales(self) -> list[str]:
        """BCP-47 tags of the locales with a catalog."""
        return self.store.locales()

    def stats(self) -> dict[str, dict[str, Any]]:
        """Per locale: total, translated, fuzzy, untranslated and percent translated."""
        return {tag: catalog_stats(self.load(tag)) for tag in self.locales()}

    def revision(self, locale: str) -> str:
        """Content revision of the locale's PO text (an ETag); changes with every write."""
        try:
            return self.store.revision(locale_dir_name(locale))
        except UnknownLocale as exc:
            raise UnknownLocale(locale) from exc

    def load(self, locale: str) -> Catalog:
        """The locale's current catalog, shared and cached: do not modify it."""
        return self._snapshot(locale).catalog

    def snapshot(self, locale: str) -> Snapshot:
        """The locale's current revision and catalog, read together (the catalog is shared)."""
        return self._snapshot(locale)

    def entries(
        self, locale: str, state: str | None = None, q: str | None = None
    ) -> list[dict[str, Any]]:
        """Entry dicts (see ``entries.entry_dict``), filtered by state and/or text."""
        return select_entries(self.load(locale), locale_tag(locale), state, q)

    def apply_edits(
        self,
        locale: str,
        edits: Iterable[Edit],
        if_match: str | None,
        author: str,
        *,
        recorder: WriteRecorder | None = None,
    ) -> ApplyResult:
        """Apply a batch of edits atomically, all or nothing.

        ``if_match`` is the revision the client saw (None: no check); when it is stale the
        batch is applied anyway unless one of its entries changed since. Raises
        StaleRevision, UnknownEntry or InvalidEdits, in that order of precedence (and
        UnknownLocale); nothing is written then. A batch that changes nothing writes
        nothing. ``recorder`` (the edit history) records the write inside it, under the
        write lock, and tells which entries changed since an old revision.
        """
        edits, name, tag = list(edits), locale_dir_name(locale), locale_tag(locale)
        if if_match is not None:  # a sure conflict is answered without waiting for the lock
            self._check_revision(name, if_match, edits, self._snapshot(name), recorder, sure=True)
        with self.store.writing(name) as write:
            data = self._existing(write, locale)
            current, catalog = content_revision(data), parse_po(data, name)
            if if_match is not None:
                self._check_revision(name, if_match, edits, Snapshot(current, catalog), recorder)
            planned = plan_changes(catalog, edits, tag)
            if not planned:
                return ApplyResult(current, [])
            apply_changes(planned)
            catalog.last_translator = _sanitize_author(author)
            catalog.revision_date = datetime.now(UTC)
            changes = [change for _, change in planned]
            written, parsed = write_changes(data, catalog, changes)
            return self._save(write, name, written, changes, current, recorder, parsed)

    @staticmethod
    def _existing(write: StoreWrite, locale: str) -> bytes:
        if write.data is None:
            raise UnknownLocale(locale)
        return write.data

    def _check_revision(
        self,
        name: str,
        if_match: str,
        edits: list[Edit],
        now: Snapshot,
        recorder: WriteRecorder | None,
        *,
        sure: bool = False,
    ) -> None:
        """Raise StaleRevision if ``now`` is not at ``if_match`` and an edited entry changed.

        With ``sure``, only when that is certain: outside the lock, a write in progress
        makes the history look broken for a moment, so "cannot tell" waits for the lock.
        """
        if now.revision == if_match:
            return
        seen = self.store.recall(name, if_match)
        since = None
        if seen is None and recorder is not None and not all(edit.verified for edit in edits):
            since = recorder.values_since(if_match, now.revision, [edit.key for edit in edits])
        if sure and seen is None and since is None:
            return
        stale = stale_revision(
            now.catalog,
            seen.catalog if seen else None,
            since,
            edits,
            now.revision,
            locale_tag(name),
        )
        if stale.changed:
            raise stale

    def _save(
        self,
        write: StoreWrite,
        name: str,
        data: bytes,
        changes: list[Change],
        previous: str | None = None,
        recorder: WriteRecorder | None = None,
        parsed: Catalog | None = None,
    ) -> ApplyResult:
        """Save ``data`` as the PO with ``recorder``'s record, through the store's ``write``.

        ``parsed`` is ``data`` already parsed, if the caller has it.
        """
        catalog = parsed if parsed is not None else parse_po(data, name)
        result = ApplyResult(content_revision(data), changes, previous)
        write.save(data, catalog, result, recorder)
        return result

    def _template(self) -> Catalog:
        return parse_po(self.store.template())

    def template_bytes(self) -> bytes:
        """The ``messages.pot`` the catalogs are created from and merged with, as stored."""
        return self.store.template()

    def take_template(self) -> None:
        """Adopt the locales directory's ``messages.pot`` as the template (a no-op for files)."""
        self.store.take_template()

    def settle(self, newest_revision: Callable[[str], str | None]) -> None:
        """Have the store finish or undo writes a killed writer left (see ``commit.settle``)."""
        self.store.settle(newest_revision)

    def create_locale(self, locale: str) -> str:
        """Create the locale's catalog from ``messages.pot`` (as ``pybabel init``); its revision.

        Plural-Forms comes from Babel's rules for the locale. Raises NotALocale, LocaleExists.
        """
        try:
            name = locale_dir_name(locale)
        except UnknownLocale as exc:
            raise NotALocale(locale) from exc
        with self.store.writing(name) as write:
            if write.data is not None:
                raise LocaleExists(locale_tag(name))
            template = self._template()
            catalog = Catalog(
                locale=name,
                header_comment=template.header_comment,
                project=template.project,
                version=template.version,
                msgid_bugs_address=template.msgid_bugs_address,
                creation_date=template.creation_date,
                fuzzy=False,
            )
            catalog.update(template, no_fuzzy_matching=True)
            catalog.revision_date = datetime.now(UTC)
            return self._save(write, name, dump_po(catalog), []).revision

    def update_from_template(self, locale: str) -> str:
        """Merge ``messages.pot`` into the catalog (as ``pybabel update``); the new revision.

        Translations are kept, entries whose msgid changed slightly are carried over as
        fuzzy, entries gone from the template become obsolete.
        """
        name = locale_dir_name(locale)
        with self.store.writing(name) as write:
            data = self._existing(write, locale)
            catalog = parse_po(data, name)
            width = detect_width(data.decode(catalog.charset or "utf-8", "replace"), catalog)
            catalog.update(self._template())
            catalog.revision_date = datetime.now(UTC)
            return self._save(write, name, dump_po(catalog, width), []).revision

    def export(self, locale: str, fmt: str) -> bytes:
        """The catalog as ``po`` (the stored bytes), ``mo`` (compiled) or ``xliff`` (1.2)."""
        if fmt not in EXPORT_FORMATS:
            raise UnsupportedFormat(f"cannot export {fmt!r}; use one of {EXPORT_FORMATS}")
        if fmt == "po":
            try:
                return self.store.read(locale_dir_name(locale))
            except UnknownLocale as exc:
                raise UnknownLocale(locale) from exc
        catalog = self.load(locale)
        return dump_mo(catalog) if fmt == "mo" else export_xliff(catalog, locale)

    def import_(
        self,
        locale: str,
        data: bytes,
        fmt: str,
        author: str,
        if_match: str | None = None,
        *,
        recorder: WriteRecorder | None = None,
    ) -> ApplyResult:
        """Merge the translations of an uploaded PO or XLIFF file, validated like edits.

        Only non-empty translations are taken; entries unknown to the catalog raise
        UnknownEntry, invalid ones InvalidEdits, and then nothing is written. ``recorder``
        is passed to ``apply_edits``.
        """
        if fmt == "po":
            uploaded = parse_uploaded_po(data, locale)
            edits = edits_from_catalog(uploaded)
        elif fmt == "xliff":
            edits = parse_xliff(data, locale)
        else:
            raise UnsupportedFormat(f"cannot import {fmt!r}; use po or xliff")
        return self.apply_edits(locale, edits, if_match, author, recorder=recorder)

    def lookup_index(self) -> CatalogIndex:
        """The catalog-first lookup table, rebuilt only when some catalog changed."""
        snapshots = {tag: self._snapshot(tag) for tag in self.locales()}
        key = tuple((tag, snapshot.revision) for tag, snapshot in snapshots.items())
        with self._index_lock:
            if self._index is None or self._index[0] != key:
                catalogs = {tag: snapshot.catalog for tag, snapshot in snapshots.items()}
                self._index = (key, CatalogIndex(catalogs))
            return self._index[1]

    def _reviewed(self, locale: str, msgid: str, context: str | None) -> tuple[Any, Any]:
        """(catalog, its non-fuzzy message for msgid) with None for whatever is missing."""
        try:
            catalog = self.load(locale)
        except UnknownLocale:
            return None, None
        message = catalog.get(msgid, context=context)
        return catalog, None if message is None or message.fuzzy else message

    def gettext(
        self, locale: str, msgid: str, *, context: str | None = None, **variables: Any
    ) -> str:
        """The current translation of ``msgid`` (falls back to it), formatted with variables.

        Without variables the text is returned unformatted (the caller formats it); with
        them, see ``formatting.render``: a translation that does not format gives the msgid.
        """
        _, message = self._reviewed(locale, msgid, context)
        text = message.string if message is not None and isinstance(message.string, str) else ""
        text = text or msgid
        return render(text, msgid, variables, (msgid,)) if variables else text

    def ngettext(
        self,
        locale: str,
        singular: str,
        plural: str,
        n: int,
        *,
        context: str | None = None,
        **variables: Any,
    ) -> str:
        """The plural form for ``n`` (falls back to singular/plural); ``num`` defaults to n."""
        variables.setdefault("num", n)
        fallback = text = singular if n == 1 else plural
        catalog, message = self._reviewed(locale, singular, context)
        if message is not None and message.pluralizable:
            index = _plural_function(catalog.plural_expr)(n)
            forms = list(message.string)
            text = (forms[index] if index < len(forms) else "") or text
        return render(text, fallback, variables, (singular, plural))
