"""The fact store: the one object the CLI and the cogs hold.

    async with await Store.open(path) as store:
        await store.ingest(facts)
        page = await store.timeline(start_year=1990, topic="PfP")

Reads go through `conn` (also used by bot.store.servers). Ingest writes through a second
connection of its own, so that its transaction never mixes with statements other coroutines
send meanwhile; readers see an article's facts all at once, when it commits (WAL).

Programme names are matched in memory (bot.store.programme_index). The index follows this
Store's own ingests at once, and another process's (``python -m bot ingest`` while the bot
runs) within INDEX_CHECK_SECONDS: the programme_generation table counts every change.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType

import aiosqlite

from bot.facts import Facts
from bot.store import ingest as _ingest
from bot.store import queries, search
from bot.store.db import connect, migrate
from bot.store.programme_index import ProgrammeIndex
from bot.store.results import (
    IngestResult,
    OnThisDate,
    ProgrammeLookup,
    ProgrammeRef,
    SearchPage,
    SourceRef,
    SourceSummary,
    Stats,
    TimelinePage,
)

__all__ = ["Store"]

# How often programme lookups check for programmes changed by another process.
INDEX_CHECK_SECONDS = 2.0


class Store:
    """Almanac's facts in SQLite. Open with `await Store.open(path)`; every query is a
    coroutine returning the values of bot.store.results."""

    def __init__(
        self,
        path: Path,
        conn: aiosqlite.Connection,
        writer: aiosqlite.Connection,
        index: ProgrammeIndex,
        generation: int,
    ) -> None:
        self.path = path
        self._conn = conn
        self._writer = writer
        self._index = index
        self._generation = generation  # programme_generation that the index reflects
        self._checked_at = time.monotonic()
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path | str) -> Store:
        """Open (creating it and its folder if needed) and migrate the database at `path`.

        Raises StoreOpenError when the file cannot be opened as a database, MigrationError
        (or SchemaTooNewError) when its schema cannot be brought up to date.
        """
        path = Path(path)
        conn = await connect(path)
        writer = None
        try:
            await migrate(conn)
            writer = await connect(path)
            generation = await queries.programme_generation(conn)
            index = await queries.load_programme_index(conn)
        except BaseException:
            await conn.close()
            if writer is not None:
                await writer.close()
            raise
        return cls(path, conn, writer, index, generation)

    async def close(self) -> None:
        await self._writer.close()
        await self._conn.close()

    async def __aenter__(self) -> Store:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    @property
    def conn(self) -> aiosqlite.Connection:
        """The read connection, shared with bot.store.servers."""
        return self._conn

    # -- writing -------------------------------------------------------------------------------

    async def ingest(self, facts: Facts) -> IngestResult:
        """Save one article's facts in one transaction (see bot.store.ingest for identity).

        Raises InvalidFactsError (nothing saved) for malformed facts, StoreError when the
        database refuses the write; the store is then exactly as before.
        """
        async with self._write_lock:
            outcome = await _ingest.ingest_facts(self._writer, facts, now=datetime.now(UTC))
        await self._follow(outcome.programmes)
        return outcome.result

    async def remove_article(self, article_id: int) -> bool:
        """Delete an article with its facts (and programmes only it mentioned); False when
        there is no such article."""
        async with self._write_lock:
            changes = await _ingest.remove_article(self._writer, article_id)
        if changes is None:
            return False
        await self._follow(changes)
        return True

    async def _follow(self, changes: _ingest.ProgrammeChanges) -> None:
        """Bring the programme index up to date after one of our writes."""
        if changes.generation is None:
            return
        before, after = changes.generation
        if before == self._generation:
            await queries.refresh_programme_index(self._conn, self._index, changes.touched)
            self._generation = after
        else:  # another process changed programmes too
            await self._reload_index()

    async def _programmes(self) -> ProgrammeIndex:
        """The programme index, reloaded first if another process changed programmes."""
        now = time.monotonic()
        if now - self._checked_at >= INDEX_CHECK_SECONDS:
            self._checked_at = now
            if await queries.programme_generation(self._conn) != self._generation:
                await self._reload_index()
        return self._index

    async def _reload_index(self) -> None:
        # Read the generation first: a change that lands during the load is seen next time.
        generation = await queries.programme_generation(self._conn)
        self._index = await queries.load_programme_index(self._conn)
        self._generation = generation

    async def set_meta(self, key: str, value: str) -> None:
        await queries.set_meta(self._conn, key, value)

    # -- reading -------------------------------------------------------------------------------

    async def get_meta(self, key: str) -> str | None:
        return await queries.get_meta(self._conn, key)

    async def timeline(
        self,
        start_year: int | None = None,
        end_year: int | None = None,
        topic: str | None = None,
        limit: int = 10,
        offset: int = 0,
    ) -> TimelinePage:
        """See bot.store.queries.timeline."""
        index = await self._programmes() if topic else self._index
        return await queries.timeline(self._conn, index, start_year, end_year, topic, limit, offset)

    async def programme(self, name: str) -> ProgrammeLookup:
        """See bot.store.queries.programme."""
        return await queries.programme(self._conn, await self._programmes(), name)

    async def programme_choices(self, current: str, limit: int = 25) -> list[ProgrammeRef]:
        """Autocomplete choices for `current` (at most `limit`, at most 25); see
        ProgrammeIndex.choices. Reads no database, except every INDEX_CHECK_SECONDS to see
        whether another process changed programmes."""
        return (await self._programmes()).choices(current, min(limit, 25))

    async def on_this_date(self, month: int, day: int, today: date) -> OnThisDate:
        """See bot.store.queries.on_this_date."""
        return await queries.on_this_date(self._conn, month, day, today)

    async def search(self, query: str, limit: int = 10, offset: int = 0) -> SearchPage:
        """See bot.store.search.search."""
        return await search.search(self._conn, query, limit, offset)

    async def sources(self, limit: int | None = None, offset: int = 0) -> list[SourceSummary]:
        """See bot.store.queries.sources."""
        return await queries.sources(self._conn, limit, offset)

    async def find_article(self, ref: str | int) -> SourceRef | None:
        """The article with id `ref` (an int, or a str of digits), else the one read from the
        file at path `ref` (relative paths are resolved as ingest resolves them)."""
        if isinstance(ref, int) or ref.isdigit():
            return await queries.article_by_id(self._conn, int(ref))
        absolute = await asyncio.to_thread(lambda: str(Path(ref).resolve()))
        return await queries.article_for_path(self._conn, absolute)

    async def stats(self) -> Stats:
        return await queries.stats(self._conn)
