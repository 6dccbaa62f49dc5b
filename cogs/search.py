"""/search query: full-text search over events, programmes and articles."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.store.results import SearchPage
from cogs.errors import UserFacingError
from cogs.ui.embeds import SEARCH_PAGE_SIZE, search_embed, search_nothing_found
from cogs.ui.paginator import Paginator, page_count_for
from cogs.ui.respond import defer_if_slow

if TYPE_CHECKING:
    from bot.client import AlmanacBot


class Search(commands.Cog):
    def __init__(self, bot: AlmanacBot) -> None:
        self.bot = bot

    @app_commands.command(description="Search everything Almanac has read")
    @app_commands.describe(query="Words to look for, e.g. Afghanistan or PfP 1994")
    async def search(
        self, interaction: discord.Interaction, query: app_commands.Range[str, 1, 200]
    ) -> None:
        if not query.strip():
            raise UserFacingError("Give me some words to look for, e.g. `/search query:PfP`.")
        store = self.bot.store

        async def fetch(page: int) -> SearchPage:
            return await store.search(query, limit=SEARCH_PAGE_SIZE, offset=page * SEARCH_PAGE_SIZE)

        # Search is fast (see docs/benchmarks.md), but defer if a busy machine makes it slow,
        # so that a quick "nothing found" can still be an ephemeral initial response.
        first = await defer_if_slow(interaction, fetch(0))
        if first.total == 0:
            raise UserFacingError(search_nothing_found(query))
        page_count = page_count_for(first.total, SEARCH_PAGE_SIZE)

        async def render(page: int) -> discord.Embed:
            result = first if page == 0 else await fetch(page)
            return search_embed(
                query, result.hits, total=first.total, page=page, page_count=page_count
            )

        paginator = Paginator(
            owner=interaction.user,
            command="search",
            page_count=page_count,
            render=render,
            timeout=self.bot.view_timeout,
        )
        await paginator.start(interaction)


async def setup(bot: AlmanacBot) -> None:
    await bot.add_cog(Search(bot))
