"""Plan → execute → assemble on real detection, with a transparent stand-in for the model.

The stand-in marks what it was sent (``⟦zh-Hans>en:…⟧``) so the tests can check exactly which
characters reached a model and that everything else is kept byte-for-byte. The end-to-end
tests in test_translate_api.py run the same pipeline on the real engine.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from service.detection import detect_segments
from service.translation.assemble import assemble
from service.translation.execute import execute
from service.translation.plan import Route, Target, TextPlan, plan_text
from service.translation.translator import sentence_spans


class MarkingEngine:
    """Wraps each sentence in markers naming the pair; counts calls per pair."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, list[str]]] = []

    def hops(self, source: str, target: str) -> list[tuple[str, str]]:
        if source == target:
            return []
        if "en" in (source, target):
            return [(source, target)]
        return [(source, "en"), ("en", target)]

    def translate(self, sentences: Sequence[str], source: str, target: str) -> list[str]:
        self.calls.append((source, target, list(sentences)))
        return [f"⟦{source}>{target}:{s}⟧" for s in sentences]

    def translate_hop(self, hop: tuple[str, str], sentences: Sequence[str]) -> list[str]:
        return self.translate(sentences, *hop)


def _routes(source: str, target: str) -> Route:
    if target == "zh-Hant":
        return Route(source, "zh-Hans", convert_output=True)
    return Route(source, target)


CATALOG = {("AI 生成的图像", "en"): "AI-generated image", ("拒绝", "en"): "Decline"}


def _catalog(text: str, target: str) -> str | None:
    return CATALOG.get((" ".join(text.split()), target))


def _plan(text: str, target: str, source: str | None = None) -> TextPlan:
    return plan_text(
        text,
        detect_segments(text),
        Target(target, "tw" if target == "zh-Hant" else None),
        source=source,
        routes=_routes,
        catalog=_catalog,
        sentences=sentence_spans,
    )


def _run(text: str, target: str, engine: MarkingEngine | None = None):  # noqa: ANN202
    plan = _plan(text, target)
    execute([plan], engine or MarkingEngine())
    return plan, assemble(plan)


MIXED = (
    "South Korea proposed talks. The U.S. agreed.\n\n"
    "韩国与美国周二在首尔启动了磋商会议。该会议由外交部主导。\n"
    "AI 生成的图像\n\n"
    "  - See https://example.com/a?b=1 for {details}.\n"
)


def test_segments_in_target_are_kept_byte_for_byte() -> None:
    plan, result = _run(MIXED, "en")
    kept = [s for s in result.segments if s.action == "kept"]
    assert kept
    for segment in kept:
        original = MIXED[segment.start : segment.end]
        assert result.translation[segment.output_start : segment.output_end] == original


def test_output_offsets_locate_each_segment_result() -> None:
    _, result = _run(MIXED, "en")
    previous_end = 0
    for segment in result.segments:
        assert previous_end <= segment.output_start <= segment.output_end
        gap_in = MIXED[: segment.start]
        assert result.translation[: segment.output_start].endswith(gap_in[-1:] if gap_in else "")
        previous_end = segment.output_end
    assert result.translation.endswith("\n")


def test_gaps_between_segments_are_kept() -> None:
    _, result = _run(MIXED, "en")
    assert result.translation.startswith("South Korea proposed talks. The U.S. agreed.\n\n")
    assert "\n  - See https://example.com/a?b=1 for {details}.\n" in result.translation


def test_catalog_lines_come_from_the_catalog() -> None:
    _, result = _run(MIXED, "en")
    catalog = [s for s in result.segments if s.action == "catalog"]
    assert len(catalog) == 1
    assert result.translation[catalog[0].output_start : catalog[0].output_end] == (
        "AI-generated image"
    )


def test_chinese_sentences_go_to_the_model_one_by_one_in_one_batch() -> None:
    engine = MarkingEngine()
    _, result = _run(MIXED, "en", engine)
    assert [(s, t) for s, t, _ in engine.calls] == [("zh-Hans", "en")]
    assert engine.calls[0][2] == ["韩国与美国周二在首尔启动了磋商会议。", "该会议由外交部主导。"]
    translated = next(s for s in result.segments if s.action == "translated")
    output = result.translation[translated.output_start : translated.output_end]
    assert (
        output
        == "⟦zh-Hans>en:韩国与美国周二在首尔启动了磋商会议。⟧ ⟦zh-Hans>en:该会议由外交部主导。⟧"
    )


def test_protected_spans_never_reach_the_model() -> None:
    engine = MarkingEngine()
    text = "请访问 https://example.com/a?b=1 了解 {name} 的详情。"
    _, result = _run(text, "en", engine)
    sent = [s for _, _, batch in engine.calls for s in batch]
    assert all("example.com" not in s and "{name}" not in s for s in sent)
    assert "https://example.com/a?b=1" in result.translation
    assert "{name}" in result.translation


def test_english_to_chinese_drops_spaces_between_sentences() -> None:
    _, result = _run("First sentence here. Second one follows.", "zh-Hans")
    assert result.translation == (
        "⟦en>zh-Hans:First sentence here.⟧⟦en>zh-Hans:Second one follows.⟧"
    )


def test_simplified_to_traditional_is_converted_without_a_model() -> None:
    engine = MarkingEngine()
    text = "这个软件的鼠标很好用。"
    _, result = _run(text, "zh-Hant", engine)
    assert engine.calls == []
    assert result.segments[0].action == "converted"
    assert result.translation == "這個軟體的滑鼠很好用。"


def test_traditional_target_converts_model_output() -> None:
    engine = MarkingEngine()
    _, result = _run("The software is good.", "zh-Hant", engine)
    assert engine.calls[0][:2] == ("en", "zh-Hans")
    assert result.segments[0].action == "translated"


@pytest.mark.parametrize("text", ["", "   \n\n ", "12345 !!!", "https://example.com"])
def test_nothing_to_translate(text: str) -> None:
    engine = MarkingEngine()
    _, result = _run(text, "en", engine)
    assert result.translation == text
    assert engine.calls == []


def test_forced_source_translates_every_untargeted_segment() -> None:
    engine = MarkingEngine()
    text = "Bonjour tout le monde. 你好。"
    plan = _plan(text, "en", source="fr")
    execute([plan], engine)
    assert {(s, t) for s, t, _ in engine.calls} == {("fr", "en")}


def test_pivoted_and_direct_units_share_the_last_hop() -> None:
    engine = MarkingEngine()
    plans = [_plan(t, "fr") for t in ("你好。", "Hello there.")]
    execute(plans, engine)
    assert [(s, t) for s, t, _ in engine.calls] == [("zh-Hans", "en"), ("en", "fr")]
    assert engine.calls[1][2] == ["⟦zh-Hans>en:你好。⟧", "Hello there."]
    assert assemble(plans[0]).translation == "⟦en>fr:⟦zh-Hans>en:你好。⟧⟧"


def test_many_texts_share_one_batch_per_pair() -> None:
    engine = MarkingEngine()
    plans = [_plan(t, "en") for t in ("你好。", "再见。", "Already English.", "拒绝")]
    execute(plans, engine)
    assert len(engine.calls) == 1
    assert engine.calls[0][2] == ["你好。", "再见。"]
    assert assemble(plans[3]).translation == "Decline"


class DigitDroppingEngine(MarkingEngine):
    """A model that loses digits (as the random test models do): markers never survive."""

    def translate(self, sentences: Sequence[str], source: str, target: str) -> list[str]:
        marked = super().translate(sentences, source, target)
        return ["".join(c for c in s if not c.isdigit()) for s in marked]


def test_whole_sentences_with_markers_go_to_the_model() -> None:
    engine = MarkingEngine()
    text = "我有 3 个苹果，见 https://x.org/a 。"
    _, result = _run(text, "en", engine)
    assert engine.calls[0][2] == ["我有 9001 个苹果，见 9002 。"]
    assert result.translation == "⟦zh-Hans>en:我有 3 个苹果，见 https://x.org/a 。⟧"


def test_markers_avoid_numbers_already_in_the_sentence() -> None:
    engine = MarkingEngine()
    _run("版本 COVID-9001 有 5 个问题。", "en", engine)
    sent = engine.calls[0][2][0]
    assert "COVID-9001" in sent and "10001" in sent


def test_lost_markers_fall_back_to_pieces_between_spans() -> None:
    engine = DigitDroppingEngine()
    text = "我有 3 个苹果，见 https://x.org/a 了解详情。"
    _, result = _run(text, "en", engine)
    assert len(engine.calls) == 2
    assert engine.calls[1][2] == ["我有", "个苹果，见", "了解详情。"]
    assert " 3 " in result.translation
    assert "https://x.org/a" in result.translation
