"""The translation engine: installed Argos packages, CTranslate2 translators, cache, routing."""

from service.engine.batching import (
    MAX_DECODING_LENGTH,
    decoding_bound,
    detokenize,
    translate_sentences,
    translate_tokens,
)
from service.engine.cache import TranslationCache, cache_key
from service.engine.engine import EngineStats, Route, TranslationEngine
from service.engine.errors import (
    DownloadFailed,
    EngineError,
    IndexUnreachable,
    ModelNotInstalled,
    PackageError,
    UnknownPair,
)
from service.engine.index import PIVOT, PackageIndex, download, package_pair
from service.engine.install import InstallOutcome, install_pair
from service.engine.packages import InstalledModel, ModelRegistry, language_tag
from service.engine.pool import LoadedModel, TranslatorPool

__all__ = [
    "MAX_DECODING_LENGTH",
    "PIVOT",
    "DownloadFailed",
    "EngineError",
    "EngineStats",
    "IndexUnreachable",
    "InstallOutcome",
    "InstalledModel",
    "LoadedModel",
    "ModelNotInstalled",
    "ModelRegistry",
    "PackageError",
    "PackageIndex",
    "Route",
    "TranslationCache",
    "TranslationEngine",
    "TranslatorPool",
    "UnknownPair",
    "cache_key",
    "decoding_bound",
    "detokenize",
    "download",
    "install_pair",
    "language_tag",
    "package_pair",
    "translate_sentences",
    "translate_tokens",
]
