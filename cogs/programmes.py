"""/programme name: what a programme is, its key dates, relations and sources."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from cogs.errors import UserFacingError
from cogs.ui.autocomplete import programme_names
from cogs.ui.embeds import programme_embed, programme_not_found
from cogs.ui.respond import defer_if_slow, reply

if TYPE_CHECKING:
    from bot.client import AlmanacBot


class Programmes(commands.Cog):
    def __init__(self, bot: AlmanacBot) -> None:
        self.bot = bot

    @app_commands.command(description="Explain a programme, plan or organisation")
    @app_commands.describe(name="Its name or acronym, e.g. PfP or Partnership for Peace")
    @app_commands.autocomplete(name=programme_names)
    async def programme(
        self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 100]
    ) -> None:
        lookup = await defer_if_slow(interaction, self.bot.store.programme(name))
        if lookup.found is None:
            raise UserFacingError(programme_not_found(name, lookup.suggestions))
        await reply(interaction, embed=programme_embed(lookup.found))


async def setup(bot: AlmanacBot) -> None:
    await bot.add_cog(Programmes(bot))
