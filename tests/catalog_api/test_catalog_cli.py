"""``mixlate catalogs``: progress, a new locale from the template, template merges."""

from __future__ import annotations

from service.catalogs import CatalogRepository
from service.cli import main


def test_catalogs_commands(locales_dir, monkeypatch, capsys) -> None:
    monkeypatch.setenv("MIXLATE_LOCALES_DIR", str(locales_dir))

    assert main(["catalogs", "create", "ja"]) == 0
    assert main(["catalogs", "create", "ja"]) == 1
    assert main(["catalogs", "update"]) == 0
    assert main(["catalogs", "update", "xx"]) == 1
    assert main(["catalogs", "list"]) == 0

    out, err = capsys.readouterr()
    assert "ja\t0.0%\t0 translated\t0 fuzzy\t11 untranslated" in out
    assert "zh-Hans\t81.8%" in out
    assert "already exists" in err and "no catalog for locale 'xx'" in err
    assert "ja" in CatalogRepository(locales_dir).locales()
