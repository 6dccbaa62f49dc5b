"""bot.daily_content.StoreComposer on the real store: the day's events, leap days, and the
archive fallback that does not repeat itself."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from bot.daily_content import StoreComposer
from bot.facts import Programme
from bot.schedule import Due
from bot.store import Store
from bot.store.servers import DailyPosts, DailyPostSettings
from tests.store import factories

GUILD = 900_000_000_000_000_001
# 1 June 2025, 09:00 in Berlin (CEST, UTC+2) is 07:00 UTC.
DAY1 = date(2025, 6, 1)
NINE_AM_DAY1 = datetime(2025, 6, 1, 7, 0, tzinfo=UTC)


# Three day-dated events (one on 29 February) and a programme, as the store keeps them.
SAMPLE = factories.facts(
    factories.event("1994-06-01", "Azerbaijan joined the PfP", "PfP"),
    factories.event("2000-02-29", "The council met"),
    factories.event("1990-02-28", "Talks began"),
    programmes=(Programme("PfP", "Partnership for Peace", "A NATO programme."),),
    title="Sample",
    published_on=date(2020, 1, 1),
    author=None,
    source="https://example.org/sample",
)


@pytest.fixture
async def sample_store(tmp_path: Path) -> AsyncIterator[Store]:
    """The real store holding SAMPLE."""
    async with await Store.open(tmp_path / "almanac.db") as store:
        await store.ingest(SAMPLE)
        yield store


async def settings_for(posts: DailyPosts, fallback: str = "archive") -> DailyPostSettings:
    await posts.save(
        GUILD,
        channel_id=42,
        post_time=time(9, 0),
        timezone="Europe/Berlin",
        fallback=fallback,  # type: ignore[arg-type]
        next_due=Due(NINE_AM_DAY1, DAY1),
        now=NINE_AM_DAY1,
    )
    settings = await posts.get(GUILD)
    assert settings is not None
    return settings


async def test_composer_reads_the_days_events_from_the_store(sample_store: Store) -> None:
    posts = DailyPosts(sample_store.conn)
    composer = StoreComposer(sample_store, posts)
    settings = await settings_for(posts)
    post = await composer.compose(settings, DAY1)
    assert post is not None and post.kind == "on_this_date"
    assert [(d.event.summary, d.years_ago) for d in post.entries] == [
        ("Azerbaijan joined the PfP", 31)
    ]
    common = await composer.compose(settings, date(2025, 2, 28))
    assert common is not None
    assert [d.event.date for d in common.entries] == ["1990-02-28", "2000-02-29"]
    assert (post.total, common.total) == (1, 2)
    leap = await composer.compose(settings, date(2024, 2, 28))
    assert leap is not None
    assert [d.event.date for d in leap.entries] == ["1990-02-28"]


async def test_composer_archive_uses_store_events_and_programmes(sample_store: Store) -> None:
    posts = DailyPosts(sample_store.conn)
    composer = StoreComposer(sample_store, posts)
    settings = await settings_for(posts)
    seen: set[tuple[str, int]] = set()
    empty_day = date(2025, 7, 10)
    for offset in range(4):
        day = empty_day + timedelta(days=offset)
        post = await composer.compose(settings, day)
        assert post is not None and post.kind == "archive"
        item = post.archive_item
        assert item is not None and item not in seen
        seen.add(item)
        await posts.record_archive_shown(GUILD, item[0], item[1], day)
    assert {kind for kind, _ in seen} == {"event", "programme"}
    # Three events and one programme, all shown in the last 30 days: nothing left.
    assert await composer.compose(settings, empty_day + timedelta(days=4)) is None
    skip = await settings_for(posts, fallback="skip")
    assert await composer.compose(skip, empty_day) is None


async def test_archive_pick_is_reproducible_per_server_and_day(sample_store: Store) -> None:
    posts = DailyPosts(sample_store.conn)
    composer = StoreComposer(sample_store, posts)
    settings = await settings_for(posts)
    first = await composer.compose(settings, date(2025, 7, 10))
    again = await composer.compose(settings, date(2025, 7, 10))
    assert first is not None and again is not None
    assert first.archive_item == again.archive_item
