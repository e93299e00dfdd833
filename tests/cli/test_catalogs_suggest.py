"""``mixlate catalogs suggest LOCALE``: the catalog suggestion job, followed with a progress bar
(the same code as ``mixlate jobs suggest``), through the real test models."""

from __future__ import annotations

import argparse
import json

import pytest

from service.catalogs.entries import live_messages
from service.cli import catalogs, jobs, main
from service.config import Settings
from service.jobs import JobState
from service.runtime import Runtime
from tests.jobs.test_cli import cli_settings  # noqa: F401 (the commands' environment)


def test_suggest_fills_the_untranslated_entries_with_a_progress_bar(
    cli_settings: Settings,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    Runtime(cli_settings).catalogs.create_locale("fr")
    assert main(["catalogs", "suggest", "fr"]) == 0
    captured = capsys.readouterr()
    summary = json.loads(captured.out)
    assert summary["kind"] == "catalog" and summary["state"] == "done"
    total = summary["progress"]["total"]
    assert summary["progress"]["done"] == total > 4
    assert f"{total}/{total}" in captured.err  # the bar reached its end on stderr
    runtime = Runtime(cli_settings)
    assert runtime.job_store.get(summary["id"]).state == JobState.DONE
    fuzzy = [m for m in live_messages(runtime.catalogs.load("fr")) if m.fuzzy and m.string]
    assert fuzzy  # suggestions are written as fuzzy entries


def test_an_unknown_or_unreachable_locale_is_one_line_and_status_1(
    cli_settings: Settings,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["catalogs", "suggest", "ja"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("mixlate: ") and "ja" in err and err.count("\n") == 1


def test_both_commands_share_one_handler() -> None:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command")
    catalogs.register(commands)
    jobs.register(commands)
    from_catalogs = parser.parse_args(["catalogs", "suggest", "fr"])
    from_jobs = parser.parse_args(["jobs", "suggest", "fr"])
    assert from_catalogs.func is from_jobs.func
    assert from_catalogs.follow and not from_jobs.follow
    assert not parser.parse_args(["catalogs", "suggest", "fr", "--no-follow"]).follow
