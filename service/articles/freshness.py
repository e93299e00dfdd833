"""What a localized article read depends on, checked cheaply: the validator behind its ETag.

A localized article (API JSON or reader page) depends on the article's id and revision, the
locale, that locale's catalog revision, the glossary and memory revisions, the installed
models' identities and the available locales. ``ReadStamps.validator`` digests all of them
into a strong ETag without reading the stored translation, so a conditional GET is answered
``304`` and a rendered response is reused without rendering. The same reads make the
``Stamp`` a stored translation is checked against (``service.articles.dependencies``):
``ReadStamps.stamp`` is computed once per read and digested into the validator.

The rule for cheapness (stated once, here):

- the catalog revision: the file store is exact for every write made through Mixlate by any
  process (it reads a write counter shared in memory, no system call, and stats the PO file
  only when the counter moved) and sees a PO file edited by hand within
  ``MIXLATE_CATALOG_RECHECK_MS``; the database store sees its own writes at once and another
  node's within that interval;
- the model identities come from the engine registry, which checks its stamp at most once a
  second per process;
- the glossary and memory revisions (a database query), each article (a database row) and
  the locales served (a directory listing and a route check per locale) are read at most
  once every ``CHECK_SECONDS`` per process; a write made in this process is
  seen at once (the article service's writes, and every commit that moved a known-revision
  counter, see ``service.known.revisions.local_commits``); a write made by another process
  is seen within ``CHECK_SECONDS``.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Callable, Hashable, Sequence

from service.articles.dependencies import Stamp
from service.articles.model import Article
from service.recheck import CHECK_SECONDS, Clock, Recheck

MAX_ARTICLES = 10_000


class RecentArticles:
    """Articles by id, each re-read from the store at most every ``seconds``.

    ``changed()`` (called by this process's writes) makes every later read go to the store.
    """

    def __init__(
        self,
        read: Callable[[str], Article],
        seconds: float = CHECK_SECONDS,
        clock: Clock = time.monotonic,
    ) -> None:
        self._read = read
        self._seconds = seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._writes = 0
        self._held: dict[str, tuple[Article, float, int, str]] = {}

    def get(self, article_id: str) -> Article:
        """The article (ArticleNotFound from the store when there is none; never cached)."""
        now, writes = self._clock(), self._writes
        held = self._held.get(article_id)
        if held is not None and now < held[1] and held[2] == writes:
            return held[0]
        article = self._read(article_id)
        with self._lock:
            if len(self._held) >= MAX_ARTICLES:
                self._held.clear()
            self._held[article_id] = (article, now + self._seconds, writes, content_digest(article))
        return article

    def digest(self, article: Article) -> str:
        """``content_digest(article)``, computed once per article read from the store."""
        held = self._held.get(article.id)
        return held[3] if held is not None and held[0] is article else content_digest(article)

    def changed(self) -> None:
        """An article was written or deleted by this process."""
        with self._lock:
            self._writes += 1
            self._held.clear()


def content_digest(article: Article) -> str:
    """A digest of the article's content: an id deleted and published again may restart its
    revisions, and other databases hold other articles under the same id and revision."""
    return hashlib.sha256(repr(article.content).encode()).hexdigest()[:32]


def strong_etag(parts: Sequence[object]) -> str:
    """A quoted strong entity tag digesting ``parts`` (JSON-serialisable values)."""
    digest = hashlib.sha256(json.dumps(parts, separators=(",", ":")).encode())
    return f'"{digest.hexdigest()[:40]}"'


class ReadStamps:
    """The validator of a localized article read, from cheap revision checks."""

    def __init__(
        self,
        articles: RecentArticles,
        catalog_revision: Callable[[str], str],
        known_revision: Callable[[], Sequence[int]],
        model_identities: Callable[[], Sequence[str]],
        known_generation: Callable[[], Hashable],
        seconds: float = CHECK_SECONDS,
        clock: Clock = time.monotonic,
    ) -> None:
        self._articles = articles
        self._etags: dict[tuple[object, ...], str] = {}
        self._catalog_revision = catalog_revision
        self._model_identities = model_identities
        self._known = Recheck(
            lambda: list(known_revision()), seconds, generation=known_generation, clock=clock
        )

    def stamp(self, locale: str, fresh: bool = False) -> Stamp:
        """The current state of what translations into ``locale`` depend on; ``fresh`` reads
        the glossary and memory revisions now (background work: a refresh job queued because
        another node edited them may start within ``CHECK_SECONDS``)."""
        glossary, memory = (list(self._known.get(fresh)) + [0, 0])[:2]
        return Stamp(
            locale,
            self._catalog_revision(locale),
            glossary,
            memory,
            tuple(self._model_identities()),
        )

    def validator(
        self,
        article: Article,
        locale: str,
        available: Sequence[str],
        view: Sequence[object],
        stamp: Stamp | None = None,
    ) -> str:
        """The strong ETag of ``article`` served in ``locale``; ``view`` names the
        representation (API JSON, reader page and its options) and the code version;
        ``stamp``: ``self.stamp(locale)`` when the caller has it already."""
        stamp = stamp or self.stamp(locale)
        parts = (
            tuple(view),
            article.id,
            article.revision,
            self._articles.digest(article),
            locale,
            stamp.catalog,
            (stamp.glossary, stamp.memory),
            stamp.models,
            tuple(available),
        )
        # The digest is the costly part; the same parts come back on every cached read.
        etag = self._etags.get(parts)
        if etag is None:
            if len(self._etags) >= MAX_ARTICLES:
                self._etags.clear()
            etag = self._etags[parts] = strong_etag(parts)
        return etag
