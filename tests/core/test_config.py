"""Settings from MIXLATE_* variables."""

from pathlib import Path

import pytest

from service.config import ConfigError, load_settings


def test_defaults_live_under_the_data_dir(tmp_path: Path) -> None:
    settings = load_settings({"MIXLATE_DATA_DIR": str(tmp_path / "d")})
    assert settings.models_dir == tmp_path / "d" / "models"
    assert settings.database_url == f"sqlite:///{tmp_path / 'd' / 'mixlate.db'}"
    assert settings.detect_languages[0] == "en"


def test_explicit_values(tmp_path: Path) -> None:
    settings = load_settings(
        {
            "MIXLATE_DATA_DIR": str(tmp_path),
            "MIXLATE_MODELS_DIR": str(tmp_path / "m"),
            "MIXLATE_MAX_TEXT_CHARS": "50",
            "MIXLATE_DETECT_LANGUAGES": "en, de",
            "MIXLATE_CT2_INTER_THREADS": "2",
        }
    )
    assert settings.models_dir == tmp_path / "m"
    assert settings.max_text_chars == 50
    assert settings.detect_languages == ("en", "de")
    assert settings.ct2_inter_threads == 2


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("MIXLATE_MAX_TEXT_CHARS", "lots"),
        ("MIXLATE_MAX_TEXT_CHARS", "0"),
        ("MIXLATE_THREADS", "-1"),
    ],
)
def test_bad_values_are_reported(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name):
        load_settings({name: value})
