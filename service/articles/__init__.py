"""Articles: stored once, served in any locale with the page's UI strings.

``model`` validates incoming JSON, ``repository`` stores articles and their per-locale
translations, ``localize`` translates a whole article in one pipeline run, ``negotiation``
picks the locale, ``ui_strings`` names the page's catalog strings and ``present`` shapes the
JSON. ``service.ArticleService`` ties them together for the API and the reader page.
"""
