"""Run the fake as its own process, for benchmarks that measure the bot's process alone.

    python -m tests.e2e.fakediscord --guilds 10000 [--shards 1] [--rate-limit 50]

Prints one JSON line `{"api_base": ..., "gateway_url": ..., "guild_ids": [...]}` on stdout
(`guild_ids` only with --print-guild-ids), then serves until stdin closes or SIGTERM/SIGINT:
start it with `stdin=subprocess.PIPE` and close that pipe to stop it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import signal
import sys
import threading

from .server import FakeDiscord


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.e2e.fakediscord", description=__doc__)
    parser.add_argument("--guilds", type=int, default=1, help="guilds the bot is in")
    parser.add_argument("--channels-per-guild", type=int, default=1)
    parser.add_argument("--shards", type=int, default=1, help="GET /gateway/bot recommendation")
    parser.add_argument("--rate-limit", type=float, default=None, help="global requests/second")
    parser.add_argument("--no-interaction-timeout", action="store_true")
    parser.add_argument("--print-guild-ids", action="store_true")
    return parser.parse_args(argv)


async def serve(args: argparse.Namespace) -> None:
    fake = FakeDiscord(
        recommended_shards=args.shards,
        interaction_timeout=None if args.no_interaction_timeout else 3.0,
    )
    fake.rate_limit(args.rate_limit)
    guilds = fake.add_guilds(args.guilds, channels_per_guild=args.channels_per_guild)
    async with fake:
        ready: dict[str, object] = {"api_base": fake.api_base, "gateway_url": fake.gateway_url}
        if args.print_guild_ids:
            ready["guild_ids"] = [g.id for g in guilds]
        print(json.dumps(ready), flush=True)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(signum, stop.set)

        def watch_stdin() -> None:
            sys.stdin.read()  # returns when the parent closes our stdin (or dies)
            loop.call_soon_threadsafe(stop.set)

        # A daemon thread, not the loop's executor: shutdown must not wait for a blocked read.
        threading.Thread(target=watch_stdin, daemon=True).start()
        await stop.wait()


def main(argv: list[str] | None = None) -> None:
    asyncio.run(serve(parse_args(argv)))


if __name__ == "__main__":
    main()
