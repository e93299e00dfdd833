"""Revision counters of the known-translation stores, shared by every node through the database.

A write bumps its store's counter inside the write's own transaction, so a reader that sees
the new counter also sees the new rows. Reading both counters is one small query per pipeline
run; the indexes built from the rows are kept until the counter moves. ``local_commits()``
moves after every commit of this process that bumped a counter, so a cache of the counters
(see ``service.articles.freshness``) knows this process's own writes at once.
"""

from __future__ import annotations

from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from service.store import Database
from service.store.tables import KnownRevision

GLOSSARY = "glossary"
MEMORY = "memory"
_commits = [0]


def local_commits() -> int:
    """How many commits of this process have moved a counter (any change means a new one)."""
    return _commits[0]


def _committed(_session: Session) -> None:
    _commits[0] += 1


def bump(session: Session, name: str) -> None:
    """Move ``name``'s counter on, within the caller's transaction."""
    changed = session.execute(
        update(KnownRevision)
        .where(KnownRevision.name == name)
        .values(revision=KnownRevision.revision + 1)
    )
    if not changed.rowcount:  # type: ignore[attr-defined]
        session.add(KnownRevision(name=name, revision=1))
    event.listen(session, "after_commit", _committed, once=True)


def read(database: Database) -> dict[str, int]:
    """Every store's counter (0 for a store never written)."""
    with database.session() as session:
        rows = session.execute(select(KnownRevision.name, KnownRevision.revision)).all()
    found = {GLOSSARY: 0, MEMORY: 0}
    found.update({name: revision for name, revision in rows})
    return found
