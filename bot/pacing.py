"""Pacing sends: a FIFO token bucket that keeps the daily posts under Discord's rate limit."""

from __future__ import annotations

import asyncio
import time as monotonic_time
from collections.abc import Awaitable, Callable


class Pacer:
    """A FIFO token bucket: :meth:`acquire` returns at most `rate` times per second, in the
    order it was called, with bursts of at most `burst`.

    Time comes from `monotonic` (seconds) and waiting from `sleep`, both injectable for tests.
    """

    def __init__(
        self,
        rate: float,
        *,
        burst: int = 1,
        monotonic: Callable[[], float] = monotonic_time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        if burst < 1:
            raise ValueError("burst must be at least 1")
        self.rate = rate
        self._interval = 1.0 / rate
        self._burst = burst
        self._monotonic = monotonic
        self._sleep = sleep
        self._lock = asyncio.Lock()  # asyncio.Lock wakes waiters first come, first served
        self._next_free: float | None = None

    async def acquire(self) -> None:
        async with self._lock:
            now = self._monotonic()
            # The bucket holds at most `burst` tokens: never let credit pile up beyond that.
            earliest = now - (self._burst - 1) * self._interval
            if self._next_free is None or self._next_free < earliest:
                self._next_free = earliest
            wait = self._next_free - now
            if wait > 0:
                await self._sleep(wait)
            self._next_free += self._interval
