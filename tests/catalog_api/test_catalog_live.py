"""A catalog edit reaches every worker of a running ``mixlate serve`` as soon as the PUT returns.

The service runs for real: gunicorn with two worker processes of four threads each, on a
copy of the shipped catalogs, the test models and a database of its own.
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
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.articles.sample_page import sample_article

ROOT = Path(__file__).resolve().parents[2]
EDITED = "相关报道（刚改）"


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
    """A token made with ``mixlate tokens create``.

    Run before the server starts, it also creates the database: two workers migrating a
    fresh SQLite database at once can fail to boot (a known problem of service.store).
    """
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


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(models_dir: Path, tmp_path: Path) -> Iterator[Server]:
    shutil.copytree(ROOT / "locales", tmp_path / "locales")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(ROOT),
        "MIXLATE_DATA_DIR": str(tmp_path / "data"),
        "MIXLATE_MODELS_DIR": str(models_dir),
        "MIXLATE_LOCALES_DIR": str(tmp_path / "locales"),
        "MIXLATE_DATABASE_URL": f"sqlite:///{tmp_path / 'data' / 'mixlate.db'}",
    }
    tokens = {
        role: _token(env, name, role)
        for name, role in (("site", "publisher"), ("ana", "localizer"))
    }
    port = _free_port()
    command = [sys.executable, "-m", "service", "serve", "--workers", "2", "--threads", "4"]
    process = subprocess.Popen(
        [*command, "--port", str(port)],
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
            if len(running.workers()) == 2 and _health(running) == 200:
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


def _health(server: Server) -> int:
    try:
        return server.request("GET", "/api/v1/health")[0]
    except OSError:
        return 0


def test_an_edit_is_served_by_every_worker_at_once(server: Server) -> None:
    publisher, localizer = server.tokens["publisher"], server.tokens["localizer"]
    status, _, body = server.request("POST", "/api/v1/articles", sample_article(), publisher)
    assert status == 201, body
    page = f"/articles/{json.loads(body)['id']}?lang=zh-Hans"

    def fetch(path: str) -> str:
        status, _, body = server.request("GET", path)
        assert status == 200, body[:500]
        return body.decode()

    assert "相关文章" in fetch(page)
    status, headers, _ = server.request("GET", "/api/v1/catalogs/zh-Hans")
    edit = {"msgid": "Related articles", "msgstr": EDITED}
    ticks = {pid: _cpu_ticks(pid) for pid in server.workers()}

    status, _, body = server.request(
        "PUT", "/api/v1/catalogs/zh-Hans/entries", edit, {**localizer, "If-Match": headers["ETag"]}
    )
    assert status == 200, body
    paths = [page, "/api/v1/catalogs/zh-Hans?q=Related"] * 30
    with ThreadPoolExecutor(8) as pool:
        served = list(pool.map(fetch, paths))

    assert all(EDITED in text and "相关文章" not in text for text in served[0::2])
    assert all(json.loads(text)["entries"][0]["msgstr"] == EDITED for text in served[1::2])
    assert all(_cpu_ticks(pid) > before for pid, before in ticks.items()), "a worker sat idle"
