"""/onthisday [date]: what happened on a calendar day in past years, and how long ago."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.daytext import day_label, parse_day
from bot.store.results import DatedEntry
from cogs.errors import UserFacingError
from cogs.ui.embeds import ONTHISDAY_PAGE_SIZE, onthisday_embed
from cogs.ui.paginator import Paginator, list_pages
from cogs.ui.respond import defer_if_slow

if TYPE_CHECKING:
    from bot.client import AlmanacBot


class OnThisDay(commands.Cog):
    def __init__(self, bot: AlmanacBot) -> None:
        self.bot = bot

    @app_commands.command(description="What happened on a day of the year (default: today, UTC)")
    @app_commands.describe(date="A day such as 11-29, 29 November or Nov 29 (default: today, UTC)")
    async def onthisday(
        self, interaction: discord.Interaction, date: app_commands.Range[str, 1, 100] | None = None
    ) -> None:
        today = self.bot.now().date()
        month, day = parse_day(date, today) if date else (today.month, today.day)
        result = await defer_if_slow(interaction, self.bot.store.on_this_date(month, day, today))
        entries: tuple[DatedEntry, ...] = result.entries or result.fallback
        if not entries:
            raise UserFacingError(
                f"I know of nothing that happened on {day_label(month, day)}, nor on any day "
                "near it. Try `/timeline` to browse everything I know by date."
            )
        fallback_note = None
        if not result.entries:
            fallback_note = result.fallback_note or "Here is what happened on the nearest days."
        total = len(entries)
        notes = []
        if result.entries and result.total and result.total > total:
            notes.append(f"the oldest {total} shown")
            total = result.total
        if not date:
            notes.append(f"today is {day_label(month, day)} (UTC)")
        footer_note = "; ".join(notes) or None

        def render(chunk: Sequence[DatedEntry], page: int, page_count: int) -> discord.Embed:
            return onthisday_embed(
                month,
                day,
                chunk,
                fallback_note=fallback_note,
                page=page,
                page_count=page_count,
                total=total,
                footer_note=footer_note,
            )

        page_count, render_page = list_pages(entries, ONTHISDAY_PAGE_SIZE, render)
        paginator = Paginator(
            owner=interaction.user,
            command="onthisday",
            page_count=page_count,
            render=render_page,
            timeout=self.bot.view_timeout,
        )
        await paginator.start(interaction)


async def setup(bot: AlmanacBot) -> None:
    await bot.add_cog(OnThisDay(bot))
