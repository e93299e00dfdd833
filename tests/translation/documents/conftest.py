"""One app over the real test models for the document tests, and a helper to translate files.

The test models translate zh→en, en→zh and en→fr into gibberish: tests assert structure (the
same paragraphs, runs, styles, links, timings), never wording.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service.config import Settings
from tests.support.apps import make_app

Translate = Callable[..., bytes]


@pytest.fixture(scope="package")
def files_app(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    application = make_app(settings, tmp_path_factory.mktemp("documents"))
    yield application
    application.extensions["mixlate"].close()


@pytest.fixture
def files_client(files_app: Flask) -> FlaskClient:
    return files_app.test_client()


@pytest.fixture
def translate_file(files_client: FlaskClient) -> Translate:
    """Upload ``data`` as ``name`` to /translate_file, download the result, return its bytes."""

    def run(name: str, data: bytes, target: str = "zh-Hans", source: str = "auto") -> bytes:
        response = files_client.post(
            "/translate_file",
            data={"file": (io.BytesIO(data), name), "source": source, "target": target},
            content_type="multipart/form-data",
        )
        assert response.status_code == 200, response.get_json()
        url = response.get_json()["translatedFileUrl"]
        assert url.startswith("http://localhost/download_file/")
        download = files_client.get(url.removeprefix("http://localhost"))
        assert download.status_code == 200
        return download.data

    return run
