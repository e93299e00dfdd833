"""A glossary entry: a term of one language and how it must appear in another.

``parse_entry`` turns a JSON object into an entry or reports every problem with it, so an
import or a list of entries is checked whole before anything is written. Language tags are
canonical BCP-47 (``zh`` → ``zh-Hans``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from service.languages import UnknownLanguage, canonical
from service.text_rules import xml_unsafe

MAX_TERM = 500
MAX_NOTE = 2_000
FIELDS = (
    "source",
    "term",
    "target",
    "translation",
    "case_sensitive",
    "whole_word",
    "do_not_translate",
    "note",
)


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """``term`` in ``source`` is written ``translation`` in ``target`` (or kept as it is)."""

    source: str
    term: str
    target: str
    translation: str | None = None
    case_sensitive: bool = False
    whole_word: bool = True
    do_not_translate: bool = False
    note: str = ""
    id: int | None = None

    @property
    def output(self) -> str:
        """What the term becomes in the target."""
        if self.do_not_translate or self.translation is None:
            return self.term
        return self.translation

    def with_id(self, entry_id: int) -> GlossaryEntry:
        return replace(self, id=entry_id)

    def to_dict(self) -> dict[str, Any]:
        found: dict[str, Any] = {} if self.id is None else {"id": self.id}
        found |= {"source": self.source, "term": self.term, "target": self.target}
        if not self.do_not_translate:
            found["translation"] = self.translation
        found |= {
            "case_sensitive": self.case_sensitive,
            "whole_word": self.whole_word,
            "do_not_translate": self.do_not_translate,
            "note": self.note,
        }
        return found


def _language(body: dict[str, Any], name: str, problems: list[str]) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value.strip():
        problems.append(f"'{name}' must be a language tag")
        return ""
    try:
        return canonical(value.strip())
    except UnknownLanguage:
        problems.append(f"'{name}' is not a known language: {value[:35]!r}")
        return ""


def _text(body: dict[str, Any], name: str, problems: list[str], required: bool) -> str | None:
    value = body.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        problems.append(f"'{name}' must be a non-empty string")
        return None
    if len(value) > MAX_TERM:
        problems.append(f"'{name}' is longer than {MAX_TERM} characters")
        return None
    if xml_unsafe(value) or any(char in "\r\n" for char in value):
        problems.append(f"'{name}' must be one line of text without control characters")
        return None
    return value.strip()


def _flag(body: dict[str, Any], name: str, default: bool, problems: list[str]) -> bool:
    value = body.get(name, default)
    if not isinstance(value, bool):
        problems.append(f"'{name}' must be true or false")
        return default
    return value


def entry_problems(body: Any) -> tuple[GlossaryEntry | None, list[str]]:
    """The entry ``body`` describes, or None and what is wrong with it."""
    if not isinstance(body, dict):
        return None, ["an entry must be a JSON object"]
    problems = [f"unknown field '{str(name)[:40]}'" for name in body if name not in FIELDS]
    source = _language(body, "source", problems)
    target = _language(body, "target", problems)
    if source and source == target:
        problems.append("'source' and 'target' must differ")
    dnt = _flag(body, "do_not_translate", False, problems)
    term = _text(body, "term", problems, required=True)
    translation = _text(body, "translation", problems, required=not dnt)
    note = body.get("note", "")
    if not isinstance(note, str) or len(note) > MAX_NOTE:
        problems.append(f"'note' must be a string of at most {MAX_NOTE} characters")
        note = ""
    case_sensitive = _flag(body, "case_sensitive", False, problems)
    whole_word = _flag(body, "whole_word", True, problems)
    if problems or term is None:
        return None, problems
    return (
        GlossaryEntry(
            source,
            term,
            target,
            None if dnt else translation,
            case_sensitive,
            whole_word,
            dnt,
            note,
        ),
        [],
    )
