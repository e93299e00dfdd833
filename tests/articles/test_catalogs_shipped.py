"""The shipped catalogs: complete for en, zh_Hans and zh_Hant, in step with the code."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from service.articles.ui_strings import ALL_MSGIDS, UI_MESSAGES
from service.catalogs.validation import placeholders
from tests.support.extraction import extracted_msgids

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ROOT / "locales"
SHIPPED = ("en", "zh_Hans", "zh_Hant")


def _read(path: Path, locale: str | None = None):  # noqa: ANN202
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


# The sources of the reader and try-it pages (other pages' strings are checked by their own tests).
READER_SOURCES = (
    "service/articles/",
    "service/web/templates/article.html",
    "service/web/templates/error.html",
    "service/web/templates/layout.html",
    "service/web/templates/translate.html",
)


def _extracted() -> set[str]:
    """The msgids that babel.cfg extracts from the reader page's sources."""
    return extracted_msgids(READER_SOURCES)


def test_the_template_holds_every_string_of_the_pages() -> None:
    template = {message.id for message in _read(LOCALES / "messages.pot") if message.id}
    extracted = _extracted()
    assert set(ALL_MSGIDS) <= extracted
    assert extracted <= template, "run pybabel extract -F babel.cfg -o locales/messages.pot ."


@pytest.mark.parametrize("locale", SHIPPED)
def test_catalogs_translate_every_string(locale: str) -> None:
    catalog = _read(LOCALES / locale / "LC_MESSAGES" / "messages.po", locale)
    for msgid in sorted(_extracted()):
        message = catalog.get(msgid)
        assert message is not None and message.string, f"{locale}: {msgid!r} untranslated"
        assert not message.fuzzy
        assert placeholders(message.string) == placeholders(msgid)


@pytest.mark.parametrize("locale", SHIPPED)
def test_compiled_catalogs_match_their_sources(locale: str) -> None:
    directory = LOCALES / locale / "LC_MESSAGES"
    catalog = _read(directory / "messages.po", locale)
    with (directory / "messages.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for message in catalog:
        if message.id and message.string and not message.fuzzy:
            assert compiled.gettext(message.id) == message.string


def test_simplified_chinese_uses_the_sample_pages_strings() -> None:
    catalog = _read(LOCALES / "zh_Hans" / "LC_MESSAGES" / "messages.po", "zh_Hans")
    expected = {
        "ai_generated_image": "AI 生成的图像",
        "what_people_are_saying": "人们在说什么",
        "related_articles": "相关文章",
        "reported_by_ai": "由 AI 报道",
        "cookie_title": "此网站使用 cookie",
        "privacy_policy": "隐私政策",
        "decline": "拒绝",
        "accept": "接受",
    }
    assert {key: catalog.get(UI_MESSAGES[key]).string for key in expected} == expected
