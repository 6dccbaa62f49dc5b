"""Daily fan-out: every server's "on this date" post due in the same minute, under a global
rate limit.

The fake Discord (this process) has `servers` guilds, one text channel each, and answers
429 to bot requests beyond `limit` per second (fixed one-second windows, interaction
endpoints exempt, as on Discord). The real bot runs in its own process (bench.botprocess)
on the database under test, with every server's daily post set to the same instant and the
bot's clock fixed at that instant, so its own scheduler (cogs.dailypost -> bot.daily) posts
them all in one pass as soon as it is ready, paced at `rate` posts per second.

The result compares the pass's duration with the bound `servers / limit` (no bot can do
better without 429s), counts the 429s among the posts, and checks on the fake's side that
each channel received exactly one post (none lost, none doubled) and in the database that
each server's day is recorded as sent.
"""

from __future__ import annotations

import time as clock
from collections import Counter
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

from bot.schedule import Due
from bot.store import Store
from bot.store.servers import STATUS_SENT, DailyPosts

# A fixed instant: every server's post is due now; the bot's clock stands still here.
DUE = datetime(2025, 6, 1, 9, 0, tzinfo=UTC)
POSTS = "POST /channels/*/messages"
DAILY_TABLES = ("daily_archive_shown", "daily_post_log", "daily_post_settings")


async def schedule_everyone(database: Path, channels: dict[int, int], due: datetime) -> float:
    """Replace every daily-post setting in `database` with one per guild in `channels`
    (guild id -> channel id), due at `due` (UTC, 09:00 local time). Returns seconds taken.
    """
    started = clock.perf_counter()
    await clear_daily_posts(database)  # left by an interrupted run on the cached database
    async with await Store.open(database) as store:
        posts = DailyPosts(store.conn)
        for guild_id, channel_id in channels.items():
            await posts.save(
                guild_id,
                channel_id=channel_id,
                post_time=time(due.hour, due.minute),
                timezone="UTC",
                fallback="archive",
                next_due=Due(due, due.date()),
                now=due - timedelta(days=1),
            )
    return clock.perf_counter() - started


async def clear_daily_posts(database: Path) -> None:
    """Delete every daily-post setting, log row and archive record in `database`.

    A bot started on a database with this benchmark's settings (due on a past day by its
    clock) would spend its first minutes moving 10,000 servers to their next slot.
    """
    async with await Store.open(database) as store:
        conn = store.conn
        await conn.execute("BEGIN IMMEDIATE")
        for table in DAILY_TABLES:
            await conn.execute(f"DELETE FROM {table}")
        await conn.execute("COMMIT")


async def count_sent(database: Path, day: datetime) -> Counter[str]:
    """Post-log rows for `day`, by status."""
    async with await Store.open(database) as store:
        rows = await store.conn.execute_fetchall(
            "SELECT status, COUNT(*) FROM daily_post_log WHERE local_date = ? GROUP BY status",
            (day.date().isoformat(),),
        )
    return Counter({status: count for status, count in rows})


async def measure(
    database: Path,
    *,
    servers: int,
    limit: float,
    rate: float,
    log_path: Path,
) -> dict[str, Any]:
    """Run the fan-out once; returns timings, counts and checks (see the module docstring).

    Raises bench.botprocess.BotProcessError when the bot does not get ready or the pass does
    not finish within twice the bound plus a minute.
    """
    from bench.botprocess import connected_bot
    from tests.e2e.fakediscord import FakeDiscord

    bound = servers / limit
    async with FakeDiscord() as fake:
        guilds = fake.add_guilds(servers)
        channels = {g.id: g.text_channels[0].id for g in guilds}
        setup_s = await schedule_everyone(database, channels, DUE)
        fake.rate_limit(limit)
        async with connected_bot(fake, database, log_path, clock=DUE, daily_rate=rate) as (
            process,
            ready,
        ):
            daily = await process.wait_event("daily_pass", within=2 * bound + 60)
            stats = await process.stats()

        attempts = fake.requests.matching(POSTS)
        refused = [r for r in attempts if r.status == 429]
        received = [r.received_at for r in attempts if r.status == 200]
        per_channel = Counter(m.channel_id for m in fake.messages(kinds=("channel",)))
        all_429 = fake.count_429
        all_requests = len(fake.requests)

    lost = sum(1 for channel in channels.values() if per_channel[channel] == 0)
    doubled = sum(1 for channel in channels.values() if per_channel[channel] > 1)
    logged = await count_sent(database, DUE)
    await clear_daily_posts(database)
    seconds = daily["seconds"]
    return {
        "servers": servers,
        "limit_per_s": limit,
        "rate_per_s": rate,
        "concurrency": daily["concurrency"],
        "bound_s": round(bound, 1),
        "seconds": round(seconds, 2),
        "ratio": round(seconds / bound, 3),
        "first_to_last_post_s": round(max(received) - min(received), 1) if received else 0.0,
        "posts_attempted": len(attempts),
        "posts_429": len(refused),
        "share_429": round(len(refused) / len(attempts), 4) if attempts else 0.0,
        "requests": all_requests,
        "requests_429": all_429,
        "sent": daily["sent"],
        "outcomes": {
            key: daily[key]
            for key in ("empty", "retrying", "undelivered", "paused", "missed", "not_claimed")
        },
        "lost": lost,
        "doubled": doubled,
        "logged_sent": logged[STATUS_SENT],
        "bot_cpu_s": round(daily["cpu_seconds"], 1),
        "buckets": stats["buckets"],
        "setup_s": round(setup_s, 1),
        "ready_s": round(ready["seconds"], 2),
    }
