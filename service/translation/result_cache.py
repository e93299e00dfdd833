"""A small in-process LRU of whole item results, so a repeated request skips the pipeline.

Entries are valid only for the state they were made in (the catalog index object and the
installed models' identities): a catalog edit or a model change misses instead of serving
stale output. The cache is bounded by a budget of characters; a single text above
``max_text`` characters is not kept.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")


class ResultCache(Generic[Value]):
    """Thread-safe LRU mapping a request key to a value made under a given state."""

    def __init__(self, max_chars: int = 8_000_000, max_text: int = 50_000) -> None:
        self.max_chars = max_chars
        self.max_text = max_text
        self._entries: OrderedDict[Hashable, tuple[object, Value, int]] = OrderedDict()
        self._chars = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable, state: object) -> Value | None:
        with self._lock:
            found = self._entries.get(key)
            if found is None or found[0] != state:
                return None
            self._entries.move_to_end(key)
            return found[1]

    def put(self, key: Hashable, state: object, value: Value, size: int) -> None:
        if size > self.max_text:
            return
        with self._lock:
            previous = self._entries.pop(key, None)
            if previous is not None:
                self._chars -= previous[2]
            self._entries[key] = (state, value, size)
            self._chars += size
            while self._chars > self.max_chars:
                _, (_, _, dropped) = self._entries.popitem(last=False)
                self._chars -= dropped
