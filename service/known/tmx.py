"""TMX 1.4 (Translation Memory eXchange) export and import of memory units.

A ``tu`` holds one ``tuv`` per language; on import the header's ``srclang`` (unless
``*all*``) or else the first ``tuv`` is the source, and every other ``tuv`` gives one unit.
Inline markup inside ``seg`` is flattened to its text. Files are read without DTDs,
entities or network access; a file with any bad unit imports nothing.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

from lxml import etree

from service.known.errors import InvalidMemoryFile
from service.known.memory import ORIGINS, MemoryUnit, unit_problems
from service.text_rules import xml_text

MAX_UNITS = 100_000
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_DATE = "%Y%m%dT%H%M%SZ"


def write_tmx(units: Sequence[MemoryUnit], version: str) -> bytes:
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root,
        "header",
        creationtool="Mixlate",
        creationtoolversion=version,
        segtype="sentence",
        adminlang="en",
        srclang="*all*",
        datatype="plaintext",
        **{"o-tmf": "mixlate"},
    )
    body = etree.SubElement(root, "body")
    for unit in units:
        attributes = {"tuid": str(unit.id or 0), "creationid": unit.author}
        if unit.created_at is not None:
            attributes["creationdate"] = unit.created_at.astimezone(UTC).strftime(_DATE)
        tu = etree.SubElement(body, "tu", **attributes)
        etree.SubElement(tu, "prop", type="x-origin").text = unit.origin
        for lang, text in ((unit.source, unit.source_text), (unit.target, unit.target_text)):
            tuv = etree.SubElement(tu, "tuv")
            tuv.set(_XML_LANG, lang)
            etree.SubElement(tuv, "seg").text = xml_text(text)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _root(data: bytes) -> etree._Element:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        tree = etree.parse(io.BytesIO(data), parser)
    except etree.XMLSyntaxError as exc:
        raise InvalidMemoryFile(f"the TMX file is not well-formed XML: {exc}") from exc
    if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
        raise InvalidMemoryFile("the TMX file declares a DTD; XML with a DTD is not accepted")
    root = tree.getroot()
    if etree.QName(root).localname != "tmx":
        raise InvalidMemoryFile("the root element is not <tmx>")
    return root


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.strptime(value, _DATE).replace(tzinfo=UTC)
    except ValueError:
        return None


def _seg(tuv: etree._Element) -> str:
    segs = [child for child in tuv if etree.QName(child).localname == "seg"]
    return "".join(segs[0].itertext()) if segs else ""


def read_tmx(data: bytes, author: str) -> list[MemoryUnit]:
    """Units of a TMX file; each keeps its ``creationid``/``creationdate`` when it has them."""
    root = _root(data)
    header = next((e for e in root.iter("header")), None)
    srclang = header.get("srclang") if header is not None else None
    units: list[MemoryUnit] = []
    problems: list[str] = []
    for number, tu in enumerate(root.iter("tu"), start=1):
        tuvs = [(tuv.get(_XML_LANG) or tuv.get("lang") or "", _seg(tuv)) for tuv in tu.iter("tuv")]
        source = next((t for t in tuvs if srclang and t[0].lower() == srclang.lower()), None)
        source = source or (tuvs[0] if tuvs else None)
        if source is None or len(tuvs) < 2:
            problems.append(f"tu {number}: it needs a source and at least one target")
            continue
        origin = next((p.text for p in tu.iter("prop") if p.get("type") == "x-origin"), None)
        for lang, text in tuvs:
            if (lang, text) == source:
                continue
            body = {
                "source": source[0],
                "target": lang,
                "source_text": source[1],
                "target_text": text,
            }
            who = tu.get("creationid") or author
            unit, found = unit_problems(body, origin if origin in ORIGINS else "import", who)
            if unit is None:
                problems.append(f"tu {number}: {'; '.join(found)}")
            else:
                created = _date(tu.get("creationdate"))
                units.append(replace(unit, created_at=created))
        if len(units) > MAX_UNITS:
            raise InvalidMemoryFile(f"more than {MAX_UNITS} units in one file")
    if problems:
        raise InvalidMemoryFile("; ".join(problems[:20]))
    return units
