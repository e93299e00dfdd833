"""``mixlate serve``: the app under gunicorn (processes × threads, one model copy each)."""

from __future__ import annotations

import argparse
import logging
import os
import shutil
from pathlib import Path
from typing import Any

from gunicorn.app.base import BaseApplication

from service.config import MULTIPROCESS_DIR_VARIABLE, Settings, load_settings
from service.heap import freeze_startup_heap


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("serve", help="serve the HTTP API and pages")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=None, help="processes (MIXLATE_WORKERS)")
    parser.add_argument("--threads", type=int, default=None, help="threads per process")
    parser.set_defaults(func=run)


class _Server(BaseApplication):
    """gunicorn running the app factory in each worker process."""

    def __init__(self, options: dict[str, Any], settings: Settings) -> None:
        self.options = options
        self.settings = settings
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):  # noqa: ANN201
        from service import create_app

        app = create_app(self.settings)
        runtime = app.extensions["mixlate"]
        runtime.log_startup()
        runtime.prepare_to_serve()
        freeze_startup_heap()
        return app


def _fresh_metrics_dir(directory: Path) -> None:
    """Where worker processes share their metrics; emptied so no dead worker's counts remain.

    Set before anything imports prometheus_client, which picks its mode on first import.
    """
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    os.environ.setdefault(MULTIPROCESS_DIR_VARIABLE, str(directory))


def _worker_exited(_server: object, worker: Any) -> None:
    from service.metrics import mark_process_dead

    mark_process_dead(worker.pid)


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    settings = load_settings()
    # The app sizes what may hold a request thread (waiting translations, document waits)
    # by the threads gunicorn really runs.
    settings = settings.with_overrides(
        server_workers=args.workers or settings.server_workers,
        server_threads=args.threads or settings.server_threads,
    )
    _fresh_metrics_dir(settings.data_dir / "prometheus")
    _Server(
        {
            "child_exit": _worker_exited,
            "bind": f"{args.host}:{args.port}",
            "workers": settings.server_workers,
            "threads": settings.server_threads,
            "worker_class": "gthread",
            "timeout": 300,
            "graceful_timeout": 30,
            "accesslog": "-",
        },
        settings,
    ).run()
    return 0
