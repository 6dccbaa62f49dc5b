"""The daily "on this date" posts: one scheduler loop for every server, Discord-agnostic.

:class:`DailyPoster` finds the servers whose post is due (``bot.store.servers``), claims each
day in the post log before sending (so no day is ever posted twice), composes the post
(``bot.daily_content``), and hands it to a :class:`PostSender` (the Discord side lives in
``cogs.dailypost``). Sends are paced by a FIFO token bucket and bounded in concurrency, so ten
thousand servers due in the same minute respect Discord's global rate limit and are served
in due order.

Exactly-once policy (docs/daily-posts.md): a day is claimed as 'sending' before the message
is sent and recorded after. A claim left 'sending' by a process that died is resent with the
same nonce if it is at most `resend_window` old (Discord's ``enforce_nonce`` returns the first
message instead of posting a second one); an older one is counted as sent (at-most-once).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Protocol

from bot.clocks import Clock, SystemClock
from bot.daily_content import DailyPost, PostComposer
from bot.pacing import Pacer
from bot.schedule import (
    Due,
    due_now_or_next,
    local_date_of,
    next_due_after,
    next_due_from,
)
from bot.store.servers import (
    PAUSE_BAD_SETTINGS,
    PAUSE_BOT_REMOVED,
    PAUSE_CHANNEL_DELETED,
    PAUSE_MISSING_PERMISSIONS,
    STATUS_EMPTY,
    STATUS_FAILED,
    STATUS_SENT,
    STATUS_UNDELIVERED,
    DailyPosts,
    DailyPostSettings,
    PostRecord,
    ShardFilter,
)
from bot.timezones import UnknownTimezone, zone_from_key

log = logging.getLogger(__name__)

# Discord allows 50 requests per second per bot; stay under it so other commands have room.
DEFAULT_RATE = 47.0
DEFAULT_CONCURRENCY = 16
# The loop never sleeps longer than this, so a clock jump or a missed wake-up costs a minute.
MAX_SLEEP = 60.0
# A transient failure (Discord 5xx, network) is retried this long after each failed attempt,
# within the same local day; then the day is given up.
RETRY_DELAYS = (timedelta(minutes=5), timedelta(minutes=30))
# Discord remembers message nonces for "a few minutes"; within this window a resend with the
# same nonce cannot double a post.
RESEND_WINDOW = timedelta(minutes=2)


# -- what the scheduler needs from the outside -------------------------------------------


class PostSender(Protocol):
    async def send(self, channel_id: int, post: DailyPost, *, nonce: str | None) -> int:
        """Send `post` to the channel and return the message id.

        A 429 must be waited out inside (discord.py does). Raises ChannelGone, NoAccess,
        BotNotInServer or TransientSendError; anything else is treated as transient too.
        """
        ...


class SendError(Exception):
    """A post could not be delivered; the message says why, for the log and /dailypost status."""


class ChannelGone(SendError):
    """The channel was deleted (Discord 404, code 10003)."""


class NoAccess(SendError):
    """The bot may not see or post in the channel (Discord 403, codes 50001 / 50013)."""

    def __init__(self, message: str, missing: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.missing = tuple(missing)


class BotNotInServer(SendError):
    """The bot is no longer a member of the server."""


class TransientSendError(SendError):
    """Discord failed or could not be reached (5xx, network); the same day may be retried."""


# -- the scheduler ---------------------------------------------------------------------------


def post_nonce(guild_id: int, local_date: date) -> str:
    """The nonce for a server's post on a local date: the same on every attempt and process,
    so Discord can recognise a resend. Digits only, at most 19 (Discord allows 25).
    """
    digest = hashlib.sha256(f"almanac-daily:{guild_id}:{local_date.isoformat()}".encode())
    return str(int.from_bytes(digest.digest()[:8], "big") >> 1)


@dataclass(slots=True)
class PassReport:
    """What one :meth:`DailyPoster.run_due` pass did, server ids per outcome."""

    sent: list[int] = field(default_factory=list)
    empty: list[int] = field(default_factory=list)
    retrying: list[int] = field(default_factory=list)
    undelivered: list[int] = field(default_factory=list)
    paused: list[int] = field(default_factory=list)
    missed: list[int] = field(default_factory=list)  # due on a past day: moved on, not posted
    not_claimed: list[int] = field(default_factory=list)  # already settled or changed meanwhile

    @property
    def progressed(self) -> bool:
        """Whether any server's schedule moved on (else a pass found only stale reads)."""
        return self.handled > len(self.not_claimed)

    @property
    def handled(self) -> int:
        return sum(
            len(ids)
            for ids in (
                self.sent,
                self.empty,
                self.retrying,
                self.undelivered,
                self.paused,
                self.missed,
                self.not_claimed,
            )
        )


@dataclass(frozen=True, slots=True)
class Job:
    """One server's post to deliver in this pass."""

    settings: DailyPostSettings
    local_date: date
    claim: PostRecord


PAUSE_HELP = {
    PAUSE_CHANNEL_DELETED: (
        "The channel for daily posts was deleted. Run /dailypost set with another channel "
        "to resume."
    ),
    PAUSE_MISSING_PERMISSIONS: (
        "I lost permission to post in the daily-post channel. Give me View Channel, Send "
        "Messages and Embed Links there, then run /dailypost set again to resume."
    ),
    PAUSE_BOT_REMOVED: (
        "I am no longer a member of this server. Invite me again, then run /dailypost set."
    ),
    PAUSE_BAD_SETTINGS: (
        "The saved time zone is no longer valid. Run /dailypost set with a current time zone "
        "to resume."
    ),
}


class DailyPoster:
    """The single scheduler for every server's daily post (or, sharded, every server on this
    process's shards).

    Drive it with :meth:`run_forever` (the bot) or :meth:`run_due` (tests, benchmarks).
    `rate` is sends per second across all servers; `concurrency` bounds sends in flight.
    """

    def __init__(
        self,
        posts: DailyPosts,
        composer: PostComposer,
        sender: PostSender,
        *,
        clock: Clock | None = None,
        shards: ShardFilter | None = None,
        rate: float = DEFAULT_RATE,
        concurrency: int = DEFAULT_CONCURRENCY,
        pacer: Pacer | None = None,
        retry_delays: Sequence[timedelta] = RETRY_DELAYS,
        resend_window: timedelta = RESEND_WINDOW,
        max_sleep: float = MAX_SLEEP,
    ) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        self.posts = posts
        self.composer = composer
        self.sender = sender
        self.clock: Clock = clock or SystemClock()
        self.shards = shards
        self.pacer = pacer or Pacer(rate)
        self.concurrency = concurrency
        self.retry_delays = tuple(retry_delays)
        self.resend_window = resend_window
        self.max_sleep = max_sleep
        self._wake = asyncio.Event()

    # -- settings changes ----------------------------------------------------------------------

    def owns(self, guild_id: int) -> bool:
        """Whether this process posts for that server (always, unless sharded)."""
        return self.shards is None or self.shards.owns(guild_id)

    async def first_due(self, guild_id: int, at: time, zone_key: str, now: datetime) -> Due:
        """The first slot after `now` for new settings, skipping a local date whose post is
        already done (changing the time after today's post does not post again today).

        Raises UnknownTimezone for a bad zone key.
        """
        zone = zone_from_key(zone_key)
        due = next_due_after(now, at, zone)
        while await self.posts.settled(guild_id, due.local_date):
            due = next_due_from(due.local_date + timedelta(days=1), at, zone)
        return due

    def wake(self) -> None:
        """Re-read the schedule now (settings changed); cheap, callable from any coroutine."""
        self._wake.set()

    # -- start-up --------------------------------------------------------------------------------

    async def recover(self, now: datetime) -> list[int]:
        """Settle claims a previous process left 'sending' (it died between send and record).

        A claim at most `resend_window` old, for a day that is still today, is sent again with
        its nonce (Discord deduplicates); older ones are marked 'interrupted' and count as
        posted. Returns the ids of servers whose post was resent.
        """
        resent: list[int] = []
        for record in await self.posts.in_flight(self.shards):
            settings = await self.posts.get(record.guild_id)
            fresh = now - record.claimed_at <= self.resend_window
            today = None
            if settings is not None:
                try:
                    today = local_date_of(now, zone_from_key(settings.timezone))
                except UnknownTimezone:
                    today = None
            if settings is None or not settings.running or not fresh or today != record.local_date:
                log.warning(
                    "Daily post for guild %s on %s was interrupted between sending and "
                    "recording; counting it as sent (not resending).",
                    record.guild_id,
                    record.local_date,
                )
                await self.posts.mark_interrupted(record.guild_id, record.local_date, now=now)
                continue
            report = PassReport()
            await self._deliver(Job(settings, record.local_date, record), now, report)
            if report.sent or report.empty:
                resent.append(record.guild_id)
        return resent

    # -- the loop --------------------------------------------------------------------------------

    async def run_forever(self) -> None:
        """Recover, then post whatever is due, sleep until the next due instant (at most
        `max_sleep`, or until :meth:`wake`), and repeat. Cancel the task to stop.
        """
        try:
            await self.recover(self.clock.now())
        except Exception:
            # Unsettled claims stay 'sending' and are never claimed again: nothing doubles.
            log.exception("Could not settle interrupted daily posts; carrying on")
        while True:
            self._wake.clear()
            now = self.clock.now()
            report = PassReport()
            try:
                report = await self.run_due(now)
            except Exception:
                log.exception("Daily post pass failed; retrying within a minute")
            delay = self.max_sleep
            try:
                earliest = await self.posts.earliest_due(self.shards)
            except Exception:
                log.exception("Could not read the daily post schedule")
                earliest = None
            if earliest is not None:
                delay = min(self.max_sleep, (earliest - self.clock.now()).total_seconds())
            if delay <= 0 and not report.progressed:
                # Something is due but nothing moved on: do not spin.
                delay = 1.0
            if delay > 0:
                await self._sleep_or_wake(delay)

    async def _sleep_or_wake(self, seconds: float) -> None:
        sleeper = asyncio.ensure_future(self.clock.sleep(seconds))
        waker = asyncio.ensure_future(self._wake.wait())
        try:
            await asyncio.wait((sleeper, waker), return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (sleeper, waker):
                task.cancel()

    async def run_due(self, now: datetime) -> PassReport:
        """Post for every server (on this process's shards) due at or before `now`, earliest
        due first, at most `concurrency` at a time and paced to `rate` sends per second.

        A server due on a local date that is over (the bot was down all that day) is moved to
        its next slot without posting; one due earlier today posts now, late.
        Returns what happened to each server; per-server errors never escape.
        """
        report = PassReport()
        due = await self.posts.due(now, self.shards)
        if not due:
            return report
        queue: asyncio.Queue[DailyPostSettings] = asyncio.Queue()
        for settings in due:
            queue.put_nowait(settings)

        async def worker() -> None:
            while True:
                try:
                    settings = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                try:
                    job = await self._claim(settings, now, report)
                    if job is not None:
                        await self._deliver(job, now, report)
                except Exception:
                    log.exception("Daily post for guild %s failed unexpectedly", settings.guild_id)

        workers = min(self.concurrency, len(due))
        await asyncio.gather(*(worker() for _ in range(workers)))
        log.info(
            "Daily posts: %d sent, %d empty, %d retrying, %d undelivered, %d paused, %d missed",
            len(report.sent),
            len(report.empty),
            len(report.retrying),
            len(report.undelivered),
            len(report.paused),
            len(report.missed),
        )
        return report

    async def _claim(
        self, settings: DailyPostSettings, now: datetime, report: PassReport
    ) -> Job | None:
        """Decide which local date this due server posts for, and claim it."""
        stored = settings.next_due
        assert stored is not None  # due() only returns scheduled servers
        guild_id = settings.guild_id
        try:
            zone = zone_from_key(settings.timezone)
        except UnknownTimezone as exc:
            await self._pause(guild_id, PAUSE_BAD_SETTINGS, str(exc), now, report)
            return None

        today = local_date_of(now, zone)
        target = stored
        if stored.local_date != today:
            # The bot was down through that day's slot and the day is over: never post for a
            # past day. Today's slot, if it has passed too, posts now (late); else later.
            # (A slot dated after today cannot be due unless the tz rules changed under it;
            # it is rescheduled the same way.)
            target = due_now_or_next(now, settings.post_time, zone)
            if target.at_utc > now or target.local_date != today:
                await self.posts.move_due(guild_id, expected=stored, new=target)
                report.missed.append(guild_id)
                return None

        following = next_due_from(target.local_date + timedelta(days=1), settings.post_time, zone)
        claim = await self.posts.claim(
            guild_id,
            expected=stored,
            local_date=target.local_date,
            channel_id=settings.channel_id,
            nonce=post_nonce(guild_id, target.local_date),
            next_due=following,
            now=now,
            max_attempts=len(self.retry_delays) + 1,
        )
        if claim is None:
            report.not_claimed.append(guild_id)
            return None
        return Job(settings, target.local_date, claim)

    async def _deliver(self, job: Job, now: datetime, report: PassReport) -> None:
        """Compose and send a claimed post, then record the outcome."""
        settings, guild_id, day = job.settings, job.settings.guild_id, job.local_date
        try:
            post = await self.composer.compose(settings, day)
        except Exception as exc:
            log.exception("Could not compose the daily post for guild %s", guild_id)
            await self._retry_or_give_up(job, f"Could not compose the post: {exc}", now, report)
            return
        if post is None:
            await self.posts.finish(guild_id, day, status=STATUS_EMPTY, now=self.clock.now())
            report.empty.append(guild_id)
            return

        await self.pacer.acquire()
        try:
            message_id = await self.sender.send(settings.channel_id, post, nonce=job.claim.nonce)
        except ChannelGone as exc:
            await self._undeliverable(job, PAUSE_CHANNEL_DELETED, str(exc), report)
            return
        except NoAccess as exc:
            await self._undeliverable(job, PAUSE_MISSING_PERMISSIONS, str(exc), report)
            return
        except BotNotInServer as exc:
            await self._undeliverable(job, PAUSE_BOT_REMOVED, str(exc), report)
            return
        except Exception as exc:
            if not isinstance(exc, TransientSendError):
                log.exception("Unexpected error sending the daily post for guild %s", guild_id)
            await self._retry_or_give_up(job, str(exc) or type(exc).__name__, now, report)
            return

        finished = self.clock.now()
        await self.posts.finish(
            guild_id, day, status=STATUS_SENT, message_id=message_id, kind=post.kind, now=finished
        )
        item = post.archive_item
        if item is not None:
            await self.posts.record_archive_shown(guild_id, item[0], item[1], day)
        report.sent.append(guild_id)

    async def _undeliverable(self, job: Job, reason: str, detail: str, report: PassReport) -> None:
        now = self.clock.now()
        guild_id = job.settings.guild_id
        # Discord refused the post outright, so nothing was posted: the day stays 'failed'
        # (not settled), and if an admin fixes the channel later today with /dailypost set,
        # today's post can still go out at the new time.
        await self.posts.finish(
            guild_id, job.local_date, status=STATUS_FAILED, detail=detail, now=now
        )
        await self._pause(guild_id, reason, detail, now, report)

    async def _pause(
        self, guild_id: int, reason: str, detail: str, now: datetime, report: PassReport
    ) -> None:
        if await self.posts.pause(guild_id, reason=reason, detail=detail, now=now):
            # Logged once: a paused server is off the schedule until an admin acts.
            log.warning("Paused daily posts for guild %s (%s): %s", guild_id, reason, detail)
        report.paused.append(guild_id)

    async def _retry_or_give_up(
        self, job: Job, detail: str, now: datetime, report: PassReport
    ) -> None:
        guild_id = job.settings.guild_id
        attempt = job.claim.attempts
        if attempt <= len(self.retry_delays):
            try:
                zone = zone_from_key(job.settings.timezone)
            except UnknownTimezone:
                zone = None
            retry_at = now + self.retry_delays[attempt - 1]
            if zone is not None and local_date_of(retry_at, zone) == job.local_date:
                retry = Due(retry_at, job.local_date)
                await self.posts.retry_later(
                    guild_id, job.local_date, retry=retry, detail=detail, now=self.clock.now()
                )
                log.info(
                    "Daily post for guild %s failed (%s); retrying at %s",
                    guild_id,
                    detail,
                    retry_at,
                )
                report.retrying.append(guild_id)
                return
        await self.posts.finish(
            guild_id,
            job.local_date,
            status=STATUS_UNDELIVERED,
            detail=detail,
            now=self.clock.now(),
        )
        log.warning("Gave up today's daily post for guild %s: %s", guild_id, detail)
        report.undelivered.append(guild_id)
