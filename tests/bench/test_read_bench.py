"""Benchmark of cached localized reads (``make bench``): one real ``mixlate serve`` with its
default workers and threads, 16 connections from ``wrk``, every row measured in the same run.
The rows take turns for ``ROUNDS`` short rounds and each keeps its best round, so a burst of
other work on the machine does not land on one row only.

Rows: ``/api/v1/health`` (the reference), the stored article through the API in ``en``
(goal ≥ 0.8× health's throughput), its reader page (goal ≥ 0.6×), and the API's ``304`` to
a client holding the ETag (goal ≥ 0.9×); p50 and p99 latencies are printed too.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from service.config import load_settings
from tests.articles.sample_page import sample_article
from tests.support.live import Server, mixlate_serve

pytestmark = pytest.mark.bench

CONNECTIONS = 16
SECONDS = 3
ROUNDS = 5
GOALS = {"article API": 0.8, "reader page": 0.6, "304": 0.9}
_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


@dataclass(frozen=True)
class Load:
    rate: float
    p50_ms: float
    p99_ms: float


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def wrk(url: str, headers: dict[str, str]) -> Load:
    """``wrk`` with CONNECTIONS connections for SECONDS; fails on any non-2xx/3xx answer."""
    flags = [part for name, value in headers.items() for part in ("-H", f"{name}: {value}")]
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", *flags, url]
    out = subprocess.run(command, capture_output=True, text=True, check=True, timeout=120).stdout
    assert "Non-2xx or 3xx" not in out and "Socket errors" not in out, out
    percentile = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", out, re.MULTILINE))
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    return Load(rate, _ms(percentile["50"]), _ms(percentile["99"]))


@pytest.fixture(scope="module")
def server(models_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Server:
    if shutil.which("wrk") is None:
        pytest.skip("wrk is not installed (apt-get install wrk)")
    defaults = load_settings({})
    with mixlate_serve(
        models_dir,
        tmp_path_factory.mktemp("read-bench"),
        {"site": "publisher"},
        workers=defaults.server_workers,
        threads=defaults.server_threads,
    ) as running:
        yield running


def test_cached_reads_cost_about_what_health_costs(server: Server) -> None:
    status, _, body = server.request(
        "POST", "/api/v1/articles", sample_article(), server.tokens["publisher"]
    )
    assert status == 201, body
    article_id = json.loads(body)["id"]
    api = f"{server.url}/api/v1/articles/{article_id}?locale=en"
    page = f"{server.url}/articles/{article_id}"
    status, headers, _ = server.request("GET", api[len(server.url) :])
    assert status == 200
    english = {"Accept-Language": "en"}
    assert server.request("GET", page[len(server.url) :], headers=english)[0] == 200
    etag = headers["ETag"]
    held = server.request("GET", api[len(server.url) :], headers={"If-None-Match": etag})
    assert held[0] == 304
    loads = {
        "health": (f"{server.url}/api/v1/health", {}),
        "article API": (api, {}),
        "reader page": (page, english),
        "304": (api, {"If-None-Match": etag}),
    }
    rounds = [{name: wrk(*load) for name, load in loads.items()} for _ in range(ROUNDS)]
    rows = {name: max((r[name] for r in rounds), key=lambda load: load.rate) for name in loads}
    reference = rows["health"].rate
    print(f"\n{'row':<12} {'req/s':>8} {'ratio':>6} {'goal':>6} {'p50 ms':>8} {'p99 ms':>8}")
    for name, load in rows.items():
        goal = f"≥{GOALS[name]}" if name in GOALS else ""
        print(
            f"{name:<12} {load.rate:>8.0f} {load.rate / reference:>6.2f} {goal:>6} "
            f"{load.p50_ms:>8.2f} {load.p99_ms:>8.2f}"
        )
    for name, goal in GOALS.items():
        assert rows[name].rate >= goal * reference, (name, rows[name], reference)
