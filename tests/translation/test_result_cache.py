"""The whole-result LRU: state-checked hits, a character budget, no oversized texts."""

from service.translation.result_cache import ResultCache


def test_hits_need_the_same_state() -> None:
    cache: ResultCache[str] = ResultCache()
    cache.put("k", "catalogs-v1", "value", 5)
    assert cache.get("k", "catalogs-v1") == "value"
    assert cache.get("k", "catalogs-v2") is None
    assert cache.get("other", "catalogs-v1") is None


def test_the_budget_evicts_least_recently_used() -> None:
    cache: ResultCache[int] = ResultCache(max_chars=10, max_text=10)
    cache.put("a", 0, 1, 4)
    cache.put("b", 0, 2, 4)
    assert cache.get("a", 0) == 1
    cache.put("c", 0, 3, 4)
    assert cache.get("b", 0) is None
    assert cache.get("a", 0) == 1 and cache.get("c", 0) == 3
    cache.put("a", 0, 4, 4)
    assert cache.get("a", 0) == 4 and cache.get("c", 0) == 3


def test_oversized_texts_are_not_kept() -> None:
    cache: ResultCache[int] = ResultCache(max_text=3)
    cache.put("big", 0, 1, 4)
    assert cache.get("big", 0) is None
