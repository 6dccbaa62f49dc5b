"""The bot under test, in a process of its own, driven by a benchmark that hosts the fake Discord.

Why a separate process: the bot's memory must be measured without the fake's, and the
latencies the fake records must not include the fake's own work waiting behind the bot's on
one event loop (or the other way round).

The child runs the real AlmanacBot (every extension, settings read from the environment as
`python -m bot run` reads them) against the fake whose endpoints it is given, then speaks
JSON lines:

- stdout, one object a line: ``{"event": "ready", ...}`` once on_ready has fired,
  ``{"event": "daily_pass", ...}`` after each daily-post pass that handled servers,
  ``{"event": "stats", ...}`` in answer to a stats request;
- stdin: ``{"op": "stats", "reset_gc": false}`` (guilds, rate-limit buckets, CPU time and
  garbage-collector pauses; "reset_gc" starts counting pauses afresh); end of input (the
  parent closed the pipe or died) stops the bot.

The parent side is :class:`BotProcess`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import os
import sys
import threading
import time
from collections.abc import AsyncIterator, Callable
from datetime import datetime
from pathlib import Path
from typing import IO, Any

REPO_ROOT = Path(__file__).resolve().parents[1]


class BotProcessError(RuntimeError):
    """The bot process stopped, or did not say what was expected in time; the message quotes
    the end of its log."""


# -- the parent side --------------------------------------------------------------------------


# When set (python -m bench --profile), every bot process is recorded by py-spy into this
# folder as a flame graph named after its log file.
profile_dir: Path | None = None


class BotProcess:
    """A running child bot. Start with :meth:`start`, stop with :meth:`stop` (or
    ``async with``)."""

    def __init__(self, process: asyncio.subprocess.Process, log_path: Path) -> None:
        self.process = process
        self.log_path = log_path
        self.profiler: asyncio.subprocess.Process | None = None
        self._events: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._reader = asyncio.create_task(self._read_stdout())

    @property
    def pid(self) -> int:
        return self.process.pid

    @classmethod
    async def start(
        cls,
        *,
        api_base: str,
        gateway_url: str,
        token: str,
        database: Path,
        log_path: Path,
        clock: datetime | None = None,
        daily_rate: float | None = None,
        log_level: str = "WARNING",
    ) -> BotProcess:
        """Start `python -m bench.botprocess` pointed at the fake. Returns at once; wait for
        :meth:`ready`.

        `clock` fixes the bot's idea of "now" (the daily scheduler's too); `daily_rate` sets
        the daily posts' pacing (sends per second) instead of the bot's default.
        """
        env = dict(os.environ)
        env.update(
            DISCORD_TOKEN=token,
            DATABASE_PATH=str(database),
            DISCORD_API_BASE=api_base,
            DISCORD_GATEWAY_URL=gateway_url,
            LOG_LEVEL=log_level,
            PYTHONPATH=os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")])),
        )
        for name in ("SHARD_COUNT", "SHARD_IDS", "DEV_GUILD_ID"):
            env.pop(name, None)
        args = [sys.executable, "-m", "bench.botprocess"]
        if clock is not None:
            args += ["--clock", clock.isoformat()]
        if daily_rate is not None:
            args += ["--daily-rate", str(daily_rate)]
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with log_path.open("wb") as log_file:
            process = await asyncio.create_subprocess_exec(
                *args,
                cwd=REPO_ROOT,
                env=env,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=log_file,
                limit=2**20,
            )
        child = cls(process, log_path)
        if profile_dir is not None:
            await child._start_profiler(profile_dir / f"{log_path.stem}.svg")
        return child

    async def _start_profiler(self, output: Path) -> None:
        """py-spy records the bot until it exits (the samples include idle time waiting on
        the network, so look at the bot's own frames)."""
        output.parent.mkdir(parents=True, exist_ok=True)
        py_spy = Path(sys.executable).with_name("py-spy")
        self.profiler = await asyncio.create_subprocess_exec(
            str(py_spy) if py_spy.exists() else "py-spy",
            "record",
            "--pid",
            str(self.pid),
            "--rate",
            "200",
            "--output",
            str(output),
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )

    async def _read_stdout(self) -> None:
        assert self.process.stdout is not None
        while line := await self.process.stdout.readline():
            with contextlib.suppress(ValueError):
                self._events.put_nowait(json.loads(line))
        self._events.put_nowait({"event": "exited"})

    async def wait_event(self, name: str, within: float) -> dict[str, Any]:
        """The next event called `name` (events of other names before it are dropped).

        Raises BotProcessError if the process exits or `within` seconds pass first.
        """
        try:
            async with asyncio.timeout(within):
                while True:
                    event = await self._events.get()
                    if event.get("event") == name:
                        return event
                    if event.get("event") == "exited":
                        self._events.put_nowait(event)
                        raise BotProcessError(f"the bot process exited{self._log_tail()}")
        except TimeoutError:
            raise BotProcessError(
                f"no {name!r} from the bot process within {within:.0f} s{self._log_tail()}"
            ) from None

    async def ready(self, within: float = 120.0) -> dict[str, Any]:
        """The ready event: ``guilds`` (how many the bot has), ``seconds`` since the process
        started. Raises BotProcessError."""
        return await self.wait_event("ready", within)

    async def stats(self, within: float = 30.0, *, reset_gc: bool = False) -> dict[str, Any]:
        """The bot's own view: guilds, rate-limit buckets, process CPU time, garbage-collector
        pauses (since the start or the last `reset_gc`). Raises BotProcessError."""
        self._send({"op": "stats", "reset_gc": reset_gc})
        return await self.wait_event("stats", within)

    def _send(self, command: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write((json.dumps(command) + "\n").encode())

    async def stop(self, within: float = 30.0) -> int:
        """Close its stdin (the bot closes cleanly), kill it if it has not exited within
        `within` seconds. Returns the exit code."""
        if self.process.returncode is None:
            assert self.process.stdin is not None
            with contextlib.suppress(OSError):
                self.process.stdin.close()
            try:
                await asyncio.wait_for(self.process.wait(), within)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        if self.profiler is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.profiler.wait(), within)  # it writes its file
        self._reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._reader
        return self.process.returncode if self.process.returncode is not None else -1

    async def __aenter__(self) -> BotProcess:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    def _log_tail(self, lines: int = 15) -> str:
        try:
            tail = self.log_path.read_text(errors="replace").splitlines()[-lines:]
        except OSError:
            return ""
        return ("; its log ends:\n" + "\n".join(tail)) if tail else " (its log is empty)"


@contextlib.asynccontextmanager
async def connected_bot(
    fake: Any,
    database: Path,
    log_path: Path,
    *,
    clock: datetime | None = None,
    daily_rate: float | None = None,
    ready_timeout: float = 180.0,
) -> AsyncIterator[tuple[BotProcess, dict[str, Any]]]:
    """A child bot on `database`, connected to the started FakeDiscord `fake`: yields the
    process and its ready event once on_ready has fired and the commands are synced; stops it
    after. Raises BotProcessError when it does not get ready.
    """
    from tests.e2e.fakediscord import FAKE_TOKEN

    process = await BotProcess.start(
        api_base=fake.api_base,
        gateway_url=fake.gateway_url,
        token=FAKE_TOKEN,
        database=database,
        log_path=log_path,
        clock=clock,
        daily_rate=daily_rate,
    )
    try:
        ready = await process.ready(ready_timeout)
        await fake.wait_commands_synced(timeout=ready_timeout)
        yield process, ready
    finally:
        await process.stop()


# -- the child side ---------------------------------------------------------------------------


def _emit(event: dict[str, Any], out: IO[str] = sys.stdout) -> None:
    out.write(json.dumps(event) + "\n")
    out.flush()


class GcPauses:
    """Garbage-collector pauses per generation (count, total and longest, in ms): a full
    collection walks every object, 10,000 guilds' worth included."""

    def __init__(self) -> None:
        self.pauses: dict[int, list[float]] = {0: [], 1: [], 2: []}
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.pauses[info["generation"]].append((time.perf_counter() - self._started) * 1000)

    def reset(self) -> None:
        for found in self.pauses.values():
            found.clear()

    def summary(self) -> dict[str, dict[str, float]]:
        return {
            f"gen{generation}": {
                "count": len(found),
                "total_ms": round(sum(found), 1),
                "max_ms": round(max(found, default=0.0), 1),
            }
            for generation, found in self.pauses.items()
        }


def _cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


def _instrument_daily(bot: Any, rate: float | None, emit: Callable[[dict[str, Any]], None]) -> None:
    """Set the daily poster's pacing and report each pass that handled servers."""
    from bot.pacing import Pacer

    cog = bot.get_cog("DailyPost")
    if cog is None:
        return
    poster = cog.poster
    if rate is not None:
        poster.pacer = Pacer(rate)
    run_due = poster.run_due

    async def timed_run_due(now: datetime) -> Any:
        started, cpu = time.perf_counter(), _cpu_seconds()
        report = await run_due(now)
        if report.handled:
            emit(
                {
                    "event": "daily_pass",
                    "seconds": time.perf_counter() - started,
                    "cpu_seconds": _cpu_seconds() - cpu,
                    "rate": poster.pacer.rate,
                    "concurrency": poster.concurrency,
                    "buckets": len(bot.http._buckets),
                    **{
                        outcome: len(getattr(report, outcome))
                        for outcome in (
                            "sent",
                            "empty",
                            "retrying",
                            "undelivered",
                            "paused",
                            "missed",
                            "not_claimed",
                        )
                    },
                }
            )
        return report

    poster.run_due = timed_run_due


async def _serve(args: argparse.Namespace) -> int:
    from bot.client import AlmanacBot, setup_logging
    from bot.config import load_settings

    settings = load_settings(dict(os.environ), dotenv=None)
    token = settings.require_token()
    setup_logging(settings.log_level, secret=token)
    clock = datetime.fromisoformat(args.clock) if args.clock else None

    class InstrumentedBot(AlmanacBot):
        async def setup_hook(self) -> None:
            await super().setup_hook()
            _instrument_daily(self, args.daily_rate, _emit)

    options: dict[str, Any] = {"sync": "force"}
    if clock is not None:
        options["clock"] = lambda: clock
    bot = InstrumentedBot(settings, **options)

    pauses = GcPauses()
    gc.callbacks.append(pauses)
    loop = asyncio.get_running_loop()
    commands: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()

    def read_stdin() -> None:
        for line in sys.stdin:
            with contextlib.suppress(ValueError):
                loop.call_soon_threadsafe(commands.put_nowait, json.loads(line))
        loop.call_soon_threadsafe(commands.put_nowait, None)

    # A daemon thread: a blocked read must not keep the process alive at exit.
    threading.Thread(target=read_stdin, daemon=True).start()
    started = time.perf_counter()
    runner = asyncio.create_task(bot.start(token))
    ready = asyncio.create_task(bot.wait_until_ready())
    await asyncio.wait({runner, ready}, return_when=asyncio.FIRST_COMPLETED)
    if runner.done():
        ready.cancel()
        runner.result()  # raises why the bot stopped
        return 1
    _emit(
        {
            "event": "ready",
            "guilds": len(bot.guilds),
            "synced": bot.synced,
            "seconds": time.perf_counter() - started,
        }
    )
    try:
        while (command := await commands.get()) is not None:
            if command.get("op") == "stats":
                _emit(
                    {
                        "event": "stats",
                        "guilds": len(bot.guilds),
                        "buckets": len(bot.http._buckets),
                        "cpu_seconds": _cpu_seconds(),
                        "gc": pauses.summary(),
                    }
                )
                if command.get("reset_gc"):
                    pauses.reset()
    finally:
        await bot.close()
        with contextlib.suppress(asyncio.CancelledError):
            await runner
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.botprocess", description=__doc__)
    parser.add_argument("--clock", help="fixed ISO 8601 instant the bot takes as now")
    parser.add_argument("--daily-rate", type=float, help="daily posts per second")
    return asyncio.run(_serve(parser.parse_args(argv)))


if __name__ == "__main__":
    raise SystemExit(main())
