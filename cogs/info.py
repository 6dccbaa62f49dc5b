"""/sources (the articles Almanac has read) and /about (what it is and knows)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.store.results import SourceSummary
from bot.version import almanac_version
from cogs.errors import UserFacingError
from cogs.ui.embeds import SOURCES_PAGE_SIZE, about_embed, sources_embed
from cogs.ui.paginator import Paginator, page_count_for
from cogs.ui.respond import defer_if_slow, reply

if TYPE_CHECKING:
    from bot.client import AlmanacBot


class Info(commands.Cog):
    def __init__(self, bot: AlmanacBot) -> None:
        self.bot = bot

    @app_commands.command(description="The articles Almanac has read, and what it took from each")
    async def sources(self, interaction: discord.Interaction) -> None:
        store = self.bot.store

        async def fetch(page: int) -> list[SourceSummary]:
            # One page at a time: a large library has tens of thousands of articles, too many
            # to hold in every open paginator.
            return await store.sources(SOURCES_PAGE_SIZE, page * SOURCES_PAGE_SIZE)

        async def first_page() -> tuple[int, list[SourceSummary]]:
            return (await store.stats()).articles, await fetch(0)

        total, first = await defer_if_slow(interaction, first_page())
        if total == 0 or not first:
            raise UserFacingError(
                "I haven't read any articles yet. The bot's admin can load some with "
                "`python -m bot ingest <files>`."
            )
        page_count = page_count_for(total, SOURCES_PAGE_SIZE)

        async def render(page: int) -> discord.Embed:
            chunk = first if page == 0 else await fetch(page)
            return sources_embed(chunk, total=total, page=page, page_count=page_count)

        paginator = Paginator(
            owner=interaction.user,
            command="sources",
            page_count=page_count,
            render=render,
            timeout=self.bot.view_timeout,
        )
        await paginator.start(interaction)

    @app_commands.command(description="What Almanac does, what it knows, and how to use it")
    async def about(self, interaction: discord.Interaction) -> None:
        stats = await defer_if_slow(interaction, self.bot.store.stats())
        await reply(interaction, embed=about_embed(stats, almanac_version()))


async def setup(bot: AlmanacBot) -> None:
    await asyncio.to_thread(almanac_version)  # read from disk once, off the event loop
    await bot.add_cog(Info(bot))
