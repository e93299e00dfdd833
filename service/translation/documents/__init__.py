"""Document front ends: files in, the same files translated out, through the one pipeline.

``prepare_document`` checks an upload (``safety``), finds its real format (``formats``) and
lets that format's front end extract its paragraphs (``pieces``, ``model``);
``PreparedDocument.translate`` translates them in one ``ContentTranslator.translate`` call
and writes the results back into the same structure (a document job translates them in
batches and calls ``finish``). ``FileStore`` keeps translated files, in the database, until
they expire. Errors are the ``DocumentError`` family (``errors``), with user-ready messages.
"""

from service.translation.documents.errors import (
    DocumentError,
    DocumentTooLarge,
    InvalidDocument,
    UnsafeDocument,
    UnsupportedDocument,
)
from service.translation.documents.formats import EXTENSIONS, FORMATS, DocumentFormat
from service.translation.documents.safety import DocumentLimits
from service.translation.documents.store import FileStore, StoredFile
from service.translation.documents.translate import (
    PreparedDocument,
    TranslatedDocument,
    check_size,
    prepare_document,
)

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "DocumentError",
    "DocumentFormat",
    "DocumentLimits",
    "DocumentTooLarge",
    "FileStore",
    "InvalidDocument",
    "PreparedDocument",
    "StoredFile",
    "TranslatedDocument",
    "UnsafeDocument",
    "UnsupportedDocument",
    "check_size",
    "prepare_document",
]
