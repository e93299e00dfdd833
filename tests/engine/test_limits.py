"""Units longer than the model can take are cut into pieces that fit, translated and joined."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from service.engine import MAX_DECODING_LENGTH, TranslationEngine
from service.engine.limits import joiner, model_positions, source_limit, split_to_fit
from tests.support.samples import unbroken_text

MakeEngine = Callable[..., TranslationEngine]


def _words(text: str) -> list[str]:
    return text.split()


def _chars(text: str) -> list[str]:
    return [c for c in text if not c.isspace()]


def test_short_text_is_one_piece() -> None:
    assert split_to_fit("a b c", _words, 3) == [["a", "b", "c"]]


def test_clause_breaks_come_before_word_breaks() -> None:
    pieces = split_to_fit("a b c d, e f", _words, 4)
    assert pieces == [["a", "b", "c", "d,"], ["e", "f"]]


def test_words_are_cut_near_the_middle_and_nothing_is_lost() -> None:
    text = " ".join(f"w{i}" for i in range(100))
    pieces = split_to_fit(text, _words, 7)
    assert all(len(piece) <= 7 for piece in pieces)
    assert [t for piece in pieces for t in piece] == _words(text)
    assert min(map(len, pieces)) >= 3  # halves, not a tail of one


def test_text_without_breaks_is_cut_by_tokens() -> None:
    text = "天" * 25
    pieces = split_to_fit(text, _chars, 10)
    assert [len(piece) for piece in pieces] == [10, 10, 5]
    assert split_to_fit("，，天天天天天，", _chars, 3)  # blank halves are never made


def test_limit_leaves_room_for_the_output() -> None:
    assert source_limit(1024) == MAX_DECODING_LENGTH // 2
    assert source_limit(500) == 250
    assert joiner("zh-Hans") == "" and joiner("fr") == " "


def test_positions_are_read_from_the_model(make_engine: MakeEngine) -> None:
    engine = make_engine(cached=False)
    model = engine.route("en", "zh").models[0]
    assert model_positions(model.path / "model") == 1024


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [(unbroken_text("en", 1500, " "), "en", "zh"), (unbroken_text("zh", 800, ""), "zh", "en")],
    ids=["unpunctuated English", "Chinese without breaks"],
)
def test_a_unit_longer_than_the_model_is_translated_whole(
    make_engine: MakeEngine, text: str, source: str, target: str
) -> None:
    engine = make_engine(cached=False)
    model = engine.route(source, target).models[0]
    with engine.pool.lease(model) as loaded:
        tokens = loaded.tokenizer.encode(text)
        assert len(tokens) > loaded.positions
        limit = source_limit(loaded.positions)

    (output,) = engine.translate([text], source, target)

    with engine.pool.lease(model) as loaded:
        produced = len(loaded.tokenizer.encode(output))
    assert produced > MAX_DECODING_LENGTH  # one decode would have stopped there
    (stats,) = engine.scheduler_stats()
    assert stats.sentences_decoded >= len(tokens) / limit
    assert stats.tokens_decoded == len(tokens) or source == "en"  # words re-tokenized alone


def test_a_lowered_limit_cuts_pieces_to_it(make_engine: MakeEngine) -> None:
    engine = make_engine(cached=False, ct2_inter_threads=1)
    engine.max_source_tokens = 12
    text = "The weather in Paris is lovely today and the station is near, Switzerland Belgium"
    whole = make_engine(cached=False).translate([text], "en", "zh")[0]

    (output,) = engine.translate([text], "en", "zh")

    (stats,) = engine.scheduler_stats()
    assert stats.sentences_decoded > 1
    assert stats.tokens_decoded / stats.sentences_decoded <= 12
    assert output and output != whole
