"""Running the bot as an admin does: `run_bot` in its own process against the fake Discord,
stopped with SIGTERM; a missing token; and a token that never reaches the logs."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
from pathlib import Path

import pytest

from bot.client import EXIT_CONFIG, EXIT_OK, ShardedAlmanacBot
from bot.store import Store
from tests.e2e.fakediscord import FAKE_TOKEN, FakeDiscord, FakeGuild
from tests.e2e.seeded_bot import (
    SEEDS_DIR,
    Running,
    almanac,
    many_events_facts,
    settings_for,
)

ROOT = Path(__file__).resolve().parents[2]


async def ready_or_exited(fake: FakeDiscord, process: asyncio.subprocess.Process) -> None:
    """Wait until the bot process is connected; fail with its output if it exits first."""
    ready = asyncio.ensure_future(fake.wait_ready(timeout=30))
    exited = asyncio.ensure_future(process.wait())
    await asyncio.wait({ready, exited}, return_when=asyncio.FIRST_COMPLETED)
    if not ready.done():
        ready.cancel()
        stderr = (await process.stderr.read()).decode() if process.stderr else ""
        raise AssertionError(f"the bot exited with {process.returncode}:\n{stderr[-3000:]}")
    exited.cancel()
    ready.result()


def bot_environment(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SHARD_"))}
    env.pop("DEV_GUILD_ID", None)
    env["PYTHONPATH"] = str(ROOT)
    env.update(values)
    return env


async def start_bot_process(env: dict[str, str], cwd: Path) -> asyncio.subprocess.Process:
    """`python -m bot run`, as `make run` starts it, in `cwd` (where it looks for .env)."""
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=cwd,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def test_run_serves_and_stops_cleanly_on_sigterm(
    fake_discord: FakeDiscord, fake_guild: FakeGuild, tmp_path: Path
) -> None:
    database = tmp_path / "data" / "almanac.db"
    # The token comes from .env, as the README tells admins to do; the rest from the environment.
    (tmp_path / ".env").write_text(f"DISCORD_TOKEN={FAKE_TOKEN}\n", encoding="utf-8")
    process = await start_bot_process(
        bot_environment(
            DISCORD_API_BASE=fake_discord.api_base,
            DISCORD_GATEWAY_URL=fake_discord.gateway_url,
            DATABASE_PATH=str(database),
            SEEDS_DIR=str(SEEDS_DIR),
            LOG_LEVEL="DEBUG",
        ),
        cwd=tmp_path,
    )
    try:
        await ready_or_exited(fake_discord, process)
        await fake_discord.wait_commands_synced(timeout=30)
        # The interaction follows READY and the GUILD_CREATEs on the same socket, so the bot
        # has its guild when it arrives, on_ready or not.
        run = await fake_discord.slash("about")
        message = await run.wait_original(timeout=10)
        assert message.embeds[0]["fields"][0]["value"].startswith("1 article: ")  # the seed
        process.send_signal(signal.SIGTERM)
        _, stderr_bytes = await asyncio.wait_for(process.communicate(), 30)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    stderr = stderr_bytes.decode()
    assert process.returncode == EXIT_OK, stderr
    assert "SIGTERM received; closing" in stderr
    assert "Traceback" not in stderr
    # Shutdown leaves no task behind: asyncio would say so on stderr.
    assert "Task was destroyed" not in stderr and "never awaited" not in stderr
    assert FAKE_TOKEN not in stderr
    assert "discord.gateway" in stderr  # LOG_LEVEL=DEBUG really let discord.py's logs through
    # The store was closed cleanly: the database opens and holds the seed.
    async with await Store.open(database) as store:
        assert (await store.stats()).articles == 1


async def test_missing_token_exits_2_with_instructions_and_no_traceback(tmp_path: Path) -> None:
    process = await start_bot_process(bot_environment(), cwd=tmp_path)
    _, stderr_bytes = await asyncio.wait_for(process.communicate(), 30)
    stderr = stderr_bytes.decode()
    assert process.returncode == EXIT_CONFIG
    assert "DISCORD_TOKEN is not set" in stderr
    assert "https://discord.com/developers/applications" in stderr
    assert ".env" in stderr
    assert "Traceback" not in stderr


async def test_the_token_never_reaches_any_log_record(
    fake_discord: FakeDiscord,
    fake_guild: FakeGuild,
    store: Store,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="discord")
    await store.ingest(many_events_facts(25))
    async with almanac(fake_discord, store) as running:
        await exercise(running)
    records = caplog.records
    assert any(r.name.startswith("discord.http") for r in records)  # DEBUG really captured
    assert any(r.name.startswith("discord.gateway") for r in records)
    assert FAKE_TOKEN not in caplog.text
    for record in records:
        for part in FAKE_TOKEN.split("."):  # not even a piece of it
            assert part not in record.getMessage(), record.name


async def exercise(running: Running) -> None:
    """Login, sync, a command, a page turn and autocomplete: every kind of traffic."""
    message = await (await running.fake.slash("timeline")).wait_original()
    await running.fake.click(message, "pager:next")
    await running.fake.autocomplete("programme", focused="name", value="pf")
    await (await running.fake.slash("search", options={"query": "NATO"})).wait_original()


async def test_no_privileged_intents_are_requested(running: Running) -> None:
    assert not running.fake.privileged_intents_requested()
    intents = int(running.fake.identifies[0]["intents"])
    assert intents == 1  # GUILDS only


async def test_sharded_bot_serves_every_shard_without_asking_for_the_gateway(
    fake_discord: FakeDiscord, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def identify_at_once(self, shard_id, *, initial=False) -> None:
        pass  # discord.py waits 5 s between IDENTIFYs, as Discord's rate limit asks

    monkeypatch.setattr(ShardedAlmanacBot, "before_identify_hook", identify_at_once)
    guilds = fake_discord.add_guilds(8)
    by_shard = {(guild.id >> 22) % 2: guild for guild in guilds}
    assert set(by_shard) == {0, 1}, "the fake's ids should spread over both shards"
    settings = settings_for(fake_discord, shard_count=2, shard_ids=(0, 1))
    async with almanac(fake_discord, store, settings=settings) as running:
        assert isinstance(running.bot, ShardedAlmanacBot)
        assert sorted(s.shard_id for s in fake_discord.sessions) == [0, 1]
        for guild in by_shard.values():
            run = await fake_discord.slash("about", guild=guild)
            assert (await run.wait_original()).embeds[0]["title"] == "Almanac"
    # With SHARD_COUNT set, discord.py connects to DISCORD_GATEWAY_URL directly.
    assert fake_discord.requests.matching("GET /gateway/bot") == []
