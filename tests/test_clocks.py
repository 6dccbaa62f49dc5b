"""bot.clocks: the manual clock the scheduler tests travel in time with."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.clocks import ManualClock

NINE_AM_DAY1 = datetime(2025, 6, 1, 7, 0, tzinfo=UTC)


async def test_manual_clock_sleepers_wake_only_past_their_deadline() -> None:
    clock = ManualClock(NINE_AM_DAY1)
    woke = asyncio.Event()

    async def sleeper() -> None:
        await clock.sleep(60)
        woke.set()

    task = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    clock.advance(timedelta(seconds=59))
    await asyncio.sleep(0.01)
    assert not woke.is_set()
    clock.advance(timedelta(seconds=1))
    await asyncio.wait_for(woke.wait(), 1)
    await task
