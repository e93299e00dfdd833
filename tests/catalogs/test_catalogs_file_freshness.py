"""The file store's reads: no ``stat`` while no process wrote, every write seen at once."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from service.catalogs import CatalogRepository, Edit, file_store
from service.catalogs.file_store import FileCatalogStore
from tests.articles.helpers import edit_po


class CountingStats:
    """Counts the store's ``stat``-backed revision reads."""

    def __init__(self, store: FileCatalogStore) -> None:
        self.count = 0
        read = store._stat_revision

        def counted(name: str) -> str:
            self.count += 1
            return read(name)

        store._stat_revision = counted  # type: ignore[method-assign]


def test_reads_trust_the_revision_while_no_process_writes(locales_dir: Path) -> None:
    store = FileCatalogStore(locales_dir, recheck_seconds=60)
    stats = CountingStats(store)
    first = store.revision("zh_Hans")
    assert all(store.revision("zh_Hans") == first for _ in range(1_000))
    assert stats.count == 1


def test_a_write_by_another_process_is_seen_on_the_next_read(locales_dir: Path) -> None:
    reader = FileCatalogStore(locales_dir, recheck_seconds=60)
    writer = CatalogRepository(FileCatalogStore(locales_dir))  # as the CLI or another worker
    before = reader.revision("zh_Hans")
    written = writer.apply_edits("zh-Hans", [Edit("Save", "存储")], None, "ana").revision
    assert written != before and reader.revision("zh_Hans") == written


@pytest.mark.parametrize("recheck", [0.0, 0.3])
def test_a_file_edited_by_hand_is_seen_within_the_recheck(
    locales_dir: Path, recheck: float
) -> None:
    store = FileCatalogStore(locales_dir, recheck_seconds=recheck)
    before = store.revision("zh_Hans")
    edit_po(locales_dir, "zh_Hans", "Save", "存储")
    edited = time.monotonic()
    while store.revision("zh_Hans") == before:
        assert time.monotonic() - edited < recheck + 1.0
        time.sleep(0.01)
    if recheck == 0.0:
        assert time.monotonic() - edited < 0.5  # the first read after the edit sees it


def test_the_locales_are_listed_once_while_no_process_writes(
    locales_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    listings: list[Path] = []
    listing = file_store.available_locales
    monkeypatch.setattr(
        file_store, "available_locales", lambda path: listings.append(path) or listing(path)
    )
    reader = FileCatalogStore(locales_dir, recheck_seconds=60)
    first = reader.locales()
    assert all(reader.locales() == first for _ in range(1_000))
    assert len(listings) == 1
    writer = CatalogRepository(FileCatalogStore(locales_dir))  # as the CLI or another worker
    writer.create_locale("fr")
    assert reader.locales() == sorted([*first, "fr"])  # a write anywhere: listed again


def test_a_locale_added_by_hand_is_listed_within_the_recheck(locales_dir: Path) -> None:
    store = FileCatalogStore(locales_dir, recheck_seconds=0.3)
    before = store.locales()
    copied = locales_dir / "fr" / "LC_MESSAGES"
    copied.mkdir(parents=True)
    (copied / "messages.po").write_bytes(
        (locales_dir / "zh_Hans/LC_MESSAGES/messages.po").read_bytes()
    )
    added = time.monotonic()
    while store.locales() == before:
        assert time.monotonic() - added < 1.3
        time.sleep(0.01)
    assert "fr" in store.locales()
