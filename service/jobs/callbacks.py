"""Callbacks: when a job with a ``callback_url`` ends, POST its summary there, signed.

The body is the job summary as JSON; ``X-Mixlate-Signature: sha256=<hex>`` is the
HMAC-SHA256 of those exact bytes under ``MIXLATE_CALLBACK_SECRET`` (verify it before parsing
the body; see the README). A delivery that fails (connection error, or any status outside
2xx) is retried up to ``attempts`` times in all, waiting ``backoff``, 2×, 4×... between
tries; the outcome (``delivered`` or ``failed``) and the number of attempts are stored on the
job. Deliveries run on one thread of their own, so a slow receiver holds up no job.

Before each delivery the URL's host is checked again by the ``CallbackPolicy`` (see
``callback_targets``) and the connection goes to the address checked; a URL the policy now
refuses is not sent and not retried (state ``refused``).
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import logging
import socket
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

from service.jobs.callback_targets import CallbackPolicy, RefusedCallback, Target
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


class _PinnedHTTP(http.client.HTTPConnection):
    """An HTTP connection to the checked address (Host header and URL as given)."""

    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self._pinned = target.address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._pinned, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """An HTTPS connection to the checked address; the certificate is checked for the host."""

    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self._pinned = target.address

    def connect(self) -> None:
        sock = socket.create_connection((self._pinned, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def pinned_post(policy: CallbackPolicy) -> Post:
    """A ``Post`` that checks the URL with ``policy`` and connects to the address it checked
    (raises RefusedCallback for a URL the policy refuses)."""

    def post(url: str, body: bytes, headers: dict[str, str]) -> int:
        target = policy.target(url)
        kind = _PinnedHTTPS if target.https else _PinnedHTTP
        connection = kind(target, _TIMEOUT_SECONDS)
        parts = urlsplit(url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            connection.request("POST", path, body=body, headers=headers)
            return connection.getresponse().status
        finally:
            connection.close()

    return post


class CallbackSender:
    """Delivers the callbacks of finished jobs."""

    def __init__(
        self,
        store: JobStore,
        secret: str,
        attempts: int,
        backoff_seconds: float,
        post: Post,
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
            except RefusedCallback as exc:
                log.warning("callback of job %s not sent: %s", job_id, exc)
                self.store.record_callback(job_id, "refused", attempt)
                return False
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
