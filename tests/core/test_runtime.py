"""The runtime builds each per-process object once, however many threads ask first."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from flask import Flask

from service import runtime as runtime_module
from service.built_once import ShuttingDown
from service.config import Settings
from service.runtime import Runtime
from service.translation.translator import Item


def test_concurrent_first_reads_build_one_database(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = []
    real = runtime_module.open_database

    def slow_open(url: str):  # noqa: ANN202
        built.append(threading.get_ident())
        time.sleep(0.05)  # wide enough for every thread to arrive while the first builds
        return real(url)

    monkeypatch.setattr(runtime_module, "open_database", slow_open)
    runtime = Runtime(settings)
    barrier = threading.Barrier(16)

    def first_read(_: int) -> object:
        barrier.wait()
        return runtime.database

    with ThreadPoolExecutor(16) as pool:
        databases = list(pool.map(first_read, range(16)))
    assert len(built) == 1
    assert all(db is databases[0] for db in databases)
    runtime.close()


def test_parts_built_from_other_parts_do_not_deadlock(settings: Settings) -> None:
    runtime = Runtime(settings)
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: runtime.catalog_history, range(8)))
    assert all(result is runtime.catalog_history for result in results)
    assert runtime.catalog_history.catalogs is runtime.catalogs
    runtime.close()


def _mixlate_threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.name.startswith("mixlate-")}


def test_closing_the_runtime_stops_every_thread_it_started(settings: Settings) -> None:
    before = _mixlate_threads()
    runtime = Runtime(settings)
    runtime.translator.translate(
        [Item("Hello, world.", "text")], runtime.translator.resolve_target("zh-Hans")
    )
    assert _mixlate_threads() - before  # batch loops and the model reaper

    runtime.close()

    assert _mixlate_threads() - before == set()


def test_nothing_is_built_after_close(settings: Settings) -> None:
    runtime = Runtime(settings)
    runtime.close()
    with pytest.raises(ShuttingDown):
        runtime.engine  # noqa: B018 - reading it would build it
    assert "engine" not in runtime.__dict__


@pytest.mark.parametrize("warm", [False, True], ids=["nothing built", "engine running"])
def test_a_request_during_shutdown_is_a_503_to_retry(app: Flask, warm: bool) -> None:
    runtime = app.extensions["mixlate"]
    client = app.test_client()
    if warm:
        assert (
            client.post("/api/v1/translate", json={"text": "Hi.", "target": "zh"}).status_code
            == 200
        )
    runtime.close()
    response = client.post("/api/v1/translate", json={"text": "Hello.", "target": "zh"})
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "1"
    assert response.get_json()["error"] == ShuttingDown.MESSAGE
