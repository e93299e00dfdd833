"""Articles translated on publish by Celery workers (run by `make bench`): 1 vs 2 workers.

Eight distinct English articles (30 sentences each) are published with three locales each
(24 article jobs) to a web node on Redis; the time runs from the first publish until every
translation is stored. Each run has a fresh database, so no cache answers. The models are the
tiny test ones: the ratio shows how jobs spread over worker processes, not real-model speed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from service.config import Settings
from service.runtime import Runtime
from tests.jobs.conftest import sentences
from tests.jobs.workers import Worker, node, redis_broker, worker_processes

pytestmark = pytest.mark.bench

ARTICLES = 8
LOCALES = ["en", "zh-Hans", "zh-Hant"]


def _article(number: int) -> dict[str, object]:
    body = sentences(30, seed=100 * number)
    return {
        "title": f"Report {number}: {body[0]}",
        "summary": body[1],
        "body": "\n\n".join(" ".join(body[i : i + 5]) for i in range(2, 30, 5)),
        "locales": LOCALES,
    }


@pytest.fixture
def workers(tmp_path: Path) -> Iterator[Callable[[dict[str, str]], Worker]]:
    yield from worker_processes(tmp_path)


def _publish_all(
    settings: Settings, directory: Path, start: Callable[..., Worker], n: int
) -> float:
    app, env = node(settings, directory, redis_broker())
    runtime: Runtime = app.extensions["mixlate"]
    try:
        for worker in [start(env) for _ in range(n)]:
            worker.wait_ready()
        client = app.test_client()
        headers = {"Authorization": f"Bearer {runtime.tokens.create('site', 'publisher')}"}
        started = time.perf_counter()
        ids = []
        for number in range(ARTICLES):
            response = client.post("/api/v1/articles", json=_article(number), headers=headers)
            assert response.status_code == 201, response.get_json()
            ids.append(response.get_json()["id"])
        repository = runtime.articles.repository
        deadline = time.monotonic() + 300
        while sum(repository.translation_count(i) for i in ids) < ARTICLES * len(LOCALES):
            assert time.monotonic() < deadline, "not every translation was stored"
            time.sleep(0.05)
        return time.perf_counter() - started
    finally:
        runtime.close()


def test_publish_with_one_and_two_workers(
    settings: Settings, tmp_path: Path, workers: Callable[..., Worker]
) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    one = _publish_all(settings, tmp_path / "one", workers, 1)
    two = _publish_all(settings, tmp_path / "two", workers, 2)
    jobs = ARTICLES * len(LOCALES)
    print(
        f"\n{ARTICLES} articles x {len(LOCALES)} locales ({jobs} jobs): "
        f"1 worker {one:.2f}s, 2 workers {two:.2f}s, ratio {one / two:.2f}x"
    )
