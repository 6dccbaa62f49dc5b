"""/sources (the articles Almanac has read) and /about (what it is and knows)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.store.results import SourceSummary
from bot.version import almanac_version
from cogs.errors import UserFacingError
from cogs.ui.embeds import SOURCES_PAGE_SIZE, about_embed, sources_embed
from cogs.ui.paginator import Paginator, list_pages
from cogs.ui.respond import defer_if_slow, reply

if TYPE_CHECKING:
    from bot.client import AlmanacBot


class Info(commands.Cog):
    def __init__(self, bot: AlmanacBot) -> None:
        self.bot = bot

    @app_commands.command(description="The articles Almanac has read, and what it took from each")
    async def sources(self, interaction: discord.Interaction) -> None:
        summaries = await defer_if_slow(interaction, self.bot.store.sources())
        if not summaries:
            raise UserFacingError(
                "I haven't read any articles yet. The bot's admin can load some with "
                "`python -m bot ingest <files>`."
            )

        def render(chunk: Sequence[SourceSummary], page: int, page_count: int) -> discord.Embed:
            return sources_embed(chunk, total=len(summaries), page=page, page_count=page_count)

        page_count, render_page = list_pages(summaries, SOURCES_PAGE_SIZE, render)
        paginator = Paginator(
            owner=interaction.user,
            command="sources",
            page_count=page_count,
            render=render_page,
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
