"""Mixed-language detection: text → language segments over the exact input (pure, no I/O).

Pages mix English and Chinese (and other languages) at every level; ``detect_segments`` finds
the language of each sentence-like unit, keeps borrowed words inside their sentence's matrix
language, cuts a label from its juxtaposed translation ("Related articles 相关文章") and merges
adjacent units of one language. Codes are BCP-47: alphabetic languages as
ISO 639-1 ("en", "fr", ...), "zh-Hans", "zh-Hant", "ja", "ko", and "und" for letters of no
configured language.
"""

from .latin import DEFAULT_LANGUAGES, UNDETERMINED
from .segmenter import (
    Segment,
    detect_language,
    detect_segments,
    language_shares,
    load_detectors,
)

__all__ = [
    "DEFAULT_LANGUAGES",
    "UNDETERMINED",
    "Segment",
    "detect_language",
    "detect_segments",
    "language_shares",
    "load_detectors",
]
