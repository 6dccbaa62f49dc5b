"""Generate a large Almanac database for benchmarks, fast and deterministically.

    python -m bench.bigdb data/big.db --events 1000000 --programmes 10000 --articles 50000

The schema comes from the store's own migrations; rows are written directly with executemany
in a few large transactions (secondary indexes are dropped first and rebuilt at the end),
following the same rules as bot.store.ingest: name keys from bot.store.names, explanations
from combine_descriptions, per-year event counts, search entries. The same seed and sizes
always give the same database.

The text is made of pseudo-words with a Zipf distribution, plus common real words, so that
full-text search meets both rare and very common terms; programme popularity is Zipf-like
too (a few programmes are named by thousands of events), and event dates favour recent years.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import itertools
import random
import sqlite3
import sys
import time
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from operator import itemgetter
from pathlib import Path

from bot.store import Store
from bot.store.ingest import (
    ALL_EVENTS,
    EXPLANATION_MENTIONS,
    combine_descriptions,
    end_period,
    start_period,
)
from bot.store.names import STOPWORDS, acronym_key, name_key
from bot.store.results import ProgrammeRef
from bot.store.search import (
    SEARCH_ARTICLE,
    SEARCH_EVENT,
    SEARCH_PROGRAMME,
    search_rowid,
    word_counts,
    words_of,
)

# fmt: off
COMMON_WORDS = [
    "the", "of", "and", "in", "to", "a", "for", "on", "with", "by", "NATO", "was", "at", "as",
    "from", "that", "its", "has", "said", "security", "cooperation", "partnership",
    "Azerbaijan", "country", "forces", "support", "joined", "signed", "agreement", "minister",
    "meeting", "defence", "military", "alliance", "peace", "mission", "operation", "training",
    "council", "programme", "plan", "reform", "summit", "declaration", "member", "partner",
    "regional", "international", "government", "president", "relations", "dialogue",
    "capabilities", "exercise", "Afghanistan", "Europe",
]
PROGRAMME_KINDS = [
    "Programme", "Council", "Fund", "Mission", "Initiative", "Process", "Centre", "Force",
    "Plan", "Partnership", "Agency", "Commission", "Operation", "Forum", "Office", "Network",
    "Capability", "Framework",
]
# fmt: on
_CAPITALISED = frozenset(w for w in COMMON_WORDS if w != w.lower())
SOURCES = ("Azernews", "Trend", "Report.az", "NATO Review", "APA", "Caspian News")
_SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"] + ["an", "or", "el", "is"]
_BATCH = 100_000  # events generated and written per transaction


@dataclass(frozen=True)
class BigDb:
    """What was generated."""

    path: Path
    events: int
    programmes: int
    articles: int
    seconds: float


def _pseudo_words(rng: random.Random, count: int) -> list[str]:
    seen: set[str] = set(w.lower() for w in COMMON_WORDS)
    found: list[str] = []
    while len(found) < count:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            found.append(word)
    return found


def _zipf_weights(n: int, s: float = 1.0) -> list[float]:
    return list(accumulate(1.0 / (rank**s) for rank in range(1, n + 1)))


class _Text:
    """A deterministic stream of Zipf-distributed words."""

    # Words are drawn from a table of 2**22 slots in which each word fills slots in proportion
    # to its weight (at least one): then random bytes pick slots directly, and a million
    # events' words are drawn in C rather than one Python call each.
    _BITS = 22

    def __init__(self, rng: random.Random, vocabulary: list[str]) -> None:
        self.rng = rng
        self.vocabulary = vocabulary
        slots = 1 << self._BITS
        weights = [1.0 / (rank**1.05) for rank in range(1, len(vocabulary) + 1)]
        scale = slots / sum(weights)
        counts = [max(1, round(w * scale)) for w in weights]
        counts[0] += slots - sum(counts)  # the most common word absorbs the rounding
        self._table = [w for w, n in zip(vocabulary, counts, strict=True) for _ in range(n)]
        # Keeps the low 6 bits of a byte: with a zeroed top byte, 4 random bytes are 22 bits.
        self._six_bits = bytes(b & 0x3F for b in range(256))
        self._buffer: list[str] = []
        self._at = 0

    def words(self, n: int) -> list[str]:
        if self._at + n > len(self._buffer):
            self._buffer = self._draw(500_000)
            self._at = 0
        chunk = self._buffer[self._at : self._at + n]
        self._at += n
        return chunk

    def _draw(self, count: int) -> list[str]:
        raw = bytearray(self.rng.randbytes(4 * count))
        raw[2::4] = raw[2::4].translate(self._six_bits)
        raw[3::4] = bytes(count)
        slots = array("I")
        slots.frombytes(bytes(raw))
        if sys.byteorder == "big":
            slots.byteswap()
        return list(itemgetter(*slots)(self._table))

    def sentence(self, n: int, *inserts: str) -> str:
        return self.compose(self.words(n), inserts)

    def compose(self, words: list[str], inserts: Sequence[str]) -> str:
        """A sentence of `words` with `inserts` put in at random places."""
        parts = list(words)
        for text in inserts:
            parts.insert(_below(self.rng, len(parts) + 1), text)
        parts[0] = parts[0][:1].upper() + parts[0][1:]
        return " ".join(parts) + "."


def _below(rng: random.Random, n: int) -> int:
    """A number in range(n); cheaper than rng.randrange, which matters a million times over."""
    return int(rng.random() * n)


def _between(rng: random.Random, low: int, high: int) -> int:
    """A number from low to high inclusive; cheaper than rng.randint."""
    return low + int(rng.random() * (high - low + 1))


def generate(
    path: Path | str,
    *,
    events: int = 1_000_000,
    programmes: int = 10_000,
    articles: int = 50_000,
    seed: int = 5,
) -> BigDb:
    """Write a fresh database at `path` (replacing any file there) and describe it."""
    started = time.perf_counter()
    path = Path(path)
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    asyncio.run(_create_schema(path))
    rng = random.Random(seed)
    vocabulary = COMMON_WORDS + _pseudo_words(rng, 30_000)
    text = _Text(rng, vocabulary)

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -1000000")
    indexes = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
    ).fetchall()
    for name, _ in indexes:
        conn.execute(f"DROP INDEX {name}")

    conn.execute("BEGIN")
    names = _programmes(rng, text, programmes)
    article_rows = _articles(rng, text, articles)
    programme_weights = _zipf_weights(len(names), 1.0)
    order = list(range(len(names)))  # popularity rank -> programme index
    rng.shuffle(order)
    # Each article mentions a few programmes, popular ones more often.
    mention_rows = []
    article_programmes: list[list[int]] = []
    mentioned_by: dict[int, list[int]] = {}
    for article_id in range(1, articles + 1):
        count = rng.randint(1, 5)
        picked = {order[i] for i in _pick(rng, programme_weights, count)}
        # Every programme is mentioned at least once.
        picked.update(range(article_id - 1, len(names), articles))
        chosen = sorted(picked)
        article_programmes.append(chosen)
        for position, p in enumerate(chosen):
            acronym, name = names[p]
            # Some articles use only the acronym or only the name.
            roll = rng.random()
            m_acronym = None if (roll < 0.1 and name) else acronym
            m_name = None if (0.1 <= roll < 0.2 and acronym) else name
            description = text.sentence(rng.randint(12, 25), name)
            mention_rows.append(
                (
                    article_id,
                    position,
                    p + 1,
                    m_acronym,
                    m_name,
                    acronym_key(m_acronym) if m_acronym else None,
                    name_key(m_name) if m_name else None,
                    description,
                    "[]",
                )
            )
            mentioned_by.setdefault(p, []).append(len(mention_rows) - 1)
    conn.executemany(
        "INSERT INTO articles (id, path, sha256, title, published_on, author, source, url, "
        "event_count, programme_count, person_count, ingested_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, 2, '2024-01-01T00:00:00+00:00')",
        [
            (*row[:7], events // articles + (1 if i < events % articles else 0), len(chosen))
            for i, (row, chosen) in enumerate(zip(article_rows, article_programmes, strict=True))
        ],
    )
    conn.executemany(
        "INSERT INTO programme_mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", mention_rows
    )
    published = {row[0]: row[4] for row in article_rows}
    programme_rows, search_rows = [], []
    for p, (acronym, name) in enumerate(names):
        rows = sorted(
            (mention_rows[i] for i in mentioned_by.get(p, [])),
            key=lambda m: (published[m[0]], m[0], m[1]),
        )
        if not rows:
            continue
        explanation = combine_descriptions(m[7] for m in rows[:EXPLANATION_MENTIONS])
        mentions = len({m[0] for m in rows})
        programme_rows.append((p + 1, acronym, name, explanation, mentions))
        label = ProgrammeRef(p + 1, acronym, name).label
        search_rows.append((search_rowid(SEARCH_PROGRAMME, p + 1), label, explanation))
    conn.executemany("INSERT INTO programmes VALUES (?, ?, ?, ?, ?)", programme_rows)
    present = {row[0] for row in programme_rows}
    relation_rows = set()
    for p in sorted(present):
        for kind in ("part_of", "succeeded_by"):
            if rng.random() < 0.04:
                other = rng.choice(programme_rows)[0]
                if other != p:
                    article_id = mention_rows[mentioned_by[p - 1][0]][0]
                    relation_rows.add((p, kind, other, article_id))
    conn.executemany("INSERT INTO programme_relations VALUES (?, ?, ?, ?)", sorted(relation_rows))
    conn.executemany(
        "INSERT INTO people VALUES (?, ?, ?, ?)",
        [
            (a, i, " ".join(w.title() for w in text.words(2)), rng.choice(("minister", None)))
            for a in range(1, articles + 1)
            for i in range(2)
        ],
    )
    search_rows += [
        (search_rowid(SEARCH_ARTICLE, row[0]), row[3], row[6] or "") for row in article_rows
    ]
    conn.executemany("INSERT INTO search_index (rowid, title, body) VALUES (?, ?, ?)", search_rows)
    conn.execute("COMMIT")
    search_words = word_counts(search_rows)

    counts: Counter[tuple[int, str, int]] = Counter()
    name_words: dict[int, set[str]] = {}
    event_id = 0
    for batch_start in range(0, events, _BATCH):
        batch = range(batch_start, min(events, batch_start + _BATCH))
        event_rows, link_rows, fts_rows = [], [], []
        for n in batch:
            event_id += 1
            article_index = n * articles // events
            row, links, found = _event(
                rng, text, names, name_words, article_programmes[article_index]
            )
            search_words.update(found)
            start_year, end_year = row[3], row[4]
            event_rows.append((event_id, article_index + 1, *row))
            starts, ends = start_period(row[0]), end_period(end_year)
            for p in (ALL_EVENTS, *(link + 1 for link in links)):
                counts[(p, starts, 0)] += 1
                counts[(p, ends, 1)] += 1
            for position, p in enumerate(links):
                link_rows.append((p + 1, row[0], end_year, event_id, start_year, position))
            fts_rows.append((search_rowid(SEARCH_EVENT, event_id), row[7], row[8]))
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO events (id, article_id, date, end_date, precision, start_year, "
            "end_year, month, day, summary, sentence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            event_rows,
        )
        conn.executemany("INSERT INTO event_programmes VALUES (?, ?, ?, ?, ?, ?)", link_rows)
        conn.executemany("INSERT INTO search_index (rowid, title, body) VALUES (?, ?, ?)", fts_rows)
        conn.execute("COMMIT")

    per_period: dict[tuple[int, str], list[int]] = {}
    per_year: dict[tuple[int, int], list[int]] = {}
    for (p, period, which), count in counts.items():
        per_period.setdefault((p, period), [0, 0])[which] += count
        per_year.setdefault((p, int(period[:4])), [0, 0])[which] += count
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO event_counts VALUES (?, ?, ?, ?)",
        [(p, period, s, e) for (p, period), (s, e) in sorted(per_period.items())],
    )
    conn.executemany(
        "INSERT INTO event_year_counts VALUES (?, ?, ?, ?)",
        [(p, year, s, e) for (p, year), (s, e) in sorted(per_year.items())],
    )
    conn.executemany("INSERT INTO search_words VALUES (?, ?)", sorted(search_words.items()))
    for _, sql in indexes:
        conn.execute(sql)
    conn.execute("INSERT INTO search_index (search_index) VALUES ('optimize')")
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()

    return BigDb(
        path=path,
        events=events,
        programmes=len(programme_rows),
        articles=articles,
        seconds=time.perf_counter() - started,
    )


async def _create_schema(path: Path) -> None:
    store = await Store.open(path)
    await store.close()


def _pick(rng: random.Random, cumulative: list[float], count: int) -> list[int]:
    """`count` indexes drawn with the weights whose running sums are `cumulative`."""
    top = len(cumulative) - 1
    return [min(top, bisect_left(cumulative, rng.random() * cumulative[-1])) for _ in range(count)]


def _programmes(rng: random.Random, text: _Text, count: int) -> list[tuple[str | None, str]]:
    """Distinct (acronym, name) pairs; three in four programmes have an acronym."""
    name_words = text.vocabulary[len(COMMON_WORDS) // 2 : 4000]
    weights = _zipf_weights(len(name_words), 0.8)
    names: list[tuple[str | None, str]] = []
    used_names: set[str] = set()
    used_acronyms: set[str] = set()
    for n in itertools.count():
        if len(names) == count:
            break
        picked = [name_words[i] for i in _pick(rng, weights, rng.randint(1, 3))]
        parts = [w.title() for w in picked]
        if rng.random() < 0.3:
            parts += ["for", rng.choice(name_words).title()]
        parts.append(rng.choice(PROGRAMME_KINDS))
        name = " ".join(parts)
        if name_key(name) in used_names:
            name = f"{name} {n}"
        used_names.add(name_key(name))
        acronym = None
        if rng.random() < 0.75:
            acronym = "".join(p[0].upper() for p in parts if p.lower() not in STOPWORDS)
            if acronym_key(acronym) in used_acronyms:
                acronym = f"{acronym}{n}"
            used_acronyms.add(acronym_key(acronym))
        names.append((acronym, name))
    return names


def _articles(rng: random.Random, text: _Text, count: int) -> list[tuple]:
    rows = []
    for article_id in range(1, count + 1):
        year = rng.randint(1995, 2024)
        published = f"{year:04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        rows.append(
            (
                article_id,
                f"/bench/articles/{article_id:06d}.txt",
                hashlib.sha256(f"article {article_id}".encode()).hexdigest(),
                text.sentence(rng.randint(5, 11))[:-1],
                published,
                " ".join(w.title() for w in text.words(2)),
                rng.choice(SOURCES),
            )
        )
    return rows


def _event(
    rng: random.Random,
    text: _Text,
    names: list[tuple[str | None, str]],
    name_words: dict[int, set[str]],
    programmes: list[int],
) -> tuple[tuple, list[int], set[str]]:
    """(date, end_date, precision, start_year, end_year, month, day, summary, sentence), the
    programmes (indexes into `names`) the sentence names, and the words of summary and
    sentence as the search index counts them (bot.store.search.words_of)."""
    # Seven in ten events in the last 35 years, recent ones most often.
    recent = rng.random() < 0.7
    year = 2024 - int(rng.triangular(0, 35, 0)) if recent else _between(rng, 1900, 1989)
    roll = rng.random()
    month = _between(rng, 1, 12)
    day = _between(rng, 1, 29 if month == 2 else 30)
    if roll < 0.5:
        if month == 2 and day == 29 and year % 4:
            day = 28
        precision, date, m, d = "day", f"{year:04d}-{month:02d}-{day:02d}", month, day
    elif roll < 0.8:
        precision, date, m, d = "month", f"{year:04d}-{month:02d}", None, None
    else:
        precision, date, m, d = "year", f"{year:04d}", None, None
    end_date, end_year = None, year
    if rng.random() < 0.08:
        end_year = min(2030, year + 1 + int(rng.expovariate(1 / 4)))
        end_date = f"{end_year:04d}"
    links = [p for p in programmes if rng.random() < 0.35][:2]
    mentioned = [names[p][0] or names[p][1] for p in links]
    summary_words = text.words(_between(rng, 6, 12))
    sentence_words = text.words(_between(rng, 15, 30))
    summary = text.compose(summary_words, mentioned)[:-1]
    sentence = text.compose(sentence_words, mentioned)
    # The generated words are single words of letters, lower case but for a few common ones:
    # lowering those is all that words_of would do.
    found = set(summary_words)
    found.update(sentence_words)
    capitalised = found & _CAPITALISED
    if capitalised:
        found -= capitalised
        found.update(w.lower() for w in capitalised)
    for p in links:
        if p not in name_words:
            name_words[p] = set(words_of(mentioned[links.index(p)]))
        found |= name_words[p]
    return (date, end_date, precision, year, end_year, m, d, summary, sentence), links, found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.bigdb", description=__doc__.split("\n")[0]
    )
    parser.add_argument("path", type=Path)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--programmes", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args(argv)
    info = generate(
        args.path,
        events=args.events,
        programmes=args.programmes,
        articles=args.articles,
        seed=args.seed,
    )
    size = info.path.stat().st_size / 1e6
    print(
        f"{info.path}: {info.events} events, {info.programmes} programmes, "
        f"{info.articles} articles, {size:.0f} MB in {info.seconds:.1f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
