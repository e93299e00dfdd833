"""Callbacks: a loopback receiver gets the signed job summary; failures are retried."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service.config import Settings
from service.jobs import JobService, JobState
from service.jobs.callbacks import SIGNATURE_HEADER, CallbackSender, signature, verify
from service.jobs.model import Job, JobKind
from tests.jobs.conftest import sentences, wait_for
from tests.support.apps import make_app

SECRET = "callback-secret-for-tests"


class Receiver:
    """A loopback HTTP server recording each POST; the first ``failures`` answer 500."""

    def __init__(self, failures: int = 0) -> None:
        self.failures = failures
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.arrived = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers), body))
                failing = len(receiver.received) <= receiver.failures
                self.send_response(500 if failing else 204)
                self.end_headers()
                if not failing:
                    receiver.arrived.set()

            def log_message(self, *_args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def app(job_settings: Settings, tmp_path: Path) -> Iterator[Flask]:
    application = make_app(
        job_settings,
        tmp_path,
        callback_secret=SECRET,
        callback_attempts=3,
        callback_backoff_ms=50,
        callback_allow_private=True,  # the receiver listens on loopback
    )
    yield application
    application.extensions["mixlate"].close()


def _run_job(client: FlaskClient, headers: dict[str, str], jobs: JobService, url: str) -> str:
    body = {"texts": sentences(3), "target": "fr", "callback_url": url}
    created = client.post("/api/v1/jobs", json=body, headers=headers)
    assert created.status_code == 202, created.get_json()
    job_id = created.get_json()["id"]
    assert wait_for(jobs, job_id, lambda job: job.state.finished, 30).state == JobState.DONE
    return job_id


def test_the_summary_arrives_signed(
    client: FlaskClient, publisher: dict[str, str], jobs: JobService
) -> None:
    receiver = Receiver()
    try:
        job_id = _run_job(client, publisher, jobs, receiver.url)
        assert receiver.arrived.wait(10)
    finally:
        receiver.close()
    [(headers, body)] = receiver.received
    # What the README tells receivers to do: HMAC-SHA256 of the raw body under the secret.
    expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers[SIGNATURE_HEADER], expected)
    assert not verify("another secret", body, headers[SIGNATURE_HEADER])
    summary = json.loads(body)
    assert summary["id"] == job_id and summary["state"] == "done"
    assert summary["progress"] == {"done": 3, "total": 3}
    assert headers["Content-Type"] == "application/json"
    job = wait_for(jobs, job_id, lambda j: j.callback_state == "delivered", 5)
    assert job.callback_attempts == 1


def test_a_receiver_failing_twice_gets_the_third_try(
    client: FlaskClient, publisher: dict[str, str], jobs: JobService
) -> None:
    receiver = Receiver(failures=2)
    try:
        job_id = _run_job(client, publisher, jobs, receiver.url)
        assert receiver.arrived.wait(10)
    finally:
        receiver.close()
    assert len(receiver.received) == 3
    bodies = {body for _, body in receiver.received}
    assert len(bodies) == 1  # every attempt sends the same signed bytes
    job = wait_for(jobs, job_id, lambda j: j.callback_state == "delivered", 5)
    assert job.callback_attempts == 3
    shown = client.get(f"/api/v1/jobs/{job_id}", headers=publisher).get_json()
    assert shown["callback"] == {"url": receiver.url, "state": "delivered", "attempts": 3}


class _Store:
    """The two store calls the sender makes: one failed job, and what was recorded."""

    def __init__(self) -> None:
        self.recorded: list[tuple[str, int]] = []

    def get(self, job_id: str) -> Job:
        return Job(
            id=job_id,
            kind=JobKind.TRANSLATE,
            queue="q",
            state=JobState.FAILED,
            params={},
            key=None,
            owner=None,
            total=1,
            done=0,
            error="boom",
            result=None,
            callback_url="http://127.0.0.1:9/",
            callback_state=None,
            callback_attempts=0,
            runs=1,
            created_at=datetime.now(UTC),
            started_at=None,
            finished_at=None,
        )

    def record_callback(self, _job_id: str, state: str, attempts: int) -> None:
        self.recorded.append((state, attempts))


def test_a_receiver_that_never_accepts_is_given_up_with_backoff() -> None:
    sent: list[bytes] = []
    sleeps: list[float] = []
    store = _Store()
    sender = CallbackSender(
        store,  # type: ignore[arg-type]
        SECRET,
        attempts=4,
        backoff_seconds=0.5,
        post=lambda _url, body, _headers: sent.append(body) or 503,
        sleep=sleeps.append,
    )
    assert sender.deliver("j1") is False
    assert len(sent) == 4 and sleeps == [0.5, 1.0, 2.0]
    assert [state for state, _ in store.recorded] == ["retrying"] * 4 + ["failed"]
    assert store.recorded[-1] == ("failed", 4)
    assert verify(SECRET, sent[0], signature(SECRET, sent[0]))
