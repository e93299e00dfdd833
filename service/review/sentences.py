"""The translatable sentences of an article's fields, in page order, and the language of a
sentence (pure)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from service.articles.localize import article_texts
from service.articles.model import ArticleContent
from service.detection import UNDETERMINED, detect_segments, language_shares
from service.translation.html_text import HtmlDocument
from service.translation.protect import translatable_pieces
from service.translation.translator import sentence_spans


def field_name(path: tuple[str | int, ...]) -> str:
    """``("related", 2, "title")`` → ``"related.2.title"``."""
    return ".".join(str(part) for part in path)


def text_sentences(text: str) -> list[str]:
    """The sentences of a plain text, line by line; those without a letter are left out."""
    found = []
    position = 0
    for line in text.splitlines(keepends=True):
        start, end = position, position + len(line.rstrip("\r\n"))
        position += len(line)
        for first, last in sentence_spans(text, start, end):
            sentence = text[first:last].strip()
            if sentence and translatable_pieces(sentence):
                found.append(sentence)
    return found


def article_sentences(content: ArticleContent) -> Iterator[tuple[str, list[str]]]:
    """(field name, its sentences) for every field with something to translate.

    An HTML body gives the sentences of its text runs; the author is a name, not reviewed.
    """
    for path, text, fmt in article_texts(content):
        if fmt == "name" or not text.strip():
            continue
        runs = [run.text for run in HtmlDocument.parse(text).runs] if fmt == "html" else [text]
        sentences = [sentence for run in runs for sentence in text_sentences(run)]
        if sentences:
            yield field_name(path), sentences


def sentence_language(sentence: str, languages: Sequence[str]) -> str:
    """The language most of ``sentence`` is in (detected among ``languages``), or ``und``.

    This is the source a memory unit made from the sentence is stored under, and the one its
    exact lookup needs.
    """
    shares = language_shares(sentence, detect_segments(sentence, languages))
    known = {lang: share for lang, share in shares.items() if lang != UNDETERMINED}
    return max(known, key=known.__getitem__) if known else UNDETERMINED
