"""Characters no stored text may hold: what XML 1.0 cannot carry.

Glossary entries, memory units and catalog translations are exported as TBX, TMX and XLIFF;
a text that an export cannot write would make that export fail for everyone, and a file the
service writes must be one it can read back. So every store refuses, at the door, the C0
controls other than tab, line feed and carriage return, unpaired surrogates, and the
noncharacters U+FFFE and U+FFFF. Exports write what was stored before these rules through
``xml_text``, so no stored text can make an export fail.
"""

from __future__ import annotations

import re

_XML_UNSAFE_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_unsafe(text: str) -> bool:
    """Whether ``text`` holds a character XML 1.0 cannot carry."""
    return _XML_UNSAFE_RE.search(text) is not None


def xml_text(text: str) -> str:
    """``text`` with each character XML 1.0 cannot carry replaced by U+FFFD."""
    return _XML_UNSAFE_RE.sub("\ufffd", text)
