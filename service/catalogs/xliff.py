"""XLIFF 1.2 export and import of a catalog (plain-text units; plurals as gettext groups).

Each entry becomes a ``trans-unit`` whose ``source`` is the msgid; msgctxt travels in a
``context`` of type ``x-gettext-msgctxt``; plural entries become a ``group`` with restype
``x-gettext-plurals`` holding one unit per plural form. Import matches units by source
text and context (not by id) and refuses documents with a DTD or entity declarations.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from xml.parsers import expat

from babel.messages.catalog import Catalog, Message

from service.catalogs.edits import Edit
from service.catalogs.entries import entry_key, entry_state, live_messages, msgstr_value
from service.catalogs.errors import InvalidImport, UnknownLocale
from service.catalogs.locales import SOURCE_LOCALE, locale_dir_name, locale_tag
from service.text_rules import xml_text

NS = "urn:oasis:names:tc:xliff:document:1.2"
PLURAL_RESTYPE = "x-gettext-plurals"
CONTEXT_TYPE = "x-gettext-msgctxt"
_TARGET_STATE = {"translated": "translated", "fuzzy": "needs-review-translation"}
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
ET.register_namespace("", NS)


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _unit_id(message: Message) -> str:
    msgid, msgctxt = entry_key(message)
    return hashlib.sha1(f"{msgctxt or ''}\x04{msgid}".encode()).hexdigest()[:16]


def _add_unit(parent: ET.Element, unit_id: str, source: str, target: str, state: str) -> None:
    unit = ET.SubElement(parent, _q("trans-unit"), {"id": unit_id, _XML_SPACE: "preserve"})
    ET.SubElement(unit, _q("source")).text = xml_text(source)
    attrs = {"state": _TARGET_STATE[state]} if target and state in _TARGET_STATE else {}
    ET.SubElement(unit, _q("target"), attrs).text = xml_text(target)


def _add_context(parent: ET.Element, msgctxt: str | None) -> None:
    if msgctxt is not None:
        group = ET.SubElement(parent, _q("context-group"), {"purpose": "information"})
        ET.SubElement(group, _q("context"), {"context-type": CONTEXT_TYPE}).text = xml_text(msgctxt)


def _add_notes(parent: ET.Element, message: Message) -> None:
    for comment in message.auto_comments:
        ET.SubElement(parent, _q("note"), {"from": "developer"}).text = xml_text(comment)
    for comment in message.user_comments:
        ET.SubElement(parent, _q("note"), {"from": "translator"}).text = xml_text(comment)


def export_xliff(catalog: Catalog, locale: str) -> bytes:
    """XLIFF 1.2 document (UTF-8 bytes) with every live entry of ``catalog``."""
    root = ET.Element(_q("xliff"), {"version": "1.2"})
    file_attrs = {
        "original": "messages.po",
        "datatype": "po",
        "source-language": SOURCE_LOCALE,
        "target-language": locale_tag(locale),
    }
    body = ET.SubElement(ET.SubElement(root, _q("file"), file_attrs), _q("body"))
    for message in live_messages(catalog):
        unit_id, state, value = _unit_id(message), entry_state(message), msgstr_value(message)
        if isinstance(value, str):
            _add_unit(body, unit_id, message.id, value, state)
            _add_context(body[-1], message.context)
            _add_notes(body[-1], message)
            continue
        group = ET.SubElement(body, _q("group"), {"id": unit_id, "restype": PLURAL_RESTYPE})
        _add_context(group, message.context)
        _add_notes(group, message)
        for form, text in enumerate(value):
            source = message.id[0] if form == 0 else message.id[1]
            _add_unit(group, f"{unit_id}[{form}]", source, text, state)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _refuse_declarations(data: bytes) -> None:
    def refuse(*_: object) -> None:
        raise InvalidImport("XLIFF documents must not contain a DTD or entity declarations")

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise InvalidImport(f"not well-formed XML: {exc}") from exc
    # Expat looks the declared encoding up among Python's codecs: unknown or not text
    # (klingon, base64: LookupError), or unusable by expat (utf-32, undefined: ValueError).
    except (LookupError, ValueError) as exc:
        raise InvalidImport(f"the XML declaration names an unusable encoding: {exc}") from exc


def _local(element: ET.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _child(element: ET.Element, name: str) -> ET.Element | None:
    return next((child for child in element if _local(child) == name), None)


def _text(element: ET.Element | None) -> str:
    if element is None:
        return ""
    if len(element):
        raise InvalidImport("inline markup inside <source>/<target> is not supported")
    return element.text or ""


def _msgctxt(element: ET.Element) -> str | None:
    for context in element.iter(_q("context")):
        if context.get("context-type") == CONTEXT_TYPE:
            return context.text or ""
    return None


def _fuzzy(target: ET.Element | None) -> bool:
    state = target.get("state", "") if target is not None else ""
    return state.startswith("needs-") or state == "new"


MAX_GROUP_DEPTH = 32


def _edits(container: ET.Element, depth: int = 0) -> list[Edit]:
    if depth > MAX_GROUP_DEPTH:
        raise InvalidImport(f"groups are nested deeper than {MAX_GROUP_DEPTH} levels")
    edits = []
    for element in container:
        name = _local(element)
        if name == "group" and element.get("restype") == PLURAL_RESTYPE:
            units = [unit for unit in element if _local(unit) == "trans-unit"]
            if not units:
                continue
            targets = [_child(unit, "target") for unit in units]
            forms = [_text(target) for target in targets]
            if any(forms):
                msgid = _text(_child(units[0], "source"))
                fuzzy = any(_fuzzy(target) for target in targets)
                edits.append(Edit(msgid, forms, _msgctxt(element), fuzzy=fuzzy))
        elif name in ("group", "body"):
            edits.extend(_edits(element, depth + 1))
        elif name == "trans-unit":
            target = _child(element, "target")
            if text := _text(target):
                msgid = _text(_child(element, "source"))
                edits.append(Edit(msgid, text, _msgctxt(element), fuzzy=_fuzzy(target)))
    return edits


def parse_xliff(data: bytes, locale: str) -> list[Edit]:
    """Edits for every unit with a non-empty target; raises InvalidImport if refused.

    Every ``file`` element's target-language, when present, must be ``locale``.
    """
    _refuse_declarations(data)
    root = ET.fromstring(data)
    if _local(root) != "xliff":
        raise InvalidImport("the root element is not <xliff>")
    edits = []
    for file in (child for child in root if _local(child) == "file"):
        language = file.get("target-language")
        try:
            same = language is None or locale_dir_name(language) == locale_dir_name(locale)
        except UnknownLocale as exc:
            raise InvalidImport(f"unknown target-language {language!r}") from exc
        if not same:
            raise InvalidImport(f"the file targets {language}, not {locale_tag(locale)}")
        edits.extend(_edits(file))
    return edits
