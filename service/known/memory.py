"""Translation memory: approved human translations of sentences, reused before the model.

A unit records a source sentence, its approved translation, both languages, where it came
from (``origin``: ``suggestion``, ``review``, ``catalog``, ``import``), who approved it and when.
Exact lookup compares sentences after width (NFKC) and whitespace normalisation; the newest
unit for a sentence and target wins. A zh-Hans unit serves a zh-Hant target through the
injected OpenCC function when no zh-Hant unit exists. Every write bumps the memory revision.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.known import revisions
from service.known.terms import Converter
from service.known.text import normalized, text_key
from service.store import Database
from service.store.tables import MemoryUnitRow

ORIGINS = ("suggestion", "review", "catalog", "import")


@dataclass(frozen=True, slots=True)
class MemoryUnit:
    """One approved translation of ``source_text`` (in ``source``) into ``target``."""

    source: str
    target: str
    source_text: str
    target_text: str
    origin: str
    author: str
    created_at: datetime | None = None
    id: int | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "source": self.source,
            "target": self.target,
            "source_text": self.source_text,
            "target_text": self.target_text,
            "origin": self.origin,
            "author": self.author,
            "created_at": self.created_at.isoformat() if self.created_at else None,
        }


def _unit(row: MemoryUnitRow) -> MemoryUnit:
    created = row.created_at
    if created is not None and created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    return MemoryUnit(
        row.source,
        row.target,
        row.source_text,
        row.target_text,
        row.origin,
        row.author,
        created,
        row.id,
    )


class MemoryIndex:
    """Immutable exact-match table of one memory revision."""

    def __init__(self, units: Sequence[MemoryUnit], convert: Converter | None = None) -> None:
        self.units = tuple(units)
        self._convert = convert
        self._exact: dict[tuple[str, str], str] = {}
        for unit in self.units:  # oldest first: newer units overwrite older ones
            self._exact[(unit.target, normalized(unit.source_text))] = unit.target_text

    def __len__(self) -> int:
        return len(self.units)

    def exact(self, text: str, target: str) -> str | None:
        """The approved translation of ``text`` into ``target``, if the memory has one."""
        if not self._exact:
            return None
        key = normalized(text)
        found = self._exact.get((target, key))
        if found is None and target == "zh-Hant" and self._convert is not None:
            simplified = self._exact.get(("zh-Hans", key))
            if simplified is not None:
                found = self._convert(simplified, "zh-Hans", "zh-Hant")
        return found


class MemoryStore:
    """The memory units of the database."""

    def __init__(self, database: Database, convert: Converter | None = None) -> None:
        self.database = database
        self._convert = convert
        self._index: tuple[int, MemoryIndex] | None = None
        self._lock = threading.Lock()

    def add(self, units: Sequence[MemoryUnit], session: Session | None = None) -> list[int]:
        """Store ``units`` (in the caller's transaction when ``session`` is given); their ids."""
        if session is None:
            with self.database.session() as own:
                return self.add(units, own)
        rows = [
            MemoryUnitRow(
                source=unit.source,
                target=unit.target,
                source_text=unit.source_text,
                source_key=text_key(unit.source_text),
                target_text=unit.target_text,
                origin=unit.origin,
                author=unit.author[:100],
                **({"created_at": unit.created_at} if unit.created_at else {}),
            )
            for unit in units
        ]
        session.add_all(rows)
        session.flush()
        revisions.bump(session, revisions.MEMORY)
        return [row.id for row in rows]

    def all(self) -> list[MemoryUnit]:
        with self.database.session() as session:
            rows = session.scalars(select(MemoryUnitRow).order_by(MemoryUnitRow.id)).all()
            return [_unit(row) for row in rows]

    def index(self, revision: int) -> MemoryIndex:
        """The memory index of ``revision`` (built once per revision)."""
        current = self._index
        if current is not None and current[0] == revision:
            return current[1]
        with self._lock:
            current = self._index
            if current is None or current[0] != revision:
                current = (revision, MemoryIndex(self.all(), self._convert))
                self._index = current
            return current[1]
