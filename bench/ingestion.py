"""Ingestion throughput: articles per second from files on disk into a fresh database.

The synthetic articles of bench.extraction are written as files, then loaded exactly as
`python -m bot ingest <folder>` and the bot's start-up seeding load them
(bot.loader.ingest_paths: read, parse and extract in a thread, one transaction per article).
Storing alone (Store.ingest of facts extracted beforehand) is timed too, on a second fresh
database, so the table shows where the time goes.
"""

from __future__ import annotations

import asyncio
import shutil
import time
from pathlib import Path
from typing import Any

from bench.synthetic import generate
from bot.facts import Facts
from bot.loader import ingest_paths, read_facts
from bot.store import Store


def write_articles(folder: Path, n: int, seed: int = 7) -> list[Path]:
    """`n` synthetic articles as .txt files in `folder` (emptied first)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    paths = []
    for index, article in enumerate(generate(n, seed)):
        path = folder / f"article-{index:05d}.txt"
        path.write_text(article.text, encoding="utf-8")
        paths.append(path)
    return paths


def measure(folder: Path, n: int, seed: int = 7) -> dict[str, Any]:
    """Write `n` articles under `folder`, load them into fresh databases there.

    Returns {"articles", "events", "programmes", "seconds", "files_per_s" (end to end),
    "store_seconds", "store_per_s" (Store.ingest alone), "failed"}. Raises AssertionError
    when an article fails to load.
    """
    paths = write_articles(folder / "articles", n, seed)
    for stale in folder.glob("ingest*.db*"):
        stale.unlink()
    facts = [read_facts(path) for path in paths]
    return asyncio.run(_load(folder, paths, facts))


async def _load(folder: Path, paths: list[Path], facts: list[Facts]) -> dict[str, Any]:
    n = len(paths)
    started = time.perf_counter()
    async with await Store.open(folder / "ingest.db") as store:
        report = await ingest_paths(store, [folder / "articles"])
        stats = await store.stats()
    end_to_end = time.perf_counter() - started
    if report.failed:
        raise AssertionError(
            f"{len(report.failed)} synthetic article(s) failed to load: {report.failed[0]}"
        )

    started = time.perf_counter()
    async with await Store.open(folder / "ingest-store-only.db") as store:
        for one in facts:
            await store.ingest(one)
    store_only = time.perf_counter() - started
    return {
        "articles": n,
        "events": stats.events,
        "programmes": stats.programmes,
        "seconds": round(end_to_end, 2),
        "files_per_s": round(n / end_to_end, 1),
        "store_seconds": round(store_only, 2),
        "store_per_s": round(n / store_only, 1),
        "failed": 0,
    }
