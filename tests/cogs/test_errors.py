"""Which errors users are told about (over the wire: tests/e2e/test_errors.py)."""

import discord
from discord import app_commands

from bot.daytext import BadDate
from cogs.errors import OUTDATED, UserFacingError, user_message


@app_commands.command(description="x")
async def dummy(interaction: discord.Interaction) -> None: ...


def wrapped(error: Exception) -> app_commands.CommandInvokeError:
    try:
        raise app_commands.CommandInvokeError(dummy, error) from error
    except app_commands.CommandInvokeError as invoke_error:
        return invoke_error


def test_user_errors_are_shown_as_written() -> None:
    assert user_message(UserFacingError("Try `/timeline`.")) == "Try `/timeline`."
    assert user_message(wrapped(BadDate("Try `11-29`."))) == "Try `11-29`."


def test_bugs_are_not_explained_to_users() -> None:
    assert user_message(wrapped(KeyError("secret internals"))) is None
    assert user_message(RuntimeError("boom")) is None


def test_outdated_commands_are_explained() -> None:
    assert user_message(app_commands.CommandNotFound("old", [])) == OUTDATED
    assert user_message(app_commands.CommandSignatureMismatch(dummy)) == OUTDATED


def test_refused_checks_and_cooldowns() -> None:
    assert "server" in user_message(app_commands.NoPrivateMessage())
    cooldown = app_commands.CommandOnCooldown(app_commands.Cooldown(1, 10), 4.2)
    assert user_message(cooldown) == "Slow down a little: try again in 4 seconds."
