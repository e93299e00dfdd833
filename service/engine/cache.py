"""Persistent cache of translated sentences, with an in-process LRU in front of the database.

A key is the SHA-256 of the model identity, the decoding options and the source text, so a
changed model or option never serves an old translation. Works on SQLite and PostgreSQL.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping

from sqlalchemy import bindparam, select

from service.store import Database
from service.store.tables import CachedTranslation

_QUERY_CHUNK = 500
_TABLE = CachedTranslation.__table__
_MODEL_COLUMN = _TABLE.c.model.type.length
# Built once: building and coercing the statement per call cost more than running it
# (SQLite, one key: 124 µs a lookup against 43 µs).
_LOOKUP = select(_TABLE.c.key, _TABLE.c.output).where(
    _TABLE.c.key.in_(bindparam("keys", expanding=True))
)


def cache_keys(model_identity: str, options: Mapping[str, object]) -> Callable[[str], str]:
    """The key of a source under one model and options: the hex SHA-256 of the JSON list
    ``[model_identity, options (sorted), source]``, with the list's head encoded once."""
    head = json.dumps([model_identity, dict(sorted(options.items()))])[:-1] + ", "

    def key(source: str) -> str:
        material = head + json.dumps(source) + "]"
        return hashlib.sha256(material.encode("utf-8")).hexdigest()

    return key


def cache_key(model_identity: str, options: Mapping[str, object], source: str) -> str:
    """The hex SHA-256 naming one translation."""
    return cache_keys(model_identity, options)(source)


class TranslationCache:
    """Cached translations in ``db`` (table ``translation_cache``); thread-safe."""

    def __init__(self, db: Database, memory_entries: int = 20_000) -> None:
        self.db = db
        self.memory_entries = memory_entries
        self._memory: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def memory_size(self) -> int:
        """How many translations the in-process LRU holds."""
        with self._lock:
            return len(self._memory)

    def get_many(
        self, model_identity: str, options: Mapping[str, object], sources: Iterable[str]
    ) -> dict[str, str]:
        """The cached output of each source that has one (source → output)."""
        key = cache_keys(model_identity, options)
        keys = {key(source): source for source in sources}
        found: dict[str, str] = {}
        with self._lock:
            for key, source in keys.items():
                if key in self._memory:
                    self._memory.move_to_end(key)
                    found[source] = self._memory[key]
        missing = [key for key, source in keys.items() if source not in found]
        for start in range(0, len(missing), _QUERY_CHUNK):
            chunk = missing[start : start + _QUERY_CHUNK]
            with self.db.engine.connect() as conn:
                stored = {key: output for key, output in conn.execute(_LOOKUP, {"keys": chunk})}
            self._remember(stored)
            found.update({keys[key]: output for key, output in stored.items()})
        return found

    def put_many(
        self, model_identity: str, options: Mapping[str, object], outputs: Mapping[str, str]
    ) -> None:
        """Store source → output translations (existing keys are kept as they are)."""
        key = cache_keys(model_identity, options)
        rows = {key(source): output for source, output in outputs.items()}
        model = model_identity[:_MODEL_COLUMN]
        self.db.insert_ignoring_duplicates(
            _TABLE,
            [{"key": key, "model": model, "output": output} for key, output in rows.items()],
        )
        self._remember(rows)

    def _remember(self, rows: Mapping[str, str]) -> None:
        with self._lock:
            for key, output in rows.items():
                self._memory[key] = output
                self._memory.move_to_end(key)
            while len(self._memory) > self.memory_entries:
                self._memory.popitem(last=False)
