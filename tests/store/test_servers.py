"""Daily-post settings, the exactly-once post log and the archive history, on a real SQLite."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from bot.schedule import Due
from bot.store import Store
from bot.store.servers import (
    PAUSE_CHANNEL_DELETED,
    STATUS_EMPTY,
    STATUS_FAILED,
    STATUS_INTERRUPTED,
    STATUS_SENDING,
    STATUS_SENT,
    DailyPosts,
    ShardFilter,
)

NOW = datetime(2025, 6, 1, 7, 0, tzinfo=UTC)
TODAY = Due(NOW, date(2025, 6, 1))
TOMORROW = Due(NOW + timedelta(days=1), date(2025, 6, 2))
GUILD = 111_222_333_444_555_666


@pytest.fixture
async def posts(tmp_path: Path) -> AsyncIterator[DailyPosts]:
    # The real store: its migration runner applies 0002_daily_posts.sql.
    async with await Store.open(tmp_path / "almanac.db") as store:
        yield DailyPosts(store.conn)


async def save(posts: DailyPosts, guild_id: int = GUILD, next_due: Due = TODAY) -> None:
    await posts.save(
        guild_id,
        channel_id=42,
        post_time=time(9, 0),
        timezone="Europe/Berlin",
        fallback="archive",
        next_due=next_due,
        now=NOW - timedelta(hours=1),
        updated_by=7,
    )


async def test_save_then_get_round_trips_every_field(posts: DailyPosts) -> None:
    await save(posts)
    got = await posts.get(GUILD)
    assert got is not None
    assert (got.channel_id, got.post_time, got.timezone, got.fallback) == (
        42,
        time(9, 0),
        "Europe/Berlin",
        "archive",
    )
    assert got.next_due == TODAY
    assert got.running
    assert got.updated_by == 7
    assert got.updated_at == NOW - timedelta(hours=1)


async def test_unknown_server_has_no_settings(posts: DailyPosts) -> None:
    assert await posts.get(1) is None


async def test_bad_fallback_is_refused(posts: DailyPosts) -> None:
    with pytest.raises(ValueError, match="fallback"):
        await posts.save(
            GUILD,
            channel_id=1,
            post_time=time(9, 0),
            timezone="UTC",
            fallback="loud",  # type: ignore[arg-type]
            next_due=TODAY,
            now=NOW,
        )


async def test_off_keeps_settings_but_leaves_the_schedule(posts: DailyPosts) -> None:
    await save(posts)
    assert await posts.turn_off(GUILD, now=NOW)
    assert not await posts.turn_off(GUILD, now=NOW)  # already off
    got = await posts.get(GUILD)
    assert got is not None
    assert not got.enabled
    assert got.next_due is None
    assert await posts.due(NOW + timedelta(days=10)) == []
    assert await posts.earliest_due() is None


async def test_pause_records_the_reason_and_set_clears_it(posts: DailyPosts) -> None:
    await save(posts)
    assert await posts.pause(GUILD, reason=PAUSE_CHANNEL_DELETED, detail="gone", now=NOW)
    # A second fault does not overwrite the first reason.
    assert not await posts.pause(GUILD, reason="other", detail="x", now=NOW)
    paused = await posts.get(GUILD)
    assert paused is not None
    assert (paused.paused_reason, paused.paused_detail, paused.paused_at) == (
        PAUSE_CHANNEL_DELETED,
        "gone",
        NOW,
    )
    assert not paused.running
    assert await posts.due(NOW + timedelta(days=1)) == []

    await save(posts, next_due=TOMORROW)
    resumed = await posts.get(GUILD)
    assert resumed is not None
    assert resumed.running
    assert resumed.paused_reason is None
    assert resumed.next_due == TOMORROW


async def test_due_lists_earliest_first_and_only_what_is_due(posts: DailyPosts) -> None:
    await save(posts, guild_id=3, next_due=Due(NOW + timedelta(minutes=1), TODAY.local_date))
    await save(posts, guild_id=2, next_due=TODAY)
    await save(posts, guild_id=1, next_due=TODAY)
    await save(posts, guild_id=4, next_due=TOMORROW)
    assert [s.guild_id for s in await posts.due(NOW)] == [1, 2]
    later = NOW + timedelta(minutes=1)
    assert [s.guild_id for s in await posts.due(later)] == [1, 2, 3]
    assert [s.guild_id for s in await posts.due(later, limit=2)] == [1, 2]
    assert await posts.earliest_due() == NOW


async def test_shard_filter_selects_the_same_servers_in_sql_and_python(posts: DailyPosts) -> None:
    ids = [(n << 22) | 5 for n in range(12)]  # shard n % count
    for guild_id in ids:
        await save(posts, guild_id=guild_id)
    shards = ShardFilter(shard_count=4, shard_ids=(1, 3))
    in_sql = {s.guild_id for s in await posts.due(NOW, shards)}
    in_python = {g for g in ids if shards.owns(g)}
    assert in_sql == in_python == {ids[n] for n in (1, 3, 5, 7, 9, 11)}


async def test_claim_moves_the_schedule_on_and_logs_sending(posts: DailyPosts) -> None:
    await save(posts)
    claim = await posts.claim(
        GUILD, expected=TODAY, channel_id=42, nonce="n1", next_due=TOMORROW, now=NOW
    )
    assert claim is not None
    assert (claim.status, claim.local_date, claim.nonce, claim.attempts) == (
        STATUS_SENDING,
        TODAY.local_date,
        "n1",
        1,
    )
    settings = await posts.get(GUILD)
    assert settings is not None
    assert settings.next_due == TOMORROW
    assert await posts.due(NOW) == []


async def test_a_day_is_claimed_once_even_if_the_schedule_points_at_it_again(
    posts: DailyPosts,
) -> None:
    await save(posts)
    await posts.claim(GUILD, expected=TODAY, channel_id=42, nonce="n", next_due=TOMORROW, now=NOW)
    await posts.finish(GUILD, TODAY.local_date, status=STATUS_SENT, message_id=9, now=NOW)
    # An admin re-saves with the same slot (e.g. changed the channel): no second post.
    await save(posts, next_due=TODAY)
    again = await posts.claim(
        GUILD, expected=TODAY, channel_id=43, nonce="n", next_due=TOMORROW, now=NOW
    )
    assert again is None
    settings = await posts.get(GUILD)
    assert settings is not None
    assert settings.next_due == TOMORROW  # moved on, so it is not picked up forever
    record = await posts.record(GUILD, TODAY.local_date)
    assert record is not None
    assert (record.status, record.message_id, record.channel_id) == (STATUS_SENT, 9, 42)


async def test_claim_with_stale_expectation_writes_nothing(posts: DailyPosts) -> None:
    await save(posts)
    await save(posts, next_due=TOMORROW)  # the admin changed the time meanwhile
    claim = await posts.claim(
        GUILD, expected=TODAY, channel_id=42, nonce="n", next_due=TOMORROW, now=NOW
    )
    assert claim is None
    assert await posts.record(GUILD, TODAY.local_date) is None


async def test_move_due_moves_only_from_what_was_read(posts: DailyPosts) -> None:
    await save(posts)
    later = Due(NOW + timedelta(days=2), date(2025, 6, 3))
    assert await posts.move_due(GUILD, expected=TODAY, new=TOMORROW)
    # A second mover that read TODAY before the first moved it changes nothing.
    assert not await posts.move_due(GUILD, expected=TODAY, new=later)
    settings = await posts.get(GUILD)
    assert settings is not None and settings.next_due == TOMORROW


async def test_failed_day_is_claimed_again_until_attempts_run_out(posts: DailyPosts) -> None:
    await save(posts)
    retry = Due(NOW + timedelta(minutes=10), TODAY.local_date)
    expected = TODAY
    for attempt in (1, 2, 3):
        claim = await posts.claim(
            GUILD,
            expected=expected,
            channel_id=42,
            nonce="n",
            next_due=TOMORROW,
            now=NOW,
            max_attempts=3,
        )
        assert claim is not None
        assert claim.attempts == attempt
        assert await posts.retry_later(
            GUILD, TODAY.local_date, retry=retry, detail="HTTP 503", now=NOW
        )
        settings = await posts.get(GUILD)
        assert settings is not None
        assert settings.next_due == retry
        expected = retry
    fourth = await posts.claim(
        GUILD, expected=retry, channel_id=42, nonce="n", next_due=TOMORROW, now=NOW, max_attempts=3
    )
    assert fourth is None
    record = await posts.record(GUILD, TODAY.local_date)
    assert record is not None
    assert (record.status, record.attempts, record.detail) == (STATUS_FAILED, 3, "HTTP 503")


async def test_retry_does_not_override_an_admins_change(posts: DailyPosts) -> None:
    await save(posts)
    await posts.claim(GUILD, expected=TODAY, channel_id=42, nonce="n", next_due=TOMORROW, now=NOW)
    await posts.turn_off(GUILD, now=NOW)
    retry = Due(NOW + timedelta(minutes=10), TODAY.local_date)
    moved = await posts.retry_later(GUILD, TODAY.local_date, retry=retry, detail="x", now=NOW)
    assert not moved
    settings = await posts.get(GUILD)
    assert settings is not None
    assert settings.next_due is None


async def test_finish_refuses_sending_and_unknown_statuses(posts: DailyPosts) -> None:
    for status in (STATUS_SENDING, "posted"):
        with pytest.raises(ValueError):
            await posts.finish(GUILD, TODAY.local_date, status=status, now=NOW)


async def test_last_post_skips_failures_and_last_record_does_not(posts: DailyPosts) -> None:
    await save(posts)
    await posts.claim(GUILD, expected=TODAY, channel_id=42, nonce="a", next_due=TOMORROW, now=NOW)
    await posts.finish(GUILD, TODAY.local_date, status=STATUS_EMPTY, now=NOW)
    await posts.claim(
        GUILD,
        expected=TOMORROW,
        channel_id=42,
        nonce="b",
        next_due=Due(NOW + timedelta(days=2), date(2025, 6, 3)),
        now=NOW,
    )
    await posts.retry_later(GUILD, TOMORROW.local_date, retry=TOMORROW, detail="503", now=NOW)
    last = await posts.last_post(GUILD)
    assert last is not None
    assert (last.local_date, last.status) == (TODAY.local_date, STATUS_EMPTY)
    latest = await posts.last_record(GUILD)
    assert latest is not None
    assert (latest.local_date, latest.status) == (TOMORROW.local_date, STATUS_FAILED)


async def test_in_flight_claims_survive_a_restart_and_can_be_settled(tmp_path: Path) -> None:
    path = tmp_path / "almanac.db"
    store = await Store.open(path)
    posts = DailyPosts(store.conn)
    await save(posts)
    await posts.claim(GUILD, expected=TODAY, channel_id=42, nonce="n", next_due=TOMORROW, now=NOW)
    await store.close()  # the process dies before recording the send

    store = await Store.open(path)
    try:
        posts = DailyPosts(store.conn)
        flying = await posts.in_flight()
        assert [(r.guild_id, r.local_date, r.nonce) for r in flying] == [
            (GUILD, TODAY.local_date, "n")
        ]
        await posts.mark_interrupted(GUILD, TODAY.local_date, now=NOW)
        assert await posts.in_flight() == []
        assert await posts.settled(GUILD, TODAY.local_date)
        last = await posts.last_post(GUILD)
        assert last is not None
        assert last.status == STATUS_INTERRUPTED
        # Nothing can claim the day again.
        again = await posts.claim(
            GUILD, expected=TOMORROW, channel_id=42, nonce="n", next_due=TOMORROW, now=NOW
        )
        assert again is not None  # tomorrow is a different day
        assert await posts.record(GUILD, TODAY.local_date) is not None
    finally:
        await store.close()


async def test_archive_history_is_per_server_and_dated(posts: DailyPosts) -> None:
    await posts.record_archive_shown(GUILD, "event", 5, date(2025, 5, 1))
    await posts.record_archive_shown(GUILD, "programme", 6, date(2025, 5, 20))
    await posts.record_archive_shown(GUILD + 1, "event", 7, date(2025, 5, 20))
    assert await posts.archive_shown_since(GUILD, date(2025, 5, 2)) == {("programme", 6)}
    assert await posts.archive_shown_since(GUILD, date(2025, 4, 1)) == {
        ("event", 5),
        ("programme", 6),
    }
    # Showing it again refreshes the date.
    await posts.record_archive_shown(GUILD, "event", 5, date(2025, 6, 1))
    assert ("event", 5) in await posts.archive_shown_since(GUILD, date(2025, 5, 2))


async def test_concurrent_claims_of_many_servers_do_not_interfere(posts: DailyPosts) -> None:
    ids = list(range(1, 51))
    for guild_id in ids:
        await save(posts, guild_id=guild_id)
    results = await asyncio.gather(
        *(
            posts.claim(g, expected=TODAY, channel_id=42, nonce=str(g), next_due=TOMORROW, now=NOW)
            for g in ids
        ),
        *(
            posts.claim(g, expected=TODAY, channel_id=42, nonce=str(g), next_due=TOMORROW, now=NOW)
            for g in ids
        ),
    )
    assert sum(r is not None for r in results) == len(ids)
    assert len(await posts.in_flight()) == len(ids)
