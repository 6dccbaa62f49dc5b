"""Autocomplete shared by /timeline topic and /programme name."""

from __future__ import annotations

import logging

import discord
from discord import app_commands

from cogs.ui.embeds import programme_choice
from cogs.ui.limits import CHOICES

log = logging.getLogger(__name__)


async def programme_names(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    """Up to 25 programmes matching what the user has typed so far (fuzzy, by the store).

    Autocomplete cannot be deferred and Discord drops answers after 3 seconds, so this does
    one indexed store query and nothing else. Never raises: a failure offers no choices.
    """
    store = interaction.client.store  # type: ignore[attr-defined]
    try:
        refs = await store.programme_choices(current[:100], limit=CHOICES)
    except Exception:
        # Autocomplete has no error reply; an empty list beats Discord's "loading failed".
        log.exception("Autocomplete failed for %r", current[:100])
        return []
    choices: list[app_commands.Choice[str]] = []
    seen: set[str] = set()
    for ref in refs:
        choice = programme_choice(ref)
        if choice.value not in seen:
            seen.add(choice.value)
            choices.append(choice)
    return choices[:CHOICES]
