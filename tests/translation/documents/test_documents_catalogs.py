"""Catalog files end to end: gettext .po (read back with Babel) and XLIFF 1.2/2.0 (lxml)."""

from __future__ import annotations

import io

from babel.messages.pofile import read_po
from lxml import etree

from tests.translation.documents.builders import XLIFF_12, po_file
from tests.translation.documents.conftest import Translate
from tests.translation.documents.samples import ENGLISH, KEPT


def test_po_fills_empty_entries_and_keeps_the_rest(translate_file: Translate) -> None:
    source = po_file()
    before = read_po(io.BytesIO(source))
    after = read_po(io.BytesIO(translate_file("messages.po", source)))
    keys = [(m.id, m.context) for m in before if m.id]
    assert [(m.id, m.context) for m in after if m.id] == keys
    assert str(after.locale) == "zh_Hans"
    assert after.get("Close").string == "关闭" and "fuzzy" not in after.get("Close").flags
    assert after.get(KEPT, context="banner").string == KEPT
    assert "fuzzy" not in after.get(KEPT, context="banner").flags
    title = after.get(ENGLISH[0])
    assert title.string and title.string != ENGLISH[0] and "fuzzy" in title.flags
    assert title.auto_comments == ["Page title"] and title.locations == [("app.py", 3)]
    plural = after.get("One new message for %(name)s")  # Chinese has one plural form
    assert len(plural.string) == 1 and "%(count)d" in plural.string[0]
    assert "no-wrap" in after.get(ENGLISH[1]).flags


NS = "{urn:oasis:names:tc:xliff:document:1.2}"


def test_xliff_12_targets_keep_inline_codes(translate_file: Translate) -> None:
    output = etree.fromstring(translate_file("app.xliff", XLIFF_12.encode()))
    assert output.find(f"{NS}file").get("target-language") == "zh-Hans"
    units = {u.get("id"): u for u in output.iter(f"{NS}trans-unit")}
    assert units["a"].find(f"{NS}target").text not in (None, "", ENGLISH[0])
    target = units["b"].find(f"{NS}target")
    assert [(e.tag, e.get("id")) for e in target] == [(f"{NS}g", "1")]
    assert "".join(target.itertext()) != "Please read the instructions first."
    assert target.get("state") == "needs-review-translation"
    assert units["b"].find(f"{NS}note").text == "Shown on the start page"
    assert units["c"].find(f"{NS}target").text == KEPT
    assert units["d"].find(f"{NS}target").text == "关闭"
    assert units["e"].find(f"{NS}target") is None


def test_xliff_20_segments_get_targets(translate_file: Translate) -> None:
    source = f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en">
  <file id="f"><unit id="u1"><segment><source>{ENGLISH[0]} <ph id="p"/></source></segment>
  <segment><source>{KEPT}</source></segment></unit></file>
</xliff>"""
    output = etree.fromstring(translate_file("app.xlf", source.encode()))
    ns = "{urn:oasis:names:tc:xliff:document:2.0}"
    assert output.get("trgLang") == "zh-Hans"
    first, kept = (s.find(f"{ns}target") for s in output.iter(f"{ns}segment"))
    assert [e.tag for e in first] == [f"{ns}ph"] and first.text != f"{ENGLISH[0]} "
    assert kept.text == KEPT


def test_po_plural_forms_follow_the_target_language(translate_file: Translate) -> None:
    after = read_po(io.BytesIO(translate_file("messages.po", po_file(), target="fr")))
    singular, *plurals = after.get("One new message for %(name)s").string
    assert str(after.locale) == "fr" and len(plurals) + 1 == after.num_plurals >= 2
    assert "%(name)s" in singular and all("%(count)d" in plural for plural in plurals)
