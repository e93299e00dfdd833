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


def _pair_text(pair: tuple[str, str]) -> str:
    return f"{pair[0]} → {pair[1]}"


class Overloaded(EngineError):
    """The model's queue cannot take this work now; try again after ``retry_after`` seconds.

    ``pair`` names the model (source, target) and ``queue_depth`` the tokens waiting for it.
    """

    def __init__(self, message: str, pair: tuple[str, str], queue_depth: int, retry_after: int):
        super().__init__(message)
        self.pair = pair
        self.queue_depth = queue_depth
        self.retry_after = retry_after

    @property
    def model(self) -> str:
        return _pair_text(self.pair)


class QueueFull(Overloaded):
    """An interactive request found the model's queue full; it was refused at once."""

    def __init__(self, pair: tuple[str, str], queue_depth: int, retry_after: int) -> None:
        super().__init__(
            f"the {_pair_text(pair)} model is busy ({queue_depth} tokens queued); "
            f"try again in {retry_after} s",
            pair,
            queue_depth,
            retry_after,
        )


class DeadlineExceeded(Overloaded):
    """The translation was not done before the caller's deadline; its work was dropped."""

    def __init__(self, pair: tuple[str, str], queue_depth: int, retry_after: int) -> None:
        super().__init__(
            f"the {_pair_text(pair)} model did not finish in time ({queue_depth} tokens "
            f"queued); try again in {retry_after} s",
            pair,
            queue_depth,
            retry_after,
        )


class TranslationCancelled(EngineError):
    """The caller cancelled its translation; what it had queued was dropped."""

    def __init__(self, pair: tuple[str, str]) -> None:
        super().__init__(f"the {_pair_text(pair)} translation was cancelled")
        self.pair = pair


class CallerGone(TranslationCancelled):
    """The caller went away (its client disconnected) while waiting; its work was dropped."""

    def __init__(self, pair: tuple[str, str]) -> None:
        EngineError.__init__(
            self, f"the client disconnected; its {_pair_text(pair)} translation was dropped"
        )
        self.pair = pair


class SchedulerClosed(EngineError):
    """The engine is shutting down and takes no more work."""

    def __init__(self, pair: tuple[str, str]) -> None:
        super().__init__(f"the {_pair_text(pair)} model is shutting down; try again shortly")
        self.pair = pair
