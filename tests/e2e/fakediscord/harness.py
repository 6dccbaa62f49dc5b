"""Pointing the unmodified discord.py client at a FakeDiscord, and running a bot against it."""

# Waiting helpers take `timeout=` on purpose: on expiry they raise FakeTimeout naming what the
# bot did wrong (unrouted requests, errors), which a bare asyncio.timeout cannot say.
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator

import discord
import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

from .server import FakeDiscord

# Shaped like a real token (three dot-separated parts) so token checks in the bot pass.
FAKE_TOKEN = "MTAwMDAwMDAwMDAwMDAwMDAw.GfAkEx.ZmFrZS10b2tlbi1mb3ItdGVzdHMtb25seQ"


@contextlib.contextmanager
def point_discord_py_at(fake: FakeDiscord) -> Iterator[None]:
    """Set `Route.BASE` and `DiscordWebSocket.DEFAULT_GATEWAY` to the fake, restore after.

    These are the two settings the real bot takes from DISCORD_API_BASE / DISCORD_GATEWAY_URL.
    """
    old_base, old_gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    Route.BASE = fake.api_base
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
    try:
        yield
    finally:
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = old_base, old_gateway


@contextlib.asynccontextmanager
async def running_bot(
    bot: discord.Client, fake: FakeDiscord, *, token: str = FAKE_TOKEN, timeout: float = 10.0
) -> AsyncIterator[discord.Client]:
    """Start `bot` against `fake`, wait for on_ready, yield it, then close it cleanly.

    Raises:
        TimeoutError: the bot did not become ready within `timeout` seconds.
        Exception: whatever `bot.start` raised (login failure, a crash in setup_hook...).
    """
    with point_discord_py_at(fake):
        task = asyncio.create_task(bot.start(token))
        ready = asyncio.create_task(bot.wait_until_ready())
        try:
            done, _ = await asyncio.wait(
                {task, ready}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
            )
            if task in done:
                task.result()  # re-raise why the bot stopped
                raise RuntimeError("the bot stopped before it was ready")
            if ready not in done:
                raise TimeoutError(f"the bot was not ready after {timeout}s{fake._timeout_hint()}")
            yield bot
        finally:
            ready.cancel()
            await bot.close()
            with contextlib.suppress(asyncio.CancelledError):
                await task
