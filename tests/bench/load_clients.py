"""HTTP clients in a process of their own, so they do not share the server's GIL.

``python -m tests.bench.load_clients URL CLIENTS`` reads a JSON list of request bodies on
stdin, POSTs them from CLIENTS threads, and prints a JSON list of [status, retry_after,
seconds] in completion order.
"""

from __future__ import annotations

import json
import sys
import threading
import time
import urllib.request
from collections import deque
from urllib.error import HTTPError


def post(url: str, body: dict) -> tuple[int, str | None, float]:
    """POST ``body`` as JSON: (status, the Retry-After header, seconds)."""
    request = urllib.request.Request(
        url, json.dumps(body).encode(), {"Content-Type": "application/json"}
    )
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            response.read()
            status, retry = response.status, response.headers.get("Retry-After")
    except HTTPError as error:
        error.read()
        status, retry = error.code, error.headers.get("Retry-After")
    return status, retry, time.perf_counter() - started


def main() -> None:
    url, clients = sys.argv[1], int(sys.argv[2])
    todo = deque(json.load(sys.stdin))
    outcomes: list[tuple[int, str | None, float]] = []
    start = threading.Barrier(clients)

    def client() -> None:
        start.wait()
        while True:
            try:
                body = todo.popleft()
            except IndexError:
                return
            outcomes.append(post(url, body))

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    json.dump(outcomes, sys.stdout)


if __name__ == "__main__":
    main()
