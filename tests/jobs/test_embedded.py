"""Jobs without a broker: the in-process runner, through the API and across a restart."""

from __future__ import annotations

import shutil
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from flask.testing import FlaskClient

from service.config import Settings
from service.jobs import JobService, JobState
from service.jobs.requests import TranslateJobRequest
from service.runtime import Runtime
from service.translation.plan import Target
from service.translation.translator import ContentTranslator, Item, ItemResult
from tests.jobs.conftest import sentences, wait_for
from tests.support.apps import SHIPPED_LOCALES


def _finished(job) -> bool:  # noqa: ANN001
    return job.state.finished


def test_a_bulk_job_runs_to_done_with_progress(
    client: FlaskClient, publisher: dict[str, str], jobs: JobService
) -> None:
    texts = sentences(24)
    created = client.post("/api/v1/jobs", json={"texts": texts, "target": "fr"}, headers=publisher)
    assert created.status_code == 202, created.get_json()
    location = created.headers["Location"]
    assert location == f"/api/v1/jobs/{created.get_json()['id']}"
    seen = []
    deadline = time.monotonic() + 30
    while True:
        body = client.get(location, headers=publisher).get_json()
        seen.append(body["progress"]["done"])
        if body["state"] in ("done", "failed"):
            break
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert body["state"] == "done", body
    assert body["progress"] == {"done": 24, "total": 24}
    assert seen == sorted(seen)
    assert len(body["results"]) == 24
    for text, result in zip(texts, body["results"], strict=True):
        assert isinstance(result["translation"], str) and result["translation"] != text
        assert "en" in result["languages"]


def test_html_documents_keep_their_markup(
    client: FlaskClient, publisher: dict[str, str], jobs: JobService
) -> None:
    documents = [f"<p>{text}</p><p><b>{text}</b></p>" for text in sentences(3)]
    body = {"texts": documents, "format": "html", "target": "fr"}
    created = client.post("/api/v1/jobs", json=body, headers=publisher).get_json()
    assert wait_for(jobs, created["id"], _finished, 30).state == JobState.DONE
    results = client.get(created["url"], headers=publisher).get_json()["results"]
    for document, result in zip(documents, results, strict=True):
        assert result["translation"].count("<p>") == 2 and "<b>" in result["translation"]
        assert result["translation"] != document


def test_cancel_stops_a_running_job(
    client: FlaskClient, publisher: dict[str, str], jobs: JobService
) -> None:
    created = client.post(
        "/api/v1/jobs", json={"texts": sentences(400), "target": "fr"}, headers=publisher
    ).get_json()
    wait_for(jobs, created["id"], lambda job: job.done > 0, 30)
    cancelled = client.delete(created["url"], headers=publisher)
    assert cancelled.status_code == 200
    assert cancelled.get_json()["state"] == "cancelled"
    time.sleep(0.5)  # a batch in progress may still be stored; nothing after it
    settled = jobs.get(created["id"]).done
    time.sleep(0.5)
    job = jobs.get(created["id"])
    assert job.state == JobState.CANCELLED
    assert job.done == settled < job.total
    assert "results" not in client.get(created["url"], headers=publisher).get_json()


def test_jobs_are_private_to_their_creator(
    client: FlaskClient, publisher: dict[str, str], runtime: Runtime
) -> None:
    created = client.post(
        "/api/v1/jobs", json={"texts": ["Hello there."], "target": "fr"}, headers=publisher
    ).get_json()
    other = {"Authorization": f"Bearer {runtime.tokens.create('other', 'publisher')}"}
    admin = {"Authorization": f"Bearer {runtime.tokens.create('boss', 'admin')}"}
    assert client.get(created["url"], headers=other).status_code == 404
    assert client.delete(created["url"], headers=other).status_code == 404
    assert client.get(created["url"], headers=admin).status_code == 200
    assert client.get(created["url"]).status_code == 401


def test_bad_job_requests_are_refused(client: FlaskClient, publisher: dict[str, str]) -> None:
    cases = [
        ({"texts": [], "target": "fr"}, 422, "texts"),
        ({"texts": ["a", 3], "target": "fr"}, 422, "texts[1]"),
        ({"texts": ["a"]}, 422, "target"),
        ({"texts": ["a"], "target": "fr", "colour": 1}, 422, "colour"),
        ({"texts": ["a"], "target": "fr", "callback_url": "ftp://x"}, 422, "callback_url"),
        ({"texts": ["a"], "target": "fr", "callback_url": "http://x/"}, 422, "callback_url"),
    ]
    for body, status, field in cases:
        response = client.post("/api/v1/jobs", json=body, headers=publisher)
        assert response.status_code == status, (body, response.get_json())
        assert field in response.get_json()["fields"]
    unknown = client.post(
        "/api/v1/jobs", json={"texts": ["a"], "target": "xx-nope"}, headers=publisher
    )
    assert unknown.status_code == 400
    assert client.get("/api/v1/jobs/nope", headers=publisher).status_code == 404


def _runtime(settings: Settings, directory: Path) -> Runtime:
    locales = directory / "locales"
    if not locales.exists():
        shutil.copytree(SHIPPED_LOCALES, locales)
    return Runtime(
        settings.with_overrides(
            data_dir=directory,
            locales_dir=locales,
            database_url=f"sqlite:///{directory / 'mixlate.db'}",
        )
    )


def test_a_restart_mid_job_resumes_and_does_each_unit_once(
    job_settings: Settings, tmp_path: Path
) -> None:
    total = 120
    first = _runtime(job_settings, tmp_path)
    request = TranslateJobRequest(tuple(sentences(total)), "text", "fr", None, None)
    job = first.jobs.translate(request)
    wait_for(first.jobs, job.id, lambda j: j.done >= 8, 30)
    first.close()  # stops between batches and gives the lease back
    stopped = first.job_store.get(job.id)
    assert stopped.state == JobState.RUNNING and 8 <= stopped.done < total

    second = _runtime(job_settings, tmp_path)
    recorder = _Recording(second.translator)
    second.__dict__["translator"] = recorder
    try:
        resumed = second.jobs  # building it resumes the unfinished jobs
        ended = wait_for(resumed, job.id, _finished, 60)
        assert ended.state == JobState.DONE and ended.done == total and ended.runs == 2
        units = second.job_store.units(job.id)
        assert [unit.position for unit in units] == list(range(total))
        writers = {unit.written_by.rsplit("/", 1)[0] for unit in units}
        assert len(writers) == 2
        mine = [u.position for u in units if u.written_by.startswith(second.job_executor.owner)]
        assert len(mine) == total - stopped.done
        # The second runtime translated exactly the units the first had not stored, once each.
        assert recorder.texts == [request.texts[position] for position in mine]
    finally:
        second.close()


class _Recording:
    """The real translator, recording the texts it is asked to translate."""

    def __init__(self, inner: ContentTranslator) -> None:
        self.inner = inner
        self.texts: list[str] = []

    def resolve_target(self, tag: str) -> Target:
        return self.inner.resolve_target(tag)

    def translate(self, items: Sequence[Item], *args: Any, **kwargs: Any) -> list[ItemResult]:
        self.texts += [item.text for item in items]
        return self.inner.translate(items, *args, **kwargs)
