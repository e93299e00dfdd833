"""``mixlate serve``'s worker: the app it loads, and the process state it leaves."""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from service.cli import serve
from service.cli.serve import _Server
from service.config import MULTIPROCESS_DIR_VARIABLE, Settings, load_settings
from tests.support.live import ROOT


def test_a_worker_freezes_its_startup_heap_once_the_app_is_built(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("MIXLATE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("MIXLATE_MODELS_DIR", str(settings.models_dir))
    monkeypatch.setenv("MIXLATE_DATABASE_URL", f"sqlite:///{tmp_path / 'mixlate.db'}")
    gc.unfreeze()
    try:
        app = _Server({"bind": "127.0.0.1:0"}, load_settings()).load()
        try:
            assert gc.get_freeze_count() > 10_000  # the app's objects skip every collection
            assert app.view_functions  # the app was built before the freeze
        finally:
            app.extensions["mixlate"].close()
    finally:
        gc.unfreeze()


_FIRST_DETECTION = """
import time
from service.cli.serve import _Server
from service.config import load_settings
from service.detection import detect_segments

app = _Server({"bind": "127.0.0.1:0"}, load_settings()).load()
started = time.perf_counter()
detect_segments("Warm up the models, please. 请预热模型。")
print(time.perf_counter() - started)
app.extensions["mixlate"].close()
"""


def test_a_worker_loads_the_detectors_before_its_first_request(
    settings: Settings, tmp_path: Path
) -> None:
    # In a process of its own: lingua keeps loaded models for the process's lifetime. Loaded
    # lazily, the first detection takes about a second, holding the GIL.
    env = {
        **os.environ,
        "MIXLATE_DATA_DIR": str(tmp_path),
        "MIXLATE_MODELS_DIR": str(settings.models_dir),
        "MIXLATE_DATABASE_URL": f"sqlite:///{tmp_path / 'mixlate.db'}",
    }
    run = subprocess.run(
        [sys.executable, "-c", _FIRST_DETECTION],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert float(run.stdout.split()[-1]) < 0.1


def test_the_threads_served_are_the_threads_the_app_sizes_its_limits_by(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("MIXLATE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("MIXLATE_THREADS", "12")
    monkeypatch.setenv(MULTIPROCESS_DIR_VARIABLE, str(tmp_path / "metrics"))  # run() sets it
    started: list[_Server] = []
    monkeypatch.setattr(_Server, "run", lambda server: started.append(server))
    args = argparse.Namespace(host="127.0.0.1", port=0, workers=None, threads=5)
    assert serve.run(args) == 0
    (server,) = started
    assert server.options["threads"] == server.settings.server_threads == 5
    assert server.options["workers"] == server.settings.server_workers == 1
