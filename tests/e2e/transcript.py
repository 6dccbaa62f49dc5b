"""Render docs/commands.md: every slash command run against the fake Discord with the seed
article loaded, and the reply exactly as the fake recorded it.

    python -m tests.e2e.transcript            # writes docs/commands.md
    python -m tests.e2e.transcript --check    # exits 1 if docs/commands.md is out of date

The bot's clock is fixed (29 November 2025, 12:00 UTC), so the output is reproducible.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.store import Store
from tests.e2e.fakediscord import FakeDiscord, FakeMessage, InteractionRun
from tests.e2e.seeded_bot import NOW, Running, almanac, ingest_seeds

OUTPUT = Path(__file__).resolve().parents[2] / "docs" / "commands.md"

Act = Callable[[Running], Awaitable["Shown"]]


@dataclass
class Shown:
    """What a user saw after one step: the invocation as typed, and the bot's reply."""

    typed: str
    reply: str


@dataclass
class Scene:
    heading: str
    note: str
    steps: list[Act]


# -- acting ----------------------------------------------------------------------------------


def slash(command: str, /, **options: Any) -> Act:
    async def act(running: Running) -> Shown:
        run = await running.fake.slash(command, options=options)
        return Shown(invocation(command, options), render_run(await settle(run)))

    return act


def slash_then_click(command: str, custom_id: str, label: str, /, **options: Any) -> Act:
    async def act(running: Running) -> Shown:
        run = await running.fake.slash(command, options=options)
        message = await run.wait_original()
        await running.fake.click(message, custom_id)
        typed = f"{invocation(command, options)}, then the **{label}** button"
        return Shown(typed, render_message(message))

    return act


def autocomplete(name: str, option: str, value: str) -> Act:
    async def act(running: Running) -> Shown:
        choices = await running.fake.autocomplete(name, focused=option, value=value)
        lines = [f"- {c['name']}  (sends `{c['value']}`)" for c in choices]
        typed = f"typing `{value}` into `/{name} {option}:`"
        return Shown(typed, "Autocomplete offers:\n\n" + "\n".join(lines))

    return act


def invocation(name: str, options: dict[str, Any]) -> str:
    parts = [f"/{name}"] + [f"{key}:{value}" for key, value in options.items()]
    return f"`{' '.join(parts)}`"


async def settle(run: InteractionRun) -> InteractionRun:
    await run
    if run.response_type == 5:  # deferred: wait for the real answer
        await run.wait_until(
            lambda r: bool(r.followups) or (r.original is not None and not r.original.loading),
            what="the deferred answer",
        )
    return run


# -- rendering -------------------------------------------------------------------------------


def render_run(run: InteractionRun) -> str:
    if run.original is not None and not run.original.deleted:
        return render_message(run.original)
    if run.followups:
        return render_message(run.followups[-1])
    return "(no reply)"


def render_message(message: FakeMessage) -> str:
    blocks: list[str] = []
    if message.ephemeral:
        blocks.append("*Only you can see this*")
    if message.content:
        blocks.append(message.content)
    for embed in message.embeds:
        blocks.append(render_embed(embed))
    buttons = render_buttons(message.components)
    if buttons:
        blocks.append(buttons)
    return "\n\n".join(blocks)


def render_embed(embed: dict[str, Any]) -> str:
    parts: list[str] = []
    if embed.get("title"):
        parts.append(f"**{embed['title']}**")
    if embed.get("description"):
        parts.append(embed["description"])
    for field in embed.get("fields") or []:
        parts.append(f"**{field['name']}**\n{field['value']}")
    footer = (embed.get("footer") or {}).get("text")
    if footer:
        parts.append(f"*{footer}*")
    return "\n\n".join(parts)


def render_buttons(components: list[dict[str, Any]]) -> str:
    labels = []
    for row in components:
        for component in row.get("components") or []:
            if component.get("type") == 2:
                label = component.get("label") or "?"
                labels.append(f"`[{label}]`" if not component.get("disabled") else f"`({label})`")
    return " ".join(labels)


def quoted(text: str) -> str:
    """Markdown block quote, so each reply reads as a message in a chat.

    Discord shows every line break; Markdown joins consecutive lines into one paragraph, so
    lines followed by another line of the same paragraph end with a hard break ("\\").
    """
    lines = text.split("\n")
    out = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        breaks = line and following and not following.startswith("- ")
        out.append(f"> {line}\\" if breaks else f"> {line}" if line else ">")
    return "\n".join(out)


# -- the script ------------------------------------------------------------------------------

SCENES = [
    Scene(
        "/timeline [start] [end] [topic]",
        "Events in date order, ten to a page, each with a footnote to its source. `start` and "
        "`end` are years (1 to 9999); `topic` is a programme's name or acronym, with "
        "autocomplete. Ranges show as `2002–2014`.",
        [
            slash("timeline"),
            slash("timeline", start=1993, end=2000),
            slash("timeline", topic="PfP"),
            autocomplete("timeline", "topic", "partn"),
            slash("timeline", start=2000, end=1990),
            slash("timeline", start=1900, end=1950),
        ],
    ),
    Scene(
        "/programme name",
        "What a programme is, its key dates, how it relates to others, and where that comes "
        "from. The name is matched fuzzily; unknown names get the closest suggestions.",
        [
            slash("programme", name="PfP"),
            autocomplete("programme", "name", "pa"),
            slash("programme", name="partnership"),
        ],
    ),
    Scene(
        "/onthisday [date]",
        "What happened on a day of the year, and how long ago. Without `date`: today (UTC). "
        "Accepted: `11-29` (month first with a dash, as in ISO dates), `29 November`, "
        "`Nov 29`, `November 29th`, `today`, and `29/11` or `11/29` when only one reading is "
        "possible (`5/6` is refused as ambiguous). A day with no events shows the nearest "
        "day that has some.",
        [
            slash("onthisday"),
            slash("onthisday", date="29/11"),
            slash("onthisday", date="1 March"),
            slash("onthisday", date="5/6"),
        ],
    ),
    Scene(
        "/search query",
        "Full-text search over events, programmes and articles, with the matched words in "
        'bold. Search answers "thinking..." first, then the results, five to a page.',
        [
            slash("search", query="Afghanistan"),
            slash_then_click("search", "pager:next", "Next", query="Azerbaijan"),
        ],
    ),
    Scene(
        "/sources",
        "The articles Almanac has read, with what it took from each.",
        [slash("sources")],
    ),
    Scene(
        "/about",
        "What the bot does, how much it knows, its version and a short how-to.",
        [slash("about")],
    ),
]

HEADER = """# Slash commands

Every reply below was produced by running the command against the project's fake Discord
(`tests/e2e/fakediscord`) with the seed article in `seeds/` loaded, and is shown as the fake
recorded it. The bot's clock was set to {now}. Regenerate with
`python -m tests.e2e.transcript`.

Buttons are shown as `[Next]`, disabled ones as `(Next)`. Only the person who ran a command can
turn its pages; the buttons are disabled after three minutes. Replies never ping anyone.
"""


async def record() -> str:
    """Run every scene and return the Markdown page."""
    sections = [HEADER.format(now=NOW.strftime("%-d %B %Y, %H:%M UTC"))]
    with tempfile.TemporaryDirectory() as folder:
        async with FakeDiscord() as fake, await Store.open(Path(folder) / "almanac.db") as store:
            await ingest_seeds(store)
            fake.add_guild("Test Server", channels=("general",))
            async with almanac(fake, store) as running:
                for scene in SCENES:
                    sections.append(f"## `{scene.heading}`\n\n{scene.note}")
                    for act in scene.steps:
                        shown = await act(running)
                        sections.append(f"{shown.typed}\n\n{quoted(shown.reply)}")
    return "\n\n".join(sections).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if the page is out of date")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    page = asyncio.run(record())
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != page:
            print(f"{args.output} is out of date: run python -m tests.e2e.transcript")
            return 1
        return 0
    args.output.write_text(page, encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
