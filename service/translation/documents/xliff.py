"""XLIFF 1.2 and 2.0 (``.xliff``, ``.xlf``) with lxml: empty targets filled, markup kept.

``service.catalogs.xliff`` converts between our catalogs and a plain-text XLIFF 1.2 export; it
rebuilds documents from a catalog, so it cannot carry an arbitrary file's inline markup, notes
or XLIFF 2.0. Here the file itself is edited: each unit (1.2 ``trans-unit``, 2.0 ``segment``)
without a non-empty target and not marked ``translate="no"`` gets a target that is a copy of
its source with the source's text translated in place: inline codes (``g``, ``x``, ``ph``,
``pc``, ``mrk``...) stay where they are, texts inside paired codes are walked into. A 1.2
target is marked ``state="needs-review-translation"``; the file's target language is set when
missing. Targets already there and everything else are untouched.
"""

from __future__ import annotations

import copy

from lxml import etree

from service.translation.documents.errors import InvalidDocument
from service.translation.documents.model import Extraction, Options, from_paragraphs
from service.translation.documents.pieces import Paragraph
from service.translation.documents.safety import parse_xml, serialize_xml
from service.translation.documents.xmltext import local_name, mixed_paragraph

NS_12 = "urn:oasis:names:tc:xliff:document:1.2"
NS_20 = "urn:oasis:names:tc:xliff:document:2.0"
_PAIRED_TEXT = {"g", "mrk", "pc"}  # codes whose content is text to translate


def _classify(child: etree._Element) -> str | None:
    return None if local_name(child) in _PAIRED_TEXT else ""


def _has_text(element: etree._Element | None) -> bool:
    return element is not None and bool("".join(element.itertext()).strip())


def _unit_blocked(unit: etree._Element) -> bool:
    return any(e.get("translate") == "no" for e in (unit, *unit.iterancestors()))


def extract(data: bytes, options: Options) -> Extraction:
    tree = parse_xml(data, "The XLIFF file")
    root = tree.getroot()
    namespace = etree.QName(root).namespace
    if local_name(root) != "xliff" or namespace not in (NS_12, NS_20):
        raise InvalidDocument("The file is not XLIFF 1.2 or 2.0")
    paragraphs: list[Paragraph] = []
    unit_tag = "trans-unit" if namespace == NS_12 else "segment"
    for unit in root.iter(f"{{{namespace}}}{unit_tag}"):
        source = unit.find(f"{{{namespace}}}source")
        target = unit.find(f"{{{namespace}}}target")
        if source is None or _has_text(target) or _unit_blocked(unit):
            continue
        if target is not None:
            unit.remove(target)
        target = copy.deepcopy(source)
        target.tag = f"{{{namespace}}}target"
        target.tail = source.tail
        source.addnext(target)
        if namespace == NS_12:
            target.set("state", "needs-review-translation")
        paragraphs.append(mixed_paragraph(target, _classify))
    files = list(root.iter(f"{{{NS_12}}}file")) if namespace == NS_12 else [root]
    language = "target-language" if namespace == NS_12 else "trgLang"
    for element in files:
        if not element.get(language):
            element.set(language, options.target)
    return from_paragraphs(paragraphs, lambda: serialize_xml(tree))
