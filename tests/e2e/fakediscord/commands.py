"""Registered application commands, global and per guild, with a log of every sync."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from . import errors
from .snowflakes import SnowflakeFactory

_COPIED_FIELDS = (
    "name",
    "description",
    "options",
    "default_member_permissions",
    "dm_permission",
    "contexts",
    "integration_types",
    "nsfw",
    "name_localizations",
    "description_localizations",
)


@dataclass(frozen=True, slots=True)
class CommandSync:
    """One bulk overwrite (`PUT .../commands`): where, which names, when."""

    guild_id: int | None
    names: tuple[str, ...]
    at: float


class CommandRegistry:
    """What Discord would store; ids are kept across overwrites for the same (type, name)."""

    def __init__(self, ids: SnowflakeFactory, application_id: int) -> None:
        self._ids = ids
        self._application_id = application_id
        self._scopes: dict[int | None, dict[tuple[int, str], dict[str, Any]]] = {}
        self.syncs: list[CommandSync] = []

    def _scope(self, guild_id: int | None) -> dict[tuple[int, str], dict[str, Any]]:
        return self._scopes.setdefault(guild_id, {})

    def _stored(
        self, guild_id: int | None, command: dict[str, Any], old: dict[str, Any] | None
    ) -> dict[str, Any]:
        stored: dict[str, Any] = {
            "id": old["id"] if old else str(self._ids.next()),
            "application_id": str(self._application_id),
            "version": str(self._ids.next()),
            "type": int(command.get("type", 1)),
            "description": "",
            "options": [],
            "default_member_permissions": None,
            "nsfw": False,
        }
        stored.update({k: command[k] for k in _COPIED_FIELDS if k in command})
        if guild_id is not None:
            stored["guild_id"] = str(guild_id)
        return stored

    def overwrite(
        self, guild_id: int | None, commands: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """Replace every command of the scope (global when `guild_id` is None)."""
        old = self._scope(guild_id)
        new: dict[tuple[int, str], dict[str, Any]] = {}
        for command in commands:
            key = (int(command.get("type", 1)), str(command["name"]))
            new[key] = self._stored(guild_id, command, old.get(key))
        self._scopes[guild_id] = new
        self.syncs.append(
            CommandSync(guild_id, tuple(name for _, name in new), time.perf_counter())
        )
        return list(new.values())

    def upsert(self, guild_id: int | None, command: dict[str, Any]) -> tuple[dict[str, Any], bool]:
        """Create or replace one command; the flag says whether it was new."""
        scope = self._scope(guild_id)
        key = (int(command.get("type", 1)), str(command["name"]))
        old = scope.get(key)
        scope[key] = self._stored(guild_id, command, old)
        return scope[key], old is None

    def list(self, guild_id: int | None) -> list[dict[str, Any]]:
        return list(self._scope(guild_id).values())

    def get(self, guild_id: int | None, command_id: int) -> dict[str, Any]:
        for command in self._scope(guild_id).values():
            if int(command["id"]) == command_id:
                return command
        raise errors.unknown_command()

    def edit(
        self, guild_id: int | None, command_id: int, changes: dict[str, Any]
    ) -> dict[str, Any]:
        command = self.get(guild_id, command_id)
        scope = self._scope(guild_id)
        del scope[(command["type"], command["name"])]
        merged = {**command, **changes}
        stored = self._stored(guild_id, merged, command)
        scope[(stored["type"], stored["name"])] = stored
        return stored

    def delete(self, guild_id: int | None, command_id: int) -> None:
        command = self.get(guild_id, command_id)
        del self._scope(guild_id)[(command["type"], command["name"])]

    def find(self, name: str, guild_id: int | None, *, command_type: int = 1) -> dict[str, Any]:
        """The command a user in `guild_id` would invoke: guild commands shadow global ones.

        Raises:
            FakeDiscordError: no such command has been synced.
        """
        for scope in (guild_id, None) if guild_id is not None else (None,):
            command = self._scopes.get(scope, {}).get((command_type, name))
            if command is not None:
                return command
        known = sorted({n for scope in self._scopes.values() for (_, n) in scope})
        raise errors.FakeDiscordError(
            f"no application command {name!r} has been synced (known: {', '.join(known) or 'none'})"
        )

    def sync_count(self, guild_id: int | None = None, *, any_scope: bool = False) -> int:
        """How many bulk overwrites happened (for one scope, or all scopes)."""
        return sum(1 for s in self.syncs if any_scope or s.guild_id == guild_id)
