"""Flask-Babel's translations read live from the catalog repository."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from service.catalogs import CatalogRepository
from service.web.i18n import CatalogTranslations
from tests.articles.helpers import edit_po


@pytest.fixture
def catalogs(tmp_path: Path) -> CatalogRepository:
    """A zh_Hans catalog with a plain, two contextual, a plural and a fuzzy entry."""
    catalog = Catalog(locale="zh_Hans")
    catalog.add("Hello", "你好")
    catalog.add("Save", "保存")
    catalog.add("Open", "打开", context="menu")
    catalog.add("Open", "未解决", context="status")
    catalog.add(("%(num)d file", "%(num)d files"), ("%(num)d 个文件",))
    catalog.add("Delete", "删除", flags=["fuzzy"])
    directory = tmp_path / "locales" / "zh_Hans" / "LC_MESSAGES"
    directory.mkdir(parents=True)
    with (directory / "messages.po").open("wb") as handle:
        write_po(handle, catalog)
    return CatalogRepository(tmp_path / "locales")


def test_lookups_follow_gettext_rules(catalogs: CatalogRepository) -> None:
    zh = CatalogTranslations(catalogs, "zh_Hans")
    assert zh.ugettext("Hello") == "你好"
    assert zh.upgettext("menu", "Open") == "打开"
    assert zh.upgettext("status", "Open") == "未解决"
    assert zh.ungettext("%(num)d file", "%(num)d files", 3) == "%(num)d 个文件"
    assert zh.ugettext("Delete") == "Delete", "fuzzy entries are not served"
    assert zh.ungettext("apple", "apples", 2) == "apples"
    unknown = CatalogTranslations(catalogs, "fr")
    assert (unknown.ugettext("Hello"), unknown.ungettext("a", "b", 1)) == ("Hello", "a")


def test_edits_are_seen_without_reloading(catalogs: CatalogRepository) -> None:
    zh = CatalogTranslations(catalogs, "zh_Hans")
    assert zh.ugettext("Save") == "保存"
    edit_po(catalogs.locales_dir, "zh_Hans", "Save", "存储")
    assert zh.ugettext("Save") == "存储"
