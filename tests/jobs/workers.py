"""``mixlate worker`` processes for the Celery tests, and the broker URLs they can use."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask

from service.config import Settings
from service.jobs.model import queue_names
from tests.support.apps import make_app

REDIS_URL = os.environ.get("MIXLATE_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
AMQP_URL = os.environ.get("MIXLATE_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672//")
ROOT = Path(__file__).resolve().parents[2]
LEASE_SECONDS = 2


def redis_broker() -> str:
    """The test Redis database (skips the test when Redis is not running)."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as exc:
        pytest.skip(f"Redis not reachable at {REDIS_URL} ({exc}); embedded jobs tested")
    finally:
        client.close()
    return REDIS_URL


def amqp_broker() -> str:
    """The test RabbitMQ (skips the test when RabbitMQ is not running)."""
    from kombu import Connection

    try:
        with Connection(AMQP_URL, connect_timeout=2) as connection:
            connection.ensure_connection(max_retries=1)
    except Exception as exc:
        pytest.skip(f"RabbitMQ not reachable at {AMQP_URL} ({exc}); Redis and embedded tested")
    return AMQP_URL


def drop_queues(broker_url: str, prefix: str) -> None:
    """Delete a test's queues (each test has its own, so concurrent runs never share one)."""
    from kombu import Connection

    with Connection(broker_url, connect_timeout=2) as connection:
        channel = connection.channel()
        for queue in queue_names(prefix).values():
            try:
                channel.queue_delete(queue)
            except Exception:  # never declared: nothing to delete
                channel = connection.channel()


class Worker:
    """One ``mixlate worker`` process (its own session, so a kill takes all its threads)."""

    def __init__(self, env: dict[str, str], log: Path, concurrency: int = 2) -> None:
        self.log = log
        self.env = env
        self.process = subprocess.Popen(
            [sys.executable, "-m", "service", "worker", f"--concurrency={concurrency}"],
            env={**os.environ, **env},
            cwd=ROOT,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while b" ready." not in self.log.read_bytes():
            if self.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"worker did not start:\n{self.log.read_text()[-3000:]}")
            time.sleep(0.05)

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, no acknowledgement."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()


def node(
    settings: Settings, directory: Path, broker_url: str, database_url: str | None = None
) -> tuple[Flask, dict[str, str]]:
    """A web app on ``broker_url`` and the environment of workers sharing its database (its
    own SQLite file unless ``database_url`` is given) and queues of this test's own."""
    prefix = f"mixlate-test-{uuid.uuid4().hex[:10]}"
    database_url = database_url or f"sqlite:///{directory / 'mixlate.db'}"
    app = make_app(
        settings,
        directory,
        database_url=database_url,
        broker_url=broker_url,
        broker_visibility_seconds=LEASE_SECONDS,
        job_lease_seconds=LEASE_SECONDS,
        job_chunk_items=10,
        queue_prefix=prefix,
    )
    env = {
        "MIXLATE_DATA_DIR": str(directory),
        "MIXLATE_MODELS_DIR": str(settings.models_dir),
        "MIXLATE_LOCALES_DIR": str(directory / "locales"),
        "MIXLATE_DATABASE_URL": database_url,
        "MIXLATE_BROKER_URL": broker_url,
        "MIXLATE_BROKER_VISIBILITY_SECONDS": str(LEASE_SECONDS),
        "MIXLATE_JOB_LEASE_SECONDS": str(LEASE_SECONDS),
        "MIXLATE_JOB_CHUNK_ITEMS": "10",
        "MIXLATE_QUEUE_PREFIX": prefix,
    }
    return app, env


def worker_processes(directory: Path) -> Iterator[Callable[[dict[str, str]], Worker]]:
    """A starter of workers logging into ``directory``; stops them and drops their queues."""
    started: list[Worker] = []

    def start(env: dict[str, str]) -> Worker:
        worker = Worker(env, directory / f"worker-{len(started)}.log")
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()
    for env in {(w.env["MIXLATE_BROKER_URL"], w.env["MIXLATE_QUEUE_PREFIX"]) for w in started}:
        drop_queues(*env)
