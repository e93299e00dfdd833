"""TranslationCache on SQLite and PostgreSQL: keys, round trips, duplicates, the LRU in front."""

from __future__ import annotations

import hashlib
import json

from service.config import Settings
from service.engine import (
    ModelRegistry,
    TranslationCache,
    TranslationEngine,
    TranslatorPool,
    cache_key,
)
from service.store import Database, open_database
from tests.engine.conftest import SAMPLE_EN
from tests.support.postgres import postgres_schema_url

OPTIONS = {"beam_size": 2}


def test_key_depends_on_model_options_and_text() -> None:
    base = cache_key("en-zh-1.0-abc", OPTIONS, "Hello")
    assert len(base) == 64
    assert base == cache_key("en-zh-1.0-abc", {"beam_size": 2}, "Hello")
    assert base != cache_key("en-zh-1.1-abd", OPTIONS, "Hello")
    assert base != cache_key("en-zh-1.0-abc", {"beam_size": 4}, "Hello")
    assert base != cache_key("en-zh-1.0-abc", OPTIONS, "Hello ")


def test_the_key_format_is_kept_so_stored_translations_stay_found() -> None:
    material = json.dumps(["en-zh-1.0-abc", {"a": [1], "beam_size": 2}, 'Hi "中文" \\'])
    expected = hashlib.sha256(material.encode("utf-8")).hexdigest()
    assert cache_key("en-zh-1.0-abc", {"beam_size": 2, "a": [1]}, 'Hi "中文" \\') == expected


def _round_trip(db: Database) -> None:
    cache = TranslationCache(db)
    assert cache.get_many("m1", OPTIONS, ["a", "b"]) == {}
    cache.put_many("m1", OPTIONS, {"a": "A", "b": "B"})
    cache.put_many("m1", OPTIONS, {"a": "changed", "c": "C"})

    fresh = TranslationCache(db)
    assert fresh.get_many("m1", OPTIONS, ["a", "b", "c", "d"]) == {"a": "A", "b": "B", "c": "C"}
    assert fresh.get_many("m2", OPTIONS, ["a"]) == {}
    many = {f"sentence {i}": f"output {i}" for i in range(1200)}
    fresh.put_many("m1", OPTIONS, many)
    assert TranslationCache(db).get_many("m1", OPTIONS, list(many)) == many


def test_round_trip_on_sqlite(database: Database) -> None:
    _round_trip(database)


def test_round_trip_on_postgresql() -> None:
    with postgres_schema_url() as url:
        db = open_database(url)
        try:
            _round_trip(db)
        finally:
            db.dispose()


def test_memory_is_bounded_and_backed_by_the_database(database: Database) -> None:
    cache = TranslationCache(database, memory_entries=2)
    cache.put_many("m", OPTIONS, {"a": "A", "b": "B", "c": "C"})
    assert cache.memory_size == 2
    assert cache.get_many("m", OPTIONS, ["a", "b", "c"]) == {"a": "A", "b": "B", "c": "C"}


def test_engine_over_postgresql_cache(settings: Settings) -> None:
    registry = ModelRegistry(settings.models_dir)
    pool = TranslatorPool(settings)
    with postgres_schema_url() as url:
        db = open_database(url)
        try:
            first = TranslationEngine(registry, pool, TranslationCache(db), settings)
            outputs = first.translate(SAMPLE_EN, "en", "zh")
            assert first.stats.model_calls == 1
            again = TranslationEngine(registry, pool, TranslationCache(db), settings)
            assert again.translate(SAMPLE_EN, "en", "zh") == outputs
            assert again.stats.model_calls == 0
            assert again.stats.cache_hits == len(SAMPLE_EN)
        finally:
            db.dispose()
            pool.close()
