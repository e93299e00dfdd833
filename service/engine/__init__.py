"""The translation engine: installed Argos packages, CTranslate2 translators, cache, routing."""

from service.engine.batching import (
    MAX_DECODING_LENGTH,
    decoding_bound,
    detokenize,
    translate_tokens,
)
from service.engine.cache import TranslationCache, cache_key
from service.engine.engine import EngineStats, Route, TranslationEngine
from service.engine.errors import (
    CallerGone,
    DeadlineExceeded,
    DownloadFailed,
    EngineError,
    IndexUnreachable,
    ModelNotInstalled,
    Overloaded,
    PackageError,
    QueueFull,
    SchedulerClosed,
    TranslationCancelled,
    UnknownPair,
)
from service.engine.index import PIVOT, PackageIndex, download, package_pair
from service.engine.install import InstallOutcome, install_pair
from service.engine.packages import InstalledModel, ModelRegistry, language_tag
from service.engine.pool import LoadedModel, TranslatorPool
from service.engine.scheduler import ModelScheduler, Priority, SchedulerStats, watching_caller

__all__ = [
    "MAX_DECODING_LENGTH",
    "PIVOT",
    "CallerGone",
    "DeadlineExceeded",
    "DownloadFailed",
    "EngineError",
    "EngineStats",
    "IndexUnreachable",
    "InstallOutcome",
    "InstalledModel",
    "LoadedModel",
    "ModelNotInstalled",
    "ModelRegistry",
    "ModelScheduler",
    "Overloaded",
    "PackageError",
    "PackageIndex",
    "Priority",
    "QueueFull",
    "Route",
    "SchedulerClosed",
    "SchedulerStats",
    "TranslationCache",
    "TranslationCancelled",
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
    "translate_tokens",
    "watching_caller",
]
