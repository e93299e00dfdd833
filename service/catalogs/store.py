"""Where catalogs are kept: the one interface of the file store and the database store.

``CatalogRepository`` holds the catalog logic (parsing, validation, splicing, conflicts);
a ``CatalogStore`` only keeps PO documents and answers "which revision is current".
Catalogs are stored as their PO text in both stores, so a write changes the entries it
edits and nothing else (see ``splice``), and revisions are the same content hashes
(``storage.content_revision``) whichever store holds them.

Contract of a store:

- reads (``locales``, ``revision``, ``snapshot``) are cheap and served from a per-process
  cache, which notices writes by other processes (the file store by a stat per call, the
  database store by one small query at most every ``recheck_seconds``);
- ``writing(name)`` is exclusive per catalog across threads, processes and nodes; it yields
  the catalog's current bytes, read under that exclusion, and a ``save`` that replaces them
  together with the recorder's history rows, all or nothing, when the context is left;
- ``settle`` finishes what a killed writer left half-way (a no-op for the database store,
  whose writes are single transactions).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

from babel.messages.catalog import Catalog

from service.catalogs.cache import Snapshot
from service.catalogs.commit import WriteRecorder
from service.catalogs.edits import ApplyResult


class StoreWrite(Protocol):
    """One write in progress: the catalog's bytes when it began and the way to replace them."""

    data: bytes | None
    """The PO bytes read under the write's exclusion (None: the locale has no catalog)."""

    def save(
        self, data: bytes, catalog: Catalog, result: ApplyResult, recorder: WriteRecorder | None
    ) -> None:
        """Replace the PO with ``data`` (``catalog`` is it parsed; ``result`` its revision and
        changes) and have ``recorder`` record ``result`` in the same step."""
        ...


class CatalogStore(Protocol):
    """PO documents by locale directory name (``zh_Hans``), plus the ``messages.pot`` template."""

    locales_dir: Path
    """The gettext directory: the store itself (files) or its seed and export target."""

    def locales(self) -> list[str]:
        """BCP-47 tags of the locales with a catalog, sorted."""
        ...

    def revision(self, name: str) -> str:
        """The current revision of the locale's catalog; raises UnknownLocale."""
        ...

    def snapshot(self, name: str) -> Snapshot:
        """The current revision and parsed catalog (shared, cached); raises UnknownLocale."""
        ...

    def recall(self, name: str, revision: str) -> Snapshot | None:
        """The catalog at an older ``revision``, if this process still has it parsed."""
        ...

    def read(self, name: str) -> bytes:
        """The current PO bytes; raises UnknownLocale."""
        ...

    def template(self) -> bytes:
        """The ``messages.pot`` bytes; raises MissingTemplate."""
        ...

    def take_template(self) -> None:
        """Adopt the locales directory's ``messages.pot`` (after ``pybabel extract``)."""
        ...

    def writing(self, name: str) -> AbstractContextManager[StoreWrite]:
        """An exclusive write of the locale's catalog (see the module's contract)."""
        ...

    def settle(self, newest_revision: Callable[[str], str | None]) -> None:
        """Finish or undo writes a killed writer left between the catalog and its history."""
        ...
