"""Callback destinations: internal addresses are refused (422 naming the field) unless allowed,
and a delivery connects to the address it checked (a re-pointed name cannot reach inside)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service.config import Settings, load_settings
from service.jobs import JobService, JobState
from service.jobs.callback_targets import CallbackPolicy, RefusedCallback
from service.jobs.callbacks import CallbackSender, pinned_post
from tests.jobs.conftest import sentences, wait_for
from tests.jobs.test_callbacks import SECRET, Receiver
from tests.support.apps import make_app

INTERNAL = [
    "http://127.0.0.1:8080/hook",
    "http://localhost/hook",
    "http://10.1.2.3/",
    "http://192.168.0.10/",
    "http://172.16.5.5/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[fe80::1]/",
    "http://0.0.0.0/",
]


def _resolve(table: dict[str, list[str]]):  # noqa: ANN202 (a fake resolver)
    def resolve(host: str, _port: int) -> list[str]:
        if host not in table:
            raise OSError("unknown host")
        return table[host]

    return resolve


@pytest.mark.parametrize("url", INTERNAL)
def test_internal_addresses_are_refused_by_default(url: str) -> None:
    policy = CallbackPolicy(resolve=_resolve({"localhost": ["127.0.0.1", "::1"]}))
    problem = policy.problem(url)
    assert problem is not None and "internal address" in problem


def test_a_public_address_and_a_name_resolving_to_one_are_allowed() -> None:
    policy = CallbackPolicy(resolve=_resolve({"hooks.example.com": ["93.184.216.34"]}))
    assert policy.problem("https://93.184.216.34/hook") is None
    assert policy.problem("https://hooks.example.com/hook") is None
    assert policy.target("https://hooks.example.com/hook").address == "93.184.216.34"


def test_a_name_with_any_internal_address_or_none_is_refused() -> None:
    table = {"mixed.example.com": ["93.184.216.34", "10.0.0.5"]}
    policy = CallbackPolicy(resolve=_resolve(table))
    assert "10.0.0.5" in (policy.problem("http://mixed.example.com/") or "")
    assert "does not resolve" in (policy.problem("http://nowhere.invalid/") or "")


def test_the_settings_allow_private_receivers_or_listed_ones() -> None:
    assert CallbackPolicy(allow_private=True).problem("http://127.0.0.1:9/") is None
    listed = CallbackPolicy(
        allow_hosts=("10.0.0.0/8", "hooks.internal"),
        resolve=_resolve({"hooks.internal": ["192.168.1.1"]}),
    )
    assert listed.problem("http://10.2.3.4/") is None
    assert listed.problem("http://hooks.internal/") is None
    assert listed.problem("http://192.168.1.1/") is not None
    settings = load_settings(
        {"MIXLATE_CALLBACK_ALLOW_PRIVATE": "1", "MIXLATE_CALLBACK_ALLOW_HOSTS": "10.0.0.0/8,a.b"}
    )
    assert settings.callback_allow_private
    assert settings.callback_allow_hosts == ("10.0.0.0/8", "a.b")
    assert not load_settings({}).callback_allow_private


class _HeldSender:
    """Stands in for the app's callback sender: it sends nothing."""

    def __call__(self, job_id: str) -> None:
        pass

    def close(self) -> None:
        pass


@pytest.fixture
def app(job_settings: Settings, tmp_path: Path) -> Iterator[Flask]:
    application = make_app(job_settings, tmp_path, callback_secret=SECRET)
    yield application
    application.extensions["mixlate"].close()


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/hook", "http://169.254.169.254/"])
def test_the_api_refuses_an_internal_callback_with_a_422_naming_the_field(
    client: FlaskClient, publisher: dict[str, str], jobs: JobService, url: str
) -> None:
    body = {"texts": sentences(1), "target": "fr", "callback_url": url}
    response = client.post("/api/v1/jobs", json=body, headers=publisher)
    assert response.status_code == 422
    fields = response.get_json()["fields"]
    assert list(fields) == ["callback_url"] and "internal address" in fields["callback_url"]
    assert jobs.list() == []


def test_a_name_re_pointed_inside_after_the_job_was_made_is_not_called(
    client: FlaskClient, publisher: dict[str, str], jobs: JobService
) -> None:
    """DNS rebinding: the name resolved to a public address when the job was made, and to
    the loopback receiver at delivery; the delivery checks again and sends nothing."""
    receiver = Receiver()
    table = {"hooks.example.com": ["93.184.216.34"]}
    policy = CallbackPolicy(resolve=_resolve(table))
    runtime = client.application.extensions["mixlate"]
    runtime.callback_policy = policy
    # The app's own sender would try the public address when the job ends and record its
    # retries after this test's delivery: only the delivery under test may run.
    runtime.__dict__["callbacks"] = _HeldSender()
    sender = CallbackSender(
        jobs.store, SECRET, attempts=3, backoff_seconds=0, post=pinned_post(policy)
    )
    try:
        url = f"http://hooks.example.com:{receiver.server.server_port}/hook"
        body = {"texts": sentences(1), "target": "fr", "callback_url": url}
        created = client.post("/api/v1/jobs", json=body, headers=publisher)
        assert created.status_code == 202, created.get_json()
        job_id = created.get_json()["id"]
        assert wait_for(jobs, job_id, lambda job: job.state.finished, 30).state == JobState.DONE
        table["hooks.example.com"] = ["127.0.0.1"]
        assert sender.deliver(job_id) is False
    finally:
        receiver.close()
        sender.close()
    assert receiver.received == []
    job = jobs.get(job_id)
    assert job.callback_state == "refused" and job.callback_attempts == 1


def test_a_delivery_connects_to_the_address_it_checked() -> None:
    """The URL names a host that resolves (for the policy) to the loopback receiver."""
    receiver = Receiver()
    policy = CallbackPolicy(
        allow_hosts=("127.0.0.1/32",), resolve=_resolve({"hooks.test": ["127.0.0.1"]})
    )
    try:
        url = f"http://hooks.test:{receiver.server.server_port}/hook?x=1"
        status = pinned_post(policy)(url, b"{}", {"Content-Type": "application/json"})
        assert receiver.arrived.wait(5)
    finally:
        receiver.close()
    assert status == 204
    [(headers, body)] = receiver.received
    assert body == b"{}" and headers["Host"].startswith("hooks.test")
    with pytest.raises(RefusedCallback):
        CallbackPolicy().target(url)
