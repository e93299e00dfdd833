"""Document jobs on Celery: a ``mixlate worker`` with a data directory of its own (nodes share
no disk, only the database and the broker) reads the upload from the database, translates the
file and stores it where the web node serves it; on SQLite and on PostgreSQL."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path

import docx
import pytest

from service.config import Settings
from service.jobs import JobState
from service.runtime import Runtime
from tests.jobs.conftest import sentences, wait_for
from tests.jobs.workers import Worker, node, redis_broker
from tests.support.postgres import postgres_schema_url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str | None]:
    """None: the node's own SQLite file; else a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield None
        return
    with postgres_schema_url() as url:
        yield url


def _word(texts: list[str]) -> bytes:
    document = docx.Document()
    for text in texts:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_worker_on_another_disk_translates_an_uploaded_document(
    settings: Settings,
    tmp_path: Path,
    workers: Callable[..., Worker],
    database_url: str | None,
) -> None:
    web = tmp_path / "web"
    web.mkdir()
    app, env = node(settings, web, redis_broker(), database_url)
    runtime: Runtime = app.extensions["mixlate"]
    elsewhere = tmp_path / "worker-disk"
    elsewhere.mkdir()
    texts = sentences(25, seed=70)
    try:
        worker = workers({**env, "MIXLATE_DATA_DIR": str(elsewhere)})
        client = app.test_client()
        created = client.post(
            "/api/v1/files",
            data={"file": (io.BytesIO(_word(texts)), "a.docx"), "source": "en", "target": "fr"},
            content_type="multipart/form-data",
        )
        assert created.status_code == 202, created.get_json()
        worker.wait_ready()
        job = wait_for(runtime.jobs, created.get_json()["id"], lambda j: j.state.finished, 60)
        assert job.state == JobState.DONE and job.done == job.total == 25, job.error
        assert job.queue.endswith(".documents")
        body = client.get(created.headers["Location"]).get_json()
        download = client.get(body["translatedFileUrl"].removeprefix("http://localhost"))
        assert download.status_code == 200
        paragraphs = [p.text for p in docx.Document(io.BytesIO(download.data)).paragraphs]
        assert len(paragraphs) == 25 and all(paragraphs) and not set(paragraphs) & set(texts)
        assert not (elsewhere / "files").exists() and not (web / "files").exists()
    finally:
        runtime.close()
