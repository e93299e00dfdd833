"""The runtime builds each per-process object once, however many threads ask first."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from service import runtime as runtime_module
from service.config import Settings
from service.runtime import Runtime


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
