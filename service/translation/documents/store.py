"""Translated files in the database, each under a random name, deleted once they expire.

The database is what every node shares (web nodes and Celery workers have no common disk),
so a file translated by a worker on one machine downloads from a web node on another. A
stored name is ``<32 hex digits>.<original name>`` (the original name cleaned to letters,
digits, ``-``, ``_`` and ``.``, at most 100 characters), as LibreTranslate names them; the
download name is the part after the first dot. Only names of that shape are looked up, and
a name is a key, never a path, so no name can reach anything but a stored file. A file is
expired ``ttl_seconds`` after it was written: reading it then deletes it and finds nothing,
and every ``save`` deletes the expired files.
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import PurePosixPath

from sqlalchemy import delete

from service.store import Database
from service.store.tables import DocumentFileRow

_NAME = re.compile(r"\A[0-9a-f]{32}\.[\w.-]{1,100}\Z")
_UNSAFE = re.compile(r"[^\w.-]+")


@dataclass(frozen=True, slots=True)
class StoredFile:
    """A file found in the store: its bytes and the name to download it as."""

    data: bytes
    download_name: str


def valid_name(name: str) -> bool:
    """Whether ``name`` has the shape of a name the store gives."""
    return bool(_NAME.match(name))


def stored_name(filename: str) -> str:
    """A new random name ending in ``filename`` cleaned (no directories, no odd characters)."""
    cleaned = _UNSAFE.sub("_", PurePosixPath(filename.replace("\\", "/")).name).strip("._")
    return f"{secrets.token_hex(16)}.{(cleaned or 'document')[-100:]}"


class FileStore:
    """The translated files, in the ``document_files`` table."""

    def __init__(
        self, database: Database, ttl_seconds: int, clock: Callable[[], float] = time.time
    ) -> None:
        self.database = database
        self.ttl_seconds = ttl_seconds
        self._clock = clock

    def save(self, data: bytes, filename: str) -> str:
        """Store ``data``; returns the stored name (random, unguessable)."""
        self.sweep()
        name = stored_name(filename)
        with self.database.session() as session:  # one transaction: never half a file
            session.add(DocumentFileRow(name=name, data=data, created_at=self._now()))
        return name

    def load(self, name: str) -> StoredFile | None:
        """The stored file, or None if there is none (or it expired, and is now deleted)."""
        if not valid_name(name):
            return None
        with self.database.session() as session:
            row = session.get(DocumentFileRow, name)
            if row is None:
                return None
            if _aware(row.created_at) <= self._cutoff():
                session.delete(row)
                return None
            return StoredFile(row.data, name.split(".", 1)[1])

    def sweep(self) -> int:
        """Delete every expired file; returns how many were deleted."""
        with self.database.session() as session:
            cutoff = self._cutoff()
            expired = DocumentFileRow.created_at <= cutoff
            return session.execute(delete(DocumentFileRow).where(expired)).rowcount

    def _now(self) -> datetime:
        return datetime.fromtimestamp(self._clock(), UTC)

    def _cutoff(self) -> datetime:
        return datetime.fromtimestamp(self._clock() - self.ttl_seconds, UTC)


def _aware(value: datetime) -> datetime:
    """SQLite returns naive datetimes; every stored time is UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
