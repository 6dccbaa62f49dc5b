"""Reading events into the values of bot.store.results (shared by the queries).

Each function is one SQL statement: on a large database the round trips to the database
thread, not SQLite, are much of a query's time.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import aiosqlite

from bot.store.results import EventEntry, SourceRef

# An event with its source and, as JSON [[position, key], ...], the programmes it names;
# then {extra}: one more value the caller asks for in the same statement.
_EVENT_SELECT = (
    "SELECT e.id, e.date, e.end_date, e.precision, e.summary, e.sentence, "
    "a.id, a.title, a.published_on, a.author, a.url, "
    "(SELECT json_group_array(json_array(ep.position, coalesce(p.acronym, p.name))) "
    "   FROM event_programmes ep JOIN programmes p ON p.id = ep.programme_id "
    "  WHERE ep.event_id = e.id), "
    "{extra}, e.open_ended "
    "FROM events e JOIN articles a ON a.id = e.article_id "
)


async def select_events(
    conn: aiosqlite.Connection, where: str, params: Sequence[object] = ()
) -> list[EventEntry]:
    """The events `where` picks: SQL that follows "FROM events e JOIN articles a", e.g.
    "WHERE e.id IN (...) ORDER BY e.date, e.id", with its `params`."""
    events, _ = await select_events_and(conn, "NULL", (), where, params)
    return events


async def select_events_and(
    conn: aiosqlite.Connection,
    extra: str,
    extra_params: Sequence[object],
    where: str,
    params: Sequence[object] = (),
) -> tuple[list[EventEntry], object]:
    """select_events, and the value of the SQL expression `extra` (with `extra_params`)
    computed in the same statement, which saves a round trip to the database thread; the
    value is None when no event is picked."""
    rows = await conn.execute_fetchall(
        _EVENT_SELECT.format(extra=extra) + where, (*extra_params, *params)
    )
    events = [
        EventEntry(
            id=row[0],
            date=row[1],
            end=row[2],
            precision=row[3],
            summary=row[4],
            sentence=row[5],
            programmes=tuple(key for _, key in sorted(json.loads(row[11]))),
            source=SourceRef(*row[6:11]),
            open_ended=bool(row[13]),
        )
        for row in rows
    ]
    return events, (rows[0][12] if rows else None)


def marks(values: Sequence[object]) -> str:
    """ "?, ?, ?" for an SQL IN list of `values`."""
    return ", ".join("?" * len(values))
