"""A shared cache that never takes a page down with it.

With REDIS_URL the portal shares its cache (figures versions, rate limits) between processes
through Redis; when Redis is down a read is a miss and a write is dropped, so pages keep
working (DESIGN §5, faults), only slower.

A Redis that hangs (accepts connections, never answers) costs a socket timeout per call; after
a failure this process therefore leaves Redis alone for PAUSE seconds, so that a page makes at
most one slow attempt per pause instead of one per cache call.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

# Seconds this process skips a Redis that just failed (per location, for every thread).
PAUSE = 5.0
_paused_until: dict[str, float] = {}
_lock = threading.Lock()


class TolerantRedisCache(RedisCache):
    def _location(self) -> str:
        return ",".join(self._servers)

    def _paused(self) -> bool:
        return time.monotonic() < _paused_until.get(self._location(), 0.0)

    def _failed(self, name: str, exc: Exception) -> None:
        with _lock:
            first = not self._paused()
            _paused_until[self._location()] = time.monotonic() + PAUSE
        if first:
            log.warning("cache %s failed, Redis skipped for %.0f s: %s", name, PAUSE, exc)

    def _safely(self, name, fallback, *args, **kwargs):
        if self._paused():
            return fallback
        try:
            return getattr(super(), name)(*args, **kwargs)
        except RedisError as exc:
            self._failed(name, exc)
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
        # What Django's API says for a key it cannot increment.
        if self._paused():
            raise ValueError("the shared cache is unavailable")
        try:
            return super().incr(key, delta, version)
        except RedisError as exc:
            self._failed("incr", exc)
            raise ValueError(str(exc)) from exc
