"""Scale-out: two ``mixlate serve`` nodes and a ``mixlate worker`` sharing PostgreSQL and Redis.

Each node has its own data and locales directories (no shared disk); the catalogs live in
the database (the default with a PostgreSQL URL), seeded from the first node's copy of the
shipped catalogs. Skipped when PostgreSQL or Redis is not running.
"""

from __future__ import annotations

import difflib
import gettext
import json
import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from service.catalogs.locales import catalog_path
from service.store.tables import StoredArticleTranslation
from tests.articles.sample_page import sample_article
from tests.jobs.workers import ROOT, Worker, redis_broker
from tests.support.live import Server, mixlate_serve
from tests.support.postgres import postgres_schema_url

LOCALES = ["en", "zh-Hans", "zh-Hant"]
EDITED = "相关报道（刚改）"
FRESH_SECONDS = 2.5  # the nodes recheck every second; the rest is slack for a busy machine


@pytest.fixture
def cluster(
    models_dir: Path, tmp_path: Path, workers: Callable[[dict[str, str]], Worker]
) -> Iterator[tuple[Server, Server, dict[str, str]]]:
    """(node A, node B, the shared environment); node A seeded the database's catalogs."""
    broker = redis_broker()
    with ExitStack() as stack:
        database_url = stack.enter_context(postgres_schema_url())
        shared = {
            "MIXLATE_DATABASE_URL": database_url,
            "MIXLATE_BROKER_URL": broker,
            "MIXLATE_QUEUE_PREFIX": f"mixlate-test-{uuid.uuid4().hex[:10]}",
        }
        roles_a = {"site": "publisher", "ana": "localizer"}
        a = stack.enter_context(
            mixlate_serve(models_dir, tmp_path / "a", roles_a, workers=1, **shared)
        )
        assert a.request("GET", "/api/v1/catalogs")[0] == 200  # seeds from a's locales
        b = stack.enter_context(
            mixlate_serve(models_dir, tmp_path / "b", {"ben": "localizer"}, workers=1, **shared)
        )
        worker_env = {
            **shared,
            "MIXLATE_DATA_DIR": str(tmp_path / "w" / "data"),
            "MIXLATE_MODELS_DIR": str(models_dir),
            "MIXLATE_LOCALES_DIR": str(tmp_path / "w" / "locales"),
        }
        workers(worker_env).wait_ready(60)
        yield a, b, shared


def _translations(database_url: str, article_id: str) -> int:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            query = select(func.count()).where(StoredArticleTranslation.article_id == article_id)
            return connection.scalar(query.select_from(StoredArticleTranslation))
    finally:
        engine.dispose()


def _get(server: Server, path: str) -> str:
    status, _, body = server.request("GET", path)
    assert status == 200, body[:500]
    return body.decode()


def _served_within(server: Server, path: str, text: str, seconds: float) -> None:
    started = time.monotonic()
    while text not in _get(server, path):
        assert time.monotonic() - started < seconds, f"{path} on the other node is stale"
        time.sleep(0.05)


def _etag(server: Server) -> str:
    return server.request("GET", "/api/v1/catalogs/zh-Hans")[1]["ETag"]


def _edit(msgid: str, msgstr: str, base: str | None = None) -> dict:
    return {"msgid": msgid, "msgstr": msgstr} | ({"base": base} if base else {})


def _put(server: Server, token: dict[str, str], etag: str, edits: list[dict]):  # noqa: ANN202
    status, _, body = server.request(
        "PUT", "/api/v1/catalogs/zh-Hans/entries", {"entries": edits}, {**token, "If-Match": etag}
    )
    return status, json.loads(body)


def test_two_nodes_and_a_worker_share_articles_and_catalogs_through_the_database(
    cluster: tuple[Server, Server, dict[str, str]], tmp_path: Path
) -> None:
    a, b, shared = cluster
    publisher, ana, ben = a.tokens["publisher"], a.tokens["localizer"], b.tokens["localizer"]

    # Published on A with three locales: the worker stores all three, nobody asks for them.
    status, _, body = a.request(
        "POST", "/api/v1/articles", sample_article() | {"locales": LOCALES}, publisher
    )
    assert status == 201, body
    article_id = json.loads(body)["id"]
    deadline = time.monotonic() + 120
    while _translations(shared["MIXLATE_DATABASE_URL"], article_id) < len(LOCALES):
        assert time.monotonic() < deadline, "the worker did not store every translation"
        time.sleep(0.2)

    # An edit through A is served by B: the API and the reader page's UI string.
    page = f"/articles/{article_id}?lang=zh-Hans"
    assert "相关文章" in _get(b, page)
    status, saved = _put(a, ana, _etag(a), [{"msgid": "Related articles", "msgstr": EDITED}])
    assert status == 200, saved
    _served_within(b, "/api/v1/catalogs/zh-Hans?q=Related", EDITED, FRESH_SECONDS)
    _served_within(b, page, EDITED, FRESH_SECONDS)
    assert _etag(b) == _etag(a)

    # Two localizers, one through each node, from the same revision: one wins, the other
    # gets 412 with the winner's value, retries on the new revision, and nothing is lost.
    seen = _etag(b)
    batches = {
        "ana": (a, ana, [_edit("Decline", "不接受", "拒绝"), _edit("Accept", "同意")]),
        "ben": (b, ben, [_edit("Decline", "谢绝", "拒绝"), _edit("Language", "语种")]),
    }
    start, results = threading.Barrier(2), {}

    def race(name: str) -> None:
        server, token, edits = batches[name]
        start.wait()
        results[name] = _put(server, token, seen, edits)

    threads = [threading.Thread(target=race, args=(name,)) for name in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(status for status, _ in results.values()) == [200, 412], results
    loser = next(name for name, (status, _) in results.items() if status == 412)
    winner = "ben" if loser == "ana" else "ana"
    refused = results[loser][1]
    assert refused["changed"] == [{"msgid": "Decline", "msgctxt": None}]
    assert refused["entries"][0]["msgstr"] == batches[winner][2][0]["msgstr"]
    server, token, edits = batches[loser]
    retry = [{**edits[0], "base": refused["entries"][0]["msgstr"]}, edits[1]]
    status, _ = _put(server, token, refused["etag"], retry)
    assert status == 200
    _served_within(a, "/api/v1/catalogs/zh-Hans?q=Decline", edits[0]["msgstr"], FRESH_SECONDS)
    entries = json.loads(_get(a, "/api/v1/catalogs/zh-Hans"))["entries"]
    final = {entry["msgid"]: entry["msgstr"] for entry in entries}
    assert final["Decline"] == edits[0]["msgstr"]
    assert (final["Accept"], final["Language"]) == ("同意", "语种")
    history_url = "/api/v1/catalogs/zh-Hans/history?msgid=Decline"
    status, _, body = b.request("GET", history_url, None, ben)
    history = [(row["author"], row["old"], row["new"]) for row in json.loads(body)["history"]]
    first = batches[winner][2][0]["msgstr"]
    assert history == [(loser, first, edits[0]["msgstr"]), (winner, "拒绝", first)]

    # mixlate catalogs export (here from B's machine): PO and MO whose diff against the seed
    # (A's copy of the shipped catalogs) is the edited entries and the header's date and author.
    target = tmp_path / "exported"
    env = {**os.environ, **shared, "MIXLATE_DATA_DIR": str(tmp_path / "b" / "data")}
    exported = subprocess.run(
        [sys.executable, "-m", "service", "catalogs", "export", "--to", str(target)],
        cwd=ROOT,
        env={**env, "MIXLATE_LOCALES_DIR": str(tmp_path / "b" / "locales")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert exported.returncode == 0, exported.stderr
    seed = tmp_path / "a" / "locales"
    old = catalog_path(seed, "zh-Hans").read_text(encoding="utf-8").splitlines()
    new = catalog_path(target, "zh-Hans").read_text(encoding="utf-8").splitlines()
    changed = [
        line
        for line in difflib.unified_diff(old, new, lineterm="")
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    header = [line for line in changed if "PO-Revision-Date:" in line or "Last-Translator:" in line]
    assert len(header) == 4
    edited = sorted(set(changed) - set(header))
    assert edited == sorted(
        [
            f'+msgstr "{EDITED}"',
            '-msgstr "相关文章"',
            f'+msgstr "{edits[0]["msgstr"]}"',
            '-msgstr "拒绝"',
            '+msgstr "同意"',
            '-msgstr "接受"',
            '+msgstr "语种"',
            '-msgstr "语言"',
        ]
    )
    for locale in ("en", "zh-Hant"):
        assert catalog_path(target, locale).read_bytes() == catalog_path(seed, locale).read_bytes()
    with open(catalog_path(target, "zh-Hans", ".mo"), "rb") as handle:
        assert gettext.GNUTranslations(handle).gettext("Related articles") == EDITED
