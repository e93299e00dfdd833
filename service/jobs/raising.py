"""Raising a running job's priority when a person starts waiting for it.

A background job submits its sentences at bulk priority, so they wait behind every other
bulk sentence in the model's scheduler. When a reader asks for what the job makes, the
reader's node marks the job ``interactive`` in the database (``JobStore.raise_priority``),
whichever process runs it. ``run_raisable`` runs the job's work at bulk on a helper thread
and polls that mark; once it is set, it runs the same work again at interactive priority on
the job's thread: the scheduler decodes identical pending sentences once and moves them to
the interactive queue (``ModelScheduler.submit``), and sentences the bulk run already got
come from the translation cache, so the models redo at most the sentences decoded for the
bulk run's current call moments before, and the job ends at interactive speed. The bulk run
is left to end on its own (its writes are idempotent).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from service.engine import Priority

T = TypeVar("T")
POLL_SECONDS = 0.25


class _Outcome(Generic[T]):
    def __init__(self) -> None:
        self.value: T | None = None
        self.error: BaseException | None = None


def run_raisable(
    run: Callable[[Priority], T], raised: Callable[[], bool], poll: float = POLL_SECONDS
) -> T:
    """``run(BULK)``, or ``run(INTERACTIVE)`` once ``raised()`` says someone waits."""
    if raised():
        return run(Priority.INTERACTIVE)
    outcome: _Outcome[T] = _Outcome()

    def bulk() -> None:
        try:
            outcome.value = run(Priority.BULK)
        except BaseException as exc:  # handed to the job's thread below
            outcome.error = exc

    thread = threading.Thread(target=bulk, name="mixlate-job-bulk", daemon=True)
    thread.start()
    while True:
        thread.join(poll)
        if not thread.is_alive():
            break
        if raised():
            return run(Priority.INTERACTIVE)
    if outcome.error is not None:
        raise outcome.error
    return outcome.value  # type: ignore[return-value]
