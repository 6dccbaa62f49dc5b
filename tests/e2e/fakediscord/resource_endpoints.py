"""Bot-token endpoints: gateway discovery, users, the application, its commands, channels,
messages and guilds."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import errors, validation
from .calls import NO_CONTENT, AddRoute, Call
from .errors import APIError
from .permissions import Perm
from .state import FakeMessage

if TYPE_CHECKING:
    from .server import FakeDiscord


class ResourceEndpoints:
    """Everything a bot calls with its `Authorization: Bot ...` header."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.world = fake.world

    def register(self, add: AddRoute) -> None:
        add("GET", "/gateway", self.get_gateway, bot_auth=False)
        add("GET", "/gateway/bot", self.get_gateway_bot)
        add("GET", "/users/@me", self.get_me)
        add("GET", "/users/{user_id}", self.get_user)
        add("DELETE", "/users/@me/guilds/{guild_id}", self.leave_guild)
        add("GET", "/oauth2/applications/@me", self.get_application)
        add("GET", "/applications/@me", self.get_application)
        for prefix in (
            "/applications/{application_id}/commands",
            "/applications/{application_id}/guilds/{guild_id}/commands",
        ):
            add("GET", prefix, self.list_commands)
            add("PUT", prefix, self.overwrite_commands)
            add("POST", prefix, self.create_command)
            add("GET", prefix + "/{command_id}", self.get_command)
            add("PATCH", prefix + "/{command_id}", self.edit_command)
            add("DELETE", prefix + "/{command_id}", self.delete_command)
        add("GET", "/channels/{channel_id}", self.get_channel)
        add("GET", "/channels/{channel_id}/messages", self.list_messages)
        add("POST", "/channels/{channel_id}/messages", self.create_message)
        add("GET", "/channels/{channel_id}/messages/{message_id}", self.get_message)
        add("PATCH", "/channels/{channel_id}/messages/{message_id}", self.edit_message)
        add("DELETE", "/channels/{channel_id}/messages/{message_id}", self.delete_message)
        add("POST", "/channels/{channel_id}/typing", self.typing)
        add("GET", "/guilds/{guild_id}", self.get_guild)
        add("GET", "/guilds/{guild_id}/channels", self.get_guild_channels)
        add("GET", "/guilds/{guild_id}/roles", self.get_guild_roles)
        add("GET", "/guilds/{guild_id}/members", self.list_members)
        add("GET", "/guilds/{guild_id}/members/{user_id}", self.get_member)

    # -- identity ---------------------------------------------------------------------------

    async def get_gateway(self, call: Call) -> Any:
        return {"url": self.fake.gateway_url}

    async def get_gateway_bot(self, call: Call) -> Any:
        return {
            "url": self.fake.gateway_url,
            "shards": self.fake.recommended_shards,
            "session_start_limit": {
                "total": 1000,
                "remaining": 999,
                "reset_after": 14_400_000,
                "max_concurrency": 1,
            },
        }

    async def get_me(self, call: Call) -> Any:
        return self.fake.bot_user.to_payload()

    async def get_user(self, call: Call) -> Any:
        return self.world.user(call.id("user_id")).to_payload()

    async def get_application(self, call: Call) -> Any:
        fake = self.fake
        return {
            "id": str(fake.application_id),
            "name": fake.bot_user.username,
            "icon": None,
            "description": "",
            "summary": "",
            "type": None,
            "bot_public": True,
            "bot_require_code_grant": False,
            "verify_key": "0" * 64,
            "flags": fake.application_flags,
            "owner": fake.owner_user.to_payload(),
            "team": None,
            "bot": fake.bot_user.to_payload(),
            "approximate_guild_count": len(self.world.guilds),
            "interactions_endpoint_url": None,
            "redirect_uris": [],
            "tags": [],
            "integration_types_config": {"0": {}},
        }

    async def leave_guild(self, call: Call) -> Any:
        guild = self.world.guild(call.id("guild_id"))
        self.fake.remove_guild(guild)
        return NO_CONTENT

    # -- application commands ---------------------------------------------------------------

    def _command_scope(self, call: Call) -> int | None:
        if call.id("application_id") != self.fake.application_id:
            raise APIError(
                403, 20012, "You are not authorized to perform this action on this application"
            )
        if "guild_id" not in call.params:
            return None
        guild_id = call.id("guild_id")
        if guild_id not in self.world.guilds or self.world.guilds[guild_id].removed:
            raise errors.missing_access()
        return guild_id

    async def list_commands(self, call: Call) -> Any:
        return self.fake.commands.list(self._command_scope(call))

    async def overwrite_commands(self, call: Call) -> Any:
        scope = self._command_scope(call)
        problems = validation.commands_errors(call.body)
        if problems:
            raise errors.invalid_form_body(problems)
        return self.fake.commands.overwrite(scope, call.body)

    async def create_command(self, call: Call) -> Any:
        scope = self._command_scope(call)
        problems = validation.single_command_errors(call.body)
        if problems:
            raise errors.invalid_form_body(problems)
        command, _ = self.fake.commands.upsert(scope, call.body)
        return command

    async def get_command(self, call: Call) -> Any:
        return self.fake.commands.get(self._command_scope(call), call.id("command_id"))

    async def edit_command(self, call: Call) -> Any:
        scope = self._command_scope(call)
        current = self.fake.commands.get(scope, call.id("command_id"))
        problems = validation.single_command_errors({**current, **(call.body or {})})
        if problems:
            raise errors.invalid_form_body(problems)
        return self.fake.commands.edit(scope, call.id("command_id"), call.body or {})

    async def delete_command(self, call: Call) -> Any:
        self.fake.commands.delete(self._command_scope(call), call.id("command_id"))
        return NO_CONTENT

    # -- channels and messages --------------------------------------------------------------

    async def get_channel(self, call: Call) -> Any:
        channel = self.world.channel(call.id("channel_id"))
        self.world.require_bot_permissions(channel, Perm.VIEW_CHANNEL)
        return channel.to_payload()

    async def list_messages(self, call: Call) -> Any:
        channel = self.world.channel(call.id("channel_id"))
        self.world.require_bot_permissions(channel, Perm.VIEW_CHANNEL | Perm.READ_MESSAGE_HISTORY)
        limit = min(int(call.query.get("limit", 50)), 100)
        visible = [
            m
            for m in self.world.channel_messages.get(channel.id, [])
            if not m.deleted and not m.ephemeral
        ]
        return [m.to_payload() for m in reversed(visible)][:limit]

    async def create_message(self, call: Call) -> Any:
        channel = self.world.channel(call.id("channel_id"))
        body = call.body if isinstance(call.body, dict) else {}
        needed = Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES
        if body.get("embeds"):
            needed |= Perm.EMBED_LINKS
        self.world.require_bot_permissions(channel, needed)
        problems = validation.message_errors(body)
        if problems:
            raise errors.invalid_form_body(problems)
        if validation.is_empty_message(body):
            raise errors.empty_message()
        message = FakeMessage(
            id=self.world.ids.next(),
            channel_id=channel.id,
            guild_id=channel.guild_id,
            author=self.fake.bot_user,
            kind="channel",
        )
        message.apply(body, editing=False, files=call.files)
        message.flags = int(body.get("flags") or 0)
        self.world.store_message(message)
        payload = message.to_payload()
        self.fake.dispatch_to_guild(channel.guild_id, "MESSAGE_CREATE", payload)
        return payload

    def _own_message(self, call: Call) -> FakeMessage:
        channel = self.world.channel(call.id("channel_id"))
        self.world.require_bot_permissions(channel, Perm.VIEW_CHANNEL)
        return self.world.message(channel.id, call.id("message_id"))

    async def get_message(self, call: Call) -> Any:
        return self._own_message(call).to_payload()

    async def edit_message(self, call: Call) -> Any:
        message = self._own_message(call)
        if message.author.id != self.fake.bot_user.id:
            raise APIError(403, 50005, "Cannot edit a message authored by another user")
        problems = validation.message_errors(call.body or {})
        if problems:
            raise errors.invalid_form_body(problems)
        message.apply(call.body or {}, editing=True, files=call.files)
        return message.to_payload()

    async def delete_message(self, call: Call) -> Any:
        self._own_message(call).deleted = True
        return NO_CONTENT

    async def typing(self, call: Call) -> Any:
        channel = self.world.channel(call.id("channel_id"))
        self.world.require_bot_permissions(channel, Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES)
        return NO_CONTENT

    # -- guilds -----------------------------------------------------------------------------

    async def get_guild(self, call: Call) -> Any:
        return self.world.guild(call.id("guild_id")).rest_payload()

    async def get_guild_channels(self, call: Call) -> Any:
        guild = self.world.guild(call.id("guild_id"))
        return [c.to_payload() for c in guild.channels.values() if not c.deleted]

    async def get_guild_roles(self, call: Call) -> Any:
        guild = self.world.guild(call.id("guild_id"))
        return [r.to_payload() for r in guild.roles.values()]

    async def list_members(self, call: Call) -> Any:
        guild = self.world.guild(call.id("guild_id"))
        limit = min(int(call.query.get("limit", 1)), 1000)
        return [m.to_payload() for m in list(guild.members.values())[:limit]]

    async def get_member(self, call: Call) -> Any:
        guild = self.world.guild(call.id("guild_id"))
        member = guild.members.get(call.id("user_id"))
        if member is None:
            raise errors.unknown_member()
        return member.to_payload()
