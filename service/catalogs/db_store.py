"""The database store: catalogs as PO text in ``catalog_documents``, shared by every node.

Seeding: opening the store inserts every catalog of ``locales_dir`` (and ``messages.pot``)
the database does not have yet; nodes starting together insert each once (duplicates are
ignored), and an existing row is never overwritten by a file.

Freshness: a process keeps the revision of every locale (one tiny query,
``SELECT locale, revision``) and asks again at most every ``recheck_seconds``, so an edit
made through another node is served here at most that long after; its own writes it knows
at once. A revision not parsed yet is read (one row) and parsed once. Reads never wait for
the recheck: while one thread asks, the others use the revisions they have.

Writes: one at a time per process, and one transaction per write, which first locks the
catalog's row (a no-op update: a row lock on PostgreSQL, the write lock on SQLite), reads
the PO under that lock, and then replaces it only where the row still holds the revision
read (compare-and-swap), together with the history rows of the write. Either all of it
commits or none.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from service.catalogs.cache import CatalogCache, Snapshot
from service.catalogs.codec import parse_po
from service.catalogs.commit import WriteRecorder
from service.catalogs.edits import ApplyResult
from service.catalogs.errors import LocaleExists, MissingTemplate, StaleRevision, UnknownLocale
from service.catalogs.locales import (
    DOMAIN,
    available_locales,
    catalog_path,
    locale_dir_name,
    locale_tag,
    template_path,
)
from service.catalogs.storage import content_revision
from service.store import Database
from service.store.tables import CatalogDocument, CatalogTemplate


@dataclass
class _DatabaseWrite:
    """A write inside the store's transaction; ``save`` stages it, the commit makes it real."""

    session: Any
    name: str
    data: bytes | None
    saved: Snapshot | None = None

    def save(
        self, data: bytes, catalog: Catalog, result: ApplyResult, recorder: WriteRecorder | None
    ) -> None:
        now = datetime.now(UTC)
        if self.data is None:
            self.session.add(
                CatalogDocument(locale=self.name, po=data, revision=result.revision, updated_at=now)
            )
            try:
                self.session.flush()
            except IntegrityError as exc:  # another node created it after we looked
                raise LocaleExists(locale_tag(self.name)) from exc
        else:
            swapped = self.session.execute(
                update(CatalogDocument)
                .where(
                    CatalogDocument.locale == self.name,
                    CatalogDocument.revision == content_revision(self.data),
                )
                .values(po=data, revision=result.revision, updated_at=now)
            )
            if swapped.rowcount != 1:  # only if the row lock was not held: never lose a write
                query = select(CatalogDocument.revision).where(CatalogDocument.locale == self.name)
                changed = [(change.msgid, change.msgctxt) for change in result.changes]
                raise StaleRevision(self.session.scalar(query) or "", changed, {})
        if recorder is not None:
            recorder.record(self.session, result)
        self.saved = Snapshot(result.revision, catalog)


class DatabaseCatalogStore:
    """Catalogs in ``database``, seeded from (and exported to) ``locales_dir``."""

    def __init__(
        self,
        database: Database,
        locales_dir: str | Path,
        recheck_seconds: float,
    ) -> None:
        self.database = database
        self.locales_dir = Path(locales_dir)
        self.recheck_seconds = recheck_seconds
        self._cache = CatalogCache()
        self._parse_lock = threading.Lock()
        self._check_lock = threading.Lock()
        self._note_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._revisions: dict[str, str] = {}
        self._checked_at: float | None = None
        self._generation = 0  # bumped by every local write: a recheck begun before it is stale
        self.seed()

    def seed(self) -> None:
        """Insert the directory's catalogs (and template) the database does not hold yet."""
        now = datetime.now(UTC)
        with self.database.session() as session:
            present = set(session.scalars(select(CatalogDocument.locale)))
            has_template = session.get(CatalogTemplate, DOMAIN) is not None
        rows = []
        for tag in available_locales(self.locales_dir):
            name = locale_dir_name(tag)
            if name not in present:
                po = catalog_path(self.locales_dir, name).read_bytes()
                rows.append(
                    {"locale": name, "po": po, "revision": content_revision(po), "updated_at": now}
                )
        self.database.insert_ignoring_duplicates(CatalogDocument.__table__, rows)
        if not has_template and template_path(self.locales_dir).is_file():
            self._put_template(template_path(self.locales_dir).read_bytes(), insert_only=True)

    def _put_template(self, pot: bytes, *, insert_only: bool = False) -> None:
        row = {"domain": DOMAIN, "pot": pot, "revision": content_revision(pot)}
        row["updated_at"] = datetime.now(UTC)
        if insert_only:
            self.database.insert_ignoring_duplicates(CatalogTemplate.__table__, [row])
            return
        with self.database.session() as session:
            session.merge(CatalogTemplate(**row))

    def _known(self) -> dict[str, str]:
        """Every locale's revision, asked from the database at most every recheck_seconds."""
        checked = self._checked_at
        if checked is not None and time.monotonic() - checked < self.recheck_seconds:
            return self._revisions
        if not self._check_lock.acquire(blocking=checked is None):
            return self._revisions  # another thread is asking right now
        try:
            generation = self._generation
            started = time.monotonic()
            query = select(CatalogDocument.locale, CatalogDocument.revision)
            with self.database.session() as session:
                found = {locale: revision for locale, revision in session.execute(query)}
            with self._note_lock:  # a local write noted meanwhile is newer than ``found``
                if generation == self._generation:
                    self._revisions, self._checked_at = found, started
            return self._revisions if self._checked_at is not None else found
        finally:
            self._check_lock.release()

    def _note(self, name: str, revision: str) -> None:
        with self._note_lock:
            self._generation += 1
            self._revisions = {**self._revisions, name: revision}

    def locales(self) -> list[str]:
        return sorted(locale_tag(name) for name in self._known())

    def revision(self, name: str) -> str:
        revision = self._known().get(name)
        if revision is None:
            raise UnknownLocale(name)
        return revision

    def snapshot(self, name: str) -> Snapshot:
        found = self._cache.recall(name, self.revision(name))
        if found is not None:
            return found
        with self._parse_lock:
            found = self._cache.recall(name, self.revision(name))
            if found is not None:
                return found
            data = self.read(name)
            revision = content_revision(data)
            if revision != self.revision(name):  # written since the last recheck: newer
                self._note(name, revision)
            return self._cache.recall(name, revision) or self._cache.remember(
                name, Snapshot(revision, parse_po(data, name))
            )

    def recall(self, name: str, revision: str) -> Snapshot | None:
        return self._cache.recall(name, revision)

    def read(self, name: str) -> bytes:
        with self.database.session() as session:
            po = session.scalar(select(CatalogDocument.po).where(CatalogDocument.locale == name))
        if po is None:
            raise UnknownLocale(name)
        return bytes(po)

    def template(self) -> bytes:
        with self.database.session() as session:
            pot = session.scalar(
                select(CatalogTemplate.pot).where(CatalogTemplate.domain == DOMAIN)
            )
        if pot is None:
            raise MissingTemplate(
                f"no template in the database and no {template_path(self.locales_dir)}"
            )
        return bytes(pot)

    def take_template(self) -> None:
        """Store the directory's ``messages.pot`` as the template (``pybabel extract`` wrote it)."""
        path = template_path(self.locales_dir)
        if not path.is_file():
            raise MissingTemplate(str(path))
        self._put_template(path.read_bytes())

    @contextmanager
    def writing(self, name: str) -> Iterator[_DatabaseWrite]:
        # This process's writers queue here, not on database connections: a writer holding
        # the row lock may need a second connection (the history's look at old revisions).
        with self._write_lock, self.database.session() as session:
            lock = update(CatalogDocument).where(CatalogDocument.locale == name)
            session.execute(lock.values(revision=CatalogDocument.revision))
            query = select(CatalogDocument.po).where(CatalogDocument.locale == name)
            po = session.scalar(query)
            write = _DatabaseWrite(session, name, None if po is None else bytes(po))
            yield write
        if write.saved is not None:
            self._cache.remember(name, write.saved)
            self._note(name, write.saved.revision)

    def settle(self, newest_revision: Callable[[str], str | None]) -> None:
        """Nothing to settle: a write and its history rows are one transaction."""
