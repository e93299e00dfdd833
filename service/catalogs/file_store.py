"""The file store: catalogs as ``<locale>/LC_MESSAGES/messages.po`` (+ ``.mo``) in a directory.

Reads stat the PO on every call (see ``cache``); writes take the directory's write lock
(``storage.write_lock``), re-read the file under it, then replace the PO and the MO with
the recorder's history record, all or nothing (see ``commit``). Opening the store repairs
what a killed writer left (``commit.repair``). The default on a single machine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog

from service.catalogs.cache import CatalogCache, Snapshot
from service.catalogs.codec import dump_mo
from service.catalogs.commit import Files, WriteRecorder, commit, repair, settle
from service.catalogs.edits import ApplyResult
from service.catalogs.errors import MissingTemplate, UnknownLocale
from service.catalogs.locales import available_locales, catalog_path, template_path
from service.catalogs.storage import read_versioned, write_lock


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

    def __init__(self, locales_dir: str | Path) -> None:
        self.locales_dir = Path(locales_dir)
        self._cache = CatalogCache()
        self._paths: dict[str, Path] = {}
        repair(self.locales_dir)

    def _path(self, name: str) -> Path:
        path = self._paths.get(name)
        if path is None:
            path = self._paths[name] = catalog_path(self.locales_dir, name)
        return path

    def locales(self) -> list[str]:
        return available_locales(self.locales_dir)

    def revision(self, name: str) -> str:
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
                data: bytes | None = read_versioned(self._path(name))[0]
            except FileNotFoundError:
                data = None
            files = Files(self._path(name), catalog_path(self.locales_dir, name, ".mo"))
            yield _FileWrite(files, self._cache, name, data)

    def settle(self, newest_revision: Callable[[str], str | None]) -> None:
        settle(self.locales_dir, newest_revision)
