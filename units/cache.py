"""A shared cache that never takes a page down with it.

With REDIS_URL the portal shares its cache (figures versions, rate limits) between processes
through Redis; when Redis is down a read is a miss and a write is dropped, so pages keep
working (DESIGN §5, faults), only slower.
"""

import logging

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

log = logging.getLogger(__name__)


class TolerantRedisCache(RedisCache):
    def _safely(self, name, fallback, *args, **kwargs):
        try:
            return getattr(super(), name)(*args, **kwargs)
        except RedisError as exc:
            log.warning("cache %s failed: %s", name, exc)
            return fallback

    def get(self, key, default=None, version=None):
        return self._safely("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._safely("get_many", {}, keys, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._safely("set", None, key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._safely("add", False, key, value, timeout, version)

    def delete(self, key, version=None):
        return self._safely("delete", False, key, version)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except RedisError as exc:
            log.warning("cache incr failed: %s", exc)
            # What Django's API says for a key it cannot increment.
            raise ValueError(str(exc)) from exc
