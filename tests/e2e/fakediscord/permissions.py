"""Discord permission bits and the channel permission algorithm, as pure functions.

The algorithm follows Discord's documentation ("Permission Overwrites"): the guild owner and
ADMINISTRATOR get everything; otherwise @everyone's permissions OR the member's roles, then the
channel's @everyone overwrite, the role overwrites together, and finally the member overwrite.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntFlag


class Perm(IntFlag):
    """The permission bits the fake cares about (values are Discord's)."""

    CREATE_INSTANT_INVITE = 1 << 0
    KICK_MEMBERS = 1 << 1
    BAN_MEMBERS = 1 << 2
    ADMINISTRATOR = 1 << 3
    MANAGE_CHANNELS = 1 << 4
    MANAGE_GUILD = 1 << 5
    ADD_REACTIONS = 1 << 6
    VIEW_CHANNEL = 1 << 10
    SEND_MESSAGES = 1 << 11
    MANAGE_MESSAGES = 1 << 13
    EMBED_LINKS = 1 << 14
    ATTACH_FILES = 1 << 15
    READ_MESSAGE_HISTORY = 1 << 16
    MENTION_EVERYONE = 1 << 17
    USE_EXTERNAL_EMOJIS = 1 << 18
    CHANGE_NICKNAME = 1 << 26
    MANAGE_ROLES = 1 << 28
    MANAGE_WEBHOOKS = 1 << 29
    USE_APPLICATION_COMMANDS = 1 << 31
    SEND_MESSAGES_IN_THREADS = 1 << 38


ALL_PERMISSIONS = (1 << 53) - 1

# What a new server grants @everyone (a subset of Discord's default that matters here).
DEFAULT_EVERYONE = int(
    Perm.CREATE_INSTANT_INVITE
    | Perm.ADD_REACTIONS
    | Perm.VIEW_CHANNEL
    | Perm.SEND_MESSAGES
    | Perm.EMBED_LINKS
    | Perm.ATTACH_FILES
    | Perm.READ_MESSAGE_HISTORY
    | Perm.MENTION_EVERYONE
    | Perm.USE_EXTERNAL_EMOJIS
    | Perm.CHANGE_NICKNAME
    | Perm.USE_APPLICATION_COMMANDS
    | Perm.SEND_MESSAGES_IN_THREADS
)

# What the bot's managed role gets from an invite link asking for the usual bot scope.
DEFAULT_BOT = int(
    Perm.VIEW_CHANNEL
    | Perm.SEND_MESSAGES
    | Perm.EMBED_LINKS
    | Perm.READ_MESSAGE_HISTORY
    | Perm.USE_APPLICATION_COMMANDS
)


def as_bits(value: object) -> int:
    """Permission bits from an int, a Perm or anything with `.value` (discord.Permissions)."""
    if isinstance(value, int):
        return int(value)
    bits = getattr(value, "value", None)
    if isinstance(bits, int):
        return bits
    raise TypeError(f"expected permission bits, got {value!r}")


@dataclass(slots=True)
class Overwrite:
    """One channel permission overwrite; kind 0 is a role, 1 a member."""

    target_id: int
    kind: int
    allow: int = 0
    deny: int = 0

    def to_payload(self) -> dict[str, object]:
        return {
            "id": str(self.target_id),
            "type": self.kind,
            "allow": str(self.allow),
            "deny": str(self.deny),
        }


def base_permissions(*, is_owner: bool, everyone_perms: int, role_perms: Iterable[int]) -> int:
    """Guild-level permissions of a member (before channel overwrites)."""
    if is_owner:
        return ALL_PERMISSIONS
    perms = everyone_perms
    for bits in role_perms:
        perms |= bits
    if perms & Perm.ADMINISTRATOR:
        return ALL_PERMISSIONS
    return perms


def channel_permissions(
    base: int,
    *,
    guild_id: int,
    member_id: int,
    member_role_ids: Iterable[int],
    overwrites: Iterable[Overwrite],
) -> int:
    """Apply a channel's overwrites to `base` the way Discord does."""
    if base & Perm.ADMINISTRATOR:
        return ALL_PERMISSIONS
    by_target = {(ow.kind, ow.target_id): ow for ow in overwrites}
    perms = base
    everyone = by_target.get((0, guild_id))
    if everyone is not None:
        perms = (perms & ~everyone.deny) | everyone.allow
    allow = deny = 0
    for role_id in member_role_ids:
        ow = by_target.get((0, role_id))
        if ow is not None:
            allow |= ow.allow
            deny |= ow.deny
    perms = (perms & ~deny) | allow
    member = by_target.get((1, member_id))
    if member is not None:
        perms = (perms & ~member.deny) | member.allow
    return perms
