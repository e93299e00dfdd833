"""Per-character script classification and counting."""

from __future__ import annotations

import pytest

from service.detection.scripts import Script, count_letters, count_scripts, script_of


@pytest.mark.parametrize(
    ("char", "script"),
    [
        ("中", Script.HAN),
        ("國", Script.HAN),
        ("〇", Script.HAN),
        ("\U00020000", Script.HAN),
        ("の", Script.KANA),
        ("カ", Script.KANA),
        ("ｶ", Script.KANA),
        ("ー", Script.KANA),
        ("々", Script.KANA),
        ("한", Script.HANGUL),
        ("ㄱ", Script.HANGUL),
        ("a", Script.LATIN),
        ("É", Script.LATIN),
        ("ß", Script.LATIN),
        ("Ａ", Script.LATIN),
        ("я", Script.OTHER_LETTER),
        ("α", Script.OTHER_LETTER),
        ("7", Script.NONE),
        ("７", Script.NONE),
        ("。", Script.NONE),
        ("・", Script.NONE),
        ("×", Script.NONE),
        ("😀", Script.NONE),
        (" ", Script.NONE),
    ],
)
def test_script_of(char: str, script: Script) -> None:
    assert script_of(char) is script


def test_count_scripts_on_a_slice() -> None:
    text = "xx 此网站使用 cookie です 한국 Привет 42 😀 xx"
    counts = count_scripts(text, 3, len(text) - 3)
    assert counts.han == 5
    assert counts.kana == 2
    assert counts.hangul == 2
    assert counts.alpha == 6 + 6
    assert counts.cjk == 9
    assert counts.letters == 21
    assert count_letters(text, 3, len(text) - 3) == 21
