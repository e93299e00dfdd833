"""A client that disconnects while its translation waits: the work is dropped before decoding."""

from __future__ import annotations

import json
import socket
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from service.config import Settings
from service.engine import ModelScheduler
from service.http.disconnect import caller_check, peer_closed
from tests.engine.test_scheduler import Gate, _hold, _scheduler, _tokens, _wait_for
from tests.support.apps import make_app
from tests.support.servers import serve_in_thread

LEFT = "Where does the night train to Vienna leave from?"


def _caller_left(scheduler: ModelScheduler, tokens: list[str]) -> bool:
    """Whether the check of every caller waiting for ``tokens`` says it left."""
    entry = scheduler._pending.get(tuple(tokens))
    return entry is not None and all(
        ticket.gone is not None and ticket.gone() for ticket, _ in entry.waiters
    )


def test_peer_closed_tells_a_closed_socket_from_an_open_or_busy_one() -> None:
    ours, theirs = socket.socketpair()
    try:
        assert not peer_closed(ours)
        theirs.sendall(b"GET / HTTP/1.1\r\n")  # a pipelined request: still there
        assert not peer_closed(ours)
        assert ours.recv(64)  # the peek consumed nothing
        theirs.close()
        assert peer_closed(ours)
    finally:
        ours.close()


def test_the_check_comes_from_the_wsgi_server_or_is_absent() -> None:
    ours, theirs = socket.socketpair()
    try:
        check = caller_check({"gunicorn.socket": ours})
        assert check is not None and not check()
        theirs.close()
        assert check()
    finally:
        ours.close()
    waitress = lambda: True  # noqa: E731
    assert caller_check({"waitress.client_disconnected": waitress}) is waitress
    assert caller_check({}) is None


def test_a_client_that_leaves_while_queued_has_its_work_dropped(
    settings: Settings, tmp_path: Path
) -> None:
    app = make_app(settings, tmp_path, ct2_inter_threads=1)
    engine = app.extensions["mixlate"].engine
    gate = Gate(engine)
    body = json.dumps({"text": LEFT, "source": "en", "target": "zh-Hans"}).encode()
    with serve_in_thread(app, channel_request_lookahead=1) as url, ThreadPoolExecutor(2) as pool:
        held = _hold(engine, gate, pool)
        port = int(url.rsplit(":", 1)[1])
        client = socket.create_connection(("127.0.0.1", port))
        client.sendall(
            b"POST /api/v1/translate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        _wait_for(lambda: _scheduler(engine).stats().queued_sentences >= 1)
        client.close()
        left = _tokens(engine, LEFT, "en", "zh")
        _wait_for(lambda: _caller_left(_scheduler(engine), left))  # waitress has seen the close
        gate.release.set()
        held.result(timeout=60)
        _wait_for(lambda: _scheduler(engine).stats().dropped >= 1)
    assert all(left not in batch for batch in gate.batches)
    assert _scheduler(engine).stats().dropped == 1
