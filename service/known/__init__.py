"""Known translations: the site's glossary and its translation memory, with their revisions.

These are lookups the pipeline consults, like the catalog index: they sit below
``service.translation`` and import nothing above ``service.store`` (OpenCC conversion is
injected). One package holds both because they share what makes them safe to consult on
every request: one revision counter per store in the database (``revisions``), bumped in the
same transaction as each write, and in-memory indexes rebuilt only when it moves, so every
node serves an edit on its next request.

- ``glossary`` / ``glossary_store`` / ``terms`` / ``glossary_files``: entries, their table,
  term matching, CSV and TBX.
- ``memory``: approved human translations (units), exact lookup after normalisation.
- ``snapshot``: what one pipeline run consults (``KnownSnapshot``) and its provider.
"""

from service.known.errors import GlossaryEntryNotFound, InvalidGlossaryEntry, InvalidGlossaryFile
from service.known.glossary import GlossaryEntry
from service.known.glossary_store import GlossaryStore
from service.known.memory import MemoryStore, MemoryUnit
from service.known.snapshot import KnownSnapshot, KnownTranslations

__all__ = [
    "GlossaryEntry",
    "GlossaryEntryNotFound",
    "GlossaryStore",
    "InvalidGlossaryEntry",
    "InvalidGlossaryFile",
    "KnownSnapshot",
    "KnownTranslations",
    "MemoryStore",
    "MemoryUnit",
]
