"""Domain errors of the document front ends, each with a user-ready message.

``DocumentError`` is the family; the HTTP layer maps ``DocumentTooLarge`` to 413 and every
other kind to 400, with ``str(error)`` as the message.
"""

from __future__ import annotations


class DocumentError(ValueError):
    """A file that cannot be translated; the message says why, in the user's terms."""


class UnsupportedDocument(DocumentError):
    """The file is of a kind Mixlate does not translate."""


class InvalidDocument(DocumentError):
    """The file claims a supported format but its content is broken or not that format."""


class UnsafeDocument(InvalidDocument):
    """The file holds XML with a DTD or entity declarations, which are never parsed."""


class DocumentTooLarge(DocumentError):
    """The file, its unpacked archive or its text is over a configured limit."""

    def __init__(self, message: str, limit: int) -> None:
        super().__init__(message)
        self.limit = limit
