"""Callbacks: when a job with a ``callback_url`` ends, POST its summary there, signed.

The body is the job summary as JSON; ``X-Mixlate-Signature: sha256=<hex>`` is the
HMAC-SHA256 of those exact bytes under ``MIXLATE_CALLBACK_SECRET`` (verify it before parsing
the body; see the README). A delivery that fails (connection error, or any status outside
2xx) is retried up to ``attempts`` times in all, waiting ``backoff``, 2×, 4×... between
tries; the outcome (``delivered`` or ``failed``) and the number of attempts are stored on the
job. Deliveries run on one thread of their own, so a slow receiver holds up no job.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from service.jobs.present import job_summary
from service.jobs.store import JobStore

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Mixlate-Signature"
_TIMEOUT_SECONDS = 10

Post = Callable[[str, bytes, dict[str, str]], int]


def signature(secret: str, body: bytes) -> str:
    """The ``X-Mixlate-Signature`` value of ``body``."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, header: str) -> bool:
    """Whether ``header`` is the signature of ``body`` (constant-time comparison)."""
    return hmac.compare_digest(signature(secret, body), header)


def _post(url: str, body: bytes, headers: dict[str, str]) -> int:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=_TIMEOUT_SECONDS) as response:  # noqa: S310
        return response.status


class CallbackSender:
    """Delivers the callbacks of finished jobs."""

    def __init__(
        self,
        store: JobStore,
        secret: str,
        attempts: int,
        backoff_seconds: float,
        post: Post = _post,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.store = store
        self.secret = secret
        self.attempts = attempts
        self.backoff_seconds = backoff_seconds
        self._post = post
        self._sleep = sleep
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mixlate-callback")

    def __call__(self, job_id: str) -> None:
        """Queue the delivery of ``job_id``'s callback (if it has one)."""
        self._pool.submit(self.deliver, job_id)

    def deliver(self, job_id: str) -> bool:
        """Deliver now, with retries; whether the receiver accepted it."""
        job = self.store.get(job_id)
        if not job.callback_url:
            return False
        body = json.dumps(job_summary(job), ensure_ascii=False).encode()
        headers = {
            "Content-Type": "application/json",
            SIGNATURE_HEADER: signature(self.secret, body),
            "X-Mixlate-Job": job.id,
        }
        for attempt in range(1, self.attempts + 1):
            try:
                status = self._post(job.callback_url, body, headers)
            except Exception as exc:  # any failure to deliver is retried the same way
                status = 0
                log.info("callback of job %s, attempt %d: %s", job_id, attempt, exc)
            if 200 <= status < 300:
                self.store.record_callback(job_id, "delivered", attempt)
                return True
            self.store.record_callback(job_id, "retrying", attempt)
            if attempt < self.attempts:
                self._sleep(self.backoff_seconds * 2 ** (attempt - 1))
        self.store.record_callback(job_id, "failed", self.attempts)
        return False

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
