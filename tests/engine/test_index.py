"""PackageIndex and install_pair against the loopback index: listing, planning, downloading."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.engine import (
    DownloadFailed,
    IndexUnreachable,
    ModelRegistry,
    PackageError,
    PackageIndex,
    UnknownPair,
    download,
    install_pair,
    package_pair,
)
from service.engine.packages import STAMP_NAME
from tests.support.index_server import closed_port_url


def test_lists_available_pairs(package_index: str) -> None:
    pairs = PackageIndex(package_index).pairs()
    assert pairs == [
        ("en", "es"),
        ("en", "fr"),
        ("en", "it"),
        ("en", "zh-Hans"),
        ("zh-Hans", "en"),
    ]


def test_base_url_without_slash_still_finds_index_json(package_index: str) -> None:
    index = PackageIndex(package_index.rstrip("/"))
    assert index.url == package_index + "index.json"
    assert ("en", "fr") in index.pairs()


def test_plans_direct_pair_else_via_english(package_index: str) -> None:
    index = PackageIndex(package_index)
    assert [package_pair(p) for p in index.plan_install("zh", "en")] == [("zh-Hans", "en")]
    assert [package_pair(p) for p in index.plan_install("zh-CN", "fr")] == [
        ("zh-Hans", "en"),
        ("en", "fr"),
    ]
    with pytest.raises(UnknownPair, match="ja → en"):
        index.plan_install("ja", "en")
    with pytest.raises(UnknownPair, match="fr → zh-Hans"):
        index.plan_install("fr", "zh")


def test_unreachable_index_points_to_install_file() -> None:
    with pytest.raises(IndexUnreachable) as caught:
        PackageIndex(closed_port_url(), timeout=5).packages()
    message = str(caught.value)
    assert "unreachable" in message
    assert "mixlate models install-file PATH" in message


def test_download_reports_progress(package_index: str, tmp_path: Path) -> None:
    package = PackageIndex(package_index).find("en", "fr")
    seen: list[tuple[int, int | None]] = []

    path = download(package, tmp_path, lambda done, total: seen.append((done, total)))

    size = path.stat().st_size
    assert path.name == "translate-en_fr.argosmodel"
    assert seen[0] == (0, size)
    assert seen[-1] == (size, size)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_broken_link_fails_clearly_and_installs_nothing(
    package_index: str, empty_registry: ModelRegistry
) -> None:
    with pytest.raises(DownloadFailed, match="translate-en_es.argosmodel.*HTTP 404"):
        install_pair(PackageIndex(package_index), empty_registry, "en", "es")
    assert empty_registry.models() == []
    assert list(empty_registry.models_dir.iterdir()) == []


def test_corrupt_download_installs_nothing(
    package_index: str, empty_registry: ModelRegistry
) -> None:
    with pytest.raises(PackageError, match="corrupt archive"):
        install_pair(PackageIndex(package_index), empty_registry, "en", "it")
    assert empty_registry.models() == []
    assert list(empty_registry.models_dir.iterdir()) == []


def test_install_pair_via_pivot_then_skips_what_is_installed(
    package_index: str, empty_registry: ModelRegistry
) -> None:
    index = PackageIndex(package_index)
    outcomes = install_pair(index, empty_registry, "zh", "fr")

    assert [o.model.pair for o in outcomes] == [("zh-Hans", "en"), ("en", "fr")]
    assert not any(o.already_installed for o in outcomes)
    assert [m.pair for m in empty_registry.models()] == [("en", "fr"), ("zh-Hans", "en")]

    again = install_pair(index, empty_registry, "zh-Hans", "en")
    assert [(o.model.pair, o.already_installed) for o in again] == [(("zh-Hans", "en"), True)]
    assert sorted(p.name for p in empty_registry.models_dir.iterdir() if p.name != STAMP_NAME) == [
        "translate-en_fr-1_0",
        "translate-zh_en-1_0",
    ]
