"""Metrics under ``mixlate serve`` with two worker processes: every scrape sums them all."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

from tests.support.live import mixlate_serve


def _health_requests(text: str) -> float:
    for family in text_string_to_metric_families(text):
        if family.name == "mixlate_http_requests":
            return sum(
                s.value
                for s in family.samples
                if s.name.endswith("_total") and s.labels["endpoint"] == "/api/v1/health"
            )
    return 0.0


def test_counts_are_shared_by_every_worker(models_dir: Path, tmp_path: Path) -> None:
    with mixlate_serve(models_dir, tmp_path, {}, workers=2, threads=2) as server:
        before = _health_requests(server.request("GET", "/metrics")[2].decode())
        with ThreadPoolExecutor(8) as pool:
            statuses = list(
                pool.map(lambda _: server.request("GET", "/api/v1/health")[0], range(40))
            )
        assert statuses == [200] * 40
        scrapes = [
            _health_requests(server.request("GET", "/metrics")[2].decode()) for _ in range(6)
        ]
    # Whichever worker answers the scrape, it reports both workers' requests.
    assert all(count >= before + 40 for count in scrapes), (before, scrapes)


def test_the_cli_does_not_import_prometheus_before_serve_sets_its_folder() -> None:
    probe = "import sys, service.cli; sys.exit('prometheus_client' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", probe], timeout=60).returncode == 0
