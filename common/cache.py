"""A Redis cache that degrades to "no cache" while Redis is unreachable.

Pages, sessions (cached_db falls back to the database) and the API keep
working when Redis is down; throttles and lockout counters simply reset.
"""

from __future__ import annotations

import logging

from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)


def _errors():
    import redis

    return (redis.ConnectionError, redis.TimeoutError, OSError)


class ResilientRedisCache(RedisCache):
    def _safe(self, name, default, *args, **kwargs):
        try:
            return getattr(super(), name)(*args, **kwargs)
        except _errors() as exc:
            logger.warning("cache unavailable (%s): %s", name, type(exc).__name__)
            return default

    def get(self, key, default=None, version=None):
        return self._safe("get", default, key, default, version)

    def set(self, key, value, timeout=None, version=None):
        return self._safe("set", None, key, value, timeout, version)

    def add(self, key, value, timeout=None, version=None):
        return self._safe("add", False, key, value, timeout, version)

    def delete(self, key, version=None):
        return self._safe("delete", False, key, version)

    def get_many(self, keys, version=None):
        return self._safe("get_many", {}, keys, version)

    def set_many(self, data, timeout=None, version=None):
        return self._safe("set_many", [], data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._safe("delete_many", None, keys, version)

    def has_key(self, key, version=None):
        return self._safe("has_key", False, key, version)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except _errors() as exc:
            logger.warning("cache unavailable (incr): %s", type(exc).__name__)
            raise ValueError("cache unavailable") from exc

    def touch(self, key, timeout=None, version=None):
        return self._safe("touch", False, key, timeout, version)

    def clear(self):
        return self._safe("clear", False)
