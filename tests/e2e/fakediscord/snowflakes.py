"""Snowflake ids and Discord-style timestamps for the fake."""

from __future__ import annotations

import time
from datetime import UTC, datetime

DISCORD_EPOCH_MS = 1_420_070_400_000


class SnowflakeFactory:
    """Hands out unique, increasing snowflakes.

    Each id gets its own millisecond (at least one past the previous one) so that the
    timestamp bits differ between consecutive ids. That matters for sharding: Discord routes
    a guild to shard `(guild_id >> 22) % shard_count`, and guilds created in a tight loop must
    still spread evenly over the shards as they do in real life.
    """

    def __init__(self, worker: int = 0) -> None:
        self._last_ms = 0
        self._worker = worker & 0x1F  # factories with different workers never collide

    def next(self) -> int:
        """A fresh snowflake, greater than every snowflake this factory made before."""
        now_ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        self._last_ms = max(now_ms, self._last_ms + 1)
        return (self._last_ms << 22) | (self._worker << 17)


def iso_now() -> str:
    """The current time as Discord writes timestamps (ISO 8601, UTC, with offset)."""
    return datetime.now(UTC).isoformat()
