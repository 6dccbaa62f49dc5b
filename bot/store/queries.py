"""The store's read queries: timeline, programmes, on this date, sources, stats, meta.

Each function takes the aiosqlite connection (and the in-memory programme index where names
are matched) and returns the plain values of bot.store.results. Search: bot.store.search.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date

import aiosqlite

from bot.daytext import day_label
from bot.store.ingest import ALL_EVENTS
from bot.store.programme_index import IndexedProgramme, ProgrammeIndex
from bot.store.results import (
    DatedEntry,
    EventEntry,
    OnThisDate,
    ProgrammeDetail,
    ProgrammeLookup,
    ProgrammeRef,
    SourceRef,
    SourceSummary,
    Stats,
    TimelinePage,
)
from bot.store.rows import marks, select_events, select_events_and

MAX_PAGE = 100  # the most entries one timeline page returns
# Pages further into a window than this skip whole periods by their counts first.
DEEP_PAGE = 500
PROGRAMME_EVENTS = 50  # events shown with a programme (the rest: timeline with its topic)
PROGRAMME_SOURCES = 25
ON_THIS_DATE_LIMIT = 25  # a post or a page shows fewer; `total` tells how many there are
_CHRONOLOGICAL = "ORDER BY e.date, e.end_year, e.id"
_RELATIONS = ("part_of", "parts", "succeeded_by", "preceded_by")
_REVERSED = {"part_of": "parts", "succeeded_by": "preceded_by"}

# -- programmes in memory ----------------------------------------------------------------------


async def load_programme_index(conn: aiosqlite.Connection) -> ProgrammeIndex:
    """The programme index for everything in the database."""
    return ProgrammeIndex(await _indexed_programmes(conn, None))


async def programme_generation(conn: aiosqlite.Connection) -> int:
    """How many writes have changed programmes (see the programme_generation table)."""
    rows = await conn.execute_fetchall("SELECT value FROM programme_generation WHERE id = 1")
    return int(rows[0][0]) if rows else 0


async def refresh_programme_index(
    conn: aiosqlite.Connection, index: ProgrammeIndex, programme_ids: Iterable[int]
) -> None:
    """Bring `programme_ids` in `index` up to date with the database (changed or deleted)."""
    ids = sorted(set(programme_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        changed = await _indexed_programmes(conn, chunk)
        present = {p.ref.id for p in changed}
        index.update(changed, removed=[i for i in chunk if i not in present])


async def _indexed_programmes(
    conn: aiosqlite.Connection, ids: Sequence[int] | None
) -> list[IndexedProgramme]:
    where, params = ("", ()) if ids is None else (f"WHERE id IN ({marks(ids)})", tuple(ids))
    programmes = await conn.execute_fetchall(
        f"SELECT id, acronym, name, mentions FROM programmes {where}", params
    )
    where = "" if ids is None else f"WHERE programme_id IN ({marks(ids)})"
    acronyms: dict[int, set[str]] = {}
    names: dict[int, set[str]] = {}
    for programme_id, acronym, name in await conn.execute_fetchall(
        f"SELECT DISTINCT programme_id, acronym_key, name_key FROM programme_mentions {where}",
        params,
    ):
        if acronym:
            acronyms.setdefault(programme_id, set()).add(acronym)
        if name:
            names.setdefault(programme_id, set()).add(name)
    return [
        IndexedProgramme(
            ref=ProgrammeRef(pid, acronym, name),
            mentions=mentions,
            acronym_keys=frozenset(acronyms.get(pid, ())),
            name_keys=frozenset(names.get(pid, ())),
        )
        for pid, acronym, name, mentions in programmes
    ]


# -- timeline ----------------------------------------------------------------------------------


async def timeline(
    conn: aiosqlite.Connection,
    index: ProgrammeIndex,
    start_year: int | None = None,
    end_year: int | None = None,
    topic: str | None = None,
    limit: int = 10,
    offset: int = 0,
) -> TimelinePage:
    """Events in chronological order: by start date (a year before its months, a month before
    its days), then by end, then as ingested.

    A year window keeps every event that overlaps it: a range from 1997 to 2003 is in
    --from 2000 --to 2010, listed among the events before 2000 by its start. A reversed window
    is read the right way round. `topic` is matched like `programme` (acronym, name, typos);
    when it matches no programme the page is empty and `topic` is None. `limit` is capped at
    MAX_PAGE. Raises ValueError for a negative offset, a limit below 1 or a year outside
    0-9999.
    """
    if limit < 1 or offset < 0:
        raise ValueError("limit must be at least 1 and offset at least 0")
    for year in (start_year, end_year):
        if year is not None and not 0 <= year <= 9999:
            raise ValueError(f"years run from 0 to 9999, not {year}")
    limit = min(limit, MAX_PAGE)
    if start_year is not None and end_year is not None and start_year > end_year:
        start_year, end_year = end_year, start_year
    programme_id, ref = ALL_EVENTS, None
    if topic is not None and topic.strip():
        found = index.resolve(topic)
        ref = index.get(found) if found is not None else None
        if ref is None:
            return TimelinePage((), 0, offset, limit, None)
        programme_id = ref.id
    window, entries = await _Window.read(conn, programme_id, start_year, end_year, limit, offset)
    return TimelinePage(tuple(entries), window.total, offset, limit, ref)


class _Window:
    """One year window of one programme's events (or of all events), counted from
    event_year_counts: the events that start inside it, and before them the ranges that start
    earlier and reach into it ("straddling")."""

    def __init__(self, programme_id: int, start_year: int | None, end_year: int | None) -> None:
        self.programme_id = programme_id
        self.start_year = start_year
        self.end_year = end_year
        self.low = _year_text(start_year) if start_year is not None else ""
        self.high = _year_text(end_year + 1) if end_year is not None else None
        self.straddling = self.inside = self.total = 0
        # For a deep page: the period holding its first event inside the window, and how
        # many events start in the window before that period. The page then reads that
        # period only, not everything before it.
        self.deep_start: tuple[str, int] | None = None

    @classmethod
    async def read(
        cls,
        conn: aiosqlite.Connection,
        programme_id: int,
        start_year: int | None,
        end_year: int | None,
        limit: int,
        offset: int,
    ) -> tuple[_Window, list[EventEntry]]:
        """The window, counted, and its page of `limit` events from `offset`."""
        window = cls(programme_id, start_year, end_year)
        counts = window._counts_sql(offset)
        if start_year is None and offset < DEEP_PAGE:
            # Nothing straddles a window without a start, and a shallow page needs no counts
            # to find where it starts: the counts ride along with the page's events.
            entries, counted = await window._starting(conn, window.low, limit, offset, counts)
            if counted is not None:
                window._count(str(counted))
                return window, entries
        rows = await conn.execute_fetchall(f"SELECT {counts[0]}", counts[1])
        window._count(rows[0][0])
        return window, await window._page(conn, limit, offset)

    def _counts_sql(self, offset: int) -> tuple[str, tuple[object, ...]]:
        """An SQL expression (numbered parameters ?1-?5, so that it can come before other,
        plain ones) for the window's counts, as JSON [events starting before the window,
        events ending before it, events starting in it, deep start]. For a page at `offset`
        at least DEEP_PAGE deep, deep start is [its period, events in the window before that
        period], found by year, then by period within the year; else null."""
        first = self.start_year if self.start_year is not None else -1
        last = self.end_year if self.end_year is not None else 10_000
        sql = (
            "(WITH counted AS (SELECT "
            "  coalesce(sum(starts) FILTER (WHERE year < ?2), 0) AS starts_before, "
            "  coalesce(sum(ends) FILTER (WHERE year < ?2), 0) AS ends_before, "
            "  coalesce(sum(starts) FILTER (WHERE year >= ?2), 0) AS inside "
            "  FROM event_year_counts WHERE programme_id = ?1 AND year <= ?3), "
            "wanted AS (SELECT ?4 - (starts_before - ends_before) AS inside_offset FROM counted), "
            "deep_year AS (SELECT year, running - starts AS skipped FROM ("
            "    SELECT year, starts, sum(starts) OVER (ORDER BY year) AS running "
            "    FROM event_year_counts WHERE programme_id = ?1 AND year >= ?2 AND year <= ?3 "
            "    AND starts > 0) "
            "  WHERE ?4 >= ?5 AND running > (SELECT inside_offset FROM wanted) "
            "  ORDER BY year LIMIT 1), "
            "deep_period AS (SELECT period, deep_year.skipped + running - starts AS skipped "
            "  FROM deep_year, ("
            "    SELECT period, starts, sum(starts) OVER (ORDER BY period) AS running "
            "    FROM event_counts WHERE programme_id = ?1 "
            "    AND period >= printf('%04d', (SELECT year FROM deep_year)) "
            "    AND period < printf('%04d', (SELECT year FROM deep_year) + 1) AND starts > 0) "
            "  WHERE deep_year.skipped + running > (SELECT inside_offset FROM wanted) "
            "  ORDER BY period LIMIT 1) "
            "SELECT json_array(starts_before, ends_before, inside, "
            "  (SELECT json_array(period, skipped) FROM deep_period)) FROM counted)"
        )
        return sql, (self.programme_id, first, last, offset, DEEP_PAGE)

    def _count(self, counted: str) -> None:
        starts_before, ends_before, self.inside, deep_start = json.loads(counted)
        # An event that ends before the window also starts before it: the rest straddle.
        self.straddling = starts_before - ends_before
        self.total = self.straddling + self.inside
        self.deep_start = tuple(deep_start) if deep_start is not None else None

    async def _page(self, conn: aiosqlite.Connection, limit: int, offset: int) -> list[EventEntry]:
        entries: list[EventEntry] = []
        if offset < self.straddling:
            entries += await self._straddling(conn, min(limit, self.straddling - offset), offset)
        remaining = limit - len(entries)
        offset_inside = max(0, offset - self.straddling)
        if remaining > 0 and offset_inside < self.inside:
            start, skipped = self.low, 0
            if self.deep_start is not None and self.deep_start[1] <= offset_inside:
                start, skipped = self.deep_start
            found, _ = await self._starting(conn, start, remaining, offset_inside - skipped)
            entries += found
        return entries

    async def _starting(
        self,
        conn: aiosqlite.Connection,
        start: str,
        limit: int,
        offset: int,
        extra: tuple[str, tuple[object, ...]] = ("NULL", ()),
    ) -> tuple[list[EventEntry], object]:
        """The events starting inside the window from `start` on (with `extra`, an SQL
        expression computed in the same statement, see select_events_and)."""
        params: list[object] = [start]
        before_end = ""
        if self.high is not None:
            before_end = "AND date < ? "
            params.append(self.high)
        if self.programme_id == ALL_EVENTS:
            inner = (
                f"SELECT id FROM events WHERE date >= ? {before_end}"
                "ORDER BY date, end_year, id LIMIT ? OFFSET ?"
            )
        else:
            inner = (
                f"SELECT event_id FROM event_programmes WHERE programme_id = ? AND date >= ? "
                f"{before_end}ORDER BY date, end_year, event_id LIMIT ? OFFSET ?"
            )
            params.insert(0, self.programme_id)
        return await select_events_and(
            conn,
            *extra,
            f"WHERE e.id IN ({inner}) {_CHRONOLOGICAL}",
            (*params, limit, offset),
        )

    async def _straddling(
        self, conn: aiosqlite.Connection, limit: int, offset: int
    ) -> list[EventEntry]:
        assert self.start_year is not None  # only a window with a start has straddlers
        # Ranges starting before the window start at most the longest span before it.
        earliest = (
            "printf('%04d', max(0, ? - (SELECT coalesce(max(end_year - start_year), 0) "
            "FROM events WHERE end_year > start_year)))"
        )
        params: tuple[object, ...] = (self.start_year, self.low, self.start_year)
        if self.programme_id == ALL_EVENTS:
            inner = (
                "SELECT id FROM events INDEXED BY events_ranges WHERE end_year > start_year "
                f"AND date >= {earliest} AND date < ? AND end_year >= ? "
                "ORDER BY date, end_year, id LIMIT ? OFFSET ?"
            )
        else:
            inner = (
                "SELECT event_id FROM event_programmes INDEXED BY event_programmes_ranges "
                f"WHERE programme_id = ? AND end_year > start_year AND date >= {earliest} "
                "AND date < ? AND end_year >= ? ORDER BY date, end_year, event_id LIMIT ? OFFSET ?"
            )
            params = (self.programme_id, *params)
        return await select_events(
            conn, f"WHERE e.id IN ({inner}) {_CHRONOLOGICAL}", (*params, limit, offset)
        )


def _year_text(year: int) -> str:
    return f"{year:04d}"


# -- programmes --------------------------------------------------------------------------------


async def programme(
    conn: aiosqlite.Connection, index: ProgrammeIndex, name: str, *, suggestions: int = 5
) -> ProgrammeLookup:
    """The programme `name` means (see ProgrammeIndex.resolve), with its explanation, its first
    PROGRAMME_EVENTS events in chronological order (events_total counts all), its relations
    both ways and its sources (oldest first, at most PROGRAMME_SOURCES); or found=None and up
    to `suggestions` programmes it may have meant."""
    found = index.resolve(name)
    detail = await programme_detail(conn, index, found) if found is not None else None
    if detail is None:
        return ProgrammeLookup(None, tuple(index.suggest(name, suggestions)))
    return ProgrammeLookup(detail, ())


# Everything about programme ? but its events, as one JSON array: acronym, name, explanation,
# events in all, relations [[kind, other id, 1 if reversed]], sources (at most ?, oldest first).
_PROGRAMME_DETAIL = (
    "(SELECT json_array(p.acronym, p.name, p.explanation, "
    "  (SELECT coalesce(sum(starts), 0) FROM event_year_counts WHERE programme_id = p.id), "
    "  (SELECT json_group_array(json_array(kind, other, reverse)) FROM ("
    "     SELECT DISTINCT kind, other_id AS other, 0 AS reverse FROM programme_relations "
    "     WHERE programme_id = p.id "
    "     UNION SELECT DISTINCT kind, programme_id, 1 FROM programme_relations "
    "     WHERE other_id = p.id)), "
    "  (SELECT json_group_array(json_array(id, title, published_on, author, url)) FROM ("
    "     SELECT id, title, published_on, author, url FROM articles WHERE id IN "
    "     (SELECT article_id FROM programme_mentions WHERE programme_id = p.id) "
    "     ORDER BY published_on IS NULL, published_on, id LIMIT ?))) "
    "FROM programmes p WHERE p.id = ?)"
)


async def programme_detail(
    conn: aiosqlite.Connection, index: ProgrammeIndex, programme_id: int
) -> ProgrammeDetail | None:
    """Everything about one programme; None when there is no such programme."""
    events, detail = await select_events_and(
        conn,
        _PROGRAMME_DETAIL,
        (PROGRAMME_SOURCES, programme_id),
        "WHERE e.id IN (SELECT event_id FROM event_programmes WHERE programme_id = ? "
        f"ORDER BY date, end_year, event_id LIMIT ?) {_CHRONOLOGICAL}",
        (programme_id, PROGRAMME_EVENTS),
    )
    if not events:  # no event row to carry the detail: ask for it alone
        rows = await conn.execute_fetchall(
            f"SELECT {_PROGRAMME_DETAIL}", (PROGRAMME_SOURCES, programme_id)
        )
        detail = rows[0][0]
    if detail is None:
        return None
    acronym, name, explanation, events_total, relations_found, sources_found = json.loads(detail)
    relations: dict[str, list[ProgrammeRef]] = {k: [] for k in _RELATIONS}
    for kind, other_id, reverse in sorted(relations_found):
        ref = index.get(other_id)
        if ref is not None:
            relations[_REVERSED[kind] if reverse else kind].append(ref)
    sources = sorted(
        (SourceRef(*row) for row in sources_found),
        key=lambda s: (s.published_on is None, s.published_on or "", s.article_id),
    )
    return ProgrammeDetail(
        ref=ProgrammeRef(programme_id, acronym, name),
        explanation=explanation,
        events=tuple(events),
        part_of=tuple(relations["part_of"]),
        parts=tuple(relations["parts"]),
        succeeded_by=tuple(relations["succeeded_by"]),
        preceded_by=tuple(relations["preceded_by"]),
        sources=tuple(sources),
        events_total=int(events_total),
    )


# -- on this date ------------------------------------------------------------------------------


async def on_this_date(
    conn: aiosqlite.Connection,
    month: int,
    day: int,
    today: date,
    *,
    limit: int = ON_THIS_DATE_LIMIT,
) -> OnThisDate:
    """Events dated to the day (day precision) on `month`/`day` of any year up to `today`,
    oldest first, at most `limit` of them (`total` counts all); years_ago is today's year minus
    the event's year. Events dated after `today` are not history yet and are left out.

    Fallback, when the day has no events: the events of the nearest calendar day before it
    and the nearest after it that have any (going round the year end; a day more than half a
    year away only when the other side has none nearer), the earlier day first, each oldest
    first and at most `limit` per day; fallback_note names those days. 29 February is a day
    like any other.
    Raises ValueError for a day that no year has (e.g. 31 April).
    """
    date(2000, month, day)  # a leap year: validates, and allows 29 February
    cutoff = today.isoformat()
    entries, total = await _day_entries(conn, month, day, cutoff, today, limit)
    if entries:
        return OnThisDate(month, day, tuple(entries), (), None, total=total)
    nearest = await _nearest_days(conn, month, day, cutoff)
    fallback: list[DatedEntry] = []
    for near_month, near_day in nearest:
        fallback += (await _day_entries(conn, near_month, near_day, cutoff, today, limit))[0]
    if nearest:
        days = " and ".join(day_label(m, d) for m, d in nearest)
        note = f"The nearest {'dates' if len(nearest) > 1 else 'date'} with events: {days}."
    else:
        note = "No events dated to the day are on record yet."
    return OnThisDate(month, day, (), tuple(fallback), note, total=0)


async def _day_entries(
    conn: aiosqlite.Connection, month: int, day: int, cutoff: str, today: date, limit: int
) -> tuple[list[DatedEntry], int]:
    """The first `limit` events of the day, and how many there are in all."""
    events, total = await select_events_and(
        conn,
        "(SELECT count(*) FROM events WHERE month = ? AND day = ? AND date <= ?)",
        (month, day, cutoff),
        "WHERE e.id IN (SELECT id FROM events WHERE month = ? AND day = ? AND date <= ? "
        "ORDER BY date, id LIMIT ?) ORDER BY e.date, e.id",
        (month, day, cutoff, limit),
    )
    return [DatedEntry(e, today.year - int(e.date[:4])) for e in events], int(total or 0)


async def _nearest_days(
    conn: aiosqlite.Connection, month: int, day: int, cutoff: str
) -> list[tuple[int, int]]:
    """The nearest calendar days before and after month/day with events, round the year; a
    day more than half a year away is left out when the other side has a nearer one."""
    sql = (
        "SELECT month, day FROM events WHERE month IS NOT NULL AND date <= ? {where} "
        "ORDER BY month {order}, day {order} LIMIT 1"
    )
    sides: list[tuple[int, int, int]] = []  # (days away, month, day)
    for where, order, sign in (
        ("AND (month, day) < (?, ?)", "DESC", -1),
        ("AND (month, day) > (?, ?)", "", 1),
    ):
        rows = await conn.execute_fetchall(
            sql.format(where=where, order=order), (cutoff, month, day)
        )
        if not rows:  # round the year: the last day with events before 1 January...
            rows = await conn.execute_fetchall(sql.format(where="", order=order), (cutoff,))
        if rows:
            found_month, found_day = rows[0]
            away = sign * (_day_of_year(found_month, found_day) - _day_of_year(month, day)) % 366
            sides.append((away, found_month, found_day))
    if not sides:
        return []
    nearest = min(sides)[0]
    kept = [(m, d) for away, m, d in sides if away <= 183 or away == nearest]
    return list(dict.fromkeys(kept))


def _day_of_year(month: int, day: int) -> int:
    return date(2000, month, day).timetuple().tm_yday  # a leap year: 29 February has a place


# -- sources, stats, meta ----------------------------------------------------------------------


async def sources(
    conn: aiosqlite.Connection, limit: int | None = None, offset: int = 0
) -> list[SourceSummary]:
    """Every article with how many facts it gave, newest first (undated ones last)."""
    rows = await conn.execute_fetchall(
        "SELECT id, title, published_on, author, url, event_count, programme_count, "
        "person_count FROM articles ORDER BY published_on IS NULL, published_on DESC, id DESC "
        "LIMIT ? OFFSET ?",
        (-1 if limit is None else limit, offset),
    )
    return [SourceSummary(SourceRef(*row[:5]), row[5], row[6], row[7]) for row in rows]


async def article_for_path(conn: aiosqlite.Connection, path: str) -> SourceRef | None:
    """The article read from the file at `path` (as ingest recorded it), if any."""
    rows = await conn.execute_fetchall(
        "SELECT id, title, published_on, author, url FROM articles WHERE path = ?", (path,)
    )
    return SourceRef(*rows[0]) if rows else None


async def article_by_id(conn: aiosqlite.Connection, article_id: int) -> SourceRef | None:
    rows = await conn.execute_fetchall(
        "SELECT id, title, published_on, author, url FROM articles WHERE id = ?", (article_id,)
    )
    return SourceRef(*rows[0]) if rows else None


async def stats(conn: aiosqlite.Connection) -> Stats:
    """Counts of everything stored, and the earliest and latest event start dates."""
    rows = await conn.execute_fetchall(
        "SELECT (SELECT count(*) FROM articles), "
        "(SELECT coalesce(sum(starts), 0) FROM event_year_counts WHERE programme_id = ?), "
        "(SELECT count(*) FROM programmes), (SELECT count(*) FROM people), "
        "(SELECT min(date) FROM events), (SELECT max(date) FROM events)",
        (ALL_EVENTS,),
    )
    return Stats(*rows[0])


async def get_meta(conn: aiosqlite.Connection, key: str) -> str | None:
    rows = await conn.execute_fetchall("SELECT value FROM meta WHERE key = ?", (key,))
    return rows[0][0] if rows else None


async def set_meta(conn: aiosqlite.Connection, key: str, value: str) -> None:
    await conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )
