"""``mixlate models`` through ``service.cli.main``, against the loopback package index."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.cli import main
from service.engine.packages import STAMP_NAME
from tests.support.archives import truncated_copy
from tests.support.index_server import closed_port_url


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["models", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def installed_dirs(data_dir: Path) -> list[str]:
    models = data_dir / "models"
    if not models.exists():
        return []
    return sorted(p.name for p in models.iterdir() if p.name != STAMP_NAME)


def test_install_shows_progress_then_list_and_remove(
    cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "install", "zh", "en")
    assert status == 0
    assert "installed: zh-Hans → en (version 1.0)" in out
    assert "zh→en" in err and "100%" in err

    status, out, _ = run(capsys, "list")
    assert status == 0
    assert out.split()[:3] == ["zh-Hans", "en", "1.0"]

    assert run(capsys, "install", "zh-CN", "en")[1].startswith("already installed: zh-Hans → en")

    status, out, _ = run(capsys, "remove", "zh-Hans", "en")
    assert (status, out.strip()) == (0, "removed: zh-Hans → en (version 1.0)")
    assert installed_dirs(cli_env) == []
    assert "no models installed" in run(capsys, "list")[1]


def test_install_without_direct_pair_installs_the_pivot(
    cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "install", "zh", "fr")
    assert status == 0
    assert "installing zh-Hans → en and en → fr (via English)" in out
    assert "zh→en" in err and "en→fr" in err
    assert installed_dirs(cli_env) == ["translate-en_fr-1_0", "translate-zh_en-1_0"]


def test_available_marks_installed_pairs(cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "install", "en", "fr")
    status, out, _ = run(capsys, "available")
    lines = out.splitlines()
    assert status == 0
    assert "en         fr         1.0      installed" in lines
    assert "zh-Hans    en         1.0" in lines
    assert lines[-1].startswith("5 packages")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("install", "en", "es"), "download of translate-en_es.argosmodel failed"),
        (("install", "en", "it"), "corrupt archive"),
        (("install", "ja", "en"), "no model for ja → en"),
        (("install", "qqq-x", "en"), "unknown language code"),
        (("remove", "en", "fr"), "no model installed for en → fr"),
    ],
)
def test_errors_are_one_line_with_status_1(
    argv: tuple[str, ...], message: str, cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, *argv)
    assert status == 1
    last = err.strip().splitlines()[-1]
    assert last.startswith("mixlate: error: ") and message in last
    assert "Traceback" not in err
    assert installed_dirs(cli_env) == []


def test_unreachable_index_suggests_install_file(
    cli_env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", closed_port_url())
    for argv in (("available",), ("install", "zh", "en")):
        status, _, err = run(capsys, *argv)
        assert status == 1
        assert "unreachable" in err and "mixlate models install-file PATH" in err


def test_install_file_installs_good_files_and_reports_bad_ones(
    cli_env: Path, capsys: pytest.CaptureFixture[str], argos_packages: dict, tmp_path: Path
) -> None:
    broken = truncated_copy(argos_packages[("en", "zh")], tmp_path / "broken.argosmodel")
    missing = tmp_path / "missing.argosmodel"

    status, out, err = run(
        capsys, "install-file", str(argos_packages[("zh", "en")]), str(broken), str(missing)
    )

    assert status == 1
    assert "installed: zh-Hans → en (version 1.0)" in out
    assert "broken.argosmodel: not an Argos package (not a zip archive)" in err
    assert f"{missing}: no such file" in err
    assert installed_dirs(cli_env) == ["translate-zh_en-1_0"]


def test_bootstrap_installs_zh_en_both_ways_once(
    cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "bootstrap")
    assert status == 0
    assert "installed: zh-Hans → en" in out and "installed: en → zh-Hans" in out
    assert installed_dirs(cli_env) == ["translate-en_zh-1_0", "translate-zh_en-1_0"]
    assert (cli_env / ".models-bootstrap-attempted").exists()
    assert "already installed (2)" in run(capsys, "bootstrap")[1]


def test_bootstrap_never_fails_and_tries_only_once(
    cli_env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", closed_port_url())
    status, out, err = run(capsys, "bootstrap")
    assert status == 0
    assert "could not bootstrap models" in err and "unreachable" in err
    assert "mixlate models install-file PATH" in out
    marker = cli_env / ".models-bootstrap-attempted"
    assert "unreachable" in marker.read_text()

    status, out, err = run(capsys, "bootstrap")
    assert (status, err) == (0, "")
    assert "already attempted" in out and "install-file" in out
