"""Django's Redis cache, with one client kept for each connection pool.

Django's backend makes a new `redis.Redis` client for every command it sends, and redis-py
builds each client's table of response callbacks (some 170 entries) as it is made: on a lesson
page, six reads of the cache (the session, the site, the pages' generation, the page itself)
spent more time making clients than waiting for Redis (cProfile on `make bench`'s PostgreSQL
data). A client holds no connection of its own (its pool does) and is safe to share between
threads, so one per pool serves every command. Everything else is Django's.

    CACHES = {"default": {"BACKEND": "common.rediscache.RedisCache", "LOCATION": REDIS_URL}}
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
