"""The REST API under /api/v10: a small router, the request pipeline and the handlers.

Pipeline for every request: record it, match a route (unknown routes answer 404 and are kept
in `FakeDiscord.unhandled`), check the `Authorization: Bot ...` header on bot routes, apply
rate limits, run the handler, answer JSON with `Content-Type: application/json` exactly
(discord.py parses a body as JSON only then).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import errors, validation
from .errors import APIError
from .gateway import GUILD_MESSAGES_INTENT
from .interactions import (
    APPLICATION_COMMAND,
    AUTOCOMPLETE,
    MESSAGE_COMPONENT,
    MODAL_SUBMIT,
    InteractionRun,
)
from .permissions import Perm
from .recording import RecordedRequest
from .state import EPHEMERAL_FLAG, LOADING_FLAG, FakeMessage

if TYPE_CHECKING:
    from .server import FakeDiscord

Handler = Callable[["Call"], Awaitable[Any]]

PONG, CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE, UPDATE_MESSAGE = 1, 4, 5, 6, 7
AUTOCOMPLETE_RESULT, MODAL = 8, 9
CHAT_INPUT_COMMAND_MESSAGE = 20
NO_CONTENT = object()

# Which callback types each interaction type accepts.
ALLOWED_CALLBACKS = {
    APPLICATION_COMMAND: {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, MODAL},
    MESSAGE_COMPONENT: {
        CHANNEL_MESSAGE,
        DEFERRED_CHANNEL_MESSAGE,
        DEFERRED_UPDATE,
        UPDATE_MESSAGE,
        MODAL,
    },
    AUTOCOMPLETE: {AUTOCOMPLETE_RESULT},
    MODAL_SUBMIT: {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE, UPDATE_MESSAGE},
}


@dataclass(slots=True)
class Call:
    """What a handler gets: path parameters, body, query and the recorded request."""

    params: dict[str, str]
    body: Any
    query: dict[str, str]
    record: RecordedRequest
    uploads: dict[int, Upload] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)  # uploaded bytes by filename

    def id(self, name: str) -> int:
        try:
            return int(self.params[name])
        except ValueError:
            raise errors.invalid_form_body(
                {name: {"_errors": [{"code": "NUMBER_TYPE_COERCE", "message": "Not a snowflake."}]}}
            ) from None


@dataclass(frozen=True, slots=True)
class Route:
    method: str
    template: str
    pattern: re.Pattern[str]
    handler: Handler
    bot_auth: bool  # needs "Authorization: Bot ..."; counts toward the global rate limit

    @property
    def key(self) -> str:
        return f"{self.method} {self.template}"


def compile_template(template: str) -> re.Pattern[str]:
    regex = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template))
    return re.compile(f"^{regex}$")


class RestApi:
    """All routes of the fake; handlers read and change `fake.world`."""

    def __init__(self, fake: FakeDiscord, prefix: str) -> None:
        self.fake = fake
        self.world = fake.world
        self.prefix = prefix
        self.routes: list[Route] = []
        self._register()

    def add(self, method: str, template: str, handler: Handler, *, bot_auth: bool = True) -> None:
        self.routes.append(Route(method, template, compile_template(template), handler, bot_auth))

    def _register(self) -> None:
        add = self.add
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
        add(
            "POST",
            "/interactions/{interaction_id}/{interaction_token}/callback",
            self.interaction_callback,
            bot_auth=False,
        )
        hook = "/webhooks/{application_id}/{interaction_token}"
        add("GET", hook + "/messages/@original", self.get_original, bot_auth=False)
        add("PATCH", hook + "/messages/@original", self.edit_original, bot_auth=False)
        add("DELETE", hook + "/messages/@original", self.delete_original, bot_auth=False)
        add("POST", hook, self.create_followup, bot_auth=False)
        add("GET", hook + "/messages/{message_id}", self.get_followup, bot_auth=False)
        add("PATCH", hook + "/messages/{message_id}", self.edit_followup, bot_auth=False)
        add("DELETE", hook + "/messages/{message_id}", self.delete_followup, bot_auth=False)
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

    # -- pipeline ---------------------------------------------------------------------------

    def match(self, method: str, path: str) -> tuple[Route, dict[str, str]] | None:
        for route in self.routes:
            if route.method != method:
                continue
            found = route.pattern.match(path)
            if found:
                return route, found.groupdict()
        return None

    async def handle(self, request: web.Request) -> web.Response:
        received_at = time.perf_counter()
        path = request.path[len(self.prefix) :] or "/"
        body, uploads = await _read_body(request)
        headers = {k: v for k, v in request.headers.items() if k.lower() != "authorization"}
        record = RecordedRequest(
            method=request.method,
            path=path,
            query=dict(request.query),
            json=body,
            headers=headers,
            received_at=received_at,
            authorized=request.headers.get("Authorization", "").startswith("Bot "),
        )
        self.fake.requests.append(record)
        extra_headers: dict[str, str] = {}
        topics: list[tuple[str, int]] = []
        try:
            matched = self.match(request.method, path)
            if matched is None:
                self.fake.unhandled.append(record)
                raise APIError(
                    404,
                    0,
                    f"404: Not Found (the fake Discord does not implement {request.method} {path})",
                )
            route, params = matched
            record.route = route.key
            topics = self._topics(params)
            if route.bot_auth and not record.authorized:
                raise errors.unauthorized()
            major = (
                params.get("channel_id")
                or params.get("guild_id")
                or params.get("interaction_token")
                or ""
            )
            extra_headers = self.fake.limits.check(
                record.key, route.key, major, counts_toward_global=route.bot_auth
            )
            call = Call(params, body, record.query, record, uploads)
            if uploads and isinstance(body, dict):
                # An interaction callback carries its message in "data".
                target = body.get("data") if route.template.endswith("/callback") else body
                if isinstance(target, dict):
                    call.files = self._attach(target, uploads)
            result = await route.handler(call)
            status = 200
        except APIError as exc:
            status, result = exc.status, exc.body()
            extra_headers = {**extra_headers, **exc.headers}
            self._note_rejection(path, exc)
        record.status = status if result is not NO_CONTENT else 204
        record.response = None if result is NO_CONTENT else result
        self.fake.notifier.notify(*topics)
        if result is NO_CONTENT:
            return web.Response(status=204, headers=extra_headers)
        return web.Response(
            status=status,
            # bytes, not text=: aiohttp would append "; charset=utf-8" to a text body's
            # Content-Type, and discord.py only parses exactly "application/json".
            body=json.dumps(result).encode(),
            headers={"Content-Type": "application/json", **extra_headers},
        )

    def _topics(self, params: dict[str, str]) -> list[tuple[str, int]]:
        """Whom to wake after this request: waiters on its interaction and its channel."""
        topics: list[tuple[str, int]] = []
        run = self.fake.runs_by_token.get(params.get("interaction_token", ""))
        if run is not None:
            topics += [run.topic, ("channel", run.channel_id)]
        channel_id = params.get("channel_id", "")
        if channel_id.isdigit():
            topics.append(("channel", int(channel_id)))
        return topics

    def _note_rejection(self, path: str, exc: APIError) -> None:
        """Attach 4xx answers to the interaction they concern, so tests can see them."""
        parts = path.split("/")
        token = None
        if len(parts) > 3 and parts[1] in ("interactions", "webhooks"):
            token = parts[3]
        run = self.fake.runs_by_token.get(token or "")
        if run is not None:
            run.rejected.append(exc)

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

    # -- interactions -----------------------------------------------------------------------

    def _run_for_callback(self, call: Call) -> InteractionRun:
        run = self.fake.runs_by_token.get(call.params["interaction_token"])
        if run is None or run.id != call.id("interaction_id"):
            raise errors.unknown_interaction()
        return run

    def _run_for_webhook(self, call: Call) -> InteractionRun:
        run = self.fake.runs_by_token.get(call.params["interaction_token"])
        if run is None or call.id("application_id") != self.fake.application_id:
            raise errors.unknown_webhook()
        return run

    async def interaction_callback(self, call: Call) -> Any:
        run = self._run_for_callback(call)
        body = call.body if isinstance(call.body, dict) else {}
        callback_type = body.get("type")
        data = body.get("data") or {}
        if run.response_type is not None:
            raise errors.already_acknowledged()
        timeout = self.fake.interaction_timeout
        sent_at = run.sent_at
        if (
            timeout is not None
            and sent_at is not None
            and call.record.received_at - sent_at > timeout
        ):
            raise errors.unknown_interaction()
        if callback_type not in ALLOWED_CALLBACKS.get(run.kind, set()):
            raise errors.invalid_form_body(
                {
                    "type": {
                        "_errors": [
                            {
                                "code": "INTERACTION_CALLBACK_TYPE_INVALID",
                                "message": f"Callback type {callback_type!r} is not valid "
                                f"for interaction type {run.kind}.",
                            }
                        ]
                    }
                }
            )
        self._validate_callback(callback_type, data)

        message: FakeMessage | None = None
        if callback_type == CHANNEL_MESSAGE:
            message = self._new_message(run, data, kind="response", files=call.files)
            run.original = message
        elif callback_type == DEFERRED_CHANNEL_MESSAGE:
            message = self._new_message(run, {}, kind="response")
            message.flags = LOADING_FLAG | (int(data.get("flags") or 0) & EPHEMERAL_FLAG)
            run.original = message
        elif callback_type in (UPDATE_MESSAGE, DEFERRED_UPDATE):
            run.original = run.message
            if callback_type == UPDATE_MESSAGE and run.message is not None:
                run.message.apply(data, editing=True, files=call.files)
            message = run.message if callback_type == UPDATE_MESSAGE else None

        run.response_type = callback_type
        run.response_data = data
        run.callback_at = call.record.received_at
        interaction: dict[str, Any] = {
            "id": str(run.id),
            "type": run.kind,
            "activity_instance_id": None,
            "response_message_id": str(message.id) if message else None,
            "response_message_loading": callback_type == DEFERRED_CHANNEL_MESSAGE,
            "response_message_ephemeral": bool(message and message.ephemeral),
        }
        answer: dict[str, Any] = {"interaction": interaction}
        if message is not None:
            answer["resource"] = {"type": callback_type, "message": message.to_payload()}
        elif callback_type in (DEFERRED_UPDATE, AUTOCOMPLETE_RESULT, MODAL):
            answer["resource"] = {"type": callback_type}
        return answer

    @staticmethod
    def _validate_callback(callback_type: int, data: dict[str, Any]) -> None:
        if callback_type in (CHANNEL_MESSAGE, UPDATE_MESSAGE):
            problems = validation.message_errors(data)
            if problems:
                raise errors.invalid_form_body({"data": problems})
            if callback_type == CHANNEL_MESSAGE and validation.is_empty_message(data):
                raise errors.empty_message()
        elif callback_type == AUTOCOMPLETE_RESULT:
            problems = validation.autocomplete_errors(data)
            if problems:
                raise errors.invalid_form_body(problems)
        elif callback_type == MODAL:
            problems = validation.modal_errors(data)
            if problems:
                raise errors.invalid_form_body(problems)

    def _attach(self, body: dict[str, Any], uploads: dict[int, Upload]) -> dict[str, bytes]:
        """Turn `attachments` entries that refer to uploaded `files[n]` into the attachment
        objects Discord returns; the uploaded bytes are returned by filename."""
        if not isinstance(body.get("attachments", []), list):
            return {}
        entries = body.get("attachments") or [
            {"id": index, "filename": upload.filename} for index, upload in uploads.items()
        ]
        files: dict[str, bytes] = {}
        materialized = []
        for entry in entries:
            raw_id = str(entry.get("id", ""))
            # Small ids index the uploaded files; snowflakes are attachments kept from before.
            upload = uploads.get(int(raw_id)) if raw_id.isdigit() and len(raw_id) < 10 else None
            if upload is None:
                materialized.append(entry)
                continue
            attachment_id = self.world.ids.next()
            filename = entry.get("filename") or upload.filename
            url = f"https://cdn.fake.invalid/attachments/{attachment_id}/{filename}"
            materialized.append(
                {
                    "id": str(attachment_id),
                    "filename": filename,
                    "size": len(upload.data),
                    "url": url,
                    "proxy_url": url,
                    "content_type": upload.content_type,
                    "description": entry.get("description"),
                }
            )
            files[filename] = upload.data
        body["attachments"] = materialized
        return files

    def _new_message(
        self,
        run: InteractionRun,
        body: dict[str, Any],
        *,
        kind: str,
        files: dict[str, bytes] | None = None,
    ) -> FakeMessage:
        message = FakeMessage(
            id=self.world.ids.next(),
            channel_id=run.channel_id,
            guild_id=run.guild_id,
            author=self.fake.bot_user,
            kind=kind,
            interaction_id=run.id,
            application_id=self.fake.application_id,
            message_type=CHAT_INPUT_COMMAND_MESSAGE if run.kind == APPLICATION_COMMAND else 0,
        )
        message.apply(body, editing=False, files=files)
        message.flags = int(body.get("flags") or 0)
        self.world.store_message(message)
        return message

    def _original(self, run: InteractionRun) -> FakeMessage:
        if run.original is None or run.original.deleted:
            raise errors.unknown_message()
        return run.original

    async def get_original(self, call: Call) -> Any:
        return self._original(self._run_for_webhook(call)).to_payload()

    async def edit_original(self, call: Call) -> Any:
        run = self._run_for_webhook(call)
        message = self._original(run)
        body = call.body or {}
        problems = validation.message_errors(body)
        if problems:
            raise errors.invalid_form_body(problems)
        message.apply(body, editing=True, files=call.files)
        message.flags &= ~LOADING_FLAG
        return message.to_payload()

    async def delete_original(self, call: Call) -> Any:
        self._original(self._run_for_webhook(call)).deleted = True
        return NO_CONTENT

    async def create_followup(self, call: Call) -> Any:
        run = self._run_for_webhook(call)
        if run.response_type is None:
            # Discord only creates the webhook once the interaction is acknowledged.
            raise errors.unknown_webhook()
        body = call.body or {}
        problems = validation.message_errors(body)
        if problems:
            raise errors.invalid_form_body(problems)
        if validation.is_empty_message(body):
            raise errors.empty_message()
        original = run.original
        if (
            run.response_type == DEFERRED_CHANNEL_MESSAGE
            and original is not None
            and original.loading
        ):
            # The first followup after a "thinking" defer replaces the placeholder.
            # Its ephemerality was fixed by the defer: a well-known surprise for bot authors.
            original.apply(body, editing=True, files=call.files)
            original.flags &= ~LOADING_FLAG
            message = original
        else:
            message = self._new_message(run, body, kind="followup", files=call.files)
        run.followups.append(message)
        if call.query.get("wait", "").lower() in ("1", "true"):
            return message.to_payload()
        return NO_CONTENT

    def _followup(self, call: Call) -> FakeMessage:
        run = self._run_for_webhook(call)
        message_id = call.id("message_id")
        for message in [*run.followups, *([run.original] if run.original else [])]:
            if message.id == message_id and not message.deleted:
                return message
        raise errors.unknown_message()

    async def get_followup(self, call: Call) -> Any:
        return self._followup(call).to_payload()

    async def edit_followup(self, call: Call) -> Any:
        message = self._followup(call)
        problems = validation.message_errors(call.body or {})
        if problems:
            raise errors.invalid_form_body(problems)
        message.apply(call.body or {}, editing=True, files=call.files)
        message.flags &= ~LOADING_FLAG
        return message.to_payload()

    async def delete_followup(self, call: Call) -> Any:
        self._followup(call).deleted = True
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
        self.fake.dispatch_to_guild(
            channel.guild_id, "MESSAGE_CREATE", payload, intent=GUILD_MESSAGES_INTENT
        )
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


@dataclass(frozen=True, slots=True)
class Upload:
    """A file sent as `files[n]` in a multipart request."""

    filename: str
    content_type: str | None
    data: bytes


async def _read_body(request: web.Request) -> tuple[Any, dict[int, Upload]]:
    """The JSON body, or the `payload_json` of a multipart body plus its `files[n]` parts."""
    if not request.can_read_body:
        return None, {}
    content_type = request.headers.get("Content-Type", "")
    if content_type.startswith("multipart/"):
        form = await request.post()
        body = json.loads(str(form.get("payload_json") or "{}"))
        uploads: dict[int, Upload] = {}
        for key, value in form.items():
            index = re.fullmatch(r"files\[(\d+)\]", key)
            if index and isinstance(value, web.FileField):
                uploads[int(index.group(1))] = Upload(
                    value.filename, value.content_type, value.file.read()
                )
        return body, uploads
    raw = await request.text()
    if not raw:
        return None, {}
    try:
        return json.loads(raw), {}
    except ValueError:
        return raw, {}
