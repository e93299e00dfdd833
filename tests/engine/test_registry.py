"""ModelRegistry: installing package files, replacing versions, removing, refusing bad files."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from service.engine import ModelNotInstalled, ModelRegistry, PackageError
from service.engine.packages import STAMP_NAME
from tests.support.archives import damaged_copy, rewritten_copy, truncated_copy


def _entries(registry: ModelRegistry) -> list[str]:
    """Everything in the models dir but the change stamp, staging leftovers included."""
    if not registry.models_dir.exists():
        return []
    return sorted(p.name for p in registry.models_dir.iterdir() if p.name != STAMP_NAME)


def _with_version(archive: Path, dest: Path, version: str) -> Path:
    metadata = {
        "package_version": version,
        "argos_version": "1.9.0",
        "from_code": "en",
        "from_name": "English",
        "to_code": "fr",
        "to_name": "French",
        "target_prefix": "__fr__",
    }
    return rewritten_copy(archive, dest, replace={"metadata.json": json.dumps(metadata).encode()})


def test_install_list_find_remove(empty_registry: ModelRegistry, argos_packages: dict) -> None:
    installed = empty_registry.install_file(argos_packages[("zh", "en")])

    assert (installed.source, installed.target) == ("zh-Hans", "en")
    assert (installed.from_code, installed.to_code) == ("zh", "en")
    assert installed.package_version == "1.0"
    assert installed.path == empty_registry.models_dir / "translate-zh_en-1_0"
    assert installed.identity.startswith("zh-en-1.0-")
    assert empty_registry.models() == [installed]
    for source in ("zh", "zh-Hans", "zh-CN"):
        assert empty_registry.find(source, "en") == installed
    assert empty_registry.find("en", "zh") is None

    assert empty_registry.remove("zh", "en") == installed
    assert empty_registry.models() == []
    assert _entries(empty_registry) == []
    with pytest.raises(ModelNotInstalled, match="zh-Hans → en"):
        empty_registry.remove("zh", "en")


def test_target_prefix_is_read_from_metadata(
    empty_registry: ModelRegistry, argos_packages: dict
) -> None:
    assert empty_registry.install_file(argos_packages[("en", "fr")]).target_prefix == "__fr__"
    assert empty_registry.install_file(argos_packages[("en", "zh")]).target_prefix == ""


def test_new_version_replaces_old_and_changes_identity(
    empty_registry: ModelRegistry, argos_packages: dict, tmp_path: Path
) -> None:
    old = empty_registry.install_file(argos_packages[("en", "fr")])
    newer = _with_version(argos_packages[("en", "fr")], tmp_path / "en_fr-1.1.argosmodel", "1.1")

    new = empty_registry.install_file(newer)

    assert new.package_version == "1.1"
    assert new.identity != old.identity
    assert empty_registry.models() == [new]
    assert _entries(empty_registry) == ["translate-en_fr-1_1"]


def test_reinstalling_same_version_keeps_one_copy(
    empty_registry: ModelRegistry, argos_packages: dict
) -> None:
    empty_registry.install_file(argos_packages[("en", "zh")])
    empty_registry.install_file(argos_packages[("en", "zh")])
    assert _entries(empty_registry) == ["translate-en_zh-1_0"]


def test_another_registry_sees_changes(empty_registry: ModelRegistry, argos_packages: dict) -> None:
    reader = ModelRegistry(empty_registry.models_dir)
    assert reader.models() == []
    empty_registry.install_file(argos_packages[("zh", "en")])
    assert [m.pair for m in reader.models()] == [("zh-Hans", "en")]
    empty_registry.remove("zh", "en")
    assert reader.models() == []


def test_readers_never_miss_a_model_during_upgrades(
    empty_registry: ModelRegistry, argos_packages: dict, tmp_path: Path
) -> None:
    versions = [
        _with_version(argos_packages[("en", "fr")], tmp_path / f"v{v}.argosmodel", v)
        for v in ("1.1", "1.2", "1.3")
    ]
    empty_registry.install_file(argos_packages[("en", "fr")])
    reader = ModelRegistry(empty_registry.models_dir)
    misses, stop = [], threading.Event()

    def read() -> None:
        while not stop.is_set():
            if reader.find("en", "fr") is None:
                misses.append(1)

    thread = threading.Thread(target=read)
    thread.start()
    try:
        for archive in versions:
            empty_registry.install_file(archive)
    finally:
        stop.set()
        thread.join()
    assert misses == []
    assert reader.find("en", "fr").package_version == "1.3"


def _bad_archive(case: str, good: Path, tmp_path: Path) -> tuple[Path, str]:
    """A broken package file of the given kind, and the error it must produce."""
    made = tmp_path / f"{case.replace(' ', '-')}.argosmodel"
    if case == "missing":
        return made, "no such file"
    if case == "not a zip":
        made.write_text("this is not a zip file")
        return made, "not a zip archive"
    if case == "truncated":
        return truncated_copy(good, made), "not a zip archive"
    if case == "damaged":
        return damaged_copy(good, made), "corrupt archive"
    rewrites = {
        "no metadata": ({"drop": "metadata.json"}, "no metadata.json"),
        "no model": ({"drop": "/model/"}, "no CTranslate2 model"),
        "no tokenizer": ({"drop": "sentencepiece"}, "no tokenizer"),
        "bad json": ({"replace": {"metadata.json": b"{"}}, "not valid package metadata"),
        "no codes": ({"replace": {"metadata.json": b"{}"}}, "no from_code/to_code"),
    }
    changes, message = rewrites[case]
    return rewritten_copy(good, made, **changes), message


@pytest.mark.parametrize(
    "case",
    ["missing", "not a zip", "truncated", "damaged", "no metadata", "no model", "no tokenizer",
     "bad json", "no codes"],
)  # fmt: skip
def test_bad_file_is_refused_and_nothing_is_left(
    case: str, empty_registry: ModelRegistry, argos_packages: dict, tmp_path: Path
) -> None:
    empty_registry.install_file(argos_packages[("en", "zh")])
    archive, message = _bad_archive(case, argos_packages[("zh", "en")], tmp_path)

    with pytest.raises(PackageError, match=message):
        empty_registry.install_file(archive)

    assert _entries(empty_registry) == ["translate-en_zh-1_0"]
    assert [m.pair for m in empty_registry.models()] == [("en", "zh-Hans")]


def test_broken_directory_in_models_dir_is_ignored(
    empty_registry: ModelRegistry, argos_packages: dict
) -> None:
    empty_registry.install_file(argos_packages[("zh", "en")])
    (empty_registry.models_dir / "leftover").mkdir()
    (empty_registry.models_dir / "leftover" / "metadata.json").write_text("not json")
    assert [m.pair for m in empty_registry.models()] == [("zh-Hans", "en")]
