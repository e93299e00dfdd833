"""One document through the one pipeline: check, detect, extract, translate, rebuild.

``prepare_document`` checks an upload and extracts its items (what a job counts as its
units); ``PreparedDocument.finish`` writes the results back. ``PreparedDocument.translate``
does both around one ``ContentTranslator.translate`` call (one pipeline run, one batch per
model pair); a document job translates the same items in batches, to show its progress. With
``source`` given, a text no model can translate is an error (``ModelNotInstalled``); with
automatic detection, a language without a model is left as it is, unless nothing at all
could be translated, which is the same error for its first language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from service.engine import ModelNotInstalled
from service.translation.documents.errors import DocumentTooLarge
from service.translation.documents.formats import DocumentFormat, detect_format, extension_of
from service.translation.documents.model import Extraction, Options
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


@dataclass(frozen=True, slots=True)
class PreparedDocument:
    """A checked, parsed document: its items to translate and how to write them back."""

    filename: str
    format: DocumentFormat
    bom: bytes
    extraction: Extraction

    @property
    def items(self) -> list[Item]:
        return self.extraction.items

    @property
    def characters(self) -> int:
        return self.extraction.characters

    def translate(
        self, translator: ContentTranslator, target: Target, source: str | None
    ) -> TranslatedDocument:
        """The document translated in one pipeline run; call once."""
        results = translator.translate(
            self.items, target, source, keep_unroutable=source is None
        )
        return self.finish(results, target)

    def finish(self, results: Sequence[ItemResult], target: Target) -> TranslatedDocument:
        """The translated file, from one result per item (in order); call once."""
        _check_something_translated(self.items, results, target)
        data = self.bom + self.extraction.render(results)
        return TranslatedDocument(
            data, output_name(self.filename, self.format), self.format, self.characters
        )


def check_size(size: int, limits: DocumentLimits, what: str = "The file") -> None:
    """Refuse a file (or an upload) over the size limit."""
    if size > limits.max_bytes:
        raise DocumentTooLarge(
            f"{what} is {size} bytes; files up to {limits.max_bytes} bytes are accepted",
            limits.max_bytes,
        )


def output_name(filename: str, found: DocumentFormat) -> str:
    """``filename`` with the found format's extension when it had another one."""
    extension = extension_of(filename)
    if extension in found.extensions:
        return filename
    stem = filename[: len(filename) - len(extension)] if extension else filename
    return (stem or "document") + found.extensions[0]


def prepare_document(
    data: bytes, filename: str, target: str, limits: DocumentLimits
) -> PreparedDocument:
    """``data`` (called ``filename``) checked and parsed for a translation into ``target``."""
    check_size(len(data), limits)
    found = detect_format(data, filename, limits)
    bom = BOM if found.text and data.startswith(BOM) else b""
    extraction = found.extract(data[len(bom) :], Options(limits, target))
    if extraction.characters > limits.max_chars:
        raise DocumentTooLarge(
            f"The file holds {extraction.characters} characters of text; at most "
            f"{limits.max_chars} are accepted",
            limits.max_chars,
        )
    return PreparedDocument(filename, found, bom, extraction)


def _check_something_translated(
    items: Sequence[Item], results: Sequence[ItemResult], target: Target
) -> None:
    unchanged = all(r.translation == i.text for i, r in zip(items, results, strict=True))
    missing = [lang for result in results for lang in result.untranslated]
    if unchanged and missing:
        raise ModelNotInstalled(missing[0], target.lang)
