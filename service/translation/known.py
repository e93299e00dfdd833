"""The one interface through which the pipeline consults known translations.

Planning asks, for each segment and sentence, three lookups in this order: the ``catalog``
(UI strings, whole lines or sentences), the translation ``memory`` (approved human
translations of a sentence, from the language planning translates it from) and the
glossary's ``terms`` (names and terms inside a sentence, which then travel as protected
spans whose output is the entry's translation). Whoever
builds a ``Known`` (the translator, from the catalog index and ``service.known``) also puts
its ``revision`` into every cache key of output the lookups answered. Nothing here does I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Protocol


class TermHit(Protocol):
    """A glossary term found at ``start:end`` of a sentence, shown as ``output``."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def output(self) -> str: ...

    @property
    def entry(self) -> int: ...

    @property
    def term(self) -> str: ...


CatalogLookup = Callable[[str, str], "str | None"]  # (text, target) -> translation
MemoryLookup = Callable[[str, str, str], "str | None"]  # (sentence, source, target)
TermLookup = Callable[[str, str, str], Sequence[TermHit]]  # (sentence, source, target)


def _nothing(_text: str, _target: str) -> None:
    return None


def _no_memory(_text: str, _source: str, _target: str) -> None:
    return None


def _no_terms(_text: str, _source: str, _target: str) -> Sequence[TermHit]:
    return ()


@dataclass(frozen=True, slots=True)
class Known:
    """The known-translation lookups of one pipeline run, and the state they answer from."""

    catalog: CatalogLookup = _nothing
    memory: MemoryLookup = _no_memory
    terms: TermLookup = _no_terms
    revision: Hashable = ()


class CatalogIndexLike(Protocol):
    """The catalog index (service.catalogs.CatalogIndex) as far as planning uses it."""

    def lookup(self, text: str, target: str) -> str | None: ...


class KnownSource(Protocol):
    """What the translator needs of ``service.known``: a snapshot per pipeline run."""

    def snapshot(self) -> KnownLookups: ...


class KnownLookups(Protocol):
    """Glossary and memory at one revision."""

    @property
    def revision(self) -> tuple[int, ...]: ...

    def memory(self, text: str, source: str, target: str) -> str | None: ...

    def terms(self, text: str, source: str, target: str) -> Sequence[TermHit]: ...


NO_KNOWN = Known()
