"""Smoke: benchmarks 3-5 with the real bot in its own process against the fake Discord, at
tiny sizes (100 guilds, 20 interactions, 50 servers). Counts and correctness, never timings.
"""

from __future__ import annotations

from pathlib import Path

from bench import fanout, interactions, memory
from bench.bigdb import BigDb
from bench.botprocess import BotProcess, BotProcessError
from bot.store import Store
from bot.store.servers import DailyPosts
from tests.e2e.fakediscord import FakeDiscord


async def test_memory_is_read_from_the_bot_process_after_ready(
    small_db: BigDb, tmp_path: Path
) -> None:
    result = await memory.measure(
        small_db.path, guilds=100, log_path=tmp_path / "bot.log", label="smoke"
    )
    assert result["guilds"] == 100
    assert result["label"] == "smoke"
    # A Python process with discord.py loaded is tens of MB; a reading of the wrong process
    # (or none) would not be.
    assert 20 < result["rss_mb"] < 1000
    assert result["anon_mb"] + result["file_mb"] <= result["rss_mb"] + 1


async def test_interactions_of_every_kind_are_answered_correctly(
    db_copy: Path, tmp_path: Path
) -> None:
    result = await interactions.measure(
        db_copy, guilds=100, count=40, log_path=tmp_path / "bot.log", label="smoke"
    )
    assert result["count"] == 40
    assert result["failures"] == {}, (tmp_path / "bot.log").read_text()[-3000:]
    assert result["over_deadline"] == 0
    assert result["all"]["n"] == 40
    assert sum(result[kind]["n"] for kind in interactions.MIX) == 40
    # The seeded mix reaches every kind, clicks included, at this size.
    assert all(result[kind]["n"] > 0 for kind in interactions.MIX), result
    # Every interaction has an answer time, never before its callback.
    for kind in interactions.MIX:
        summary = result[kind]
        assert summary["answer"]["n"] == summary["n"]
        assert summary["answer"]["p50_ms"] >= summary["p50_ms"]
        assert 0 <= summary["deferred"] <= summary["n"]


async def test_fanout_posts_exactly_once_to_every_channel(db_copy: Path, tmp_path: Path) -> None:
    # Settings an earlier run left in the (cached) database are replaced, not posted again.
    await fanout.schedule_everyone(db_copy, {11: 12, 13: 14}, fanout.DUE)
    result = await fanout.measure(
        db_copy, servers=50, limit=250.0, rate=200.0, log_path=tmp_path / "bot.log"
    )
    assert result["sent"] == 50
    assert result["lost"] == 0 and result["doubled"] == 0
    assert result["logged_sent"] == 50
    assert result["posts_attempted"] == 50 + result["posts_429"]
    assert set(result["outcomes"].values()) == {0}  # nothing paused, empty or retried
    assert result["bound_s"] == 0.2
    # Nothing left behind for the next bot started on this database to find due.
    async with await Store.open(db_copy) as store:
        assert await DailyPosts(store.conn).earliest_due() is None


async def test_a_bot_process_that_cannot_start_is_reported_with_its_log(tmp_path: Path) -> None:
    async with FakeDiscord() as fake:
        process = await BotProcess.start(
            api_base=fake.api_base,
            gateway_url=fake.gateway_url,
            token="not a token",
            database=tmp_path / "db.sqlite",
            log_path=tmp_path / "bot.log",
        )
        try:
            await process.ready(within=30)
        except BotProcessError as exc:
            assert "exited" in str(exc)
            assert "DISCORD_TOKEN" in str(exc)  # the tail of its log says why
        else:
            raise AssertionError("a bot with a malformed token got ready")
        finally:
            assert await process.stop() != 0
