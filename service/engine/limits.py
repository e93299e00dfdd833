"""How long a sentence a model can take, and cutting longer ones into pieces that fit.

A Transformer has a fixed number of positions (a learned table in ``model.bin``, or 500
sinusoidal ones that CTranslate2 generates); a source longer than that fails to decode. The
output must also fit under the decoding bound, so a source is limited to half of the smaller of
the positions and MAX_DECODING_LENGTH. A longer unit is cut on clause punctuation first, then on
whitespace (nearest the middle, recursively), and a piece with neither is cut by tokens.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable
from pathlib import Path

from service.engine.batching import MAX_DECODING_LENGTH

SINUSOIDAL_POSITIONS = 500  # CTranslate2's table for models without learned positions
_POSITIONS_VARIABLE = "encoder/position_encodings/encodings"
_CLAUSE_BREAKS = re.compile(r"(?<=[,;:，、；：])")
_SPACE_BREAKS = re.compile(r"(?<=\S)(?=\s)")
_UNSPACED_TARGETS = ("zh", "ja", "th", "lo", "km", "my")


def model_positions(model_dir: Path) -> int:
    """The positions of the CTranslate2 Transformer in ``model_dir`` (its source length limit).

    Reads only the variable headers of ``model.bin``; a file it cannot read counts as sinusoidal.
    """
    try:
        with open(model_dir / "model.bin", "rb") as model:
            return _learned_positions(model) or SINUSOIDAL_POSITIONS
    except (OSError, struct.error, UnicodeDecodeError, ValueError):
        return SINUSOIDAL_POSITIONS


def _learned_positions(model) -> int | None:  # noqa: ANN001 - a binary file object
    def read(fmt: str) -> tuple:
        size = struct.calcsize(fmt)
        data = model.read(size)
        if len(data) != size:
            raise ValueError("truncated model.bin")
        return struct.unpack(fmt, data)

    def string() -> str:
        (length,) = read("H")
        return model.read(length)[:-1].decode("utf-8")

    (version,) = read("I")
    if version < 5:
        return None
    string()  # spec name
    read("I")  # revision
    (count,) = read("I")
    for _ in range(count):
        name = string()
        (rank,) = read("B")
        shape = read(f"{rank}I") if rank else ()
        read("B")  # dtype
        (size,) = read("I")
        if name == _POSITIONS_VARIABLE and shape:
            return int(shape[0])
        model.seek(size, 1)
    return None


def source_limit(positions: int) -> int:
    """The most source tokens one piece may have for a model with ``positions`` positions."""
    return max(1, min(positions, MAX_DECODING_LENGTH) // 2)


def joiner(target: str) -> str:
    """What goes between the translations of a unit's pieces in the ``target`` language."""
    return "" if target.split("-")[0] in _UNSPACED_TARGETS else " "


def split_to_fit(text: str, encode: Callable[[str], list[str]], limit: int) -> list[list[str]]:
    """Token pieces of ``text``, each of at most ``limit`` tokens, in order, losing nothing."""
    tokens = encode(text)
    if len(tokens) <= limit:
        return [tokens]
    cut = _cut(text)
    if cut is None:
        return [tokens[start : start + limit] for start in range(0, len(tokens), limit)]
    return split_to_fit(text[:cut], encode, limit) + split_to_fit(text[cut:], encode, limit)


def _cut(text: str) -> int | None:
    """The clause (else word) break nearest the middle that leaves two non-blank halves."""
    middle = len(text) / 2
    stripped = text.strip()
    if not stripped:
        return None
    first = text.index(stripped[0])
    last = text.rindex(stripped[-1])
    for breaks in (_CLAUSE_BREAKS, _SPACE_BREAKS):
        cuts = [m.start() for m in breaks.finditer(text) if first < m.start() <= last]
        if cuts:
            return min(cuts, key=lambda cut: abs(cut - middle))
    return None
