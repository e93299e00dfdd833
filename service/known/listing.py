"""One page of a store's rows, filtered by language pair and by text, with the total count.

Both stores of known translations (glossary entries, memory units) are listed the same way:
``source``/``target`` match exactly, ``text`` matches case-insensitively anywhere in either
of two text columns (as a literal: ``%`` and ``_`` in it are not wildcards).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import func, or_, select
from sqlalchemy.orm import InstrumentedAttribute

from service.known.text import like_pattern
from service.store import Database

T = TypeVar("T")


def filtered_page(
    database: Database,
    table: type,
    convert: Callable[[Any], T],
    *,
    texts: tuple[InstrumentedAttribute, InstrumentedAttribute],
    order: Any,
    source: str | None,
    target: str | None,
    text: str | None,
    offset: int,
    limit: int,
) -> tuple[list[T], int]:
    """Rows of ``table`` (converted) matching the filters, in ``order``, and their total."""
    query = select(table)
    if source:
        query = query.where(table.source == source)
    if target:
        query = query.where(table.target == target)
    if text:
        pattern = like_pattern(text)
        query = query.where(or_(*(column.ilike(pattern, escape="\\") for column in texts)))
    with database.session() as session:
        total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        rows = session.scalars(query.order_by(order).offset(offset).limit(limit)).all()
        return [convert(row) for row in rows], total
