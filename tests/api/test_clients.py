"""A second real LibreTranslate client, deep-translator's LibreTranslator, against a live server.

It sends its parameters in the query string of a POST (not a form or JSON) and its key as
``api_key``, and reads 403 as "bad key": both work against Mixlate unchanged.
"""

from __future__ import annotations

import pytest
from deep_translator import LibreTranslator
from deep_translator.exceptions import AuthorizationException

from tests.support.apps import AppFactory
from tests.support.servers import serve_in_thread


def test_deep_translator_with_required_keys(app_factory: AppFactory) -> None:
    app = app_factory(require_api_key=True)
    key, _ = app.extensions["mixlate"].api_keys.add("client")
    with serve_in_thread(app) as url:
        client = LibreTranslator(source="en", target="fr", api_key=key, custom_url=f"{url}/")
        translated = client.translate("The weather in Paris is lovely today.")
        assert isinstance(translated, str) and translated
        batch = client.translate_batch(["Hello there.", "Where is the station?"])
        assert len(batch) == 2 and all(batch)
        wrong = LibreTranslator(source="en", target="fr", api_key="nope", custom_url=f"{url}/")
        with pytest.raises(AuthorizationException):
            wrong.translate("Hello there.")
        chinese = LibreTranslator(source="zh", target="en", api_key=key, custom_url=f"{url}/")
        assert chinese.translate("今天天气很好。")
