"""Every command on an article built to break replies: 5,000-character sentences, a
300-character programme name, markdown, @everyone and <@123>. The fake refuses anything over
a Discord limit (as Discord would, with a 400), so an answer at all proves the reply fits."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.store import Store
from cogs.errors import APOLOGY
from tests.e2e.fakediscord import FakeDiscord, FakeGuild
from tests.e2e.seeded_bot import (
    Running,
    almanac,
    assert_no_live_mentions,
    assert_nobody_pinged,
    hostile_facts,
)


@pytest.fixture
async def hostile(
    fake_discord: FakeDiscord, fake_guild: FakeGuild, store: Store
) -> AsyncIterator[Running]:
    await store.ingest(hostile_facts())
    async with almanac(fake_discord, store) as running:
        yield running


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("timeline", {}),
        ("timeline", {"topic": "HUGE"}),
        ("programme", {"name": "HUGE"}),
        ("onthisday", {}),
        ("search", {"query": "agreed"}),
        ("sources", {}),
        ("about", {}),
    ],
)
async def test_every_reply_fits_and_pings_nobody(
    hostile: Running, command: str, options: dict[str, Any]
) -> None:
    run = await hostile.fake.slash(command, options=options)
    message = await run.wait_original()
    assert not run.rejected, run.rejected
    assert message.content != APOLOGY
    assert message.embeds, message.content
    assert_no_live_mentions(message)
    assert_nobody_pinged(hostile.fake)
