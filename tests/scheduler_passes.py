"""Waiting for the daily-post scheduler's passes instead of sleeping.

A test that asserts something did *not* happen ("no post before nine", "no second post after
a restart") must know that the scheduler has looked. Sleeping a little proves nothing on a
loaded machine; waiting for the pass that began after the test moved the clock does.
"""

from __future__ import annotations

import asyncio
from datetime import datetime

from bot.clocks import ManualClock
from bot.daily import DailyPoster, PassReport

# Generous: a pass is milliseconds, but CI machines are shared.
PASS_TIMEOUT = 30.0


class PassWatcher:
    """Wraps `poster.run_due` (as the benchmarks do) and lets a test wait for a pass.

    Use: ``mark = passes.mark()``, change the clock or the settings and wake the poster, then
    ``report = await passes.completed_since(mark)``.
    """

    def __init__(self, poster: DailyPoster) -> None:
        self._run_due = poster.run_due
        self._started = 0
        self._completed: dict[int, PassReport] = {}
        self._changed = asyncio.Event()
        poster.run_due = self._counted_run_due  # type: ignore[method-assign]

    async def _counted_run_due(self, now: datetime) -> PassReport:
        number = self._started
        self._started += 1
        report = await self._run_due(now)
        self._completed[number] = report
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()
        return report

    def mark(self) -> int:
        """The number the next pass to start will have."""
        return self._started

    async def completed_since(self, mark: int) -> PassReport:
        """The report of the first pass numbered `mark` or later, once it has finished.

        Raises TimeoutError when none finishes within PASS_TIMEOUT seconds.
        """
        async with asyncio.timeout(PASS_TIMEOUT):
            while True:
                done = [n for n in self._completed if n >= mark]
                if done:
                    return self._completed[min(done)]
                await self._changed.wait()


class WatchedClock(ManualClock):
    """A ManualClock that says when the scheduler is asleep on it, so that a test can move
    the clock past a due time knowing that the clock alone, not a wake(), woke the loop."""

    def __init__(self, start: datetime) -> None:
        super().__init__(start)
        self.sleeping = asyncio.Event()

    async def sleep(self, seconds: float) -> None:
        self.sleeping.set()
        try:
            await super().sleep(seconds)
        finally:
            self.sleeping.clear()

    async def set_when_asleep(self, when: datetime) -> None:
        """Wait until something sleeps on this clock, then jump to `when`."""
        async with asyncio.timeout(PASS_TIMEOUT):
            await self.sleeping.wait()
        self.set(when)
