"""Property tests of the pure pipeline (detect → plan → execute → assemble) on any text.

Texts mix short strings of many scripts with runs of one character, some up to 2,000 long.

The model is replaced by a stand-in SentenceTranslator (the pipeline's own injection point):
what is checked is what the pipeline promises whatever a model returns. Kept and untranslated
segments come back byte for byte at their output offsets, the gaps between segments are
untouched, and output offsets tile the output in order.
"""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from service.detection import detect_segments
from service.translation.assemble import assemble
from service.translation.execute import execute
from service.translation.plan import Route, Target, plan_text
from service.translation.translator import sentence_spans

SCRIPTS = [
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),  # ASCII
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # Han
    st.characters(min_codepoint=0x3040, max_codepoint=0x30FF),  # kana
    st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3),  # Hangul
    st.characters(min_codepoint=0x0400, max_codepoint=0x04FF),  # Cyrillic
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),  # Arabic
    st.sampled_from(list("\n\r\t \u3000\u00a0。，、！？.,;:!?\"'()[]{}%$#@/\\|-—")),
    st.characters(codec="utf-8"),  # anything, control characters included
]
# Mostly short runs, sometimes a huge one (a page of one script, a pasted block of symbols).
RUN_LENGTH = st.one_of(st.integers(1, 40), st.integers(200, 2000))
RUN = st.builds(lambda char, n: char * n, st.one_of(*SCRIPTS), RUN_LENGTH)
TEXT = st.lists(st.one_of(st.text(st.one_of(*SCRIPTS), max_size=30), RUN), max_size=12).map("".join)


class Marking:
    """A stand-in model: every sentence becomes a bracketed tag (so changes are visible)."""

    def hops(self, source: str, target: str) -> list[tuple[str, str]]:
        return [(source, target)]

    def translate(self, sentences: Sequence[str], source: str, target: str) -> list[str]:
        return [f"<{source}>{len(sentence)}" for sentence in sentences]

    def translate_hop(self, hop: tuple[str, str], sentences: Sequence[str]) -> list[str]:
        return self.translate(sentences, *hop)


def _route(source: str, target: str) -> Route:
    return Route(source, target)


@settings(max_examples=300, deadline=None)
@given(text=TEXT, target=st.sampled_from(["en", "zh-Hans", "zh-Hant", "fr"]))
def test_kept_segments_and_gaps_come_back_byte_for_byte(text: str, target: str) -> None:
    segments = detect_segments(text, ("en", "fr", "de"))
    plan = plan_text(
        text,
        segments,
        Target(target),
        source=None,
        routes=_route,
        catalog=lambda _text, _target: None,
        sentences=sentence_spans,
    )
    execute([plan], Marking())
    result = assemble(plan)
    output = result.translation
    position = output_position = 0
    for segment in result.segments:
        gap = text[position : segment.start]
        assert output[output_position : output_position + len(gap)] == gap
        assert segment.output_start == output_position + len(gap)
        assert segment.output_start <= segment.output_end <= len(output)
        if segment.action in ("kept", "untranslated"):
            original = text[segment.start : segment.end]
            assert output[segment.output_start : segment.output_end] == original
        position, output_position = segment.end, segment.output_end
    assert output[output_position:] == text[position:]
