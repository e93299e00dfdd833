"""What a stored article translation was made with, and whether that is still current.

A stored translation records (under ``depends``):

- ``models``: for every language found in the article (but the target's), the identities of
  the models on its route to the target, or None when no model translated it, so installing,
  upgrading or removing a model on that route (and only on that route) makes it stale;
- ``catalog``: the revision of the target locale's catalog (its entries answer UI strings
  quoted in articles before any model);
- ``glossary``: the glossary's revision (any entry may match any text);
- ``memory``: the memory's revision when the memory answered a sentence, else None (an
  article that used no memory unit does not go stale with every review of other articles;
  a review of this article marks its translation stale itself, see ``ArticleService``).

``Stamp`` is the current state of all of these, read once per read from the same cheap
sources as the article's validator (``service.articles.freshness``). The counters are
compared as counters (a stored one that is *behind* is stale): a translation made in
another process may record a counter this process has not read yet, and must not then be
made again and again until it has.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Resolve = Callable[[str, str], Sequence[str] | None]
MAX_ROUTES = 4_096


@dataclass(frozen=True, slots=True)
class Stamp:
    """The current state of what stored translations into ``locale`` depend on."""

    locale: str
    catalog: str
    glossary: int
    memory: int
    models: tuple[str, ...]  # every installed model's identity: keys the route memo


class Routes:
    """The model identities on each (source, target) route, memoised per set of models.

    ``resolve(source, target)`` gives the identities, or None when no model gets there.
    """

    def __init__(self, resolve: Resolve) -> None:
        self._resolve = resolve
        self._lock = threading.Lock()
        self._held: dict[tuple[tuple[str, ...], str, str], tuple[str, ...] | None] = {}

    def identities(self, models: tuple[str, ...], source: str, target: str) -> list[str] | None:
        key = (models, source, target)
        if key not in self._held:
            found = self._resolve(source, target)
            with self._lock:
                if len(self._held) >= MAX_ROUTES:
                    self._held.clear()
                self._held[key] = None if found is None else tuple(found)
        held = self._held.get(key)
        return None if held is None else list(held)


def record(
    stamp: Stamp,
    routes: Routes,
    target: str,
    languages: Iterable[str],
    used_memory: bool,
) -> dict[str, Any]:
    """The ``depends`` of a translation into ``target`` (a language tag) made at ``stamp``
    from text in ``languages``."""
    sources = sorted({lang for lang in languages if lang not in (target, "und")})
    return {
        "models": {lang: routes.identities(stamp.models, lang, target) for lang in sources},
        "catalog": stamp.catalog,
        "glossary": stamp.glossary,
        "memory": stamp.memory if used_memory else None,
    }


def is_stale(depends: Mapping[str, Any] | None, stamp: Stamp, routes: Routes, target: str) -> bool:
    """Whether a translation recorded with ``depends`` is out of date at ``stamp``."""
    if not isinstance(depends, Mapping):
        return True  # made before translations recorded what they depend on
    if depends.get("catalog") != stamp.catalog or depends.get("glossary", -1) < stamp.glossary:
        return True
    memory = depends.get("memory")
    if memory is not None and memory < stamp.memory:
        return True
    models = depends.get("models") or {}
    return any(
        routes.identities(stamp.models, lang, target) != used for lang, used in models.items()
    )
