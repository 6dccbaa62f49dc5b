"""Interactions the test sends to the bot, and what the bot answered.

`InteractionRun` is what `FakeDiscord.slash/autocomplete/click/submit_modal` return: await it
to get the initial response, then read `original`, `followups`, `choices`...
The `*_payload` functions build the INTERACTION_CREATE data exactly as Discord shapes it,
typing option values from the command definitions the bot synced.
"""

# Waiting helpers take `timeout=` on purpose: on expiry they raise FakeTimeout naming what the
# bot did wrong (unrouted requests, errors), which a bare asyncio.timeout cannot say.
# ruff: noqa: ASYNC109

from __future__ import annotations

import secrets
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from typing import Any

from .errors import APIError, FakeDiscordError
from .state import FakeChannel, FakeGuild, FakeMessage, FakeUser, World
from .waiting import Notifier

APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 2, 3, 4, 5
SUB_COMMAND, SUB_COMMAND_GROUP = 1, 2
STRING, INTEGER, BOOLEAN, USER, CHANNEL, ROLE, MENTIONABLE, NUMBER = 3, 4, 5, 6, 7, 8, 9, 10
ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024
DEFAULT_TIMEOUT = 5.0


@dataclass(eq=False)
class InteractionRun:
    """One interaction and everything the bot did with it.

    `await run` (or `await run.wait_response()`) returns the run once the bot has called
    `POST /interactions/{id}/{token}/callback`.
    """

    id: int
    token: str
    kind: int
    guild_id: int | None
    channel_id: int
    user: FakeUser
    name: str
    payload: dict[str, Any]
    notifier: Notifier
    sent_at: float | None = None  # perf_counter when INTERACTION_CREATE was written
    callback_at: float | None = None  # perf_counter when the callback arrived
    response_type: int | None = None
    response_data: dict[str, Any] | None = None
    original: FakeMessage | None = None
    followups: list[FakeMessage] = field(default_factory=list)
    rejected: list[APIError] = field(default_factory=list)  # 4xx answers to the bot's calls
    message: FakeMessage | None = None  # for component clicks: the message clicked

    def __await__(self) -> Generator[Any, None, InteractionRun]:
        return self.wait_response().__await__()

    def state(self) -> str:
        """A one-line account of what the bot has done so far (used in timeout messages)."""
        parts = [f"response type {self.response_type}" if self.response_type else "no callback"]
        if self.original is not None:
            parts.append("original loading" if self.original.loading else "original shown")
        parts.append(f"{len(self.followups)} followup(s)")
        parts += [f"rejected {e.status} {e.code} {e.message}" for e in self.rejected]
        return ", ".join(parts)

    @property
    def topic(self) -> tuple[str, int]:
        """What the fake notifies when this interaction changes."""
        return ("run", self.id)

    @property
    def latency(self) -> float | None:
        """Seconds from sending INTERACTION_CREATE to receiving the callback."""
        if self.sent_at is None or self.callback_at is None:
            return None
        return self.callback_at - self.sent_at

    @property
    def choices(self) -> list[dict[str, Any]]:
        """The autocomplete choices the bot answered (empty before it answered)."""
        return list((self.response_data or {}).get("choices") or [])

    @property
    def ephemeral(self) -> bool:
        return bool(self.original and self.original.ephemeral)

    async def wait_response(self, timeout: float = DEFAULT_TIMEOUT) -> InteractionRun:
        """Wait for the interaction callback.

        Raises:
            FakeTimeout: the bot did not answer in time (the message names unrouted requests).
        """
        return await self.notifier.wait_for(
            lambda: self if self.response_type is not None else None,
            timeout=timeout,
            what=lambda: f"the bot to answer interaction {self.name!r} ({self.state()})",
            topic=self.topic,
        )

    async def wait_until(
        self,
        check: Callable[[InteractionRun], bool],
        *,
        timeout: float = DEFAULT_TIMEOUT,
        what: str = "a condition on the interaction",
    ) -> InteractionRun:
        """Wait until `check(run)` holds (for example after an edit or a followup)."""
        return await self.notifier.wait_for(
            lambda: self if check(self) else None, timeout=timeout, what=what, topic=self.topic
        )

    async def wait_original(
        self,
        check: Callable[[FakeMessage], bool] | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> FakeMessage:
        """The original response once it shows something (not the "thinking..." placeholder)
        and satisfies `check`."""

        def ready() -> FakeMessage | None:
            message = self.original
            if message is None or message.loading or message.deleted:
                return None
            return message if check is None or check(message) else None

        return await self.notifier.wait_for(
            ready,
            timeout=timeout,
            what=lambda: f"the original response of {self.name!r} ({self.state()})",
            topic=self.topic,
        )

    async def wait_followups(
        self, count: int = 1, *, timeout: float = DEFAULT_TIMEOUT
    ) -> list[FakeMessage]:
        """The first `count` followup messages, once there are that many."""
        return await self.notifier.wait_for(
            lambda: self.followups[:count] if len(self.followups) >= count else None,
            timeout=timeout,
            what=lambda: f"{count} followup(s) to {self.name!r} ({self.state()})",
            topic=self.topic,
        )


def new_token() -> str:
    return "aW50ZXJhY3Rpb246" + secrets.token_urlsafe(48)


def base_payload(
    world: World,
    *,
    interaction_id: int,
    token: str,
    kind: int,
    application_id: int,
    guild: FakeGuild,
    channel: FakeChannel,
    user: FakeUser,
    locale: str,
) -> dict[str, Any]:
    """Fields every guild interaction carries (those discord.py's Interaction reads)."""
    member = guild.members[user.id]
    user_permissions = guild.permissions(user.id, channel)
    channel_payload = channel.to_payload()
    channel_payload["permissions"] = str(user_permissions)
    return {
        "id": str(interaction_id),
        "application_id": str(application_id),
        "type": kind,
        "token": token,
        "version": 1,
        "guild_id": str(guild.id),
        "guild": {"id": str(guild.id), "locale": guild.locale, "features": []},
        "channel_id": str(channel.id),
        "channel": channel_payload,
        "member": member.to_payload(permissions=user_permissions),
        "app_permissions": str(world.bot_permissions(channel)),
        "locale": locale,
        "guild_locale": guild.locale,
        "entitlements": [],
        "entitlement_sku_ids": [],
        "authorizing_integration_owners": {"0": str(guild.id)},
        "context": 0,
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
    }


def command_data(
    world: World,
    guild: FakeGuild,
    command: dict[str, Any],
    path: list[str],
    options: dict[str, Any],
    *,
    focused: str | None = None,
) -> dict[str, Any]:
    """The `data` of an application command (or autocomplete) interaction.

    `path` holds sub-command group / sub-command names below the command; option values are
    converted according to the synced definition (users, channels and roles get `resolved`).

    Raises:
        FakeDiscordError: unknown sub-command or option, missing required option, a value the
            Discord client would refuse (not among the choices, out of range).
    """
    resolved: dict[str, dict[str, Any]] = {}
    definitions: list[dict[str, Any]] = command.get("options") or []
    wrappers: list[dict[str, Any]] = []
    for name in path:
        match = next((o for o in definitions if o["name"] == name), None)
        if match is None or match.get("type") not in (SUB_COMMAND, SUB_COMMAND_GROUP):
            raise FakeDiscordError(f"/{command['name']} has no sub-command {name!r}")
        wrappers.append({"type": match["type"], "name": name})
        definitions = match.get("options") or []
    if any(o.get("type") in (SUB_COMMAND, SUB_COMMAND_GROUP) for o in definitions):
        names = [o["name"] for o in definitions]
        raise FakeDiscordError(f"/{command['name']} needs a sub-command, one of {names}")

    options = {name: value for name, value in options.items() if value is not None}
    known = {o["name"]: o for o in definitions}
    unknown = set(options) - set(known)
    if unknown:
        raise FakeDiscordError(
            f"/{command['name']} has no option(s) {sorted(unknown)}; it has {sorted(known)}"
        )
    leaf: list[dict[str, Any]] = []
    for definition in definitions:
        name = definition["name"]
        if name not in options:
            if definition.get("required") and focused is None:
                raise FakeDiscordError(f"/{command['name']} requires option {name!r}")
            continue
        is_focused = name == focused
        value = _option_value(world, guild, definition, options[name], resolved, is_focused)
        entry: dict[str, Any] = {"type": definition["type"], "name": name, "value": value}
        if is_focused:
            entry["focused"] = True
        leaf.append(entry)
    if focused is not None and focused not in known:
        raise FakeDiscordError(f"/{command['name']} has no option {focused!r} to focus")

    nested = leaf
    for wrapper in reversed(wrappers):
        nested = [{**wrapper, "options": nested}]
    data: dict[str, Any] = {
        "id": command["id"],
        "name": command["name"],
        "type": command.get("type", 1),
        "options": nested,
    }
    if resolved:
        data["resolved"] = resolved
    if command.get("guild_id"):
        data["guild_id"] = command["guild_id"]
    return data


def _option_value(
    world: World,
    guild: FakeGuild,
    definition: dict[str, Any],
    value: Any,
    resolved: dict[str, dict[str, Any]],
    focused: bool,
) -> Any:
    kind = definition["type"]
    name = definition["name"]
    if focused:
        # Discord sends whatever the user has typed so far, as a string.
        return str(value)
    if kind == STRING:
        value = str(value)
        low, high = definition.get("min_length"), definition.get("max_length")
        if (low is not None and len(value) < low) or (high is not None and len(value) > high):
            raise FakeDiscordError(f"option {name!r}: length of {value!r} outside {low}..{high}")
    elif kind == INTEGER:
        value = int(value)
    elif kind == NUMBER:
        value = float(value)
    elif kind == BOOLEAN:
        value = bool(value)
    elif kind in (USER, MENTIONABLE):
        user = value if isinstance(value, FakeUser) else world.users.get(int(value))
        if user is None:
            raise FakeDiscordError(f"option {name!r}: unknown user {value!r}")
        resolved.setdefault("users", {})[str(user.id)] = user.to_payload()
        member = guild.members.get(user.id)
        if member is not None:
            payload = member.to_payload(permissions=guild.permissions(user.id))
            del payload["user"]
            resolved.setdefault("members", {})[str(user.id)] = payload
        return str(user.id)
    elif kind == CHANNEL:
        channel = value if isinstance(value, FakeChannel) else world.channels.get(int(value))
        if channel is None:
            raise FakeDiscordError(f"option {name!r}: unknown channel {value!r}")
        allowed = definition.get("channel_types")
        if allowed and channel.type not in allowed:
            raise FakeDiscordError(f"option {name!r}: channel type {channel.type} not in {allowed}")
        resolved.setdefault("channels", {})[str(channel.id)] = {
            "id": str(channel.id),
            "name": channel.name,
            "type": channel.type,
            "parent_id": str(channel.parent_id) if channel.parent_id else None,
            "permissions": str(world.bot_permissions(channel)),
            "guild_id": str(channel.guild_id),
        }
        return str(channel.id)
    elif kind == ROLE:
        role_id = int(getattr(value, "id", value))
        role = guild.roles.get(role_id)
        if role is None:
            raise FakeDiscordError(f"option {name!r}: unknown role {value!r}")
        resolved.setdefault("roles", {})[str(role.id)] = role.to_payload()
        return str(role.id)
    choices = definition.get("choices")
    if choices and value not in [c["value"] for c in choices]:
        raise FakeDiscordError(f"option {name!r}: {value!r} is not one of the choices")
    if kind in (INTEGER, NUMBER):
        low, high = definition.get("min_value"), definition.get("max_value")
        if (low is not None and value < low) or (high is not None and value > high):
            raise FakeDiscordError(f"option {name!r}: {value!r} outside {low}..{high}")
    return value


def find_component(message: FakeMessage, custom_id: str) -> dict[str, Any]:
    """The component with `custom_id` on `message`.

    Raises:
        FakeDiscordError: the message has no such component (a user could not click it).
    """
    stack = list(message.components)
    while stack:
        component = stack.pop()
        if component.get("custom_id") == custom_id:
            if component.get("disabled"):
                raise FakeDiscordError(f"component {custom_id!r} is disabled")
            return component
        stack.extend(component.get("components") or [])
        if component.get("accessory"):
            stack.append(component["accessory"])
    ids = _custom_ids(message.components)
    raise FakeDiscordError(f"message {message.id} has no component {custom_id!r} (has {ids})")


def _custom_ids(components: list[dict[str, Any]]) -> list[str]:
    found: list[str] = []
    for component in components:
        if component.get("custom_id"):
            found.append(component["custom_id"])
        found.extend(_custom_ids(component.get("components") or []))
    return found
