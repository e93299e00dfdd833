"""What the site header links besides the fixed pages: the newest article's reader page."""

from __future__ import annotations

from flask import url_for

from service.runtime import current_runtime


def latest_article_url() -> str | None:
    """The reader page of the newest article (the header's "Latest article"), if there is one."""
    newest, _total = current_runtime().articles.page(1, 1)
    return url_for("web.article", article_id=newest[0].id) if newest else None
