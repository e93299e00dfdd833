"""Fixtures of the engine tests: empty models dirs, engines over the shared models, CLI env."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from service.config import Settings
from service.engine import ModelRegistry, TranslationCache, TranslationEngine, TranslatorPool
from service.store import Database
from tests.support.argos_builder import BPE_SPEC, RUNAWAY_SPEC, build_packages

SAMPLE_EN = [
    "Hello, world.",
    "The weather in Paris is lovely today.",
    "Where is the station?",
    "France",
    "Chinese",
    "Swiss Franc",
    "United Kingdom",
    "A longer sentence about the languages spoken in Switzerland and in Belgium.",
    "Japan",
    "Portuguese",
]
SAMPLE_FR = [
    "Bonjour le monde.",
    "Il fait beau à Paris aujourd'hui.",
    "Où est la gare ?",
    "Suisse",
    "franc suisse",
    "Royaume-Uni",
]
SAMPLE_ZH = [
    "你好，世界。",
    "今天巴黎的天气很好。",
    "火车站在哪里？",
    "法国",
    "中文",
    "瑞士法郎",
    "英国",
]


@pytest.fixture
def empty_registry(tmp_path: Path) -> ModelRegistry:
    """A registry over a models directory of its own, with nothing installed."""
    return ModelRegistry(tmp_path / "models")


@pytest.fixture(scope="session")
def runaway_package(argos_cache_dir: Path) -> Path:
    """An en→de package whose model never emits EOS."""
    return build_packages(argos_cache_dir, (RUNAWAY_SPEC,))[("en", "de")]


@pytest.fixture(scope="session")
def bpe_package(argos_cache_dir: Path) -> Path:
    """A fr→en package tokenized with BPE codes (bpe.model) instead of SentencePiece."""
    return build_packages(argos_cache_dir, (BPE_SPEC,))[("fr", "en")]


@pytest.fixture
def make_engine(
    settings: Settings, database: Database
) -> Iterator[Callable[..., TranslationEngine]]:
    """Build engines over the shared models: ``make_engine(cached=True, **settings_changes)``."""
    engines: list[TranslationEngine] = []

    def make(
        cached: bool = True, models_dir: Path | None = None, **changes: object
    ) -> TranslationEngine:
        engine_settings = settings.with_overrides(**changes)
        cache = TranslationCache(database) if cached else None
        registry = ModelRegistry(models_dir or settings.models_dir)
        pool = TranslatorPool(engine_settings)
        engine = TranslationEngine(registry, pool, cache, engine_settings)
        engines.append(engine)
        return engine

    yield make
    for engine in engines:
        engine.close()


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, package_index: str) -> Path:
    """Environment for ``mixlate models``: a fresh data dir and the loopback index; the data dir."""
    data_dir = tmp_path / "data"
    monkeypatch.setenv("MIXLATE_DATA_DIR", str(data_dir))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", package_index)
    for name in ("MIXLATE_MODELS_DIR", "MIXLATE_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    return data_dir
