"""The job store: a job and the rows it needs are stored together or not at all."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from service.jobs.model import JobKind
from service.jobs.store import JobStore
from service.jobs.uploads import JobUploads, Upload
from service.store import Database
from service.store.tables import JobRow, JobUploadRow


def _count(database: Database, table: type) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def test_a_document_job_never_exists_without_its_upload(database: Database) -> None:
    store, uploads = JobStore(database), JobUploads(database)
    upload = Upload("notes.txt", b"Hello.")
    job = store.create(
        JobKind.DOCUMENT, "q", {}, 1, with_rows=lambda job_id: [uploads.row(job_id, upload)]
    )
    assert uploads.get(job.id) == upload

    def broken(job_id: str) -> list[object]:
        return [JobUploadRow(job_id=job_id, filename=None, data=b"")]  # NOT NULL: refused

    with pytest.raises(IntegrityError):
        store.create(JobKind.DOCUMENT, "q", {}, 1, with_rows=broken)
    assert _count(database, JobRow) == 1 and _count(database, JobUploadRow) == 1
