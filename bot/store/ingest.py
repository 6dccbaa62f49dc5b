"""Saving one article's facts, in one transaction.

Identity: an article read from a file is the same article as long as its path is the same; an
article without a path is identified by its title and source. Its content is identified by
the sha256 of the file: the same content is never stored twice.

- same identity, same content: nothing changes ("unchanged");
- same identity, new content: its old facts are replaced ("updated", same article id);
- new identity, content already stored under another identity: nothing is added
  ("unchanged", the stored article's id), since it would only repeat those facts;
- otherwise "added".

Programmes are shared: a mention joins the programme with the same acronym, else one with the
same normalised name (bot.store.names). When a mention names both an acronym and a name that
had been two programmes (one known only by acronym, one only by name), they are merged. A
programme without mentions left is deleted.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import aiosqlite

from bot.facts import Event, Facts, Programme
from bot.store.errors import InvalidFactsError, StoreError
from bot.store.names import acronym_key, fold, name_key
from bot.store.results import IngestResult, ProgrammeRef
from bot.store.search import (
    SEARCH_ARTICLE,
    SEARCH_EVENT,
    SEARCH_PROGRAMME,
    index_entries,
    search_rowid,
    unindex_entries,
)

ALL_EVENTS = 0  # programme_id of event_counts and event_year_counts over every event
# A programme's explanation combines the descriptions of its oldest EXPLANATION_MENTIONS
# mentions, as many whole ones as fit in EXPLANATION_CHARS.
EXPLANATION_MENTIONS = 20
EXPLANATION_CHARS = 2000

_DATE_FORMS = {
    "year": re.compile(r"^\d{4}$"),
    "month": re.compile(r"^\d{4}-\d{2}$"),
    "day": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
}


@dataclass(frozen=True, slots=True)
class EventRow:
    """An event checked and laid out as the events table stores it."""

    date: str
    end_date: str | None
    precision: str
    start_year: int
    end_year: int
    month: int | None
    day: int | None
    summary: str
    sentence: str
    programme_keys: tuple[str, ...]
    open_ended: bool = False


@dataclass(frozen=True, slots=True)
class ProgrammeChanges:
    """What a write did to programmes, for the in-memory index to follow."""

    touched: frozenset[int] = frozenset()  # created, changed or deleted
    # programme_generation before and after the write; None when no programme changed.
    generation: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    result: IngestResult
    programmes: ProgrammeChanges


def source_url(source: str | None) -> str | None:
    """The article's source when it is a web address, else None."""
    if source and re.match(r"^https?://\S+$", source.strip()):
        return source.strip()
    return None


def date_form(value: str) -> str | None:
    """The precision a date string is written in ("year", "month", "day"), or None when it is
    not a real date in one of those forms."""
    for precision, pattern in _DATE_FORMS.items():
        if pattern.match(value):
            parts = [int(p) for p in value.split("-")] + [1, 1]
            try:
                date(parts[0], parts[1], parts[2])
            except ValueError:
                return None
            return precision
    return None


def event_row(index: int, event: Event) -> EventRow:
    """`event` checked and laid out for the events table.

    Raises InvalidFactsError when a date is malformed, does not match its precision, or the
    range ends before it starts.
    """
    where = f"event {index + 1} ({event.summary[:60]!r})"
    form = date_form(event.date)
    if form is None:
        raise InvalidFactsError(
            f"{where}: {event.date!r} is not a YYYY, YYYY-MM or YYYY-MM-DD date"
        )
    if form != event.precision:
        raise InvalidFactsError(
            f"{where}: precision {event.precision!r} does not match the date {event.date!r}"
        )
    end = event.end or None
    if end is not None:
        if date_form(end) is None:
            raise InvalidFactsError(
                f"{where}: the end {end!r} is not a YYYY, YYYY-MM or YYYY-MM-DD date"
            )
        shared = min(len(end), len(event.date))
        if end[:shared] < event.date[:shared]:
            raise InvalidFactsError(
                f"{where}: the range ends ({end}) before it starts ({event.date})"
            )
    start_year = int(event.date[:4])
    month = day = None
    if form == "day":
        month, day = int(event.date[5:7]), int(event.date[8:10])
    return EventRow(
        date=event.date,
        end_date=end,
        precision=form,
        start_year=start_year,
        end_year=int(end[:4]) if end else start_year,
        month=month,
        day=day,
        summary=event.summary,
        sentence=event.sentence,
        programme_keys=tuple(event.programmes),
        open_ended=bool(event.open_ended) and end is None,
    )


def combine_descriptions(descriptions: Iterable[str], max_chars: int = EXPLANATION_CHARS) -> str:
    """One explanation from several articles' descriptions of a programme: in the given order,
    without blanks, repeats, or descriptions that another one already contains; whole
    descriptions only, as many as fit in `max_chars` (the first always does)."""
    kept: list[str] = []
    folded: list[str] = []
    for text in descriptions:
        text = " ".join(text.split())
        key = fold(text)
        if not key or any(key in other for other in folded):
            continue
        # A longer description replaces the shorter ones it contains.
        survivors = [(t, k) for t, k in zip(kept, folded, strict=True) if k not in key]
        kept = [t for t, _ in survivors] + [text]
        folded = [k for _, k in survivors] + [key]
    shown: list[str] = []
    used = 0
    for text in kept:
        if shown and used + len(text) + 2 > max_chars:
            break
        shown.append(text)
        used += len(text) + 2
    return "\n\n".join(shown)


async def ingest_facts(conn: aiosqlite.Connection, facts: Facts, *, now: datetime) -> IngestOutcome:
    """Save `facts` in one transaction on `conn` (which must not be inside a transaction).

    Raises InvalidFactsError before touching the database when the facts are malformed, and
    StoreError when the database refuses the write; either way the store is as it was.
    """
    rows = [event_row(i, e) for i, e in enumerate(facts.events)]
    await conn.execute("BEGIN IMMEDIATE")
    try:
        result, touched = await _ingest(conn, facts, rows, now)
        changes = await _programme_changes(conn, touched)
        await conn.execute("COMMIT")
    except BaseException as exc:
        await conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise StoreError(f"could not save {facts.article.title!r}: {exc}") from exc
        raise
    return IngestOutcome(result, changes)


async def remove_article(conn: aiosqlite.Connection, article_id: int) -> ProgrammeChanges | None:
    """Delete an article and its facts in one transaction (programmes only it mentioned go
    too); None when there is no such article."""
    await conn.execute("BEGIN IMMEDIATE")
    try:
        if await _stored_result(conn, article_id, None) is None:
            await conn.execute("ROLLBACK")
            return None
        touched = await _remove_facts(conn, article_id)
        await conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        await _refresh_programmes(conn, touched)
        changes = await _programme_changes(conn, touched)
        await conn.execute("COMMIT")
    except BaseException:
        await conn.execute("ROLLBACK")
        raise
    return changes


async def _programme_changes(conn: aiosqlite.Connection, touched: set[int]) -> ProgrammeChanges:
    """Count a write that touched programmes in programme_generation (inside its transaction)."""
    if not touched:
        return ProgrammeChanges()
    return ProgrammeChanges(frozenset(touched), await _next_generation(conn))


async def _next_generation(conn: aiosqlite.Connection) -> tuple[int, int]:
    """Count a change of programmes; returns the generation before and after it."""
    row = await _fetchone(conn, "SELECT value FROM programme_generation WHERE id = 1")
    before = int(row[0]) if row else 0
    await conn.execute("UPDATE programme_generation SET value = ? WHERE id = 1", (before + 1,))
    return before, before + 1


async def _ingest(
    conn: aiosqlite.Connection, facts: Facts, rows: list[EventRow], now: datetime
) -> tuple[IngestResult, set[int]]:
    """Save the facts (inside the caller's transaction); returns the result and the
    programmes touched."""
    article = facts.article
    existing = await _find_article(conn, article.path, article.title, article.source)
    if existing is not None and existing[1] == article.sha256:
        return await _unchanged(conn, existing[0], article.path), set()
    duplicate = await _fetchone(conn, "SELECT id FROM articles WHERE sha256 = ?", (article.sha256,))
    touched: set[int] = set()
    if duplicate is not None:
        if existing is not None:  # this file now repeats another article: drop its old facts
            touched |= await _remove_facts(conn, existing[0])
            await conn.execute("DELETE FROM articles WHERE id = ?", (existing[0],))
            await _refresh_programmes(conn, touched)
        return await _unchanged(conn, duplicate[0], article.path), touched

    values = (
        article.title,
        article.published_on.isoformat() if article.published_on else None,
        article.author,
        article.source,
        source_url(article.source),
        article.sha256,
        now.isoformat(),
    )
    if existing is None:
        status = "added"
        cursor = await conn.execute(
            "INSERT INTO articles (title, published_on, author, source, url, sha256, "
            "ingested_at, path, event_count, programme_count, person_count) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0)",
            (*values, article.path),
        )
        article_id = int(cursor.lastrowid)
    else:
        status = "updated"
        article_id = existing[0]
        touched |= await _remove_facts(conn, article_id)
        await conn.execute(
            "UPDATE articles SET title = ?, published_on = ?, author = ?, source = ?, url = ?, "
            "sha256 = ?, ingested_at = ? WHERE id = ?",
            (*values, article_id),
        )

    await index_entries(
        conn, [(search_rowid(SEARCH_ARTICLE, article_id), article.title, article.source or "")]
    )
    await conn.executemany(
        "INSERT INTO people (article_id, position, name, role) VALUES (?, ?, ?, ?)",
        [(article_id, i, p.name, p.role) for i, p in enumerate(facts.people)],
    )
    keys, merged = await _insert_mentions(conn, article_id, facts.programmes)
    touched |= merged | set(keys.values())
    await _insert_relations(conn, article_id, facts.programmes, keys)
    await _insert_events(conn, article_id, rows, keys)
    await _refresh_programmes(conn, touched)
    programme_count = len(set(keys.values()))
    await conn.execute(
        "UPDATE articles SET event_count = ?, programme_count = ?, person_count = ? WHERE id = ?",
        (len(rows), programme_count, len(facts.people), article_id),
    )
    result = IngestResult(
        path=article.path,
        title=article.title,
        status=status,
        article_id=article_id,
        events=len(rows),
        programmes=programme_count,
        people=len(facts.people),
    )
    return result, touched


async def _find_article(
    conn: aiosqlite.Connection, path: str | None, title: str, source: str | None
) -> tuple[int, str] | None:
    if path is not None:
        row = await _fetchone(conn, "SELECT id, sha256 FROM articles WHERE path = ?", (path,))
    else:
        row = await _fetchone(
            conn,
            "SELECT id, sha256 FROM articles WHERE path IS NULL AND title = ? AND source IS ?",
            (title, source),
        )
    return (int(row[0]), str(row[1])) if row else None


async def _unchanged(conn: aiosqlite.Connection, article_id: int, path: str | None) -> IngestResult:
    result = await _stored_result(conn, article_id, path)
    assert result is not None  # found by the caller in this transaction
    return result


async def _stored_result(
    conn: aiosqlite.Connection, article_id: int, path: str | None
) -> IngestResult | None:
    """The stored article as an "unchanged" result; None when there is no such article."""
    row = await _fetchone(
        conn,
        "SELECT title, event_count, programme_count, person_count FROM articles WHERE id = ?",
        (article_id,),
    )
    if row is None:
        return None
    return IngestResult(
        path=path,
        title=row[0],
        status="unchanged",
        article_id=article_id,
        events=row[1],
        programmes=row[2],
        people=row[3],
    )


async def _remove_facts(conn: aiosqlite.Connection, article_id: int) -> set[int]:
    """Delete an article's facts (not the article row); returns the programmes it mentioned."""
    deltas: Counter[tuple[int, str, int]] = Counter()
    for starts_on, end_year in await conn.execute_fetchall(
        "SELECT date, end_year FROM events WHERE article_id = ?", (article_id,)
    ):
        _count_event(deltas, ALL_EVENTS, starts_on, end_year, -1)
    for programme_id, starts_on, end_year in await conn.execute_fetchall(
        "SELECT ep.programme_id, ep.date, ep.end_year FROM events e "
        "JOIN event_programmes ep ON ep.event_id = e.id WHERE e.article_id = ?",
        (article_id,),
    ):
        _count_event(deltas, programme_id, starts_on, end_year, -1)
    await _apply_counts(conn, deltas)

    touched = {
        int(row[0])
        for row in await conn.execute_fetchall(
            "SELECT DISTINCT programme_id FROM programme_mentions WHERE article_id = ?",
            (article_id,),
        )
    }
    event_ids = await conn.execute_fetchall(
        "SELECT id FROM events WHERE article_id = ?", (article_id,)
    )
    await unindex_entries(
        conn,
        [search_rowid(SEARCH_ARTICLE, article_id)]
        + [search_rowid(SEARCH_EVENT, row[0]) for row in event_ids],
    )
    for table in ("events", "programme_mentions", "programme_relations", "people"):
        await conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
    return touched


async def _insert_mentions(
    conn: aiosqlite.Connection, article_id: int, programmes: Sequence[Programme]
) -> tuple[dict[str, int], set[int]]:
    """Insert the article's programme mentions; returns {key, acronym or name: programme id}
    for resolving the article's references, and the programmes merged away."""
    keys: dict[str, int] = {}
    merged: set[int] = set()
    for position, programme in enumerate(programmes):
        acr = acronym_key(programme.acronym) if programme.acronym else ""
        name = name_key(programme.name) if programme.name else ""
        if not acr and not name:
            continue  # nothing to identify it by, nothing to show
        programme_id, merged_ids = await _resolve_programme(conn, acr, name)
        merged |= merged_ids
        await conn.execute(
            "INSERT INTO programme_mentions (article_id, position, programme_id, acronym, name, "
            "acronym_key, name_key, description, sentences) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article_id,
                position,
                programme_id,
                programme.acronym or None,
                programme.name or None,
                acr or None,
                name or None,
                programme.description,
                json.dumps(list(programme.sentences), ensure_ascii=False),
            ),
        )
        for key in (programme.key, programme.acronym, programme.name):
            if key:
                keys.setdefault(key, programme_id)
    return keys, merged


async def _resolve_programme(
    conn: aiosqlite.Connection, acr: str, name: str
) -> tuple[int, set[int]]:
    """The programme a mention with these keys belongs to (created if none); and the ids of
    programmes merged into it because this mention ties their acronym and name together."""
    by_acronym = None
    if acr:
        row = await _fetchone(
            conn,
            "SELECT programme_id FROM programme_mentions WHERE acronym_key = ? LIMIT 1",
            (acr,),
        )
        by_acronym = int(row[0]) if row else None
    by_name: list[tuple[int, bool]] = []
    if name:
        by_name = [
            (int(pid), bool(has_acronym))
            for pid, has_acronym in await conn.execute_fetchall(
                "SELECT m.programme_id, EXISTS (SELECT 1 FROM programme_mentions o "
                "  WHERE o.programme_id = m.programme_id AND o.acronym_key IS NOT NULL) "
                "FROM programme_mentions m JOIN programmes p ON p.id = m.programme_id "
                "WHERE m.name_key = ? GROUP BY m.programme_id ORDER BY p.mentions DESC, p.id",
                (name,),
            )
        ]
    merged: set[int] = set()
    if not acr:
        if by_name:
            return by_name[0][0], merged
    else:
        # Name-only programmes with this name are this acronym's programme.
        for programme_id, has_acronym in by_name:
            if has_acronym or programme_id == by_acronym:
                continue
            if by_acronym is None:
                by_acronym = programme_id
            else:
                await _merge_programmes(conn, programme_id, by_acronym)
                merged.add(programme_id)
        if by_acronym is not None:
            return by_acronym, merged
    cursor = await conn.execute("INSERT INTO programmes DEFAULT VALUES")
    return int(cursor.lastrowid), merged


async def _merge_programmes(conn: aiosqlite.Connection, source: int, target: int) -> None:
    """Move everything of programme `source` to `target` and delete `source`."""
    await conn.execute(
        "UPDATE programme_mentions SET programme_id = ? WHERE programme_id = ?", (target, source)
    )
    for column in ("programme_id", "other_id"):
        await conn.execute(
            f"UPDATE OR IGNORE programme_relations SET {column} = ? WHERE {column} = ?",
            (target, source),
        )
        await conn.execute(f"DELETE FROM programme_relations WHERE {column} = ?", (source,))
    await conn.execute("DELETE FROM programme_relations WHERE programme_id = other_id")
    await conn.execute(
        "UPDATE OR IGNORE event_programmes SET programme_id = ? WHERE programme_id = ?",
        (target, source),
    )
    await conn.execute("DELETE FROM event_programmes WHERE programme_id = ?", (source,))
    # An event may have named both: recount the target rather than add the two counts.
    for table in ("event_counts", "event_year_counts"):
        await conn.execute(f"DELETE FROM {table} WHERE programme_id IN (?, ?)", (source, target))
    await conn.execute(
        "INSERT INTO event_counts (programme_id, period, starts, ends) "
        "SELECT ?, period, sum(s), sum(e) FROM ("
        "  SELECT substr(date, 1, 7) AS period, 1 AS s, 0 AS e FROM event_programmes "
        "  WHERE programme_id = ?"
        "  UNION ALL"
        "  SELECT printf('%04d', end_year), 0, 1 FROM event_programmes WHERE programme_id = ?"
        ") GROUP BY period",
        (target, target, target),
    )
    await conn.execute(
        "INSERT INTO event_year_counts (programme_id, year, starts, ends) "
        "SELECT programme_id, CAST(substr(period, 1, 4) AS INTEGER), sum(starts), sum(ends) "
        "FROM event_counts WHERE programme_id = ? GROUP BY substr(period, 1, 4)",
        (target,),
    )
    await unindex_entries(conn, [search_rowid(SEARCH_PROGRAMME, source)])
    await conn.execute("DELETE FROM programmes WHERE id = ?", (source,))


async def _insert_relations(
    conn: aiosqlite.Connection,
    article_id: int,
    programmes: Sequence[Programme],
    keys: dict[str, int],
) -> None:
    rows = set()
    for programme in programmes:
        programme_id = keys.get(programme.key)
        if programme_id is None:
            continue
        for kind, other_key in (
            ("part_of", programme.part_of),
            ("succeeded_by", programme.succeeded_by),
        ):
            # Only programmes this article mentions: a relation never outlives its article's
            # mentions, so deleting an article can never leave a relation to a deleted programme.
            other_id = keys.get(other_key) if other_key else None
            if other_id is not None and other_id != programme_id:
                rows.add((programme_id, kind, other_id, article_id))
    await conn.executemany(
        "INSERT INTO programme_relations (programme_id, kind, other_id, article_id) "
        "VALUES (?, ?, ?, ?)",
        sorted(rows),
    )


async def _insert_events(
    conn: aiosqlite.Connection, article_id: int, rows: list[EventRow], keys: dict[str, int]
) -> None:
    await conn.executemany(
        "INSERT INTO events (article_id, date, end_date, precision, start_year, end_year, "
        "month, day, summary, sentence, open_ended) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                article_id,
                r.date,
                r.end_date,
                r.precision,
                r.start_year,
                r.end_year,
                r.month,
                r.day,
                r.summary,
                r.sentence,
                int(r.open_ended),
            )
            for r in rows
        ],
    )
    ids = [
        int(row[0])
        for row in await conn.execute_fetchall(
            "SELECT id FROM events WHERE article_id = ? ORDER BY id", (article_id,)
        )
    ]
    links = []
    deltas: Counter[tuple[int, str, int]] = Counter()
    for event_id, row in zip(ids, rows, strict=True):
        _count_event(deltas, ALL_EVENTS, row.date, row.end_year, 1)
        linked: list[int] = []
        for key in row.programme_keys:
            programme_id = keys.get(key)  # programmes the article does not list are ignored
            if programme_id is not None and programme_id not in linked:
                linked.append(programme_id)
        for position, programme_id in enumerate(linked):
            links.append((programme_id, row.date, row.end_year, event_id, row.start_year, position))
            _count_event(deltas, programme_id, row.date, row.end_year, 1)
    await conn.executemany(
        "INSERT INTO event_programmes (programme_id, date, end_year, event_id, start_year, "
        "position) VALUES (?, ?, ?, ?, ?, ?)",
        links,
    )
    await index_entries(
        conn,
        [
            (search_rowid(SEARCH_EVENT, event_id), row.summary, row.sentence)
            for event_id, row in zip(ids, rows, strict=True)
        ],
    )
    await _apply_counts(conn, deltas)


def start_period(date: str) -> str:
    """The event_counts period an event starting on `date` counts in: its month, or its year
    when it is dated to the year only."""
    return date[:7]


def end_period(end_year: int) -> str:
    """The event_counts period an event ending in `end_year` counts its end in."""
    return f"{end_year:04d}"


def _count_event(
    deltas: Counter[tuple[int, str, int]], programme_id: int, date: str, end_year: int, sign: int
) -> None:
    # Keys: (programme, period, 0) counts starts, (programme, period, 1) counts ends.
    deltas[(programme_id, start_period(date), 0)] += sign
    deltas[(programme_id, end_period(end_year), 1)] += sign


async def _apply_counts(conn: aiosqlite.Connection, deltas: Counter[tuple[int, str, int]]) -> None:
    """Add `deltas` to event_counts and their year totals to event_year_counts."""
    per_period: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    per_year: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    for (programme_id, period, which), delta in deltas.items():
        per_period[(programme_id, period)][which] += delta
        per_year[(programme_id, int(period[:4]))][which] += delta
    for table, key, totals in (
        ("event_counts", "period", per_period),
        ("event_year_counts", "year", per_year),
    ):
        changes = [(p, k, s, e) for (p, k), (s, e) in totals.items() if s or e]
        await conn.executemany(
            f"INSERT INTO {table} (programme_id, {key}, starts, ends) VALUES (?, ?, ?, ?) "
            f"ON CONFLICT (programme_id, {key}) DO UPDATE "
            "SET starts = starts + excluded.starts, ends = ends + excluded.ends",
            changes,
        )
        await conn.executemany(
            f"DELETE FROM {table} WHERE programme_id = ? AND {key} = ? AND starts = 0 AND ends = 0",
            [(p, k) for p, k, _, _ in changes],
        )


async def _refresh_programmes(conn: aiosqlite.Connection, programme_ids: Iterable[int]) -> None:
    """Recompute the programmes' names, explanation, mention count and search entry from
    their mentions; delete those without mentions."""
    for programme_id in sorted(programme_ids):
        await unindex_entries(conn, [search_rowid(SEARCH_PROGRAMME, programme_id)])
        counted = await _fetchone(
            conn,
            "SELECT count(DISTINCT article_id) FROM programme_mentions WHERE programme_id = ?",
            (programme_id,),
        )
        if not counted or not counted[0]:
            for table in ("event_counts", "event_year_counts"):
                await conn.execute(f"DELETE FROM {table} WHERE programme_id = ?", (programme_id,))
            await conn.execute("DELETE FROM programmes WHERE id = ?", (programme_id,))
            continue
        acronym = await _most_used(conn, programme_id, "acronym")
        name = await _most_used(conn, programme_id, "name")
        descriptions = await conn.execute_fetchall(
            "SELECT m.description FROM programme_mentions m "
            "JOIN articles a ON a.id = m.article_id WHERE m.programme_id = ? "
            "ORDER BY a.published_on IS NULL, a.published_on, m.article_id, m.position LIMIT ?",
            (programme_id, EXPLANATION_MENTIONS),
        )
        explanation = combine_descriptions(row[0] for row in descriptions)
        await conn.execute(
            "UPDATE programmes SET acronym = ?, name = ?, explanation = ?, mentions = ? "
            "WHERE id = ?",
            (acronym, name, explanation, counted[0], programme_id),
        )
        label = ProgrammeRef(programme_id, acronym, name).label
        await index_entries(
            conn, [(search_rowid(SEARCH_PROGRAMME, programme_id), label, explanation)]
        )


async def _most_used(conn: aiosqlite.Connection, programme_id: int, column: str) -> str | None:
    """The acronym or name (`column`) most mentions use; the earliest among equally used."""
    row = await _fetchone(
        conn,
        f"SELECT {column} FROM programme_mentions WHERE programme_id = ? AND {column} IS NOT NULL "
        f"GROUP BY {column} ORDER BY count(*) DESC, min(article_id), min(position) LIMIT 1",
        (programme_id,),
    )
    return row[0] if row else None


async def _fetchone(
    conn: aiosqlite.Connection, sql: str, params: Sequence[object] = ()
) -> sqlite3.Row | tuple | None:
    async with conn.execute(sql, params) as cursor:
        return await cursor.fetchone()
