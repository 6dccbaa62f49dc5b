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
from dataclasses import dataclass, field
from datetime import date, datetime

import aiosqlite

from bot.facts import Article, Event, Facts, Programme
from bot.store.errors import InvalidFactsError, StoreError
from bot.store.names import acronym_key, fold, name_key
from bot.store.results import IngestResult, ProgrammeRef
from bot.store.search import (
    SEARCH_ARTICLE,
    SEARCH_EVENT,
    SEARCH_KINDS,
    SEARCH_PROGRAMME,
    IndexChanges,
    apply_index_changes,
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


@dataclass(frozen=True, slots=True)
class MentionRow:
    """A programme mention with the keys that identify its programme (at least one)."""

    position: int
    programme: Programme
    acronym_key: str
    name_key: str


def mention_rows(programmes: Sequence[Programme]) -> list[MentionRow]:
    """The article's programmes that can be stored: those with an acronym or a name that has
    letters or digits (nothing else identifies them or could be shown)."""
    found = []
    for position, programme in enumerate(programmes):
        acr = acronym_key(programme.acronym) if programme.acronym else ""
        name = name_key(programme.name) if programme.name else ""
        if acr or name:
            found.append(MentionRow(position, programme, acr, name))
    return found


@dataclass
class _Pending:
    """What a write changes in derived data (event counts, programmes, the search index),
    gathered while it runs and sent at its end in a few statements (_finish)."""

    counts: Counter[tuple[int, str, int]] = field(default_factory=Counter)
    touched: set[int] = field(default_factory=set)  # programmes to refresh
    search: IndexChanges = field(default_factory=IndexChanges)


async def ingest_facts(conn: aiosqlite.Connection, facts: Facts, *, now: datetime) -> IngestOutcome:
    """Save `facts` in one transaction on `conn` (which must not be inside a transaction).

    Raises InvalidFactsError before touching the database when the facts are malformed, and
    StoreError when the database refuses the write; either way the store is as it was.
    """
    rows = [event_row(i, e) for i, e in enumerate(facts.events)]
    mentions = mention_rows(facts.programmes)
    await conn.execute("BEGIN IMMEDIATE")
    try:
        result, touched = await _ingest(conn, facts, rows, mentions, now)
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
        if not await conn.execute_fetchall("SELECT 1 FROM articles WHERE id = ?", (article_id,)):
            await conn.execute("ROLLBACK")
            return None
        pending = _Pending()
        await _remove_facts(conn, article_id, pending, article_too=True)
        await _finish(conn, pending)
        changes = await _programme_changes(conn, pending.touched)
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
    row = await conn.execute_fetchall(
        "UPDATE programme_generation SET value = value + 1 WHERE id = 1 RETURNING value"
    )
    after = int(row[0][0]) if row else 1
    return after - 1, after


async def _ingest(
    conn: aiosqlite.Connection,
    facts: Facts,
    rows: list[EventRow],
    mentions: list[MentionRow],
    now: datetime,
) -> tuple[IngestResult, set[int]]:
    """Save the facts (inside the caller's transaction); returns the result and the
    programmes touched."""
    article = facts.article
    existing, duplicate = await _find_article(conn, article)
    if existing is not None and existing.sha256 == article.sha256:
        return existing.unchanged(article.path), set()
    pending = _Pending()
    if duplicate is not None:
        if existing is not None:  # this file now repeats another article: drop its old facts
            await _remove_facts(conn, existing.id, pending, article_too=True)
            await _finish(conn, pending)
        return duplicate.unchanged(article.path), pending.touched

    if existing is not None:
        await _remove_facts(conn, existing.id, pending)
    resolved = await _resolve_mentions(conn, mentions, pending)
    programme_count = len(set(resolved.keys.values()))
    values = (
        article.title,
        article.published_on.isoformat() if article.published_on else None,
        article.author,
        article.source,
        source_url(article.source),
        article.sha256,
        now.isoformat(),
        len(rows),
        programme_count,
        len(facts.people),
    )
    if existing is None:
        status = "added"
        cursor = await conn.execute(
            "INSERT INTO articles (title, published_on, author, source, url, sha256, "
            "ingested_at, event_count, programme_count, person_count, path) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*values, article.path),
        )
        article_id = int(cursor.lastrowid)
    else:
        status = "updated"
        article_id = existing.id
        await conn.execute(
            "UPDATE articles SET title = ?, published_on = ?, author = ?, source = ?, url = ?, "
            "sha256 = ?, ingested_at = ?, event_count = ?, programme_count = ?, "
            "person_count = ? WHERE id = ?",
            (*values, article_id),
        )
    pending.search.add(
        [(search_rowid(SEARCH_ARTICLE, article_id), article.title, article.source or "")]
    )
    await _insert_mentions(conn, article_id, mentions, resolved)
    if facts.people:
        await conn.executemany(
            "INSERT INTO people (article_id, position, name, role) VALUES (?, ?, ?, ?)",
            [(article_id, i, p.name, p.role) for i, p in enumerate(facts.people)],
        )
    await _insert_relations(conn, article_id, facts.programmes, resolved.keys)
    await _insert_events(conn, article_id, rows, resolved, pending)
    pending.touched |= resolved.merged | set(resolved.keys.values())
    await _finish(conn, pending)
    result = IngestResult(
        path=article.path,
        title=article.title,
        status=status,
        article_id=article_id,
        events=len(rows),
        programmes=programme_count,
        people=len(facts.people),
    )
    return result, pending.touched


@dataclass(frozen=True, slots=True)
class _StoredArticle:
    id: int
    sha256: str
    title: str
    events: int
    programmes: int
    people: int

    def unchanged(self, path: str | None) -> IngestResult:
        """This article as the result of an ingest that changed nothing (read from `path`)."""
        return IngestResult(
            path=path,
            title=self.title,
            status="unchanged",
            article_id=self.id,
            events=self.events,
            programmes=self.programmes,
            people=self.people,
        )


_ARTICLE_COLUMNS = "id, sha256, title, event_count, programme_count, person_count"


async def _find_article(
    conn: aiosqlite.Connection, article: Article
) -> tuple[_StoredArticle | None, _StoredArticle | None]:
    """The stored article with this one's identity, and one with its content (one statement)."""
    if article.path is not None:
        identity, params = "path = ?", (article.path,)
    else:
        identity = "path IS NULL AND title = ? AND source IS ?"
        params = (article.title, article.source)
    found = await conn.execute_fetchall(
        f"SELECT 0, {_ARTICLE_COLUMNS} FROM articles WHERE {identity} "
        f"UNION ALL SELECT 1, {_ARTICLE_COLUMNS} FROM articles WHERE sha256 = ?",
        (*params, article.sha256),
    )
    by_kind = {kind: _StoredArticle(*row) for kind, *row in found}
    return by_kind.get(0), by_kind.get(1)


async def _remove_facts(
    conn: aiosqlite.Connection, article_id: int, pending: _Pending, *, article_too: bool = False
) -> None:
    """Delete an article's facts, and with `article_too` the article row itself; its counts,
    search entries and programmes go to `pending`."""
    # One statement for everything the deletes change elsewhere: event dates and search
    # entries, programme links, programmes mentioned, the article's own search entry.
    found = await conn.execute_fetchall(
        "SELECT 'e', 0, e.date, e.end_year, s.rowid, s.title, s.body FROM events e "
        "  LEFT JOIN search_index s ON s.rowid = e.id * ?2 + ?3 WHERE e.article_id = ?1 "
        "UNION ALL SELECT 'e', ep.programme_id, ep.date, ep.end_year, NULL, NULL, NULL "
        "  FROM events e JOIN event_programmes ep ON ep.event_id = e.id WHERE e.article_id = ?1 "
        "UNION ALL SELECT DISTINCT 'p', programme_id, NULL, NULL, NULL, NULL, NULL "
        "  FROM programme_mentions WHERE article_id = ?1 "
        "UNION ALL SELECT 'a', 0, NULL, NULL, rowid, title, body FROM search_index "
        "  WHERE rowid = ?1 * ?2 + ?4",
        (article_id, SEARCH_KINDS, SEARCH_EVENT, SEARCH_ARTICLE),
    )
    for kind, programme_id, starts_on, end_year, rowid, title, body in found:
        if kind == "e":
            _count_event(pending.counts, programme_id, starts_on, end_year, -1)
        elif kind == "p":
            pending.touched.add(int(programme_id))
        if rowid is not None:
            pending.search.remove([(rowid, title, body)])
    if article_too:  # its facts go with it (ON DELETE CASCADE)
        await conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        return
    for table in ("events", "programme_mentions", "programme_relations", "people"):
        await conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))


@dataclass
class _Resolved:
    """The programme of each mention (by position), the article's keys for its references,
    the programmes created (ids given in order, not yet inserted) and merged away."""

    programme_of: dict[int, int] = field(default_factory=dict)
    keys: dict[str, int] = field(default_factory=dict)
    created: list[int] = field(default_factory=list)
    merged: set[int] = field(default_factory=set)
    first_event_id: int = 1


async def _resolve_mentions(
    conn: aiosqlite.Connection, mentions: list[MentionRow], pending: _Pending
) -> _Resolved:
    """Find the programme each mention belongs to, as if the mentions were stored one by one
    (a mention joins the programme of its acronym, else the most mentioned one with its name;
    an acronym ties name-only programmes with its name to it, merging them), from one read of
    the stored mentions with the article's keys. Merges are written at once; new programmes
    get the ids SQLite would give them (the highest plus one) and are inserted by
    _insert_mentions.
    """
    acronyms = sorted({m.acronym_key for m in mentions if m.acronym_key})
    names = sorted({m.name_key for m in mentions if m.name_key})
    found = await conn.execute_fetchall(
        "SELECT 'a', value, (SELECT programme_id FROM programme_mentions "
        "  WHERE acronym_key = value LIMIT 1), NULL, NULL FROM json_each(?1) "
        "UNION ALL SELECT 'n', m.name_key, m.programme_id, EXISTS (SELECT 1 "
        "  FROM programme_mentions o WHERE o.programme_id = m.programme_id "
        "  AND o.acronym_key IS NOT NULL), p.mentions "
        "  FROM json_each(?2) n JOIN programme_mentions m ON m.name_key = n.value "
        "  JOIN programmes p ON p.id = m.programme_id GROUP BY m.name_key, m.programme_id "
        "UNION ALL SELECT 'max', NULL, (SELECT max(id) FROM programmes), "
        "  (SELECT max(id) FROM events), NULL",
        (json.dumps(acronyms), json.dumps(names)),
    )
    owner: dict[str, int] = {}  # acronym key: its programme (one per acronym)
    named: defaultdict[str, set[int]] = defaultdict(set)  # name key: programmes with it
    has_acronym: dict[int, bool] = {}
    mention_count: dict[int, int] = {}  # programmes.mentions as stored, which orders names
    resolved = _Resolved()
    next_id = 1
    for kind, key, programme_id, extra, mentioned in found:
        if kind == "a" and programme_id is not None:
            owner[key] = int(programme_id)
        elif kind == "n":
            named[key].add(int(programme_id))
            has_acronym[int(programme_id)] = bool(extra)
            mention_count[int(programme_id)] = int(mentioned)
        elif kind == "max":
            next_id = int(programme_id or 0) + 1
            resolved.first_event_id = int(extra or 0) + 1

    async def merge(source: int, target: int) -> None:
        nonlocal next_id
        # The merge writes rows the pending inserts and counts must already be in.
        await _insert_programmes(conn, resolved)
        await _apply_counts(conn, pending.counts)
        pending.counts.clear()
        await _merge_programmes(conn, source, target)
        resolved.merged.add(source)
        for programmes in named.values():
            if source in programmes:
                programmes.discard(source)
                programmes.add(target)
        for position, programme_id in resolved.programme_of.items():
            if programme_id == source:
                resolved.programme_of[position] = target
        rows = await conn.execute_fetchall("SELECT max(id) FROM programmes")
        next_id = int(rows[0][0] or 0) + 1  # the source may have held the highest id

    for mention in mentions:
        acr, name = mention.acronym_key, mention.name_key
        by_acronym = owner.get(acr) if acr else None
        by_name = sorted(named.get(name, ()), key=lambda p: (-mention_count[p], p))
        programme_id: int | None = None
        if not acr:
            programme_id = by_name[0] if by_name else None
        else:
            # Name-only programmes with this name are this acronym's programme.
            for candidate in by_name:
                if has_acronym[candidate] or candidate == by_acronym:
                    continue
                if by_acronym is None:
                    by_acronym = candidate
                else:
                    await merge(candidate, by_acronym)
            programme_id = by_acronym
        if programme_id is None:
            programme_id = next_id
            next_id += 1
            resolved.created.append(programme_id)
            has_acronym[programme_id] = False
            mention_count[programme_id] = 0
        resolved.programme_of[mention.position] = programme_id
        if acr:
            owner[acr] = programme_id
            has_acronym[programme_id] = True
        if name:
            named[name].add(programme_id)
    for mention in mentions:
        programme = mention.programme
        for key in (programme.key, programme.acronym, programme.name):
            if key:
                resolved.keys.setdefault(key, resolved.programme_of[mention.position])
    return resolved


async def _insert_programmes(conn: aiosqlite.Connection, resolved: _Resolved) -> None:
    """Insert the programmes resolved.created names that are not inserted yet."""
    if resolved.created:
        await conn.executemany(
            "INSERT INTO programmes (id) VALUES (?)", [(p,) for p in resolved.created]
        )
        resolved.created = []


async def _insert_mentions(
    conn: aiosqlite.Connection, article_id: int, mentions: list[MentionRow], resolved: _Resolved
) -> None:
    """Insert the new programmes and the article's mentions of programmes."""
    await _insert_programmes(conn, resolved)
    if not mentions:
        return
    await conn.executemany(
        "INSERT INTO programme_mentions (article_id, position, programme_id, acronym, name, "
        "acronym_key, name_key, description, sentences) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                article_id,
                m.position,
                resolved.programme_of[m.position],
                m.programme.acronym or None,
                m.programme.name or None,
                m.acronym_key or None,
                m.name_key or None,
                m.programme.description,
                json.dumps(list(m.programme.sentences), ensure_ascii=False),
            )
            for m in mentions
        ],
    )


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
    if rows:
        await conn.executemany(
            "INSERT INTO programme_relations (programme_id, kind, other_id, article_id) "
            "VALUES (?, ?, ?, ?)",
            sorted(rows),
        )


async def _insert_events(
    conn: aiosqlite.Connection,
    article_id: int,
    rows: list[EventRow],
    resolved: _Resolved,
    pending: _Pending,
) -> None:
    """Insert the events and their programme links; their counts and search entries go to
    `pending`. Event ids are given as SQLite would (the highest plus one), so that no
    statement is needed to read them back."""
    if not rows:
        return
    ids = range(resolved.first_event_id, resolved.first_event_id + len(rows))
    await conn.executemany(
        "INSERT INTO events (id, article_id, date, end_date, precision, start_year, end_year, "
        "month, day, summary, sentence, open_ended) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                event_id,
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
            for event_id, r in zip(ids, rows, strict=True)
        ],
    )
    links = []
    for event_id, row in zip(ids, rows, strict=True):
        _count_event(pending.counts, ALL_EVENTS, row.date, row.end_year, 1)
        linked: list[int] = []
        for key in row.programme_keys:
            programme_id = resolved.keys.get(key)  # programmes the article does not list go
            if programme_id is not None and programme_id not in linked:
                linked.append(programme_id)
        for position, programme_id in enumerate(linked):
            links.append((programme_id, row.date, row.end_year, event_id, row.start_year, position))
            _count_event(pending.counts, programme_id, row.date, row.end_year, 1)
    if links:
        await conn.executemany(
            "INSERT INTO event_programmes (programme_id, date, end_year, event_id, start_year, "
            "position) VALUES (?, ?, ?, ?, ?, ?)",
            links,
        )
    pending.search.add(
        (search_rowid(SEARCH_EVENT, event_id), row.summary, row.sentence)
        for event_id, row in zip(ids, rows, strict=True)
    )


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
        if not changes:
            continue
        await conn.executemany(
            f"INSERT INTO {table} (programme_id, {key}, starts, ends) VALUES (?, ?, ?, ?) "
            f"ON CONFLICT (programme_id, {key}) DO UPDATE "
            "SET starts = starts + excluded.starts, ends = ends + excluded.ends",
            changes,
        )
        # Only a decrease can bring a row to nothing.
        fewer = [(p, k) for p, k, s, e in changes if s < 0 or e < 0]
        if fewer:
            await conn.executemany(
                f"DELETE FROM {table} WHERE programme_id = ? AND {key} = ? "
                "AND starts = 0 AND ends = 0",
                fewer,
            )


async def _finish(conn: aiosqlite.Connection, pending: _Pending) -> None:
    """Write what a write changed in derived data: event counts, the programmes it touched,
    the search index."""
    await _apply_counts(conn, pending.counts)
    pending.counts.clear()
    await _refresh_programmes(conn, pending.touched, pending.search)
    await apply_index_changes(conn, pending.search)
    pending.search = IndexChanges()


async def _refresh_programmes(
    conn: aiosqlite.Connection, programme_ids: Iterable[int], search: IndexChanges
) -> None:
    """Recompute the programmes' names, explanation, mention count and search entry (into
    `search`) from their mentions; delete those without mentions. Programmes whose values
    came out the same are not written."""
    ids = sorted(programme_ids)
    if not ids:
        return
    # One statement for all of them: what is stored, and what their mentions now say.
    found = await conn.execute_fetchall(
        "SELECT t.value, "
        "  (SELECT count(DISTINCT article_id) FROM programme_mentions "
        "   WHERE programme_id = t.value), "
        f"  ({_most_used('acronym')}), ({_most_used('name')}), "
        # The oldest mentions' descriptions, with their order: a JSON array's need not be.
        "  (SELECT json_group_array(json_array(undated, day, article_id, position, "
        "     description)) FROM (SELECT a.published_on IS NULL AS undated, "
        "     a.published_on AS day, m.article_id, m.position, m.description "
        "     FROM programme_mentions m JOIN articles a ON a.id = m.article_id "
        "     WHERE m.programme_id = t.value ORDER BY 1, 2, 3, 4 LIMIT ?2)), "
        "  p.acronym, p.name, p.explanation, p.mentions, s.title, s.body "
        "FROM json_each(?1) t LEFT JOIN programmes p ON p.id = t.value "
        "LEFT JOIN search_index s ON s.rowid = t.value * ?3 + ?4",
        (json.dumps(ids), EXPLANATION_MENTIONS, SEARCH_KINDS, SEARCH_PROGRAMME),
    )
    changed, gone = [], []
    for programme_id, count, acronym, name, described, *stored, title, body in found:
        rowid = search_rowid(SEARCH_PROGRAMME, programme_id)
        if title is not None:
            search.remove([(rowid, title, body)])
        if not count:
            gone.append((programme_id,))
            continue
        oldest = sorted(json.loads(described), key=lambda m: (m[0], m[1] or "", m[2], m[3]))
        descriptions = [m[4] for m in oldest]
        explanation = combine_descriptions(descriptions)
        if stored != [acronym, name, explanation, count]:
            changed.append((acronym, name, explanation, count, programme_id))
        label = ProgrammeRef(programme_id, acronym, name).label
        search.add([(rowid, label, explanation)])  # the same entry as stored costs nothing
    if changed:
        await conn.executemany(
            "UPDATE programmes SET acronym = ?, name = ?, explanation = ?, mentions = ? "
            "WHERE id = ?",
            changed,
        )
    if gone:
        for table in ("event_counts", "event_year_counts"):
            await conn.executemany(f"DELETE FROM {table} WHERE programme_id = ?", gone)
        await conn.executemany("DELETE FROM programmes WHERE id = ?", gone)


def _most_used(column: str) -> str:
    """SQL for the acronym or name (`column`) most mentions of programme t.value use; the
    earliest among equally used."""
    return (
        f"SELECT {column} FROM programme_mentions WHERE programme_id = t.value "
        f"AND {column} IS NOT NULL GROUP BY {column} "
        f"ORDER BY count(*) DESC, min(article_id), min(position) LIMIT 1"
    )
