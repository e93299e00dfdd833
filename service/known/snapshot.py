"""What one pipeline run consults: the glossary and memory of one pair of revisions.

``KnownTranslations.snapshot()`` reads both revision counters (one query) and returns the
indexes built for them; ``KnownSnapshot.revision`` belongs in every cache key of output that
the lookups could have changed. The counters are read at most once every ``CHECK_SECONDS``
and again after every commit of this process that moved one (``revisions.local_commits``): an
edit through this process is used by the next request, an edit through another node within
``CHECK_SECONDS``, and a translate request runs no query for them. ``snapshot(fresh=True)``
reads them now: background work does, since a job queued because of an edit on another node
may start within that second and must translate with the edit.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

from service.known import revisions
from service.known.glossary_store import GlossaryStore
from service.known.memory import MemoryIndex, MemoryStore, MemoryUnit
from service.known.terms import TermIndex, TermMatch
from service.recheck import CHECK_SECONDS, Recheck
from service.store import Database


@dataclass(frozen=True, slots=True)
class KnownSnapshot:
    """The glossary and memory at ``revision`` = (glossary revision, memory revision)."""

    revision: tuple[int, int]
    glossary: TermIndex
    memory_index: MemoryIndex

    def terms(self, text: str, source: str, target: str) -> list[TermMatch]:
        return self.glossary.matches(text, source, target)

    def memory(self, text: str, source: str, target: str) -> str | None:
        return self.memory_index.exact(text, source, target)


class KnownTranslations:
    """Hands out the current snapshot; cheap when nothing changed since the last one."""

    def __init__(
        self,
        database: Database,
        glossary: GlossaryStore,
        memory: MemoryStore,
        catalog_revision: Callable[[], Hashable] | None = None,
        catalog_units: Callable[[], Iterable[MemoryUnit]] = tuple,
    ) -> None:
        """``catalog_*``: the catalogs' state and their entries as units (for suggestions)."""
        self.database = database
        self.glossary = glossary
        self.memory = memory
        self._catalog_revision = catalog_revision
        self._catalog_units = catalog_units
        self._suggestions: tuple[object, MemoryIndex] | None = None
        self._lock = threading.Lock()
        self._revisions = Recheck(
            lambda: revisions.read(database), CHECK_SECONDS, generation=revisions.local_commits
        )

    def snapshot(self, fresh: bool = False) -> KnownSnapshot:
        current = self._revisions.get(fresh)
        glossary, memory = current[revisions.GLOSSARY], current[revisions.MEMORY]
        return KnownSnapshot(
            (glossary, memory), self.glossary.index(glossary), self.memory.index(memory)
        )

    def suggestion_index(self) -> MemoryIndex:
        """The memory with the catalog entries as units: where fuzzy suggestions come from."""
        snapshot = self.snapshot()
        if self._catalog_revision is None:
            return snapshot.memory_index
        key = (snapshot.revision, self._catalog_revision())
        with self._lock:
            if self._suggestions is None or self._suggestions[0] != key:
                units = self._catalog_units()
                merged = [*units, *snapshot.memory_index.units]  # the memory's units win
                self._suggestions = (key, MemoryIndex(merged))
            return self._suggestions[1]
