"""BPE codes for a test package's ``bpe.model``, learned offline the subword-nmt way.

The text is normalized and tokenized with sacremoses exactly as argostranslate's
``BPETokenizer`` does before it applies the codes, so the vocabulary matches what it produces.
"""

from __future__ import annotations

import io
from collections import Counter, defaultdict

from argostranslate.apply_bpe import BPE
from sacremoses.normalize import MosesPunctNormalizer
from sacremoses.tokenize import MosesTokenizer

SPECIALS = ["<unk>", "<s>", "</s>"]


def moses_words(lines: list[str], code: str) -> Counter[str]:
    """Word counts after argostranslate's normalization and Moses tokenization."""
    normalizer, tokenizer = MosesPunctNormalizer(code), MosesTokenizer(code)
    return Counter(w for line in lines for w in tokenizer.tokenize(normalizer.normalize(line)))


def _merge(symbols: tuple[str, ...], pair: tuple[str, str]) -> tuple[str, ...]:
    merged, i = [], 0
    while i < len(symbols):
        if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == pair:
            merged.append(symbols[i] + symbols[i + 1])
            i += 2
        else:
            merged.append(symbols[i])
            i += 1
    return tuple(merged)


def learn_codes(words: Counter[str], merges: int) -> str:
    """The text of a version 0.2 codes file with up to ``merges`` merges (ties broken stably).

    Pair counts are updated only for the words a merge touches, as subword-nmt does.
    """
    entries = [(tuple(w[:-1]) + (w[-1] + "</w>",), n) for w, n in sorted(words.items()) if w]
    counts: Counter[tuple[str, str]] = Counter()
    where: defaultdict[tuple[str, str], set[int]] = defaultdict(set)

    def account(index: int, sign: int) -> None:
        symbols, count = entries[index]
        for pair in zip(symbols, symbols[1:], strict=False):
            counts[pair] += sign * count
            if sign > 0:
                where[pair].add(index)

    for index in range(len(entries)):
        account(index, 1)
    codes = []
    for _ in range(merges):
        live = [pair for pair, count in counts.items() if count > 0]
        if not live:
            break
        best = max(live, key=lambda pair: (counts[pair], pair))
        codes.append(best)
        for index in sorted(where.pop(best)):
            account(index, -1)
            entries[index] = (_merge(entries[index][0], best), entries[index][1])
            account(index, 1)
    return "#version: 0.2\n" + "".join(f"{a} {b}\n" for a, b in codes)


def vocabulary(codes: str, words: Counter[str]) -> list[str]:
    """Every subword the codes produce for ``words``, plus each character alone or continued."""
    bpe = BPE(io.StringIO(codes))
    pieces = set(bpe.segment_tokens(sorted(words)))
    characters = {c for word in words for c in word}
    pieces |= characters | {c + "@@" for c in characters}
    return SPECIALS + sorted(pieces - set(SPECIALS))
