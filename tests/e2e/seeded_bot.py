"""The real Almanac bot, with the seed articles in a temporary database, against a FakeDiscord.

Shared by the command tests (tests/e2e/test_<command>.py) and the transcript that renders
docs/commands.md, so both exercise exactly the same thing.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.articles import parse_article
from bot.client import AlmanacBot, create_bot
from bot.config import Settings
from bot.extract import extract
from bot.facts import Article, Block, Event, Facts, Programme
from bot.store import Store
from tests.e2e.fakediscord import FakeDiscord, FakeMessage, running_bot

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"
COMMAND_EXTENSIONS = (
    "cogs.errors",
    "cogs.timeline",
    "cogs.programmes",
    "cogs.onthisday",
    "cogs.search",
    "cogs.info",
)
# "Now" for every command test: the seed article's day, seven years on.
NOW = datetime(2025, 11, 29, 12, 0, tzinfo=UTC)
NO_PINGS = {"parse": []}


def seed_files(seeds_dir: Path = SEEDS_DIR) -> list[Path]:
    return sorted(path for path in seeds_dir.iterdir() if path.is_file())


async def ingest_seeds(store: Store, seeds_dir: Path = SEEDS_DIR) -> None:
    """Load every article in `seeds_dir` the way `make run` does (parse, extract, ingest)."""
    for path in seed_files(seeds_dir):
        await store.ingest(extract(parse_article(path)))


@dataclass
class Running:
    fake: FakeDiscord
    bot: AlmanacBot
    store: Store


@contextlib.asynccontextmanager
async def almanac(
    fake: FakeDiscord,
    store: Store,
    *,
    extensions: Iterable[str] = COMMAND_EXTENSIONS,
    view_timeout: float = 30.0,
    settings: Settings | None = None,
    clock: Callable[[], datetime] = lambda: NOW,
    **bot_options: Any,
) -> AsyncIterator[Running]:
    """Run the bot (sharded when `settings` say so) on `store` against `fake` until the block
    ends; commands are synced. Its clock says NOW unless `clock` is given."""
    settings = settings or settings_for(fake)
    bot = create_bot(
        settings,
        store=store,
        extensions=extensions,
        view_timeout=view_timeout,
        clock=clock,
        guild_ready_timeout=0.05,
        **bot_options,
    )
    async with running_bot(bot, fake):
        yield Running(fake, bot, store)


def hold_query(
    monkeypatch: pytest.MonkeyPatch, store: Store, name: str, *, error: Exception | None = None
) -> asyncio.Event:
    """Make `store.<name>` slow: it answers (or raises `error`) only once the returned event
    is set, and the bot defers after 0.05 s. A slow query without a sleep, so the test
    decides when it finishes whatever the machine's load.
    """
    monkeypatch.setattr("cogs.ui.respond.DEFER_AFTER", 0.05)
    answer = getattr(store, name)
    release = asyncio.Event()

    async def held(*args: Any, **kwargs: Any) -> Any:
        await release.wait()
        if error is not None:
            raise error
        return await answer(*args, **kwargs)

    monkeypatch.setattr(store, name, held)
    return release


def settings_for(fake: FakeDiscord, **overrides: Any) -> Settings:
    """Settings pointing the bot at `fake`, as DISCORD_API_BASE / DISCORD_GATEWAY_URL would."""
    return Settings(api_base=fake.api_base, gateway_url=fake.gateway_url, **overrides)


def hostile_facts(serial: int = 1) -> Facts:
    """An article built to break replies: huge sentences and names, markdown, mentions."""
    huge_sentence = (
        "In 1999 the **Committee** @everyone <@123> [x](https://evil.example) "
        + "agreed to a very long plan " * 200
        + "which ended."
    )
    huge_name = "Programme " + "Extraordinarily Long Name " * 12  # > 300 characters
    article = Article(
        title="The `longest` *article* @here " + "title " * 60,
        published_on=date(2019, 11, 29),
        author="@everyone " + "Author " * 40,
        source="https://example.com/" + "a" * 300,
        blocks=(Block("paragraph", huge_sentence),),
        sha256=f"{serial:064x}",
    )
    return Facts(
        article=article,
        events=(
            Event("1999", None, "year", huge_sentence, huge_sentence, ("HUGE",)),
            Event("2019-11-29", None, "day", huge_sentence, huge_sentence, ()),
        ),
        programmes=(Programme("HUGE", huge_name, huge_sentence, (huge_sentence,)),),
    )


def many_events_facts(count: int, *, first_year: int = 1950) -> Facts:
    """An article with `count` dated events in consecutive years (for paging)."""
    text = " ".join(f"In {first_year + i} event number {i} happened." for i in range(count))
    article = Article(
        title="A long chronicle",
        published_on=date(2020, 1, 1),
        author="Chronicler",
        source=None,
        blocks=(Block("paragraph", text),),
        sha256="ab" * 32,
    )
    events = tuple(
        Event(
            str(first_year + i),
            None,
            "year",
            f"Event number {i} happened",
            f"In {first_year + i} event number {i} happened.",
        )
        for i in range(count)
    )
    return Facts(article=article, events=events)


def buttons(message: FakeMessage | list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The buttons by custom id of a message as it is now, or of components as once sent."""
    found: dict[str, dict[str, Any]] = {}
    stack = list(message if isinstance(message, list) else message.components)
    while stack:
        component = stack.pop()
        if component.get("type") == 2 and "custom_id" in component:
            found[component["custom_id"]] = component
        stack.extend(component.get("components") or [])
    return found


def assert_nobody_pinged(fake: FakeDiscord) -> None:
    """Every message body the bot sent (posts, interaction responses, follow-ups, edits)
    carried allowed_mentions with nothing to parse."""
    checked = 0
    for request in fake.requests:
        body = request.json
        if not isinstance(body, dict):
            continue
        if "type" in body and isinstance(body.get("data"), dict):  # an interaction callback
            body = body["data"]
        if not any(key in body for key in ("content", "embeds", "components")):
            continue
        if "choices" in body:
            continue
        checked += 1
        assert body.get("allowed_mentions") == NO_PINGS, f"{request.key}: {body}"
    assert checked, "no message bodies were sent"


_UNESCAPED_MENTION = re.compile(r"(?<!\\)<[@#]|@everyone|@here")


def embed_text(message: FakeMessage) -> str:
    """All the text of a message's embeds, for assertions."""
    parts: list[str] = [message.content or ""]
    for embed in message.embeds:
        parts += [embed.get("title") or "", embed.get("description") or ""]
        for field in embed.get("fields") or []:
            parts += [field.get("name") or "", field.get("value") or ""]
        parts.append((embed.get("footer") or {}).get("text") or "")
    return "\n".join(parts)


def assert_no_live_mentions(message: FakeMessage) -> None:
    """No mention syntax Discord would render as a mention (every "<@" escaped)."""
    text = embed_text(message)
    assert _UNESCAPED_MENTION.search(text) is None, text
