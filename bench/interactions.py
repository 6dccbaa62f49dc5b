"""Interactions end to end: INTERACTION_CREATE written by the fake Discord -> callback received.

The fake runs in this process, the real bot in its own (bench.botprocess) on the database
under test, so the latency covers everything a user waits for on Discord's side of the wire:
the gateway frame (zlib-compressed JSON) decoded by discord.py, the command tree, the store
query, the embed, and the HTTP callback. Both timestamps are taken by the fake.

Interactions are sent **sequentially** by default (one in flight at a time): that measures
latency, not queueing. A fixed concurrency (``concurrency=``) measures the bot under load.

The mix follows what users do: /timeline (first pages, year windows, topics), button clicks
on earlier /timeline and /onthisday replies (Next, Prev, First, Last), /programme,
autocomplete (on /programme name and /timeline topic, as typed), /onthisday and /search.
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
import statistics
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cogs.errors import APOLOGY
from tests.e2e.fakediscord import FakeDiscord, FakeGuild, FakeMessage, InteractionRun
from tests.e2e.fakediscord.errors import FakeDiscordError, FakeTimeout

# Kind -> weight in the mix (sums to 100).
MIX = {
    "timeline": 20,
    "click": 15,
    "programme": 15,
    "autocomplete": 20,
    "onthisday": 15,
    "search": 15,
}
DEADLINE_MS = 3000.0  # Discord drops an interaction not answered within 3 s
PAGER_BUTTONS = ("pager:next", "pager:prev", "pager:first", "pager:last")
# How long to wait for a callback (the fake rejects those after 3 s anyway), and for the
# answer that follows a deferral.
WAIT_S = 5.0

# Callback types: 4 message, 5 deferred ("thinking"), 7 update (button), 8 autocomplete.
EXPECTED_TYPES = {
    "timeline": {4, 5},
    "programme": {4, 5},
    "onthisday": {4, 5},
    "search": {4, 5},
    "autocomplete": {8},
    "click": {7, 4},  # 4: the ephemeral "only X can turn these pages" (never for the owner)
}


@dataclass(frozen=True)
class Vocabulary:
    """Material for realistic options: programme (acronym, name) pairs, most mentioned first,
    and words that occur in the text, most frequent first."""

    programmes: Sequence[tuple[str | None, str]]
    words: Sequence[str]

    @classmethod
    def from_database(cls, path: Path, *, programmes: int = 3000, words: int = 3000) -> Vocabulary:
        """Read it from an Almanac database (its programmes and its search index terms).

        Raises sqlite3.Error when the file is not an Almanac database.
        """
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            names = conn.execute(
                "SELECT acronym, name FROM programmes WHERE name IS NOT NULL "
                "ORDER BY mentions DESC, id LIMIT ?",
                (programmes,),
            ).fetchall()
            titles = conn.execute(
                "SELECT summary FROM events ORDER BY id LIMIT ?", (words,)
            ).fetchall()
        finally:
            conn.close()
        counted: Counter[str] = Counter(
            word.strip(".,;:()\"'").lower() for (text,) in titles for word in text.split()
        )
        common = [w for w, _ in counted.most_common() if len(w) > 2 and w.isalpha()]
        return cls(programmes=[(a, n) for a, n in names], words=common or ["the"])


@dataclass
class Outcome:
    kind: str
    latency_ms: float | None  # INTERACTION_CREATE written -> callback received
    response_type: int | None
    failure: str | None = None  # why it does not count as answered correctly
    # -> the answer shown: the callback itself, or after a deferral ("thinking...") the
    # edited original or a followup.
    answer_ms: float | None = None


@dataclass
class Workload:
    """Picks the next interaction; remembers paginated replies for later clicks."""

    fake: FakeDiscord
    guilds: Sequence[FakeGuild]
    vocabulary: Vocabulary
    rng: random.Random
    pageable: list[FakeMessage] = field(default_factory=list)

    def kind(self) -> str:
        kinds, weights = zip(*MIX.items(), strict=True)
        chosen = self.rng.choices(kinds, weights)[0]
        if chosen == "click" and not self.pageable:
            return "timeline"  # nothing to click yet: make something clickable
        return chosen

    def _guild(self) -> FakeGuild:
        return self.rng.choice(self.guilds)

    def _programme(self) -> tuple[str | None, str]:
        names = self.vocabulary.programmes
        if not names:
            return ("PFP", "Partnership for Peace")
        # Popular programmes are asked about more often.
        top = names[: max(1, len(names) // 20)]
        return self.rng.choice(top if self.rng.random() < 0.5 else names)

    def send(self, kind: str) -> tuple[InteractionRun, FakeMessage | None]:
        """Send one interaction of `kind`; returns its run and the message it clicked."""
        rng = self.rng
        if kind == "click":
            message = self.pageable.pop(rng.randrange(len(self.pageable)))
            enabled = _enabled_buttons(message)
            if enabled:
                return self.fake.click(message, rng.choice(enabled)), message
            kind = "timeline"  # its buttons were disabled meanwhile (the view timed out)
        guild = self._guild()
        if kind == "timeline":
            options: dict[str, Any] = {}
            roll = rng.random()
            if roll < 0.5:
                start = rng.randint(1900, 2024)
                options["start"] = start
                if rng.random() < 0.7:
                    options["end"] = min(9999, start + rng.randint(0, 30))
            if rng.random() < 0.3:
                acronym, name = self._programme()
                options["topic"] = (acronym or name)[:100]
            return self.fake.slash("timeline", options=options, guild=guild), None
        if kind == "programme":
            acronym, name = self._programme()
            roll = rng.random()
            query = acronym if (roll < 0.4 and acronym) else name
            if roll > 0.85:
                query = _typo(rng, query)
            return self.fake.slash("programme", options={"name": query[:100]}, guild=guild), None
        if kind == "autocomplete":
            acronym, name = self._programme()
            text = acronym if (acronym and rng.random() < 0.3) else name
            typed = text[: rng.randint(0, len(text))][:100]
            if rng.random() < 0.5:
                run = self.fake.start_autocomplete(
                    "programme", focused="name", value=typed, guild=guild
                )
            else:
                run = self.fake.start_autocomplete(
                    "timeline", focused="topic", value=typed, guild=guild
                )
            return run, None
        if kind == "onthisday":
            options = {}
            if rng.random() < 0.8:
                month = rng.randint(1, 12)
                day = rng.randint(1, 29 if month == 2 else 30)
                options["date"] = f"{month:02d}-{day:02d}"
            return self.fake.slash("onthisday", options=options, guild=guild), None
        if kind == "search":
            words = self.vocabulary.words
            count = 1 if rng.random() < 0.7 else 2
            query = " ".join(
                rng.choice(words[:500] if rng.random() < 0.5 else words) for _ in range(count)
            )
            return self.fake.slash("search", options={"query": query[:100]}, guild=guild), None
        raise ValueError(f"unknown interaction kind {kind!r}")

    def remember(self, kind: str, run: InteractionRun, clicked: FakeMessage | None) -> None:
        """Keep replies that have page buttons, for later clicks."""
        message = clicked if kind == "click" else run.original
        if message is None or message.deleted or not message.components:
            return
        if _enabled_buttons(message):
            self.pageable.append(message)
            if len(self.pageable) > 200:
                self.pageable.pop(0)


def _enabled_buttons(message: FakeMessage) -> list[str]:
    return [
        c["custom_id"]
        for row in message.components
        for c in row.get("components", [])
        if c.get("custom_id") in PAGER_BUTTONS and not c.get("disabled")
    ]


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 5:
        return text
    at = rng.randrange(1, len(text) - 1)
    return text[:at] + text[at + 1 :]


async def _one(workload: Workload, kind: str) -> Outcome:
    try:
        run, clicked = workload.send(kind)
    except FakeDiscordError as exc:
        return Outcome(kind, None, None, f"could not send: {exc}")
    try:
        await run.wait_response(WAIT_S)
    except FakeTimeout:
        return Outcome(kind, None, None, "no callback")
    latency = run.latency * 1000 if run.latency is not None else None
    answer = latency
    failure = None
    if run.response_type not in EXPECTED_TYPES[kind]:
        failure = f"callback type {run.response_type}"
    elif any(error.code == 10062 for error in run.rejected):
        failure = "answered after the 3 s deadline"
    elif run.rejected:
        error = run.rejected[0]
        failure = f"rejected {error.status} {error.code}"
    elif kind != "autocomplete":
        message = run.original if kind != "click" else clicked
        if run.response_type == 5:
            # Deferred: the answer follows, in the original or (ephemeral) in a followup.
            try:
                await run.wait_until(_answered, timeout=WAIT_S, what="the deferred answer")
            except FakeTimeout:
                failure = "deferred but never answered"
            else:
                if run.sent_at is not None:
                    answer = (time.perf_counter() - run.sent_at) * 1000
                message = run.followups[0] if run.followups else run.original
        if message is not None and (message.content or "").startswith(APOLOGY[:30]):
            failure = "crashed (apology shown)"
    if failure is None:
        workload.remember(kind, run, clicked)
    return Outcome(kind, latency, run.response_type, failure, answer)


def _answered(run: InteractionRun) -> bool:
    original = run.original
    shown = original is not None and not original.loading and not original.deleted
    return shown or bool(run.followups)


async def run_mix(
    fake: FakeDiscord,
    guilds: Sequence[FakeGuild],
    vocabulary: Vocabulary,
    *,
    count: int = 1000,
    concurrency: int = 1,
    warmup: int = 30,
    seed: int = 7,
    max_failures: int = 50,
) -> dict[str, Any]:
    """Send `warmup` interactions (not counted), then `count` of the mix, `concurrency` in
    flight at a time, against a bot already connected to `fake`. Stops early, with fewer
    than `count` outcomes, after `max_failures` failures.

    Returns {"count", "concurrency", "seconds", "all": summary, "<kind>": summary, "failures":
    {reason: n}, "over_deadline": n}; a summary is {"n", "p50_ms", "p99_ms", "max_ms"}.
    """
    workload = Workload(fake, guilds, vocabulary, random.Random(seed))
    for _ in range(warmup):
        await _one(workload, workload.kind())

    outcomes: list[Outcome] = []
    remaining = count

    failures = 0

    async def worker() -> None:
        nonlocal remaining, failures
        # A broken bot would otherwise make every interaction wait out its timeout.
        while remaining > 0 and failures < max_failures:
            remaining -= 1
            outcome = await _one(workload, workload.kind())
            outcomes.append(outcome)
            failures += outcome.failure is not None

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(max(1, concurrency))))
    seconds = time.perf_counter() - started
    result = summarize(outcomes, concurrency=concurrency, seconds=seconds)
    result["requested"] = count
    return result


def summarize(outcomes: Sequence[Outcome], *, concurrency: int, seconds: float) -> dict[str, Any]:
    """Percentiles overall ("all") and per kind, each with the percentiles of the answer
    shown ("answer": differs from the callback only after a deferral); failures by reason.
    """

    def summary(chosen: Sequence[Outcome]) -> dict[str, Any]:
        found = latency_summary([o.latency_ms for o in chosen if o.latency_ms is not None])
        found["answer"] = latency_summary([o.answer_ms for o in chosen if o.answer_ms is not None])
        found["deferred"] = sum(1 for o in chosen if o.response_type == 5)
        return found

    result: dict[str, Any] = {
        "count": len(outcomes),
        "concurrency": concurrency,
        "seconds": round(seconds, 2),
        "all": summary(outcomes),
    }
    for kind in MIX:
        result[kind] = summary([o for o in outcomes if o.kind == kind])
    result["failures"] = dict(Counter(o.failure for o in outcomes if o.failure))
    result["over_50ms"] = sum(1 for o in outcomes if o.latency_ms is None or o.latency_ms > 50)
    result["over_deadline"] = sum(
        1 for o in outcomes if o.latency_ms is None or o.latency_ms > DEADLINE_MS
    )
    result["response_types"] = {
        str(k): v for k, v in sorted(Counter(o.response_type for o in outcomes).items(), key=str)
    }
    return result


def latency_summary(values: Sequence[float]) -> dict[str, Any]:
    """n, p50, p99 and max in milliseconds (nearest-rank p99); zeros when empty."""
    if not values:
        return {"n": 0, "p50_ms": 0.0, "p99_ms": 0.0, "max_ms": 0.0}
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, max(0, -(-99 * len(ordered) // 100) - 1))]
    return {
        "n": len(ordered),
        "p50_ms": round(statistics.median(ordered), 2),
        "p99_ms": round(p99, 2),
        "max_ms": round(ordered[-1], 2),
    }


async def measure(
    database: Path,
    *,
    guilds: int,
    count: int,
    log_path: Path,
    label: str,
    concurrency: int = 1,
    vocabulary: Vocabulary | None = None,
) -> dict[str, Any]:
    """Start a fake with `guilds` guilds and a bot process on `database`, then run the mix.

    Returns run_mix's result plus "label", "guilds", "database", "ready_s" and the bot's
    RSS after the run ("rss_after_mb"). Raises bench.botprocess.BotProcessError when the
    bot does not get ready.
    """
    from bench.botprocess import connected_bot
    from bench.memory import settled_rss

    words = vocabulary or Vocabulary.from_database(database)
    # Discord's own 3 s deadline stays on: a late callback is rejected and counted.
    async with FakeDiscord() as fake:
        created = fake.add_guilds(guilds)
        async with connected_bot(fake, database, log_path) as (process, ready):
            await process.stats(reset_gc=True)
            result = await run_mix(fake, created, words, count=count, concurrency=concurrency)
            pauses = (await process.stats())["gc"]
            memory = await settled_rss(process.pid, settle=0.5, samples=3)
    return {
        "label": label,
        "guilds": guilds,
        "database": str(database),
        "ready_s": round(ready["seconds"], 2),
        "rss_after_mb": memory["rss_mb"],
        "rss_after": memory,
        # Garbage-collector pauses in the bot during the mix (its warm-up included).
        "gc": pauses,
        **result,
    }
