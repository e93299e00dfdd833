"""The matrix-language rule for a sentence that mixes CJK characters and alphabetic words.

The language whose grammar carries the sentence wins the whole sentence, so English words,
acronyms, brands and URLs inside a Chinese sentence stay Chinese ("此网站使用 cookie",
"由 AI 报道"), and a Chinese word quoted in an English sentence stays English.

Scores:
* CJK: a Han character carries about as much as three Latin letters, a kana or Hangul
  syllable about two. The score triples when the sentence starts with a CJK letter (the subject
  and verb come first) and grows by half when it ends with one or with a full-width terminator
  (not with an ASCII . ! ?). It drops to a third when the sentence opens with alphabetic grammar
  (two or more unquoted words before the first CJK character, one of them all lowercase: "The
  app supports 简体中文"), and halves when every CJK character sits inside quotes or brackets.
* Alphabetic: letters of lowercase words count fully; capitalised words, acronyms and
  CamelCase brands (names, "AI", "iPhone": any word with a capital) count 0.4, since they are
  what a CJK sentence borrows. URLs and e-mail addresses count nothing.
The CJK reading wins when its score is strictly higher.

A line that pairs a phrase with its translation ("Related articles 相关文章") is not one mixed
sentence: ``bilingual`` splits it in two before this rule runs.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .scripts import ALPHA_WORD_RE, CJK_RE, LETTER_RE, ScriptCounts, count_scripts, is_cjk

HAN_WEIGHT = 3.0
SYLLABLE_WEIGHT = 2.0  # kana, Hangul
BORROWED_WEIGHT = 0.4  # capitalised words and acronyms
START_BONUS = 3.0
END_BONUS = 1.5
ALPHA_START_PENALTY = 1 / 3
QUOTED_PENALTY = 0.5

_URL_RE = re.compile(
    r"(?:https?://|www\.)[\x21-\x7e]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"
)
QUOTED_RE = re.compile(
    r'"[^"\n]*"|“[^”\n]*”|‘[^’\n]*’|「[^」\n]*」|『[^』\n]*』|《[^》\n]*》|\([^)\n]*\)|（[^）\n]*）'
    r"|\[[^\]\n]*\]|【[^】\n]*】"
)
FULL_WIDTH_END = "。！？；｡"
TRAILING = "\"'”’」』）)]》】 \t"


class MatrixDecision(NamedTuple):
    """Outcome for one mixed sentence; ``share`` is the winning side's share of both scores."""

    cjk: bool
    counts: ScriptCounts
    share: float


def cjk_weight(counts: ScriptCounts) -> float:
    """Information weight of the CJK letters, in Latin-letter equivalents."""
    return HAN_WEIGHT * counts.han + SYLLABLE_WEIGHT * (counts.kana + counts.hangul)


def alpha_weight(sentence: str) -> float:
    """Weight of the alphabetic words: lowercase words fully, words with a capital 0.4."""
    return sum(
        len(w) if w.islower() else BORROWED_WEIGHT * len(w) for w in ALPHA_WORD_RE.findall(sentence)
    )


def mask_addresses(sentence: str) -> str:
    """``sentence`` with URLs and e-mail addresses blanked (same length), as they weigh nothing."""
    if "@" in sentence or "www." in sentence or "://" in sentence:
        return _URL_RE.sub(lambda m: " " * len(m.group()), sentence)
    return sentence


def decide(text: str, start: int, end: int) -> MatrixDecision:
    """Decide whether ``text[start:end]`` (which holds CJK characters) is a CJK sentence."""
    sentence = mask_addresses(text[start:end])
    counts = count_scripts(sentence)
    raw_cjk = cjk_weight(counts)
    if counts.alpha == 0:
        return MatrixDecision(True, counts, 1.0)
    alpha_score = alpha_weight(sentence)
    first = LETTER_RE.search(sentence)
    starts_cjk = first is not None and is_cjk(first.group())
    score = raw_cjk * (START_BONUS if starts_cjk else 1.0)
    if _ends_cjk(sentence):
        score *= END_BONUS
    if not starts_cjk:
        if _opens_with_alpha_grammar(sentence):
            score *= ALPHA_START_PENALTY
        if CJK_RE.search(QUOTED_RE.sub(" ", sentence)) is None:
            score *= QUOTED_PENALTY
    is_cjk_sentence = score > alpha_score
    total = score + alpha_score
    share = (score if is_cjk_sentence else alpha_score) / total if total else 1.0
    return MatrixDecision(is_cjk_sentence, counts, share)


def _opens_with_alpha_grammar(sentence: str) -> bool:
    """Two or more unquoted words before the first CJK character, one of them all lowercase."""
    first_cjk = CJK_RE.search(sentence)
    head = QUOTED_RE.sub(" ", sentence[: first_cjk.start() if first_cjk else len(sentence)])
    words = ALPHA_WORD_RE.findall(head)
    return len(words) >= 2 and any(word.islower() for word in words)


def _ends_cjk(sentence: str) -> bool:
    tail = sentence.rstrip(TRAILING)
    if tail and tail[-1] in FULL_WIDTH_END:
        return True
    if tail and tail[-1] in ".!?":
        return False
    for char in reversed(tail):
        if char.isalpha():
            return is_cjk(char)
    return False
