"""HTTP clients in a process of their own, so they do not share the server's GIL.

``python -m tests.bench.load_clients URL CLIENTS`` reads a JSON list of request bodies on
stdin, POSTs them from CLIENTS concurrent clients, and prints a JSON list of [status,
retry_after, seconds] in completion order.

The clients are coroutines on one event loop, not threads: 64 Python threads each building
requests would queue for this process's own GIL, and that queueing (tens of milliseconds)
would be counted as the server's latency.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections import deque
from urllib.parse import urlsplit


async def post(host: str, port: int, path: str, body: dict) -> tuple[int, str | None, float]:
    """POST ``body`` as JSON on a new connection: (status, the Retry-After header, seconds)."""
    payload = json.dumps(body).encode()
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(payload)}\r\nConnection: close\r\n\r\n"
    ).encode()
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(head + payload)
    await writer.drain()
    status_line = await reader.readline()
    headers: dict[str, str] = {}
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    length = headers.get("content-length")
    await (reader.readexactly(int(length)) if length is not None else reader.read())
    seconds = time.perf_counter() - started
    writer.close()
    return int(status_line.split()[1]), headers.get("retry-after"), seconds


async def run(url: str, clients: int, bodies: list[dict]) -> list[tuple[int, str | None, float]]:
    """Every body POSTed to ``url`` by ``clients`` concurrent clients; outcomes as they end."""
    parts = urlsplit(url)
    host, port, path = parts.hostname or "127.0.0.1", parts.port or 80, parts.path or "/"
    todo = deque(bodies)
    outcomes: list[tuple[int, str | None, float]] = []

    async def client() -> None:
        while todo:
            outcomes.append(await post(host, port, path, todo.popleft()))

    await asyncio.gather(*(client() for _ in range(clients)))
    return outcomes


def main() -> None:
    url, clients = sys.argv[1], int(sys.argv[2])
    json.dump(asyncio.run(run(url, clients, json.load(sys.stdin))), sys.stdout)


if __name__ == "__main__":
    main()
