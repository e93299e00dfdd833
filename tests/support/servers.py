"""A real HTTP server on 127.0.0.1 running a Flask app in a background thread (waitress)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask
from waitress import wasyncore
from waitress.server import create_server


@contextmanager
def serve_in_thread(app: Flask, threads: int = 8, **options: object) -> Iterator[str]:
    """Serve ``app`` on a free loopback port; yields its base URL (no trailing slash).

    The server has a socket map of its own, so stopping it closes only its own connections.
    ``options`` go to waitress (e.g. ``channel_request_lookahead``).
    """
    channels: dict = {}
    server = create_server(
        app, map=channels, host="127.0.0.1", port=0, threads=threads, **options
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        try:
            server.trigger.pull_trigger(lambda: wasyncore.close_all(channels))
        except OSError:
            # The loop has already closed its trigger (it ends when its map empties), so
            # nothing is polling the channels any more: close them from here.
            wasyncore.close_all(channels)
        thread.join(timeout=10)
        server.task_dispatcher.shutdown()
