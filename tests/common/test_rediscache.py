"""common.rediscache: Django's Redis cache, with one client kept for each connection pool.
Against the Redis server the PostgreSQL set-up runs beside (REDIS_URL, or the local one)."""

import os
import uuid

import pytest
import redis as redis_py

from common.rediscache import RedisCache

URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def kept_cache():
    cache = RedisCache(URL, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    try:
        cache.get("probe")
    except redis_py.ConnectionError:
        pytest.skip(f"no Redis server at {URL}")
    yield cache
    cache.delete_many(["value", "other", "counter"])


def test_it_keeps_and_reads_values_as_djangos_does(kept_cache):
    kept_cache.set("value", {"lesson": 1, "parts": ("a", "csrf", "b")}, 60)
    kept_cache.set_many({"other": [1, 2]}, 60)
    kept_cache.set("counter", 1, 60)

    assert kept_cache.get("value") == {"lesson": 1, "parts": ("a", "csrf", "b")}
    assert kept_cache.get_many(["value", "other", "missing"]) == {
        "value": {"lesson": 1, "parts": ("a", "csrf", "b")},
        "other": [1, 2],
    }
    assert kept_cache.incr("counter") == 2
    assert kept_cache.add("value", "not written", 60) is False


def test_every_command_goes_through_one_client_per_pool(kept_cache):
    client = kept_cache._cache
    first = client.get_client(write=True)

    kept_cache.set("value", 1, 60)
    kept_cache.get("value")

    assert client.get_client() is first and client.get_client(write=True) is first
    assert len(client._clients) == 1
