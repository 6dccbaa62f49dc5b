"""The daily-post scheduler with a fake sender: exactly once, catch-up, faults, pacing, shards."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from bot.clocks import ManualClock
from bot.daily import (
    ChannelGone,
    DailyPoster,
    NoAccess,
    TransientSendError,
    post_nonce,
)
from bot.daily_content import DailyPost, StoreComposer
from bot.pacing import Pacer
from bot.schedule import Due
from bot.store import Store
from bot.store.results import (
    DatedEntry,
    EventEntry,
    OnThisDate,
    ProgrammeDetail,
    ProgrammeLookup,
    ProgrammeRef,
    SourceRef,
    Stats,
    TimelinePage,
)
from bot.store.servers import (
    PAUSE_CHANNEL_DELETED,
    PAUSE_MISSING_PERMISSIONS,
    STATUS_EMPTY,
    STATUS_FAILED,
    STATUS_INTERRUPTED,
    STATUS_SENDING,
    STATUS_SENT,
    STATUS_UNDELIVERED,
    DailyPosts,
    ShardFilter,
)
from tests.scheduler_passes import PassWatcher, WatchedClock

SOURCE = SourceRef(article_id=1, title="Seed", published_on="2020-01-01", author=None, url=None)
# 1 June 2025, 09:00 in Berlin (CEST, UTC+2) is 07:00 UTC.
DAY1 = date(2025, 6, 1)
NINE_AM_DAY1 = datetime(2025, 6, 1, 7, 0, tzinfo=UTC)
GUILD = 900_000_000_000_000_001


def event(event_id: int, when: str, summary: str = "") -> EventEntry:
    return EventEntry(
        id=event_id,
        date=when,
        end=None,
        precision="day",
        summary=summary or f"event {event_id}",
        sentence=summary or f"event {event_id}",
        programmes=(),
        source=SOURCE,
    )


@dataclass
class FakeFacts:
    """An in-memory stand-in for the parts of the Store that daily posts read."""

    events: list[EventEntry] = field(default_factory=list)
    programmes: list[ProgrammeDetail] = field(default_factory=list)

    async def on_this_date(self, month: int, day: int, today: date) -> OnThisDate:
        found = [
            DatedEntry(e, today.year - int(e.date[:4]))
            for e in sorted(self.events, key=lambda e: e.date)
            if len(e.date) == 10 and (int(e.date[5:7]), int(e.date[8:10])) == (month, day)
        ]
        return OnThisDate(month, day, tuple(found), (), None)

    async def stats(self) -> Stats:
        return Stats(1, len(self.events), len(self.programmes), 0, None, None)

    async def timeline(
        self,
        start_year: int | None = None,
        end_year: int | None = None,
        topic: str | None = None,
        limit: int = 10,
        offset: int = 0,
    ) -> TimelinePage:
        ordered = sorted(self.events, key=lambda e: e.date)
        return TimelinePage(
            tuple(ordered[offset : offset + limit]), len(ordered), offset, limit, None
        )

    async def programme_choices(self, current: str, limit: int = 25) -> list[ProgrammeRef]:
        return [p.ref for p in self.programmes][:limit]

    async def programme(self, name: str) -> ProgrammeLookup:
        for detail in self.programmes:
            if name in (detail.ref.acronym, detail.ref.name):
                return ProgrammeLookup(detail, ())
        return ProgrammeLookup(None, ())


@dataclass
class Sent:
    channel_id: int
    post: DailyPost
    nonce: str | None
    message_id: int


class FakeSender:
    """Records sends; dedups by nonce like Discord's enforce_nonce; can be told to fail."""

    def __init__(self) -> None:
        self.sent: list[Sent] = []
        self.fail_with: dict[int, list[BaseException]] = {}  # channel -> errors, in order
        self.delay = 0.0
        self.in_flight = 0
        self.max_in_flight = 0
        self.started: list[int] = []  # channel ids in the order sends began
        self._by_nonce: dict[str, int] = {}
        self._changed = asyncio.Condition()
        self.on_send: Callable[[], None] | None = None

    async def send(self, channel_id: int, post: DailyPost, *, nonce: str | None) -> int:
        self.started.append(channel_id)
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.delay:
                await asyncio.sleep(self.delay)
            errors = self.fail_with.get(channel_id)
            if errors:
                raise errors.pop(0)
            if nonce is not None and nonce in self._by_nonce:
                return self._by_nonce[nonce]
            message_id = 10_000 + len(self.sent)
            self.sent.append(Sent(channel_id, post, nonce, message_id))
            if nonce is not None:
                self._by_nonce[nonce] = message_id
            if self.on_send is not None:
                self.on_send()
            async with self._changed:
                self._changed.notify_all()
            return message_id
        finally:
            self.in_flight -= 1

    async def wait_sent(self, count: int) -> None:
        async with asyncio.timeout(5), self._changed:
            await self._changed.wait_for(lambda: len(self.sent) >= count)


class FastPacer(Pacer):
    def __init__(self) -> None:
        super().__init__(1_000_000.0)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "almanac.db"


async def open_posts(path: Path) -> tuple[Store, DailyPosts]:
    """The real store on `path` (a second call is a restart on the same database)."""
    store = await Store.open(path)
    return store, DailyPosts(store.conn)


@pytest.fixture
async def posts(db_path: Path) -> AsyncIterator[DailyPosts]:
    store, posts = await open_posts(db_path)
    try:
        yield posts
    finally:
        await store.close()


@pytest.fixture
def facts() -> FakeFacts:
    return FakeFacts(events=[event(1, "1994-06-01", "Joined PfP"), event(2, "2004-06-01")])


@pytest.fixture
def sender() -> FakeSender:
    return FakeSender()


def make_poster(
    posts: DailyPosts, facts: FakeFacts, sender: FakeSender, **kwargs: object
) -> DailyPoster:
    kwargs.setdefault("pacer", FastPacer())
    return DailyPoster(posts, StoreComposer(facts, posts), sender, **kwargs)  # type: ignore[arg-type]


async def set_up(
    poster: DailyPoster,
    guild_id: int = GUILD,
    *,
    channel_id: int = 42,
    at: time = time(9, 0),
    zone: str = "Europe/Berlin",
    fallback: str = "archive",
    now: datetime = NINE_AM_DAY1 - timedelta(hours=1),
) -> Due:
    due = await poster.first_due(guild_id, at, zone, now)
    await poster.posts.save(
        guild_id,
        channel_id=channel_id,
        post_time=at,
        timezone=zone,
        fallback=fallback,  # type: ignore[arg-type]
        next_due=due,
        now=now,
    )
    return due


# -- exactly once ----------------------------------------------------------------------------


async def test_posts_at_the_due_time_once_oldest_event_first(
    posts: DailyPosts, facts: FakeFacts, sender: FakeSender
) -> None:
    poster = make_poster(posts, facts, sender)
    due = await set_up(poster)
    assert due == Due(NINE_AM_DAY1, DAY1)

    early = await poster.run_due(NINE_AM_DAY1 - timedelta(seconds=1))
    assert early.handled == 0 and sender.sent == []

    report = await poster.run_due(NINE_AM_DAY1)
    assert report.sent == [GUILD]
    assert len(sender.sent) == 1
    post = sender.sent[0].post
    assert post.kind == "on_this_date"
    assert [d.event.id for d in post.entries] == [1, 2]
    assert [d.years_ago for d in post.entries] == [31, 21]
    assert sender.sent[0].nonce == post_nonce(GUILD, DAY1)

    again = await poster.run_due(NINE_AM_DAY1 + timedelta(minutes=5))
    assert again.handled == 0
    assert len(sender.sent) == 1
    record = await posts.record(GUILD, DAY1)
    assert record is not None
    assert (record.status, record.message_id, record.kind) == (STATUS_SENT, 10_000, "on_this_date")
    settings = await posts.get(GUILD)
    assert settings is not None and settings.next_due is not None
    assert settings.next_due.local_date == date(2025, 6, 2)


async def test_a_restart_never_doubles_a_post(
    db_path: Path, facts: FakeFacts, sender: FakeSender
) -> None:
    store, posts = await open_posts(db_path)
    poster = make_poster(posts, facts, sender)
    await set_up(poster)
    await poster.run_due(NINE_AM_DAY1)
    await store.close()

    store, posts = await open_posts(db_path)  # a new process on the same database
    try:
        poster = make_poster(posts, facts, sender)
        assert await poster.recover(NINE_AM_DAY1 + timedelta(seconds=30)) == []
        await poster.run_due(NINE_AM_DAY1 + timedelta(seconds=30))
        await poster.run_due(NINE_AM_DAY1 + timedelta(hours=8))
        assert len(sender.sent) == 1
        # And the next day posts normally.
        await poster.run_due(NINE_AM_DAY1 + timedelta(days=1))
        assert [s.post.local_date for s in sender.sent] == [DAY1, date(2025, 6, 2)]
    finally:
        await store.close()


async def test_changing_the_time_after_todays_post_does_not_post_again_today(
    posts: DailyPosts, facts: FakeFacts, sender: FakeSender
) -> None:
    poster = make_poster(posts, facts, sender)
    await set_up(poster)
    await poster.run_due(NINE_AM_DAY1)
    # At 10:00 the admin moves the post to 18:00: the next post is tomorrow at 18:00.
    due = await set_up(poster, at=time(18, 0), now=NINE_AM_DAY1 + timedelta(hours=1))
    assert due.local_date == date(2025, 6, 2)
    await poster.run_due(NINE_AM_DAY1 + timedelta(hours=9))
    assert len(sender.sent) == 1


# -- catch-up after downtime -----------------------------------------------------------------


async def test_down_at_nine_back_at_three_posts_once_late(
    posts: DailyPosts, facts: FakeFacts, sender: FakeSender
) -> None:
    poster = make_poster(posts, facts, sender)
    await set_up(poster)
    back = NINE_AM_DAY1 + timedelta(hours=6)  # 15:00 Berlin
    report = await poster.run_due(back)
    assert report.sent == [GUILD]
    await poster.run_due(back + timedelta(minutes=1))
    await poster.run_due(back + timedelta(hours=2))
    assert [s.post.local_date for s in sender.sent] == [DAY1]


async def test_back_the_next_morning_posts_nothing_for_yesterday(
    posts: DailyPosts, facts: FakeFacts, sender: FakeSender
) -> None:
    poster = make_poster(posts, facts, sender)
    await set_up(poster)
    next_morning = NINE_AM_DAY1 + timedelta(hours=23)  # 08:00 Berlin on 2 June
    report = await poster.run_due(next_morning)
    assert report.missed == [GUILD]
    assert sender.sent == []
    assert await posts.record(GUILD, DAY1) is None
    settings = await posts.get(GUILD)
    assert settings is not None
    assert settings.next_due == Due(NINE_AM_DAY1 + timedelta(days=1), date(2025, 6, 2))
    await poster.run_due(NINE_AM_DAY1 + timedelta(days=1))
    assert [s.post.local_date for s in sender.sent] == [date(2025, 6, 2)]


async def test_back_the_next_afternoon_posts_today_late_not_yesterday(
    posts: DailyPosts, facts: FakeFacts, sender: FakeSender
) -> None:
    poster = make_poster(posts, facts, sender)
    await set_up(poster)
    await poster.run_due(NINE_AM_DAY1 + timedelta(days=1, hours=6))
    await poster.run_due(NINE_AM_DAY1 + timedelta(days=1, hours=7))
    assert [s.post.local_date for s in sender.sent] == [date(2025, 6, 2)]
    assert await posts.record(GUILD, DAY1) is None


async def test_a_slot_with_an_impossible_date_is_rescheduled_not_posted_for_that_date(
    posts: DailyPosts, facts: FakeFacts, sender: FakeSender
) -> None:
    # A slot dated tomorrow but already due (the zone's rules changed under it).
    poster = make_poster(posts, facts, sender)
    await set_up(poster)
    odd = Due(NINE_AM_DAY1 - timedelta(hours=2), date(2025, 6, 2))
    settings = await posts.get(GUILD)
    assert settings is not None and settings.next_due is not None
    assert await posts.move_due(GUILD, expected=settings.next_due, new=odd)
    report = await poster.run_due(NINE_AM_DAY1 - timedelta(hours=1))  # 08:00 on 1 June
    assert report.missed == [GUILD] and sender.sent == []
    await poster.run_due(NINE_AM_DAY1)
    assert [s.post.local_date for s in sender.sent] == [DAY1]


async def test_a_send_that_finishes_after_midnight_is_still_that_days_post(
    posts: DailyPosts, facts: FakeFacts, sender: FakeSender
) -> None:
    # Due at 23:59; the send (a long queue, a slow Discord) completes after midnight.
    due_at = datetime(2025, 6, 1, 21, 59, tzinfo=UTC)
    clock = ManualClock(due_at)
    sender.on_send = lambda: clock.advance(timedelta(minutes=3))
    poster = make_poster(posts, facts, sender, clock=clock)
    await set_up(poster, at=time(23, 59))
    await poster.run_due(due_at)
    record = await posts.record(GUILD, DAY1)
    assert record is not None and record.status == STATUS_SENT
    assert record.finished_at == due_at + timedelta(minutes=3)
    # The next day still gets its own post.
    await poster.run_due(due_at + timedelta(days=1))
    assert [s.post.local_date for s in sender.sent] == [DAY1, date(2025, 6, 2)]


# -- crash between sending and recording -----------------------------------------------------


class DiesAfterSending(FakeSender):
    """Delivers the message, then the process 'dies' before the outcome is recorded."""

    async def send(self, channel_id: int, post: DailyPost, *, nonce: str | None) -> int:
        await super().send(channel_id, post, nonce=nonce)
        raise asyncio.CancelledError


async def crash_mid_send(
    db_path: Path,
    facts: FakeFacts,
    sender: FakeSender,
    at: time = time(9, 0),
    due_at: datetime = NINE_AM_DAY1,
) -> None:
    store, posts = await open_posts(db_path)
    poster = make_poster(posts, facts, DiesAfterSending())
    await set_up(poster, at=at)
    dying = poster.sender
    with pytest.raises(asyncio.CancelledError):
        await poster.run_due(due_at)
    assert isinstance(dying, FakeSender)
    # Carry over what "Discord" saw (the message exists, with its nonce).
    sender.sent.extend(dying.sent)
    sender._by_nonce.update(dying._by_nonce)
    record = await posts.record(GUILD, DAY1)
    assert record is not None and record.status == STATUS_SENDING
    await store.close()


async def test_quick_restart_resends_with_the_same_nonce_and_discord_dedups(
    db_path: Path, facts: FakeFacts, sender: FakeSender
) -> None:
    await crash_mid_send(db_path, facts, sender)
    store, posts = await open_posts(db_path)
    try:
        poster = make_poster(posts, facts, sender)
        resent = await poster.recover(NINE_AM_DAY1 + timedelta(seconds=40))
        assert resent == [GUILD]
        assert len(sender.sent) == 1  # the nonce matched: no second message
        record = await posts.record(GUILD, DAY1)
        assert record is not None
        assert (record.status, record.message_id) == (STATUS_SENT, sender.sent[0].message_id)
        await poster.run_due(NINE_AM_DAY1 + timedelta(hours=1))
        assert len(sender.sent) == 1
    finally:
        await store.close()


async def test_slow_restart_counts_the_claim_as_sent_and_never_resends(
    db_path: Path, facts: FakeFacts, sender: FakeSender
) -> None:
    await crash_mid_send(db_path, facts, sender)
    sends_before = len(sender.started)
    store, posts = await open_posts(db_path)
    try:
        poster = make_poster(posts, facts, sender)
        assert await poster.recover(NINE_AM_DAY1 + timedelta(minutes=10)) == []
        await poster.run_due(NINE_AM_DAY1 + timedelta(minutes=10))
        assert len(sender.started) == sends_before  # not even attempted
        record = await posts.record(GUILD, DAY1)
        assert record is not None and record.status == STATUS_INTERRUPTED
        last = await posts.last_post(GUILD)
        assert last is not None and last.local_date == DAY1
    finally:
        await store.close()


async def test_a_claim_from_a_day_that_has_ended_is_never_resent(
    db_path: Path, facts: FakeFacts, sender: FakeSender
) -> None:
    # Claimed at 23:59:30; back 40 seconds later (inside the resend window) but on a new day.
    claimed_at = datetime(2025, 6, 1, 21, 59, 30, tzinfo=UTC)
    await crash_mid_send(db_path, facts, sender, at=time(23, 59), due_at=claimed_at)
    sends_before = len(sender.started)
    store, posts = await open_posts(db_path)
    try:
        poster = make_poster(posts, facts, sender)
        assert await poster.recover(claimed_at + timedelta(seconds=40)) == []
        assert len(sender.started) == sends_before
        record = await posts.record(GUILD, DAY1)
        assert record is not None and record.status == STATUS_INTERRUPTED
    finally:
        await store.close()


# -- faults ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (ChannelGone("Unknown Channel (10003)"), PAUSE_CHANNEL_DELETED),
        (NoAccess("Missing Permissions (50013)", ["Send Messages"]), PAUSE_MISSING_PERMISSIONS),
    ],
)
async def test_a_dead_channel_pauses_once_without_retries_until_set_again(
    posts: DailyPosts,
    facts: FakeFacts,
    sender: FakeSender,
    caplog: pytest.LogCaptureFixture,
    error: Exception,
    reason: str,
) -> None:
    poster = make_poster(posts, facts, sender)
    await set_up(poster)
    sender.fail_with[42] = [error]
    with caplog.at_level(logging.WARNING, logger="bot.daily"):
        report = await poster.run_due(NINE_AM_DAY1)
        for days in range(1, 4):
            await poster.run_due(NINE_AM_DAY1 + timedelta(days=days))
    assert report.paused == [GUILD]
    assert sender.started == [42]  # one attempt, no retry storm over the following days
    settings = await posts.get(GUILD)
    assert settings is not None
    assert settings.paused_reason == reason
    assert settings.paused_detail == str(error)
    assert settings.next_due is None
    record = await posts.record(GUILD, DAY1)
    assert record is not None and record.status == STATUS_FAILED  # refused: nothing posted
    pauses = [r for r in caplog.records if "Paused daily posts" in r.getMessage()]
    assert len(pauses) == 1

    # The admin picks another channel: posting resumes the next day at the chosen time.
    resume_at = NINE_AM_DAY1 + timedelta(days=3, hours=1)
    due = await set_up(poster, channel_id=43, now=resume_at)
    assert due.local_date == date(2025, 6, 5)
    await poster.run_due(due.at_utc)
    assert [s.channel_id for s in sender.sent] == [43]


async def test_fixing_a_dead_channel_the_same_day_still_posts_today(
    posts: DailyPosts, facts: FakeFacts, sender: FakeSender
) -> None:
    poster = make_poster(posts, facts, sender)
    await set_up(poster)
    sender.fail_with[42] = [ChannelGone("Unknown Channel (10003)")]
    await poster.run_due(NINE_AM_DAY1)
    # At 10:00 the admin picks a new channel and 11:00: today's post goes out at 11:00, once.
    due = await set_up(poster, channel_id=43, at=time(11, 0), now=NINE_AM_DAY1 + timedelta(hours=1))
    assert due == Due(NINE_AM_DAY1 + timedelta(hours=2), DAY1)
    await poster.run_due(due.at_utc)
    await poster.run_due(due.at_utc + timedelta(hours=1))
    assert [(s.channel_id, s.post.local_date) for s in sender.sent] == [(43, DAY1)]
    record = await posts.record(GUILD, DAY1)
    assert record is not None and record.status == STATUS_SENT


async def test_transient_errors_retry_the_same_day_then_give_up(
    posts: DailyPosts, facts: FakeFacts, sender: FakeSender
) -> None:
    poster = make_poster(posts, facts, sender)
    await set_up(poster)
    sender.fail_with[42] = [TransientSendError("503"), TransientSendError("503")]
    first = await poster.run_due(NINE_AM_DAY1)
    assert first.retrying == [GUILD]
    # Nothing happens before the retry time.
    await poster.run_due(NINE_AM_DAY1 + timedelta(minutes=4))
    assert len(sender.started) == 1
    second = await poster.run_due(NINE_AM_DAY1 + timedelta(minutes=5))
    assert second.retrying == [GUILD]
    third = await poster.run_due(NINE_AM_DAY1 + timedelta(minutes=35))
    assert third.sent == [GUILD]
    assert len(sender.sent) == 1
    record = await posts.record(GUILD, DAY1)
    assert record is not None
    assert (record.status, record.attempts) == (STATUS_SENT, 3)
    # All attempts used the day's nonce, so a 5xx that did post cannot be doubled.
    settings = await posts.get(GUILD)
    assert settings is not None and settings.running
    assert settings.next_due is not None and settings.next_due.local_date == date(2025, 6, 2)


async def test_persistent_transient_errors_give_up_for_the_day_but_keep_the_schedule(
    posts: DailyPosts, facts: FakeFacts, sender: FakeSender
) -> None:
    poster = make_poster(posts, facts, sender)
    await set_up(poster)
    sender.fail_with[42] = [TransientSendError("503") for _ in range(3)]
    for minutes in (0, 5, 35, 120):
        await poster.run_due(NINE_AM_DAY1 + timedelta(minutes=minutes))
    assert len(sender.started) == 3
    record = await posts.record(GUILD, DAY1)
    assert record is not None and record.status == STATUS_UNDELIVERED
    settings = await posts.get(GUILD)
    assert settings is not None and settings.running
    await poster.run_due(NINE_AM_DAY1 + timedelta(days=1))
    assert [s.post.local_date for s in sender.sent] == [date(2025, 6, 2)]


async def test_a_retry_never_spills_into_the_next_day(
    posts: DailyPosts, facts: FakeFacts, sender: FakeSender
) -> None:
    poster = make_poster(posts, facts, sender)
    await set_up(poster, at=time(23, 58))
    sender.fail_with[42] = [TransientSendError("503")]
    report = await poster.run_due(datetime(2025, 6, 1, 21, 58, tzinfo=UTC))
    assert report.undelivered == [GUILD]
    settings = await posts.get(GUILD)
    assert settings is not None and settings.next_due is not None
    assert settings.next_due.local_date == date(2025, 6, 2)


async def test_an_unknown_error_in_the_sender_is_treated_as_transient(
    posts: DailyPosts, facts: FakeFacts, sender: FakeSender
) -> None:
    poster = make_poster(posts, facts, sender)
    await set_up(poster)
    sender.fail_with[42] = [RuntimeError("boom")]
    report = await poster.run_due(NINE_AM_DAY1)
    assert report.retrying == [GUILD]


# -- content and fallbacks -------------------------------------------------------------------


async def test_skip_fallback_posts_nothing_on_an_empty_day(
    posts: DailyPosts, sender: FakeSender
) -> None:
    poster = make_poster(posts, FakeFacts(events=[event(1, "1994-03-03")]), sender)
    await set_up(poster, fallback="skip")
    report = await poster.run_due(NINE_AM_DAY1)
    assert report.empty == [GUILD]
    assert sender.sent == []
    record = await posts.record(GUILD, DAY1)
    assert record is not None and record.status == STATUS_EMPTY


async def test_archive_fallback_does_not_repeat_within_thirty_days(
    posts: DailyPosts, sender: FakeSender
) -> None:
    facts = FakeFacts(events=[event(i, f"19{i:02d}-03-03") for i in range(1, 6)])
    poster = make_poster(posts, facts, sender)
    await set_up(poster)
    for days in range(5):
        await poster.run_due(NINE_AM_DAY1 + timedelta(days=days))
    shown = [s.post.archive_event.id for s in sender.sent if s.post.archive_event]
    assert len(sender.sent) == 5
    assert all(s.post.kind == "archive" for s in sender.sent)
    assert sorted(shown) == [1, 2, 3, 4, 5]
    # Everything was shown lately: the sixth day has nothing new to show.
    report = await poster.run_due(NINE_AM_DAY1 + timedelta(days=5))
    assert report.empty == [GUILD]
    # Thirty days after the first, the first item may come back.
    await set_up(poster, now=NINE_AM_DAY1 + timedelta(days=30, hours=1))
    await poster.run_due(NINE_AM_DAY1 + timedelta(days=31))
    assert len(sender.sent) == 6
    assert sender.sent[-1].post.archive_event is not None
    assert sender.sent[-1].post.archive_event.id == shown[0]


async def test_archive_is_per_server(posts: DailyPosts, sender: FakeSender) -> None:
    facts = FakeFacts(events=[event(1, "1990-03-03")])
    poster = make_poster(posts, facts, sender)
    await set_up(poster, GUILD, channel_id=1)
    await set_up(poster, GUILD + 1, channel_id=2)
    await poster.run_due(NINE_AM_DAY1)
    assert [s.post.archive_event.id for s in sender.sent if s.post.archive_event] == [1, 1]


async def test_archive_can_show_a_programme(posts: DailyPosts, sender: FakeSender) -> None:
    ref = ProgrammeRef(7, "PfP", "Partnership for Peace")
    detail = ProgrammeDetail(ref, "A NATO programme.", (), (), (), (), (), ())
    poster = make_poster(posts, FakeFacts(programmes=[detail]), sender)
    await set_up(poster)
    await poster.run_due(NINE_AM_DAY1)
    assert sender.sent[0].post.archive_programme == detail
    assert await posts.archive_shown_since(GUILD, DAY1) == {("programme", 7)}


async def test_leap_day_events_appear_on_28_february_in_common_years(
    posts: DailyPosts, sender: FakeSender
) -> None:
    facts = FakeFacts(events=[event(1, "2000-02-29", "leap"), event(2, "1990-02-28", "eve")])
    poster = make_poster(posts, facts, sender)
    feb28 = datetime(2025, 2, 28, 8, 0, tzinfo=UTC)  # 09:00 CET
    await set_up(poster, now=feb28 - timedelta(hours=1))
    await poster.run_due(feb28)
    assert [d.event.id for d in sender.sent[0].post.entries] == [2, 1]  # oldest first


async def test_a_spring_forward_gap_posts_at_the_first_minute_after_it(
    posts: DailyPosts, facts: FakeFacts, sender: FakeSender
) -> None:
    poster = make_poster(posts, facts, sender)
    await set_up(poster, at=time(2, 30), now=datetime(2025, 3, 29, 12, 0, tzinfo=UTC))
    await poster.run_due(datetime(2025, 3, 30, 0, 59, tzinfo=UTC))  # 01:59 CET
    assert sender.sent == []
    await poster.run_due(datetime(2025, 3, 30, 1, 0, tzinfo=UTC))  # 03:00 CEST
    assert [s.post.local_date for s in sender.sent] == [date(2025, 3, 30)]


async def test_fall_back_posts_once_at_the_first_occurrence(
    posts: DailyPosts, facts: FakeFacts, sender: FakeSender
) -> None:
    poster = make_poster(posts, facts, sender)
    await set_up(poster, at=time(2, 30), now=datetime(2025, 10, 25, 12, 0, tzinfo=UTC))
    first = datetime(2025, 10, 26, 0, 30, tzinfo=UTC)  # 02:30 CEST
    second = datetime(2025, 10, 26, 1, 30, tzinfo=UTC)  # 02:30 CET
    await poster.run_due(first)
    await poster.run_due(second)
    assert [s.post.local_date for s in sender.sent] == [date(2025, 10, 26)]


# -- many servers: concurrency, fairness, pacing, shards -------------------------------------


async def test_bounded_concurrency_and_due_order(
    posts: DailyPosts, facts: FakeFacts, sender: FakeSender
) -> None:
    poster = make_poster(posts, facts, sender, concurrency=4)
    # 40 servers due over 40 minutes, inserted in scrambled order; all due by 09:40.
    for n in sorted(range(40), key=lambda n: (n * 17) % 40):
        await set_up(poster, GUILD + n, channel_id=n, at=time(9, n))
    sender.delay = 0.002
    report = await poster.run_due(NINE_AM_DAY1 + timedelta(minutes=40))
    assert len(report.sent) == 40
    assert sender.max_in_flight <= 4
    assert sender.max_in_flight >= 2  # it does run sends side by side
    # First come, first served by due time: with 4 workers a send starts at most 3 places
    # away from its position in due order.
    for position, channel in enumerate(sender.started):
        assert abs(position - channel) <= 3


async def test_shards_split_servers_without_overlap(posts: DailyPosts, facts: FakeFacts) -> None:
    ids = [(n << 22) + 99 for n in range(8)]
    senders = [FakeSender(), FakeSender()]
    posters = [
        make_poster(posts, facts, senders[shard], shards=ShardFilter(2, (shard,)))
        for shard in (0, 1)
    ]
    for guild_id in ids:
        await set_up(posters[0], guild_id, channel_id=guild_id)
    await asyncio.gather(*(p.run_due(NINE_AM_DAY1) for p in posters))
    shard0 = {s.channel_id for s in senders[0].sent}
    shard1 = {s.channel_id for s in senders[1].sent}
    assert shard0 == {g for g in ids if (g >> 22) % 2 == 0}
    assert shard1 == {g for g in ids if (g >> 22) % 2 == 1}
    assert posters[1].owns(ids[1]) and not posters[1].owns(ids[0])


# -- the loop --------------------------------------------------------------------------------


async def test_the_loop_sleeps_until_due_and_wakes_on_changes(
    posts: DailyPosts, facts: FakeFacts, sender: FakeSender
) -> None:
    clock = WatchedClock(NINE_AM_DAY1 - timedelta(hours=1))
    poster = make_poster(posts, facts, sender, clock=clock)
    passes = PassWatcher(poster)
    await set_up(poster, now=clock.now())
    task = asyncio.create_task(poster.run_forever())
    try:
        assert (await passes.completed_since(0)).handled == 0  # at 08:00 nothing is due
        assert sender.sent == []
        mark = passes.mark()
        await clock.set_when_asleep(NINE_AM_DAY1)  # the clock alone wakes it
        assert (await passes.completed_since(mark)).sent == [GUILD]

        # A new server saved for 09:30: the loop is woken, sees it is not due yet, and
        # posts it when the clock reaches 09:30.
        await set_up(poster, GUILD + 1, channel_id=7, at=time(9, 30), now=clock.now())
        mark = passes.mark()
        poster.wake()
        assert (await passes.completed_since(mark)).handled == 0
        assert len(sender.sent) == 1
        mark = passes.mark()
        await clock.set_when_asleep(NINE_AM_DAY1 + timedelta(minutes=30))
        assert (await passes.completed_since(mark)).sent == [GUILD + 1]
        assert sender.sent[1].channel_id == 7
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
