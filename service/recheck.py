"""A value read from a shared store, trusted for a while: how a process avoids a query per call.

Contract: ``Recheck.get()`` returns what ``read`` returned at most ``seconds`` ago, unless
``generation()`` has moved since; callers make the generation move with every write of their
own process (a commit counter), so this process sees its own writes at once and another
process's within ``seconds``. ``CHECK_SECONDS`` is that bound wherever Mixlate uses it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

CHECK_SECONDS = 1.0

T = TypeVar("T")
Clock = Callable[[], float]


class Recheck(Generic[T]):
    """A value from ``read``, trusted for ``seconds`` and while ``generation()`` stays put.

    The generation is read before the value: a change committed while ``read`` ran moves it
    afterwards, so the next call reads again instead of trusting a value read too early.
    """

    def __init__(
        self,
        read: Callable[[], T],
        seconds: float = CHECK_SECONDS,
        *,
        generation: Callable[[], Hashable] = lambda: 0,
        clock: Clock = time.monotonic,
    ) -> None:
        self._read = read
        self._seconds = seconds
        self._generation = generation
        self._clock = clock
        self._held: tuple[T, float, Hashable] | None = None

    def get(self, fresh: bool = False) -> T:
        """The held value, or a new read when it is too old (or ``fresh`` asks for one)."""
        now, generation = self._clock(), self._generation()
        held = self._held
        if not fresh and held is not None and now < held[1] and held[2] == generation:
            return held[0]
        value = self._read()
        self._held = (value, now + self._seconds, generation)
        return value
