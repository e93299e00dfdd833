"""Reviewing one article's translation into one locale, sentence by sentence.

A view lists each field's sentences with ``source`` (and its detected ``lang``), ``machine``
(the model's output, memory left out), ``text`` (what readers get: the memory's unit if any,
else the machine output),
``state`` (``reviewed`` when the memory has a unit for the sentence, else ``kept`` when it is
already in the target language and served as written, else ``machine``), the glossary
``terms`` found in it and the memory's fuzzy ``suggestions`` (with differences). Kept
sentences need no review and count in no progress. The locale's state is ``machine``
(nothing reviewed), ``reviewed`` (every sentence that is translated),
``partly-reviewed``, or ``needs-review`` when the article changed after its last review and
some sentences are machine output again. ``etag`` digests the article revision and every
current text; saving requires it, so two reviewers never overwrite each other unseen.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from service.articles.model import Article
from service.engine import Priority
from service.known import MemoryStore, MemoryUnit
from service.known.fuzzy import fuzzy_matches
from service.known.memory import MemoryIndex
from service.known.snapshot import KnownTranslations
from service.review.sentences import article_sentences, sentence_language
from service.store import Database
from service.store.tables import ArticleReview as ReviewRow
from service.translation.plan import Target, same_language
from service.translation.translator import ContentTranslator, Item


class ReviewConflict(ValueError):
    """The translation changed since the reviewer's ETag."""

    def __init__(self, current: str) -> None:
        super().__init__("The translation changed since your ETag; reload it and retry")
        self.current = current


class UnknownSentence(LookupError):
    """An edit names a field or sentence index the article does not have."""

    def __init__(self, field: str, index: object) -> None:
        super().__init__(f"The article has no sentence {index!r} in field '{field}'")
        self.field = field
        self.index = index


@dataclass(frozen=True, slots=True)
class SentenceReview:
    index: int
    source: str
    machine: str
    text: str
    state: str
    terms: tuple[dict[str, object], ...] = ()
    suggestions: tuple[dict[str, object], ...] = ()
    lang: str = "und"

    def to_dict(self) -> dict[str, object]:
        return {
            "index": self.index,
            "source": self.source,
            "lang": self.lang,
            "machine": self.machine,
            "text": self.text,
            "state": self.state,
            "terms": list(self.terms),
            "suggestions": list(self.suggestions),
        }


@dataclass(frozen=True, slots=True)
class ReviewView:
    article_id: str
    revision: int
    locale: str
    state: str
    fields: dict[str, list[SentenceReview]]
    etag: str

    @property
    def progress(self) -> tuple[int, int]:
        """(reviewed, to review): sentences served as written are not counted."""
        sentences = [s for field in self.fields.values() for s in field if s.state != "kept"]
        return sum(s.state == "reviewed" for s in sentences), len(sentences)

    def to_dict(self) -> dict[str, object]:
        done, total = self.progress
        return {
            "id": self.article_id,
            "revision": self.revision,
            "locale": self.locale,
            "state": self.state,
            "progress": {"reviewed": done, "total": total},
            "fields": {
                name: [sentence.to_dict() for sentence in sentences]
                for name, sentences in self.fields.items()
            },
        }


@dataclass(frozen=True, slots=True)
class Edit:
    """A reviewer's text for sentence ``index`` of ``field``."""

    field: str
    index: int
    text: str


def sentence_state(index: MemoryIndex, sentence: str, lang: str, target: str) -> str:
    """``reviewed`` (the memory has it), ``kept`` (already in ``target``) or ``machine``."""
    if index.exact(sentence, lang, target) is not None:
        return "reviewed"
    return "kept" if same_language(lang, target) else "machine"


def locale_state(reviewed: int, total: int, changed_since_review: bool) -> str:
    if reviewed == 0:
        return "machine"
    if reviewed == total:
        return "reviewed"
    return "needs-review" if changed_since_review else "partly-reviewed"


class ArticleReview:
    """Review views and saves for articles, over the translator, the memory and the database."""

    def __init__(
        self,
        database: Database,
        translator: Callable[[], ContentTranslator],
        known: Callable[[], KnownTranslations],
        memory: Callable[[], MemoryStore],
    ) -> None:
        self.database = database
        self._translator = translator
        self._known = known
        self._memory = memory

    def state(self, article: Article, locale: str) -> str:
        """The locale's review state, without translating (memory lookups only)."""
        translator = self._translator()
        target = translator.resolve_target(locale).lang
        index = self._known().snapshot().memory_index
        sentences = [s for _, found in article_sentences(article.content) for s in found]
        states = [
            sentence_state(index, sentence, _language(translator, sentence), target)
            for sentence in sentences
        ]
        done, kept = states.count("reviewed"), states.count("kept")
        last = self._last_review(article.id, target)
        changed = last is not None and last < article.revision
        return locale_state(done, len(states) - kept, changed)

    def view(self, article: Article, locale: str) -> ReviewView:
        """The review view of ``article`` (its current revision) in ``locale``."""
        translator = self._translator()
        target = translator.resolve_target(locale)
        fields = list(article_sentences(article.content))
        items = [Item(sentence) for _, sentences in fields for sentence in sentences]
        machine = self._translate(translator, items, target, memory=False)
        current = self._translate(translator, items, target, memory=True)
        snapshot = self._known().snapshot()
        index = snapshot.memory_index
        similar = self._known().suggestion_index()
        reviewed: dict[str, list[SentenceReview]] = {}
        position = 0
        for name, sentences in fields:
            rows = []
            for number, sentence in enumerate(sentences):
                lang = _language(translator, sentence)
                state = sentence_state(index, sentence, lang, target.lang)
                terms = tuple(
                    {"id": hit.entry, "term": hit.term, "translation": hit.output}
                    for hit in snapshot.terms(sentence, lang, target.lang)
                )
                suggestions = tuple(
                    match.to_dict()
                    for match in fuzzy_matches(similar, sentence, target.lang, 3, source=lang)
                )
                rows.append(
                    SentenceReview(
                        number,
                        sentence,
                        machine[position],
                        current[position],
                        state,
                        terms,
                        suggestions,
                        lang,
                    )
                )
                position += 1
            reviewed[name] = rows
        last = self._last_review(article.id, target.lang)
        changed = last is not None and last < article.revision
        view = ReviewView(article.id, article.revision, target.lang, "", reviewed, "")
        state = locale_state(*view.progress, changed)
        return replace(view, state=state, etag=_etag(article, reviewed))

    @staticmethod
    def _translate(
        translator: ContentTranslator,
        items: Sequence[Item],
        target: Target,
        memory: bool,
    ) -> list[str]:
        if not items:
            return []
        results = translator.translate(
            items, target, keep_unroutable=True, priority=Priority.INTERACTIVE, memory=memory
        )
        return [result.translation for result in results]

    def save(
        self, article: Article, locale: str, etag: str, edits: Sequence[Edit], reviewer: str
    ) -> ReviewView:
        """Store ``edits`` as reviewed memory units if ``etag`` is current; the new view."""
        view = self.view(article, locale)
        if etag != view.etag:
            raise ReviewConflict(view.etag)
        units = []
        for edit in edits:
            rows = view.fields.get(edit.field)
            if rows is None or not 0 <= edit.index < len(rows):
                raise UnknownSentence(edit.field, edit.index)
            source = _language(self._translator(), rows[edit.index].source)
            units.append(
                MemoryUnit(
                    source, view.locale, rows[edit.index].source, edit.text, "review", reviewer
                )
            )
        with self.database.session() as session:
            self._memory().add(units, session)
            row = session.get(ReviewRow, (article.id, view.locale))
            now = datetime.now(UTC)
            if row is None:
                session.add(
                    ReviewRow(
                        article_id=article.id,
                        locale=view.locale,
                        revision=article.revision,
                        reviewed_by=reviewer[:100],
                        reviewed_at=now,
                    )
                )
            else:
                row.revision, row.reviewed_by, row.reviewed_at = article.revision, reviewer, now
        return self.view(article, locale)

    def _last_review(self, article_id: str, locale: str) -> int | None:
        with self.database.session() as session:
            row = session.get(ReviewRow, (article_id, locale))
            return None if row is None else row.revision


def _language(translator: ContentTranslator, sentence: str) -> str:
    return sentence_language(sentence, translator.detect_languages)


def _etag(article: Article, fields: Mapping[str, list[SentenceReview]]) -> str:
    state = [article.id, article.revision, {k: [s.text for s in v] for k, v in fields.items()}]
    digest = hashlib.sha256(json.dumps(state, ensure_ascii=False).encode("utf-8")).hexdigest()
    return digest[:32]
