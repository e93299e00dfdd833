"""``mixlate jobs``: list, show (``--follow``: a progress bar until it ends) and cancel jobs,
and ``suggest LOCALE``: catalog suggestions for every untranslated entry of a locale (also
``mixlate catalogs suggest LOCALE``, registered by ``add_suggest`` with the same code).

Without a broker, ``suggest`` runs its job in this process (the server's embedded runner
only resumes jobs when it starts); with one, it queues the job for the workers and, when
following, shows its progress bar until it ends.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
import threading
import time

from tqdm import tqdm

from service.catalogs import UnknownLocale
from service.config import load_settings
from service.jobs import JobNotFound, JobService, JobState
from service.jobs.model import Job, queue_names
from service.jobs.present import job_summary
from service.jobs.suggestions import check_reachable, untranslated_keys
from service.review.catalog_suggestions import SuggestionsUnavailable
from service.runtime import Runtime

_FOLLOW_SECONDS = 0.5


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("jobs", help="list, follow and cancel background jobs")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="the newest jobs")
    listing.add_argument("--state", choices=[state.value for state in JobState])
    listing.add_argument("--limit", type=int, default=20)
    listing.set_defaults(func=_list)
    show = actions.add_parser("show", help="one job as JSON")
    show.add_argument("job_id")
    show.add_argument("--follow", action="store_true", help="a progress bar until it ends")
    show.set_defaults(func=_show)
    cancel = actions.add_parser("cancel", help="cancel a queued or running job")
    cancel.add_argument("job_id")
    cancel.set_defaults(func=_cancel)
    add_suggest(actions, follow=False)


def add_suggest(actions: argparse._SubParsersAction, *, follow: bool) -> None:
    """Add ``suggest LOCALE`` to a command group; ``follow``: whether it follows the job (a
    progress bar) by default when a broker runs it (``--follow`` / ``--no-follow``)."""
    suggest = actions.add_parser(
        "suggest", help="machine suggestions (fuzzy) for every untranslated entry of a locale"
    )
    suggest.add_argument("locale")
    suggest.add_argument(
        "--follow",
        action=argparse.BooleanOptionalAction,
        default=follow,
        help="with a broker: show a progress bar until the job ends",
    )
    suggest.set_defaults(func=_suggest)


def _local(runtime: Runtime) -> JobService:
    # The store only: a command must not resume the server's jobs in its own process.
    queues = queue_names(runtime.settings.queue_prefix)
    return JobService(runtime.job_store, _NoDispatch(), lambda: runtime.translator, queues)


def _service() -> JobService:
    return _local(Runtime(load_settings()))


class _NoDispatch:
    def start(self) -> None: ...

    def dispatch(self, job: Job) -> None: ...

    def close(self) -> None: ...


def _line(job: Job) -> str:
    created = f"{job.created_at:%Y-%m-%d %H:%M:%S}"
    return f"{job.id}\t{job.kind.value}\t{job.state.value}\t{job.done}/{job.total}\t{created}"


def _list(args: argparse.Namespace) -> int:
    state = JobState(args.state) if args.state else None
    for job in _service().list(max(1, args.limit), state):
        print(_line(job))
    return 0


def follow(service: JobService, job_id: str, interval: float = _FOLLOW_SECONDS) -> Job:
    """Show a progress bar (on stderr) until the job ends; the job as it ended."""
    job = service.get(job_id)
    with tqdm(total=job.total, unit="unit", desc=job.kind.value, file=sys.stderr) as bar:
        while True:
            bar.update(job.done - bar.n)
            bar.set_postfix_str(job.state.value)
            if job.state.finished:
                return job
            time.sleep(interval)
            job = service.get(job_id)


def _show(args: argparse.Namespace) -> int:
    service = _service()
    try:
        job = follow(service, args.job_id) if args.follow else service.get(args.job_id)
    except JobNotFound as exc:
        print(f"mixlate: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(job_summary(job), indent=2, ensure_ascii=False))
    return 0 if job.state != JobState.FAILED else 1


def _cancel(args: argparse.Namespace) -> int:
    try:
        job = _service().cancel(args.job_id)
    except JobNotFound as exc:
        print(f"mixlate: {exc}", file=sys.stderr)
        return 1
    print(f"{job.id}\t{job.state.value}")
    return 0


def _suggest(args: argparse.Namespace) -> int:
    runtime = Runtime(load_settings())
    try:
        keys = untranslated_keys(runtime.catalogs, args.locale)
        check_reachable(runtime.translator, args.locale)
    except (UnknownLocale, SuggestionsUnavailable) as exc:
        print(f"mixlate: {exc}", file=sys.stderr)
        return 1
    queued = runtime.settings.broker_url
    service = runtime.jobs if queued else _local(runtime)
    try:
        job = service.suggest_catalog(args.locale, keys, f"cli:{getpass.getuser()}")
        if not queued:
            runner = threading.Thread(target=runtime.job_executor.run, args=(job.id,))
            runner.start()
            job = follow(service, job.id, interval=0.2)
            runner.join()
        elif args.follow:
            job = follow(service, job.id)
        print(json.dumps(job_summary(job), indent=2, ensure_ascii=False))
        return 0 if job.state != JobState.FAILED else 1
    finally:
        runtime.close()
