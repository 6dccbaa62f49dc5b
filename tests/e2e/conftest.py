"""Fixtures for over-the-wire tests: a started FakeDiscord with one guild.

Bot tests start their bot with `running_bot(bot, fake)` from tests.e2e.fakediscord.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.e2e.fakediscord import FakeDiscord, FakeGuild


@pytest.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    """A started fake with no guilds yet."""
    async with FakeDiscord() as fake:
        yield fake


@pytest.fixture
def fake_guild(fake_discord: FakeDiscord) -> FakeGuild:
    """A guild named "Test Server" with #general and #news, the bot and the owner in it."""
    return fake_discord.add_guild("Test Server", channels=("general", "news"))
