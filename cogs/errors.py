"""The one place where errors become what a user reads.

Commands raise; they never catch to reply. :func:`on_app_command_error` (installed as the
command tree's error handler by this extension) and :func:`on_view_error` (called by the
paginator's buttons) turn a known error into its explanation and anything else into a logged
traceback plus an apology, always ephemeral, whether or not the interaction was already
answered or deferred. The bot keeps serving either way.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.daytext import BadDate
from cogs.ui.markdown import code
from cogs.ui.respond import send_ephemeral

if TYPE_CHECKING:
    from discord.ext import commands

log = logging.getLogger(__name__)

APOLOGY = (
    "Sorry, something went wrong on my side while answering that. It has been logged for the "
    "bot's admin; please try again in a moment."
)
OUTDATED = (
    "Discord is still showing an older version of this command. Wait a minute for the command "
    "list to update (or restart your Discord app) and try again."
)


class UserFacingError(app_commands.AppCommandError):
    """A problem the user can fix (a bad option, nothing found); the message is shown to them.

    The message should say what was wrong and give an example that works, e.g.
    "Try `/timeline start:1990 end:2000`".
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def user_message(error: BaseException) -> str | None:
    """What to tell the user about `error`, or None when it is unexpected (a bug or an outage)."""
    wrapped = error.__cause__
    if (
        isinstance(error, app_commands.CommandInvokeError | app_commands.TransformerError)
        and wrapped is not None
        and (inner := user_message(wrapped)) is not None
    ):
        return inner
    if isinstance(error, UserFacingError | BadDate):
        return str(error)
    if isinstance(error, app_commands.TransformerError):
        return f"{code(str(error.value), 60)} is not a valid value for this option."
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Slow down a little: try again in {error.retry_after:.0f} seconds."
    if isinstance(error, app_commands.NoPrivateMessage):
        return "This command only works in a server."
    if isinstance(error, app_commands.CheckFailure):
        return "You can't use this command here."
    if isinstance(error, app_commands.CommandNotFound | app_commands.CommandSignatureMismatch):
        return OUTDATED
    return None


async def report(interaction: discord.Interaction, error: BaseException, where: str) -> None:
    """Tell the user about `error`: its explanation, or an apology after logging the traceback.

    `where` names what failed in the log ("/timeline", "paginator button"). Never raises for
    a failed reply: an interaction that cannot be answered any more is only logged.
    """
    text = user_message(error)
    if text is None:
        original = getattr(error, "original", None) or error
        log.error(
            "Unexpected error in %s (guild %s, user %s)",
            where,
            interaction.guild_id,
            interaction.user.id if interaction.user else None,
            exc_info=(type(original), original, original.__traceback__),
        )
        text = APOLOGY
    else:
        log.debug("Told user %s about %s: %s", interaction.user.id, where, text)
    try:
        await send_ephemeral(interaction, text)
    except discord.HTTPException as exc:
        log.warning("Could not tell the user about an error in %s: %s", where, exc)


async def on_app_command_error(
    interaction: discord.Interaction, error: app_commands.AppCommandError
) -> None:
    """The command tree's error handler (installed by :func:`setup`)."""
    command = interaction.command
    await report(interaction, error, f"/{command.qualified_name}" if command else "a command")


async def on_view_error(
    interaction: discord.Interaction, error: Exception, item: discord.ui.Item
) -> None:
    """The error handler for buttons and other components (views call it from on_error)."""
    label = getattr(item, "label", None) or type(item).__name__
    await report(interaction, error, f"the {label!r} button")


async def setup(bot: commands.Bot) -> None:
    bot.tree.on_error = on_app_command_error  # type: ignore[method-assign]


async def teardown(bot: commands.Bot) -> None:
    # Back to the library's default (log only), so a reload never leaves a stale handler.
    bot.tree.on_error = type(bot.tree).on_error.__get__(bot.tree)  # type: ignore[method-assign]
