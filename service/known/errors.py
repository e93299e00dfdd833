"""Errors of the glossary and the memory, with the data an API answer needs."""

from __future__ import annotations

from typing import Any


class InvalidGlossaryEntry(ValueError):
    """One or more submitted entries are invalid; ``problems`` name the place and the reason."""

    def __init__(self, problems: list[dict[str, Any]]) -> None:
        super().__init__("Some glossary entries are invalid; nothing was saved")
        self.problems = problems


class GlossaryEntryNotFound(LookupError):
    """No glossary entry has this id."""

    def __init__(self, entry_id: int) -> None:
        super().__init__(f"No glossary entry with id {entry_id}")
        self.entry_id = entry_id


class InvalidGlossaryFile(ValueError):
    """An imported CSV or TBX file cannot be read."""


class InvalidMemoryFile(ValueError):
    """An imported TMX file cannot be read."""


class MemoryUnitNotFound(LookupError):
    """No memory unit has this id."""

    def __init__(self, unit_id: int) -> None:
        super().__init__(f"No memory unit with id {unit_id}")
        self.unit_id = unit_id


class SuggestionNotFound(LookupError):
    """No suggestion has this id."""

    def __init__(self, suggestion_id: int) -> None:
        super().__init__(f"No suggestion with id {suggestion_id}")
        self.suggestion_id = suggestion_id


class SuggestionReviewed(ValueError):
    """The suggestion was reviewed already (accepted or rejected)."""

    def __init__(self, suggestion_id: int, state: str) -> None:
        super().__init__(f"Suggestion {suggestion_id} is {state} already")
        self.suggestion_id = suggestion_id
        self.state = state


class InvalidSuggestion(ValueError):
    """The suggestion cannot become a memory unit as it stands (``problems`` say why)."""

    def __init__(self, suggestion_id: int, problems: list[str]) -> None:
        super().__init__(f"Suggestion {suggestion_id} cannot be accepted: {'; '.join(problems)}")
        self.suggestion_id = suggestion_id
        self.problems = problems
