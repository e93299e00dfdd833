"""Job rows in the database: creation, claims with a renewable lease, unit results, outcome.

A worker *claims* a job before running it: the claim succeeds when nobody holds the job's
lease or the lease expired (its holder died), and every batch of results renews it. So a
message redelivered by the broker while the first worker still runs the job is turned away
(and retried once the lease would have expired), while a job whose worker was killed is
taken over. Unit results are inserted ignoring duplicates: the first write of a unit wins.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, update

from service.jobs.model import Job, JobKind, JobNotFound, JobState, JobUnit
from service.store import Database
from service.store.tables import JobRow, JobUnitRow

_ACTIVE = (JobState.QUEUED.value, JobState.RUNNING.value)
INTERACTIVE = "interactive"


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes; every stored time is UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def _job(row: JobRow) -> Job:
    return Job(
        id=row.id,
        kind=JobKind(row.kind),
        queue=row.queue,
        state=JobState(row.state),
        params=row.params,
        key=row.key,
        owner=row.owner,
        total=row.total,
        done=row.done,
        error=row.error,
        result=row.result,
        callback_url=row.callback_url,
        callback_state=row.callback_state,
        callback_attempts=row.callback_attempts,
        runs=row.runs,
        created_at=_aware(row.created_at),  # type: ignore[arg-type]
        started_at=_aware(row.started_at),
        finished_at=_aware(row.finished_at),
    )


@dataclass(frozen=True)
class Claim:
    """The outcome of a claim: the job to run, or why not (finished, or busy for a while)."""

    job: Job | None
    busy_seconds: float = 0.0


class JobStore:
    """Every read and write of job rows."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def create(
        self,
        kind: JobKind,
        queue: str,
        params: Mapping[str, Any],
        total: int,
        *,
        key: str | None = None,
        owner: str | None = None,
        callback_url: str | None = None,
        with_rows: Callable[[str], Iterable[object]] = lambda _job_id: (),
    ) -> Job:
        """A new queued job; ``with_rows(job_id)``: rows stored in the same transaction (a
        document job's upload), so the job never exists without them."""
        row = JobRow(
            id=uuid.uuid4().hex,
            kind=kind.value,
            queue=queue,
            state=JobState.QUEUED.value,
            params=dict(params),
            key=key,
            owner=owner,
            total=total,
            done=0,
            callback_url=callback_url,
            callback_attempts=0,
            runs=0,
            created_at=_now(),
        )
        with self.database.session() as session:
            session.add(row)
            session.add_all(list(with_rows(row.id)))
        return _job(row)

    def get(self, job_id: str) -> Job:
        """The job; raises JobNotFound."""
        with self.database.session() as session:
            row = session.get(JobRow, job_id)
            if row is None:
                raise JobNotFound(job_id)
            return _job(row)

    def list(self, limit: int = 50, state: JobState | None = None) -> list[Job]:
        """The newest jobs first."""
        query = select(JobRow).order_by(JobRow.created_at.desc()).limit(limit)
        if state is not None:
            query = query.where(JobRow.state == state.value)
        with self.database.session() as session:
            return [_job(row) for row in session.scalars(query)]

    def unfinished(self) -> list[Job]:
        """Queued and running jobs, oldest first (what a restart resumes)."""
        query = select(JobRow).where(JobRow.state.in_(_ACTIVE)).order_by(JobRow.created_at)
        with self.database.session() as session:
            return [_job(row) for row in session.scalars(query)]

    def active_for_key(self, key: str) -> Job | None:
        """The newest queued or running job producing ``key``."""
        query = (
            select(JobRow)
            .where(JobRow.key == key, JobRow.state.in_(_ACTIVE))
            .order_by(JobRow.created_at.desc())
            .limit(1)
        )
        with self.database.session() as session:
            row = session.scalars(query).first()
            return None if row is None else _job(row)

    def cancel(self, job_id: str) -> Job:
        """Cancel a queued or running job (a finished one stays as it is); raises JobNotFound."""
        with self.database.session() as session:
            session.execute(
                update(JobRow)
                .where(JobRow.id == job_id, JobRow.state.in_(_ACTIVE))
                .values(state=JobState.CANCELLED.value, finished_at=_now())
            )
        return self.get(job_id)

    def claim(self, job_id: str, owner: str, lease_seconds: float) -> Claim:
        """Take the job for ``owner`` unless another live worker holds it."""
        now = _now()
        with self.database.session() as session:
            taken = session.execute(
                update(JobRow)
                .where(
                    JobRow.id == job_id,
                    JobRow.state.in_(_ACTIVE),
                    or_(
                        JobRow.lease_owner.is_(None),
                        JobRow.lease_owner == owner,
                        JobRow.lease_until < now,
                    ),
                )
                .values(
                    state=JobState.RUNNING.value,
                    lease_owner=owner,
                    lease_until=now + timedelta(seconds=lease_seconds),
                    runs=JobRow.runs + 1,
                    started_at=func.coalesce(JobRow.started_at, now),
                )
            ).rowcount
            row = session.get(JobRow, job_id)
            if row is None or JobState(row.state).finished:
                return Claim(None)
            if not taken:
                until = _aware(row.lease_until) or now
                return Claim(None, max(0.5, (until - now).total_seconds()))
            return Claim(_job(row))

    def renew(self, job_id: str, owner: str, lease_seconds: float) -> JobState | None:
        """Extend ``owner``'s lease; the job's state, or None if the lease was lost."""
        with self.database.session() as session:
            session.execute(
                update(JobRow)
                .where(JobRow.id == job_id, JobRow.lease_owner == owner)
                .values(lease_until=_now() + timedelta(seconds=lease_seconds))
            )
            row = session.get(JobRow, job_id)
            if row is None or row.lease_owner != owner:
                return None
            return JobState(row.state)

    def release(self, job_id: str, owner: str) -> None:
        """Give the lease back (a clean shutdown), so the next start resumes at once."""
        with self.database.session() as session:
            session.execute(
                update(JobRow)
                .where(JobRow.id == job_id, JobRow.lease_owner == owner)
                .values(lease_owner=None, lease_until=None)
            )

    def write_units(self, job_id: str, owner: str, results: Mapping[int, dict[str, Any]]) -> None:
        """Store unit results (a unit stored already keeps its first result); update progress."""
        rows = [
            {"job_id": job_id, "position": position, "result": result, "written_by": owner}
            for position, result in results.items()
        ]
        self.database.insert_ignoring_duplicates(JobUnitRow.__table__, rows)
        with self.database.session() as session:
            count = select(func.count()).where(JobUnitRow.job_id == job_id).scalar_subquery()
            session.execute(update(JobRow).where(JobRow.id == job_id).values(done=count))

    def stored_positions(self, job_id: str) -> set[int]:
        with self.database.session() as session:
            query = select(JobUnitRow.position).where(JobUnitRow.job_id == job_id)
            return set(session.scalars(query))

    def units(self, job_id: str) -> list[JobUnit]:
        """Every stored unit result, in position order."""
        query = select(JobUnitRow).where(JobUnitRow.job_id == job_id).order_by(JobUnitRow.position)
        with self.database.session() as session:
            return [JobUnit(r.position, r.result, r.written_by) for r in session.scalars(query)]

    def finish(
        self,
        job_id: str,
        owner: str,
        state: JobState,
        *,
        error: str | None = None,
        result: dict[str, Any] | None = None,
    ) -> bool:
        """End ``owner``'s running job in ``state``; False if it was cancelled or taken over."""
        with self.database.session() as session:
            ended = session.execute(
                update(JobRow)
                .where(
                    JobRow.id == job_id,
                    JobRow.state == JobState.RUNNING.value,
                    JobRow.lease_owner == owner,
                )
                .values(
                    state=state.value,
                    error=error,
                    result=result,
                    finished_at=_now(),
                    lease_owner=None,
                    lease_until=None,
                )
            ).rowcount
        return bool(ended)

    def raise_priority(self, job_id: str) -> None:
        """Mark the job as awaited by a person (``params["priority"]``: ``interactive``); its
        worker sees this between its checks and goes on at interactive priority."""
        with self.database.session() as session:
            row = session.get(JobRow, job_id)
            if row is not None and row.params.get("priority") != INTERACTIVE:
                row.params = {**row.params, "priority": INTERACTIVE}

    def record_callback(self, job_id: str, state: str, attempts: int) -> None:
        with self.database.session() as session:
            session.execute(
                update(JobRow)
                .where(JobRow.id == job_id)
                .values(callback_state=state, callback_attempts=attempts)
            )
