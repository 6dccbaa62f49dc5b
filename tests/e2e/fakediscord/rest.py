"""The REST API under /api/v10: a small router and the request pipeline.

Pipeline for every request: record it, match a route (unknown routes answer 404 and are kept
in `FakeDiscord.unhandled`), check the `Authorization: Bot ...` header on bot routes, apply
rate limits, run the handler, answer JSON with `Content-Type: application/json` exactly
(discord.py parses a body as JSON only then). The handlers live in `resource_endpoints` and
`interaction_endpoints`.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import errors
from .calls import NO_CONTENT, Call, Handler, Upload
from .errors import APIError
from .interaction_endpoints import InteractionEndpoints
from .recording import RecordedRequest
from .resource_endpoints import ResourceEndpoints

if TYPE_CHECKING:
    from .server import FakeDiscord


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
    """The router and pipeline of the fake's REST API."""

    def __init__(self, fake: FakeDiscord, prefix: str) -> None:
        self.fake = fake
        self.world = fake.world
        self.prefix = prefix
        self.routes: list[Route] = []
        ResourceEndpoints(fake).register(self.add)
        InteractionEndpoints(fake).register(self.add)

    def add(self, method: str, template: str, handler: Handler, *, bot_auth: bool = True) -> None:
        """Route `METHOD template` (e.g. "/channels/{channel_id}") to `handler`; `bot_auth`
        routes need the bot token and count toward the global rate limit."""
        self.routes.append(Route(method, template, compile_template(template), handler, bot_auth))

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
