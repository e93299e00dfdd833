"""Writing edits back into a PO file's own text, so that its diff shows the edited entries only.

Babel rewrites a whole file on save: it rewraps every entry at its own width, drops header
fields it does not know, and reorders flags. ``write_changes`` instead replaces, in the
original text, only what an edit changed: the ``msgstr`` lines of an entry whose
translation changed (rendered by Babel's ``normalize`` at the width the file was written
with, see ``detect_width``), the ``fuzzy`` flag in the ``#,`` lines of an entry whose fuzzy
flag changed (an entry may have several such lines; its other flags stay as written), and
the ``PO-Revision-Date`` and ``Last-Translator`` header lines (each a single line).
Everything else, obsolete entries and their flags included, stays byte for byte. Entries
need not be separated by blank lines (gettext reads them one after the other too).

The result is parsed back and compared with the catalog it must represent; if anything
differs (a file layout this module does not understand), it falls back to Babel's full
rendering at the detected width, so a write is never wrong, at worst noisy.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from babel.dates import format_datetime
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import escape, normalize, unescape

from service.catalogs.codec import dump_po, parse_po
from service.catalogs.edits import Change
from service.catalogs.entries import entry_key
from service.catalogs.errors import EntryKey

log = logging.getLogger(__name__)

CANDIDATE_WIDTHS = (76, 79, 80, 100, 120, 0)
"""Babel's default first (it wins ties), GNU gettext's, common wider ones, and no wrapping."""
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(\".*\")\s*$")


class _Unsupported(ValueError):
    """The text has a layout the splicer does not handle (the caller falls back)."""


@dataclass
class _Block:
    """Line indexes of one live entry: its first line, its ``#,`` lines, its msgstr lines."""

    start: int
    flags: list[int]
    body: int
    msgstr: int
    end: int


def _strings(lines: Sequence[str], start: int, end: int) -> dict[str, str]:
    """keyword → value of the keyword lines (and their continuation lines) in a block."""
    values: dict[str, str] = {}
    keyword = None
    for line in lines[start:end]:
        stripped = line.strip()
        if match := _KEYWORD.match(stripped):
            keyword = match.group(1)
            values[keyword] = unescape(match.group(2))
        elif stripped.startswith('"') and keyword is not None:
            values[keyword] += unescape(stripped)
        elif not stripped.startswith("#"):
            raise _Unsupported(f"unexpected line {line!r}")
    return values


def _unmarked(line: str) -> str:
    """The line without the ``#~`` of an obsolete entry."""
    return line[2:].lstrip() if line.startswith("#~") else line.lstrip()


def _entries(lines: Sequence[str]) -> Iterator[tuple[int, int]]:
    """(start, end) line indexes of each entry, the header included.

    Entries are usually separated by blank lines, but gettext tools also read entries
    written one after the other: a line that cannot continue an entry's msgstr (a comment,
    a msgctxt or msgid, live or obsolete) starts the next entry.
    """
    start: int | None = None
    in_msgstr = False
    for index, line in enumerate(lines):
        if not line.strip():
            if start is not None:
                yield start, index
            start, in_msgstr = None, False
            continue
        text = _unmarked(line)
        if start is not None and in_msgstr and not text.startswith(('"', "msgstr")):
            yield start, index
            start, in_msgstr = None, False
        if start is None:
            start = index
        in_msgstr = in_msgstr or text.startswith("msgstr")
    if start is not None:
        yield start, len(lines)


def _blocks(lines: Sequence[str]) -> dict[EntryKey, _Block]:
    """The live entries of the file (the header is keyed ``("", None)``), by key."""
    found: dict[EntryKey, _Block] = {}
    for start, end in _entries(lines):
        block = lines[start:end]
        if any(line.startswith("#~") for line in block):
            continue
        body = next((n for n, line in enumerate(block) if line.startswith("msg")), None)
        msgstr = next((n for n, line in enumerate(block) if line.startswith("msgstr")), None)
        if body is None or msgstr is None:
            raise _Unsupported("an entry without msgid or msgstr")
        if any(line.startswith("#") for line in block[body:]):
            raise _Unsupported("an entry with comments among its strings")
        values = _strings(lines, start + body, end)
        key = (values.get("msgid", ""), values.get("msgctxt"))
        if key in found or "msgid" not in values:
            raise _Unsupported(f"entry {key!r} twice or without msgid")
        flags = [start + n for n, line in enumerate(block[:body]) if line.startswith("#,")]
        found[key] = _Block(start, flags, start + body, start + msgstr, end)
    return found


def _body_lines(message: Message, num_plurals: int, width: int, *, ids: bool) -> list[str]:
    """The entry's msgctxt/msgid lines (if ``ids``) and msgstr lines as Babel writes them."""
    out = []
    if ids:
        if message.context:
            out.append(f"msgctxt {normalize(message.context, width=width)}\n")
        if message.pluralizable:
            out.append(f"msgid {normalize(message.id[0], width=width)}\n")
            out.append(f"msgid_plural {normalize(message.id[1], width=width)}\n")
        else:
            out.append(f"msgid {normalize(message.id, width=width)}\n")
    if message.pluralizable:
        forms = list(message.string) if isinstance(message.string, list | tuple) else []
        for index in range(num_plurals):
            form = forms[index] if index < len(forms) else ""
            out.append(f"msgstr[{index}] {normalize(form, width=width)}\n")
    else:
        out.append(f"msgstr {normalize(message.string or '', width=width)}\n")
    return out


def detect_width(text: str, catalog: Catalog) -> int:
    """The wrap width the file was written with: the candidate reproducing most entries."""
    lines = text.splitlines(keepends=True)
    try:
        blocks = _blocks(lines)
    except _Unsupported:
        return CANDIDATE_WIDTHS[0]
    pairs = [
        (message, "".join(lines[block.body : block.end]).replace("\r\n", "\n"))
        for message in catalog
        if message.id and (block := blocks.get(entry_key(message))) is not None
    ]
    # Entries on one short line each read the same at every width: only the others decide.
    telling = [(m, t) for m, t in pairs if t.count("\n") > (3 if m.pluralizable else 2)]

    def score(width: int) -> int:
        rendered = (
            "".join(_body_lines(m, catalog.num_plurals, width, ids=True)) for m, _ in telling
        )
        return sum(r == t for r, (_, t) in zip(rendered, telling, strict=True))

    return max(CANDIDATE_WIDTHS, key=score) if telling else CANDIDATE_WIDTHS[0]


def _flags_line(message: Message) -> list[str]:
    return [f"#, {', '.join(sorted(message.flags))}\n"] if message.flags else []


def _flag_names(line: str) -> list[str]:
    return [name.strip() for name in line[2:].split(",") if name.strip()]


def _fuzzy_replacements(
    lines: Sequence[str], block: _Block, message: Message
) -> list[tuple[int, int, list[str]]]:
    """The edits of an entry's ``#,`` lines that set its fuzzy flag as ``message`` has it.

    Only the fuzzy flag moves: the other flags, and the lines that hold only those, stay as
    written (an entry may have several ``#,`` lines).
    """
    if not block.flags:
        return [(block.body, block.body, _flags_line(message))]
    if message.fuzzy:
        first = block.flags[0]
        names = ["fuzzy", *_flag_names(lines[first])]
        return [(first, first + 1, [f"#, {', '.join(names)}\n"])]
    found = []
    for index in block.flags:
        names = _flag_names(lines[index])
        if "fuzzy" in names:
            kept = [name for name in names if name != "fuzzy"]
            found.append((index, index + 1, [f"#, {', '.join(kept)}\n"] if kept else []))
    return found


def _header_line(name: str, value: str) -> str:
    return escape(f"{name}: {value}" + "\n") + "\n"


def _splice(text: str, catalog: Catalog, changes: Sequence[Change], width: int) -> str:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    blocks = _blocks(lines)
    replacements: list[tuple[int, int, list[str]]] = []
    for change in changes:
        key = (change.msgid, change.msgctxt)
        block, message = blocks.get(key), catalog.get(change.msgid, context=change.msgctxt)
        if block is None or message is None:
            raise _Unsupported(f"entry {key!r} not found in the text")
        if change.old_fuzzy != change.fuzzy:
            replacements.extend(_fuzzy_replacements(lines, block, message))
        if change.old != change.new:
            body = _body_lines(message, catalog.num_plurals, width, ids=False)
            replacements.append((block.msgstr, block.end, body))
    header = blocks.get(("", None))
    if header is not None:
        fields = {
            "PO-Revision-Date": format_datetime(
                catalog.revision_date, "yyyy-MM-dd HH:mmZ", locale="en"
            ),
            "Last-Translator": catalog.last_translator,
        }
        for index in range(header.msgstr, header.end):
            for name, value in fields.items():
                if lines[index].startswith(f'"{name}:') and lines[index].rstrip().endswith('\\n"'):
                    replacements.append((index, index + 1, [_header_line(name, value)]))
    for start, end, new in sorted(replacements, key=lambda item: item[0], reverse=True):
        lines[start:end] = new
    return "".join(lines)


def _fingerprint(messages: Iterable[Message]) -> list[tuple]:
    return sorted(
        (
            repr(entry_key(m)),
            repr(m.string),
            sorted(m.flags),
            m.locations,
            m.user_comments,
            m.auto_comments,
            repr(m.previous_id),
        )
        for m in messages
        if m.id
    )


def _same(written: Catalog, intended: Catalog) -> bool:
    live = _fingerprint(written) == _fingerprint(intended)
    obsolete = _fingerprint(written.obsolete.values()), _fingerprint(intended.obsolete.values())
    return live and obsolete[0] == obsolete[1]


def write_changes(
    data: bytes, catalog: Catalog, changes: Sequence[Change]
) -> tuple[bytes, Catalog]:
    """The PO bytes of ``catalog`` and those bytes parsed: ``data`` (the file it was parsed
    from) with ``changes`` spliced in, or Babel's full rendering if splicing cannot
    represent it exactly."""
    charset = catalog.charset or "utf-8"
    try:
        text = data.decode(charset)
        width = detect_width(text, catalog)
        spliced = _splice(text, catalog, changes, width).encode(charset)
        written = parse_po(spliced, catalog.locale_identifier)
        if _same(written, catalog):
            return spliced, written
        log.warning("splicing the catalog edit changed other entries; rewriting the whole file")
    except (_Unsupported, UnicodeError, LookupError) as exc:
        log.warning("cannot splice the catalog edit (%s); rewriting the whole file", exc)
        width = CANDIDATE_WIDTHS[0]
    full = dump_po(catalog, width=width)
    return full, parse_po(full, catalog.locale_identifier)
