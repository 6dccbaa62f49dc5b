"""The bot's resident memory after READY: many guilds in GUILD_CREATE, a large database open.

The bot runs in its own process (bench.botprocess) and the fake Discord in this one, so only
the bot's memory is counted. RSS is read with psutil from outside the bot, a few times over
a second once on_ready has fired (the largest reading is reported), and split into anonymous
memory (Python objects, SQLite's page cache) and file-backed pages (shared libraries, the
database pages read through SQLite's mmap, which the OS can drop at will).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import psutil

MB = 1024 * 1024


def rss_of(pid: int) -> dict[str, float]:
    """RSS of process `pid` in MB, split into anonymous and file-backed where the OS says
    (Linux); "uss" is the memory that would be freed if it exited.

    Raises psutil.NoSuchProcess when the process is gone.
    """
    process = psutil.Process(pid)
    info = process.memory_full_info()
    reading = {"rss_mb": info.rss / MB, "uss_mb": getattr(info, "uss", 0) / MB}
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return reading
    for line in status.splitlines():
        key, _, value = line.partition(":")
        if key in ("RssAnon", "RssFile", "RssShmem"):
            reading[key.lower().replace("rss", "") + "_mb"] = int(value.split()[0]) / 1024
    return reading


async def settled_rss(pid: int, *, settle: float = 1.0, samples: int = 5) -> dict[str, float]:
    """The largest of `samples` RSS readings taken over `settle` seconds (rounded to 0.1 MB)."""
    readings = []
    for _ in range(samples):
        await asyncio.sleep(settle / samples)
        readings.append(rss_of(pid))
    peak = max(readings, key=lambda r: r["rss_mb"])
    return {key: round(value, 1) for key, value in peak.items()}


async def measure(
    database: Path,
    *,
    guilds: int,
    log_path: Path,
    label: str,
) -> dict[str, Any]:
    """Start a fake with `guilds` guilds and a bot process on `database`; RSS after READY.

    Returns {"label", "guilds", "ready_s", "rss_mb", "anon_mb", "file_mb", "uss_mb", ...}.
    Raises bench.botprocess.BotProcessError when the bot does not get ready.
    """
    from bench.botprocess import connected_bot
    from tests.e2e.fakediscord import FakeDiscord

    async with FakeDiscord(interaction_timeout=None) as fake:
        fake.add_guilds(guilds)
        async with connected_bot(fake, database, log_path) as (process, ready):
            if ready["guilds"] != guilds:
                raise AssertionError(f"the bot saw {ready['guilds']} guilds, not {guilds}")
            reading = await settled_rss(process.pid)
    return {
        "label": label,
        "guilds": guilds,
        "database": str(database),
        "ready_s": round(ready["seconds"], 2),
        **reading,
    }
