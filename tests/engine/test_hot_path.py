"""The hot path: a cached request lists no directory; installs elsewhere are still seen."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from service.engine import ModelNotInstalled, ModelRegistry, TranslationEngine
from service.translation.plan import Target
from service.translation.translator import ContentTranslator, Item

MakeEngine = Callable[..., TranslationEngine]
TEXT = "Hello, world. 你好，世界。The weather in Paris is lovely today."


def _count_listings(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    calls: Counter[str] = Counter()
    for owner, name in ((os, "scandir"), (os, "listdir"), (Path, "iterdir"), (Path, "glob")):
        original = getattr(owner, name)

        def counted(*args: object, _original=original, _name=name, **kwargs: object) -> object:
            calls[_name] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(owner, name, counted)
    return calls


def test_a_cached_request_lists_no_directory(
    make_engine: MakeEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = make_engine()
    first = ContentTranslator(engine, ("en",)).translate([Item(TEXT)], Target("fr"))
    calls = _count_listings(monkeypatch)

    again = ContentTranslator(engine, ("en",)).translate([Item(TEXT)], Target("fr"))

    assert again == first
    assert engine.stats.model_calls == 2  # zh→en, then en→fr: both in the first request
    assert calls == Counter()


def test_a_model_installed_by_another_registry_is_seen(
    make_engine: MakeEngine, argos_packages: dict, tmp_path: Path
) -> None:
    engine = make_engine(cached=False, models_dir=tmp_path / "models")
    with pytest.raises(ModelNotInstalled):
        engine.translate(["Hello"], "en", "zh")

    ModelRegistry(tmp_path / "models").install_file(argos_packages[("en", "zh")])

    assert engine.translate(["Hello"], "en", "zh")[0]
    ModelRegistry(tmp_path / "models").remove("en", "zh")
    with pytest.raises(ModelNotInstalled):
        engine.translate(["Hello"], "en", "zh")


def test_the_services_registry_checks_the_stamp_at_most_once_a_second(
    argos_packages: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [0.0]
    reader = ModelRegistry(tmp_path / "models", check_seconds=1.0, clock=lambda: now[0])
    assert reader.models() == []
    ModelRegistry(tmp_path / "models").install_file(argos_packages[("en", "zh")])
    stats = Counter()
    real_stat = Path.stat

    def counted(path: Path, *args: object, **kwargs: object) -> object:
        stats[path.name] += 1
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", counted)

    assert reader.models() == [] and reader.find("en", "zh") is None
    assert stats == Counter()  # within the second: no system call at all
    now[0] = 1.5
    assert [m.pair for m in reader.models()] == [("en", "zh-Hans")]
