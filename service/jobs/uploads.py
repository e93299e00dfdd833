"""The uploaded documents of ``document`` jobs, in the database every node shares.

A web node stores the upload with the job (one transaction), so a worker on any machine can
read it. The upload, and the job's stored runs (the document's text and its translation), are
kept while the job may still run (a resumed job reads them again): ``sweep`` deletes them
once the job has ended (done, failed, cancelled) and that end is committed, so a job
redelivered before then still finds them. From then on the translated file, which
expires, is the only copy.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select

from service.jobs.model import JobKind, JobState
from service.store import Database
from service.store.tables import JobRow, JobUnitRow, JobUploadRow

_FINISHED = tuple(state.value for state in JobState if state.finished)


@dataclass(frozen=True, slots=True)
class Upload:
    """An uploaded document: the name it was sent under and its bytes."""

    filename: str
    data: bytes


class JobUploads:
    """Every read and write of job uploads."""

    def __init__(self, database: Database) -> None:
        self.database = database

    @staticmethod
    def row(job_id: str, upload: Upload) -> JobUploadRow:
        """The row storing ``upload`` for ``job_id`` (added with the job, see ``JobStore``)."""
        return JobUploadRow(job_id=job_id, filename=upload.filename, data=upload.data)

    def get(self, job_id: str) -> Upload | None:
        with self.database.session() as session:
            row = session.get(JobUploadRow, job_id)
            return None if row is None else Upload(row.filename, row.data)

    def discard(self, job_id: str) -> None:
        """Delete the job's upload and its stored runs."""
        with self.database.session() as session:
            session.execute(delete(JobUploadRow).where(JobUploadRow.job_id == job_id))
            session.execute(delete(JobUnitRow).where(JobUnitRow.job_id == job_id))

    def sweep(self, job_id: str | None = None) -> int:
        """Delete the uploads and runs of finished document jobs (of ``job_id`` only, when
        given: called once its end is committed); returns how many uploads."""
        finished = select(JobRow.id).where(
            JobRow.kind == JobKind.DOCUMENT.value, JobRow.state.in_(_FINISHED)
        )
        if job_id is not None:
            finished = finished.where(JobRow.id == job_id)
        with self.database.session() as session:
            gone = session.execute(delete(JobUploadRow).where(JobUploadRow.job_id.in_(finished)))
            session.execute(delete(JobUnitRow).where(JobUnitRow.job_id.in_(finished)))
            return gone.rowcount
