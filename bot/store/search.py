"""Full-text search: the FTS5 index, its word list, and the search query.

Every event (summary, sentence), programme (label, explanation) and article (title, source)
is one entry of `search_index`; `search_words` counts the entries each word occurs in.

Two costs of FTS5 are kept bounded for large databases:
- a prefix query ("nat"*) builds the whole merged list of every matching word's entries, so
  the last word of a query is matched as a prefix through `search_words` instead: it becomes
  ("nat" OR "nato" OR "nation" ...) with the most used words it starts;
- BM25 reads the full entry list of every query word to weigh it, so queries with very
  common words are ordered newest first instead of ranked (see search()).
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import aiosqlite

from bot.store.names import fold
from bot.store.results import HIGHLIGHT_END, HIGHLIGHT_START, SearchHit, SearchPage, SourceRef

log = logging.getLogger(__name__)

# search_index rowid = id * SEARCH_KINDS + kind.
SEARCH_KINDS = 4
SEARCH_EVENT, SEARCH_PROGRAMME, SEARCH_ARTICLE = 1, 2, 3

MAX_PAGE = 100
# Only the newest SEARCH_MAX_HITS matching entries are ordered and paged through.
SEARCH_MAX_HITS = 300
# Queries whose words occur in more entries than this (together, estimated) are ordered
# newest first: weighing them for BM25 would read that many entries.
RANK_MAX_ENTRIES = 4_000
MAX_QUERY_WORDS = 16
PREFIX_WORDS = 4  # the last word of a query also matches the most used words it starts
_SNIPPET_TOKENS = 14
_AFTER_ALL = "\U0010ffff"  # sorts after every word
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
# Found in a large part of any English text: requiring them costs reading most of the index
# and narrows nothing.
# fmt: off
_STOPWORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "been", "by", "for", "from", "had", "has",
    "have", "in", "into", "is", "it", "its", "of", "on", "or", "that", "the", "their", "this",
    "to", "was", "were", "which", "with",
})
# fmt: on
_WORD = re.compile(r"[^\W_]+")


def search_rowid(kind: int, row_id: int) -> int:
    """The search_index rowid of an event, programme or article (`kind`: SEARCH_*)."""
    return row_id * SEARCH_KINDS + kind


def words_of(text: str) -> list[str]:
    """The words of `text` as the search index splits them: letters and digits, case and
    accents folded (not stemmed; FTS5 stems query words itself)."""
    return _WORD.findall(fold(text))


@dataclass
class IndexChanges:
    """Search entries one write takes out and puts in, sent together by apply_index_changes:
    a few statements for a whole article instead of a few per entry. An entry taken out and
    put back unchanged costs nothing."""

    removed: dict[int, tuple[str, str]] = field(default_factory=dict)  # rowid: (title, body)
    added: dict[int, tuple[str, str]] = field(default_factory=dict)

    def remove(self, entries: Iterable[tuple[int, str, str]]) -> None:
        """Take out these stored (rowid, title, body) entries (their text uncounts words)."""
        for rowid, title, body in entries:
            self.removed[rowid] = (title, body)

    def add(self, entries: Iterable[tuple[int, str, str]]) -> None:
        """Put in (rowid, title, body) entries; a rowid also removed is replaced."""
        for rowid, title, body in entries:
            self.added[rowid] = (title, body)


async def apply_index_changes(conn: aiosqlite.Connection, changes: IndexChanges) -> None:
    """Write `changes` to the search index and its word counts (inside the caller's
    transaction): removals first, so that a rowid removed and added is replaced."""
    same = {rowid for rowid, entry in changes.removed.items() if changes.added.get(rowid) == entry}
    removed = [(r, *e) for r, e in changes.removed.items() if r not in same]
    added = [(r, *e) for r, e in changes.added.items() if r not in same]
    rowids = [rowid for rowid, _, _ in removed]
    for start in range(0, len(rowids), 500):
        chunk = rowids[start : start + 500]
        await conn.execute(
            f"DELETE FROM search_index WHERE rowid IN ({', '.join('?' * len(chunk))})", chunk
        )
    if added:
        await conn.executemany(
            "INSERT INTO search_index (rowid, title, body) VALUES (?, ?, ?)", added
        )
    deltas = word_counts(added)
    deltas.subtract(word_counts(removed))
    await _add_word_counts(conn, deltas)


async def index_entries(
    conn: aiosqlite.Connection, entries: Sequence[tuple[int, str, str]]
) -> None:
    """Add (rowid, title, body) entries to the search index and count their words."""
    await conn.executemany(
        "INSERT INTO search_index (rowid, title, body) VALUES (?, ?, ?)", entries
    )
    await _count_words(conn, entries, 1)


async def unindex_entries(conn: aiosqlite.Connection, rowids: Sequence[int]) -> None:
    """Remove entries from the search index (missing ones are ignored) and uncount their words."""
    for start in range(0, len(rowids), 500):
        chunk = rowids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        entries = await conn.execute_fetchall(
            f"SELECT rowid, title, body FROM search_index WHERE rowid IN ({marks})", chunk
        )
        await conn.execute(f"DELETE FROM search_index WHERE rowid IN ({marks})", chunk)
        await _count_words(conn, [tuple(e) for e in entries], -1)


def word_counts(entries: Iterable[tuple[int, str, str]]) -> Counter[str]:
    """How many of `entries` each word occurs in."""
    counts: Counter[str] = Counter()
    for _, title, body in entries:
        counts.update(set(words_of(f"{title} {body}")))
    return counts


async def _count_words(
    conn: aiosqlite.Connection, entries: Sequence[tuple[int, str, str]], sign: int
) -> None:
    counts = word_counts(entries)
    await _add_word_counts(conn, Counter({word: sign * n for word, n in counts.items()}))


async def _add_word_counts(conn: aiosqlite.Connection, deltas: Counter[str]) -> None:
    """Add `deltas` to search_words; words left in no entry go."""
    changed = [(word, n) for word, n in deltas.items() if n]
    if not changed:
        return
    await conn.executemany(
        "INSERT INTO search_words (word, docs) VALUES (?, ?) "
        "ON CONFLICT (word) DO UPDATE SET docs = docs + excluded.docs",
        changed,
    )
    fewer = [(word,) for word, n in changed if n < 0]
    if fewer:
        await conn.executemany("DELETE FROM search_words WHERE word = ? AND docs <= 0", fewer)


def query_words(query: str) -> list[str]:
    """The words of a search query that are searched for, folded: at most MAX_QUERY_WORDS,
    without FTS5's operators written in capitals (AND, OR, NOT, NEAR), which people type
    meaning operators (every word is required anyway), and without words too common to
    mean anything ("the", "from") unless the query has nothing else."""
    found = [w for w in _WORD.findall(query) if w not in _OPERATORS] or _WORD.findall(query)
    folded = [part for w in found for part in words_of(w)]  # split as the index splits
    meaningful = [w for w in folded if w not in _STOPWORDS] or folded
    return meaningful[:MAX_QUERY_WORDS]


def fts_query(words: Sequence[str], prefixed: Sequence[str] = ()) -> str | None:
    """An FTS5 query requiring every word, each quoted so that no text is taken for syntax;
    the last word may also be any of `prefixed`. None when there are no words."""
    if not words:
        return None
    quoted = [_quoted(w) for w in words]
    alternatives = [quoted[-1]] + [_quoted(w) for w in prefixed if w != words[-1]]
    if len(alternatives) > 1:
        quoted[-1] = f"({' OR '.join(alternatives)})"
    return " AND ".join(quoted)


def _quoted(word: str) -> str:
    # Words are letters and digits; doubling quotes is FTS5's escape, should one ever appear.
    return '"' + word.replace('"', '""') + '"'


async def search(
    conn: aiosqlite.Connection, query: str, limit: int = 10, offset: int = 0
) -> SearchPage:
    """Events, programmes and articles holding every word of `query` (see query_words), the
    last word also as the start of a longer word ("nat" finds NATO), with snippets marking
    matched words with HIGHLIGHT_START/HIGHLIGHT_END. Any text is safe: only its letters and
    digits are used.

    Order: the newest SEARCH_MAX_HITS matching entries, best match first (BM25, titles
    weighing double); for queries of very common words, newest first. `total` counts at most
    SEARCH_MAX_HITS, so every page it implies exists. Raises ValueError for a negative offset
    or a limit below 1 (limit is capped at MAX_PAGE).
    """
    if limit < 1 or offset < 0:
        raise ValueError("limit must be at least 1 and offset at least 0")
    limit = min(limit, MAX_PAGE)
    words = query_words(query)
    empty = SearchPage(query, (), 0, offset, limit)
    if not words:
        return empty
    prefixed, entries = await _expand(conn, words)
    match = fts_query(words, prefixed)
    assert match is not None
    # BM25 reads every entry of every word: only when that is cheap; else newest first.
    score = "bm25(search_index, 2.0, 1.0)" if sum(entries) <= RANK_MAX_ENTRIES else "0"
    # The newest SEARCH_MAX_HITS matches bound the entries ordered and counted. Reading from
    # the oldest is twice as fast in FTS5: when fewer entries than that can match (every
    # word is required, so no more than its rarest word's), all of them are read that way.
    direction = "" if min(entries) < SEARCH_MAX_HITS else "DESC"
    try:
        rows = await conn.execute_fetchall(
            "WITH candidates AS MATERIALIZED (SELECT rowid FROM search_index "
            f"  WHERE search_index MATCH ?1 ORDER BY rowid {direction} LIMIT ?2), "
            "bounds AS (SELECT count(*) AS total, coalesce(min(rowid), 0) AS lowest "
            "  FROM candidates), "
            "page AS (SELECT rowid, title, snippet(search_index, -1, ?3, ?4, '…', ?5) AS snippet, "
            f"  {score} AS score FROM search_index "
            "  WHERE search_index MATCH ?1 AND rowid >= (SELECT lowest FROM bounds) "
            "  ORDER BY score, rowid DESC LIMIT ?6 OFFSET ?7) "
            "SELECT bounds.total, page.rowid, page.title, page.snippet, e.date, "
            "  a.id, a.title, a.published_on, a.author, a.url "
            "FROM bounds LEFT JOIN page ON 1 "
            "LEFT JOIN events e ON page.rowid % ?8 = ?9 AND e.id = page.rowid / ?8 "
            "LEFT JOIN articles a ON a.id = CASE page.rowid % ?8 "
            "  WHEN ?9 THEN e.article_id WHEN ?10 THEN page.rowid / ?8 END "
            "ORDER BY page.score, page.rowid DESC",
            (
                match,
                SEARCH_MAX_HITS,
                HIGHLIGHT_START,
                HIGHLIGHT_END,
                _SNIPPET_TOKENS,
                limit,
                offset,
                SEARCH_KINDS,
                SEARCH_EVENT,
                SEARCH_ARTICLE,
            ),
        )
    except sqlite3.OperationalError:
        # fts_query quotes every word, so this is a bug, not the user's text: say so in the
        # log and answer "nothing found" rather than fail the command.
        log.exception("search for %r (FTS5 query %r) failed", query, match)
        return empty
    total = int(rows[0][0]) if rows else 0
    hits: list[SearchHit] = []
    for _, rowid, title, snippet, event_date, *article in rows:
        if rowid is None:  # no page: only the count
            continue
        kind = rowid % SEARCH_KINDS
        source = SourceRef(*article) if article[0] is not None else None
        if kind == SEARCH_EVENT and event_date is not None:
            hits.append(SearchHit("event", title, snippet, event_date, source))
        elif kind == SEARCH_PROGRAMME:
            hits.append(SearchHit("programme", title, snippet, None, None))
        elif kind == SEARCH_ARTICLE and source is not None:
            hits.append(SearchHit("article", title, snippet, source.published_on, source))
    return SearchPage(query, tuple(hits), total, offset, limit)


async def _expand(conn: aiosqlite.Connection, words: Sequence[str]) -> tuple[list[str], list[int]]:
    """The PREFIX_WORDS most used indexed words that start with the last of `words` (when it
    has two letters or more); and for each word, about how many index entries hold it.

    FTS5 stems words ("joins" is read as "join"; "relational" as "relat"), so a word counts
    every indexed word that starts like its stem might: all but its last five letters, at
    least three. That errs high, which is the safe side for both uses (search())."""
    last = words[-1]
    bounds: list[str] = []
    for word in words:
        stem = word[: max(3, len(word) - 5)]
        bounds += [stem, stem + _AFTER_ALL]
    per_word = ", ".join(
        ["(SELECT coalesce(sum(docs), 0) FROM search_words WHERE word >= ? AND word < ?)"]
        * len(words)
    )
    rows = await conn.execute_fetchall(
        "SELECT (SELECT json_group_array(word) FROM (SELECT word FROM search_words "
        "        WHERE word >= ? AND word < ? ORDER BY docs DESC LIMIT ?)), "
        f"json_array({per_word})",
        # A one-letter word gets the empty range [last, last): it is not expanded.
        (last, last + _AFTER_ALL if len(last) > 1 else last, PREFIX_WORDS, *bounds),
    )
    return json.loads(rows[0][0]), json.loads(rows[0][1])
