"""A loopback Argos package index: ``index.json`` and the package files, over real HTTP.

Besides the packages it is given, the index lists two bad entries: ``en → es`` whose link
answers 404 (a broken link) and ``en → it`` whose archive is damaged (a corrupt download).
"""

from __future__ import annotations

import json
import socket
import threading
import zipfile
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.support.archives import damaged_copy

BROKEN_PAIR = ("en", "es")
CORRUPT_PAIR = ("en", "it")
_NAMES = {"es": "Spanish", "it": "Italian"}


def package_metadata(archive: Path) -> dict:
    """The metadata.json of a package archive."""
    with zipfile.ZipFile(archive) as zipped:
        name = next(n for n in zipped.namelist() if n.endswith("/metadata.json"))
        return json.loads(zipped.read(name))


def closed_port_url() -> str:
    """A loopback URL on which nothing listens (connections are refused)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


class _Handler(BaseHTTPRequestHandler):
    server: _IndexHTTPServer

    def do_GET(self) -> None:
        body = self.server.files.get(self.path.split("?")[0])
        self.server.requests.append(self.path)
        if body is None:
            self.send_error(404, "no such file")
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""


class _IndexHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    files: dict[str, bytes]
    requests: list[str]


class IndexServer:
    """Serves an index of ``packages`` ((from, to) → .argosmodel) on 127.0.0.1."""

    def __init__(self, packages: Mapping[tuple[str, str], Path], work_dir: Path) -> None:
        self._server = _IndexHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.requests = []
        port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{port}/"
        files: dict[str, bytes] = {}
        index = []
        for archive in packages.values():
            path = f"/packages/{archive.name}"
            files[path] = archive.read_bytes()
            index.append({**package_metadata(archive), "links": [self.url + path[1:]]})
        good = next(iter(packages.values()))
        corrupt = damaged_copy(good, work_dir / "corrupt.argosmodel")
        files["/packages/corrupt.argosmodel"] = corrupt.read_bytes()
        for (src, tgt), link in (
            (BROKEN_PAIR, self.url + "packages/missing.argosmodel"),
            (CORRUPT_PAIR, self.url + "packages/corrupt.argosmodel"),
        ):
            index.append(
                {
                    "package_version": "1.0",
                    "argos_version": "1.9.0",
                    "from_code": src,
                    "from_name": "English",
                    "to_code": tgt,
                    "to_name": _NAMES[tgt],
                    "type": "translate",
                    "links": [link],
                }
            )
        files["/index.json"] = json.dumps(index, indent=2).encode()
        self._server.files = files
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def requests(self) -> list[str]:
        """Paths requested so far."""
        return list(self._server.requests)

    def start(self) -> IndexServer:
        self._thread.start()
        return self

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> IndexServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()
