"""Stored article translations record what they depend on and are made again when it changes:
on the next read, and in the background (refresh jobs) when models, catalogs or the glossary
change. Real test models through the real engine; outputs are gibberish, so the tests look
at what was stored and when, never at wording."""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service.articles.refresh import RefreshWatch
from service.config import Settings
from service.engine import Priority
from service.jobs import JobState
from service.jobs.model import JobKind, article_key
from service.known import MemoryUnit
from service.known.glossary import GlossaryEntry
from service.runtime import Runtime
from tests.articles.helpers import CountingTranslator, edit_po
from tests.jobs.conftest import wait_for
from tests.support.apps import make_app
from tests.support.archives import rewritten_copy

ARTICLE = {
    "id": "drills",
    "title": "The army held drills near the border.",
    "body": "The talks resume today. 军方举行了演习。",
    "author": "Yoon Min-ho",
}


@pytest.fixture
def models(settings: Settings, tmp_path: Path) -> Path:
    """A copy of the test models that this test may change."""
    copy = tmp_path / "models"
    shutil.copytree(settings.models_dir, copy)
    return copy


@pytest.fixture
def app(settings: Settings, tmp_path: Path, models: Path) -> Iterator[Flask]:
    # The watch is driven by the tests (check()), not by its thread; catalog files edited by
    # the tests, as another process would, are seen on the next read.
    overrides = {"models_dir": models, "refresh_check_seconds": 0, "catalog_recheck_ms": 0}
    application = make_app(settings, tmp_path / "app", **overrides)
    application.extensions["mixlate"].catalogs.create_locale("fr")
    yield application
    application.extensions["mixlate"].close()


def _publish(client: FlaskClient, runtime: Runtime) -> None:
    headers = {"Authorization": f"Bearer {runtime.tokens.create('site', 'publisher')}"}
    assert client.post("/api/v1/articles", json=ARTICLE, headers=headers).status_code == 201


def _stored(runtime: Runtime, locale: str) -> dict:
    found = runtime.articles.repository.translation("drills", 1, locale)
    assert found is not None
    return found


def _read(client: FlaskClient, locale: str) -> dict:
    response = client.get(f"/api/v1/articles/drills?locale={locale}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _article_jobs(runtime: Runtime) -> list:
    return [job for job in runtime.jobs.list(100) if job.kind == JobKind.ARTICLE]


def _watch(runtime: Runtime) -> RefreshWatch:
    watch = runtime.refresh_watch
    watch.check()  # the first look sweeps (a change made while the process was down)
    return watch


def _wait_done(runtime: Runtime, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while any(not job.state.finished for job in _article_jobs(runtime)):
        assert time.monotonic() < deadline, "refresh jobs did not finish"
        time.sleep(0.05)


def test_a_stored_translation_records_what_it_depends_on(
    client: FlaskClient, runtime: Runtime
) -> None:
    _publish(client, runtime)
    _read(client, "fr")
    depends = _stored(runtime, "fr")["depends"]
    identities = {
        f"{m.from_code}>{m.to_code}": m.identity for m in runtime.engine.registry.models()
    }
    assert depends["target"] == "fr"
    assert depends["models"]["en"] == [identities["en>fr"]]
    # Chinese reaches French through English: both models of the pivot are recorded.
    assert depends["models"]["zh-Hans"] == [identities["zh>en"], identities["en>fr"]]
    assert depends["catalog"] == runtime.catalogs.revision("fr")
    assert depends["glossary"] == runtime.translator.known_revision()[0]
    assert depends["memory"] is None  # the memory answered nothing
    json.dumps(depends)  # stored as JSON


def test_a_glossary_edit_is_served_on_the_next_read_and_refreshed_as_a_job(
    client: FlaskClient, runtime: Runtime
) -> None:
    _publish(client, runtime)
    for locale in ("fr", "zh-Hans"):
        _read(client, locale)
    watch = _watch(runtime)
    assert _article_jobs(runtime) == []  # nothing stale yet
    before = _stored(runtime, "zh-Hans")["depends"]["glossary"]
    runtime.glossary.add([GlossaryEntry("en", "army", "zh-Hans", "陆军部队")])
    assert watch.check() == 2  # every stored translation depends on the glossary
    queued = _article_jobs(runtime)
    assert sorted(job.params["locale"] for job in queued) == ["fr", "zh-Hans"]
    assert all(job.params["refresh"] for job in queued)
    _wait_done(runtime)
    assert all(job.state == JobState.DONE for job in _article_jobs(runtime))
    refreshed = _stored(runtime, "zh-Hans")
    assert refreshed["depends"]["glossary"] > before
    assert "陆军部队" in refreshed["texts"]["title"]  # the term, as its entry says
    assert watch.check() is None  # nothing moved since
    assert runtime.articles.repository.translation_count("drills") == 2


def test_a_stale_translation_is_not_served_the_next_read_translates_it_anew(
    client: FlaskClient, runtime: Runtime
) -> None:
    _publish(client, runtime)
    _read(client, "zh-Hans")
    runtime.glossary.add([GlossaryEntry("en", "border", "zh-Hans", "边境线")])
    served = _read(client, "zh-Hans")  # no watch, no job: the read itself
    assert "边境线" in served["title"]
    assert "边境线" in _stored(runtime, "zh-Hans")["texts"]["title"]


def test_a_catalog_edit_makes_only_that_locale_stale(
    client: FlaskClient, runtime: Runtime, app: Flask
) -> None:
    _publish(client, runtime)
    for locale in ("fr", "zh-Hans"):
        _read(client, locale)
    watch = _watch(runtime)
    catalog = runtime.catalogs.load("zh-Hans")
    message = next(m for m in catalog if m.id and isinstance(m.id, str) and m.string)
    edit_po(runtime.settings.locales_dir, "zh_Hans", message.id, message.string + "!")
    assert watch.check() == 1
    [job] = _article_jobs(runtime)
    assert job.key == article_key("drills", 1, "zh-Hans")
    _wait_done(runtime)
    assert _stored(runtime, "zh-Hans")["depends"]["catalog"] == runtime.catalogs.revision("zh-Hans")


def test_a_model_upgrade_refreshes_the_translations_on_its_routes_only(
    client: FlaskClient, runtime: Runtime, argos_packages: dict, tmp_path: Path
) -> None:
    _publish(client, runtime)
    for locale in ("fr", "zh-Hans"):
        _read(client, locale)
    watch = _watch(runtime)
    zh_before = _stored(runtime, "zh-Hans")
    metadata = {
        "package_version": "1.1",
        "argos_version": "1.9.0",
        "from_code": "en",
        "from_name": "English",
        "to_code": "fr",
        "to_name": "French",
        "target_prefix": "__fr__",
    }
    newer = rewritten_copy(
        argos_packages[("en", "fr")],
        tmp_path / "en_fr-1.1.argosmodel",
        replace={"metadata.json": json.dumps(metadata).encode()},
    )
    upgraded = runtime.engine.registry.install_file(newer)
    assert watch.check() == 1  # French goes through en→fr; Chinese does not
    [job] = _article_jobs(runtime)
    assert job.params["locale"] == "fr"
    _wait_done(runtime)
    fr = _stored(runtime, "fr")["depends"]["models"]
    assert fr["en"] == [upgraded.identity] and fr["zh-Hans"][-1] == upgraded.identity
    assert _stored(runtime, "zh-Hans") == zh_before


def test_a_second_change_while_the_refresh_is_queued_queues_no_duplicate(
    client: FlaskClient, runtime: Runtime
) -> None:
    _publish(client, runtime)
    _read(client, "zh-Hans")
    jobs = runtime.jobs
    first = jobs.refresh_article("drills", 1, "zh-Hans")
    jobs.store.cancel(first.id)  # finished: a new change queues a new refresh
    # Held queued: the store's own row, without a runner taking it.
    queued = jobs.store.create(
        JobKind.ARTICLE,
        jobs.queues[JobKind.ARTICLE],
        {"article_id": "drills", "revision": 1, "locale": "zh-Hans", "refresh": True},
        1,
        key=article_key("drills", 1, "zh-Hans"),
    )
    assert jobs.refresh_article("drills", 1, "zh-Hans").id == queued.id
    assert jobs.refresh_article("drills", 1, "zh-Hans").id == queued.id
    assert len(_article_jobs(runtime)) == 2  # the cancelled one and the queued one
    jobs.store.cancel(queued.id)


def test_memory_units_only_stale_translations_the_memory_answered(
    client: FlaskClient, runtime: Runtime
) -> None:
    _publish(client, runtime)
    _read(client, "zh-Hans")
    counting = CountingTranslator(runtime.translator)
    runtime.__dict__["translator"] = counting
    unit = MemoryUnit("en", "zh-Hans", "Something else entirely.", "别的。", "review", "r")
    runtime.memory.add([unit])
    _read(client, "zh-Hans")
    assert counting.calls == 0  # this translation used no memory unit: still current
    # A unit for one of its own sentences, saved by a review: the read shows it at once.
    mine = MemoryUnit("en", "zh-Hans", "The talks resume today.", "会谈今天恢复。", "review", "r")
    runtime.memory.add([mine])
    article = runtime.articles.get("drills")
    runtime.articles.reviewed(article, "zh-Hans")
    served = _read(client, "zh-Hans")
    assert "会谈今天恢复。" in served["body"]
    depends = _stored(runtime, "zh-Hans")["depends"]
    assert depends["memory"] == runtime.translator.known_revision()[1]
    # Now that it used the memory, another memory change makes it stale on read.
    runtime.memory.add([MemoryUnit("en", "zh-Hans", "Another one.", "另一个。", "review", "r")])
    calls = counting.calls
    _read(client, "zh-Hans")
    assert counting.calls == calls + 1


def test_a_read_of_a_stale_translation_joins_the_running_refresh_and_raises_it(
    client: FlaskClient, runtime: Runtime
) -> None:
    _publish(client, runtime)
    _read(client, "zh-Hans")
    counting = CountingTranslator(runtime.translator, delay=1.0)
    runtime.__dict__["translator"] = counting
    runtime.glossary.add([GlossaryEntry("en", "army", "zh-Hans", "陆军部队")])
    job = runtime.jobs.refresh_article("drills", 1, "zh-Hans")
    wait_for(runtime.jobs, job.id, lambda j: j.state == JobState.RUNNING, 10)
    served = _read(client, "zh-Hans")  # stale: waits for the running refresh
    assert "陆军部队" in served["title"]
    assert all(thread.startswith("mixlate-job") for thread, _ in counting.made)
    assert Priority.INTERACTIVE in [priority for _, priority in counting.made]
    assert runtime.jobs.get(job.id).params["priority"] == "interactive"


def test_a_review_through_the_api_is_read_at_once(client: FlaskClient, runtime: Runtime) -> None:
    _publish(client, runtime)
    _read(client, "zh-Hans")
    editor = {"Authorization": f"Bearer {runtime.tokens.create('eddie', 'editor')}"}
    url = "/api/v1/articles/drills/translations/zh-Hans"
    view = client.get(url)
    sentences = view.get_json()["fields"]["body"]
    index = next(s["index"] for s in sentences if s["source"] == "The talks resume today.")
    edit = {"sentences": [{"field": "body", "index": index, "text": "会谈今天恢复。"}]}
    saved = client.put(url, json=edit, headers=editor | {"If-Match": view.headers["ETag"]})
    assert saved.status_code == 200, saved.get_json()
    assert "会谈今天恢复。" in _read(client, "zh-Hans")["body"]


def test_the_watch_sweeps_at_its_first_look_and_then_only_when_something_moved() -> None:
    generation = [0]
    sweeps: list[int] = []
    swept = threading.Event()

    def sweep() -> int:
        sweeps.append(generation[0])
        swept.set()
        return 0

    watch = RefreshWatch(lambda: generation[0], sweep, seconds=0.02)
    assert watch.check() == 0 and watch.check() is None
    generation[0] = 1
    swept.clear()
    watch.start()
    try:
        assert swept.wait(5)
    finally:
        watch.close()
    assert sweeps == [0, 1]
    assert RefreshWatch(lambda: 0, sweep, seconds=0)._thread is None  # 0: no thread


def test_a_removed_model_refreshes_nothing_it_did_not_serve(
    client: FlaskClient, runtime: Runtime
) -> None:
    _publish(client, runtime)
    for locale in ("fr", "zh-Hans", "en"):
        _read(client, locale)
    watch = _watch(runtime)
    runtime.engine.registry.remove("en", "fr")
    # French is no longer served at all (nothing to refresh it with); the others' routes
    # did not change.
    assert watch.check() == 0
    assert _article_jobs(runtime) == []
    time.sleep(1.1)  # the locales served are re-listed at most once a second
    assert client.get("/api/v1/articles/drills?locale=fr").status_code == 400


def test_a_translation_begun_before_a_review_does_not_overwrite_it(
    client: FlaskClient, runtime: Runtime
) -> None:
    _publish(client, runtime)
    _read(client, "zh-Hans")
    repository = runtime.articles.repository
    stale = _stored(runtime, "zh-Hans")  # what a maker read before the review
    made_before = {**stale, "made": "before the review"}
    assert repository.forget_dependencies("drills", 1, "zh-Hans")  # what a review does
    assert not repository.replace_translation(
        "drills", 1, "zh-Hans", made_before, stale["depends"]
    )
    assert _stored(runtime, "zh-Hans") == {**stale, "depends": None}  # left for a new one
    # A maker that read the row after the review replaces it.
    assert repository.replace_translation("drills", 1, "zh-Hans", made_before, None)
    assert _stored(runtime, "zh-Hans")["made"] == "before the review"
