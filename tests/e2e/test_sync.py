"""Command sync over the wire: only when the command set changed, to the dev guild when set,
and always with `python -m bot sync` (sync_commands)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.client import EXIT_FAILURE, EXIT_OK, sync_commands
from bot.store import Store
from tests.e2e.fakediscord import FAKE_TOKEN, FakeDiscord, FakeGuild
from tests.e2e.seeded_bot import COMMAND_EXTENSIONS, almanac, settings_for


def global_syncs(fake: FakeDiscord) -> int:
    return fake.commands.sync_count(None)


async def test_commands_are_synced_once_and_not_again_after_a_restart(
    fake_discord: FakeDiscord, fake_guild: FakeGuild, tmp_path: Path
) -> None:
    async with await Store.open(tmp_path / "almanac.db") as store:
        async with almanac(fake_discord, store) as running:
            assert running.bot.synced is True
            names = {c["name"] for c in await fake_discord.wait_commands_synced()}
            assert names == {"timeline", "programme", "onthisday", "search", "sources", "about"}
        assert global_syncs(fake_discord) == 1
        assert (await store.get_meta("commands_hash:global")) is not None

    # A restart on the same database with the same commands: no second PUT.
    async with await Store.open(tmp_path / "almanac.db") as store:
        async with almanac(fake_discord, store) as running:
            assert running.bot.synced is False
            run = await fake_discord.slash("about")  # and the commands still work
            assert (await run.wait_original()).embeds[0]["title"] == "Almanac"
        assert global_syncs(fake_discord) == 1

        # A changed command set (here: one cog fewer) is synced again.
        async with almanac(fake_discord, store, extensions=COMMAND_EXTENSIONS[:-1]) as running:
            assert running.bot.synced is True
        assert global_syncs(fake_discord) == 2
        assert "about" not in {c["name"] for c in fake_discord.commands.list(None)}


async def test_dev_guild_gets_the_commands_instantly_instead_of_globally(
    fake_discord: FakeDiscord, fake_guild: FakeGuild, tmp_path: Path
) -> None:
    settings = settings_for(fake_discord, dev_guild_id=fake_guild.id)
    async with await Store.open(tmp_path / "almanac.db") as store:
        async with almanac(fake_discord, store, settings=settings):
            commands = await fake_discord.wait_commands_synced(fake_guild)
            assert {c["name"] for c in commands} >= {"timeline", "about"}
            run = await fake_discord.slash("timeline")
            assert "haven't read any dated events" in (await run.wait_original()).content
        assert global_syncs(fake_discord) == 0
        assert await store.get_meta(f"commands_hash:guild:{fake_guild.id}") is not None
        assert await store.get_meta("commands_hash:global") is None


@pytest.fixture
def keep_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    logging.getLogger("discord").setLevel(logging.NOTSET)


@pytest.mark.usefixtures("keep_logging")
async def test_sync_command_forces_a_sync_even_when_nothing_changed(
    fake_discord: FakeDiscord, fake_guild: FakeGuild, tmp_path: Path
) -> None:
    settings = settings_for(
        fake_discord, token=FAKE_TOKEN, database_path=tmp_path / "almanac.db", log_level="WARNING"
    )
    # sync_commands runs its own event loop (as `python -m bot sync` does), so give it a
    # thread while this loop keeps serving the fake.
    assert await asyncio.to_thread(sync_commands, settings) == EXIT_OK
    assert global_syncs(fake_discord) == 1
    assert await asyncio.to_thread(sync_commands, settings) == EXIT_OK
    assert global_syncs(fake_discord) == 2
    names = {c["name"] for c in fake_discord.commands.list(None)}
    assert {"timeline", "programme", "onthisday", "search", "sources", "about"} <= names
    assert not fake_discord.gateway.live_sessions()  # it logged in and out, never connected


@pytest.mark.usefixtures("keep_logging")
async def test_a_failed_sync_is_explained_and_the_bot_still_starts(
    fake_discord: FakeDiscord,
    fake_guild: FakeGuild,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings = settings_for(fake_discord, dev_guild_id=424242)  # a server the bot is not in
    async with (
        await Store.open(tmp_path / "almanac.db") as store,
        almanac(fake_discord, store, settings=settings) as running,
    ):
        assert running.bot.is_ready()
        assert running.bot.synced is False
        assert "Check DEV_GUILD_ID (424242)" in caplog.text
        assert await store.get_meta("commands_hash:guild:424242") is None  # retried next time

    forced = settings_for(
        fake_discord,
        token=FAKE_TOKEN,
        database_path=tmp_path / "almanac.db",
        dev_guild_id=424242,
        log_level="WARNING",
    )
    assert await asyncio.to_thread(sync_commands, forced) == EXIT_FAILURE
