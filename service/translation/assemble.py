"""Assembly: rebuild each output string from the untouched gaps and the segment results."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from service.translation.plan import PlannedSegment, TextPlan, Unit

# Targets written without spaces between sentences.
_UNSPACED = ("zh-Hans", "zh-Hant", "ja")


@dataclass(frozen=True, slots=True)
class SegmentResult:
    """Where a segment was in the input, what happened to it, and where its result is."""

    start: int
    end: int
    lang: str
    action: str
    output_start: int
    output_end: int
    reason: str | None = None

    def as_dict(self) -> dict[str, object]:
        found: dict[str, object] = {
            "start": self.start,
            "end": self.end,
            "lang": self.lang,
            "action": self.action,
            "output_start": self.output_start,
            "output_end": self.output_end,
        }
        if self.reason is not None:
            found["reason"] = self.reason
        return found


@dataclass(frozen=True, slots=True)
class TextResult:
    """The translation of one text and its segment map."""

    translation: str
    segments: list[SegmentResult]


def _joined_gap(gap: str, target: str) -> str:
    """The text to put between two translated sentences that had ``gap`` between them."""
    unspaced = target in _UNSPACED
    if unspaced and gap and gap.isspace() and "\n" not in gap:
        return ""
    if not unspaced and gap == "":
        return " "
    return gap


def join_units(text: str, start: int, end: int, units: Sequence[Unit], target: str) -> str:
    """``text[start:end]`` with each unit's range replaced by its output, gaps kept."""
    parts: list[str] = []
    position = start
    for number, unit in enumerate(units):
        gap = text[position : unit.start]
        parts.append(_joined_gap(gap, target) if number else gap)
        parts.append(unit.output or "")
        position = unit.end
    parts.append(text[position:end])
    return "".join(parts)


def _segment_output(text: str, segment: PlannedSegment, target: str) -> str:
    if segment.action in ("kept", "untranslated"):
        return text[segment.start : segment.end]
    if segment.replacement is not None:
        return segment.replacement
    return join_units(text, segment.start, segment.end, segment.units, target)


def assemble(plan: TextPlan) -> TextResult:
    """The output text of ``plan`` (whose units have outputs) with output offsets."""
    text = plan.text
    parts: list[str] = []
    results: list[SegmentResult] = []
    length = 0
    position = 0
    for segment in plan.segments:
        gap = text[position : segment.start]
        parts.append(gap)
        length += len(gap)
        output = _segment_output(text, segment, plan.target.lang)
        parts.append(output)
        results.append(
            SegmentResult(
                segment.start,
                segment.end,
                segment.lang,
                segment.action,
                length,
                length + len(output),
                segment.reason,
            )
        )
        length += len(output)
        position = segment.end
    parts.append(text[position:])
    return TextResult("".join(parts), results)
