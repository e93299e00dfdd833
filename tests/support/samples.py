"""The sample page of mixed English and Chinese (a copy of shared/samples/seed-page.txt), and
long texts with no sentence breaks."""

import random
from pathlib import Path

from tests.support.argos_builder import corpus

SAMPLE_PAGE = Path(__file__).resolve().parents[1] / "data" / "seed-page.txt"


def sample_page_text() -> str:
    """The sample page's exact text."""
    return SAMPLE_PAGE.read_text(encoding="utf-8")


def unbroken_text(code: str, words: int, sep: str) -> str:
    """``words`` seeded CLDR names in ``code`` with every non-letter removed: no breaks."""
    rng = random.Random(5)
    names = ["".join(c for c in name if c.isalpha()) for name in corpus(code)]
    return sep.join(rng.choice([n for n in names if n]) for _ in range(words))
