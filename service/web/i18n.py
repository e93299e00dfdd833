"""Flask-Babel wired to the catalog repository, with gettext that escapes catalog strings.

Freshness: Flask-Babel normally loads ``.mo`` files once per process. Here its domain hands
out :class:`CatalogTranslations`, which ask ``CatalogRepository`` on every lookup; the
repository stats the PO file and re-reads it when its content revision changed, so a
localizer's edit shows on the next request in every worker, without a restart.

Safety: the template callables installed here are new-style (variables as keyword
arguments) but replace Jinja's own wrappers, which %-format every translation. They escape
the catalog string first, so a translation can never inject markup; only the variables a
template passes as markup (e.g. a link built in the template) stay markup, and every other
variable is escaped by ``Markup.__mod__``. They format through ``formatting.render``: a
translation of a msgid without placeholders is never %-formatted, and one that does not
format falls back to the msgid, so no catalog entry can make a page fail. Views that build
strings in Python (script messages, review headings) use ``view_gettext``, the same rule
without the escaping (their strings go out as JSON), never Flask-Babel's ``gettext``, which
%-formats with no fallback.
"""

from __future__ import annotations

import gettext as _gettext
from typing import Any

from babel.support import NullTranslations
from flask import Flask, g
from flask_babel import Babel, Domain, get_locale, get_translations
from markupsafe import Markup, escape

from service.catalogs import CatalogRepository, UnknownLocale
from service.catalogs.formatting import render
from service.runtime import current_runtime

READER_LOCALE = "reader_locale"


class CatalogTranslations(NullTranslations):
    """gettext-style translations of one locale read live from a CatalogRepository."""

    def __init__(self, catalogs: CatalogRepository, locale: str) -> None:
        super().__init__()
        self._catalogs = catalogs
        self._locale = locale

    def gettext(self, message: str) -> str:
        return self._catalogs.gettext(self._locale, message)

    def pgettext(self, context: str, message: str) -> str:
        return self._catalogs.gettext(self._locale, message, context=context)

    def npgettext(self, context: str | None, singular: str, plural: str, num: int) -> str:
        fallback = singular if num == 1 else plural
        try:
            catalog = self._catalogs.load(self._locale)
        except UnknownLocale:
            return fallback
        message = catalog.get(singular, context=context)
        if message is None or message.fuzzy or not message.pluralizable:
            return fallback
        forms = list(message.string)
        index = _gettext.c2py(catalog.plural_expr)(num)
        return (forms[index] if index < len(forms) else "") or fallback

    def ngettext(self, singular: str, plural: str, num: int) -> str:
        return self.npgettext(None, singular, plural, num)

    ugettext = gettext
    ungettext = ngettext
    upgettext = pgettext
    unpgettext = npgettext


class CatalogDomain(Domain):
    """The Flask-Babel domain whose translations come from the runtime's catalogs."""

    def get_translations(self) -> NullTranslations:
        locale = get_locale()
        if locale is None:
            return NullTranslations()
        return CatalogTranslations(current_runtime().catalogs, str(locale))


class CatalogBabel(Babel):
    """Flask-Babel with :class:`CatalogDomain` as its only domain."""

    domain_instance = CatalogDomain()  # type: ignore[assignment]


def _selected_locale() -> str | None:
    """The locale a view chose (BCP-47 in ``g``), as Babel's identifier (``zh_Hans``)."""
    tag = g.get(READER_LOCALE)
    return tag.replace("-", "_") if tag else None


def view_gettext(string: str, **variables: Any) -> str:
    """The current locale's translation of ``string``; with variables, formatted by
    ``formatting.render`` (a translation that does not format gives ``string`` formatted).

    Without variables the text is returned unformatted, as gettext does: script messages
    keep their placeholders for the script to fill.
    """
    text = get_translations().ugettext(string)
    return render(text, string, variables, (string,)) if variables else text


def _template_gettext(string: str, **variables: Any) -> Markup:
    text = escape(get_translations().ugettext(string))
    return render(text, escape(string), variables, (string,))


def _template_pgettext(context: str, string: str, **variables: Any) -> Markup:
    text = escape(get_translations().upgettext(context, string))
    return render(text, escape(string), variables, (string,))


def _template_npgettext(
    context: str | None, singular: str, plural: str, num: int, **variables: Any
) -> Markup:
    variables.setdefault("num", num)
    text = escape(get_translations().unpgettext(context, singular, plural, num))
    fallback = escape(singular if num == 1 else plural)
    return render(text, fallback, variables, (singular, plural))


def _template_ngettext(singular: str, plural: str, num: int, **variables: Any) -> Markup:
    return _template_npgettext(None, singular, plural, num, **variables)


def init_babel(app: Flask) -> None:
    """Set up Flask-Babel on ``app`` and install escaping, safely formatting gettext callables."""
    CatalogBabel(app, locale_selector=_selected_locale)
    environment = app.jinja_env
    environment.globals.update(
        gettext=_template_gettext,
        ngettext=_template_ngettext,
        pgettext=_template_pgettext,
        npgettext=_template_npgettext,
    )
    # Our callables take the variables themselves: {% trans %} must pass them new-style.
    environment.newstyle_gettext = True  # type: ignore[attr-defined]
