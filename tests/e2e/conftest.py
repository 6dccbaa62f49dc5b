"""Fixtures for over-the-wire tests: a started FakeDiscord with one guild, and the real bot on
a database holding the seed articles.

Bot tests start their bot with `running_bot(bot, fake)` from tests.e2e.fakediscord, or with
`almanac(fake, store)` from tests.e2e.seeded_bot.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.store import Store
from tests.e2e.fakediscord import FakeDiscord, FakeGuild
from tests.e2e.seeded_bot import Running, almanac, ingest_seeds


@pytest.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    """A started fake with no guilds yet."""
    async with FakeDiscord() as fake:
        yield fake


@pytest.fixture
def fake_guild(fake_discord: FakeDiscord) -> FakeGuild:
    """A guild named "Test Server" with #general and #news, the bot and the owner in it."""
    return fake_discord.add_guild("Test Server", channels=("general", "news"))


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    """A temporary database with the seed articles loaded."""
    async with await Store.open(tmp_path / "almanac.db") as store:
        await ingest_seeds(store)
        yield store


@pytest.fixture
async def running(
    fake_discord: FakeDiscord, fake_guild: FakeGuild, store: Store
) -> AsyncIterator[Running]:
    """The bot on the seeded store, connected to the fake, commands synced."""
    async with almanac(fake_discord, store) as running:
        yield running
