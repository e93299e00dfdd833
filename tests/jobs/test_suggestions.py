"""Catalog suggestions for a whole locale as a job, through the real test models."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service.config import Settings
from service.jobs import JobState
from service.jobs.suggestions import untranslated_keys
from service.runtime import Runtime
from tests.catalog_api.conftest import FIXTURE_LOCALES
from tests.jobs.conftest import wait_for
from tests.support.apps import make_app


@pytest.fixture
def app(job_settings: Settings, tmp_path: Path) -> Iterator[Flask]:
    application = make_app(job_settings, tmp_path, FIXTURE_LOCALES)
    yield application
    application.extensions["mixlate"].close()


@pytest.fixture
def localizer(runtime: Runtime) -> dict[str, str]:
    return {"Authorization": f"Bearer {runtime.tokens.create('ana', 'localizer')}"}


def test_every_untranslated_entry_gets_a_fuzzy_suggestion(
    client: FlaskClient, localizer: dict[str, str], runtime: Runtime
) -> None:
    assert (
        client.post("/api/v1/catalogs", json={"locale": "fr"}, headers=localizer).status_code == 201
    )
    empty = untranslated_keys(runtime.catalogs, "fr")
    assert len(empty) > 4  # more than one batch
    created = client.post("/api/v1/catalogs/fr/suggest-all", headers=localizer)
    assert created.status_code == 202, created.get_json()
    job = wait_for(runtime.jobs, created.get_json()["id"], lambda j: j.state.finished, 60)
    assert job.state == JobState.DONE and job.done == job.total == len(empty)
    shown = client.get(created.headers["Location"], headers=localizer).get_json()
    results = shown["results"]
    assert [(r["msgid"], r["msgctxt"]) for r in results] == empty
    suggested = {(r["msgid"], r["msgctxt"]) for r in results if r["suggested"]}
    assert suggested and all(r["problems"] for r in results if not r["suggested"])
    entries = client.get("/api/v1/catalogs/fr").get_json()["entries"]
    for entry in entries:
        if (entry["msgid"], entry["msgctxt"]) in suggested:
            assert entry["state"] == "fuzzy"
            assert all(entry["msgstr_plural"] or [entry["msgstr"]])
    assert untranslated_keys(runtime.catalogs, "fr") == [k for k in empty if k not in suggested]
    history = client.get("/api/v1/catalogs/fr/history", headers=localizer).get_json()["history"]
    assert {row["action"] for row in history} == {"suggest"}


def test_a_locale_without_a_model_or_catalog_is_refused(
    client: FlaskClient, localizer: dict[str, str], runtime: Runtime
) -> None:
    no_model = client.post("/api/v1/catalogs/pt-BR/suggest-all", headers=localizer)
    assert (
        client.post("/api/v1/catalogs", json={"locale": "fr"}, headers=localizer).status_code == 201
    )
    assert no_model.status_code == 503 and "install" in no_model.get_json()
    assert client.post("/api/v1/catalogs/ja/suggest-all", headers=localizer).status_code == 404
    publisher = {"Authorization": f"Bearer {runtime.tokens.create('site', 'publisher')}"}
    assert client.post("/api/v1/catalogs/fr/suggest-all", headers=publisher).status_code == 403
    assert runtime.jobs.list() == []
