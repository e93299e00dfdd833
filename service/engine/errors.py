"""The errors the translation engine raises; each message is fit to show a user as it is."""

from __future__ import annotations


class EngineError(Exception):
    """Base of every error raised by ``service.engine``."""


class PackageError(EngineError):
    """A package file that cannot be installed (missing, not a zip, incomplete, bad metadata)."""


class IndexUnreachable(EngineError):
    """The Argos package index could not be fetched or read."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(
            f"the package index {url} is unreachable ({reason}); without network access, "
            "copy a .argosmodel file here and run: mixlate models install-file PATH"
        )
        self.url = url
        self.reason = reason


class UnknownPair(EngineError):
    """The package index has no package, direct or via English, for a language pair."""

    def __init__(self, source: str, target: str) -> None:
        super().__init__(
            f"the package index has no model for {source} → {target}, "
            "neither directly nor via English (see: mixlate models available)"
        )
        self.source = source
        self.target = target


class DownloadFailed(EngineError):
    """Every link of a package failed to download."""


class ModelNotInstalled(EngineError):
    """No installed model (direct or via English) translates this pair."""

    def __init__(self, source: str, target: str) -> None:
        super().__init__(
            f"no model installed for {source} → {target}; "
            f"install one with: mixlate models install {source} {target}"
        )
        self.source = source
        self.target = target
