"""The fake's world: users, guilds, roles, members, channels and messages, as plain objects.

Nothing here does I/O. Each object can render itself as the JSON payload Discord would send
(`to_payload`), and `World` answers lookups by raising the `APIError` Discord would answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import errors
from .permissions import (
    ALL_PERMISSIONS,
    DEFAULT_BOT,
    DEFAULT_EVERYONE,
    Overwrite,
    Perm,
    base_permissions,
    channel_permissions,
)
from .snowflakes import SnowflakeFactory, iso_now

TEXT_CHANNEL = 0
VOICE_CHANNEL = 2
CATEGORY_CHANNEL = 4
NEWS_CHANNEL = 5

EPHEMERAL_FLAG = 1 << 6
LOADING_FLAG = 1 << 7


@dataclass(slots=True)
class FakeUser:
    id: int
    username: str
    bot: bool = False
    global_name: str | None = None

    def to_payload(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "username": self.username,
            "global_name": self.global_name,
            "discriminator": "0",
            "avatar": None,
            "bot": self.bot,
            "public_flags": 0,
            "flags": 0,
            "avatar_decoration_data": None,
        }


@dataclass(slots=True)
class FakeRole:
    id: int
    guild_id: int
    name: str
    permissions: int
    position: int = 0
    managed: bool = False

    def to_payload(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "name": self.name,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "icon": None,
            "unicode_emoji": None,
            "position": self.position,
            "permissions": str(self.permissions),
            "managed": self.managed,
            "mentionable": False,
            "flags": 0,
        }


@dataclass(slots=True)
class FakeMember:
    user: FakeUser
    role_ids: list[int] = field(default_factory=list)
    joined_at: str = field(default_factory=iso_now)
    nick: str | None = None

    def to_payload(self, *, permissions: int | None = None) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "user": self.user.to_payload(),
            "roles": [str(r) for r in self.role_ids],
            "joined_at": self.joined_at,
            "nick": self.nick,
            "avatar": None,
            "banner": None,
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "pending": False,
            "flags": 0,
            "communication_disabled_until": None,
        }
        if permissions is not None:
            payload["permissions"] = str(permissions)
        return payload


@dataclass(slots=True)
class FakeChannel:
    id: int
    guild_id: int
    name: str
    type: int = TEXT_CHANNEL
    position: int = 0
    topic: str | None = None
    parent_id: int | None = None
    overwrites: list[Overwrite] = field(default_factory=list)
    deleted: bool = False

    def to_payload(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "type": self.type,
            "guild_id": str(self.guild_id),
            "name": self.name,
            "position": self.position,
            "permission_overwrites": [ow.to_payload() for ow in self.overwrites],
            "topic": self.topic,
            "nsfw": False,
            "parent_id": str(self.parent_id) if self.parent_id else None,
            "rate_limit_per_user": 0,
            "last_message_id": None,
            "flags": 0,
        }

    def set_overwrite(self, target_id: int, kind: int, *, allow: int, deny: int) -> None:
        """Replace (or add) the overwrite for one role or member."""
        self.overwrites = [
            ow for ow in self.overwrites if (ow.kind, ow.target_id) != (kind, target_id)
        ]
        if allow or deny:
            self.overwrites.append(Overwrite(target_id, kind, allow, deny))


@dataclass(slots=True)
class FakeGuild:
    id: int
    name: str
    owner_id: int
    roles: dict[int, FakeRole] = field(default_factory=dict)
    channels: dict[int, FakeChannel] = field(default_factory=dict)
    members: dict[int, FakeMember] = field(default_factory=dict)
    locale: str = "en-US"
    joined_at: str = field(default_factory=iso_now)
    removed: bool = False

    def shard_id(self, shard_count: int) -> int:
        return (self.id >> 22) % shard_count

    @property
    def text_channels(self) -> list[FakeChannel]:
        return [c for c in self.channels.values() if c.type == TEXT_CHANNEL and not c.deleted]

    def permissions(self, user_id: int, channel: FakeChannel | None = None) -> int:
        """The member's permissions in the guild, or in `channel` if given (0 if not a member)."""
        member = self.members.get(user_id)
        if member is None:
            return 0
        everyone = self.roles[self.id].permissions
        base = base_permissions(
            is_owner=user_id == self.owner_id,
            everyone_perms=everyone,
            role_perms=(self.roles[r].permissions for r in member.role_ids if r in self.roles),
        )
        if channel is None or base == ALL_PERMISSIONS:
            return base
        return channel_permissions(
            base,
            guild_id=self.id,
            member_id=user_id,
            member_role_ids=member.role_ids,
            overwrites=channel.overwrites,
        )

    def to_payload(self, *, initial: bool) -> dict[str, Any]:
        """The GUILD_CREATE payload. `initial` marks guilds announced right after READY."""
        payload: dict[str, Any] = {
            "id": str(self.id),
            "name": self.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(self.owner_id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": self.locale,
            "features": [],
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "vanity_url_code": None,
            "application_id": None,
            "max_members": 500000,
            "max_video_channel_users": 25,
            "premium_progress_bar_enabled": False,
            "roles": [r.to_payload() for r in self.roles.values()],
            "emojis": [],
            "stickers": [],
            "joined_at": self.joined_at,
            "large": len(self.members) > 250,
            "member_count": len(self.members),
            "members": [m.to_payload() for m in self.members.values()],
            "channels": [c.to_payload() for c in self.channels.values() if not c.deleted],
            "threads": [],
            "presences": [],
            "voice_states": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }
        if initial:
            payload["unavailable"] = False
        return payload

    def rest_payload(self) -> dict[str, Any]:
        """The `GET /guilds/{id}` payload (no members or channels, as in Discord)."""
        payload = self.to_payload(initial=False)
        for key in ("members", "channels", "threads", "presences", "voice_states", "joined_at"):
            payload.pop(key, None)
        payload["approximate_member_count"] = len(self.members)
        return payload


@dataclass(slots=True)
class FakeMessage:
    """A message as the fake stores it; `payload` history is kept in `edits`."""

    id: int
    channel_id: int
    guild_id: int | None
    author: FakeUser
    content: str = ""
    embeds: list[dict[str, Any]] = field(default_factory=list)
    components: list[dict[str, Any]] = field(default_factory=list)
    allowed_mentions: dict[str, Any] | None = None
    flags: int = 0
    created_at: str = field(default_factory=iso_now)
    edited_at: str | None = None
    deleted: bool = False
    # "channel" (POST /channels/x/messages), "response" (interaction original) or "followup".
    kind: str = "channel"
    interaction_id: int | None = None
    application_id: int | None = None
    message_type: int = 0
    attachments: list[dict[str, Any]] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)  # uploaded content by filename
    interaction_metadata: dict[str, Any] | None = None  # set on interaction responses
    edits: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & EPHEMERAL_FLAG)

    @property
    def loading(self) -> bool:
        return bool(self.flags & LOADING_FLAG)

    def apply(
        self, body: dict[str, Any], *, editing: bool, files: dict[str, bytes] | None = None
    ) -> None:
        """Take the fields a create or edit request sets (an edit only touches given keys)."""
        self.files.update(files or {})
        if "content" in body or not editing:
            self.content = body.get("content") or ""
        if "embeds" in body or not editing:
            self.embeds = list(body.get("embeds") or [])
        if "components" in body or not editing:
            self.components = list(body.get("components") or [])
        if "allowed_mentions" in body or not editing:
            self.allowed_mentions = body.get("allowed_mentions")
        if "attachments" in body or not editing:
            self.attachments = list(body.get("attachments") or [])
        if editing and body.get("flags") is not None:
            # Whether a message is ephemeral is fixed when it is created; edits cannot change it.
            self.flags = (self.flags & EPHEMERAL_FLAG) | (int(body["flags"]) & ~EPHEMERAL_FLAG)
        if editing:
            self.edited_at = iso_now()
            self.edits.append(body)

    def to_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "id": str(self.id),
            "channel_id": str(self.channel_id),
            "author": self.author.to_payload(),
            "content": self.content,
            "timestamp": self.created_at,
            "edited_timestamp": self.edited_at,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": self.attachments,
            "embeds": self.embeds,
            "components": self.components,
            "pinned": False,
            "type": self.message_type,
            "flags": self.flags,
        }
        if self.guild_id is not None:
            payload["guild_id"] = str(self.guild_id)
        if self.application_id is not None:
            payload["application_id"] = str(self.application_id)
            payload["webhook_id"] = str(self.application_id)
        if self.interaction_metadata is not None:
            payload["interaction_metadata"] = self.interaction_metadata
        return payload


class World:
    """Every object the fake knows, with lookups that fail the way Discord fails."""

    def __init__(self, ids: SnowflakeFactory, bot_user: FakeUser) -> None:
        self.ids = ids
        # Guild ids come from their own sequence so that consecutive guilds land on
        # consecutive shards however many other ids each guild needs.
        self.guild_ids = SnowflakeFactory(worker=1)
        self.bot_user = bot_user
        self.users: dict[int, FakeUser] = {bot_user.id: bot_user}
        self.guilds: dict[int, FakeGuild] = {}
        self.channels: dict[int, FakeChannel] = {}
        self.messages: dict[int, FakeMessage] = {}
        self.channel_messages: dict[int, list[FakeMessage]] = {}

    # -- building ---------------------------------------------------------------------------

    def add_user(self, username: str, *, bot: bool = False) -> FakeUser:
        user = FakeUser(self.ids.next(), username, bot=bot)
        self.users[user.id] = user
        return user

    def add_guild(
        self,
        name: str,
        *,
        owner: FakeUser | None = None,
        channel_names: tuple[str, ...] = ("general",),
        bot_permissions: int = DEFAULT_BOT,
        everyone_permissions: int = DEFAULT_EVERYONE,
        locale: str = "en-US",
    ) -> FakeGuild:
        """A guild the bot is in: @everyone, the bot's managed role, owner and bot members."""
        guild_id = self.guild_ids.next()
        if owner is None:
            owner = self.add_user(f"owner-of-{name}")
        guild = FakeGuild(guild_id, name, owner.id, locale=locale)
        guild.roles[guild_id] = FakeRole(guild_id, guild_id, "@everyone", everyone_permissions)
        bot_role = FakeRole(
            self.ids.next(), guild_id, self.bot_user.username, bot_permissions, 1, managed=True
        )
        guild.roles[bot_role.id] = bot_role
        guild.members[owner.id] = FakeMember(owner)
        guild.members[self.bot_user.id] = FakeMember(self.bot_user, [bot_role.id])
        self.guilds[guild_id] = guild
        for position, channel_name in enumerate(channel_names):
            self.add_channel(guild, channel_name, position=position)
        return guild

    def add_channel(
        self, guild: FakeGuild, name: str, *, kind: int = TEXT_CHANNEL, position: int | None = None
    ) -> FakeChannel:
        channel = FakeChannel(
            self.ids.next(),
            guild.id,
            name,
            kind,
            len(guild.channels) if position is None else position,
        )
        guild.channels[channel.id] = channel
        self.channels[channel.id] = channel
        return channel

    def add_role(self, guild: FakeGuild, name: str, permissions: int) -> FakeRole:
        role = FakeRole(self.ids.next(), guild.id, name, permissions, len(guild.roles))
        guild.roles[role.id] = role
        return role

    def add_member(
        self, guild: FakeGuild, user: FakeUser, roles: list[FakeRole] | None = None
    ) -> FakeMember:
        member = FakeMember(user, [r.id for r in roles or []])
        guild.members[user.id] = member
        return member

    def store_message(self, message: FakeMessage) -> None:
        self.messages[message.id] = message
        self.channel_messages.setdefault(message.channel_id, []).append(message)

    # -- lookups ----------------------------------------------------------------------------

    def guild(self, guild_id: int) -> FakeGuild:
        guild = self.guilds.get(guild_id)
        if guild is None or guild.removed:
            raise errors.unknown_guild()
        return guild

    def channel(self, channel_id: int) -> FakeChannel:
        channel = self.channels.get(channel_id)
        if channel is None or channel.deleted:
            raise errors.unknown_channel()
        guild = self.guilds.get(channel.guild_id)
        if guild is None or guild.removed:
            # The channel still exists, but the bot left its guild and may not see it.
            raise errors.missing_access()
        return channel

    def user(self, user_id: int) -> FakeUser:
        user = self.users.get(user_id)
        if user is None:
            raise errors.unknown_user()
        return user

    def message(self, channel_id: int, message_id: int) -> FakeMessage:
        message = self.messages.get(message_id)
        if message is None or message.deleted or message.channel_id != channel_id:
            raise errors.unknown_message()
        return message

    def bot_permissions(self, channel: FakeChannel) -> int:
        return self.guilds[channel.guild_id].permissions(self.bot_user.id, channel)

    def require_bot_permissions(self, channel: FakeChannel, needed: int) -> None:
        """Raise 403 as Discord does: 50001 without VIEW_CHANNEL, else 50013 for the rest."""
        perms = self.bot_permissions(channel)
        if not perms & Perm.VIEW_CHANNEL:
            raise errors.missing_access()
        if perms & needed != needed:
            raise errors.missing_permissions()
