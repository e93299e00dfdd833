"""``mixlate jobs`` and ``mixlate worker`` on the command line (same Runtime as the server)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from service.cli import main
from service.config import Settings, load_settings
from service.jobs import JobState
from service.jobs.requests import TranslateJobRequest
from service.runtime import Runtime
from tests.catalog_api.conftest import FIXTURE_LOCALES
from tests.jobs.conftest import sentences, wait_for


@pytest.fixture
def cli_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, settings: Settings) -> Settings:
    """The environment the commands read: a data dir, the test models, a catalog copy."""
    shutil.copytree(FIXTURE_LOCALES, tmp_path / "locales")
    env = {
        "MIXLATE_DATA_DIR": str(tmp_path),
        "MIXLATE_MODELS_DIR": str(settings.models_dir),
        "MIXLATE_LOCALES_DIR": str(tmp_path / "locales"),
        "MIXLATE_JOB_CHUNK_ITEMS": "4",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("MIXLATE_BROKER_URL", raising=False)
    return load_settings()


def test_list_show_follow_and_cancel(
    cli_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    runtime = Runtime(cli_settings)
    try:
        done = runtime.jobs.translate(
            TranslateJobRequest(tuple(sentences(6)), "text", "fr", None, None)
        )
        wait_for(runtime.jobs, done.id, lambda job: job.state.finished, 30)
    finally:
        runtime.close()
    queued = Runtime(cli_settings).job_store.create(
        done.kind, done.queue, {"target": "fr", "items": []}, 0
    )

    assert main(["jobs", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[:4] for line in lines] == [
        [queued.id, "translate", "queued", "0/0"],
        [done.id, "translate", "done", "6/6"],
    ]
    assert main(["jobs", "list", "--state", "done"]) == 0
    assert capsys.readouterr().out.split("\t")[0] == done.id

    assert main(["jobs", "show", done.id, "--follow"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["progress"] == {"done": 6, "total": 6}
    assert "6/6" in captured.err  # the progress bar

    assert main(["jobs", "cancel", queued.id]) == 0
    assert capsys.readouterr().out.strip() == f"{queued.id}\tcancelled"
    assert main(["jobs", "show", "missing"]) == 1
    assert "No job 'missing'" in capsys.readouterr().err


def test_suggest_runs_the_job_here_without_a_broker(
    cli_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    Runtime(cli_settings).catalogs.create_locale("fr")
    assert main(["jobs", "suggest", "fr"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["kind"] == "catalog" and summary["state"] == "done"
    assert summary["progress"]["done"] == summary["progress"]["total"] > 4
    job = Runtime(cli_settings).job_store.get(summary["id"])
    assert job.state == JobState.DONE
    assert main(["jobs", "suggest", "ja"]) == 1
    assert "ja" in capsys.readouterr().err


def test_worker_needs_a_broker(cli_settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["worker"]) == 2
    assert "MIXLATE_BROKER_URL" in capsys.readouterr().err
