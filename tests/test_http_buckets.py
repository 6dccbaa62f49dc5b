"""discord.py's bucket scan, throttled: the same idle buckets dropped, far fewer scans."""

from __future__ import annotations

import asyncio

import pytest
from discord.http import HTTPClient, Ratelimit

from bot.client import AlmanacBot
from bot.config import Settings
from bot.http_buckets import throttle_bucket_cleanup


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def idle_checks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts Ratelimit.is_inactive calls: one per bucket per scan."""
    calls = [0]
    original = Ratelimit.is_inactive

    def counting(self: Ratelimit) -> bool:
        calls[0] += 1
        return original(self)

    monkeypatch.setattr(Ratelimit, "is_inactive", counting)
    return calls


def new_buckets(http: HTTPClient, count: int, start: int = 0) -> None:
    for channel in range(start, start + count):
        http.get_ratelimit(f"hash:channel_id={channel}")


async def test_unthrottled_discord_py_scans_every_bucket_on_every_new_one(
    idle_checks: list[int],
) -> None:
    # The cost the throttle removes: quadratic in the number of channels posted to.
    http = HTTPClient(asyncio.get_running_loop())
    new_buckets(http, 600)
    assert idle_checks[0] == sum(range(256, 601))


async def test_throttled_scans_happen_once_per_interval(idle_checks: list[int]) -> None:
    http = HTTPClient(asyncio.get_running_loop())
    clock = Clock()
    assert throttle_bucket_cleanup(http, 60.0, monotonic=clock)
    new_buckets(http, 600)
    assert idle_checks[0] == 256  # one scan, when the 256th bucket appeared
    clock.now += 59.0
    new_buckets(http, 100, start=600)
    assert idle_checks[0] == 256
    clock.now += 1.0
    new_buckets(http, 1, start=700)
    assert idle_checks[0] == 256 + 701
    assert len(http._buckets) == 701  # nothing was idle: nothing dropped


async def test_idle_buckets_are_still_dropped_at_the_next_scan(monkeypatch) -> None:
    http = HTTPClient(asyncio.get_running_loop())
    clock = Clock()
    throttle_bucket_cleanup(http, 60.0, monotonic=clock)
    new_buckets(http, 300)
    monkeypatch.setattr(Ratelimit, "is_inactive", lambda self: True)  # 5 idle minutes on
    clock.now += 60.0
    new_buckets(http, 1, start=300)
    assert len(http._buckets) == 0  # every idle bucket dropped (the new one included)


async def test_the_bot_throttles_its_own_http_client(idle_checks: list[int]) -> None:
    bot = AlmanacBot(Settings())
    new_buckets(bot.http, 600)
    assert idle_checks[0] <= 256


def test_a_discord_py_without_the_scan_is_left_alone() -> None:
    class Plain:
        pass

    http = Plain()
    assert throttle_bucket_cleanup(http) is False  # type: ignore[arg-type]
    assert not hasattr(http, "_try_clear_expired_ratelimits")
