"""Glossary files: CSV (one entry a row) and TBX (TermBase eXchange, TBX-Basic shape).

Both directions go through ``entry_problems``, so an imported row is checked exactly like an
entry posted to the API, and a file with any bad row imports nothing (the problems name the
row). TBX is read without DTDs, entities or network access; a ``termEntry`` holds one
``langSet`` per language, the first being the source and every other one a target; the
entry's flags travel as ``termNote`` elements (``caseSensitive``, ``wholeWord``,
``doNotTranslate``) and its note as ``<note>``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from lxml import etree

from service.known.errors import InvalidGlossaryEntry, InvalidGlossaryFile
from service.known.glossary import FIELDS, GlossaryEntry, entry_problems
from service.text_rules import xml_text

MAX_ENTRIES = 50_000
_FLAGS = {"case_sensitive": "caseSensitive", "whole_word": "wholeWord"}
_DNT = "doNotTranslate"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_TRUE = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


def _checked(bodies: Sequence[tuple[str, dict[str, Any]]]) -> list[GlossaryEntry]:
    if len(bodies) > MAX_ENTRIES:
        raise InvalidGlossaryFile(f"{len(bodies)} entries; at most {MAX_ENTRIES} per file")
    entries: list[GlossaryEntry] = []
    problems: list[dict[str, Any]] = []
    for where, body in bodies:
        entry, found = entry_problems(body)
        if entry is None:
            problems.append({"at": where, "problems": found})
        else:
            entries.append(entry)
    if problems:
        raise InvalidGlossaryEntry(problems[:100])
    return entries


def _flag(value: str | None) -> bool | str | None:
    if value is None or not value.strip():
        return None
    return _TRUE.get(value.strip().lower(), value)


def read_csv(data: bytes) -> list[GlossaryEntry]:
    """Entries of a UTF-8 CSV whose header names the entry fields (``source,term,...``)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidGlossaryFile("The CSV file is not UTF-8 text") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [name for name in ("source", "term", "target") if name not in header]
    if missing:
        raise InvalidGlossaryFile(f"The CSV header lacks {', '.join(missing)}")
    bodies: list[tuple[str, dict[str, Any]]] = []
    try:
        for number, row in enumerate(reader, start=2):
            body: dict[str, Any] = {}
            for name, value in row.items():
                if name is None or value is None or value == "":
                    continue
                flagged = name in ("case_sensitive", "whole_word", "do_not_translate")
                body[name] = _flag(value) if flagged else value
            bodies.append((f"line {number}", body))
            if len(bodies) > MAX_ENTRIES:
                break
    except csv.Error as exc:
        raise InvalidGlossaryFile(f"The CSV file cannot be read: {exc}") from exc
    return _checked(bodies)


def write_csv(entries: Sequence[GlossaryEntry]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for entry in entries:
        row = entry.to_dict()
        row.pop("id", None)
        for name in ("case_sensitive", "whole_word", "do_not_translate"):
            row[name] = "true" if row[name] else "false"
        writer.writerow(row)
    return out.getvalue()


def write_tbx(entries: Sequence[GlossaryEntry]) -> bytes:
    root = etree.Element("martif", type="TBX-Basic")
    root.set(_XML_LANG, "en")
    body = etree.SubElement(etree.SubElement(root, "text"), "body")
    for entry in entries:
        term_entry = etree.SubElement(body, "termEntry", id=f"g{entry.id or 0}")
        if entry.note:
            etree.SubElement(term_entry, "note").text = xml_text(entry.note)
        for lang, term in ((entry.source, entry.term), (entry.target, entry.output)):
            lang_set = etree.SubElement(term_entry, "langSet")
            lang_set.set(_XML_LANG, lang)
            tig = etree.SubElement(lang_set, "tig")
            etree.SubElement(tig, "term").text = xml_text(term)
            if lang == entry.target:
                for name, note in _FLAGS.items():
                    flag = "true" if getattr(entry, name) else "false"
                    etree.SubElement(tig, "termNote", type=note).text = flag
                if entry.do_not_translate:
                    etree.SubElement(tig, "termNote", type=_DNT).text = "true"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _parse_xml(data: bytes) -> etree._Element:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        tree = etree.parse(io.BytesIO(data), parser)
    except etree.XMLSyntaxError as exc:
        raise InvalidGlossaryFile(f"The TBX file is not well-formed XML: {exc}") from exc
    if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
        raise InvalidGlossaryFile("The TBX file declares a DTD; XML with a DTD is not accepted")
    return tree.getroot()


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element.iter() if _local(child) == name]


def read_tbx(data: bytes) -> list[GlossaryEntry]:
    """Entries of a TBX file: each termEntry gives one entry per target langSet."""
    root = _parse_xml(data)
    bodies: list[tuple[str, dict[str, Any]]] = []
    for number, term_entry in enumerate(_children(root, "termEntry"), start=1):
        notes = [n.text or "" for n in term_entry if _local(n) in ("note", "descrip")]
        lang_sets = [child for child in term_entry if _local(child) == "langSet"]
        terms = []
        for lang_set in lang_sets:
            found = _children(lang_set, "term")
            flags = {
                n.get("type"): (n.text or "").strip().lower() == "true"
                for n in _children(lang_set, "termNote")
            }
            terms.append((lang_set.get(_XML_LANG) or "", found[0].text if found else None, flags))
        if len(terms) < 2:
            bodies.append((f"termEntry {number}", {"term": None}))
            continue
        source, term, _ = terms[0]
        for lang, translation, flags in terms[1:]:
            body: dict[str, Any] = {"source": source, "term": term, "target": lang}
            if flags.get(_DNT):
                body["do_not_translate"] = True
            else:
                body["translation"] = translation
            body |= {name: flags[note] for name, note in _FLAGS.items() if note in flags}
            if notes:
                body["note"] = " ".join(notes)[:2000]
            bodies.append((f"termEntry {number}", body))
        if len(bodies) > MAX_ENTRIES:
            break
    return _checked(bodies)
