"""Temporary experiment (not committed): burst timeline and batch counts."""
from __future__ import annotations

import os
import threading
import time

import pytest

from service.engine.scheduler import ModelScheduler
from tests.bench import test_scheduler_bench as b
from tests.bench.test_scheduler_bench import base_settings  # noqa: F401
from tests.support.samples import sample_page_text

pytestmark = pytest.mark.bench
LOG: list = []
T0 = [0.0]


def _show(label, elapsed):
    n = [r for r in LOG]
    print(f"\n{label}: {elapsed:.3f}s batches={len(n)} mean_sent={sum(r[4] for r in n)/max(1,len(n)):.1f}")
    if os.environ.get("TL"):
        for row in LOG:
            print("  %-12s %-10s start=%.3f dur=%.3f n=%d tok=%d max=%d" % row)
    LOG.clear()


def test_try(base_settings, tmp_path, monkeypatch):
    target = os.environ.get("TARGET", "zh-Hans")
    orig = ModelScheduler._record

    def rec(self, batch, tokens, started, elapsed):
        LOG.append((str(self.model)[-12:], threading.current_thread().name[-10:], started - T0[0],
                    elapsed, len(batch), tokens, max(len(e.tokens) for e in batch)))
        return orig(self, batch, tokens, started, elapsed)

    monkeypatch.setattr(ModelScheduler, "_record", rec)
    paragraphs = [p for p in sample_page_text().split("\n\n") if p.strip()]
    ratios = []
    for run in range(int(os.environ.get("RUNS", "2"))):
        with b._server(base_settings, tmp_path / f"one{run}") as (url, runtime):
            LOG.clear(); T0[0] = time.perf_counter()
            status, _, single = b._post(url, {"texts": paragraphs, "target": target})
            _show("single", single)
        with b._server(base_settings, tmp_path / f"burst{run}") as (url, runtime):
            LOG.clear(); T0[0] = time.perf_counter()
            burst = b._burst(url, paragraphs, target)
            _show("burst", burst)
        ratios.append(burst / single)
        print(f"RATIO {burst / single:.3f}")
    print("RATIOS", " ".join(f"{r:.3f}" for r in ratios))
