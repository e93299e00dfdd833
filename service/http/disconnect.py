"""Whether a request's client is still there, so the scheduler drops the work of one who left.

Each request runs inside ``watching_caller`` with a check made from what the WSGI server
offers: waitress's ``waitress.client_disconnected``, or a peek at gunicorn's client socket
(``gunicorn.socket``: end of stream means the client closed it; bytes waiting, such as a
pipelined next request, mean it is still there). Under servers that offer neither (the test
client), nothing is checked. The check is only called for a request that waits on the
scheduler: by a batch loop about to decode its work, and by the waiting request once a second;
the loop's call comes from another thread, which a peek or waitress's flag allows.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Mapping
from contextlib import ExitStack
from typing import Any

from flask import Flask, g, request

from service.engine import watching_caller


def peer_closed(sock: socket.socket) -> bool:
    """Whether the other end of ``sock`` has closed it (never blocks, never consumes data)."""
    try:
        return sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except (BlockingIOError, InterruptedError):
        return False  # open, nothing sent
    except ValueError:
        return False  # a TLS socket cannot peek: assume the client is there
    except OSError:
        return True  # reset or already closed


def caller_check(environ: Mapping[str, Any]) -> Callable[[], bool] | None:
    """A function telling whether this request's client left, or None when none can tell."""
    check = environ.get("waitress.client_disconnected")
    if callable(check):
        return check
    sock = environ.get("gunicorn.socket")
    if isinstance(sock, socket.socket):
        return lambda: peer_closed(sock)
    return None


def install_disconnect_watch(app: Flask) -> None:
    """Run every request of ``app`` with its client watched (see the module's contract)."""

    @app.before_request
    def _watch() -> None:
        g.mixlate_watch = ExitStack()
        g.mixlate_watch.enter_context(watching_caller(caller_check(request.environ)))

    @app.teardown_request
    def _unwatch(_error: BaseException | None) -> None:
        watch = g.pop("mixlate_watch", None)
        if watch is not None:
            watch.close()
