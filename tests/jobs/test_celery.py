"""Jobs on Celery: ``mixlate worker`` processes on Redis (and RabbitMQ) finish jobs, and a
worker killed with SIGKILL mid-job leaves the job to another worker, each unit written once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from service.config import Settings
from service.jobs import JobState
from service.jobs.requests import TranslateJobRequest
from service.runtime import Runtime
from tests.jobs.conftest import sentences, wait_for
from tests.jobs.workers import Worker, amqp_broker, node, redis_broker


@pytest.fixture(params=["redis", "amqp"])
def broker(request: pytest.FixtureRequest) -> str:
    return redis_broker() if request.param == "redis" else amqp_broker()


def test_a_worker_finishes_a_job(
    broker: str, settings: Settings, tmp_path: Path, workers: Callable[..., Worker]
) -> None:
    app, env = node(settings, tmp_path, broker)
    runtime: Runtime = app.extensions["mixlate"]
    try:
        worker = workers(env)
        client = app.test_client()
        headers = {"Authorization": f"Bearer {runtime.tokens.create('site', 'publisher')}"}
        body = {"texts": sentences(12), "target": "fr"}
        created = client.post("/api/v1/jobs", json=body, headers=headers)
        assert created.status_code == 202, created.get_json()
        worker.wait_ready()
        job = wait_for(runtime.jobs, created.get_json()["id"], lambda j: j.state.finished, 30)
        assert job.state == JobState.DONE and job.done == 12
        results = client.get(created.headers["Location"], headers=headers).get_json()["results"]
        assert len(results) == 12 and all(r["translation"] for r in results)
    finally:
        runtime.close()


def test_a_killed_worker_leaves_the_job_to_another(
    settings: Settings, tmp_path: Path, workers: Callable[..., Worker]
) -> None:
    app, env = node(settings, tmp_path, redis_broker())
    runtime: Runtime = app.extensions["mixlate"]
    total = 500
    try:
        first = workers(env)
        first.wait_ready()
        request = TranslateJobRequest(tuple(sentences(total)), "text", "fr", None, None)
        job = runtime.jobs.translate(request)
        wait_for(runtime.jobs, job.id, lambda j: j.done >= 30, 30)
        first.kill()
        at_kill = runtime.jobs.get(job.id)
        assert at_kill.state == JobState.RUNNING and at_kill.done < total

        second = workers(env)
        second.wait_ready()
        ended = wait_for(runtime.jobs, job.id, lambda j: j.state.finished, 40)
        assert ended.state == JobState.DONE and ended.done == total
        assert ended.runs >= 2
        units = runtime.job_store.units(job.id)
        assert [unit.position for unit in units] == list(range(total))
        writers = {unit.written_by.split(":")[1] for unit in units}  # worker pids
        assert writers == {str(first.process.pid), str(second.process.pid)}
        assert all(unit.result["translation"] for unit in units)
    finally:
        runtime.close()
