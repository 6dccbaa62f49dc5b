"""Rate limits: per-route buckets, an optional global limit, and injected 429s.

discord.py retries a 429 only when the response has a `Via` header and a JSON body with
`retry_after` (and `global`), and it paces itself from the `X-RateLimit-*` headers of
successful responses; both are produced here.
"""

from __future__ import annotations

import fnmatch
import hashlib
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from .errors import APIError


@dataclass(slots=True)
class Injected429:
    """A 429 the test asked for: the next `count` requests matching `pattern` get it."""

    pattern: str
    retry_after: float
    count: int
    global_: bool = False
    hits: int = 0

    def matches(self, key: str) -> bool:
        pattern = self.pattern if self.pattern.split(" ", 1)[0].isupper() else f"* {self.pattern}"
        return self.hits < self.count and fnmatch.fnmatchcase(key, pattern)


@dataclass(slots=True)
class _Window:
    started: float
    count: int = 0


@dataclass(slots=True)
class RateLimited:
    """One 429 the fake answered."""

    key: str
    scope: str  # "injected", "global" or "user" (a route bucket)
    retry_after: float
    at: float


@dataclass
class RateLimits:
    """Decides whether a request is rate limited and which headers it carries."""

    bucket_limit: int = 50
    bucket_window: float = 1.0
    clock: Callable[[], float] = time.monotonic
    global_per_second: float | None = None
    injected: list[Injected429] = field(default_factory=list)
    history: list[RateLimited] = field(default_factory=list)
    _global: _Window | None = None
    _buckets: dict[str, _Window] = field(default_factory=dict)

    @property
    def count_429(self) -> int:
        return len(self.history)

    def inject(self, pattern: str, retry_after: float, count: int, global_: bool) -> Injected429:
        rule = Injected429(pattern, retry_after, count, global_)
        self.injected.append(rule)
        return rule

    def check(
        self, key: str, route: str, major: str, *, counts_toward_global: bool
    ) -> dict[str, str]:
        """Count one request; return the rate-limit headers for its answer.

        Raises:
            APIError: status 429 with Discord's body and headers when the request is limited.
        """
        now = self.clock()
        for rule in self.injected:
            if rule.matches(key):
                rule.hits += 1
                raise self._limited(key, "injected", rule.retry_after, now, global_=rule.global_)
        if counts_toward_global and self.global_per_second:
            window = self._global
            if window is None or now - window.started >= 1.0:
                window = self._global = _Window(now)
            if window.count >= self.global_per_second:
                raise self._limited(key, "global", window.started + 1.0 - now, now, global_=True)
            window.count += 1
        bucket_key = f"{route}:{major}"
        bucket = self._buckets.get(bucket_key)
        if bucket is None or now - bucket.started >= self.bucket_window:
            if len(self._buckets) > 50_000:
                self._prune(now)
            bucket = self._buckets[bucket_key] = _Window(now)
        reset_after = max(bucket.started + self.bucket_window - now, 0.0)
        if bucket.count >= self.bucket_limit:
            raise self._limited(key, "user", reset_after, now, global_=False, route=route)
        bucket.count += 1
        return {
            "X-RateLimit-Limit": str(self.bucket_limit),
            "X-RateLimit-Remaining": str(self.bucket_limit - bucket.count),
            "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
            "X-RateLimit-Reset-After": f"{reset_after:.3f}",
            "X-RateLimit-Bucket": bucket_hash(route),
        }

    def _prune(self, now: float) -> None:
        self._buckets = {
            k: w for k, w in self._buckets.items() if now - w.started < self.bucket_window
        }

    def _limited(
        self,
        key: str,
        scope: str,
        retry_after: float,
        now: float,
        *,
        global_: bool,
        route: str | None = None,
    ) -> APIError:
        retry_after = max(round(retry_after, 3), 0.001)
        self.history.append(RateLimited(key, scope, retry_after, now))
        headers = {
            "Via": "1.1 google",
            "Retry-After": str(math.ceil(retry_after)),
            "X-RateLimit-Scope": "global" if global_ else "user",
        }
        if global_:
            headers["X-RateLimit-Global"] = "true"
        elif route is not None:
            headers.update(
                {
                    "X-RateLimit-Limit": str(self.bucket_limit),
                    "X-RateLimit-Remaining": "0",
                    "X-RateLimit-Reset": f"{time.time() + retry_after:.3f}",
                    "X-RateLimit-Reset-After": f"{retry_after:.3f}",
                    "X-RateLimit-Bucket": bucket_hash(route),
                }
            )
        return APIError(
            429,
            0,
            "You are being rate limited.",
            headers=headers,
            extra={"retry_after": retry_after, "global": global_},
        )


def bucket_hash(route: str) -> str:
    """A stable opaque bucket id per route template, like Discord's."""
    return hashlib.sha1(route.encode()).hexdigest()[:16]
