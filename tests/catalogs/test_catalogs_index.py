"""Catalog-first lookup of text segments."""

from __future__ import annotations

from service.catalogs import CatalogIndex, Edit, normalize_text


def test_normalize_text() -> None:
    assert normalize_text("  Save \n\t changes  ") == "Save changes"


def test_lookup_by_msgid_and_by_any_translation(repo) -> None:
    index = repo.lookup_index()
    assert index.lookup("Save", "zh-Hans") == "保存"
    assert index.lookup("  Save\n", "zh_Hant") == "儲存"
    assert index.lookup("保存", "zh-Hant") == "儲存"
    assert index.lookup("Salvar", "zh-Hans") == "保存"
    assert index.lookup("儲存", "pt-BR") == "Salvar"
    assert index.lookup(
        "Mixlate keeps your interface strings in gettext catalogs so that "
        "localizers  can\nedit them while the service is running.",
        "zh-Hans",
    ).startswith("Mixlate 将界面")


def test_source_locale_returns_msgid_unless_en_has_a_translation(repo) -> None:
    index = repo.lookup_index()
    assert index.lookup("你好", "en") == "Hello"
    assert index.lookup("删除", "en") is None
    assert index.lookup("刪除", "en") == "Remove"
    assert index.lookup("Remove", "zh-Hant") == "刪除"


def test_untranslated_fuzzy_and_unknown(repo) -> None:
    index = repo.lookup_index()
    assert index.lookup("Delete", "zh-Hans") is None
    assert index.lookup("删除", "zh-Hant") is None
    assert index.lookup("Line one\nLine two", "zh-Hans") is None
    assert index.lookup("Line one Line two", "en") == "Line one\nLine two"
    assert index.lookup("Nothing like this", "zh-Hans") is None
    assert index.lookup("Save", "xx") is None
    assert index.lookup("   ", "zh-Hans") is None


def test_msgid_match_wins_over_context_collisions(repo) -> None:
    index = repo.lookup_index()
    assert index.lookup("Open", "zh-Hans") == "打开"
    assert index.lookup("未解决", "pt-BR") == "Aberto"


def test_index_is_cached_until_a_catalog_changes(repo) -> None:
    index = repo.lookup_index()
    assert repo.lookup_index() is index
    repo.apply_edits("zh-Hans", [Edit("Save", "存储")], if_match=None, author="a")
    fresh = repo.lookup_index()
    assert fresh is not index
    assert fresh.lookup("Save", "zh-Hans") == "存储"
    assert len(fresh) == 10


def test_index_from_catalogs_directly(repo) -> None:
    index = CatalogIndex({"zh_Hans": repo.load("zh-Hans")})
    assert index.lookup("你好", "en") == "Hello"
    assert index.lookup("Hello", "zh-Hant") is None
