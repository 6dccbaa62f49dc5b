"""Answering an interaction the right way whatever has happened to it so far.

Discord allows one initial response per interaction; after a deferral ("thinking...") the
answer must instead fill in that original message, and an ephemeral answer cannot replace a
public "thinking" message (the first follow-up inherits the deferral's visibility). These
helpers hide that state machine from the cogs. Every send carries AllowedMentions.none().
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable
from typing import TypeVar

import discord

from cogs.ui.limits import CONTENT, shorten

T = TypeVar("T")

NO_MENTIONS = discord.AllowedMentions.none()

# Discord expects the first response within 3 seconds of the interaction; stay well clear.
DEFER_AFTER = 1.5

_ANSWERED = "almanac_answered"  # key in Interaction.extras: the deferred reply was filled in


def _deferred_unanswered(interaction: discord.Interaction) -> bool:
    return (
        interaction.response.type is discord.InteractionResponseType.deferred_channel_message
        and not interaction.extras.get(_ANSWERED, False)
    )


async def reply(
    interaction: discord.Interaction,
    *,
    content: str | None = None,
    embed: discord.Embed | None = None,
    view: discord.ui.View | None = None,
    ephemeral: bool = False,
) -> None:
    """Send the answer to `interaction`: the initial response, or the filling-in of a deferred
    one, or a follow-up. An ephemeral answer after a public deferral replaces the "thinking"
    message by deleting it first.

    Raises discord.HTTPException when Discord refuses the message.
    """
    if content is not None:
        content = shorten(content, CONTENT)
    view_arg = view if view is not None else discord.utils.MISSING
    if not interaction.response.is_done():
        await interaction.response.send_message(
            content=content,
            embed=embed or discord.utils.MISSING,
            view=view_arg,
            ephemeral=ephemeral,
            allowed_mentions=NO_MENTIONS,
        )
        return
    if _deferred_unanswered(interaction):
        if not ephemeral:
            await interaction.edit_original_response(
                content=content, embed=embed, view=view, allowed_mentions=NO_MENTIONS
            )
            interaction.extras[_ANSWERED] = True
            return
        with contextlib.suppress(discord.NotFound):
            await interaction.delete_original_response()
        interaction.extras[_ANSWERED] = True
    await interaction.followup.send(
        content=content or discord.utils.MISSING,
        embed=embed or discord.utils.MISSING,
        view=view_arg,
        ephemeral=ephemeral,
        allowed_mentions=NO_MENTIONS,
    )


async def send_ephemeral(interaction: discord.Interaction, text: str) -> None:
    """Answer `interaction` with text only its user sees. Raises discord.HTTPException."""
    await reply(interaction, content=text, ephemeral=True)


async def defer_if_slow(
    interaction: discord.Interaction, work: Awaitable[T], *, after: float | None = None
) -> T:
    """Await `work`; if it takes longer than `after` seconds (default DEFER_AFTER), defer the
    interaction (Discord shows "thinking...") so the answer can still come when it is done.

    Quick answers thus need a single request, and an error found quickly can still be
    answered ephemerally. Exceptions from `work` propagate unchanged; when the deferral itself
    fails (the interaction expired) or the command is cancelled, `work` is cancelled too, so
    no orphaned task outlives the interaction.
    """
    task = asyncio.ensure_future(work)
    try:
        done, _ = await asyncio.wait({task}, timeout=DEFER_AFTER if after is None else after)
        if not done and not interaction.response.is_done():
            await interaction.response.defer(thinking=True)
        return await task
    finally:
        if not task.done():
            task.cancel()
