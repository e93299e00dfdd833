"""Translating a batch of tokenized sentences with one model in one ``translate_batch`` call.

Tokenization, ``target_prefix`` and detokenization follow argostranslate's
``apply_packaged_translation``; every decode is bounded by the length of the longest source.
"""

from __future__ import annotations

from collections.abc import Sequence

import ctranslate2
from argostranslate.tokenizer import Tokenizer

MAX_BATCH_TOKENS = 2048
MAX_DECODING_LENGTH = 512
LENGTH_PENALTY = 0.2  # as argostranslate


def decoding_bound(longest_source: int) -> int:
    """The most target tokens a source of ``longest_source`` tokens may decode to."""
    return min(2 * longest_source + 10, MAX_DECODING_LENGTH)


def translate_tokens(
    translator: ctranslate2.Translator,
    sources: Sequence[list[str]],
    beam_size: int,
    target_prefix: str = "",
    positions: int | None = None,
) -> list[list[str]]:
    """Target tokens (without the prefix) for each tokenized source, in input order.

    ``positions`` (the model's) caps the decoding bound, which may not outgrow the model.
    """
    found = translate_hypotheses(translator, sources, beam_size, 1, target_prefix, positions)
    return [hypotheses[0] for hypotheses in found]


def translate_hypotheses(
    translator: ctranslate2.Translator,
    sources: Sequence[list[str]],
    beam_size: int,
    count: int,
    target_prefix: str = "",
    positions: int | None = None,
) -> list[list[list[str]]]:
    """The ``count`` best hypotheses (target tokens, best first) of each tokenized source."""
    if not sources:
        return []
    prefix = [target_prefix] if target_prefix else []
    bound = decoding_bound(max(map(len, sources))) + len(prefix)
    results = translator.translate_batch(
        list(sources),
        target_prefix=[prefix] * len(sources) if prefix else None,
        max_batch_size=MAX_BATCH_TOKENS,
        batch_type="tokens",
        beam_size=max(beam_size, count),
        num_hypotheses=count,
        length_penalty=LENGTH_PENALTY,
        replace_unknowns=True,
        max_decoding_length=min(bound, positions - 1) if positions else bound,
    )
    return [
        [
            tokens[len(prefix) :] if tokens[: len(prefix)] == prefix else tokens
            for tokens in r.hypotheses
        ]
        for r in results
    ]


def detokenize(tokenizer: Tokenizer, tokens: list[str], target_prefix: str = "") -> str:
    """Target tokens back to text, as argostranslate does it."""
    value = tokenizer.decode(tokens)
    if target_prefix and value.startswith(target_prefix):
        value = value[len(target_prefix) :]
    return value[1:] if value.startswith(" ") else value
