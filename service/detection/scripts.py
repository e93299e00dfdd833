"""Per-character script classification: Han, kana, Hangul, Latin and other letters.

Everything here works on precompiled regular expressions over Unicode ranges so that counting
the scripts of a sentence is done in C, not one Python call per character. Counting functions
take ``start``/``end`` so callers never slice or copy the input.
"""

from __future__ import annotations

import enum
import re
from typing import NamedTuple

# Unified ideographs (BMP blocks, compatibility block, supplementary planes) and 〇.
HAN_RANGES = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Hiragana, katakana (full and half width, phonetic extensions) and the iteration marks 々〆.
# The katakana middle dot U+30FB is punctuation shared with Chinese text, so it is left out.
KANA_RANGES = "\u3005\u3006\u3041-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9d"
# Hangul syllables and jamo (including compatibility and half-width jamo).
HANGUL_RANGES = "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff\uffa0-\uffdc"
CJK_RANGES = HAN_RANGES + KANA_RANGES + HANGUL_RANGES
# Latin script letters: ASCII, Latin-1, Extended-A/B, IPA, Extended Additional, ligatures,
# full-width forms.
LATIN_RANGES = (
    "A-Za-z\u00aa\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0250-\u02af\u1e00-\u1eff"
    "\ufb00-\ufb06\uff21-\uff3a\uff41-\uff5a"
)

HAN_RE = re.compile(f"[{HAN_RANGES}]")
KANA_RE = re.compile(f"[{KANA_RANGES}]")
HANGUL_RE = re.compile(f"[{HANGUL_RANGES}]")
CJK_RE = re.compile(f"[{CJK_RANGES}]")
CJK_RUN_RE = re.compile(f"[{CJK_RANGES}]+")
LATIN_RE = re.compile(f"[{LATIN_RANGES}]")
# Any letter (Unicode category L*, plus other alphanumerics that are not decimal digits).
LETTER_RE = re.compile(r"[^\W\d_]")
# A letter that is not Han, kana or Hangul: Latin, Cyrillic, Greek, Arabic, ...
ALPHA_RE = re.compile(rf"[^\W\d_{CJK_RANGES}]")
# A word of such letters (apostrophes and hyphens split words, which is fine for weighting).
ALPHA_WORD_RE = re.compile(rf"[^\W\d_{CJK_RANGES}]+")


class Script(enum.Enum):
    """The script class of one character."""

    HAN = "han"
    KANA = "kana"
    HANGUL = "hangul"
    LATIN = "latin"
    OTHER_LETTER = "other_letter"
    NONE = "none"  # digits, punctuation, symbols, emoji, whitespace


class ScriptCounts(NamedTuple):
    """How many letters of each script class a stretch of text holds."""

    han: int
    kana: int
    hangul: int
    alpha: int  # letters outside Han/kana/Hangul (Latin and other alphabets)

    @property
    def cjk(self) -> int:
        return self.han + self.kana + self.hangul

    @property
    def letters(self) -> int:
        return self.cjk + self.alpha


def script_of(char: str) -> Script:
    """Classify one character."""
    if HAN_RE.match(char):
        return Script.HAN
    if KANA_RE.match(char):
        return Script.KANA
    if HANGUL_RE.match(char):
        return Script.HANGUL
    if LATIN_RE.match(char):
        return Script.LATIN
    if LETTER_RE.match(char):
        return Script.OTHER_LETTER
    return Script.NONE


def count_scripts(text: str, start: int = 0, end: int | None = None) -> ScriptCounts:
    """Count the letters of each script class in ``text[start:end]``."""
    stop = len(text) if end is None else end
    return ScriptCounts(
        han=len(HAN_RE.findall(text, start, stop)),
        kana=len(KANA_RE.findall(text, start, stop)),
        hangul=len(HANGUL_RE.findall(text, start, stop)),
        alpha=len(ALPHA_RE.findall(text, start, stop)),
    )


def count_letters(text: str, start: int = 0, end: int | None = None) -> int:
    """Number of letters (any script) in ``text[start:end]``."""
    return len(LETTER_RE.findall(text, start, len(text) if end is None else end))


def count_cjk(text: str, start: int = 0, end: int | None = None) -> int:
    """Number of Han, kana and Hangul characters in ``text[start:end]``."""
    return len(CJK_RE.findall(text, start, len(text) if end is None else end))


def count_kana(text: str, start: int = 0, end: int | None = None) -> int:
    """Number of kana characters in ``text[start:end]``."""
    return len(KANA_RE.findall(text, start, len(text) if end is None else end))


def count_hangul(text: str, start: int = 0, end: int | None = None) -> int:
    """Number of Hangul characters in ``text[start:end]``."""
    return len(HANGUL_RE.findall(text, start, len(text) if end is None else end))


def has_alpha(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` holds a letter that is not Han, kana or Hangul."""
    return ALPHA_RE.search(text, start, len(text) if end is None else end) is not None


def has_cjk(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` holds any Han, kana or Hangul character."""
    return CJK_RE.search(text, start, len(text) if end is None else end) is not None


def has_letter(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` holds any letter at all."""
    return LETTER_RE.search(text, start, len(text) if end is None else end) is not None


def is_cjk(char: str) -> bool:
    """Whether one character is Han, kana or Hangul."""
    return CJK_RE.match(char) is not None
