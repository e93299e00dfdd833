"""Whether a route's models give protected-span markers back, learned from what they did.

A unit with protected spans (glossary terms, URLs, numbers) first goes to the model with the
spans as numeric markers; when a marker does not come back exactly once, the unit is
translated again piece by piece (``execute``). A model that drops markers almost always
makes that first decode wasted work, so ``MarkerOdds`` counts, per route (its models), how
many marked units kept their markers: a route is ``KEEPS`` or ``DROPS`` once ``PROBES``
units have been tried, ``UNKNOWN`` before. Execution tries only a few units on an unknown
route before committing the rest of a request either way, and sends units on a route that
drops markers straight to the piece-by-piece translation, but for one unit in
``REPROBE_EVERY`` (which is tried, so a route whose first probes were unlucky recovers). One
instance lives as long as the translator (a model's counts are kept until it is replaced: a
new identity is a new route).
"""

from __future__ import annotations

import threading
from collections.abc import Hashable
from enum import Enum

PROBES = 4
KEEP_RATE = 0.25  # below this share of kept markers, the first decode is not worth it
REPROBE_EVERY = 32
_MAX_ROUTES = 1_000


class Verdict(Enum):
    UNKNOWN = "unknown"
    KEEPS = "keeps"
    DROPS = "drops"


class MarkerOdds:
    """Thread-safe counts of marked units tried and kept, per route key."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[Hashable, tuple[int, int]] = {}
        self._skipped: dict[Hashable, int] = {}

    def verdict(self, route: Hashable) -> Verdict:
        """What the units tried on ``route`` so far say."""
        tried, kept = self._counts.get(route, (0, 0))
        if tried < PROBES:
            return Verdict.UNKNOWN
        if kept >= KEEP_RATE * tried:
            return Verdict.KEEPS
        with self._lock:
            skipped = self._skipped[route] = self._skipped.get(route, 0) + 1
        return Verdict.UNKNOWN if skipped % REPROBE_EVERY == 0 else Verdict.DROPS

    def note(self, route: Hashable, kept: bool) -> None:
        """One marked unit on ``route`` came back with (``kept``) or without its markers."""
        with self._lock:
            if len(self._counts) >= _MAX_ROUTES and route not in self._counts:
                self._counts.clear()
                self._skipped.clear()
            tried, count = self._counts.get(route, (0, 0))
            self._counts[route] = (tried + 1, count + int(kept))
