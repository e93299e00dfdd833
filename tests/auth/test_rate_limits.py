"""The rate limiter without Flask: windows, the state the headers show, and the breach."""

from __future__ import annotations

import time

import pytest

from service.auth.rate_limits import RateLimited, RateLimiter


def test_each_limit_counts_and_the_shortest_window_is_reported() -> None:
    limiter = RateLimiter("memory://")
    now = time.time()
    first = limiter.hit("ip:1", "translate", "3 per day;5 per minute", now)
    assert first is not None and (first.limit, first.remaining) == (5, 4)  # the minute's
    assert now < first.reset_at <= now + 61
    limiter.hit("ip:1", "translate", "3 per day;5 per minute", now)
    limiter.hit("ip:1", "translate", "3 per day;5 per minute", now)
    with pytest.raises(RateLimited) as caught:  # the day's limit is the one exceeded
        limiter.hit("ip:1", "translate", "3 per day;5 per minute", now)
    assert caught.value.description == "3 per 1 day"
    assert caught.value.state.remaining == 0 and caught.value.retry_after > 3600


def test_callers_and_scopes_count_apart_and_no_limits_count_nothing() -> None:
    limiter = RateLimiter("memory://")
    now = time.time()
    assert limiter.hit("ip:1", "translate", "1 per minute", now) is not None
    assert limiter.hit("ip:2", "translate", "1 per minute", now) is not None
    assert limiter.hit("ip:1", "detect", "1 per minute", now) is not None
    assert limiter.hit("ip:1", "translate", "", now) is None
    with pytest.raises(RateLimited):
        limiter.hit("ip:1", "translate", "1 per minute", now)
