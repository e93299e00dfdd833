"""``run_raisable``: bulk work goes on at interactive priority once someone waits for it."""

from __future__ import annotations

import threading

import pytest

from service.engine import Priority
from service.jobs.raising import run_raisable


def test_bulk_work_nobody_waits_for_stays_bulk() -> None:
    seen: list[Priority] = []
    assert run_raisable(lambda p: seen.append(p) or "done", lambda: False, poll=0.01) == "done"
    assert seen == [Priority.BULK]


def test_work_raised_before_it_starts_runs_at_interactive_only() -> None:
    seen: list[Priority] = []
    run_raisable(seen.append, lambda: True, poll=0.01)
    assert seen == [Priority.INTERACTIVE]


def test_work_raised_while_it_runs_is_run_again_at_interactive() -> None:
    release = threading.Event()
    raised = threading.Event()
    seen: list[Priority] = []

    def run(priority: Priority) -> str:
        seen.append(priority)
        if priority == Priority.BULK:
            raised.set()  # a reader arrives while the bulk run waits in the queue
            release.wait(10)
        return priority.name

    try:
        assert run_raisable(run, raised.is_set, poll=0.01) == "INTERACTIVE"
    finally:
        release.set()
    assert seen == [Priority.BULK, Priority.INTERACTIVE]


def test_the_bulk_runs_error_is_the_jobs_error() -> None:
    def run(_priority: Priority) -> None:
        raise ValueError("the model failed")

    with pytest.raises(ValueError, match="the model failed"):
        run_raisable(run, lambda: False, poll=0.01)
