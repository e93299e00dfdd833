"""Requests per caller per window, counted in shared storage with the ``limits`` library.

Contract: ``RateLimiter.hit(caller, scope, limits)`` counts one request of ``caller`` (an API
key's name or a client address) against each of ``limits`` in ``scope`` (one endpoint), in
fixed windows, shortest window first. It raises ``RateLimited`` at the first limit the
request exceeds, and otherwise returns the state of the shortest one, for the
``X-RateLimit-*`` headers. The counts live in the storage named by ``MIXLATE_LIMITS_STORAGE_URL``
(``memory://`` for one process, ``redis://…`` shared by every node).

Why not Flask-Limiter (which this replaced, over the same ``limits`` library and the same
storage URLs): its request hook and decorator resolved every limit through Flask's context
on every request of the app, metered or not. That cost 0.15 ms of a refusal's 0.31 ms when
the translation queue was full, and it ran on cached reads too. Here an unmetered request
costs nothing, and a metered one costs one counter increment per limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from limits import RateLimitItem, parse_many
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

_PREFIX = "mixlate"


@dataclass(frozen=True, slots=True)
class LimitState:
    """One limit after a request: its size, what is left, and when its window ends (epoch s)."""

    limit: int
    remaining: int
    reset_at: int


class RateLimited(Exception):
    """A caller went over ``description`` (e.g. "3 per 1 minute"); may retry at ``reset_at``."""

    def __init__(self, description: str, state: LimitState, retry_after: int) -> None:
        super().__init__(description)
        self.description = description
        self.state = state
        self.retry_after = retry_after


@lru_cache(maxsize=256)
def _items(limits: str) -> tuple[RateLimitItem, ...]:
    return tuple(sorted(parse_many(limits), key=lambda item: item.get_expiry()))


class RateLimiter:
    """Fixed-window counters in one storage, shared by the threads of a process."""

    def __init__(self, storage_url: str) -> None:
        self._counter = FixedWindowRateLimiter(storage_from_string(storage_url))

    def hit(self, caller: str, scope: str, limits: str, now: float) -> LimitState | None:
        """Count one request (``limits`` as "3 per minute;100 per day"; "" for none)."""
        shortest: LimitState | None = None
        for item in _items(limits) if limits else ():
            allowed = self._counter.hit(item, _PREFIX, caller, scope)
            if shortest is not None and allowed:
                continue
            window = self._counter.get_window_stats(item, _PREFIX, caller, scope)
            state = LimitState(item.amount, window.remaining, int(window.reset_time))
            if not allowed:
                raise RateLimited(str(item), state, max(1, int(window.reset_time - now)))
            shortest = state
        return shortest
