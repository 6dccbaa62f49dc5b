"""What a daily post shows: the day's events from the store, else the server's fallback.

:class:`StoreComposer` turns a server's settings and local date into a :class:`DailyPost`,
a plain value the Discord side (``cogs.dailypost.render_post``) renders; the scheduler
(``bot.daily``) decides when and sends it.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, Protocol

from bot.schedule import calendar_days
from bot.store.results import (
    DatedEntry,
    EventEntry,
    OnThisDate,
    ProgrammeDetail,
    ProgrammeLookup,
    ProgrammeRef,
    Stats,
    TimelinePage,
)
from bot.store.servers import DailyPosts, DailyPostSettings


@dataclass(frozen=True, slots=True)
class DailyPost:
    """What one server's post for one local date shows, before any Discord rendering."""

    guild_id: int
    local_date: date
    kind: Literal["on_this_date", "archive"]
    # kind "on_this_date": the events of that month and day in any year, oldest first. On
    # 28 February of a common year they include 29 February's (see schedule.calendar_days).
    entries: tuple[DatedEntry, ...] = ()
    # kind "archive": exactly one of these.
    archive_event: EventEntry | None = None
    archive_programme: ProgrammeDetail | None = None
    test: bool = False  # a /dailypost test post: marked as such, not recorded
    # kind "on_this_date": how many events the day has in all (the store caps `entries`).
    total: int = 0

    @property
    def archive_item(self) -> tuple[Literal["event", "programme"], int] | None:
        if self.archive_event is not None:
            return ("event", self.archive_event.id)
        if self.archive_programme is not None:
            return ("programme", self.archive_programme.ref.id)
        return None


class PostComposer(Protocol):
    async def compose(
        self, settings: DailyPostSettings, local_date: date, *, test: bool = False
    ) -> DailyPost | None:
        """The post for that server and local date, or None when there is nothing to post
        (no events that day and the server's fallback is 'skip').
        """
        ...


class FactSource(Protocol):
    """The parts of bot.store.Store that daily posts read."""

    async def on_this_date(self, month: int, day: int, today: date) -> OnThisDate: ...

    async def stats(self) -> Stats: ...

    async def timeline(
        self,
        start_year: int | None = None,
        end_year: int | None = None,
        topic: str | None = None,
        limit: int = 10,
        offset: int = 0,
    ) -> TimelinePage: ...

    async def programme_choices(self, current: str, limit: int = 25) -> list[ProgrammeRef]: ...

    async def programme(self, name: str) -> ProgrammeLookup: ...


# How long the archive fallback avoids repeating an item to the same server.
ARCHIVE_MEMORY = timedelta(days=30)
# Random probes into the event list before falling back to reading it page by page.
_ARCHIVE_PROBES = 12
_ARCHIVE_PAGE = 100


class StoreComposer:
    """Composes posts from the store: the day's events, else the server's fallback.

    The archive pick is pseudo-random but reproducible per server and date (so a resend after
    a crash shows the same item), and avoids anything shown to the server in ARCHIVE_MEMORY.
    """

    def __init__(self, facts: FactSource, posts: DailyPosts) -> None:
        self.facts = facts
        self.posts = posts

    async def compose(
        self, settings: DailyPostSettings, local_date: date, *, test: bool = False
    ) -> DailyPost | None:
        entries: list[DatedEntry] = []
        total = 0
        for month, day in calendar_days(local_date):
            found = await self.facts.on_this_date(month, day, local_date)
            entries.extend(found.entries)
            total += found.total if found.total is not None else len(found.entries)
        guild_id = settings.guild_id
        if entries:
            entries.sort(key=lambda dated: (dated.event.date, dated.event.id))
            return DailyPost(
                guild_id,
                local_date,
                "on_this_date",
                tuple(entries),
                test=test,
                total=max(total, len(entries)),
            )
        if settings.fallback == "skip":
            return None
        return await self.archive(guild_id, local_date, test=test)

    async def archive(
        self, guild_id: int, local_date: date, *, test: bool = False
    ) -> DailyPost | None:
        """One event or programme explanation the server has not been shown in ARCHIVE_MEMORY,
        labelled as from the archive; None when every item was shown recently (or none exist).
        """
        shown = await self.posts.archive_shown_since(guild_id, local_date - ARCHIVE_MEMORY)
        seed = hashlib.sha256(f"almanac-archive:{guild_id}:{local_date}".encode()).digest()
        rng = random.Random(seed)
        # Mostly events (a dated fact reads well on its own), sometimes a programme.
        kinds = ("event", "programme") if rng.random() < 2 / 3 else ("programme", "event")
        for kind in kinds:
            if kind == "event":
                event = await self._unshown_event(shown, rng)
                if event is not None:
                    return DailyPost(
                        guild_id, local_date, "archive", archive_event=event, test=test
                    )
            else:
                detail = await self._unshown_programme(shown, rng)
                if detail is not None:
                    return DailyPost(
                        guild_id, local_date, "archive", archive_programme=detail, test=test
                    )
        return None

    async def _unshown_event(
        self, shown: set[tuple[str, int]], rng: random.Random
    ) -> EventEntry | None:
        total = (await self.facts.stats()).events
        if total == 0:
            return None
        if total > _ARCHIVE_PAGE:
            for _ in range(_ARCHIVE_PROBES):
                page = await self.facts.timeline(limit=1, offset=rng.randrange(total))
                if page.entries and ("event", page.entries[0].id) not in shown:
                    return page.entries[0]
        # Few events, or most of them shown lately: read them all and pick among the rest.
        candidates: list[EventEntry] = []
        for offset in range(0, total, _ARCHIVE_PAGE):
            page = await self.facts.timeline(limit=_ARCHIVE_PAGE, offset=offset)
            candidates.extend(e for e in page.entries if ("event", e.id) not in shown)
        return rng.choice(candidates) if candidates else None

    async def _unshown_programme(
        self, shown: set[tuple[str, int]], rng: random.Random
    ) -> ProgrammeDetail | None:
        refs = [
            ref
            for ref in await self.facts.programme_choices("", limit=25)
            if ("programme", ref.id) not in shown
        ]
        rng.shuffle(refs)
        for ref in refs:
            found = (await self.facts.programme(ref.acronym or ref.name or "")).found
            if found is not None and found.ref.id == ref.id and found.explanation.strip():
                return found
        return None
