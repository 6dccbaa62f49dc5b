"""/timeline [start] [end] [topic]: events in date order, one page at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.store.results import TimelinePage
from bot.when import year_of
from cogs.errors import UserFacingError
from cogs.ui.autocomplete import programme_names
from cogs.ui.embeds import TIMELINE_PAGE_SIZE, timeline_embed, timeline_title
from cogs.ui.markdown import code, quote
from cogs.ui.paginator import Paginator, page_count_for
from cogs.ui.respond import defer_if_slow

if TYPE_CHECKING:
    from bot.client import AlmanacBot

MIN_YEAR = 1
MAX_YEAR = 9999
EXAMPLE = "`/timeline start:1990 end:2000`"


def check_years(start: int | None, end: int | None) -> None:
    """Raises UserFacingError (with an example) for years out of range or in the wrong order.

    Discord enforces the option's range in its own clients, but not for every client or API
    caller, so the bot checks again.
    """
    for name, year in (("start", start), ("end", end)):
        if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
            raise UserFacingError(
                f"The {name} year must be between {MIN_YEAR} and {MAX_YEAR}; got {year}. "
                f"Try {EXAMPLE}."
            )
    if start is not None and end is not None and end < start:
        raise UserFacingError(
            f"The end year ({end}) is before the start year ({start}). "
            f"Try `/timeline start:{end} end:{start}`."
        )


class Timeline(commands.Cog):
    def __init__(self, bot: AlmanacBot) -> None:
        self.bot = bot

    @app_commands.command(description="Events in date order, by year range and/or programme")
    @app_commands.describe(
        start="First year to include, e.g. 1990",
        end="Last year to include, e.g. 2000",
        topic="Only events about this programme (name or acronym, e.g. PfP)",
    )
    @app_commands.autocomplete(topic=programme_names)
    async def timeline(
        self,
        interaction: discord.Interaction,
        start: app_commands.Range[int, MIN_YEAR, MAX_YEAR] | None = None,
        end: app_commands.Range[int, MIN_YEAR, MAX_YEAR] | None = None,
        topic: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        check_years(start, end)
        store = self.bot.store

        async def fetch(page: int) -> TimelinePage:
            return await store.timeline(
                start_year=start,
                end_year=end,
                topic=topic,
                limit=TIMELINE_PAGE_SIZE,
                offset=page * TIMELINE_PAGE_SIZE,
            )

        first = await defer_if_slow(interaction, fetch(0))
        if topic is not None and first.topic is None:
            raise UserFacingError(await self._unknown_topic(topic))
        if first.total == 0:
            raise UserFacingError(await self._nothing_found(start, end, first))

        title = timeline_title(start, end, first.topic)
        page_count = page_count_for(first.total, TIMELINE_PAGE_SIZE)

        async def render(page: int) -> discord.Embed:
            result = first if page == 0 else await fetch(page)
            return timeline_embed(
                result.entries, title=title, total=first.total, page=page, page_count=page_count
            )

        paginator = Paginator(
            owner=interaction.user,
            command="timeline",
            page_count=page_count,
            render=render,
            timeout=self.bot.view_timeout,
        )
        await paginator.start(interaction)

    async def _unknown_topic(self, topic: str) -> str:
        lookup = await self.bot.store.programme(topic)
        text = f"I don't know a programme called **{quote(topic, 80)}**."
        if lookup.suggestions:
            best = lookup.suggestions[0]
            names = ", ".join(f"**{quote(s.label, 100)}**" for s in lookup.suggestions[:5])
            text += f" Did you mean {names}? Try " + code(
                f"/timeline topic:{best.acronym or best.name}", 120
            )
        else:
            text += " Leave the topic out to see every event: `/timeline`"
        return text + "."

    async def _nothing_found(self, start: int | None, end: int | None, page: TimelinePage) -> str:
        stats = await self.bot.store.stats()
        if stats.events == 0:
            return (
                "I haven't read any dated events yet. The bot's admin can load articles with "
                "`python -m bot ingest <files>`."
            )
        about = f" about **{quote(page.topic.label, 100)}**" if page.topic else ""
        if start is None and end is None:
            name = (page.topic.acronym or page.topic.name) if page.topic else ""
            return (
                f"I know no dated events{about}. "
                f"Try {code('/programme name:' + name, 120)} for what I do know about it."
            )
        if start is not None and end is not None:
            span = f"between {start} and {end}"
        elif start is not None:
            span = f"from {start} on"
        else:
            span = f"up to {end}"
        first, last = year_of(stats.earliest or ""), year_of(stats.latest or "")
        if first is None or last is None:
            return f"No events{about} {span}. Try `/timeline` to see everything."
        topic = (page.topic.acronym or page.topic.name) if page.topic else None
        example = f"/timeline start:{first} end:{last}" + (f" topic:{topic}" if topic else "")
        return (
            f"No events{about} {span}. What I know runs from {first} to {last}: "
            f"try {code(example, 150)}."
        )


async def setup(bot: AlmanacBot) -> None:
    await bot.add_cog(Timeline(bot))
