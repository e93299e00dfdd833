"""Concurrent writers: threads, two localizers racing, and another process writing."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from service.catalogs import CatalogRepository, Edit, StaleRevision, cache
from service.catalogs.codec import dump_po, parse_po
from service.catalogs.locales import catalog_path

THREADS, EDITS = 8, 200


def _big_catalog(locales_dir: Path) -> None:
    catalog = Catalog(locale="zh_Hans", project="Mixlate", version="0.1", fuzzy=False)
    for number in range(EDITS):
        catalog.add(f"String number {number}", "", locations=[("app.py", number + 1)])
    path = catalog_path(locales_dir, "zh-Hans")
    path.parent.mkdir(parents=True)
    path.write_bytes(dump_po(catalog))


def test_many_threads_editing_different_entries(tmp_path, assert_mo_matches_po) -> None:
    _big_catalog(tmp_path)
    repo = CatalogRepository(tmp_path)

    def worker(first: int) -> None:
        for number in range(first, EDITS, THREADS):
            repo.apply_edits(
                "zh-Hans", [Edit(f"String number {number}", f"第 {number} 条")], None, "t"
            )
            repo.gettext("zh-Hans", "String number 0")

    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(worker, range(THREADS)))

    catalog = parse_po(catalog_path(tmp_path, "zh-Hans").read_bytes())
    assert all(catalog.get(f"String number {n}").string == f"第 {n} 条" for n in range(EDITS))
    assert repo.stats()["zh-Hans"]["translated"] == EDITS
    assert_mo_matches_po(repo, "zh-Hans")
    assert sorted(p.name for p in catalog_path(tmp_path, "zh-Hans").parent.iterdir()) == [
        "messages.mo",
        "messages.po",
    ]


def _race(repo: CatalogRepository, edits: list[Edit]) -> list[str]:
    """Two localizers saving ``edits`` at once, both from the same revision."""
    seen = repo.revision("zh-Hans")
    repo.load("zh-Hans")
    barrier = threading.Barrier(2)

    def localizer(edit: Edit) -> str:
        barrier.wait()
        try:
            repo.apply_edits("zh-Hans", [edit], if_match=seen, author=edit.msgstr)
        except StaleRevision as exc:
            assert exc.revision == repo.revision("zh-Hans")
            assert exc.changed == [edit.key]
            return "stale"
        return "won"

    with ThreadPoolExecutor(2) as pool:
        return list(pool.map(localizer, edits))


def test_two_localizers_with_the_same_revision_on_different_entries_both_win(repo) -> None:
    assert _race(repo, [Edit("Save", "存储"), Edit("Hello", "您好")]) == ["won", "won"]
    catalog = repo.load("zh-Hans")
    assert (catalog.get("Save").string, catalog.get("Hello").string) == ("存储", "您好")


def test_two_localizers_with_the_same_revision_on_one_entry(repo) -> None:
    outcomes = _race(repo, [Edit("Save", "存储"), Edit("Save", "储存")])
    assert sorted(outcomes) == ["stale", "won"]
    winner = ["存储", "储存"][outcomes.index("won")]
    assert repo.load("zh-Hans").get("Save").string == winner


def test_revision_changes_on_same_size_writes_in_one_tick(repo) -> None:
    first = repo.apply_edits("zh-Hans", [Edit("Save", "存储")], None, "a").revision
    second = repo.apply_edits("zh-Hans", [Edit("Save", "储存")], None, "a").revision
    assert len({first, second, repo.revision("zh-Hans")}) == 2
    assert repo.revision("zh-Hans") == second


def test_in_place_rewrite_keeping_size_and_mtime_is_seen(locales_dir, file_repo) -> None:
    repo = file_repo
    path = catalog_path(locales_dir, "zh-Hans")
    old = time.time() - 60
    os.utime(path, (old, old))
    before = repo.revision("zh-Hans")
    assert repo.load("zh-Hans").get("Save").string == "保存"
    path.write_bytes(path.read_bytes().replace("保存".encode(), "存盘".encode()))
    os.utime(path, (old, old))
    assert repo.revision("zh-Hans") != before
    assert repo.load("zh-Hans").get("Save").string == "存盘"


def test_settled_file_is_checked_by_stat_alone(locales_dir, file_repo, monkeypatch) -> None:
    repo = file_repo
    path = catalog_path(locales_dir, "zh-Hans")
    old = time.time() - 60
    os.utime(path, (old, old))
    revision, catalog = repo.revision("zh-Hans"), repo.load("zh-Hans")

    def no_reads(path: Path) -> None:
        raise AssertionError(f"{path} was read")

    monkeypatch.setattr(cache, "read_versioned", no_reads)
    assert repo.revision("zh-Hans") == revision
    assert repo.load("zh-Hans") is catalog


def _write_in_other_process(locales_dir: str, msgstr: str) -> None:
    repo = CatalogRepository(locales_dir)
    repo.apply_edits("zh-Hans", [Edit("Save", msgstr)], None, "other process")


def test_write_from_another_process_is_seen_immediately(locales_dir, file_repo) -> None:
    repo = file_repo
    assert repo.gettext("zh-Hans", "Save") == "保存"
    before = repo.revision("zh-Hans")
    process = multiprocessing.get_context("spawn").Process(
        target=_write_in_other_process, args=(str(locales_dir), "另存")
    )
    process.start()
    process.join(timeout=60)
    if process.exitcode != 0:
        pytest.fail(f"writer process failed with exit code {process.exitcode}")
    assert repo.revision("zh-Hans") != before
    assert repo.load("zh-Hans").get("Save").string == "另存"
    assert repo.gettext("zh-Hans", "Save") == "另存"
