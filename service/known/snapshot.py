"""What one pipeline run consults: the glossary and memory of one pair of revisions.

``KnownTranslations.snapshot()`` reads both revision counters (one query) and returns the
indexes built for them; ``KnownSnapshot.revision`` belongs in every cache key of output that
the lookups could have changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from service.known import revisions
from service.known.glossary_store import GlossaryStore
from service.known.memory import MemoryIndex, MemoryStore
from service.known.terms import TermIndex, TermMatch
from service.store import Database


@dataclass(frozen=True, slots=True)
class KnownSnapshot:
    """The glossary and memory at ``revision`` = (glossary revision, memory revision)."""

    revision: tuple[int, int]
    glossary: TermIndex
    memory_index: MemoryIndex

    def terms(self, text: str, source: str, target: str) -> list[TermMatch]:
        return self.glossary.matches(text, source, target)

    def memory(self, text: str, target: str) -> str | None:
        return self.memory_index.exact(text, target)


class KnownTranslations:
    """Hands out the current snapshot; cheap when nothing changed since the last one."""

    def __init__(self, database: Database, glossary: GlossaryStore, memory: MemoryStore) -> None:
        self.database = database
        self.glossary = glossary
        self.memory = memory

    def snapshot(self) -> KnownSnapshot:
        current = revisions.read(self.database)
        glossary, memory = current[revisions.GLOSSARY], current[revisions.MEMORY]
        return KnownSnapshot(
            (glossary, memory), self.glossary.index(glossary), self.memory.index(memory)
        )
