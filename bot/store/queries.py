"""The store's read queries: timeline, programmes, on this date, search, sources, stats.

Each function takes the aiosqlite connection (and the in-memory programme index where names
are matched) and returns the plain values of bot.store.results.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date

import aiosqlite

from bot.daytext import day_label
from bot.store.ingest import (
    ALL_EVENTS,
    SEARCH_ARTICLE,
    SEARCH_EVENT,
    SEARCH_KINDS,
    SEARCH_PROGRAMME,
)
from bot.store.programme_index import IndexedProgramme, ProgrammeIndex
from bot.store.results import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    DatedEntry,
    EventEntry,
    OnThisDate,
    ProgrammeDetail,
    ProgrammeLookup,
    ProgrammeRef,
    SearchHit,
    SearchPage,
    SourceRef,
    SourceSummary,
    Stats,
    TimelinePage,
)

MAX_PAGE = 100  # the most entries one timeline or search page returns
PROGRAMME_EVENTS = 50  # events shown with a programme (the rest: timeline with its topic)
PROGRAMME_SOURCES = 25
ON_THIS_DATE_LIMIT = 100
# Search ranks at most this many of the newest matching entries: ranking every match of a
# common word in a large database would be slow, and nobody pages past a thousand hits.
SEARCH_MAX_HITS = 1000
_SEARCH_TOKENS = 16  # words of a query that are used; the rest are ignored
_SNIPPET_TOKENS = 14

_EVENT_COLUMNS = (
    "e.id, e.date, e.end_date, e.precision, e.summary, e.sentence, "
    "a.id, a.title, a.published_on, a.author, a.url"
)


# -- programmes in memory ----------------------------------------------------------------------


async def load_programme_index(conn: aiosqlite.Connection) -> ProgrammeIndex:
    """The programme index for everything in the database."""
    return ProgrammeIndex(await _indexed_programmes(conn, None))


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
    where, params = ("", ()) if ids is None else (f"WHERE id IN ({_marks(ids)})", tuple(ids))
    programmes = await conn.execute_fetchall(
        f"SELECT id, acronym, name, mentions FROM programmes {where}", params
    )
    where = "" if ids is None else f"WHERE programme_id IN ({_marks(ids)})"
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
    MAX_PAGE. Raises ValueError for a negative offset or a limit below 1.
    """
    if limit < 1 or offset < 0:
        raise ValueError("limit must be at least 1 and offset at least 0")
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
    window = await _YearWindow.load(conn, programme_id, start_year, end_year)
    ids = await window.page_ids(conn, limit, offset)
    entries = await _event_entries(conn, ids)
    return TimelinePage(tuple(entries), window.total, offset, limit, ref)


class _YearWindow:
    """Counts for one year window of one programme's events (or all events), from
    event_year_counts: the events that start in the window, and the ranges that start before
    it and reach into it ("straddling"), which come first in chronological order."""

    def __init__(
        self,
        programme_id: int,
        start_year: int | None,
        end_year: int | None,
        counts: list[tuple[int, int, int]],
    ) -> None:
        self.programme_id = programme_id
        self.start_year = start_year
        self.end_year = end_year
        starts_before = ends_before = 0
        self.starts_in: list[tuple[int, int]] = []  # (year, events starting that year)
        for year, starts, ends in counts:
            if start_year is not None and year < start_year:
                starts_before += starts
                ends_before += ends
            elif (end_year is None or year <= end_year) and starts:
                self.starts_in.append((year, starts))
        # An event that ends before the window also started before it: the rest straddle.
        self.straddling = starts_before - ends_before
        self.total = self.straddling + sum(n for _, n in self.starts_in)

    @classmethod
    async def load(
        cls,
        conn: aiosqlite.Connection,
        programme_id: int,
        start_year: int | None,
        end_year: int | None,
    ) -> _YearWindow:
        counts = await conn.execute_fetchall(
            "SELECT year, starts, ends FROM event_year_counts WHERE programme_id = ? ORDER BY year",
            (programme_id,),
        )
        return cls(programme_id, start_year, end_year, [tuple(r) for r in counts])

    async def page_ids(self, conn: aiosqlite.Connection, limit: int, offset: int) -> list[int]:
        ids: list[int] = []
        if offset < self.straddling:
            ids += await self._straddling_ids(conn, min(limit, self.straddling - offset), offset)
        remaining = limit - len(ids)
        offset_in = max(0, offset - self.straddling)
        if remaining > 0 and self.starts_in:
            # Skip whole years by their counts, so that a deep page reads one year, not all.
            skipped, first_year = 0, self.starts_in[0][0]
            for year, starts in self.starts_in:
                first_year = year
                if skipped + starts > offset_in:
                    break
                skipped += starts
            else:
                return ids  # past the end
            ids += await self._starting_ids(conn, first_year, remaining, offset_in - skipped)
        return ids

    async def _starting_ids(
        self, conn: aiosqlite.Connection, from_year: int, limit: int, offset: int
    ) -> list[int]:
        bounds = ["date >= ?"]
        params: list[object] = [_year_text(from_year)]
        if self.end_year is not None:
            bounds.append("date < ?")
            params.append(_year_text(self.end_year + 1))
        if self.programme_id == ALL_EVENTS:
            sql = (
                f"SELECT id FROM events WHERE {' AND '.join(bounds)} "
                "ORDER BY date, end_year, id LIMIT ? OFFSET ?"
            )
        else:
            sql = (
                "SELECT event_id FROM event_programmes WHERE programme_id = ? AND "
                f"{' AND '.join(bounds)} ORDER BY date, end_year, event_id LIMIT ? OFFSET ?"
            )
            params.insert(0, self.programme_id)
        rows = await conn.execute_fetchall(sql, (*params, limit, offset))
        return [r[0] for r in rows]

    async def _straddling_ids(
        self, conn: aiosqlite.Connection, limit: int, offset: int
    ) -> list[int]:
        assert self.start_year is not None  # only a window with a start has straddlers
        # Ranges that start before the window can only start this many years before it.
        span = await conn.execute_fetchall(
            "SELECT max(end_year - start_year) FROM events WHERE end_year > start_year"
        )
        earliest = _year_text(max(0, self.start_year - (span[0][0] or 0)))
        params: tuple[object, ...] = (earliest, _year_text(self.start_year), self.start_year)
        if self.programme_id == ALL_EVENTS:
            sql = (
                "SELECT id FROM events INDEXED BY events_ranges WHERE end_year > start_year "
                "AND date >= ? AND date < ? AND end_year >= ? "
                "ORDER BY date, end_year, id LIMIT ? OFFSET ?"
            )
        else:
            sql = (
                "SELECT event_id FROM event_programmes INDEXED BY event_programmes_ranges "
                "WHERE programme_id = ? AND end_year > start_year "
                "AND date >= ? AND date < ? AND end_year >= ? "
                "ORDER BY date, end_year, event_id LIMIT ? OFFSET ?"
            )
            params = (self.programme_id, *params)
        rows = await conn.execute_fetchall(sql, (*params, limit, offset))
        return [r[0] for r in rows]


def _year_text(year: int) -> str:
    return f"{year:04d}"


# -- programmes --------------------------------------------------------------------------------


async def programme(
    conn: aiosqlite.Connection, index: ProgrammeIndex, name: str, *, suggestions: int = 5
) -> ProgrammeLookup:
    """The programme `name` means (see ProgrammeIndex.resolve), with its explanation, its first
    PROGRAMME_EVENTS events in chronological order, its relations both ways and its sources
    (oldest first, at most PROGRAMME_SOURCES); or found=None and up to `suggestions` close
    programmes."""
    found = index.resolve(name)
    detail = await programme_detail(conn, index, found) if found is not None else None
    if detail is None:
        return ProgrammeLookup(None, tuple(index.suggest(name, suggestions)))
    return ProgrammeLookup(detail, ())


async def programme_detail(
    conn: aiosqlite.Connection, index: ProgrammeIndex, programme_id: int
) -> ProgrammeDetail | None:
    """Everything about one programme; None when there is no such programme."""
    rows = await conn.execute_fetchall(
        "SELECT acronym, name, explanation FROM programmes WHERE id = ?", (programme_id,)
    )
    if not rows:
        return None
    acronym, name, explanation = rows[0]
    event_ids = [
        r[0]
        for r in await conn.execute_fetchall(
            "SELECT event_id FROM event_programmes WHERE programme_id = ? "
            "ORDER BY date, end_year, event_id LIMIT ?",
            (programme_id, PROGRAMME_EVENTS),
        )
    ]
    events_total = await conn.execute_fetchall(
        "SELECT coalesce(sum(starts), 0) FROM event_year_counts WHERE programme_id = ?",
        (programme_id,),
    )
    relations: dict[str, list[ProgrammeRef]] = {
        "part_of": [],
        "parts": [],
        "succeeded_by": [],
        "preceded_by": [],
    }
    for kind, other_id, reverse in await conn.execute_fetchall(
        "SELECT DISTINCT kind, other_id, 0 FROM programme_relations WHERE programme_id = ? "
        "UNION SELECT DISTINCT kind, programme_id, 1 FROM programme_relations WHERE other_id = ? "
        "ORDER BY 1, 3, 2",
        (programme_id, programme_id),
    ):
        ref = index.get(other_id)
        if ref is not None:
            relation = (
                {"part_of": "parts", "succeeded_by": "preceded_by"}[kind] if reverse else kind
            )
            relations[relation].append(ref)
    sources = await conn.execute_fetchall(
        "SELECT a.id, a.title, a.published_on, a.author, a.url FROM articles a "
        "WHERE a.id IN (SELECT article_id FROM programme_mentions WHERE programme_id = ?) "
        "ORDER BY a.published_on IS NULL, a.published_on, a.id LIMIT ?",
        (programme_id, PROGRAMME_SOURCES),
    )
    return ProgrammeDetail(
        ref=ProgrammeRef(programme_id, acronym, name),
        explanation=explanation,
        events=tuple(await _event_entries(conn, event_ids)),
        part_of=tuple(relations["part_of"]),
        parts=tuple(relations["parts"]),
        succeeded_by=tuple(relations["succeeded_by"]),
        preceded_by=tuple(relations["preceded_by"]),
        sources=tuple(SourceRef(*row) for row in sources),
        events_total=int(events_total[0][0]),
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
    and the nearest after it that have any (going round the year end), oldest first, at most
    `limit` per day; fallback_note names those days. 29 February is a day like any other.
    Raises ValueError for a day that no year has (e.g. 31 April).
    """
    date(2000, month, day)  # a leap year: validates, and allows 29 February
    cutoff = today.isoformat()
    entries = await _day_entries(conn, month, day, cutoff, today, limit)
    if entries:
        rows = await conn.execute_fetchall(
            "SELECT count(*) FROM events WHERE month = ? AND day = ? AND date <= ?",
            (month, day, cutoff),
        )
        return OnThisDate(month, day, tuple(entries), (), None, total=int(rows[0][0]))
    nearest = await _nearest_days(conn, month, day, cutoff)
    fallback: list[DatedEntry] = []
    for near_month, near_day in nearest:
        fallback += await _day_entries(conn, near_month, near_day, cutoff, today, limit)
    if nearest:
        days = " and ".join(day_label(m, d) for m, d in nearest)
        note = f"The nearest {'dates' if len(nearest) > 1 else 'date'} with events: {days}."
    else:
        note = "No events dated to the day are on record yet."
    return OnThisDate(month, day, (), tuple(fallback), note, total=0)


async def _day_entries(
    conn: aiosqlite.Connection, month: int, day: int, cutoff: str, today: date, limit: int
) -> list[DatedEntry]:
    rows = await conn.execute_fetchall(
        "SELECT id FROM events WHERE month = ? AND day = ? AND date <= ? ORDER BY date, id LIMIT ?",
        (month, day, cutoff, limit),
    )
    events = await _event_entries(conn, [r[0] for r in rows])
    return [DatedEntry(e, today.year - int(e.date[:4])) for e in events]


async def _nearest_days(
    conn: aiosqlite.Connection, month: int, day: int, cutoff: str
) -> list[tuple[int, int]]:
    """The nearest calendar days before and after month/day with events, round the year."""
    sql = (
        "SELECT month, day FROM events WHERE month IS NOT NULL AND date <= ? {where} "
        "ORDER BY month {order}, day {order} LIMIT 1"
    )
    found: list[tuple[int, int]] = []
    for where, order in (("AND (month, day) < (?, ?)", "DESC"), ("AND (month, day) > (?, ?)", "")):
        rows = await conn.execute_fetchall(
            sql.format(where=where, order=order), (cutoff, month, day)
        )
        if not rows:  # round the year: the last day with events before 1 January...
            rows = await conn.execute_fetchall(sql.format(where="", order=order), (cutoff,))
        if rows and tuple(rows[0]) not in found:
            found.append(tuple(rows[0]))
    return found


# -- search ------------------------------------------------------------------------------------


def fts_query(text: str) -> str | None:
    """`text` as a safe FTS5 query: each word quoted (so AND, OR, NOT, NEAR, quotes, brackets,
    colons, carets, stars and minus signs are just text), all words required, the last one
    also matching as a prefix. None when `text` has no words to search for."""
    tokens = re.findall(r"\w+", text)[:_SEARCH_TOKENS]
    # unicode61 splits on "_" too; a token of underscores alone would be an empty phrase.
    tokens = [t for t in tokens if t.strip("_")]
    if not tokens:
        return None
    quoted = [f'"{t}"' for t in tokens]
    quoted[-1] += "*"
    return " ".join(quoted)


async def search(
    conn: aiosqlite.Connection, query: str, limit: int = 10, offset: int = 0
) -> SearchPage:
    """Events, programmes and articles matching every word of `query` (the last word as a
    prefix), best match first (BM25, titles weighing double), with snippets marking matched
    words with HIGHLIGHT_START/HIGHLIGHT_END. Any text is safe (see fts_query).

    Only the newest SEARCH_MAX_HITS matching entries are ranked; `total` counts at most that
    many, so every page it implies exists. Raises ValueError for a negative offset or a limit
    below 1 (limit is capped at MAX_PAGE).
    """
    if limit < 1 or offset < 0:
        raise ValueError("limit must be at least 1 and offset at least 0")
    limit = min(limit, MAX_PAGE)
    match = fts_query(query)
    if match is None:
        return SearchPage(query, (), 0, offset, limit)
    # The SEARCH_MAX_HITS-th newest match bounds the ranked set (the newest are kept).
    bound = await conn.execute_fetchall(
        "SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC "
        "LIMIT 1 OFFSET ?",
        (match, SEARCH_MAX_HITS - 1),
    )
    lowest = bound[0][0] if bound else 0
    if bound:
        total = SEARCH_MAX_HITS
    else:
        counted = await conn.execute_fetchall(
            "SELECT count(*) FROM search_index WHERE search_index MATCH ?", (match,)
        )
        total = int(counted[0][0])
    if offset >= total:
        return SearchPage(query, (), total, offset, limit)
    rows = await conn.execute_fetchall(
        "SELECT rowid, title, snippet(search_index, -1, ?, ?, '…', ?) FROM search_index "
        "WHERE search_index MATCH ? AND rowid >= ? "
        "ORDER BY bm25(search_index, 2.0, 1.0), rowid DESC LIMIT ? OFFSET ?",
        (HIGHLIGHT_START, HIGHLIGHT_END, _SNIPPET_TOKENS, match, lowest, limit, offset),
    )
    event_ids = [r[0] // SEARCH_KINDS for r in rows if r[0] % SEARCH_KINDS == SEARCH_EVENT]
    article_ids = [r[0] // SEARCH_KINDS for r in rows if r[0] % SEARCH_KINDS == SEARCH_ARTICLE]
    events = {e.id: e for e in await _event_entries(conn, event_ids)}
    articles = await _source_refs(conn, article_ids)
    hits: list[SearchHit] = []
    for rowid, title, snippet in rows:
        kind, row_id = rowid % SEARCH_KINDS, rowid // SEARCH_KINDS
        if kind == SEARCH_EVENT and row_id in events:
            event = events[row_id]
            hits.append(SearchHit("event", title, snippet, event.date, event.source))
        elif kind == SEARCH_PROGRAMME:
            hits.append(SearchHit("programme", title, snippet, None, None))
        elif kind == SEARCH_ARTICLE and row_id in articles:
            source = articles[row_id]
            hits.append(SearchHit("article", title, snippet, source.published_on, source))
    return SearchPage(query, tuple(hits), total, offset, limit)


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


# -- shared ------------------------------------------------------------------------------------


async def _event_entries(conn: aiosqlite.Connection, ids: Sequence[int]) -> list[EventEntry]:
    """The events with these ids, in the order of `ids` (missing ones skipped)."""
    if not ids:
        return []
    rows = await conn.execute_fetchall(
        f"SELECT {_EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id "
        f"WHERE e.id IN ({_marks(ids)})",
        tuple(ids),
    )
    keys: dict[int, list[str]] = {}
    for event_id, acronym, name in await conn.execute_fetchall(
        "SELECT ep.event_id, p.acronym, p.name FROM event_programmes ep "
        "JOIN programmes p ON p.id = ep.programme_id "
        f"WHERE ep.event_id IN ({_marks(ids)}) ORDER BY ep.event_id, ep.position",
        tuple(ids),
    ):
        keys.setdefault(event_id, []).append(acronym or name)
    by_id = {
        row[0]: EventEntry(
            id=row[0],
            date=row[1],
            end=row[2],
            precision=row[3],
            summary=row[4],
            sentence=row[5],
            programmes=tuple(keys.get(row[0], ())),
            source=SourceRef(*row[6:11]),
        )
        for row in rows
    }
    return [by_id[i] for i in ids if i in by_id]


async def _source_refs(conn: aiosqlite.Connection, ids: Sequence[int]) -> dict[int, SourceRef]:
    if not ids:
        return {}
    rows = await conn.execute_fetchall(
        f"SELECT id, title, published_on, author, url FROM articles WHERE id IN ({_marks(ids)})",
        tuple(ids),
    )
    return {row[0]: SourceRef(*row) for row in rows}


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" * len(values))
