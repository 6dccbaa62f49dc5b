"""Query latency on a large database: p50 and p99 per query kind, measured in one run.

    python -m bench.queries --events 1000000            # generates data/bench-1000000.db
    python -m bench.queries --events 1000000 --db data/big.db --reuse

Each query goes through the Store as the cogs call it (aiosqlite round trips included), one
at a time, the kinds taking turns, after a warm-up. The workload mixes what users do:

- timeline: first pages; all events, year windows of 0-30 years, topics (popular and rare);
- timeline_deep: any page of a window, up to the last (offset anywhere in the total);
- programme: exact acronyms, exact names, "<name> programme", names with a typo, unknown
  names (suggestions);
- autocomplete: prefixes of names and acronyms as they are typed, some with a typo, empty;
- on_this_date: any calendar day, 29 February included;
- search: a common word, a rare word, two words with the last one unfinished.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

from bench.bigdb import generate
from bot.store import Store

KINDS = (
    "timeline",
    "timeline_deep",
    "programme",
    "autocomplete",
    "on_this_date",
    "search",
)
TODAY = date(2025, 1, 1)


def run(
    events: int = 1_000_000,
    programmes: int = 10_000,
    articles: int = 50_000,
    *,
    samples: int = 400,
    db: Path | str | None = None,
    reuse: bool = False,
    seed: int = 11,
) -> dict[str, Any]:
    """Generate the database (kept as it is when `reuse` and it exists) and time every query
    kind; the workload is drawn from the database itself.

    Returns {"database": {...}, "open_ms": float, "<kind>": {"n", "p50_ms", "p99_ms",
    "max_ms"} for each of KINDS}.
    """
    path = Path(db) if db is not None else Path("data") / f"bench-{events}.db"
    generated_s = None
    if not (reuse and path.exists()):
        path.parent.mkdir(parents=True, exist_ok=True)
        info = generate(path, events=events, programmes=programmes, articles=articles)
        generated_s = round(info.seconds, 1)
    results = asyncio.run(_measure(path, samples, seed))
    results["database"]["generated_s"] = generated_s
    results["database"]["megabytes"] = round(path.stat().st_size / 1e6)
    return results


async def _measure(path: Path, samples: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    started = time.perf_counter()
    store = await Store.open(path)
    open_ms = (time.perf_counter() - started) * 1000
    try:
        stats = await store.stats()
        workloads = _workloads(rng, await _Material.read(store))
        results: dict[str, Any] = {
            "database": {
                "path": str(path),
                "events": stats.events,
                "programmes": stats.programmes,
                "articles": stats.articles,
            },
            "open_ms": round(open_ms, 1),
        }
        # Round robin over the kinds, so that a busy moment of the machine costs them alike.
        for _ in range(max(10, samples // 10)):  # warm-up: caches, lazily built tables
            for kind in KINDS:
                await (await workloads[kind](store))()
        timings: dict[str, list[float]] = {kind: [] for kind in KINDS}
        for _ in range(samples):
            for kind in KINDS:
                call = await workloads[kind](store)
                begun = time.perf_counter()
                await call()
                timings[kind].append((time.perf_counter() - begun) * 1000)
        for kind in KINDS:
            results[kind] = _summary(timings[kind])
        return results
    finally:
        await store.close()


class _Material:
    """Names and words to query with, read from the database under test."""

    def __init__(self, names: list[tuple[str | None, str | None]], terms: list[str]) -> None:
        self.names = names  # (acronym, name), most mentioned first
        self.terms = terms  # indexed search terms, most frequent first

    @classmethod
    async def read(cls, store: Store) -> _Material:
        names = await store.conn.execute_fetchall(
            "SELECT acronym, name FROM programmes ORDER BY mentions DESC, id"
        )
        await store.conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_terms "
            "USING fts5vocab(main, search_index, row)"
        )
        terms = await store.conn.execute_fetchall(
            "SELECT term FROM temp.search_terms WHERE length(term) > 3 ORDER BY doc DESC"
        )
        return cls([tuple(n) for n in names], [t[0] for t in terms])


def _summary(timings: list[float]) -> dict[str, float]:
    ordered = sorted(timings)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return {
        "n": len(ordered),
        "p50_ms": round(statistics.median(ordered), 3),
        "p99_ms": round(p99, 3),
        "max_ms": round(ordered[-1], 3),
    }


# A query kind: given the store, does any untimed preparation and returns the call to time.
Query = Callable[[Store], Awaitable[Callable[[], Awaitable[Any]]]]


def _workloads(rng: random.Random, material: _Material) -> dict[str, Query]:
    names = material.names
    popular = names[:50]
    terms = material.terms
    common_words = terms[:40]
    medium_words = terms[100:2000]
    rare_words = terms[len(terms) // 2 :]

    def topic() -> str:
        acronym, name = rng.choice(popular if rng.random() < 0.5 else names)
        return acronym or name

    def window() -> tuple[int | None, int | None]:
        roll = rng.random()
        if roll < 0.3:
            return None, None
        start = rng.randint(1900, 2024)
        if roll < 0.4:
            return start, None
        return start, start + rng.randint(0, 30)

    async def timeline(store: Store) -> Callable[[], Awaitable[Any]]:
        start, end = window()
        chosen = topic() if rng.random() < 0.3 else None
        offset = 0 if rng.random() < 0.7 else 10 * rng.randint(1, 9)
        return lambda: store.timeline(start, end, chosen, limit=10, offset=offset)

    async def timeline_deep(store: Store) -> Callable[[], Awaitable[Any]]:
        start, end = window()
        chosen = topic() if rng.random() < 0.3 else None
        first = await store.timeline(start, end, chosen, limit=10, offset=0)  # not timed
        offset = rng.randrange(max(1, first.total))
        return lambda: store.timeline(start, end, chosen, limit=10, offset=offset)

    def typo(text: str) -> str:
        if len(text) < 5:
            return text
        at = rng.randrange(1, len(text) - 1)
        return text[:at] + text[at + 1 :] if rng.random() < 0.5 else text[:at] + "x" + text[at:]

    async def programme(store: Store) -> Callable[[], Awaitable[Any]]:
        acronym, name = rng.choice(names)
        roll = rng.random()
        if roll < 0.3 and acronym:
            query = acronym.lower() if rng.random() < 0.5 else acronym
        elif roll < 0.5:
            query = name
        elif roll < 0.6:
            query = f"{name} programme"
        elif roll < 0.85:
            query = typo(name.lower())
        else:
            query = " ".join(rng.choice(rare_words) for _ in range(2))
        return lambda: store.programme(query)

    async def autocomplete(store: Store) -> Callable[[], Awaitable[Any]]:
        acronym, name = rng.choice(names)
        roll = rng.random()
        text = acronym if (roll < 0.25 and acronym) else name
        typed = "" if roll < 0.05 else text[: rng.randint(1, len(text))]
        if rng.random() < 0.15:
            typed = typo(typed)
        return lambda: store.programme_choices(typed)

    async def on_this_date(store: Store) -> Callable[[], Awaitable[Any]]:
        day = date(2024, 1, 1).toordinal() + rng.randrange(366)
        when = date.fromordinal(day)
        return lambda: store.on_this_date(when.month, when.day, TODAY)

    async def search(store: Store) -> Callable[[], Awaitable[Any]]:
        roll = rng.random()
        if roll < 0.4:
            query = rng.choice(common_words)
        elif roll < 0.8:
            query = rng.choice(rare_words)
        else:
            last = rng.choice(medium_words)
            query = f"{rng.choice(common_words)} {last[: max(3, len(last) - 2)]}"
        return lambda: store.search(query, limit=10, offset=0)

    return {
        "timeline": timeline,
        "timeline_deep": timeline_deep,
        "programme": programme,
        "autocomplete": autocomplete,
        "on_this_date": on_this_date,
        "search": search,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.queries", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--programmes", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--samples", type=int, default=400)
    parser.add_argument("--db", type=Path, default=None, help="default: data/bench-EVENTS.db")
    parser.add_argument(
        "--reuse", action="store_true", help="measure the database at --db as it is, if it exists"
    )
    args = parser.parse_args(argv)
    results = run(
        args.events,
        args.programmes,
        args.articles,
        samples=args.samples,
        db=args.db,
        reuse=args.reuse,
    )
    database = results["database"]
    print(
        f"{database['events']} events, {database['programmes']} programmes, "
        f"{database['articles']} articles ({database['megabytes']} MB"
        + (f", generated in {database['generated_s']} s" if database["generated_s"] else "")
        + f"); store opened in {results['open_ms']} ms"
    )
    print(f"{'query':<16}{'n':>6}{'p50 ms':>10}{'p99 ms':>10}{'max ms':>10}")
    for kind in KINDS:
        r = results[kind]
        print(f"{kind:<16}{r['n']:>6}{r['p50_ms']:>10.3f}{r['p99_ms']:>10.3f}{r['max_ms']:>10.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
