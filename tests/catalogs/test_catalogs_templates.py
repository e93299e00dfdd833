"""Creating a locale from messages.pot and merging template changes into a catalog."""

from __future__ import annotations

import pytest

from service.catalogs import Edit, LocaleExists, MissingTemplate, NotALocale
from service.catalogs.locales import template_path


def po_bytes(repo, locale: str) -> bytes:
    return repo.export(locale, "po")


def test_create_locale_from_template(repo, assert_mo_matches_po) -> None:
    revision = repo.create_locale("ja")
    assert repo.locales() == ["en", "ja", "pt-BR", "zh-Hans", "zh-Hant"]
    assert repo.revision("ja") == revision
    catalog = repo.load("ja")
    assert catalog.num_plurals == 1 and catalog.plural_expr == "0"
    assert b"Plural-Forms: nplurals=1; plural=0;" in po_bytes(repo, "ja")
    assert b"Japanese translations for Mixlate" in po_bytes(repo, "ja")
    assert repo.stats()["ja"] == {
        "total": 11,
        "translated": 0,
        "fuzzy": 0,
        "untranslated": 11,
        "percent": 0.0,
    }
    assert repo.entries("ja", q="file")[0]["msgstr_plural"] == [""]
    repo.apply_edits("ja", [Edit("%(num)d file", ["%(num)d ファイル"])], None, "a")
    assert_mo_matches_po(repo, "ja")
    with pytest.raises(LocaleExists):
        repo.create_locale("ja")


@pytest.mark.parametrize("tag", ["not a locale", "zt", "../fr"])
def test_a_catalog_is_made_only_for_a_locale(repo, tag: str) -> None:
    before = repo.locales()
    with pytest.raises(NotALocale) as refused:
        repo.create_locale(tag)
    assert refused.value.locale == tag
    assert repo.locales() == before


def test_update_from_template(locales_dir, repo) -> None:
    pot = template_path(locales_dir)
    text = pot.read_text(encoding="utf-8")
    text = text.replace('msgid "Save"', 'msgid "Save!"').replace(
        'msgid "Hello"\nmsgstr ""\n', 'msgid "Hello"\nmsgstr ""\n\nmsgid "Brand new"\nmsgstr ""\n'
    )
    text = text.replace('msgid "You have {count} new messages"', 'msgid "Unrelated thing"')
    pot.write_text(text, encoding="utf-8")
    repo.take_template()  # what mixlate catalogs update does after pybabel extract
    repo.update_from_template("zh-Hans")
    catalog = repo.load("zh-Hans")
    assert catalog.get("Save!").string == "保存" and catalog.get("Save!").fuzzy
    assert catalog.get("Save") is None
    assert catalog.get("Brand new").string == ""
    assert catalog.get("Hello").string == "你好" and not catalog.get("Hello").fuzzy
    assert "You have {count} new messages" in catalog.obsolete
    assert "Cancel" in catalog.obsolete


def test_update_adds_new_plural_entries_with_every_form(locales_dir, repo) -> None:
    pot = template_path(locales_dir)
    entry = 'msgid "Archived project"\nmsgid_plural "Archived projects"\n'
    entry += 'msgstr[0] ""\nmsgstr[1] ""\n'
    pot.write_text(pot.read_text(encoding="utf-8") + "\n" + entry, encoding="utf-8")
    repo.take_template()
    repo.update_from_template("pt-BR")
    (entry,) = repo.entries("pt-BR", q="archived")
    assert entry["msgstr_plural"] == ["", "", ""] and entry["state"] == "untranslated"
    assert repo.entries("pt-BR", q="%(num)d file")[0]["state"] == "translated"


def test_missing_template(locales_dir, file_repo) -> None:
    repo = file_repo
    template_path(locales_dir).unlink()
    with pytest.raises(MissingTemplate):
        repo.create_locale("ja")
    with pytest.raises(MissingTemplate):
        repo.update_from_template("zh-Hans")
