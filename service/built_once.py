"""``@built_once``: a lazily built attribute that concurrent first readers build exactly once.

``functools.cached_property`` has no lock since Python 3.12, so two request threads arriving
together could each build a database engine or a model pool. The owner provides
``build_lock``, a re-entrant lock (building one part may read another), and ``closed``: once
the owner is closed (under the same lock), nothing is built any more, so a request arriving
during shutdown cannot start a model pool and its reaper thread that nobody would stop; it gets
``ShuttingDown`` instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class ShuttingDown(RuntimeError):
    """A part was asked for after its owner was closed."""

    MESSAGE = "The service is shutting down; try again in a moment"

    def __init__(self, name: str) -> None:
        super().__init__(self.MESSAGE)
        self.part = name


class built_once(Generic[T]):  # noqa: N801 (used like property)
    """Like ``cached_property``, but built under ``instance.build_lock``."""

    def __init__(self, build: Callable[[Any], T]) -> None:
        self.build = build
        self.name = build.__name__
        self.__doc__ = build.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> T:
        if instance is None:
            return self  # type: ignore[return-value]
        found = instance.__dict__.get(self.name, _MISSING)
        if found is not _MISSING:
            return found
        with instance.build_lock:
            found = instance.__dict__.get(self.name, _MISSING)
            if found is _MISSING:
                if instance.closed:
                    raise ShuttingDown(self.name)
                found = self.build(instance)
                instance.__dict__[self.name] = found
            return found


_MISSING: Any = object()
