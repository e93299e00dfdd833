"""Choosing model pairs: a zt model when installed, otherwise zh-Hans plus OpenCC."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from service.engine import ModelNotInstalled
from service.translation.plan import Route
from service.translation.translator import ContentTranslator


class Pairs:
    """Just enough of the engine for routing: the pairs some installed models translate."""

    def __init__(self, *pairs: tuple[str, str]) -> None:
        self.pairs = set(pairs)

    def route(self, source: str, target: str) -> SimpleNamespace:
        if (source, target) not in self.pairs:
            raise ModelNotInstalled(source, target)
        return SimpleNamespace(models=((source, target),))


def _route(engine: Pairs, source: str, target: str) -> Route:
    return ContentTranslator(engine, ("en",)).route(source, target)  # type: ignore[arg-type]


def test_an_installed_traditional_model_is_used_directly() -> None:
    engine = Pairs(("en", "zh-Hant"), ("en", "zh-Hans"))
    assert _route(engine, "en", "zh-Hant") == Route("en", "zh-Hant")


def test_without_one_simplified_output_is_converted() -> None:
    engine = Pairs(("en", "zh-Hans"))
    assert _route(engine, "en", "zh-Hant") == Route("en", "zh-Hans", convert_output=True)


def test_traditional_input_is_converted_when_no_zt_model_reads_it() -> None:
    engine = Pairs(("zh-Hans", "en"))
    assert _route(engine, "zh-Hant", "en") == Route("zh-Hans", "en", convert_input=True)
    assert _route(Pairs(("zh-Hant", "en")), "zh-Hant", "en") == Route("zh-Hant", "en")


def test_missing_pairs_name_the_request() -> None:
    with pytest.raises(ModelNotInstalled) as error:
        _route(Pairs(("en", "fr")), "ja", "fr")
    assert (error.value.source, error.value.target) == ("ja", "fr")
