"""``mixlate serve``'s worker: the app it loads, and the process state it leaves."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from service.cli.serve import _Server
from service.config import Settings


def test_a_worker_freezes_its_startup_heap_once_the_app_is_built(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("MIXLATE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("MIXLATE_MODELS_DIR", str(settings.models_dir))
    monkeypatch.setenv("MIXLATE_DATABASE_URL", f"sqlite:///{tmp_path / 'mixlate.db'}")
    gc.unfreeze()
    try:
        app = _Server({"bind": "127.0.0.1:0"}).load()
        try:
            assert gc.get_freeze_count() > 10_000  # the app's objects skip every collection
            assert app.view_functions  # the app was built before the freeze
        finally:
            app.extensions["mixlate"].close()
    finally:
        gc.unfreeze()
