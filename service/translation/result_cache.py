"""A small in-process LRU of whole item results, so a repeated request skips the pipeline.

Entries are valid only for the state they were made in (the catalog index object and the
installed models' identities): a catalog edit or a model change misses instead of serving
stale output. Long texts are not kept.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")


class ResultCache(Generic[Value]):
    """Thread-safe LRU mapping a request key to a value made under a given state."""

    def __init__(self, max_entries: int = 2048, max_text: int = 50_000) -> None:
        self.max_entries = max_entries
        self.max_text = max_text
        self._entries: OrderedDict[Hashable, tuple[object, Value]] = OrderedDict()
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
            self._entries[key] = (state, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
