"""What the benchmarks compare Mixlate with: raw CTranslate2, and argostranslate as
LibreTranslate runs it (one translate call per text; its sentence splitters need a download,
so each translation gets a trivial one instead).
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import ctranslate2
from argostranslate.tokenizer import Tokenizer

from service.engine import InstalledModel, TranslationEngine
from service.engine.batching import detokenize, translate_tokens
from service.runtime import Runtime

_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s*")


class RecordingEngine:
    """The real engine, remembering each hop it was asked to translate (to replay them raw)."""

    def __init__(self, engine: TranslationEngine) -> None:
        self.engine = engine
        self.batches: list[tuple[str, str, list[str]]] = []

    def __getattr__(self, name: str) -> object:
        return getattr(self.engine, name)

    def translate_hop(
        self, model: InstalledModel, sentences: Sequence[str], *args: object
    ) -> list[str]:
        self.batches.append((model.source, model.target, list(sentences)))
        return self.engine.translate_hop(model, sentences, *args)


def raw_batches(runtime: Runtime, batches: list[tuple[str, str, list[str]]]) -> float:
    """Time the recorded batches through ctranslate2 directly (tokenize, decode, detokenize)."""
    engine = runtime.engine
    loaded = []
    for source, target, sentences in batches:
        model = engine.route(source, target).models[0]
        with engine.pool.lease(model) as lease:
            loaded.append((lease, [s for s in dict.fromkeys(sentences) if s.strip()]))
    started = time.perf_counter()
    for lease, sentences in loaded:
        prefix = lease.model.target_prefix
        tokens = [lease.tokenizer.encode(s) for s in sentences]
        for result in translate_tokens(
            lease.translator, tokens, runtime.settings.beam_size, prefix
        ):
            detokenize(lease.tokenizer, result, prefix)
    return time.perf_counter() - started


class _TrivialSplitter:
    def split_sentences(self, text: str) -> list[str]:
        return [s for s in _SENTENCE_END.split(text) if s.strip()]


def _use_trivial_splitter(translation: object) -> None:
    for part in (translation, getattr(translation, "t1", None), getattr(translation, "t2", None)):
        if part is not None and hasattr(part, "sentencizer"):
            part.sentencizer = _TrivialSplitter()
        if part is not None and hasattr(part, "underlying"):
            _use_trivial_splitter(part.underlying)


def argos_translations(models_dir: Path, beam_size: int, pairs: set[tuple[str, str]]) -> dict:
    """argostranslate's loaded translation for each (from, to) Argos code pair, warmed up."""
    from argostranslate import settings as argos_settings
    from argostranslate import translate as argos

    argos_settings.package_dirs = [models_dir]
    argos_settings.beam_size = beam_size
    argos.get_installed_languages.cache_clear()
    argos.installed_translates.clear()
    translations = {}
    for source, target in pairs:
        translation = argos.get_translation_from_codes(source, target)
        _use_trivial_splitter(translation)
        translation.translate("warm up the model")
        translations[(source, target)] = translation
    argos.installed_translates.clear()
    return translations


def batching_gain(
    runtime: Runtime, work: list[tuple[str, str, str]], clients: int
) -> tuple[float, float]:
    """What batching alone can save on this machine, in raw CTranslate2 configured as
    argostranslate configures it (one replica, every core on each batch): seconds for
    ``work`` (source, target, paragraph) translated per paragraph from ``clients`` threads,
    and as one batch per model, each paragraph cut into sentences as argostranslate is here.

    The ratio bounds "argostranslate vs the burst": both decode about the same tokens on the
    same cores, so the burst can beat argostranslate by little more than this (its Python
    and sentence splitting aside).
    """
    engine = runtime.engine
    beam = runtime.settings.beam_size
    loaded: dict[tuple[str, str], tuple[ctranslate2.Translator, Tokenizer, str]] = {}
    jobs = []
    for source, target, paragraph in work:
        if (source, target) not in loaded:
            model = engine.route(source, target).models[0]
            with engine.pool.lease(model) as lease:
                tokenizer = lease.tokenizer
            translator = ctranslate2.Translator(
                str(model.path / "model"), compute_type=runtime.settings.compute_type
            )
            loaded[(source, target)] = (translator, tokenizer, model.target_prefix)
        translator, tokenizer, prefix = loaded[(source, target)]
        sentences = [tokenizer.encode(s) for s in _SENTENCE_END.split(paragraph) if s.strip()]
        jobs.append(((source, target), sentences))
    for translator, tokenizer, prefix in loaded.values():  # warm up
        translate_tokens(translator, [tokenizer.encode("warm up")], beam, prefix)

    def run(pair: tuple[str, str], sentences: list[list[str]]) -> None:
        translator, _, prefix = loaded[pair]
        translate_tokens(translator, sentences, beam, prefix)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as threads:
        for future in [threads.submit(run, pair, sentences) for pair, sentences in jobs]:
            future.result()
    per_paragraph = time.perf_counter() - started
    started = time.perf_counter()
    for pair in loaded:
        run(pair, [tokens for other, sentences in jobs if other == pair for tokens in sentences])
    return per_paragraph, time.perf_counter() - started
