"""The one paginator every multi-page reply uses: First / Prev / page / Next / Last buttons.

Pages are rendered on demand by an async callable, so a long timeline is fetched one page
at a time from the store. Only the person who ran the command can turn pages; the buttons
are disabled (by editing the message) when the view times out.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

import discord

from cogs.errors import on_view_error
from cogs.ui.markdown import quote
from cogs.ui.respond import NO_MENTIONS, reply, send_ephemeral

log = logging.getLogger(__name__)

T = TypeVar("T")
RenderPage = Callable[[int], Awaitable[discord.Embed]]

# Interaction tokens last 15 minutes; after that the message can no longer be edited to
# disable the buttons, so a view must time out well before.
MAX_TIMEOUT = 14 * 60.0
DEFAULT_TIMEOUT = 180.0


class Paginator(discord.ui.View):
    """Buttons that page through `page_count` pages rendered by `render(page_index)`.

    The buttons' custom ids are fixed ("pager:first", "pager:prev", "pager:page",
    "pager:next", "pager:last"); discord.py routes a click by message id and custom id, so
    many paginators can be live at once.

    Start it with :meth:`start`. `command` names the command ("timeline") in the message
    shown to anyone else who presses a button.
    """

    def __init__(
        self,
        *,
        owner: discord.abc.User,
        command: str,
        page_count: int,
        render: RenderPage,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        if page_count < 1:
            raise ValueError("a paginator needs at least one page")
        super().__init__(timeout=min(timeout, MAX_TIMEOUT))
        self.owner = owner
        self.command = command
        self.page_count = page_count
        self.page = 0
        self._render = render
        self._interaction: discord.Interaction | None = None
        self._sync_buttons()

    async def start(self, interaction: discord.Interaction, *, ephemeral: bool = False) -> None:
        """Send the first page in answer to `interaction` (or fill in its deferred reply).

        With a single page no buttons are attached and the view stops at once.
        Raises discord.HTTPException when Discord refuses the message.
        """
        embed = await self._render(0)
        view = self if self.page_count > 1 else None
        await reply(interaction, embed=embed, view=view, ephemeral=ephemeral)
        if self.page_count > 1:
            self._interaction = interaction
        else:
            self.stop()

    async def show(self, interaction: discord.Interaction, page: int) -> None:
        """Turn to `page` (clamped to the valid range) by editing the message in place."""
        target = max(0, min(page, self.page_count - 1))
        embed = await self._render(target)  # may raise: then the page number stays as shown
        self.page = target
        self._sync_buttons()
        await interaction.response.edit_message(
            embed=embed, view=self, allowed_mentions=NO_MENTIONS
        )

    def _sync_buttons(self) -> None:
        at_start = self.page == 0
        at_end = self.page >= self.page_count - 1
        self.first.disabled = self.previous.disabled = at_start
        self.next.disabled = self.last.disabled = at_end
        self.indicator.label = f"{self.page + 1}/{self.page_count}"
        self.indicator.disabled = True

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner.id:
            return True
        name = quote(self.owner.display_name, 64)
        await send_ephemeral(
            interaction,
            f"Only {name} can turn these pages. Run `/{self.command}` yourself to get your own.",
        )
        return False

    async def on_timeout(self) -> None:
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = True
        if self._interaction is None:
            return
        try:
            await self._interaction.edit_original_response(view=self, allowed_mentions=NO_MENTIONS)
        except discord.HTTPException as exc:
            # The message may have been deleted, or the token expired; nothing to disable then.
            log.debug("Could not disable the buttons of a /%s reply: %s", self.command, exc)

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item
    ) -> None:
        await on_view_error(interaction, error, item)

    @discord.ui.button(label="First", custom_id="pager:first", style=discord.ButtonStyle.secondary)
    async def first(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        await self.show(interaction, 0)

    @discord.ui.button(label="Prev", custom_id="pager:prev", style=discord.ButtonStyle.primary)
    async def previous(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        await self.show(interaction, self.page - 1)

    @discord.ui.button(
        label="1/1", custom_id="pager:page", style=discord.ButtonStyle.secondary, disabled=True
    )
    async def indicator(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        await interaction.response.defer()  # disabled; here only because buttons need one

    @discord.ui.button(label="Next", custom_id="pager:next", style=discord.ButtonStyle.primary)
    async def next(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        await self.show(interaction, self.page + 1)

    @discord.ui.button(label="Last", custom_id="pager:last", style=discord.ButtonStyle.secondary)
    async def last(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        await self.show(interaction, self.page_count - 1)


def page_count_for(total: int, per_page: int) -> int:
    """How many pages `total` items fill at `per_page` a page (at least 1)."""
    return max(1, -(-total // per_page))


def list_pages(
    items: Sequence[T],
    per_page: int,
    render: Callable[[Sequence[T], int, int], discord.Embed],
) -> tuple[int, RenderPage]:
    """Page count and page renderer for items already in memory.

    `render(items_on_page, page_index, page_count)` builds one page's embed.
    """
    count = page_count_for(len(items), per_page)

    async def render_page(page: int) -> discord.Embed:
        return render(items[page * per_page : (page + 1) * per_page], page, count)

    return count, render_page
