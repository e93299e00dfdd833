"""The watch that re-translates stored article translations in the background.

What stored translations depend on but the memory (the installed models, every locale's
catalog revision, the glossary revision; ``ArticleService.dependency_generation``) is read
every ``seconds`` on a thread of its own; when it moved since the last look (and at the
first look, so a change made while the process was down is caught too), ``sweep`` runs:
``ArticleService.refresh_stale`` queues one bulk refresh job per stale translation, which
is idempotent, so two nodes noticing the same change queue each refresh once (but for a
race of milliseconds). Readers never wait for the watch: a stale translation is translated
again by the first read that finds it (``ArticleService.localized``); the watch makes sure
nobody has to.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Hashable

log = logging.getLogger(__name__)


class RefreshWatch:
    """Calls ``sweep`` whenever ``generation()`` changes (checked by ``check``)."""

    def __init__(
        self, generation: Callable[[], Hashable], sweep: Callable[[], int], seconds: float
    ) -> None:
        self._generation = generation
        self._sweep = sweep
        self.seconds = seconds
        self._seen: Hashable | None = None
        self._looked = False
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def check(self) -> int | None:
        """Sweep if the generation moved since the last check (or this is the first); the
        number of stale translations found, or None when nothing moved."""
        with self._lock:
            current = self._generation()
            if self._looked and current == self._seen:
                return None
            found = self._sweep()
            self._seen, self._looked = current, True
        if found:
            log.info("queued the refresh of %d stale article translations", found)
        return found

    def start(self) -> None:
        """Check every ``seconds`` on a daemon thread (the first check after one period)."""
        if self.seconds <= 0 or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._loop, name="mixlate-refresh", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.wait(self.seconds):
            try:
                self.check()
            except Exception:  # the database or broker went away: look again next time
                log.warning("could not check for stale article translations", exc_info=True)

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
