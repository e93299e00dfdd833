"""Normalising sentences for exact matching: width (NFKC) and whitespace."""

from __future__ import annotations

import hashlib
import unicodedata


def normalized(text: str) -> str:
    """``text`` in NFKC (full-width letters and digits become ASCII) with whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def text_key(text: str) -> str:
    """A fixed-length digest of the normalised text, for indexed lookups in the database."""
    return hashlib.sha256(normalized(text).encode("utf-8")).hexdigest()


def like_pattern(text: str) -> str:
    """A SQL LIKE pattern (escape character ``\\``) finding ``text`` anywhere."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
