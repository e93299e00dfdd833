"""``mixlate catalogs``: progress, a new locale from the template, template merges, export.

Run against the app's own store (files, or the database), as an operator would: the
``pybabel extract`` → ``mixlate catalogs update`` → ``mixlate catalogs export`` workflow.
"""

from __future__ import annotations

from service.catalogs.codec import parse_po
from service.catalogs.locales import catalog_path, template_path
from service.cli import main


def test_catalogs_commands(runtime, locales_dir, catalog_store, monkeypatch, capsys) -> None:
    settings = runtime.settings
    monkeypatch.setenv("MIXLATE_LOCALES_DIR", str(locales_dir))
    monkeypatch.setenv("MIXLATE_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("MIXLATE_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("MIXLATE_CATALOG_STORE", catalog_store)

    assert main(["catalogs", "create", "ja"]) == 0
    assert main(["catalogs", "create", "ja"]) == 1
    assert main(["catalogs", "update"]) == 0
    assert main(["catalogs", "update", "xx"]) == 1
    assert main(["catalogs", "list"]) == 0

    out, err = capsys.readouterr()
    assert "ja\t0.0%\t0 translated\t0 fuzzy\t11 untranslated" in out
    assert "zh-Hans\t81.8%" in out
    assert "already exists" in err and "no catalog for locale 'xx'" in err
    assert "ja" in runtime.catalogs.locales()


def test_extract_update_export_workflow(runtime, locales_dir, catalog_store, monkeypatch) -> None:
    settings = runtime.settings
    monkeypatch.setenv("MIXLATE_LOCALES_DIR", str(locales_dir))
    monkeypatch.setenv("MIXLATE_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("MIXLATE_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("MIXLATE_CATALOG_STORE", catalog_store)
    assert runtime.catalogs.gettext("zh-Hans", "Save") == "保存"  # (the database is seeded)

    pot = template_path(locales_dir)  # what pybabel extract writes
    pot.write_text(pot.read_text(encoding="utf-8") + '\nmsgid "Brand new"\nmsgstr ""\n', "utf-8")
    assert main(["catalogs", "update", "zh-Hans"]) == 0
    assert runtime.catalogs.load("zh-Hans").get("Brand new") is not None

    assert main(["catalogs", "export"]) == 0
    exported = parse_po(catalog_path(locales_dir, "zh-Hans").read_bytes())
    assert exported.get("Brand new") is not None and exported.get("Save").string == "保存"
    assert catalog_path(locales_dir, "zh-Hans", ".mo").read_bytes() == runtime.catalogs.export(
        "zh-Hans", "mo"
    )
