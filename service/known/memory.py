"""Translation memory: approved human translations of sentences, reused before the model.

A unit records a source sentence, its approved translation, both languages, where it came
from (``origin``: ``suggestion``, ``review``, ``catalog``, ``import``), who approved it and when.
Exact lookup compares sentences after width (NFKC) and whitespace normalisation, for the
same source and target language: the newest unit for a sentence and language pair wins (the
same letters in another source language are another sentence; only the two Chinese scripts
share units, since the same characters read the same in both). A zh-Hans unit serves a
zh-Hant target through the injected OpenCC function when no zh-Hant unit exists. Every write
bumps the memory revision.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.known import revisions
from service.known.errors import MemoryUnitNotFound
from service.known.listing import filtered_page
from service.known.terms import Converter
from service.known.text import normalized, text_key
from service.languages import CHINESE_TAGS, UnknownLanguage, canonical
from service.store import Database
from service.store.tables import MemoryUnitRow
from service.text_rules import xml_unsafe

ORIGINS = ("suggestion", "review", "catalog", "import", "api")


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
    """Immutable exact-match table of one memory revision, keyed by language pair."""

    def __init__(self, units: Sequence[MemoryUnit], convert: Converter | None = None) -> None:
        self.units = tuple(units)
        self._convert = convert
        self._exact: dict[tuple[str, str, str], str] = {}
        self._by_target: dict[str, dict[str, MemoryUnit]] = {}
        self._by_pair: dict[tuple[str, str], dict[str, MemoryUnit]] = {}
        for unit in self.units:  # oldest first: newer units overwrite older ones
            key = normalized(unit.source_text)
            self._exact[(unit.source, unit.target, key)] = unit.target_text
            self._by_target.setdefault(unit.target, {})[key] = unit
            self._by_pair.setdefault((unit.source, unit.target), {})[key] = unit

    def __len__(self) -> int:
        return len(self.units)

    def for_target(self, target: str, source: str | None = None) -> dict[str, MemoryUnit]:
        """The newest unit of each normalised source sentence translated into ``target``
        (from ``source`` and its script twin when given, else from any language)."""
        if source is None:
            return self._by_target.get(target, {})
        found: dict[str, MemoryUnit] = {}
        for lang in reversed(_sources(source)):  # the language asked for wins
            found |= self._by_pair.get((lang, target), {})
        return found

    def exact(self, text: str, source: str, target: str) -> str | None:
        """The approved translation of ``text`` (in ``source``) into ``target``, if any."""
        if not self._exact:
            return None
        key = normalized(text)
        for lang in _sources(source):
            found = self._exact.get((lang, target, key))
            if found is None and target == "zh-Hant" and self._convert is not None:
                simplified = self._exact.get((lang, "zh-Hans", key))
                if simplified is not None:
                    found = self._convert(simplified, "zh-Hans", "zh-Hant")
            if found is not None:
                return found
        return None


def _sources(source: str) -> tuple[str, ...]:
    """The source languages whose units answer a sentence in ``source``, best first."""
    if source in CHINESE_TAGS:  # identical characters are one sentence in either script
        return (source, *(tag for tag in CHINESE_TAGS if tag != source))
    return (source,)


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

    def list(
        self,
        source: str | None = None,
        target: str | None = None,
        text: str | None = None,
        offset: int = 0,
        limit: int = 100,
    ) -> tuple[list[MemoryUnit], int]:
        """Units, newest first, matching the filters (``text`` in either side), and a total."""
        rows = MemoryUnitRow
        return filtered_page(
            self.database,
            rows,
            _unit,
            texts=(rows.source_text, rows.target_text),
            order=rows.id.desc(),
            source=source,
            target=target,
            text=text,
            offset=offset,
            limit=limit,
        )

    def delete(self, unit_id: int) -> None:
        with self.database.session() as session:
            row = session.get(MemoryUnitRow, unit_id)
            if row is None:
                raise MemoryUnitNotFound(unit_id)
            session.delete(row)
            revisions.bump(session, revisions.MEMORY)

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


MAX_SENTENCE = 5_000


def unit_problems(body: object, origin: str, author: str) -> tuple[MemoryUnit | None, list[str]]:
    """The unit a JSON object describes (``source``, ``target``, ``source_text``,
    ``target_text``), or None and what is wrong with it."""
    if not isinstance(body, dict):
        return None, ["a unit must be a JSON object"]
    fields = ("source", "target", "source_text", "target_text")
    problems = [f"unknown field '{str(name)[:40]}'" for name in body if name not in fields]
    languages: dict[str, str] = {}
    for name in ("source", "target"):
        value = body.get(name)
        try:
            languages[name] = canonical(value) if isinstance(value, str) else ""
        except UnknownLanguage:
            languages[name] = ""
        if not languages[name]:
            problems.append(f"'{name}' must be a known language tag")
    if languages["source"] and languages["source"] == languages["target"]:
        problems.append("'target' must be another language than 'source'")
    texts: dict[str, str] = {}
    for name in ("source_text", "target_text"):
        value = body.get(name)
        if not isinstance(value, str) or not value.strip() or len(value) > MAX_SENTENCE:
            problems.append(f"'{name}' must be a non-empty string of at most {MAX_SENTENCE}")
        elif xml_unsafe(value):
            problems.append(f"'{name}' holds a control character that no export can carry")
        else:
            texts[name] = value
    if problems:
        return None, problems
    return (
        MemoryUnit(
            languages["source"],
            languages["target"],
            texts["source_text"],
            texts["target_text"],
            origin,
            author,
        ),
        [],
    )
