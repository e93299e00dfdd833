"""The msgids that ``babel.cfg`` extracts from the repository's templates and code."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

ROOT = Path(__file__).resolve().parents[2]


def extracted_msgids(sources: tuple[str, ...]) -> set[str]:
    """Every singular msgid found in files whose repository path starts with one of ``sources``."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    return {
        message
        for filename, _line, message, _comments, _context in extract_from_dir(
            ROOT, method_map, options_map
        )
        if isinstance(message, str) and filename.startswith(sources)
    }
