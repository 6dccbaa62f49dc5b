"""`make bench`: the five benchmarks of issue 5 in one run, written to docs/benchmarks.md.

    python -m bench                      # everything, full sizes (under 10 minutes on 2 cores)
    python -m bench --quick              # small sizes, to bench/out/benchmarks-quick.md
    python -m bench --only fanout        # one benchmark (repeat --only for more); the others'
                                         # sections are kept from the last run of that mode
    python -m bench --out /tmp/bench.md
    python -m bench --only fanout --profile  # py-spy flame graphs of the bot process

Benchmarks, in the order they run: extraction (with ingestion), queries, memory,
interactions, fanout. The large database is generated once and cached in bench/out/.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import logging
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from bench import botprocess, report
from bench.machine import describe, load_average

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
OUT_DIR = BENCH_DIR / "out"
DEFAULT_OUT = REPO_ROOT / "docs" / "benchmarks.md"
NAMES = ("extraction", "queries", "memory", "interactions", "fanout")
LOADED = 10  # interactions in flight in the loaded run (the main one sends one at a time)
# The Python files whose rules bench.bigdb follows: a change to any of them (or to a
# migration) changes the generated database, so it is part of the cache key.
_BIGDB_SOURCES = (
    "bench/bigdb.py",
    "bot/store/ingest.py",
    "bot/store/names.py",
    "bot/store/search.py",
)


@dataclass(frozen=True)
class Sizes:
    articles: int  # extraction and ingestion
    events: int
    programmes: int
    db_articles: int
    query_samples: int
    interactions: int
    guilds: int  # interactions and memory
    servers: int  # daily fan-out
    limit: float  # the fake's global requests/s in the fan-out
    rate: float | None  # the bot's daily pacing; None: the bot's default scaled to `limit`


FULL = Sizes(
    articles=200,
    events=1_000_000,
    programmes=10_000,
    db_articles=50_000,
    query_samples=400,
    interactions=1000,
    guilds=10_000,
    servers=10_000,
    limit=50.0,
    rate=None,
)
QUICK = Sizes(
    articles=20,
    events=20_000,
    programmes=500,
    db_articles=1_000,
    query_samples=100,
    interactions=200,
    guilds=500,
    servers=500,
    limit=250.0,
    rate=None,
)


def pacing_rate(sizes: Sizes) -> float:
    """The daily posts' pacing: as given, else the bot's own default (47 for Discord's 50/s)
    scaled to the fake's limit."""
    from bot.daily import DEFAULT_RATE

    return sizes.rate if sizes.rate is not None else round(sizes.limit * DEFAULT_RATE / 50, 1)


# -- the cached database ---------------------------------------------------------------------


def database_key(sizes: Sizes, seed: int = 5) -> str:
    """A file name that changes whenever the generated database would."""
    digest = hashlib.sha256()
    sources = [REPO_ROOT / name for name in _BIGDB_SOURCES]
    sources += sorted((REPO_ROOT / "bot" / "store" / "migrations").glob("*.sql"))
    for path in sources:
        if path.exists():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return (
        f"bigdb-{sizes.events}e-{sizes.programmes}p-{sizes.db_articles}a-s{seed}-"
        f"{digest.hexdigest()[:12]}.db"
    )


def cached_database(sizes: Sizes, out_dir: Path = OUT_DIR) -> tuple[Path, dict[str, Any]]:
    """The generated database for `sizes`, made now unless a complete one is cached.

    Older databases in `out_dir` are deleted. Returns its path and {"cached": bool,
    "generated_s": float | None}.
    """
    from bench.bigdb import generate

    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / database_key(sizes)
    if path.exists():
        return path, {"cached": True, "generated_s": None}
    # Generated under another name and renamed when complete: an interrupted or failed run
    # never leaves a half-made database that a later run would trust.
    partial = out_dir / ("partial-" + path.name)
    try:
        info = generate(
            partial, events=sizes.events, programmes=sizes.programmes, articles=sizes.db_articles
        )
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        for suffix in ("-wal", "-shm"):
            Path(str(partial) + suffix).unlink(missing_ok=True)
    partial.rename(path)
    for stale in [*out_dir.glob("bigdb-*.db*"), *out_dir.glob("partial-bigdb-*.db*")]:
        if stale != path:
            stale.unlink()
    return path, {"cached": False, "generated_s": round(info.seconds, 1)}


def empty_database(out_dir: Path = OUT_DIR) -> Path:
    """A path where a fresh, empty database will be created (any old one removed)."""
    path = out_dir / "empty.db"
    for stale in out_dir.glob("empty.db*"):
        stale.unlink()
    return path


# -- the benchmarks --------------------------------------------------------------------------


def run_extraction(sizes: Sizes, results: dict[str, Any]) -> None:
    from bench import extraction, ingestion

    results["extraction"] = extraction.run(sizes.articles)
    results["ingestion"] = ingestion.measure(OUT_DIR / "ingestion", sizes.articles)


def run_queries(sizes: Sizes, results: dict[str, Any]) -> None:
    from bench import queries

    path, made = cached_database(sizes)
    found = queries.run(
        sizes.events,
        sizes.programmes,
        sizes.db_articles,
        samples=sizes.query_samples,
        db=path,
        reuse=True,
    )
    found["database"].update(made)
    results["queries"] = found


def run_memory(sizes: Sizes, results: dict[str, Any]) -> None:
    from bench.fanout import clear_daily_posts
    from bench.memory import measure

    path, _ = cached_database(sizes)
    asyncio.run(clear_daily_posts(path))  # an interrupted fan-out's servers would be "due"
    logs = OUT_DIR / "logs"

    async def all_four() -> dict[str, Any]:
        empty = empty_database()
        found: dict[str, Any] = {"events": f"{sizes.events:,}"}
        runs = (
            ("baseline", empty, 1, "1 guild, empty database"),
            ("guilds_only", empty, sizes.guilds, f"{sizes.guilds:,} guilds, empty database"),
            ("database_only", path, 1, f"1 guild, {sizes.events:,}-event database"),
            ("main", path, sizes.guilds, f"{sizes.guilds:,} guilds, {sizes.events:,} events"),
        )
        for name, database, guilds, label in runs:
            found[name] = await measure(
                database, guilds=guilds, log_path=logs / f"memory-{name}.log", label=label
            )
        return found

    results["memory"] = asyncio.run(all_four())


def run_interactions(sizes: Sizes, results: dict[str, Any]) -> None:
    from bench.fanout import clear_daily_posts
    from bench.interactions import Vocabulary, measure

    path, _ = cached_database(sizes)
    asyncio.run(clear_daily_posts(path))  # an interrupted fan-out's servers would be "due"
    logs = OUT_DIR / "logs"
    # The same options for both runs: the empty database's baseline differs only in data.
    vocabulary = Vocabulary.from_database(path)

    async def both() -> dict[str, Any]:
        main = await measure(
            path,
            guilds=sizes.guilds,
            count=sizes.interactions,
            log_path=logs / "interactions.log",
            label=f"{sizes.events:,} events",
            vocabulary=vocabulary,
        )
        empty = await measure(
            empty_database(),
            guilds=sizes.guilds,
            count=sizes.interactions,
            log_path=logs / "interactions-empty.log",
            label="empty database",
            vocabulary=vocabulary,
        )
        # The same bot under load: a fixed number in flight measures queueing too.
        loaded = await measure(
            path,
            guilds=sizes.guilds,
            count=sizes.interactions,
            log_path=logs / "interactions-loaded.log",
            label=f"{LOADED} in flight",
            vocabulary=vocabulary,
            concurrency=LOADED,
        )
        return {"main": main, "empty": empty, "loaded": loaded}

    results["interactions"] = asyncio.run(both())


def run_fanout(sizes: Sizes, results: dict[str, Any]) -> None:
    from bench.fanout import measure

    path, _ = cached_database(sizes)
    results["fanout"] = asyncio.run(
        measure(
            path,
            servers=sizes.servers,
            limit=sizes.limit,
            rate=pacing_rate(sizes),
            log_path=OUT_DIR / "logs" / "fanout.log",
        )
    )


RUNNERS: dict[str, Callable[[Sizes, dict[str, Any]], None]] = {
    "extraction": run_extraction,
    "queries": run_queries,
    "memory": run_memory,
    "interactions": run_interactions,
    "fanout": run_fanout,
}
# Result keys each benchmark writes (kept together when merging with an earlier run).
SECTIONS = {
    "extraction": ("extraction", "ingestion"),
    "queries": ("queries",),
    "memory": ("memory",),
    "interactions": ("interactions",),
    "fanout": ("fanout",),
}


def run(names: list[str], sizes: Sizes, *, quick: bool) -> dict[str, Any]:
    """Run the named benchmarks in NAMES order; a benchmark that fails is recorded under
    "errors" (with its traceback on stderr) and the others still run."""
    results: dict[str, Any] = {"quick": quick, "machine": describe(), "sizes": vars(sizes)}
    results["durations"] = {}
    results["errors"] = {}
    started = time.perf_counter()
    for name in NAMES:
        if name not in names:
            continue
        print(f"[bench] {name}...", file=sys.stderr, flush=True)
        begun = time.perf_counter()
        try:
            RUNNERS[name](sizes, results)
        except Exception as exc:
            traceback.print_exc()
            results["errors"][name] = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
        results["durations"][name] = round(time.perf_counter() - begun, 1)
        print(
            f"[bench] {name} done in {results['durations'][name]:.0f} s",
            file=sys.stderr,
            flush=True,
        )
    results["total_s"] = round(time.perf_counter() - started, 1)
    results["load_average_after"] = load_average()
    return results


def merge_earlier(results: dict[str, Any], names: list[str], raw_path: Path) -> dict[str, Any]:
    """`results` completed with the sections of benchmarks not run now, from the last run
    recorded at `raw_path` (when it was of the same mode)."""
    try:
        earlier = json.loads(raw_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return results
    if earlier.get("quick") != results["quick"]:
        return results
    merged = dict(results)
    carried = {}
    for name in NAMES:
        if name in names:
            continue
        for key in SECTIONS[name]:
            if key in earlier:
                merged[key] = earlier[key]
                carried[name] = earlier.get("carried", {}).get(name) or earlier.get(
                    "machine", {}
                ).get("date", "?")
        if name in earlier.get("durations", {}):
            merged["durations"] = {name: earlier["durations"][name], **merged["durations"]}
    merged["carried"] = carried
    return merged


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (minutes -> seconds)")
    parser.add_argument(
        "--only", action="append", choices=NAMES, metavar="NAME", help=f"one of {NAMES}"
    )
    parser.add_argument("--out", type=Path, help="the Markdown report (default docs/benchmarks.md)")
    parser.add_argument("--fanout-limit", type=float, help="the fake's global requests/s")
    parser.add_argument("--fanout-rate", type=float, help="the bot's daily posts per second")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="record each bot process with py-spy into bench/out/profiles/*.svg",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run, write the report, print the summary. Exit code 1 if a benchmark could not run
    (a missed target is reported, not an error)."""
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    sizes = QUICK if args.quick else FULL
    if args.fanout_limit is not None:
        sizes = replace(sizes, limit=args.fanout_limit)
    if args.fanout_rate is not None:
        sizes = replace(sizes, rate=args.fanout_rate)
    if args.profile:
        botprocess.profile_dir = OUT_DIR / "profiles"
    names = list(args.only or NAMES)
    out = args.out or (OUT_DIR / "benchmarks-quick.md" if args.quick else DEFAULT_OUT)
    raw = OUT_DIR / ("results-quick.json" if args.quick else "results.json")

    results = run(names, sizes, quick=args.quick)
    if args.only:
        results = merge_earlier(results, names, raw)
    report.write(results, out, raw)
    for check in report.checks(results):
        print(f"{check.verdict:>8}  {check.benchmark}: {check.measure}: {check.result}")
    print(f"Report: {out}")
    return 1 if results["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
