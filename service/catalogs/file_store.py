"""The file store: catalogs as ``<locale>/LC_MESSAGES/messages.po`` (+ ``.mo``) in a directory.

Freshness: a revision is read by a ``stat`` of the PO (see ``cache``). With
``recheck_seconds`` (what ``Runtime`` gives), a revision is trusted without a ``stat`` while
the directory's shared write counter (``storage.WriteCounter``: a memory read) has not moved
and for at most that long: every write through a store in any process is seen on the next
read, and a file edited by hand within ``recheck_seconds``. The list of locales (a directory
listing and a ``stat`` per locale) follows the same rule, so a translate request lists no
directory. With 0, every call stats and lists.

Writes take the directory's write lock (``storage.write_lock``), re-read the file under it,
then replace the PO and the MO with the recorder's history record, all or nothing (see
``commit``), and bump the counter. Opening the store repairs what a killed writer left
(``commit.repair``); ``settle`` undoes the edits a killed writer left without their history
row, at once and then, under the lock, before every write of a locale (``commit.settle_locale``:
another process may be killed at any time, and a write must not build on its edit). The
default on a single machine.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog

from service.catalogs.cache import CatalogCache, Snapshot
from service.catalogs.codec import dump_mo
from service.catalogs.commit import (
    Files,
    WriteRecorder,
    commit,
    repair,
    settle,
    settle_locale,
)
from service.catalogs.edits import ApplyResult
from service.catalogs.errors import MissingTemplate, UnknownLocale
from service.catalogs.locales import available_locales, catalog_path, template_path
from service.catalogs.storage import WriteCounter, read_versioned, write_lock


@dataclass
class _FileWrite:
    """A write under the directory's lock; ``save`` commits at once (see ``commit``)."""

    files: Files
    cache: CatalogCache
    name: str
    data: bytes | None

    def save(
        self, data: bytes, catalog: Catalog, result: ApplyResult, recorder: WriteRecorder | None
    ) -> None:
        recording = recorder.recording(result) if recorder is not None else None
        commit(self.files, self.data, data, dump_mo(catalog), recording)
        self.cache.remember(self.name, Snapshot(result.revision, catalog))


class FileCatalogStore:
    """Catalogs under ``locales_dir``; one per process and directory, shared by threads."""

    def __init__(self, locales_dir: str | Path, recheck_seconds: float = 0.0) -> None:
        self.locales_dir = Path(locales_dir)
        self.recheck_seconds = recheck_seconds
        self._cache = CatalogCache()
        self._paths: dict[str, Path] = {}
        self._writes = WriteCounter.open(self.locales_dir) if recheck_seconds > 0 else None
        self._held: dict[str, tuple[str, int, float]] = {}  # revision, count, checked at
        self._listed: tuple[tuple[str, ...], int, float] | None = None  # the same, of locales()
        self._newest_revision: Callable[[str], str | None] | None = None  # given by settle()
        repair(self.locales_dir)

    def _path(self, name: str) -> Path:
        path = self._paths.get(name)
        if path is None:
            path = self._paths[name] = catalog_path(self.locales_dir, name)
        return path

    def locales(self) -> list[str]:
        if self._writes is None:
            return available_locales(self.locales_dir)
        count, now = self._writes.value(), time.monotonic()  # the count before the listing
        held = self._listed
        if held is not None and held[1] == count and now - held[2] < self.recheck_seconds:
            return list(held[0])
        found = available_locales(self.locales_dir)
        self._listed = (tuple(found), count, now)
        return found

    def revision(self, name: str) -> str:
        if self._writes is None:
            return self._stat_revision(name)
        count, now = self._writes.value(), time.monotonic()  # the count before the stat
        held = self._held.get(name)
        if held is not None and held[1] == count and now - held[2] < self.recheck_seconds:
            return held[0]
        revision = self._stat_revision(name)
        self._held[name] = (revision, count, now)
        return revision

    def _stat_revision(self, name: str) -> str:
        try:
            return self._cache.revision(self._path(name))
        except FileNotFoundError as exc:
            raise UnknownLocale(name) from exc

    def snapshot(self, name: str) -> Snapshot:
        try:
            return self._cache.snapshot(self._path(name), name)
        except FileNotFoundError as exc:
            raise UnknownLocale(name) from exc

    def recall(self, name: str, revision: str) -> Snapshot | None:
        return self._cache.recall(name, revision)

    def read(self, name: str) -> bytes:
        try:
            return read_versioned(self._path(name))[0]
        except FileNotFoundError as exc:
            raise UnknownLocale(name) from exc

    def template(self) -> bytes:
        path = template_path(self.locales_dir)
        try:
            return read_versioned(path)[0]
        except FileNotFoundError as exc:
            raise MissingTemplate(str(path)) from exc

    def take_template(self) -> None:
        """Nothing to do: the directory's template is this store's."""

    @contextmanager
    def writing(self, name: str) -> Iterator[_FileWrite]:
        with write_lock(self.locales_dir):
            try:
                if self._newest_revision is not None:
                    settle_locale(self._path(name), self._newest_revision)
                try:
                    data: bytes | None = read_versioned(self._path(name))[0]
                except FileNotFoundError:
                    data = None
                files = Files(self._path(name), catalog_path(self.locales_dir, name, ".mo"))
                yield _FileWrite(files, self._cache, name, data)
            finally:
                self._count_write()

    def _count_write(self) -> None:
        """Whatever happened under the lock, readers in every process look again."""
        counter = self._writes or WriteCounter.open(self.locales_dir)
        if counter is not None:
            counter.bump()

    def settle(self, newest_revision: Callable[[str], str | None]) -> None:
        self._newest_revision = newest_revision
        if settle(self.locales_dir, newest_revision):  # no lock, no file, when nothing to undo
            with write_lock(self.locales_dir):
                self._count_write()
