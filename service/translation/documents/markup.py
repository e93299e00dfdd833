"""HTML files through the pipeline's own HTML front end (``service.translation.html_text``).

The whole file is one ``html`` item: runs are found, translated and spliced back byte-exactly,
``translate="no"`` and code are respected, and malformed markup never fails. The character
limit counts the runs' text, not the markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from service.translation.documents.model import Extraction, Options
from service.translation.html_text import HtmlDocument
from service.translation.translator import Item, ItemResult


def extract(data: bytes, _options: Options) -> Extraction:
    source = data.decode("utf-8")

    def render(results: Sequence[ItemResult]) -> bytes:
        return results[0].translation.encode("utf-8")

    length = sum(len(run.text) for run in HtmlDocument.parse(source).runs)
    return Extraction([Item(source, "html")], render, length)
