"""FakeDiscord: the object tests and benchmarks hold.

It runs an aiohttp server on 127.0.0.1 (REST under /api/v10, gateway websocket at /ws) and
offers a Python API to shape the world (guilds, channels, members, permissions), to act as
users (slash commands, autocomplete, button clicks, modal submits), to wait for what the bot
does, and to inject faults (429s, a global rate limit, deleted channels, revoked permissions).
"""

# Waiting helpers take `timeout=` on purpose: on expiry they raise FakeTimeout naming what the
# bot did wrong (unrouted requests, errors), which a bare asyncio.timeout cannot say.
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Callable, Iterable
from typing import Any

from aiohttp import web

from .commands import CommandRegistry
from .errors import FakeDiscordError
from .gateway import EVENT_INTENTS, PRIVILEGED_INTENTS, RECONNECT, Gateway, GatewaySession
from .interactions import (
    APPLICATION_COMMAND,
    AUTOCOMPLETE,
    DEFAULT_TIMEOUT,
    MESSAGE_COMPONENT,
    MODAL_SUBMIT,
    InteractionRun,
    base_payload,
    command_data,
    find_component,
    new_token,
)
from .limits import Injected429, RateLimits
from .permissions import DEFAULT_BOT, DEFAULT_EVERYONE, Perm, as_bits
from .recording import RecordedRequest, RequestLog
from .rest import RestApi
from .snowflakes import SnowflakeFactory
from .state import (
    TEXT_CHANNEL,
    FakeChannel,
    FakeGuild,
    FakeMember,
    FakeMessage,
    FakeRole,
    FakeUser,
    World,
)
from .waiting import Notifier

API_PREFIX = "/api/v10"

GuildRef = FakeGuild | int
ChannelRef = FakeChannel | int
UserRef = FakeUser | int


class FakeDiscord:
    """A wire-level fake of Discord for one bot application.

    Use as `async with FakeDiscord() as fake:`; point discord.py at `fake.api_base` and
    `fake.gateway_url` (see `harness.point_discord_py_at`).

    Args:
        bot_name: the bot user's name (its id is the application id, as for modern apps).
        recommended_shards: the shard count `GET /gateway/bot` recommends.
        heartbeat_interval: seconds, sent in HELLO.
        interaction_timeout: seconds after INTERACTION_CREATE within which the callback must
            arrive (Discord: 3); later callbacks get 404 10062. None disables the check.
        route_limit, route_window: requests per window per route bucket.
        allow_privileged_intents: False closes the gateway with 4014 when they are asked for.
        replay_buffer: gateway events kept per session for RESUME.
    """

    def __init__(
        self,
        *,
        bot_name: str = "Almanac",
        recommended_shards: int = 1,
        heartbeat_interval: float = 41.25,
        interaction_timeout: float | None = 3.0,
        route_limit: int = 50,
        route_window: float = 1.0,
        allow_privileged_intents: bool = True,
        replay_buffer: int = 10_000,
        host: str = "127.0.0.1",
    ) -> None:
        self.ids = SnowflakeFactory()
        self.application_id = self.ids.next()
        self.application_flags = 0
        self.bot_user = FakeUser(self.application_id, bot_name, bot=True)
        self.world = World(self.ids, self.bot_user)
        self.owner_user = self.world.add_user("app-owner")
        self.commands = CommandRegistry(self.ids, self.application_id)
        self.requests = RequestLog()
        self.unhandled: list[RecordedRequest] = []
        self.limits = RateLimits(bucket_limit=route_limit, bucket_window=route_window)
        self.runs: list[InteractionRun] = []
        self.runs_by_token: dict[str, InteractionRun] = {}
        self.notifier = Notifier()
        self.notifier.hint = self._timeout_hint
        self.recommended_shards = recommended_shards
        self.heartbeat_interval_ms = int(heartbeat_interval * 1000)
        self.interaction_timeout = interaction_timeout
        self.allow_privileged_intents = allow_privileged_intents
        self.replay_buffer = replay_buffer
        self.gateway = Gateway(self)
        self.rest = RestApi(self, API_PREFIX)
        self._host = host
        self._port: int | None = None
        self._runner: web.AppRunner | None = None

    # -- lifecycle --------------------------------------------------------------------------

    async def start(self) -> None:
        """Listen on a free port of 127.0.0.1."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/ws", self.gateway.handle)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self.rest.handle)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind((self._host, 0))
        self._port = sock.getsockname()[1]
        # A deep backlog: benchmarks open thousands of connections at once.
        await web.SockSite(self._runner, sock, backlog=4096).start()

    async def close(self) -> None:
        """Close every websocket and stop the server."""
        await self.gateway.close_all(code=1001)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    @property
    def port(self) -> int:
        if self._port is None:
            raise FakeDiscordError("the fake is not started (use `async with FakeDiscord()`)")
        return self._port

    @property
    def api_base(self) -> str:
        """What `discord.http.Route.BASE` must be set to."""
        return f"http://{self._host}:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        """What `discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY` must be set to."""
        return f"ws://{self._host}:{self.port}/ws"

    # -- shaping the world ------------------------------------------------------------------

    def add_user(self, username: str) -> FakeUser:
        """A (human) user; they become a guild member when added or when they interact."""
        return self.world.add_user(username)

    def add_guild(
        self,
        name: str = "Test Server",
        *,
        owner: FakeUser | None = None,
        channels: Iterable[str] = ("general",),
        bot_permissions: Any = DEFAULT_BOT,
        everyone_permissions: Any = DEFAULT_EVERYONE,
        locale: str = "en-US",
    ) -> FakeGuild:
        """A guild with the bot in it: @everyone, the bot's managed role, owner, text channels.

        If the bot is connected, it receives GUILD_CREATE (a guild join).
        """
        guild = self.world.add_guild(
            name,
            owner=owner,
            channel_names=tuple(channels),
            bot_permissions=as_bits(bot_permissions),
            everyone_permissions=as_bits(everyone_permissions),
            locale=locale,
        )
        self.dispatch_to_guild(guild.id, "GUILD_CREATE", lambda: guild.to_payload(initial=False))
        return guild

    def add_guilds(
        self, count: int, *, prefix: str = "Server", channels_per_guild: int = 1
    ) -> list[FakeGuild]:
        """Many small guilds at once (for GUILD_CREATE benchmarks); all share one owner."""
        owner = self.world.add_user(f"{prefix.lower()}-owner")
        names = tuple(f"channel-{i}" for i in range(channels_per_guild))
        return [self.add_guild(f"{prefix} {i}", owner=owner, channels=names) for i in range(count)]

    def add_channel(self, guild: GuildRef, name: str, *, kind: int = TEXT_CHANNEL) -> FakeChannel:
        """A channel (text by default); the bot receives CHANNEL_CREATE."""
        found = self.guild(guild)
        channel = self.world.add_channel(found, name, kind=kind)
        self.dispatch_to_guild(found.id, "CHANNEL_CREATE", channel.to_payload)
        return channel

    def add_role(self, guild: GuildRef, name: str, permissions: Any) -> FakeRole:
        found = self.guild(guild)
        role = self.world.add_role(found, name, as_bits(permissions))
        self.dispatch_to_guild(
            found.id,
            "GUILD_ROLE_CREATE",
            lambda: {"guild_id": str(found.id), "role": role.to_payload()},
        )
        return role

    def add_member(
        self,
        guild: GuildRef,
        user: FakeUser | str,
        *,
        roles: Iterable[FakeRole] = (),
        permissions: Any = None,
    ) -> FakeUser:
        """Make `user` (or a new user of that name) a member of `guild`.

        `permissions` is a shortcut: the member gets a role of their own with those bits,
        e.g. `permissions=Perm.MANAGE_GUILD` for a server manager.
        """
        found = self.guild(guild)
        if isinstance(user, str):
            user = self.world.add_user(user)
        role_list = list(roles)
        if permissions is not None:
            role_list.append(self.add_role(found, f"{user.username}-role", permissions))
        member = self.world.add_member(found, user, role_list)
        self._announce_member(found, member)
        return user

    def _announce_member(self, guild: FakeGuild, member: FakeMember) -> None:
        self.dispatch_to_guild(
            guild.id,
            "GUILD_MEMBER_ADD",
            lambda: {**member.to_payload(), "guild_id": str(guild.id)},
        )

    def set_bot_permissions(
        self,
        channel: ChannelRef,
        *,
        view: bool | None = None,
        send: bool | None = None,
        embed_links: bool | None = None,
    ) -> None:
        """Allow (True), deny (False) or inherit (None) permissions for the bot in a channel,
        through a member overwrite; the bot receives CHANNEL_UPDATE."""
        found = self.channel(channel)
        allow = deny = 0
        for wanted, bit in (
            (view, Perm.VIEW_CHANNEL),
            (send, Perm.SEND_MESSAGES),
            (embed_links, Perm.EMBED_LINKS),
        ):
            if wanted is True:
                allow |= bit
            elif wanted is False:
                deny |= bit
        found.set_overwrite(self.bot_user.id, 1, allow=allow, deny=deny)
        self.dispatch_to_guild(found.guild_id, "CHANNEL_UPDATE", found.to_payload)

    def revoke_bot_permissions(self, channel: ChannelRef) -> None:
        """The bot still sees the channel but may not post: posts get 403 code 50013."""
        self.set_bot_permissions(channel, send=False)

    def delete_channel(self, channel: ChannelRef) -> None:
        """Delete a channel: the bot receives CHANNEL_DELETE; later posts get 404 code 10003."""
        found = self.channel(channel)
        found.deleted = True
        self.dispatch_to_guild(found.guild_id, "CHANNEL_DELETE", found.to_payload)

    def remove_guild(self, guild: GuildRef) -> None:
        """The bot is removed from a guild: GUILD_DELETE; from now on the guild answers 404
        10004 and its channels 403 50001 (Missing Access), as on Discord."""
        found = self.guild(guild)
        self.dispatch_to_guild(found.id, "GUILD_DELETE", {"id": str(found.id)})
        found.removed = True

    def set_guild_unavailable(self, guild: GuildRef) -> None:
        """A Discord outage for one guild: GUILD_DELETE with `unavailable: true` (the bot keeps
        the guild but marks it unavailable); `add_guild`-style GUILD_CREATE ends it via
        `set_guild_available`."""
        found = self.guild(guild)
        self.dispatch_to_guild(found.id, "GUILD_DELETE", {"id": str(found.id), "unavailable": True})

    def set_guild_available(self, guild: GuildRef) -> None:
        """End an outage: GUILD_CREATE with `unavailable: false` (discord.py: guild_available)."""
        found = self.guild(guild)
        self.dispatch_to_guild(found.id, "GUILD_CREATE", lambda: found.to_payload(initial=True))

    def guild(self, ref: GuildRef | None = None) -> FakeGuild:
        """A guild by object or id; with no argument, the first guild."""
        if ref is None:
            for guild in self.world.guilds.values():
                if not guild.removed:
                    return guild
            raise FakeDiscordError("no guild yet: call fake.add_guild() first")
        guild_id = ref.id if isinstance(ref, FakeGuild) else int(ref)
        guild = self.world.guilds.get(guild_id)
        if guild is None:
            raise FakeDiscordError(f"unknown guild {ref!r}")
        return guild

    def channel(self, ref: ChannelRef) -> FakeChannel:
        channel_id = ref.id if isinstance(ref, FakeChannel) else int(ref)
        channel = self.world.channels.get(channel_id)
        if channel is None:
            raise FakeDiscordError(f"unknown channel {ref!r}")
        return channel

    def user(self, ref: UserRef) -> FakeUser:
        user_id = ref.id if isinstance(ref, FakeUser) else int(ref)
        user = self.world.users.get(user_id)
        if user is None:
            raise FakeDiscordError(f"unknown user {ref!r}")
        return user

    # -- gateway events ---------------------------------------------------------------------

    def dispatch_to_guild(
        self,
        guild_id: int,
        event: str,
        data: Any,
        *,
        intent: int | None = None,
        on_sent: Callable[[], None] | None = None,
    ) -> int:
        """Send a DISPATCH to the session(s) whose shard owns the guild and that have the
        intent the event needs (`intent`, else Discord's for that event); `data` may be a
        callable building the payload (only called if someone will receive it).
        Returns how many sessions got it."""
        if intent is None:
            intent = EVENT_INTENTS.get(event)
        sessions = [
            s
            for s in self.gateway.sessions_for_guild(guild_id)
            if intent is None or s.intents & intent
        ]
        if sessions and callable(data):
            data = data()
        for session in sessions:
            session.dispatch(event, data, on_sent)
        return len(sessions)

    def emit(self, event: str, data: Any, *, guild: GuildRef | None = None) -> int:
        """Send any gateway event, to the guild's shard or (no guild) to every session."""
        if guild is not None:
            return self.dispatch_to_guild(self.guild(guild).id, event, data)
        for session in self.gateway.sessions.values():
            session.dispatch(event, data)
        return len(self.gateway.sessions)

    async def disconnect(self, code: int = 4000) -> None:
        """Drop every websocket; discord.py reconnects and RESUMEs (the fake replays)."""
        await self.gateway.close_all(code=code)

    def request_reconnect(self) -> None:
        """Send op 7 RECONNECT to every connection."""
        self.gateway.send_op(RECONNECT, None)

    @property
    def identifies(self) -> list[dict[str, Any]]:
        """Every IDENTIFY payload received (token removed), in order."""
        return [p["d"] for p in self.gateway.received if p.get("op") == 2]

    @property
    def sessions(self) -> list[GatewaySession]:
        return list(self.gateway.sessions.values())

    def privileged_intents_requested(self) -> bool:
        """Whether any IDENTIFY asked for GUILD_MEMBERS, GUILD_PRESENCES or MESSAGE_CONTENT."""
        return any(int(d.get("intents") or 0) & PRIVILEGED_INTENTS for d in self.identifies)

    # -- acting as users --------------------------------------------------------------------

    def slash(
        self,
        *args: Any,
        options: dict[str, Any] | None = None,
        guild: GuildRef | None = None,
        channel: ChannelRef | None = None,
        user: UserRef | None = None,
        locale: str = "en-US",
    ) -> InteractionRun:
        """Invoke a slash command as a user: `fake.slash("timeline", options={...})` or
        `fake.slash(guild, channel, user, "dailypost set", options={...})`.

        Sub-commands are written with spaces. Guild, channel and user default to the first
        guild, its first text channel and its owner. Await the result for the callback.

        Raises:
            FakeDiscordError: the command or an option is unknown, a required option is
                missing, a value is one the Discord client would refuse, or no gateway
                session can receive the interaction.
        """
        name, found_guild, found_channel, found_user = self._target(args, guild, channel, user)
        parts = name.strip().lstrip("/").split()
        command = self.commands.find(parts[0], found_guild.id)
        data = command_data(self.world, found_guild, command, parts[1:], options or {})
        return self._send_interaction(
            APPLICATION_COMMAND, found_guild, found_channel, found_user, name, data, locale
        )

    def start_autocomplete(
        self,
        name: str,
        *,
        focused: str,
        value: str = "",
        options: dict[str, Any] | None = None,
        guild: GuildRef | None = None,
        channel: ChannelRef | None = None,
        user: UserRef | None = None,
        locale: str = "en-US",
    ) -> InteractionRun:
        """Send an autocomplete interaction for option `focused` with the text `value`."""
        _, found_guild, found_channel, found_user = self._target((name,), guild, channel, user)
        parts = name.strip().lstrip("/").split()
        command = self.commands.find(parts[0], found_guild.id)
        data = command_data(
            self.world,
            found_guild,
            command,
            parts[1:],
            {**(options or {}), focused: value},
            focused=focused,
        )
        return self._send_interaction(
            AUTOCOMPLETE, found_guild, found_channel, found_user, name, data, locale
        )

    async def autocomplete(
        self,
        name: str,
        *,
        focused: str,
        value: str = "",
        timeout: float = DEFAULT_TIMEOUT,
        **kwargs: Any,
    ) -> list[dict[str, Any]]:
        """The choices the bot offers while a user types `value` into option `focused`."""
        run = self.start_autocomplete(name, focused=focused, value=value, **kwargs)
        await run.wait_response(timeout)
        return run.choices

    def click(
        self,
        message: FakeMessage | int,
        custom_id: str,
        user: UserRef | None = None,
        *,
        values: list[str] | None = None,
        locale: str = "en-US",
    ) -> InteractionRun:
        """Click a button (or choose `values` in a select menu) on a message the bot sent.

        Raises:
            FakeDiscordError: unknown message, or no enabled component with that custom_id.
        """
        found = (
            message if isinstance(message, FakeMessage) else self.world.messages.get(int(message))
        )
        if found is None or found.deleted:
            raise FakeDiscordError(f"unknown message {message!r}")
        component = find_component(found, custom_id)
        channel = self.channel(found.channel_id)
        guild = self.guild(channel.guild_id)
        clicker = self._member_user(guild, user)
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": component["type"]}
        if component["type"] != 2:
            data["values"] = list(values or [])
        run = self._send_interaction(
            MESSAGE_COMPONENT, guild, channel, clicker, custom_id, data, locale, message=found
        )
        return run

    def submit_modal(
        self,
        run: InteractionRun,
        values: dict[str, str],
        user: UserRef | None = None,
        *,
        locale: str = "en-US",
    ) -> InteractionRun:
        """Fill in and submit the modal the bot opened in answer to `run`.

        Raises:
            FakeDiscordError: the bot did not answer `run` with a modal, or `values` names a
                field the modal does not have.
        """
        if run.response_type != 9 or not run.response_data:
            raise FakeDiscordError(f"interaction {run.name!r} was not answered with a modal")
        modal = run.response_data
        components, filled = _fill_modal(modal.get("components") or [], values)
        unknown = set(values) - filled
        if unknown:
            raise FakeDiscordError(
                f"modal {modal.get('custom_id')!r} has no field(s) {sorted(unknown)}"
            )
        channel = self.channel(run.channel_id)
        guild = self.guild(channel.guild_id)
        submitter = self.user(user) if user is not None else run.user
        data = {"custom_id": modal["custom_id"], "components": components}
        return self._send_interaction(
            MODAL_SUBMIT,
            guild,
            channel,
            self._member_user(guild, submitter),
            str(modal["custom_id"]),
            data,
            locale,
            message=run.message,
        )

    def _target(
        self,
        args: tuple[Any, ...],
        guild: GuildRef | None,
        channel: ChannelRef | None,
        user: UserRef | None,
    ) -> tuple[str, FakeGuild, FakeChannel, FakeUser]:
        if len(args) == 4:
            guild, channel, user, name = args
        elif len(args) == 1:
            (name,) = args
        else:
            raise FakeDiscordError(
                "call slash(name, ...) or slash(guild, channel, user, name, ...)"
            )
        if guild is None and channel is not None:
            guild = self.channel(channel).guild_id
        found_guild = self.guild(guild)
        if channel is None:
            text = found_guild.text_channels
            if not text:
                raise FakeDiscordError(f"guild {found_guild.name!r} has no text channel")
            found_channel = text[0]
        else:
            found_channel = self.channel(channel)
        return str(name), found_guild, found_channel, self._member_user(found_guild, user)

    def _member_user(self, guild: FakeGuild, user: UserRef | None) -> FakeUser:
        """The acting user (the owner by default), made a member of the guild if needed."""
        found = self.user(user if user is not None else guild.owner_id)
        if found.id not in guild.members:
            member = self.world.add_member(guild, found)
            self._announce_member(guild, member)
        return found

    def _send_interaction(
        self,
        kind: int,
        guild: FakeGuild,
        channel: FakeChannel,
        user: FakeUser,
        name: str,
        data: dict[str, Any],
        locale: str,
        *,
        message: FakeMessage | None = None,
    ) -> InteractionRun:
        if not self.gateway.sessions_for_guild(guild.id):
            raise FakeDiscordError(
                f"no gateway session receives guild {guild.id}: is the bot connected "
                f"(await fake.wait_ready()) and does its shard own this guild?"
            )
        interaction_id = self.ids.next()
        token = new_token()
        payload = base_payload(
            self.world,
            interaction_id=interaction_id,
            token=token,
            kind=kind,
            application_id=self.application_id,
            guild=guild,
            channel=channel,
            user=user,
            locale=locale,
        )
        payload["data"] = data
        if message is not None:
            payload["message"] = message.to_payload()
        run = InteractionRun(
            id=interaction_id,
            token=token,
            kind=kind,
            guild_id=guild.id,
            channel_id=channel.id,
            user=user,
            name=name,
            payload=payload,
            notifier=self.notifier,
            message=message,
        )
        self.runs.append(run)
        self.runs_by_token[token] = run

        def sent() -> None:
            run.sent_at = time.perf_counter()

        self.dispatch_to_guild(guild.id, "INTERACTION_CREATE", payload, on_sent=sent)
        return run

    # -- waiting ----------------------------------------------------------------------------

    async def wait_ready(
        self, shards: int = 1, *, timeout: float = DEFAULT_TIMEOUT
    ) -> list[GatewaySession]:
        """Wait until `shards` sessions got READY and all their initial GUILD_CREATEs were
        written to the socket. (discord.py fires on_ready a `guild_ready_timeout` later.)"""
        return await self.notifier.wait_for(
            lambda: (
                done
                if len(done := [s for s in self.sessions if s.guilds_sent_at is not None]) >= shards
                else None
            ),
            timeout=timeout,
            what=f"{shards} gateway session(s) to be READY",
        )

    async def wait_commands_synced(
        self, guild: GuildRef | None = None, *, count: int = 1, timeout: float = DEFAULT_TIMEOUT
    ) -> list[dict[str, Any]]:
        """Wait for the `count`-th bulk overwrite of the global (or a guild's) commands;
        returns the commands then registered."""
        scope = None if guild is None else self.guild(guild).id
        await self.notifier.wait_for(
            lambda: self.commands.sync_count(scope) >= count,
            timeout=timeout,
            what=f"{count} command sync(s) for {'global' if scope is None else scope}",
        )
        return self.commands.list(scope)

    def messages(
        self, channel: ChannelRef | None = None, *, kinds: Iterable[str] | None = None
    ) -> list[FakeMessage]:
        """Messages (not deleted) in a channel, or everywhere, oldest first.

        `kinds` filters: "channel" (POST /channels/{id}/messages), "response" (interaction
        responses) and "followup".
        """
        wanted = set(kinds) if kinds is not None else None
        if channel is None:
            pool: Iterable[FakeMessage] = self.world.messages.values()
        else:
            pool = self.world.channel_messages.get(self.channel(channel).id, [])
        return [m for m in pool if not m.deleted and (wanted is None or m.kind in wanted)]

    async def wait_for_message(
        self,
        channel: ChannelRef,
        *,
        check: Callable[[FakeMessage], bool] | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        kinds: Iterable[str] = ("channel",),
    ) -> FakeMessage:
        """The first message the bot posted in `channel` (already there or still to come)
        that satisfies `check`. By default only channel posts count, not interaction replies."""
        kinds = tuple(kinds)

        def found() -> FakeMessage | None:
            for message in self.messages(channel, kinds=kinds):
                if check is None or check(message):
                    return message
            return None

        return await self.notifier.wait_for(
            found,
            timeout=timeout,
            what=f"a message in channel {channel!r}",
            topic=("channel", self.channel(channel).id),
        )

    async def wait_for_messages(
        self,
        count: int,
        channel: ChannelRef | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        kinds: Iterable[str] = ("channel",),
    ) -> list[FakeMessage]:
        """The first `count` posts in `channel` (or anywhere), once there are that many."""
        kinds = tuple(kinds)

        def enough() -> list[FakeMessage] | None:
            found = self.messages(channel, kinds=kinds)
            return found[:count] if len(found) >= count else None

        return await self.notifier.wait_for(
            enough, timeout=timeout, what=f"{count} message(s) in {channel or 'any channel'}"
        )

    async def gateway_idle(self) -> None:
        """Wait until every queued gateway event has been written to its socket."""
        loop = asyncio.get_running_loop()
        flushed = []
        for conn in list(self.gateway.connections):
            done: asyncio.Future[None] = loop.create_future()
            conn.enqueue(None, lambda d=done: d.done() or d.set_result(None))
            flushed.append(done)
        if flushed:
            await asyncio.wait_for(asyncio.gather(*flushed), DEFAULT_TIMEOUT)

    # -- faults -----------------------------------------------------------------------------

    def inject_429(
        self, route_pattern: str, retry_after: float = 0.2, count: int = 1, global_: bool = False
    ) -> Injected429:
        """Answer the next `count` requests matching `route_pattern` (fnmatch over
        "METHOD /path", e.g. "POST /channels/*/messages") with a retryable 429."""
        return self.limits.inject(route_pattern, retry_after, count, global_)

    def rate_limit(self, per_second: float | None) -> None:
        """Global rate limit over bot-authenticated requests (None turns it off); requests
        over the limit get a 429 with `global: true`. Interaction endpoints are exempt."""
        self.limits.global_per_second = per_second

    @property
    def count_429(self) -> int:
        """How many 429s the fake has answered (injected, global and bucket)."""
        return self.limits.count_429

    # -- diagnostics ------------------------------------------------------------------------

    def _timeout_hint(self) -> str:
        hints = []
        if self.unhandled:
            routes = sorted({r.key for r in self.unhandled})
            hints.append(f" Unimplemented routes the bot called: {routes}.")
        errors = [r for r in self.requests if r.status is not None and r.status >= 400]
        if errors:
            last = errors[-1]
            hints.append(f" Last error answered: {last.status} to {last.key}: {last.response}.")
        if not self.gateway.live_sessions():
            hints.append(" No gateway connection is open.")
        return "".join(hints)


def _fill_modal(
    components: list[dict[str, Any]], values: dict[str, str]
) -> tuple[list[dict[str, Any]], set[str]]:
    """The submitted components of a modal: text inputs carry `values` (or their default)."""
    filled: set[str] = set()

    def submit(component: dict[str, Any]) -> dict[str, Any]:
        if component.get("type") == 1:
            return {"type": 1, "components": [submit(c) for c in component.get("components") or []]}
        if component.get("type") == 18 and "component" in component:
            return {"type": 18, "component": submit(component["component"])}
        custom_id = component.get("custom_id")
        if component.get("type") == 4:
            filled.add(str(custom_id))
            value = values.get(str(custom_id), component.get("value") or "")
            return {"type": 4, "custom_id": custom_id, "value": value}
        return {"type": component.get("type"), "custom_id": custom_id, "values": []}

    submitted = [submit(c) for c in components]
    return submitted, filled
