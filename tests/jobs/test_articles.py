"""Articles translated on publish: one job per locale at bulk priority, found stored by GET."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service.config import Settings
from service.engine import Priority
from service.jobs import JobState
from service.known.glossary import GlossaryEntry
from service.runtime import Runtime
from tests.articles.helpers import CountingTranslator
from tests.articles.sample_page import sample_article
from tests.jobs.conftest import wait_for
from tests.jobs.workers import Worker, node, redis_broker
from tests.support.apps import make_app

LOCALES = ["en", "zh-Hans", "zh-Hant"]


def _stored(runtime: Runtime, article_id: str, revision: int, locales: list[str]) -> bool:
    repository = runtime.articles.repository
    return all(repository.translation(article_id, revision, lo) is not None for lo in locales)


def _wait_stored(runtime: Runtime, article_id: str, revision: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not _stored(runtime, article_id, revision, LOCALES):
        assert time.monotonic() < deadline, "the translations were not all stored"
        time.sleep(0.05)


def test_publishing_with_locales_stores_every_translation_without_a_get(
    client: FlaskClient, publisher: dict[str, str], runtime: Runtime
) -> None:
    response = client.post(
        "/api/v1/articles", json=sample_article() | {"locales": LOCALES}, headers=publisher
    )
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert sorted(body["jobs"]) == sorted(LOCALES)
    for locale, job in body["jobs"].items():
        assert job["url"] == f"/api/v1/jobs/{job['id']}"
        assert runtime.jobs.get(job["id"]).params["locale"] == locale
    _wait_stored(runtime, body["id"], 1)
    for job in body["jobs"].values():
        assert wait_for(runtime.jobs, job["id"], lambda j: j.state.finished, 10).state == "done"
    assert runtime.articles.repository.translation_count(body["id"]) == 3
    served = client.get(f"/api/v1/articles/{body['id']}?locale=zh-Hans")
    assert served.status_code == 200 and served.headers["Content-Language"] == "zh-Hans"
    assert runtime.articles.repository.translation_count(body["id"]) == 3


def test_an_update_translates_the_new_revision(
    client: FlaskClient, publisher: dict[str, str], runtime: Runtime
) -> None:
    article = sample_article()
    created = client.post("/api/v1/articles", json=article, headers=publisher).get_json()
    assert "jobs" not in created  # no locales asked, and no site default
    article_id = created["id"]
    changed = article | {"title": "A new title for the second revision.", "locales": ["zh-Hans"]}
    updated = client.put(f"/api/v1/articles/{article_id}", json=changed, headers=publisher)
    assert updated.status_code == 200, updated.get_json()
    job_id = updated.get_json()["jobs"]["zh-Hans"]["id"]
    job = wait_for(runtime.jobs, job_id, lambda j: j.state.finished, 30)
    assert job.state == JobState.DONE and job.result["revision"] == 2
    assert runtime.articles.repository.translation(article_id, 2, "zh-Hans") is not None


def test_locales_that_cannot_be_served_are_refused(
    client: FlaskClient, publisher: dict[str, str], runtime: Runtime
) -> None:
    for locales, field in ((["zh-Hans", "tlh"], "locales[1]"), ("en", "locales")):
        response = client.post(
            "/api/v1/articles", json=sample_article() | {"locales": locales}, headers=publisher
        )
        assert response.status_code == 422
        assert field in response.get_json()["fields"]
    assert runtime.articles.page(1, 10)[1] == 0  # nothing stored


@pytest.fixture
def site_app(job_settings: Settings, tmp_path: Path) -> Iterator[Flask]:
    application = make_app(job_settings, tmp_path, article_locales=("zh-Hans", "xx", "en"))
    yield application
    application.extensions["mixlate"].close()


def test_the_site_default_locales_are_used_when_none_are_asked(site_app: Flask) -> None:
    runtime: Runtime = site_app.extensions["mixlate"]
    headers = {"Authorization": f"Bearer {runtime.tokens.create('site', 'publisher')}"}
    client = site_app.test_client()
    body = client.post("/api/v1/articles", json=sample_article(), headers=headers).get_json()
    assert sorted(body["jobs"]) == ["en", "zh-Hans"]  # "xx" cannot be served: left out


def test_respond_async_answers_202_with_the_job(
    client: FlaskClient, publisher: dict[str, str], runtime: Runtime
) -> None:
    created = client.post("/api/v1/articles", json=sample_article(), headers=publisher)
    url = f"/api/v1/articles/{created.get_json()['id']}?locale=zh-Hant"
    pending = client.get(url, headers={"Prefer": "respond-async"})
    assert pending.status_code == 202
    job_id = pending.get_json()["id"]
    assert pending.headers["Location"] == f"/api/v1/jobs/{job_id}"
    assert wait_for(runtime.jobs, job_id, lambda j: j.state.finished, 30).state == "done"
    again = client.get(url, headers={"Prefer": "respond-async"})
    assert again.status_code == 200  # stored now: served at once
    assert runtime.articles.repository.translation_count(created.get_json()["id"]) == 1


def test_a_get_while_the_job_runs_joins_it(
    client: FlaskClient, publisher: dict[str, str], runtime: Runtime
) -> None:
    counting = CountingTranslator(runtime.translator, delay=1.0)
    runtime.__dict__["translator"] = counting
    created = client.post(
        "/api/v1/articles", json=sample_article() | {"locales": ["zh-Hans"]}, headers=publisher
    ).get_json()
    job_id = created["jobs"]["zh-Hans"]["id"]
    wait_for(runtime.jobs, job_id, lambda j: j.state == JobState.RUNNING, 10)
    answers: list[Any] = []
    reader = threading.Thread(
        target=lambda: answers.append(
            client.get(f"/api/v1/articles/{created['id']}?locale=zh-Hans")
        )
    )
    reader.start()
    reader.join(30)
    assert answers and answers[0].status_code == 200
    # The reader waited for the job's translation, and raised the job to interactive: the
    # job went on at interactive priority (its pending sentences moved up, see raising).
    assert all(thread.startswith("mixlate-job") for thread, _ in counting.made)
    assert [priority for _, priority in counting.made] == [Priority.BULK, Priority.INTERACTIVE]
    assert runtime.jobs.get(job_id).params["priority"] == "interactive"
    assert runtime.articles.repository.translation_count(created["id"]) == 1


def test_publish_with_a_worker_stores_all_locales(
    settings: Settings, tmp_path: Path, workers: Callable[..., Worker]
) -> None:
    app, env = node(settings, tmp_path, redis_broker())
    runtime: Runtime = app.extensions["mixlate"]
    try:
        worker = workers(env)
        headers = {"Authorization": f"Bearer {runtime.tokens.create('site', 'publisher')}"}
        response = app.test_client().post(
            "/api/v1/articles", json=sample_article() | {"locales": LOCALES}, headers=headers
        )
        assert response.status_code == 201, response.get_json()
        worker.wait_ready()
        _wait_stored(runtime, response.get_json()["id"], 1)
        assert runtime.engine.stats.model_calls == 0  # the web node translated nothing
    finally:
        runtime.close()


def test_a_glossary_edit_is_refreshed_by_a_worker(
    settings: Settings, tmp_path: Path, workers: Callable[..., Worker]
) -> None:
    """The web node notices the change and queues the refresh; a worker translates it."""
    app, env = node(settings, tmp_path, redis_broker())
    runtime: Runtime = app.extensions["mixlate"]
    runtime.refresh_watch.seconds = 0  # looked at by the test, not by the watch's thread
    try:
        worker = workers(env)
        headers = {"Authorization": f"Bearer {runtime.tokens.create('site', 'publisher')}"}
        article = {"title": "The army held drills.", "body": "The talks resume.", "author": "A"}
        created = app.test_client().post(
            "/api/v1/articles", json=article | {"locales": ["zh-Hans"]}, headers=headers
        )
        assert created.status_code == 201, created.get_json()
        article_id = created.get_json()["id"]
        worker.wait_ready()
        deadline = time.monotonic() + 60
        while not _stored(runtime, article_id, 1, ["zh-Hans"]):
            assert time.monotonic() < deadline, "the translation was not stored"
            time.sleep(0.05)
        runtime.refresh_watch.check()  # the first look: nothing is stale
        runtime.glossary.add([GlossaryEntry("en", "army", "zh-Hans", "陆军部队")])
        assert runtime.refresh_watch.check() == 1
        deadline = time.monotonic() + 60
        while (
            "陆军部队"
            not in runtime.articles.repository.translation(article_id, 1, "zh-Hans")["texts"][
                "title"
            ]
        ):
            assert time.monotonic() < deadline, "the refresh was not stored"
            time.sleep(0.05)
        assert runtime.engine.stats.model_calls == 0  # the web node translated nothing
    finally:
        runtime.close()
