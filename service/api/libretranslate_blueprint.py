"""The blueprint of LibreTranslate's endpoints, shared by the modules that serve them.

``libretranslate`` (translate, detect, languages), ``libretranslate_meta`` (health, spec,
frontend settings) and ``suggest`` (/suggest) each add their routes to it; the error table
answers in LibreTranslate's wording for every route on it (``service.http.errors``).
"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("libretranslate", __name__)
