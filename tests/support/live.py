"""A real ``mixlate serve`` (gunicorn, several worker processes) on a free loopback port.

It runs on a copy of the shipped catalogs, the test models and a database of its own; tokens
are made with ``mixlate tokens create`` before it starts (which also creates the database,
so that two workers never migrate a fresh SQLite file at once).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    tokens: dict[str, dict[str, str]]

    def request(self, method: str, path: str, body: object = None, headers=None):  # noqa: ANN001, ANN201
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]


def _token(env: dict[str, str], name: str, role: str) -> dict[str, str]:
    command = [sys.executable, "-m", "service", "tokens", "create"]
    created = subprocess.run(
        [*command, "--role", role, "--name", name],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return {"Authorization": f"Bearer {created.stdout.strip()}"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _health(server: Server) -> int:
    try:
        return server.request("GET", "/api/v1/health")[0]
    except OSError:
        return 0


@contextmanager
def mixlate_serve(
    models_dir: Path,
    directory: Path,
    roles: dict[str, str],
    workers: int = 2,
    threads: int = 4,
    **env_overrides: str,
) -> Iterator[Server]:
    """``mixlate serve`` with ``workers`` processes; ``roles`` maps token names to roles, and
    ``Server.tokens`` maps each role to its Authorization header."""
    shutil.copytree(ROOT / "locales", directory / "locales")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(ROOT),
        "MIXLATE_DATA_DIR": str(directory / "data"),
        "MIXLATE_MODELS_DIR": str(models_dir),
        "MIXLATE_LOCALES_DIR": str(directory / "locales"),
        "MIXLATE_DATABASE_URL": f"sqlite:///{directory / 'data' / 'mixlate.db'}",
        **env_overrides,
    }
    tokens = {role: _token(env, name, role) for name, role in roles.items()}
    port = free_port()
    command = [sys.executable, "-m", "service", "serve", "--workers", str(workers)]
    process = subprocess.Popen(
        [*command, "--threads", str(threads), "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    running = Server(f"http://127.0.0.1:{port}", process, tokens)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, "mixlate serve exited"
            if len(running.workers()) == workers and _health(running) == 200:
                break
            assert time.monotonic() < deadline, "mixlate serve did not come up"
            time.sleep(0.2)
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
