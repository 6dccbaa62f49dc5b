"""Wall-clock time for the daily-post scheduler: the real clock, and a manual one for tests.

The scheduler never reads the time itself; it asks a :class:`Clock`, so tests (and the
end-to-end suite) can travel in time without waiting.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Wall-clock time for the scheduler; tests and the e2e suite pass a ManualClock."""

    def now(self) -> datetime:
        """The current instant, timezone-aware."""
        ...

    async def sleep(self, seconds: float) -> None:
        """Return after `seconds` of this clock's time have passed."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


class ManualClock:
    """A clock that moves only when told to (:meth:`set`, :meth:`advance`); sleepers wake when
    it passes their deadline. For tests: time travel without waiting.
    """

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualClock needs a timezone-aware start")
        self._now = start
        self._moved = asyncio.Event()

    def now(self) -> datetime:
        return self._now

    def __call__(self) -> datetime:
        """The current instant: a ManualClock also serves where a `() -> datetime` is wanted
        (e.g. AlmanacBot's `clock`)."""
        return self._now

    def set(self, when: datetime) -> None:
        """Jump to `when` (forwards or backwards) and wake every sleeper to re-check."""
        if when.tzinfo is None:
            raise ValueError("ManualClock.set needs a timezone-aware datetime")
        self._now = when
        moved, self._moved = self._moved, asyncio.Event()
        moved.set()

    def advance(self, delta: timedelta) -> None:
        self.set(self._now + delta)

    async def sleep(self, seconds: float) -> None:
        deadline = self._now + timedelta(seconds=seconds)
        while self._now < deadline:
            await self._moved.wait()


class CallableClock:
    """A Clock over a `now()` callable (the bot's, which tests may fix): time may be injected,
    sleeping is real (the scheduler re-reads the time after every sleep of at most a minute,
    or when woken).
    """

    def __init__(self, now: Callable[[], datetime]) -> None:
        self._now = now

    def now(self) -> datetime:
        return self._now()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
