"""Suggestions sent through LibreTranslate's ``/suggest``, waiting for a localizer's review.

A suggestion is ``pending`` until reviewed; accepting it (as sent, or edited) stores a memory
unit of origin ``suggestion`` in the same transaction, so from then on that exact sentence is
translated as accepted; rejecting it only records who and when.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select

from service.known.errors import InvalidSuggestion, SuggestionNotFound, SuggestionReviewed
from service.known.memory import MemoryStore, unit_problems
from service.known.text import text_key
from service.store import Database
from service.store.tables import Suggestion as SuggestionRow

STATES = ("pending", "accepted", "rejected")


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A suggested translation ``suggestion`` of ``source_text`` and its review state."""

    id: int
    source: str
    target: str
    source_text: str
    suggestion: str
    state: str
    submitted_by: str | None
    reviewed_by: str | None
    created_at: datetime | None
    reviewed_at: datetime | None

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "source": self.source,
            "target": self.target,
            "q": self.source_text,
            "s": self.suggestion,
            "state": self.state,
            "submitted_by": self.submitted_by,
            "reviewed_by": self.reviewed_by,
            "created_at": _iso(self.created_at),
            "reviewed_at": _iso(self.reviewed_at),
        }


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()


def _suggestion(row: SuggestionRow) -> Suggestion:
    return Suggestion(
        row.id,
        row.source,
        row.target,
        row.source_text,
        row.suggestion,
        row.state,
        row.submitted_by,
        row.reviewed_by,
        row.created_at,
        row.reviewed_at,
    )


class SuggestionStore:
    """The suggestions table and the review of its rows."""

    def __init__(self, database: Database, memory: MemoryStore) -> None:
        self.database = database
        self.memory = memory

    def submit(
        self, source_text: str, suggestion: str, source: str, target: str, by: str | None
    ) -> int:
        with self.database.session() as session:
            row = SuggestionRow(
                source_text=source_text,
                source_hash=text_key(source_text),
                suggestion=suggestion,
                source=source,
                target=target,
                state="pending",
                submitted_by=by,
            )
            session.add(row)
            session.flush()
            return row.id

    def list(
        self, state: str | None, target: str | None, offset: int, limit: int
    ) -> tuple[list[Suggestion], int]:
        """Suggestions oldest first (the review queue), filtered, with a total."""
        query = select(SuggestionRow)
        if state:
            query = query.where(SuggestionRow.state == state)
        if target:
            query = query.where(SuggestionRow.target == target)
        with self.database.session() as session:
            total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
            rows = session.scalars(
                query.order_by(SuggestionRow.id).offset(offset).limit(limit)
            ).all()
            return [_suggestion(row) for row in rows], total

    def get(self, suggestion_id: int) -> Suggestion:
        with self.database.session() as session:
            row = session.get(SuggestionRow, suggestion_id)
            if row is None:
                raise SuggestionNotFound(suggestion_id)
            return _suggestion(row)

    def review(
        self, suggestion_id: int, accept: bool, reviewer: str, text: str | None = None
    ) -> tuple[Suggestion, int | None]:
        """Accept (``text``: an edited translation) or reject a pending suggestion.

        Returns the reviewed suggestion and the id of the memory unit an acceptance made.
        """
        with self.database.session() as session:
            row = session.get(SuggestionRow, suggestion_id, with_for_update=True)
            if row is None:
                raise SuggestionNotFound(suggestion_id)
            if row.state != "pending":
                raise SuggestionReviewed(suggestion_id, row.state)
            row.state = "accepted" if accept else "rejected"
            row.reviewed_by = reviewer[:100]
            row.reviewed_at = datetime.now(UTC)
            if text is not None:
                row.suggestion = text
            unit_id = None
            if accept:
                unit, problems = unit_problems(
                    {
                        "source": row.source,
                        "target": row.target,
                        "source_text": row.source_text,
                        "target_text": row.suggestion,
                    },
                    "suggestion",
                    reviewer,
                )
                if unit is None:  # the same rules as any memory unit: its exports must work
                    raise InvalidSuggestion(suggestion_id, problems)
                (unit_id,) = self.memory.add([unit], session)
            session.flush()
            return _suggestion(row), unit_id
