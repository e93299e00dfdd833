"""The tables of the service's database (SQLAlchemy 2 declarative models).

The schema itself is created and changed only by the Alembic migrations beside this module;
a new table here needs a new migration in ``migrations/versions``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Declarative base of every table."""


class CachedTranslation(Base):
    """One translated sentence, keyed by a digest of model identity, options and source text."""

    __tablename__ = "translation_cache"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    model: Mapped[str] = mapped_column(String(200))
    output: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ApiToken(Base):
    """A bearer token: only its SHA-256 digest is stored; the token is shown once at creation."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class StoredArticle(Base):
    """An article as its publisher sent it; ``revision`` is bumped by every update."""

    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    body_format: Mapped[str] = mapped_column(String(10))
    captions: Mapped[list] = mapped_column(JSON)
    images: Mapped[list] = mapped_column(JSON, default=list, server_default="[]")
    reactions: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(200))
    related: Mapped[list] = mapped_column(JSON)
    source_url: Mapped[str | None] = mapped_column(Text, nullable=True)
    published_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class StoredArticleTranslation(Base):
    """One article revision translated into one locale (deleted with its article)."""

    __tablename__ = "article_translations"

    article_id: Mapped[str] = mapped_column(
        String(100), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    revision: Mapped[int] = mapped_column(Integer, primary_key=True)
    locale: Mapped[str] = mapped_column(String(35), primary_key=True)
    content: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class CatalogHistoryRow(Base):
    """One entry changed by a catalog write: who, when, old and new value (see catalogs.history).

    Values are a string, or a list of plural forms; ``revision`` is the catalog's revision
    after the write; ``reverts`` is the id of the row a revert undid.
    """

    __tablename__ = "catalog_history"
    __table_args__ = (Index("ix_catalog_history_locale_id", "locale", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    locale: Mapped[str] = mapped_column(String(35))
    msgid: Mapped[str] = mapped_column(Text)
    msgctxt: Mapped[str | None] = mapped_column(Text, nullable=True)
    old_value: Mapped[str | list] = mapped_column(JSON)
    new_value: Mapped[str | list] = mapped_column(JSON)
    old_fuzzy: Mapped[bool] = mapped_column(Boolean)
    new_fuzzy: Mapped[bool] = mapped_column(Boolean)
    author: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(20))
    revision: Mapped[str] = mapped_column(String(40))
    reverts: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ApiKey(Base):
    """A LibreTranslate-style API key (only its digest is stored) with its own limits."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    req_limit: Mapped[int | None] = mapped_column(Integer, nullable=True)
    char_limit: Mapped[int | None] = mapped_column(Integer, nullable=True)
    origin: Mapped[str | None] = mapped_column(String(300), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Suggestion(Base):
    """A translation suggested through ``POST /suggest``, waiting for a localizer's review."""

    __tablename__ = "suggestions"
    __table_args__ = (Index("ix_suggestions_lookup", "state", "target", "source_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_text: Mapped[str] = mapped_column(Text)
    source_hash: Mapped[str] = mapped_column(String(64))
    suggestion: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(35))
    target: Mapped[str] = mapped_column(String(35))
    state: Mapped[str] = mapped_column(String(10), default="pending")
    submitted_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    reviewed_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class KnownRevision(Base):
    """A counter bumped by every write to one store of known translations (glossary, memory).

    Readers on every node compare it with the revision their in-memory index was built from.
    """

    __tablename__ = "known_revisions"

    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)


class GlossaryEntryRow(Base):
    """A term and its translation (or ``do_not_translate``) for one language pair."""

    __tablename__ = "glossary_entries"
    __table_args__ = (Index("ix_glossary_pair", "source", "target"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(35))
    term: Mapped[str] = mapped_column(String(500))
    target: Mapped[str] = mapped_column(String(35))
    translation: Mapped[str | None] = mapped_column(String(500), nullable=True)
    case_sensitive: Mapped[bool] = mapped_column(Boolean)
    whole_word: Mapped[bool] = mapped_column(Boolean)
    do_not_translate: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class MemoryUnitRow(Base):
    """An approved human translation of one sentence: who gave it, where from and when."""

    __tablename__ = "memory_units"
    __table_args__ = (Index("ix_memory_lookup", "target", "source_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(35))
    target: Mapped[str] = mapped_column(String(35))
    source_text: Mapped[str] = mapped_column(Text)
    source_key: Mapped[str] = mapped_column(String(64))
    target_text: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(20))
    author: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class JobRow(Base):
    """A background job: its kind, parameters, state, progress and outcome (see service.jobs).

    ``key`` names what an article job produces (``article:<id>:<revision>:<locale>``) so a
    reader can find the job making the translation it wants. ``lease_owner`` and
    ``lease_until`` say which worker runs it and until when it must renew its claim.
    """

    __tablename__ = "jobs"
    __table_args__ = (
        Index("ix_jobs_state", "state"),
        Index("ix_jobs_key", "key"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    queue: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(10))
    params: Mapped[dict] = mapped_column(JSON)
    key: Mapped[str | None] = mapped_column(String(250), nullable=True)
    owner: Mapped[str | None] = mapped_column(String(100), nullable=True)
    total: Mapped[int] = mapped_column(Integer)
    done: Mapped[int] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    result: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    callback_url: Mapped[str | None] = mapped_column(Text, nullable=True)
    callback_state: Mapped[str | None] = mapped_column(String(10), nullable=True)
    callback_attempts: Mapped[int] = mapped_column(Integer)
    lease_owner: Mapped[str | None] = mapped_column(String(100), nullable=True)
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    runs: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class JobUnitRow(Base):
    """The result of one unit of a job, written once (the key ignores a second write)."""

    __tablename__ = "job_units"

    job_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    result: Mapped[dict] = mapped_column(JSON)
    written_by: Mapped[str] = mapped_column(String(100))


class DocumentFileRow(Base):
    """A translated document, downloadable under its random ``name`` until it expires."""

    __tablename__ = "document_files"
    __table_args__ = (Index("ix_document_files_created_at", "created_at"),)

    name: Mapped[str] = mapped_column(String(140), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class JobUploadRow(Base):
    """The uploaded document a ``document`` job translates (kept until the job finishes)."""

    __tablename__ = "job_uploads"

    job_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True
    )
    filename: Mapped[str] = mapped_column(String(255))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class ArticleReview(Base):
    """The last review of an article's translation into a locale: at which article revision."""

    __tablename__ = "article_reviews"

    article_id: Mapped[str] = mapped_column(
        String(100), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    locale: Mapped[str] = mapped_column(String(35), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)
    reviewed_by: Mapped[str] = mapped_column(String(100))
    reviewed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CatalogDocument(Base):
    """One locale's catalog as its PO text, when catalogs live in the database (catalogs.db_store).

    ``revision`` is the content hash of ``po`` (the catalog's ETag); writes replace a row only
    while it still holds the revision they read (compare-and-swap).
    """

    __tablename__ = "catalog_documents"

    locale: Mapped[str] = mapped_column(String(35), primary_key=True)
    po: Mapped[bytes] = mapped_column(LargeBinary)
    revision: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CatalogTemplate(Base):
    """The ``messages.pot`` template the database catalogs are created from and merged with."""

    __tablename__ = "catalog_templates"

    domain: Mapped[str] = mapped_column(String(50), primary_key=True)
    pot: Mapped[bytes] = mapped_column(LargeBinary)
    revision: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
