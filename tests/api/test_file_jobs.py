"""Large documents as background jobs (embedded runner): ``/api/v1/files`` and the job path of
``/translate_file``, on the real test models.

A file over the synchronous limits becomes a ``document`` job whose units are its runs:
progress rises run by run, the result opens with the format's library, a job can be
cancelled, the translated file expires, a bad file is refused before any job exists.
"""

from __future__ import annotations

import io
import time
from datetime import UTC, datetime, timedelta

import docx
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from service.jobs.model import JobKind
from service.jobs.requests import TranslateJobRequest
from service.store.tables import DocumentFileRow, JobRow, JobUnitRow, JobUploadRow
from tests.jobs.conftest import sentences
from tests.support.apps import AppFactory

_TARGET = {"source": "en", "target": "zh-Hans"}


def _job_app(app_factory: AppFactory, **overrides: object) -> Flask:
    """Every file a job (tiny sync limit), one run per batch, so progress shows run by run."""
    return app_factory(
        files_sync_max_bytes=64, job_chunk_items=1, job_workers=1, **overrides
    )


def _text(count: int, seed: int = 0) -> bytes:
    return "\n\n".join(sentences(count, seed)).encode()


def _word(count: int, seed: int = 0) -> bytes:
    document = docx.Document()
    for text in sentences(count, seed):
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _upload(client: FlaskClient, path: str, name: str, data: bytes, **headers: str):  # noqa: ANN202
    return client.post(
        path,
        data={"file": (io.BytesIO(data), name), **_TARGET},
        content_type="multipart/form-data",
        headers=headers,
    )


def _follow(client: FlaskClient, location: str, timeout: float = 60) -> tuple[dict, list[int]]:
    """Poll the job until it ends: its last state and every progress count seen."""
    seen: list[int] = []
    deadline = time.monotonic() + timeout
    while True:
        body = client.get(location).get_json()
        seen.append(body["progress"]["done"])
        if body["state"] in ("done", "failed", "cancelled"):
            return body, seen
        assert time.monotonic() < deadline, body
        time.sleep(0.005)


def _download(client: FlaskClient, url: str) -> bytes:
    response = client.get(url.removeprefix("http://localhost"))
    assert response.status_code == 200
    return response.data


def _count(app: Flask, table: type) -> int:
    with app.extensions["mixlate"].database.session() as session:
        return session.scalar(select(func.count()).select_from(table))


def test_a_large_text_file_is_a_job_whose_progress_rises_run_by_run(
    app_factory: AppFactory,
) -> None:
    app = _job_app(app_factory)
    client = app.test_client()
    created = _upload(client, "/api/v1/files", "notes.txt", _text(30))
    assert created.status_code == 202, created.get_json()
    location = created.headers["Location"]
    assert location == f"/api/v1/files/{created.get_json()['id']}"
    assert created.get_json()["progress"] == {"done": 0, "total": 30}
    body, seen = _follow(client, location)
    assert body["state"] == "done", body
    assert seen == sorted(seen) and seen[-1] == 30
    assert any(0 < done < 30 for done in seen), seen  # progress was seen between the ends
    assert body["filename"] == "notes.txt" and body["expires_at"] > body["finished_at"]
    paragraphs = _download(client, body["translatedFileUrl"]).decode().split("\n\n")
    assert len(paragraphs) == 30 and not set(paragraphs) & set(sentences(30))
    # Once done, the upload and the stored runs go: the expiring file is the only copy.
    gone_by = time.monotonic() + 10
    while _count(app, JobUploadRow) or _count(app, JobUnitRow):
        assert time.monotonic() < gone_by, "the upload outlived its job"
        time.sleep(0.02)


def test_a_large_docx_through_translate_file_waits_and_answers_like_libretranslate(
    app_factory: AppFactory,
) -> None:
    client = _job_app(app_factory).test_client()
    response = _upload(client, "/translate_file", "report.docx", _word(12, seed=3))
    assert response.status_code == 200, response.get_json()
    assert list(response.get_json()) == ["translatedFileUrl"]
    url = response.get_json()["translatedFileUrl"]
    translated = docx.Document(io.BytesIO(_download(client, url)))
    texts = [paragraph.text for paragraph in translated.paragraphs]
    assert len(texts) == 12 and all(texts) and not set(texts) & set(sentences(12, seed=3))


def test_translate_file_with_prefer_respond_async_answers_202_with_the_job(
    app_factory: AppFactory,
) -> None:
    client = _job_app(app_factory).test_client()
    response = _upload(
        client, "/translate_file", "report.docx", _word(4, seed=5), Prefer="respond-async"
    )
    assert response.status_code == 202, response.get_json()
    assert response.headers["Preference-Applied"] == "respond-async"
    body, _ = _follow(client, response.headers["Location"])
    assert body["state"] == "done"
    translated = docx.Document(io.BytesIO(_download(client, body["translatedFileUrl"])))
    assert len(translated.paragraphs) == 4


def test_a_small_file_is_still_translated_in_the_request(app: Flask) -> None:
    client = app.test_client()
    response = _upload(client, "/translate_file", "a.txt", _text(2, seed=9))
    assert response.status_code == 200
    assert list(response.get_json()) == ["translatedFileUrl"]
    assert app.extensions["mixlate"].jobs.list() == []


def test_a_cancelled_job_stops_and_leaves_nothing(app_factory: AppFactory) -> None:
    app = _job_app(app_factory)
    client = app.test_client()
    runtime = app.extensions["mixlate"]
    # Keep the one job thread busy, so the document job is still queued when cancelled.
    busy = runtime.jobs.translate(
        TranslateJobRequest(tuple(sentences(60, seed=40)), "text", "fr", None, None)
    )
    created = _upload(client, "/api/v1/files", "long.txt", _text(40, seed=11))
    location = created.headers["Location"]
    cancelled = client.delete(location)
    assert cancelled.status_code == 200 and cancelled.get_json()["state"] == "cancelled"
    runtime.jobs.cancel(busy.id)
    time.sleep(0.3)
    body = client.get(location).get_json()
    assert body["state"] == "cancelled" and "translatedFileUrl" not in body
    assert _count(app, JobUploadRow) == 0 and _count(app, DocumentFileRow) == 0
    assert client.delete(location).get_json()["state"] == "cancelled"  # stays as it is


def test_a_running_job_cancelled_stops_between_runs(app_factory: AppFactory) -> None:
    app = _job_app(app_factory)
    client = app.test_client()
    created = _upload(client, "/api/v1/files", "long.txt", _text(60, seed=21))
    location = created.headers["Location"]
    deadline = time.monotonic() + 30
    while client.get(location).get_json()["progress"]["done"] == 0:
        assert time.monotonic() < deadline
        time.sleep(0.005)
    client.delete(location)
    time.sleep(0.5)
    body = client.get(location).get_json()
    assert body["state"] == "cancelled" and body["progress"]["done"] < 60
    assert _count(app, DocumentFileRow) == 0


def test_the_translated_file_of_a_job_expires(app_factory: AppFactory) -> None:
    app = _job_app(app_factory, files_ttl_seconds=60)
    client = app.test_client()
    created = _upload(client, "/api/v1/files", "a.txt", _text(3, seed=30))
    body, _ = _follow(client, created.headers["Location"])
    name = body["translatedFileUrl"].rsplit("/", 1)[1]
    with app.extensions["mixlate"].database.session() as session:
        row = session.get(DocumentFileRow, name)
        row.created_at = datetime.now(UTC) - timedelta(seconds=61)  # type: ignore[union-attr]
    assert client.get(body["translatedFileUrl"].removeprefix("http://localhost")).status_code == 404
    assert _count(app, DocumentFileRow) == 0


def test_bad_or_too_large_files_are_refused_before_any_job(app_factory: AppFactory) -> None:
    app = _job_app(app_factory, files_max_bytes=4_000)
    client = app.test_client()
    bad = _upload(client, "/api/v1/files", "report.docx", b"PK\x03\x04" + b"\x00" * 300)
    assert bad.status_code == 400 and "damaged ZIP" in bad.get_json()["error"]
    assert _upload(client, "/api/v1/files", "a.csv", b"a,b\n").status_code == 400
    big = _upload(client, "/api/v1/files", "big.txt", b"word " * 2_000)
    assert big.status_code == 413 and "4000 bytes" in big.get_json()["error"]
    missing = client.post("/api/v1/files", data={"target": "zh-Hans"})
    assert missing.status_code == 400
    assert app.extensions["mixlate"].jobs.list() == []


def test_only_document_jobs_are_found_under_files(app_factory: AppFactory) -> None:
    app = _job_app(app_factory)
    client = app.test_client()
    runtime = app.extensions["mixlate"]
    other = runtime.jobs.translate(TranslateJobRequest(("Hello.",), "text", "fr", None, None))
    assert other.kind == JobKind.TRANSLATE
    for path in (f"/api/v1/files/{other.id}", "/api/v1/files/nope", f"/api/v1/files/{'0' * 32}"):
        assert client.get(path).status_code == 404
        assert client.delete(path).status_code == 404


def test_a_job_that_fails_is_a_503_to_retry_and_its_error_is_shown(
    app_factory: AppFactory,
) -> None:
    client = _job_app(app_factory).test_client()
    german = "Die Mitarbeiter arbeiten heute im Büro und morgen zu Hause.\n\n" * 3
    response = client.post(
        "/translate_file",
        data={"file": (io.BytesIO(german.encode()), "brief.txt"), "target": "zh-Hans",
              "source": "auto"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 503, response.get_json()
    assert response.headers["Retry-After"] == "5"
    body = response.get_json()
    assert body["state"] == "failed" and "de" in body["error"]
    job = client.get(f"/api/v1/files/{body['id']}").get_json()
    assert job["state"] == "failed" and job["error"] and "translatedFileUrl" not in job


def test_translate_file_answers_202_while_half_the_threads_wait_for_files(
    app_factory: AppFactory,
) -> None:
    app = _job_app(app_factory, server_threads=2)
    client = app.test_client()
    waiters = app.extensions["mixlate"].file_waiters
    assert waiters.acquire(blocking=False)  # the one request allowed to wait is waiting
    try:
        response = _upload(client, "/translate_file", "report.docx", _word(4, seed=7))
    finally:
        waiters.release()
    assert response.status_code == 202, response.get_json()
    body, _ = _follow(client, response.headers["Location"])
    assert body["state"] == "done"
    waited = _upload(client, "/translate_file", "report.docx", _word(4, seed=8))
    assert waited.status_code == 200 and "translatedFileUrl" in waited.get_json()


def test_a_large_file_from_a_language_no_model_translates_is_refused_before_any_job(
    app_factory: AppFactory,
) -> None:
    app = _job_app(app_factory)
    client = app.test_client()
    for path in ("/api/v1/files", "/translate_file"):
        response = client.post(
            path,
            data={"file": (io.BytesIO(_text(6)), "notes.txt"), "source": "fr", "target": "zh"},
            content_type="multipart/form-data",
        )
        assert response.status_code == 503, response.get_json()
        assert "mixlate models install fr" in response.get_json()["install"]
    assert _count(app, JobRow) == 0
