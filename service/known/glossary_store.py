"""The glossary table: list, add, replace, delete entries; the term index of a revision.

Every write bumps the glossary revision in its own transaction. ``index(revision)`` returns
the TermIndex of that revision, rebuilding it from the table only when the revision moved.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.known import revisions
from service.known.errors import GlossaryEntryNotFound
from service.known.glossary import GlossaryEntry
from service.known.listing import filtered_page
from service.known.terms import Converter, TermIndex
from service.store import Database
from service.store.tables import GlossaryEntryRow


def _entry(row: GlossaryEntryRow) -> GlossaryEntry:
    return GlossaryEntry(
        row.source,
        row.term,
        row.target,
        row.translation,
        row.case_sensitive,
        row.whole_word,
        row.do_not_translate,
        row.note,
        row.id,
    )


def _columns(entry: GlossaryEntry) -> dict[str, object]:
    return {
        "source": entry.source,
        "term": entry.term,
        "target": entry.target,
        "translation": None if entry.do_not_translate else entry.translation,
        "case_sensitive": entry.case_sensitive,
        "whole_word": entry.whole_word,
        "do_not_translate": entry.do_not_translate,
        "note": entry.note,
    }


class GlossaryStore:
    """The glossary entries of the database."""

    def __init__(self, database: Database, convert: Converter | None = None) -> None:
        self.database = database
        self._convert = convert
        self._index: tuple[int, TermIndex] | None = None
        self._lock = threading.Lock()

    def list(
        self,
        source: str | None = None,
        target: str | None = None,
        text: str | None = None,
        offset: int = 0,
        limit: int = 100,
    ) -> tuple[list[GlossaryEntry], int]:
        """Entries by id matching the filters (``text`` in the term or translation), and a total."""
        rows = GlossaryEntryRow
        return filtered_page(
            self.database,
            rows,
            _entry,
            texts=(rows.term, rows.translation),
            order=rows.id,
            source=source,
            target=target,
            text=text,
            offset=offset,
            limit=limit,
        )

    def all(self) -> list[GlossaryEntry]:
        with self.database.session() as session:
            rows = session.scalars(select(GlossaryEntryRow).order_by(GlossaryEntryRow.id)).all()
            return [_entry(row) for row in rows]

    def get(self, entry_id: int) -> GlossaryEntry:
        with self.database.session() as session:
            row = session.get(GlossaryEntryRow, entry_id)
            if row is None:
                raise GlossaryEntryNotFound(entry_id)
            return _entry(row)

    def add(self, entries: Sequence[GlossaryEntry]) -> list[int]:
        """Store every entry (all or none); their new ids, in order."""
        with self.database.session() as session:
            rows = [GlossaryEntryRow(**_columns(entry)) for entry in entries]
            session.add_all(rows)
            session.flush()
            revisions.bump(session, revisions.GLOSSARY)
            return [row.id for row in rows]

    def replace(self, entry_id: int, entry: GlossaryEntry) -> GlossaryEntry:
        with self.database.session() as session:
            row = self._row(session, entry_id)
            for name, value in _columns(entry).items():
                setattr(row, name, value)
            row.updated_at = func.now()
            revisions.bump(session, revisions.GLOSSARY)
        return entry.with_id(entry_id)

    def delete(self, entry_id: int) -> None:
        with self.database.session() as session:
            session.delete(self._row(session, entry_id))
            revisions.bump(session, revisions.GLOSSARY)

    @staticmethod
    def _row(session: Session, entry_id: int) -> GlossaryEntryRow:
        row = session.get(GlossaryEntryRow, entry_id)
        if row is None:
            raise GlossaryEntryNotFound(entry_id)
        return row

    def index(self, revision: int) -> TermIndex:
        """The term index of glossary ``revision`` (built once per revision)."""
        current = self._index
        if current is not None and current[0] == revision:
            return current[1]
        with self._lock:
            current = self._index
            if current is None or current[0] != revision:
                current = (revision, TermIndex(self.all(), self._convert))
                self._index = current
            return current[1]
