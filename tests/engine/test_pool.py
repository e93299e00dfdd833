"""TranslatorPool and concurrency: lazy single loads, sharing between threads, idle unloading."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from service.config import ConfigError, Settings, load_settings
from service.engine import ModelRegistry, TranslationEngine, TranslatorPool
from service.engine.pool import cores
from tests.engine.conftest import SAMPLE_EN, SAMPLE_ZH

MakeEngine = Callable[..., TranslationEngine]


def test_eight_threads_match_sequential_and_load_each_model_once(make_engine: MakeEngine) -> None:
    jobs = [(SAMPLE_EN, "en", "zh"), (SAMPLE_ZH, "zh", "en"), (SAMPLE_ZH, "zh", "fr")] * 8
    expected = {job[1:]: make_engine(cached=False).translate(*job) for job in jobs[:3]}
    engine = make_engine(cached=False)
    go = threading.Event()

    def run(job: tuple[list[str], str, str]) -> list[str]:
        go.wait(timeout=10)
        return engine.translate(*job)

    with ThreadPoolExecutor(max_workers=8) as workers:
        futures = [workers.submit(run, job) for job in jobs]
        go.set()
        results = [future.result() for future in futures]

    assert results == [expected[job[1:]] for job in jobs]
    loaded = engine.pool.loaded()
    assert len(loaded) == 3  # zh→en, en→zh, en→fr
    assert all(engine.pool.load_count(identity) == 1 for identity in loaded)
    assert engine.stats.model_calls == len(jobs) + 8  # zh→fr makes two calls


def test_loaded_model_is_reused_not_reloaded(make_engine: MakeEngine) -> None:
    engine = make_engine(cached=False)
    for _ in range(5):
        engine.translate(SAMPLE_EN, "en", "zh")
    assert engine.pool.load_count() == 1


def test_idle_model_is_unloaded_by_the_reaper_then_reloaded(make_engine: MakeEngine) -> None:
    engine = make_engine(cached=False, model_idle_seconds=1)
    first = engine.translate(SAMPLE_EN[:3], "en", "zh")
    assert len(engine.pool.loaded()) == 1

    deadline = time.monotonic() + 10
    while engine.pool.loaded() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert engine.pool.loaded() == []

    assert engine.translate(SAMPLE_EN[:3], "en", "zh") == first
    assert engine.pool.load_count() == 2


def test_a_model_in_use_is_never_unloaded(settings: Settings) -> None:
    now = [0.0]
    pool = TranslatorPool(settings.with_overrides(model_idle_seconds=60), clock=lambda: now[0])
    model = ModelRegistry(settings.models_dir).find("en", "fr")
    try:
        with pool.lease(model):
            now[0] = 1000.0
            assert pool.unload_idle() == []
        now[0] = 1030.0
        assert pool.unload_idle() == []
        now[0] = 1060.0
        assert pool.unload_idle() == [model.identity]
        assert pool.loaded() == []
    finally:
        pool.close()


def test_threads_settings_reach_ctranslate2(settings: Settings) -> None:
    pool = TranslatorPool(settings.with_overrides(ct2_inter_threads=2, ct2_intra_threads=1))
    model = ModelRegistry(settings.models_dir).find("zh", "en")
    try:
        with pool.lease(model) as loaded:
            assert loaded.translator.num_translators == 2
    finally:
        pool.close()


def test_device_compute_type_and_one_replica_per_core_by_default(settings: Settings) -> None:
    configured = load_settings({"MIXLATE_DEVICE": "cpu", "MIXLATE_COMPUTE_TYPE": "int8"})
    pool = TranslatorPool(settings.with_overrides(compute_type=configured.compute_type))
    model = ModelRegistry(settings.models_dir).find("zh", "en")
    try:
        assert pool.replicas == cores() and pool.intra_threads == 1
        with pool.lease(model) as loaded:
            assert loaded.translator.device == "cpu"
            assert loaded.translator.compute_type.startswith("int8")
            assert loaded.translator.num_translators == cores()
    finally:
        pool.close()
    with pytest.raises(ConfigError, match="MIXLATE_DEVICE"):
        load_settings({"MIXLATE_DEVICE": "tpu"})


def _thread_nices() -> dict[str, int]:
    """This process's threads by id: their nice values (field 19 of /proc/self/task/*/stat)."""
    nices = {}
    for task in Path("/proc/self/task").iterdir():
        fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        nices[task.name] = int(fields[16])
    return nices


@pytest.mark.skipif(sys.platform != "linux", reason="per-thread nice values are Linux's")
def test_decode_threads_run_niced_and_request_threads_keep_their_priority(
    settings: Settings,
) -> None:
    pool = TranslatorPool(settings.with_overrides(ct2_inter_threads=2, decode_nice=7))
    model = ModelRegistry(settings.models_dir).find("zh", "en")
    before = set(_thread_nices())
    try:
        with pool.lease(model) as loaded:
            loaded.translator.translate_batch([loaded.tokenizer.encode("你好。")])
            ours = {str(thread.native_id) for thread in threading.enumerate()}  # the reaper...
            started = {t: nice for t, nice in _thread_nices().items() if t not in before | ours}
    finally:
        pool.close()
    assert len(started) >= 2 and set(started.values()) == {7}  # both replicas' threads
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == 0
    assert load_settings({"MIXLATE_DECODE_NICE": "0"}).decode_nice == 0
    with pytest.raises(ConfigError, match="MIXLATE_DECODE_NICE"):
        load_settings({"MIXLATE_DECODE_NICE": "-5"})
