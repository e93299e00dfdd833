"""Catalog edit history in the database: the changes of every write, listing and revert.

``CatalogHistory`` wraps the writes of a ``CatalogRepository``: each write records one row
per changed entry (author, time, old and new value and fuzzy flag, the catalog's revision
after the write). With the file store, rows are added in a transaction opened under the
write lock before the files are replaced and committed after them (see ``commit``); with
the database store they join the write's own transaction (``record``). Either way a write
and its rows land together or not at all, in the order of the writes.

The rows also answer "which entries changed since revision R" for a stale ``If-Match``
(``values_since``), across processes: the rows after the last one stamped R. That needs an
unbroken chain: when a write starts from a revision no row names (the shipped file, a
template merge, a hand edit), a ``baseline`` row stamped with that revision is recorded
first. Changes since R are known only if no baseline row follows R's rows and the newest
row names the current revision; otherwise the answer is "unknown" (412 as before).
Baseline rows are bookkeeping: never listed, never reverted.

A revert applies a row's old value through ``apply_edits`` (validated like any edit) and
records a new row; it refuses (RevertConflict) when the entry changed since, so a revert
never overwrites a colleague's later work. Besides ``db_store`` (which keeps catalogs in
the database when so configured), this is the only module of the package that touches it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.catalogs.edits import ApplyResult, Edit, State, Value
from service.catalogs.entries import entry_dict, msgstr_value
from service.catalogs.errors import CatalogError, EntryKey, UnknownEntry
from service.catalogs.locales import locale_tag
from service.catalogs.repository import CatalogRepository
from service.store import Database
from service.store.tables import CatalogHistoryRow

ACTIONS = ("edit", "import", "suggest", "revert")
BASELINE = "baseline"
MAX_PAGE = 200
_AUTHOR_CHARS = 100


class UnknownHistoryEntry(CatalogError, LookupError):
    """No history row with this id for this locale."""

    def __init__(self, entry_id: int) -> None:
        super().__init__(f"no history entry {entry_id} for this locale")
        self.entry_id = entry_id


class RevertConflict(CatalogError):
    """The entry changed after the write being reverted; ``current`` is its entry dict."""

    def __init__(self, entry_id: int, current: dict[str, Any]) -> None:
        super().__init__(
            f"the entry changed after history entry {entry_id}; reverting would overwrite that"
        )
        self.entry_id = entry_id
        self.current = current


@dataclass(frozen=True)
class HistoryEntry:
    """One recorded change of one entry."""

    id: int
    locale: str
    msgid: str
    msgctxt: str | None
    old: Value
    new: Value
    old_fuzzy: bool
    fuzzy: bool
    author: str
    action: str
    revision: str
    reverts: int | None
    created_at: datetime

    @classmethod
    def from_row(cls, row: CatalogHistoryRow) -> HistoryEntry:
        created = row.created_at
        if created.tzinfo is None:
            created = created.replace(tzinfo=UTC)
        return cls(
            id=row.id,
            locale=row.locale,
            msgid=row.msgid,
            msgctxt=row.msgctxt,
            old=row.old_value,
            new=row.new_value,
            old_fuzzy=row.old_fuzzy,
            fuzzy=row.new_fuzzy,
            author=row.author,
            action=row.action,
            revision=row.revision,
            reverts=row.reverts,
            created_at=created,
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (``created_at`` in ISO 8601, UTC)."""
        return {
            "id": self.id,
            "msgid": self.msgid,
            "msgctxt": self.msgctxt,
            "old": self.old,
            "new": self.new,
            "old_fuzzy": self.old_fuzzy,
            "fuzzy": self.fuzzy,
            "author": self.author,
            "action": self.action,
            "revision": self.revision,
            "reverts": self.reverts,
            "created_at": self.created_at.isoformat(),
        }


def newest_revision(database: Database, locale: str) -> str | None:
    """The revision named by the newest history row of ``locale`` (any row, baselines too):
    what ``CatalogRepository.settle`` compares an interrupted write's catalog with."""
    rows = CatalogHistoryRow
    query = select(rows.revision).where(rows.locale == locale_tag(locale))
    with database.session() as session:
        return session.scalar(query.order_by(rows.id.desc()).limit(1))


class CatalogHistory:
    """Writes to ``catalogs`` that record their changes in ``database``, and their reverts."""

    def __init__(self, database: Database, catalogs: CatalogRepository) -> None:
        self.database = database
        self.catalogs = catalogs
        catalogs.settle(lambda locale: newest_revision(database, locale))

    def apply_edits(
        self,
        locale: str,
        edits: Iterable[Edit],
        if_match: str | None,
        author: str,
        action: str = "edit",
    ) -> ApplyResult:
        """``CatalogRepository.apply_edits``, recording each change as ``action``."""
        record = self._recorder(locale, author, action)
        return self.catalogs.apply_edits(locale, edits, if_match, author, recorder=record)

    def import_(
        self, locale: str, data: bytes, fmt: str, author: str, if_match: str | None
    ) -> ApplyResult:
        """``CatalogRepository.import_``, recording each change as an import."""
        record = self._recorder(locale, author, "import")
        return self.catalogs.import_(locale, data, fmt, author, if_match, recorder=record)

    def list(
        self,
        locale: str,
        *,
        msgid: str | None = None,
        msgctxt: str | None = None,
        before: int | None = None,
        limit: int = 50,
    ) -> list[HistoryEntry]:
        """The locale's history, newest first; optionally of one entry, or older than ``before``.

        Raises UnknownLocale when the locale has no catalog.
        """
        self.catalogs.revision(locale)
        query = select(CatalogHistoryRow).where(
            CatalogHistoryRow.locale == locale_tag(locale), CatalogHistoryRow.action != BASELINE
        )
        if msgid is not None:
            context = CatalogHistoryRow.msgctxt
            same_context = context.is_(None) if msgctxt is None else context == msgctxt
            query = query.where(CatalogHistoryRow.msgid == msgid, same_context)
        if before is not None:
            query = query.where(CatalogHistoryRow.id < before)
        query = query.order_by(CatalogHistoryRow.id.desc()).limit(max(1, min(limit, MAX_PAGE)))
        with self.database.session() as session:
            return [HistoryEntry.from_row(row) for row in session.scalars(query)]

    def get(self, locale: str, entry_id: int) -> HistoryEntry:
        """The history row ``entry_id`` of ``locale``; raises UnknownHistoryEntry."""
        with self.database.session() as session:
            row = session.get(CatalogHistoryRow, entry_id)
            if row is None or row.locale != locale_tag(locale) or row.action == BASELINE:
                raise UnknownHistoryEntry(entry_id)
            return HistoryEntry.from_row(row)

    def revert(self, locale: str, entry_id: int, author: str) -> ApplyResult:
        """Put back the old value of history row ``entry_id`` (validated, recorded).

        Raises RevertConflict if the entry's value or fuzzy flag changed after that write,
        StaleRevision if the catalog changes while reverting; does nothing if the entry
        already holds the old value.
        """
        entry = self.get(locale, entry_id)
        snapshot = self.catalogs.snapshot(locale)
        message = snapshot.catalog.get(entry.msgid, context=entry.msgctxt)
        if message is None:
            raise UnknownEntry([(entry.msgid, entry.msgctxt)])
        current = msgstr_value(message)
        if (current, message.fuzzy) == (entry.old, entry.old_fuzzy):
            return ApplyResult(snapshot.revision, [])
        if (current, message.fuzzy) != (entry.new, entry.fuzzy):
            found = entry_dict(message, locale_tag(locale), snapshot.catalog.num_plurals)
            raise RevertConflict(entry_id, found)
        edit = Edit(
            entry.msgid,
            entry.old,
            entry.msgctxt,
            fuzzy=entry.old_fuzzy,
            base=current,
            base_fuzzy=message.fuzzy,
        )
        record = self._recorder(locale, author, "revert", reverts=entry_id)
        return self.catalogs.apply_edits(locale, [edit], snapshot.revision, author, recorder=record)

    def _recorder(
        self, locale: str, author: str, action: str, reverts: int | None = None
    ) -> _Recorder:
        if action not in ACTIONS:
            raise ValueError(f"action must be one of {ACTIONS}, not {action!r}")
        author = " ".join(author.split())[:_AUTHOR_CHARS] or "unknown"
        return _Recorder(self.database, locale_tag(locale), author, action, reverts)


@dataclass(frozen=True)
class _Recorder:
    """The ``WriteRecorder`` of one write: its author and action, for one locale."""

    database: Database
    locale: str
    author: str
    action: str
    reverts: int | None

    def _row(self, action: str, revision: str, **values: Any) -> CatalogHistoryRow:
        return CatalogHistoryRow(
            locale=self.locale,
            author=self.author,
            action=action,
            revision=revision,
            reverts=self.reverts if action != BASELINE else None,
            created_at=datetime.now(UTC),
            **values,
        )

    def _newest(self, session: Any) -> str | None:
        query = (
            select(CatalogHistoryRow.revision)
            .where(CatalogHistoryRow.locale == self.locale)
            .order_by(CatalogHistoryRow.id.desc())
            .limit(1)
        )
        return session.scalar(query)

    @contextmanager
    def recording(self, result: ApplyResult) -> Iterator[None]:
        """Rows for ``result`` flushed before the files are written, committed after."""
        with self.database.session() as session:
            self.record(session, result)
            yield

    def record(self, session: Session, result: ApplyResult) -> None:
        """Add and flush the rows of ``result`` in ``session`` (the database store's write)."""
        if result.previous is not None and self._newest(session) != result.previous:
            empty = {"msgid": "", "msgctxt": None, "old_value": "", "new_value": ""}
            flags = {"old_fuzzy": False, "new_fuzzy": False}
            session.add(self._row(BASELINE, result.previous, **empty, **flags))
        session.add_all(
            self._row(
                self.action,
                result.revision,
                msgid=change.msgid,
                msgctxt=change.msgctxt,
                old_value=change.old,
                new_value=change.new,
                old_fuzzy=change.old_fuzzy,
                new_fuzzy=change.fuzzy,
            )
            for change in result.changes
        )
        session.flush()

    def values_since(
        self, revision: str, current: str, keys: Sequence[EntryKey]
    ) -> dict[EntryKey, State] | None:
        """See ``WriteRecorder.values_since``: read from the rows after ``revision``'s."""
        rows = CatalogHistoryRow
        with self.database.session() as session:
            stamped = (rows.locale == self.locale, rows.revision == revision)
            anchor = session.scalar(select(func.max(rows.id)).where(*stamped))
            if anchor is None or self._newest(session) != current:
                return None
            later = session.scalars(
                select(rows).where(rows.locale == self.locale, rows.id > anchor).order_by(rows.id)
            ).all()
        if any(row.action == BASELINE for row in later):
            return None
        wanted, found = set(keys), {}
        for row in later:
            key = (row.msgid, row.msgctxt)
            if key in wanted and key not in found:
                found[key] = (row.old_value, row.old_fuzzy)
        return found
