"""bot.pacing.Pacer: a FIFO token bucket, on a fake monotonic clock (no real waiting)."""

from __future__ import annotations

import asyncio

import pytest

from bot.pacing import Pacer


async def test_pacer_spaces_sends_at_the_rate_in_fifo_order() -> None:
    clock = [0.0]
    started: list[tuple[int, float]] = []

    async def fake_sleep(seconds: float) -> None:
        clock[0] += seconds

    pacer = Pacer(5.0, monotonic=lambda: clock[0], sleep=fake_sleep)

    async def take(n: int) -> None:
        await pacer.acquire()
        started.append((n, clock[0]))

    await asyncio.gather(*(take(n) for n in range(10)))
    assert [n for n, _ in started] == list(range(10))
    times = [t for _, t in started]
    assert times == pytest.approx([n * 0.2 for n in range(10)])
    # Idle time does not bank a burst beyond `burst` (1 by default).
    clock[0] += 100
    before = clock[0]
    await pacer.acquire()
    await pacer.acquire()
    assert clock[0] - before == pytest.approx(0.2)


async def test_pacer_allows_a_bounded_burst() -> None:
    clock = [0.0]

    async def fake_sleep(seconds: float) -> None:
        clock[0] += seconds

    pacer = Pacer(10.0, burst=3, monotonic=lambda: clock[0], sleep=fake_sleep)
    clock[0] = 50.0
    for _ in range(3):
        await pacer.acquire()
    assert clock[0] == 50.0
    await pacer.acquire()
    assert clock[0] == pytest.approx(50.1)


def test_pacer_refuses_nonsense() -> None:
    with pytest.raises(ValueError):
        Pacer(0)
    with pytest.raises(ValueError):
        Pacer(1, burst=0)
