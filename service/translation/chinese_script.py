"""Simplified ↔ Traditional Chinese conversion with OpenCC (Taiwan or Hong Kong phrasing)."""

from __future__ import annotations

import threading
from functools import cache

import opencc

# OpenCC configurations by (from script, to script, regional phrasing).
_CONFIGS = {
    ("zh-Hans", "zh-Hant", "tw"): "s2twp",
    ("zh-Hans", "zh-Hant", "hk"): "s2hk",
    ("zh-Hant", "zh-Hans", None): "tw2sp",
}


class _Converter:
    """One OpenCC converter, shared by threads behind a lock."""

    def __init__(self, config: str) -> None:
        self._opencc = opencc.OpenCC(config)
        self._lock = threading.Lock()

    def convert(self, text: str) -> str:
        with self._lock:
            return self._opencc.convert(text)


@cache
def _converter(config: str) -> _Converter:
    return _Converter(config)


def convert_script(text: str, source: str, target: str, variant: str | None = None) -> str:
    """Convert ``text`` from one Chinese script to the other.

    ``source``/``target`` are ``zh-Hans`` or ``zh-Hant``; ``variant`` picks the phrasing of a
    Traditional target (``tw`` by default, ``hk`` for Hong Kong). Same script → unchanged.
    """
    if source == target:
        return text
    phrasing = (variant or "tw") if target == "zh-Hant" else None
    return _converter(_CONFIGS[(source, target, phrasing)]).convert(text)
