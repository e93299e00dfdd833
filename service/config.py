"""Settings read once from MIXLATE_* environment variables, validated, with sane defaults."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

DEVICES = ("cpu", "cuda", "auto")
CATALOG_STORES = ("auto", "files", "database")


MULTIPROCESS_DIR_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"
"""prometheus_client's folder for metrics shared by worker processes (set by mixlate serve)."""


class ConfigError(ValueError):
    """A MIXLATE_* variable holds a value that cannot be used."""


def _int(env: Mapping[str, str], name: str, default: int, minimum: int = 0) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from exc
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, got {value}")
    return value


def _choice(env: Mapping[str, str], name: str, default: str, choices: tuple[str, ...]) -> str:
    raw = env.get(name) or default
    if raw not in choices:
        raise ConfigError(f"{name} must be one of {', '.join(choices)}, got {raw!r}")
    return raw


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = (env.get(name) or "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{name} must be 1 or 0 (true or false), got {raw!r}")


def _list(env: Mapping[str, str], name: str, default: tuple[str, ...]) -> tuple[str, ...]:
    raw = env.get(name)
    if not raw:
        return default
    return tuple(item.strip() for item in raw.split(",") if item.strip())


@dataclass(frozen=True)
class Settings:
    """Everything the service can be configured with; see the README for each variable."""

    data_dir: Path
    models_dir: Path
    locales_dir: Path
    database_url: str
    catalog_store: str = "auto"  # auto: in the database on PostgreSQL, else files
    catalog_recheck_ms: int = 1000  # how stale a process's view of catalogs edited elsewhere may be
    max_request_bytes: int = 2 * 1024 * 1024
    max_text_chars: int = 100_000
    max_batch_texts: int = 200
    ct2_inter_threads: int = 0  # 0: one replica (and one batch loop) per core
    ct2_intra_threads: int = 1
    decode_nice: int = 10  # CTranslate2 threads yield the cores to request handling (Linux)
    device: str = "cpu"
    compute_type: str = "auto"
    batch_max_tokens: int = 2048
    batch_wait_ms: int = 5
    queue_max_tokens: int = 20_000
    translate_timeout_seconds: int = 120
    beam_size: int = 2
    model_idle_seconds: int = 900
    detect_languages: tuple[str, ...] = ("en", "fr", "de", "es", "pt", "it")
    # The reader page's cookie banner; its link appears only when a privacy URL is configured.
    cookie_banner: bool = True
    privacy_url: str | None = None
    server_workers: int = 1
    server_threads: int = 32
    package_index: str = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
    files_ttl_seconds: int = 3600
    # Files up to both sync limits are translated at once; larger ones, up to both max
    # limits, as a background job (LibreTranslate's /translate_file waits for it).
    files_max_bytes: int = 32 * 1024 * 1024
    files_sync_max_bytes: int = 2 * 1024 * 1024
    files_max_zip_entries: int = 1000
    files_max_unzipped_bytes: int = 64 * 1024 * 1024
    files_max_chars: int = 2_000_000
    files_sync_max_chars: int = 100_000
    require_api_key: bool = False
    require_api_key_origins: tuple[str, ...] = ()
    req_limit_minute: int = 0
    req_limit_hour: int = 0
    req_limit_day: int = 0
    limits_storage_url: str = "memory://"
    cors_origins: tuple[str, ...] = ("*",)
    cors_write_origins: tuple[str, ...] = ()
    suggestions: bool = False
    metrics_token: str = ""
    broker_url: str = ""  # empty: jobs run in-process on a thread pool
    broker_visibility_seconds: int = 3600
    queue_prefix: str = "mixlate"  # sites sharing a broker each take their own
    job_workers: int = 2
    job_chunk_items: int = 16
    job_lease_seconds: int = 60
    job_max_items: int = 10_000
    article_locales: tuple[str, ...] = ()
    refresh_check_seconds: int = 5  # 0: stale article translations are only remade on read
    callback_secret: str = ""
    callback_attempts: int = 5
    callback_backoff_ms: int = 1000
    callback_allow_private: bool = False  # loopback, private and link-local receivers
    callback_allow_hosts: tuple[str, ...] = ()  # host names, addresses or CIDR networks

    def with_overrides(self, **changes: object) -> Settings:
        """A copy with some fields replaced (used by tests and the CLI)."""
        return replace(self, **changes)


def catalogs_in_database(settings: Settings) -> bool:
    """Whether catalogs live in the database (shared by nodes) rather than in locales_dir."""
    if settings.catalog_store == "auto":
        return settings.database_url.startswith("postgresql")
    return settings.catalog_store == "database"


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Build Settings from the environment (os.environ by default)."""
    env = os.environ if env is None else env
    data_dir = Path(env.get("MIXLATE_DATA_DIR") or "./data").resolve()
    models_dir = Path(env.get("MIXLATE_MODELS_DIR") or data_dir / "models").resolve()
    locales_dir = Path(env.get("MIXLATE_LOCALES_DIR") or "./locales").resolve()
    database_url = env.get("MIXLATE_DATABASE_URL") or f"sqlite:///{data_dir / 'mixlate.db'}"
    return Settings(
        data_dir=data_dir,
        models_dir=models_dir,
        locales_dir=locales_dir,
        database_url=database_url,
        catalog_store=_choice(env, "MIXLATE_CATALOG_STORE", Settings.catalog_store, CATALOG_STORES),
        catalog_recheck_ms=_int(env, "MIXLATE_CATALOG_RECHECK_MS", Settings.catalog_recheck_ms, 0),
        max_request_bytes=_int(env, "MIXLATE_MAX_REQUEST_BYTES", Settings.max_request_bytes, 1024),
        max_text_chars=_int(env, "MIXLATE_MAX_TEXT_CHARS", Settings.max_text_chars, 1),
        max_batch_texts=_int(env, "MIXLATE_MAX_BATCH_TEXTS", Settings.max_batch_texts, 1),
        ct2_inter_threads=_int(env, "MIXLATE_CT2_INTER_THREADS", Settings.ct2_inter_threads, 0),
        ct2_intra_threads=_int(env, "MIXLATE_CT2_INTRA_THREADS", Settings.ct2_intra_threads, 0),
        decode_nice=_int(env, "MIXLATE_DECODE_NICE", Settings.decode_nice, 0),
        device=_choice(env, "MIXLATE_DEVICE", Settings.device, DEVICES),
        compute_type=env.get("MIXLATE_COMPUTE_TYPE") or Settings.compute_type,
        batch_max_tokens=_int(env, "MIXLATE_BATCH_MAX_TOKENS", Settings.batch_max_tokens, 16),
        batch_wait_ms=_int(env, "MIXLATE_BATCH_WAIT_MS", Settings.batch_wait_ms, 0),
        queue_max_tokens=_int(env, "MIXLATE_QUEUE_MAX_TOKENS", Settings.queue_max_tokens, 1),
        translate_timeout_seconds=_int(
            env, "MIXLATE_TRANSLATE_TIMEOUT_SECONDS", Settings.translate_timeout_seconds, 1
        ),
        beam_size=_int(env, "MIXLATE_BEAM_SIZE", Settings.beam_size, 1),
        model_idle_seconds=_int(env, "MIXLATE_MODEL_IDLE_SECONDS", Settings.model_idle_seconds, 1),
        detect_languages=_list(env, "MIXLATE_DETECT_LANGUAGES", Settings.detect_languages),
        cookie_banner=_bool(env, "MIXLATE_COOKIE_BANNER", Settings.cookie_banner),
        privacy_url=env.get("MIXLATE_PRIVACY_URL") or None,
        server_workers=_int(env, "MIXLATE_WORKERS", Settings.server_workers, 1),
        server_threads=_int(env, "MIXLATE_THREADS", Settings.server_threads, 1),
        package_index=env.get("ARGOS_PACKAGE_INDEX") or Settings.package_index,
        require_api_key=_bool(env, "MIXLATE_REQUIRE_API_KEY", Settings.require_api_key),
        require_api_key_origins=_list(
            env, "MIXLATE_REQUIRE_API_KEY_ORIGIN", Settings.require_api_key_origins
        ),
        req_limit_minute=_int(env, "MIXLATE_REQ_LIMIT", Settings.req_limit_minute, 0),
        req_limit_hour=_int(env, "MIXLATE_HOURLY_REQ_LIMIT", Settings.req_limit_hour, 0),
        req_limit_day=_int(env, "MIXLATE_DAILY_REQ_LIMIT", Settings.req_limit_day, 0),
        limits_storage_url=env.get("MIXLATE_LIMITS_STORAGE_URL") or Settings.limits_storage_url,
        cors_origins=_list(env, "MIXLATE_CORS_ORIGINS", Settings.cors_origins),
        cors_write_origins=_list(env, "MIXLATE_CORS_WRITE_ORIGINS", Settings.cors_write_origins),
        suggestions=_bool(env, "MIXLATE_SUGGESTIONS", Settings.suggestions),
        metrics_token=env.get("MIXLATE_METRICS_TOKEN") or Settings.metrics_token,
        files_ttl_seconds=_int(env, "MIXLATE_FILES_TTL_SECONDS", Settings.files_ttl_seconds, 1),
        files_max_bytes=_int(env, "MIXLATE_FILES_MAX_BYTES", Settings.files_max_bytes, 1),
        files_max_zip_entries=_int(
            env, "MIXLATE_FILES_MAX_ZIP_ENTRIES", Settings.files_max_zip_entries, 1
        ),
        files_max_unzipped_bytes=_int(
            env, "MIXLATE_FILES_MAX_UNZIPPED_BYTES", Settings.files_max_unzipped_bytes, 1
        ),
        files_max_chars=_int(env, "MIXLATE_FILES_MAX_CHARS", Settings.files_max_chars, 1),
        files_sync_max_bytes=_int(
            env, "MIXLATE_FILES_SYNC_MAX_BYTES", Settings.files_sync_max_bytes, 1
        ),
        files_sync_max_chars=_int(
            env, "MIXLATE_FILES_SYNC_MAX_CHARS", Settings.files_sync_max_chars, 1
        ),
        broker_url=env.get("MIXLATE_BROKER_URL") or Settings.broker_url,
        broker_visibility_seconds=_int(
            env, "MIXLATE_BROKER_VISIBILITY_SECONDS", Settings.broker_visibility_seconds, 1
        ),
        queue_prefix=env.get("MIXLATE_QUEUE_PREFIX") or Settings.queue_prefix,
        job_workers=_int(env, "MIXLATE_JOB_WORKERS", Settings.job_workers, 1),
        job_chunk_items=_int(env, "MIXLATE_JOB_CHUNK_ITEMS", Settings.job_chunk_items, 1),
        job_lease_seconds=_int(env, "MIXLATE_JOB_LEASE_SECONDS", Settings.job_lease_seconds, 1),
        job_max_items=_int(env, "MIXLATE_JOB_MAX_ITEMS", Settings.job_max_items, 1),
        article_locales=_list(env, "MIXLATE_ARTICLE_LOCALES", Settings.article_locales),
        refresh_check_seconds=_int(
            env, "MIXLATE_REFRESH_CHECK_SECONDS", Settings.refresh_check_seconds, 0
        ),
        callback_secret=env.get("MIXLATE_CALLBACK_SECRET") or Settings.callback_secret,
        callback_attempts=_int(env, "MIXLATE_CALLBACK_ATTEMPTS", Settings.callback_attempts, 1),
        callback_backoff_ms=_int(
            env, "MIXLATE_CALLBACK_BACKOFF_MS", Settings.callback_backoff_ms, 0
        ),
        callback_allow_private=_bool(
            env, "MIXLATE_CALLBACK_ALLOW_PRIVATE", Settings.callback_allow_private
        ),
        callback_allow_hosts=_list(
            env, "MIXLATE_CALLBACK_ALLOW_HOSTS", Settings.callback_allow_hosts
        ),
    )
