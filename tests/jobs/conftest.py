"""Fixtures of the job tests: apps on the real test models, tokens, distinct test sentences."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service.config import Settings
from service.jobs import Job, JobService
from service.runtime import Runtime
from tests.jobs.workers import Worker, worker_processes
from tests.support.apps import make_app

_WORDS = (
    "river garden window morning teacher market letter music winter bridge station paper "
    "mountain kitchen village friend evening story doctor forest"
)


def sentences(count: int, seed: int = 0) -> list[str]:
    """``count`` distinct one-sentence English texts (distinct, so no cache answers them)."""
    words = _WORDS.split(" ")
    out = []
    for i in range(count):
        a, b, c = (words[(i * k + seed) % len(words)] for k in (1, 3, 7))
        out.append(f"The {a} near the {b} is {i + seed} steps from the {c}.")
    return out


def wait_for(jobs: JobService, job_id: str, done: Callable[[Job], bool], timeout: float) -> Job:
    """Poll the job until ``done(job)`` (fails the test after ``timeout`` seconds)."""
    deadline = time.monotonic() + timeout
    while True:
        job = jobs.get(job_id)
        if done(job):
            return job
        assert time.monotonic() < deadline, f"job {job_id} still {job.state} {job.done}/{job.total}"
        time.sleep(0.02)


@pytest.fixture
def job_settings(settings: Settings) -> Settings:
    """Small batches and a short lease, so that tests see progress and take over quickly."""
    return settings.with_overrides(job_chunk_items=4, job_lease_seconds=2)


@pytest.fixture
def app(job_settings: Settings, tmp_path: Path) -> Iterator[Flask]:
    application = make_app(job_settings, tmp_path)
    yield application
    application.extensions["mixlate"].close()


@pytest.fixture
def publisher(runtime: Runtime) -> dict[str, str]:
    return {"Authorization": f"Bearer {runtime.tokens.create('site', 'publisher')}"}


@pytest.fixture
def jobs(runtime: Runtime) -> JobService:
    return runtime.jobs


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def workers(tmp_path: Path) -> Iterator[Callable[[dict[str, str]], Worker]]:
    """Starts ``mixlate worker`` processes: ``workers(env)``; all stopped afterwards."""
    yield from worker_processes(tmp_path)
