"""Gettext catalogs (``.po``) with Babel: untranslated entries get a machine translation.

An entry with an empty ``msgstr`` gets the translation of its ``msgid`` (plural entries: form 0
from ``msgid``, the other forms from ``msgid_plural``; a language with one form, such as
Chinese, gets ``msgid_plural``'s), flagged ``fuzzy`` for review unless the
text came back unchanged (already in the target). Entries already translated, the header,
comments, flags, contexts and obsolete entries are left as they are; the target becomes the
catalog's ``Language``. Placeholders are protected by the pipeline. Babel writes the file in
its standard layout (lines wrapped at 76 columns).
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Sequence

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural
from babel.messages.pofile import PoFileError, read_po, write_po

from service.translation.documents.errors import InvalidDocument
from service.translation.documents.model import Extraction, Options
from service.translation.translator import Item, ItemResult


def _empty(message: Message) -> bool:
    value = message.string
    return not any(value) if isinstance(value, (list, tuple)) else not value


def _set_language(catalog: Catalog, locale: Locale) -> None:
    """The catalog's language, and its plural forms with it (the header's win otherwise)."""
    catalog.locale = locale
    headers = [(k, v) for k, v in catalog.mime_headers if k.lower() != "plural-forms"]
    catalog.mime_headers = [*headers, ("Plural-Forms", get_plural(locale).plural_forms)]


def extract(data: bytes, options: Options) -> Extraction:
    try:
        catalog = read_po(io.BytesIO(data), abort_invalid=True)
        # Babel writes the translation in the declared charset, escaping what it cannot hold;
        # a charset that cannot even escape (idna) would fail only then, after translating.
        "\u4e2d".encode(catalog.charset, "backslashreplace")
    except LookupError as exc:  # charset=klingon, or charset=base64 (a codec, not a charset)
        raise InvalidDocument(
            f"The catalog's charset is unknown or not a text encoding: {exc}"
        ) from exc
    except (PoFileError, ValueError) as exc:  # UnicodeError is a ValueError
        raise InvalidDocument(f"The file is not a valid gettext catalog (.po): {exc}") from exc
    chosen: list[tuple[Message, int]] = []
    items: list[Item] = []
    for message in catalog:
        if not message.id or not _empty(message):
            continue
        sources = [message.id] if isinstance(message.id, str) else list(message.id)
        chosen.append((message, len(sources)))
        items += [Item(source) for source in sources]

    def render(results: Sequence[ItemResult]) -> bytes:
        with contextlib.suppress(UnknownLocaleError, ValueError):
            _set_language(catalog, Locale.parse(options.target.replace("-", "_")))
        position = 0
        for message, count in chosen:
            texts = [result.translation for result in results[position : position + count]]
            if count == 1:
                message.string = texts[0]
            elif catalog.num_plurals == 1:  # one form for every count: the plural's words
                message.string = (texts[1],)
            else:  # every form past the first says what msgid_plural says
                message.string = (texts[0], *[texts[1]] * (catalog.num_plurals - 1))
            if texts != ([message.id] if count == 1 else list(message.id)):
                message.flags.add("fuzzy")
            position += count
        out = io.BytesIO()
        write_po(out, catalog)
        return out.getvalue()

    return Extraction(items, render)
