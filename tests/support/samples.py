"""The sample page of mixed English and Chinese (a copy of shared/samples/seed-page.txt)."""

from pathlib import Path

SAMPLE_PAGE = Path(__file__).resolve().parents[1] / "data" / "seed-page.txt"


def sample_page_text() -> str:
    """The sample page's exact text."""
    return SAMPLE_PAGE.read_text(encoding="utf-8")
