"""Per-process cache of parsed catalogs, keyed by (locale, content revision).

Every call stats the file; while the stat is unchanged and old enough to be trusted the
cached revision is reused without reading. Otherwise the file is read and hashed, and is
parsed only if that revision is not cached yet. A stat is trusted once its mtime lies
``RACY_WINDOW_NS`` in the past (git's "racy clean" rule): a later write, even one that
reuses the inode number and size, then necessarily gets a newer mtime. Until then the file
is re-hashed on each call, so writes within one timestamp tick are never missed. Threads
that miss the cache at once parse one at a time, so a new revision is parsed only once.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog

from service.catalogs.codec import parse_po
from service.catalogs.storage import StatKey, content_revision, read_versioned, stat_key

RACY_WINDOW_NS = 2_000_000_000
KEEP_PER_LOCALE = 4


@dataclass(frozen=True)
class Snapshot:
    """One parsed version of a catalog. ``catalog`` is shared: treat it as read-only."""

    revision: str
    catalog: Catalog


class CatalogCache:
    """Thread-safe cache of the last few parsed versions of each locale's catalog."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._parse_lock = threading.Lock()
        self._stats: dict[Path, tuple[StatKey, str]] = {}
        self._snapshots: dict[str, OrderedDict[str, Snapshot]] = {}

    def _current(self, path: Path) -> tuple[str, bytes | None]:
        """(revision, the bytes if they had to be read to compute it)."""
        key = stat_key(path.stat())
        with self._lock:
            known = self._stats.get(path)
        if known is not None and known[0] == key:
            return known[1], None
        data, st = read_versioned(path)
        return self._note_stat(path, st, content_revision(data)), data

    def revision(self, path: Path) -> str:
        """Current revision of the file at ``path`` (FileNotFoundError if missing)."""
        return self._current(path)[0]

    def snapshot(self, path: Path, locale: str) -> Snapshot:
        """The current version of ``path`` parsed (cached); ``locale`` is a directory name."""
        revision, data = self._current(path)
        found = self.recall(locale, revision)
        if found is not None:
            return found
        with self._parse_lock:
            if data is None:
                data, st = read_versioned(path)
                revision = self._note_stat(path, st, content_revision(data))
            found = self.recall(locale, revision)
            return found or self.remember(locale, Snapshot(revision, parse_po(data, locale)))

    def recall(self, locale: str, revision: str) -> Snapshot | None:
        """The cached snapshot of ``locale`` at ``revision``, if this process still has it."""
        with self._lock:
            versions = self._snapshots.get(locale)
            if versions is None or revision not in versions:
                return None
            versions.move_to_end(revision)
            return versions[revision]

    def remember(self, locale: str, snapshot: Snapshot) -> Snapshot:
        """Cache ``snapshot`` (e.g. right after writing it) and return it."""
        with self._lock:
            versions = self._snapshots.setdefault(locale, OrderedDict())
            versions[snapshot.revision] = snapshot
            versions.move_to_end(snapshot.revision)
            while len(versions) > KEEP_PER_LOCALE:
                versions.popitem(last=False)
        return snapshot

    def _note_stat(self, path: Path, st: os.stat_result, revision: str) -> str:
        if st.st_mtime_ns < time.time_ns() - RACY_WINDOW_NS:
            with self._lock:
                self._stats[path] = (stat_key(st), revision)
        return revision
