"""Per-server daily-post settings, the post log and the archive history (SQL lives here only).

`DailyPosts` wraps the store's aiosqlite connection. Cogs and the scheduler call its methods and
never write SQL. Instants are stored as unix seconds and returned as aware UTC datetimes.

The post log is what makes posts exactly-once: see :meth:`DailyPosts.claim`.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any, Literal

import aiosqlite

from bot.schedule import Due, format_post_time, parse_post_time

Fallback = Literal["skip", "archive"]
FALLBACKS: tuple[Fallback, ...] = ("archive", "skip")

# Why a schedule stopped by itself. Running /dailypost set again clears any of them.
PAUSE_CHANNEL_DELETED = "channel_deleted"
PAUSE_MISSING_PERMISSIONS = "missing_permissions"
PAUSE_BOT_REMOVED = "bot_removed"
PAUSE_BAD_SETTINGS = "bad_settings"

# Post log statuses. 'sending' is a claim in flight; every other status settles the day.
STATUS_SENDING = "sending"
STATUS_SENT = "sent"
STATUS_EMPTY = "empty"  # nothing to show and the fallback is 'skip'
STATUS_FAILED = "failed"  # a transient error; may be claimed again the same day
STATUS_UNDELIVERED = "undelivered"  # gave up for the day (channel gone, retries used up)
STATUS_INTERRUPTED = "interrupted"  # the process died between claim and record: counts as sent

_SETTINGS_COLUMNS = (
    "guild_id, channel_id, post_time, timezone, fallback, enabled, paused_reason, "
    "paused_detail, paused_at, next_due_utc, next_due_date, updated_at, updated_by"
)
_LOG_COLUMNS = (
    "guild_id, local_date, status, channel_id, nonce, message_id, kind, attempts, "
    "claimed_at, finished_at, detail"
)


def _to_unix(instant: datetime) -> int:
    if instant.tzinfo is None:
        raise ValueError("instants must be timezone-aware")
    return int(instant.timestamp())


def _from_unix(value: int | None) -> datetime | None:
    return None if value is None else datetime.fromtimestamp(value, UTC)


@dataclass(frozen=True, slots=True)
class DailyPostSettings:
    guild_id: int
    channel_id: int
    post_time: time
    timezone: str  # a key from bot.timezones.parse_zone
    fallback: Fallback
    enabled: bool
    paused_reason: str | None  # one of the PAUSE_* values, None while running
    paused_detail: str | None
    paused_at: datetime | None
    next_due: Due | None  # None while off or paused
    updated_at: datetime
    updated_by: int | None

    @property
    def running(self) -> bool:
        return self.enabled and self.paused_reason is None


@dataclass(frozen=True, slots=True)
class PostRecord:
    """One row of the post log: what happened to one server's post for one local date."""

    guild_id: int
    local_date: date
    status: str  # one of the STATUS_* values
    channel_id: int
    nonce: str
    message_id: int | None
    kind: str | None  # "on_this_date" | "archive" | None
    attempts: int
    claimed_at: datetime
    finished_at: datetime | None
    detail: str | None


@dataclass(frozen=True, slots=True)
class ShardFilter:
    """Which servers this process posts for: `(guild_id >> 22) % shard_count in shard_ids`."""

    shard_count: int
    shard_ids: tuple[int, ...]

    def owns(self, guild_id: int) -> bool:
        return (guild_id >> 22) % self.shard_count in self.shard_ids

    def sql(self) -> tuple[str, list[int]]:
        """A WHERE fragment and its parameters selecting the same servers as :meth:`owns`."""
        marks = ", ".join("?" for _ in self.shard_ids)
        return f"((guild_id >> 22) % ?) IN ({marks})", [self.shard_count, *self.shard_ids]


def _settings(row: Sequence[Any]) -> DailyPostSettings:
    next_due = None
    if row[9] is not None and row[10] is not None:
        next_due = Due(datetime.fromtimestamp(row[9], UTC), date.fromisoformat(row[10]))
    return DailyPostSettings(
        guild_id=row[0],
        channel_id=row[1],
        post_time=parse_post_time(row[2]),
        timezone=row[3],
        fallback=row[4],
        enabled=bool(row[5]),
        paused_reason=row[6],
        paused_detail=row[7],
        paused_at=_from_unix(row[8]),
        next_due=next_due,
        updated_at=datetime.fromtimestamp(row[11], UTC),
        updated_by=row[12],
    )


def _record(row: Sequence[Any]) -> PostRecord:
    return PostRecord(
        guild_id=row[0],
        local_date=date.fromisoformat(row[1]),
        status=row[2],
        channel_id=row[3],
        nonce=row[4],
        message_id=row[5],
        kind=row[6],
        attempts=row[7],
        claimed_at=datetime.fromtimestamp(row[8], UTC),
        finished_at=_from_unix(row[9]),
        detail=row[10],
    )


# One lock per connection: aiosqlite runs every statement on one thread, but coroutines
# interleave between awaits, and a second BEGIN inside someone else's transaction fails.
_LOCKS: weakref.WeakKeyDictionary[aiosqlite.Connection, asyncio.Lock] = weakref.WeakKeyDictionary()


def connection_lock(conn: aiosqlite.Connection) -> asyncio.Lock:
    """The lock that serialises this module's transactions on `conn`."""
    lock = _LOCKS.get(conn)
    if lock is None:
        lock = _LOCKS[conn] = asyncio.Lock()
    return lock


async def _move_next_due(
    conn: aiosqlite.Connection, guild_id: int, *, expected: Due, new: Due
) -> bool:
    """Inside a transaction: set the server's next_due to `new` if it still is `expected`.

    Comparing with what the caller read makes a concurrent change (an admin's /dailypost set,
    another pass) win: then nothing is written and False is returned.
    """
    cursor = await conn.execute(
        """
        UPDATE daily_post_settings SET next_due_utc = ?, next_due_date = ?
        WHERE guild_id = ? AND next_due_utc = ? AND next_due_date = ?
        """,
        (
            _to_unix(new.at_utc),
            new.local_date.isoformat(),
            guild_id,
            _to_unix(expected.at_utc),
            expected.local_date.isoformat(),
        ),
    )
    return cursor.rowcount == 1


class DailyPosts:
    """Daily-post settings and history on the store's connection (``DailyPosts(store.conn)``).

    Every method is one transaction. Database errors (aiosqlite.Error) propagate unchanged.
    """

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        async with connection_lock(self._conn):
            if self._conn.in_transaction:
                # Left open by a transaction cancelled mid-BEGIN: nothing in it was committed.
                await self._conn.execute("ROLLBACK")
            await self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                await self._conn.execute("ROLLBACK")
                raise
            else:
                await self._conn.execute("COMMIT")

    async def _fetchone(self, sql: str, params: Iterable[Any] = ()) -> Any:
        async with self._conn.execute(sql, tuple(params)) as cursor:
            return await cursor.fetchone()

    async def _fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        async with self._conn.execute(sql, tuple(params)) as cursor:
            return list(await cursor.fetchall())

    # -- settings ------------------------------------------------------------------------------

    async def get(self, guild_id: int) -> DailyPostSettings | None:
        """The server's settings, or None if it never set up daily posts."""
        row = await self._fetchone(
            f"SELECT {_SETTINGS_COLUMNS} FROM daily_post_settings WHERE guild_id = ?",
            (guild_id,),
        )
        return None if row is None else _settings(row)

    async def save(
        self,
        guild_id: int,
        *,
        channel_id: int,
        post_time: time,
        timezone: str,
        fallback: Fallback,
        next_due: Due,
        now: datetime,
        updated_by: int | None = None,
    ) -> DailyPostSettings:
        """Create or replace the server's settings, turn posting on and clear any pause.

        Raises ValueError for a fallback other than 'skip' or 'archive'.
        """
        if fallback not in FALLBACKS:
            raise ValueError(f"fallback must be one of {FALLBACKS}, not {fallback!r}")
        async with self._transaction() as conn:
            await conn.execute(
                """
                INSERT INTO daily_post_settings (guild_id, channel_id, post_time, timezone,
                    fallback, enabled, paused_reason, paused_detail, paused_at, next_due_utc,
                    next_due_date, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, 1, NULL, NULL, NULL, ?, ?, ?, ?)
                ON CONFLICT (guild_id) DO UPDATE SET
                    channel_id = excluded.channel_id, post_time = excluded.post_time,
                    timezone = excluded.timezone, fallback = excluded.fallback, enabled = 1,
                    paused_reason = NULL, paused_detail = NULL, paused_at = NULL,
                    next_due_utc = excluded.next_due_utc, next_due_date = excluded.next_due_date,
                    updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """,
                (
                    guild_id,
                    channel_id,
                    format_post_time(post_time),
                    timezone,
                    fallback,
                    _to_unix(next_due.at_utc),
                    next_due.local_date.isoformat(),
                    _to_unix(now),
                    updated_by,
                ),
            )
        saved = await self.get(guild_id)
        assert saved is not None
        return saved

    async def turn_off(
        self, guild_id: int, *, now: datetime, updated_by: int | None = None
    ) -> bool:
        """Stop the server's daily posts (settings are kept for /dailypost status and a later
        /dailypost set). False when the server had no daily posts or they were already off.
        """
        async with self._transaction() as conn:
            cursor = await conn.execute(
                """
                UPDATE daily_post_settings
                SET enabled = 0, next_due_utc = NULL, next_due_date = NULL,
                    updated_at = ?, updated_by = ?
                WHERE guild_id = ? AND enabled = 1
                """,
                (_to_unix(now), updated_by, guild_id),
            )
            return cursor.rowcount == 1

    async def pause(self, guild_id: int, *, reason: str, detail: str, now: datetime) -> bool:
        """Take the server off the schedule until an admin runs /dailypost set again, keeping
        why. False when it was not running (already off or paused: the first reason stays).
        """
        async with self._transaction() as conn:
            cursor = await conn.execute(
                """
                UPDATE daily_post_settings
                SET paused_reason = ?, paused_detail = ?, paused_at = ?,
                    next_due_utc = NULL, next_due_date = NULL
                WHERE guild_id = ? AND enabled = 1 AND paused_reason IS NULL
                """,
                (reason, detail, _to_unix(now), guild_id),
            )
            return cursor.rowcount == 1

    # -- the schedule --------------------------------------------------------------------------

    async def earliest_due(self, shards: ShardFilter | None = None) -> datetime | None:
        """The earliest next_due of running servers on these shards, or None if there is none."""
        where, params = ("", []) if shards is None else shards.sql()
        row = await self._fetchone(
            "SELECT MIN(next_due_utc) FROM daily_post_settings WHERE next_due_utc IS NOT NULL"
            + (f" AND {where}" if where else ""),
            params,
        )
        return _from_unix(row[0]) if row else None

    async def due(
        self, now: datetime, shards: ShardFilter | None = None, limit: int | None = None
    ) -> list[DailyPostSettings]:
        """Running servers whose next_due is at or before `now`, earliest first (ties by id)."""
        where, params = ("", []) if shards is None else shards.sql()
        sql = (
            f"SELECT {_SETTINGS_COLUMNS} FROM daily_post_settings "
            "WHERE next_due_utc IS NOT NULL AND next_due_utc <= ?"
            + (f" AND {where}" if where else "")
            + " ORDER BY next_due_utc, guild_id"
        )
        args: list[Any] = [_to_unix(now), *params]
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        return [_settings(row) for row in await self._fetchall(sql, args)]

    async def move_due(self, guild_id: int, *, expected: Due, new: Due) -> bool:
        """Move a server's next_due from `expected` to `new` (e.g. past a day that was missed).

        False, changing nothing, when the settings no longer hold `expected` (an admin changed
        them in the meantime).
        """
        async with self._transaction() as conn:
            return await _move_next_due(conn, guild_id, expected=expected, new=new)

    async def claim(
        self,
        guild_id: int,
        *,
        expected: Due,
        channel_id: int,
        nonce: str,
        next_due: Due,
        now: datetime,
        local_date: date | None = None,
        max_attempts: int = 3,
    ) -> PostRecord | None:
        """Claim the post for `local_date` (default `expected.local_date`; a later date when a
        missed slot is replaced by today's) and move next_due on, in one transaction.

        Returns the 'sending' record when the caller should send now. Returns None when it must
        not: the settings changed since `expected` was read (nothing is written), or the day is
        already settled or in flight (next_due still moves on, so the server is not picked up
        again). A 'failed' day is claimed again while it has had fewer than `max_attempts`.
        """
        day = (local_date or expected.local_date).isoformat()
        async with self._transaction() as conn:
            if not await _move_next_due(conn, guild_id, expected=expected, new=next_due):
                return None
            claimed = await conn.execute(
                """
                INSERT INTO daily_post_log (guild_id, local_date, status, channel_id, nonce,
                    attempts, claimed_at)
                VALUES (?, ?, 'sending', ?, ?, 1, ?)
                ON CONFLICT (guild_id, local_date) DO UPDATE SET
                    status = 'sending', channel_id = excluded.channel_id,
                    attempts = daily_post_log.attempts + 1, claimed_at = excluded.claimed_at,
                    finished_at = NULL
                WHERE daily_post_log.status = 'failed' AND daily_post_log.attempts < ?
                """,
                (guild_id, day, channel_id, nonce, _to_unix(now), max_attempts),
            )
            if claimed.rowcount != 1:
                return None
        return await self.record(guild_id, date.fromisoformat(day))

    async def finish(
        self,
        guild_id: int,
        local_date: date,
        *,
        status: str,
        now: datetime,
        message_id: int | None = None,
        kind: str | None = None,
        detail: str | None = None,
    ) -> None:
        """Settle a claimed day: 'sent' (with message_id), 'empty', 'failed' or 'undelivered'.

        Raises ValueError for 'sending' or an unknown status.
        """
        if status not in (STATUS_SENT, STATUS_EMPTY, STATUS_FAILED, STATUS_UNDELIVERED):
            raise ValueError(f"cannot finish a post as {status!r}")
        async with self._transaction() as conn:
            await conn.execute(
                """
                UPDATE daily_post_log
                SET status = ?, message_id = ?, kind = ?, detail = ?, finished_at = ?
                WHERE guild_id = ? AND local_date = ?
                """,
                (status, message_id, kind, detail, _to_unix(now), guild_id, local_date.isoformat()),
            )

    async def retry_later(
        self, guild_id: int, local_date: date, *, retry: Due, detail: str, now: datetime
    ) -> bool:
        """Record a transient failure and bring the same day back at `retry.at_utc`.

        The schedule moves only if it still points at the day after (the claim's next_due) or
        later: an admin's change in the meantime wins. False when the schedule was not moved.
        """
        async with self._transaction() as conn:
            await conn.execute(
                """
                UPDATE daily_post_log SET status = 'failed', detail = ?, finished_at = ?
                WHERE guild_id = ? AND local_date = ? AND status = 'sending'
                """,
                (detail, _to_unix(now), guild_id, local_date.isoformat()),
            )
            cursor = await conn.execute(
                """
                UPDATE daily_post_settings SET next_due_utc = ?, next_due_date = ?
                WHERE guild_id = ? AND next_due_date > ?
                """,
                (
                    _to_unix(retry.at_utc),
                    retry.local_date.isoformat(),
                    guild_id,
                    local_date.isoformat(),
                ),
            )
            return cursor.rowcount == 1

    async def record(self, guild_id: int, local_date: date) -> PostRecord | None:
        """The log row for that server and local date, if any."""
        row = await self._fetchone(
            f"SELECT {_LOG_COLUMNS} FROM daily_post_log WHERE guild_id = ? AND local_date = ?",
            (guild_id, local_date.isoformat()),
        )
        return None if row is None else _record(row)

    async def settled(self, guild_id: int, local_date: date) -> bool:
        """True when that day's post is done or in flight (anything but absent or 'failed')."""
        found = await self.record(guild_id, local_date)
        return found is not None and found.status != STATUS_FAILED

    async def last_post(self, guild_id: int) -> PostRecord | None:
        """The most recent day that was posted, found empty, or interrupted; None if none."""
        row = await self._fetchone(
            f"""
            SELECT {_LOG_COLUMNS} FROM daily_post_log
            WHERE guild_id = ? AND status IN ('sent', 'empty', 'interrupted')
            ORDER BY local_date DESC LIMIT 1
            """,
            (guild_id,),
        )
        return None if row is None else _record(row)

    async def last_record(self, guild_id: int) -> PostRecord | None:
        """The most recent log row whatever its status (failures included); None if none."""
        row = await self._fetchone(
            f"""
            SELECT {_LOG_COLUMNS} FROM daily_post_log
            WHERE guild_id = ? ORDER BY local_date DESC LIMIT 1
            """,
            (guild_id,),
        )
        return None if row is None else _record(row)

    async def in_flight(self, shards: ShardFilter | None = None) -> list[PostRecord]:
        """Claims still 'sending': at start-up, posts a previous process may or may not have
        sent before it stopped.
        """
        where, params = ("", []) if shards is None else shards.sql()
        return [
            _record(row)
            for row in await self._fetchall(
                f"SELECT {_LOG_COLUMNS} FROM daily_post_log WHERE status = 'sending'"
                + (f" AND {where}" if where else "")
                + " ORDER BY claimed_at, guild_id",
                params,
            )
        ]

    async def mark_interrupted(self, guild_id: int, local_date: date, *, now: datetime) -> None:
        """Settle an in-flight claim as 'interrupted': counted as posted, never sent again."""
        async with self._transaction() as conn:
            await conn.execute(
                """
                UPDATE daily_post_log SET status = 'interrupted', finished_at = ?,
                    detail = 'The bot stopped between claiming and recording this post.'
                WHERE guild_id = ? AND local_date = ? AND status = 'sending'
                """,
                (_to_unix(now), guild_id, local_date.isoformat()),
            )

    # -- the archive fallback ------------------------------------------------------------------

    async def archive_shown_since(self, guild_id: int, since: date) -> set[tuple[str, int]]:
        """(kind, item_id) pairs the archive showed this server on `since` or later."""
        rows = await self._fetchall(
            "SELECT kind, item_id FROM daily_archive_shown WHERE guild_id = ? AND shown_on >= ?",
            (guild_id, since.isoformat()),
        )
        return {(kind, item_id) for kind, item_id in rows}

    async def record_archive_shown(
        self, guild_id: int, kind: Literal["event", "programme"], item_id: int, shown_on: date
    ) -> None:
        """Remember that the archive showed this item to this server on that local date."""
        async with self._transaction() as conn:
            await conn.execute(
                """
                INSERT INTO daily_archive_shown (guild_id, kind, item_id, shown_on)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (guild_id, kind, item_id) DO UPDATE SET shown_on = excluded.shown_on
                """,
                (guild_id, kind, item_id, shown_on.isoformat()),
            )
