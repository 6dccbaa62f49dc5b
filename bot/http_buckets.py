"""Keeping discord.py's rate-limit bookkeeping cheap when the bot posts to many channels.

discord.py keeps one rate-limit bucket per route and channel. Each time it creates a bucket
while it holds 256 or more, it scans them all for idle ones to drop
(``HTTPClient._try_clear_expired_ratelimits``). The daily posts write to a new channel for
every server, so a fan-out to N servers costs O(N^2): 12 s of CPU for 10,000 channels,
2.7 ms per post by the end (docs/benchmarks.md). A bucket is only dropped after 300 s idle,
so scanning at most once a minute frees the same buckets, a little later, for a fraction of
the work.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable

import discord

log = logging.getLogger(__name__)

SCAN_INTERVAL = 60.0  # seconds between two scans for idle buckets
FEW_BUCKETS = 256  # below this many, discord.py 2.7 never scans


def throttle_bucket_cleanup(
    http: discord.http.HTTPClient,
    every: float = SCAN_INTERVAL,
    *,
    monotonic: Callable[[], float] = time.monotonic,
) -> bool:
    """Make `http` scan its rate-limit buckets for idle ones at most once every `every`
    seconds (by `monotonic`) instead of on every new bucket.

    Returns False, changing nothing, when this discord.py version has no such scan.
    """
    scan = getattr(http, "_try_clear_expired_ratelimits", None)
    if scan is None:
        log.debug("discord.py has no rate-limit bucket scan to throttle")
        return False
    last_scan = -math.inf

    def scan_now_and_then() -> None:
        nonlocal last_scan
        if len(getattr(http, "_buckets", ())) < FEW_BUCKETS:
            return  # discord.py does not scan so few either
        now = monotonic()
        if now - last_scan >= every:
            last_scan = now
            scan()

    http._try_clear_expired_ratelimits = scan_now_and_then  # type: ignore[method-assign]
    return True
