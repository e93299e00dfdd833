"""``mixlate worker``: a Celery worker running jobs from the broker (``MIXLATE_BROKER_URL``).

One worker process holds one Runtime: its models and one batching scheduler per model, shared
by its ``--concurrency`` threads, so the sentences of concurrent jobs batch together. Queues
are per kind of work (``mixlate.translate``, ``mixlate.articles``, ``mixlate.catalogs``, the
prefix set by ``MIXLATE_QUEUE_PREFIX``); a machine can take only some of them with ``--queues``.
"""

from __future__ import annotations

import argparse
import os
import sys

from service.config import load_settings
from service.jobs.model import queue_names
from service.runtime import Runtime


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("worker", help="run background jobs from the broker")
    parser.add_argument(
        "--queues",
        help="comma-separated queues to take jobs from (default: all of MIXLATE_QUEUE_PREFIX)",
    )
    parser.add_argument(
        "--concurrency", type=int, default=2, help="jobs run at once (threads sharing models)"
    )
    parser.add_argument("--loglevel", default="info")
    parser.set_defaults(func=run)


def worker_argv(args: argparse.Namespace, prefix: str) -> list[str]:
    """The Celery worker command line for ``args`` (queues named with ``prefix``)."""
    queues = args.queues or ",".join(queue_names(prefix).values())
    return [
        "worker",
        "--pool=threads",
        f"--concurrency={max(1, args.concurrency)}",
        f"--queues={queues}",
        f"--hostname=mixlate-{os.getpid()}@%h",
        f"--loglevel={args.loglevel}",
        "--without-gossip",
        "--without-mingle",
    ]


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    if not settings.broker_url:
        print(
            "mixlate: MIXLATE_BROKER_URL is not set; without a broker jobs run inside "
            "'mixlate serve' and no worker is needed",
            file=sys.stderr,
        )
        return 2
    from service.jobs.celery_app import register_tasks  # Celery only where a broker is used

    runtime = Runtime(settings)
    app = runtime.celery
    register_tasks(app, runtime.job_executor)
    try:
        app.worker_main(worker_argv(args, settings.queue_prefix))
    finally:
        runtime.close()
    return 0
