"""
A Redis cache that a Redis outage cannot take the site down with.

Django's ``RedisCache`` raises when Redis does not answer, which turns every
cached page into a 500. ``ResilientRedisCache`` logs the error and behaves as
an empty cache instead: reads miss, writes are dropped, and the page is built
from the database. After a failure it leaves Redis alone for
``RETRY_SECONDS`` so that a dead host costs one short timeout per process
rather than one per cache call; then it tries again, so it recovers by
itself.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)


def _degrades_to(fallback):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if time.monotonic() < self._down_until:
                return fallback(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except UNAVAILABLE as error:
                self._down_until = time.monotonic() + self.retry_seconds
                logger.warning("Cache unavailable, serving without it for %ss: %s", self.retry_seconds, error)
                return fallback(*args, **kwargs)

        return wrapper

    return decorate


def _default(key, default=None, *args, **kwargs):
    return default


def _nothing(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _empty_dict(*args, **kwargs):
    return {}


def _all_keys_failed(data, *args, **kwargs):
    return list(data)


def _incr_fails(key, *args, **kwargs):
    raise ValueError(f"Key {key!r} not found (cache unavailable)")


class ReusedClientRedisCacheClient(RedisCacheClient):
    """
    Django's client builds a new ``redis.Redis`` object for every cache call,
    about a third of the cost of serving a cached page. A ``redis.Redis`` over
    a connection pool is safe to share between threads, so one is kept per pool.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = super().get_client(key, write=write)
        return client


class ResilientRedisCache(RedisCache):
    RETRY_SECONDS = 5

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.retry_seconds = options.pop("retry_seconds", self.RETRY_SECONDS)
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusedClientRedisCacheClient
        self._down_until = 0.0

    get = _degrades_to(_default)(RedisCache.get)
    get_many = _degrades_to(_empty_dict)(RedisCache.get_many)
    has_key = _degrades_to(_false)(RedisCache.has_key)
    set = _degrades_to(_nothing)(RedisCache.set)
    set_many = _degrades_to(_all_keys_failed)(RedisCache.set_many)
    add = _degrades_to(_false)(RedisCache.add)
    touch = _degrades_to(_false)(RedisCache.touch)
    delete = _degrades_to(_false)(RedisCache.delete)
    delete_many = _degrades_to(_nothing)(RedisCache.delete_many)
    incr = _degrades_to(_incr_fails)(RedisCache.incr)
    clear = _degrades_to(_false)(RedisCache.clear)
