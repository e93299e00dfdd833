"""Saving entries keeps the file's shape: its diff shows the edited entries and nothing else."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from service.catalogs import CatalogRepository, Edit, splice
from service.catalogs.codec import parse_po
from service.catalogs.entries import entry_key, live_messages
from service.catalogs.locales import catalog_path
from service.catalogs.splice import detect_width

SHIPPED = Path(__file__).resolve().parents[2] / "locales"
HEADER_LINES = ('"PO-Revision-Date:', '"Last-Translator:')
LONG = "这是一段很长的译文，" * 12


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(SHIPPED, tmp_path / "locales")
    return tmp_path / "locales"


def _block(lines: list[str], at: int) -> range:
    """Line numbers of the entry whose msgid is on line ``at``."""
    start = at
    while start > 0 and lines[start - 1].strip():
        start -= 1
    end = at
    while end < len(lines) and lines[end].strip():
        end += 1
    return range(start, end)


def _changed_lines(before: str, after: str) -> list[int]:
    """Line numbers of ``before`` that the diff removes or replaces (or inserts after)."""
    found = []
    matcher = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(), False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag != "equal":
            found.extend(range(i1, i2) if i2 > i1 else [i1 - 1])
    return found


def _assert_only_entry_changed(before: str, after: str, keys: list[tuple[str, str | None]]) -> None:
    lines = before.splitlines()
    allowed = {n for n, line in enumerate(lines) if line.startswith(HEADER_LINES)}
    catalog = parse_po(before.encode("utf-8"))
    for msgid, context in keys:
        allowed |= set(_block(lines, catalog.get(msgid, context=context).lineno - 1))
    changed = _changed_lines(before, after)
    assert changed, "the edit must show in the file"
    assert set(changed) <= allowed, [lines[n] for n in set(changed) - allowed]


@pytest.mark.parametrize("locale", sorted(p.name for p in SHIPPED.iterdir() if p.is_dir()))
def test_editing_one_entry_of_a_shipped_catalog_changes_only_its_lines(tmp_path, locale) -> None:
    locales_dir = _copy(tmp_path)
    path = catalog_path(locales_dir, locale)
    messages = [m for m in live_messages(parse_po(path.read_bytes())) if not m.pluralizable]
    assert len(messages) > 20
    for message in messages[::7]:
        repo = CatalogRepository(locales_dir)
        msgid = entry_key(message)[0]
        before = path.read_text("utf-8")
        value = f"{message.string or msgid}！" if "%" in msgid else f"{LONG}{msgid}"
        repo.apply_edits(locale, [Edit(msgid, value, message.context)], None, "ana")
        after = path.read_text("utf-8")
        _assert_only_entry_changed(before, after, [(msgid, message.context)])
        assert repo.load(locale).get(msgid, context=message.context).string == value


def test_a_long_translation_wraps_at_the_files_own_width(tmp_path) -> None:
    locales_dir = _copy(tmp_path)
    path = catalog_path(locales_dir, "zh-Hans")
    text = path.read_text("utf-8")
    assert detect_width(text, parse_po(path.read_bytes())) == 100
    cookie = next(m for m in parse_po(path.read_bytes()) if m.id.startswith("We use cookies"))
    value = "我们使用 cookie 进行分析以改进网站。" * 4 + "阅读我们的 %(privacy_policy)s 了解详情。"
    CatalogRepository(locales_dir).apply_edits("zh-Hans", [Edit(cookie.id, value)], None, "ana")
    after = path.read_text("utf-8")
    msgstr = after[after.index(f'"{value[:20]}') :].split("\n\n")[0]
    assert max(len(line) for line in msgstr.splitlines()) <= 100 < len(value)
    assert parse_po(path.read_bytes()).get(cookie.id).string == value


_CRAFTED = """\
# A file written by hand and by GNU tools.
msgid ""
msgstr ""
"Project-Id-Version: Crafted 1.0\\n"
"PO-Revision-Date: 2020-01-01 00:00+0000\\n"
"Last-Translator: Someone <someone@example.org>\\n"
"Language: zh_Hans\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=utf-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"X-Generator: Poedit 3.4\\n"
"X-Custom-Field: kept\\n"

#: app.py:1 app.py:2 app.py:3 app.py:4 app.py:5 app.py:6 app.py:7 app.py:8 app.py:9 app.py:10
msgid "Save"
msgstr "保存"

#, python-format
msgid "Hello %(name)s"
msgstr "你好 %(name)s"

msgid "A rather long sentence that the original tool wrapped at its own width of seventy-nine."
msgstr ""
"一个相当长的句子，原来的工具按照它自己的七十九列宽度折行了，所以这里"
"有两行。"

#, fuzzy
#~ msgid "Gone"
#~ msgstr "走了"

#~ msgid "Old"
#~ msgstr "旧的"
"""


def _crafted(tmp_path: Path) -> Path:
    path = catalog_path(tmp_path, "zh-Hans")
    path.parent.mkdir(parents=True)
    path.write_text(_CRAFTED, "utf-8")
    return path


def test_header_fields_obsolete_flags_and_other_entries_are_kept(tmp_path) -> None:
    path = _crafted(tmp_path)
    repo = CatalogRepository(tmp_path)
    repo.apply_edits("zh-Hans", [Edit("Save", "存储", fuzzy=True)], None, "ana")
    after = path.read_text("utf-8")
    _assert_only_entry_changed(_CRAFTED, after, [("Save", None)])
    assert '"X-Custom-Field: kept\\n"' in after and '"X-Generator: Poedit 3.4\\n"' in after
    assert '#, fuzzy\n#~ msgid "Gone"' in after
    assert '"Last-Translator: ana\\n"' in after
    catalog = repo.load("zh-Hans")
    assert catalog.get("Save").fuzzy and catalog.get("Save").string == "存储"

    repo.apply_edits("zh-Hans", [Edit("Hello %(name)s", "您好 %(name)s")], None, "ana")
    again = path.read_text("utf-8")
    _assert_only_entry_changed(after, again, [("Hello %(name)s", None)])
    assert '#, python-format\nmsgid "Hello %(name)s"' in again


def test_fuzzy_flag_removed_without_touching_the_text(tmp_path) -> None:
    path = _crafted(tmp_path)
    repo = CatalogRepository(tmp_path)
    repo.apply_edits("zh-Hans", [Edit("Save", "保存", fuzzy=True)], None, "ana")
    flagged = path.read_text("utf-8")
    repo.apply_edits("zh-Hans", [Edit("Save", "保存")], None, "ana")
    cleared = path.read_text("utf-8")
    diff = difflib.ndiff(flagged.splitlines(), cleared.splitlines())
    changed = [line for line in diff if line[:2] in ("- ", "+ ")]
    assert [line for line in changed if not line[2:].startswith(HEADER_LINES)] == ["- #, fuzzy"]
    assert not repo.load("zh-Hans").get("Save").fuzzy


_HEADER = """\
msgid ""
msgstr ""
"Project-Id-Version: Crafted 1.0\\n"
"PO-Revision-Date: 2020-01-01 00:00+0000\\n"
"Last-Translator: Someone <someone@example.org>\\n"
"Language: zh_Hans\\n"
"Content-Type: text/plain; charset=utf-8\\n"
"X-Custom-Field: kept\\n"
"""
_OBSOLETE = """\
#, fuzzy
#~ msgid "Gone"
#~ msgstr "走了"
"""
_TWO_FLAG_LINES = f"""\
{_HEADER}
#, fuzzy
#, python-format
msgid "Hello %(name)s"
msgstr "嗨 %(name)s"

msgid "Save"
msgstr "保存"

{_OBSOLETE}"""
_NO_BLANK_LINES = f"""\
{_HEADER}msgid "Save"
msgstr "保存"
#. a comment starts the next entry
msgid "Open"
msgstr "打开"
msgctxt "menu"
msgid "Close"
msgstr ""
"关"
"闭"
{_OBSOLETE}msgid "Last"
msgstr "最后"
"""


def _edited_lines(
    path: Path, repo: CatalogRepository, edits: list[Edit]
) -> tuple[list[str], list[str]]:
    """The lines an edit removes and those it adds, the two header lines it stamps left out."""
    before = path.read_text("utf-8")
    repo.apply_edits("zh-Hans", edits, None, "ana")
    after = path.read_text("utf-8")
    assert '"X-Custom-Field: kept\\n"' in after and _OBSOLETE in after
    diff = difflib.ndiff(before.splitlines(), after.splitlines())
    changed = [line for line in diff if not line[2:].startswith(HEADER_LINES)]
    removed = [line[2:] for line in changed if line.startswith("- ")]
    return removed, [line[2:] for line in changed if line.startswith("+ ")]


@pytest.fixture
def no_rewrite(monkeypatch) -> None:
    """Babel's full rewrite (the splicer's fallback) fails the test: the edit must be spliced."""

    def refuse(*_args: object, **_kwargs: object) -> bytes:
        raise AssertionError("the splicer fell back to rewriting the whole file")

    monkeypatch.setattr(splice, "dump_po", refuse)


def test_an_entry_with_two_flag_lines_is_spliced(tmp_path, no_rewrite) -> None:
    path = catalog_path(tmp_path, "zh-Hans")
    path.parent.mkdir(parents=True)
    path.write_text(_TWO_FLAG_LINES, "utf-8")
    repo = CatalogRepository(tmp_path)

    reviewed = [Edit("Hello %(name)s", "你好 %(name)s")]
    assert _edited_lines(path, repo, reviewed) == (
        ["#, fuzzy", 'msgstr "嗨 %(name)s"'],
        ['msgstr "你好 %(name)s"'],
    )
    assert '#, python-format\nmsgid "Hello %(name)s"' in path.read_text("utf-8")

    flagged = [Edit("Hello %(name)s", "你好 %(name)s", fuzzy=True)]
    assert _edited_lines(path, repo, flagged) == (
        ["#, python-format"],
        ["#, fuzzy, python-format"],
    )
    message = repo.load("zh-Hans").get("Hello %(name)s")
    assert message.fuzzy and message.string == "你好 %(name)s"


def test_entries_without_blank_lines_between_them_are_spliced(tmp_path, no_rewrite) -> None:
    path = catalog_path(tmp_path, "zh-Hans")
    path.parent.mkdir(parents=True)
    path.write_text(_NO_BLANK_LINES, "utf-8")
    repo = CatalogRepository(tmp_path)

    edits = [Edit("Open", "开启"), Edit("Close", "关上", "menu", fuzzy=True), Edit("Last", "末")]
    assert _edited_lines(path, repo, edits) == (
        ['msgstr "打开"', 'msgstr ""', '"关"', '"闭"', 'msgstr "最后"'],
        ['msgstr "开启"', "#, fuzzy", 'msgstr "关上"', 'msgstr "末"'],
    )
    catalog = repo.load("zh-Hans")
    assert [(m.id, m.string, m.fuzzy) for m in live_messages(catalog)] == [
        ("Save", "保存", False),
        ("Open", "开启", False),
        ("Close", "关上", True),
        ("Last", "末", False),
    ]
    assert catalog.obsolete["Gone"].fuzzy
