"""One document through the one pipeline: check, detect, extract, translate once, rebuild.

All the document's items go to ``ContentTranslator.translate`` in one call (one pipeline run,
one batch per model pair). With ``source`` given, a text no model can translate is an error
(``ModelNotInstalled``); with automatic detection, a language without a model is left as it
is, unless nothing at all could be translated, which is the same error for its first language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from service.engine import ModelNotInstalled
from service.translation.documents.errors import DocumentTooLarge
from service.translation.documents.formats import DocumentFormat, detect_format, extension_of
from service.translation.documents.model import Options
from service.translation.documents.safety import DocumentLimits
from service.translation.plan import Target
from service.translation.translator import ContentTranslator, Item, ItemResult

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class TranslatedDocument:
    """The translated file, the name to give it and the format it was found to be."""

    data: bytes
    filename: str
    format: DocumentFormat
    characters: int


def check_size(size: int, limits: DocumentLimits, what: str = "The file") -> None:
    """Refuse a file (or an upload) over the synchronous size limit (no job path yet)."""
    if size > limits.max_bytes:
        raise DocumentTooLarge(
            f"{what} is {size} bytes; files up to {limits.max_bytes} bytes are translated "
            "at once, and larger files are not accepted yet",
            limits.max_bytes,
        )


def output_name(filename: str, found: DocumentFormat) -> str:
    """``filename`` with the found format's extension when it had another one."""
    extension = extension_of(filename)
    if extension in found.extensions:
        return filename
    stem = filename[: len(filename) - len(extension)] if extension else filename
    return (stem or "document") + found.extensions[0]


def translate_document(
    data: bytes,
    filename: str,
    translator: ContentTranslator,
    target: Target,
    source: str | None,
    limits: DocumentLimits,
) -> TranslatedDocument:
    """The translation of the file ``data`` called ``filename`` into ``target``."""
    check_size(len(data), limits)
    found = detect_format(data, filename, limits)
    bom = BOM if found.text and data.startswith(BOM) else b""
    extraction = found.extract(data[len(bom) :], Options(limits, target.lang))
    characters = extraction.characters
    if characters > limits.max_chars:
        raise DocumentTooLarge(
            f"The file holds {characters} characters of text; at most {limits.max_chars} "
            "are translated at once",
            limits.max_chars,
        )
    results = translator.translate(
        extraction.items, target, source, keep_unroutable=source is None
    )
    _check_something_translated(extraction.items, results, target)
    return TranslatedDocument(
        bom + extraction.render(results), output_name(filename, found), found, characters
    )


def _check_something_translated(
    items: Sequence[Item], results: Sequence[ItemResult], target: Target
) -> None:
    unchanged = all(r.translation == i.text for i, r in zip(items, results, strict=True))
    missing = [lang for result in results for lang in result.untranslated]
    if unchanged and missing:
        raise ModelNotInstalled(missing[0], target.lang)
