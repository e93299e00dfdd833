"""The write side's data: edits, change records, and checking a batch before it is applied."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from babel.messages.catalog import Catalog, Message

from service.catalogs.entries import entry_dict, msgstr_value, translated_texts
from service.catalogs.errors import EntryKey, InvalidEdits, StaleRevision, UnknownEntry
from service.catalogs.validation import Problem, unencodable, validate_edit

Value = str | list[str]
State = tuple[Value, bool]
"""What an edit writes of an entry, and so what a conflict check compares: msgstr and fuzzy."""
_BAD_KEY = "The msgid or msgctxt holds a lone surrogate (invalid Unicode)"


def _value(raw: Any, what: str) -> Value:
    if isinstance(raw, str):
        return raw
    if isinstance(raw, list | tuple) and all(isinstance(item, str) for item in raw):
        return list(raw)
    raise ValueError(f"{what} must be a string or a list of strings")


@dataclass(frozen=True)
class Edit:
    """A new translation for the entry (msgid, msgctxt).

    ``msgstr`` is a string, or a list with every plural form; "" means untranslated.
    ``fuzzy`` keeps the entry flagged for review. ``base`` and ``base_fuzzy`` are the value
    and fuzzy flag the client saw before editing, if it sent them; they make conflict
    reports exact.
    """

    msgid: str
    msgstr: Value
    msgctxt: str | None = None
    fuzzy: bool = False
    base: Value | None = None
    base_fuzzy: bool | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "msgstr", _value(self.msgstr, "msgstr"))
        if self.base is not None:
            object.__setattr__(self, "base", _value(self.base, "base"))

    @property
    def key(self) -> EntryKey:
        """(msgid, msgctxt)."""
        return self.msgid, self.msgctxt

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Edit:
        """Build from a JSON object with msgid, msgstr and optional msgctxt, fuzzy, base,
        base_fuzzy."""
        if not isinstance(data.get("msgid"), str):
            raise ValueError("msgid must be a string")
        if not isinstance(data.get("msgctxt", ""), str | None):
            raise ValueError("msgctxt must be a string or null")
        if not isinstance(data.get("base_fuzzy"), bool | None):
            raise ValueError("base_fuzzy must be true, false or null")
        return cls(
            msgid=data["msgid"],
            msgstr=_value(data.get("msgstr"), "msgstr"),
            msgctxt=data.get("msgctxt"),
            fuzzy=bool(data.get("fuzzy", False)),
            base=None if data.get("base") is None else _value(data["base"], "base"),
            base_fuzzy=data.get("base_fuzzy"),
        )

    @property
    def verified(self) -> bool:
        """Whether the edit itself says all it saw (a conflict check needs nothing else)."""
        return self.base is not None and self.base_fuzzy is not None


@dataclass(frozen=True)
class Change:
    """One entry's change, for the caller's history: old and new value and fuzzy flag."""

    msgid: str
    msgctxt: str | None
    old: Value
    new: Value
    old_fuzzy: bool
    fuzzy: bool

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)


@dataclass(frozen=True)
class ApplyResult:
    """Outcome of a write: the catalog's new revision, what changed, the revision before."""

    revision: str
    changes: list[Change]
    previous: str | None = None


def plan_changes(
    catalog: Catalog, edits: Sequence[Edit], locale: str
) -> list[tuple[Message, Change]]:
    """Check every edit against ``catalog`` and return the real changes, without applying.

    Raises UnknownEntry if any edit names a missing entry, else InvalidEdits if any fails
    validation (or the same entry is edited twice). Edits that change nothing are dropped.
    """
    unknown: list[EntryKey] = []
    problems: dict[EntryKey, list[Problem]] = {}
    planned: list[tuple[Message, Change]] = []
    seen: set[EntryKey] = set()
    for edit in edits:
        if unencodable(edit.msgid) or unencodable(edit.msgctxt or ""):
            problems[edit.key] = [Problem("encoding", _BAD_KEY)]
            continue
        message = catalog.get(edit.msgid, context=edit.msgctxt)
        if message is None:
            unknown.append(edit.key)
            continue
        if edit.key in seen:
            problems[edit.key] = [Problem("duplicate", "The entry is edited twice")]
            continue
        seen.add(edit.key)
        plural = message.id[1] if message.pluralizable else None
        found = validate_edit(edit.msgid, edit.msgstr, locale, plural, catalog.num_plurals)
        if found:
            problems[edit.key] = found
            continue
        old = msgstr_value(message)
        fuzzy = edit.fuzzy and bool(translated_texts(edit.msgstr))
        if old != edit.msgstr or message.fuzzy != fuzzy:
            change = Change(edit.msgid, edit.msgctxt, old, edit.msgstr, message.fuzzy, fuzzy)
            planned.append((message, change))
    if unknown:
        raise UnknownEntry(unknown)
    if problems:
        raise InvalidEdits(problems)
    return planned


def apply_changes(planned: Iterable[tuple[Message, Change]]) -> None:
    """Write planned changes into their (freshly parsed, unshared) messages."""
    for message, change in planned:
        message.string = change.new if isinstance(change.new, str) else tuple(change.new)
        if change.fuzzy:
            message.flags.add("fuzzy")
        else:
            message.flags.discard("fuzzy")


def stale_revision(
    current: Catalog,
    seen: Catalog | None,
    since: Mapping[EntryKey, State] | None,
    edits: Sequence[Edit],
    revision: str,
    locale: str,
) -> StaleRevision:
    """What to tell a client whose ``edits`` were based on an outdated revision.

    The client's own entries count as changed when their current value or fuzzy flag (what
    an edit writes) differs from what the client saw: the edit's ``base`` and
    ``base_fuzzy``, else what the catalog it saw holds (``seen``, if this process still
    has it), else what the history knows the entry had then (``since`` holds the entries
    changed since, absent ones did not change). An entry whose value none of these can
    verify counts as changed; a fuzzy flag nothing can verify is taken as the ``base``
    implies (unchanged). Raise the result only if ``changed`` is non-empty: edits to
    entries nobody touched meanwhile may be applied.
    """
    changed: list[EntryKey] = []
    values: dict[EntryKey, dict[str, Any]] = {}
    for edit in edits:
        message = current.get(edit.msgid, context=edit.msgctxt)
        if message is not None:
            values[edit.key] = entry_dict(message, locale, current.num_plurals)
        if message is None:
            changed.append(edit.key)
            continue
        now: State = (msgstr_value(message), message.fuzzy)
        before = seen.get(edit.msgid, context=edit.msgctxt) if seen is not None else None
        saw: State | None = None
        if before is not None:
            saw = (msgstr_value(before), before.fuzzy)
        elif seen is None and since is not None:
            saw = since.get(edit.key, now)
        value = edit.base if edit.base is not None else saw[0] if saw is not None else None
        fuzzy = edit.base_fuzzy
        if fuzzy is None:
            fuzzy = saw[1] if saw is not None else now[1]
        if value is None or (value, fuzzy) != now:
            changed.append(edit.key)
    return StaleRevision(revision, changed, values)


def edits_from_catalog(catalog: Catalog) -> list[Edit]:
    """Edits carrying every translated entry of an uploaded catalog (header/obsolete left out)."""
    edits = []
    for message in catalog:
        value = msgstr_value(message)
        if message.id and translated_texts(value):
            msgid = message.id[0] if message.pluralizable else message.id
            edits.append(Edit(msgid, value, message.context, fuzzy=message.fuzzy))
    return edits
