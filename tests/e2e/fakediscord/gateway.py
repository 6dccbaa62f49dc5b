"""The gateway websocket: HELLO, IDENTIFY/READY, GUILD_CREATE, heartbeats, RESUME, sharding.

A `GatewaySession` outlives its websocket so that RESUME can replay the events the client
missed; a `Connection` is one websocket with an ordered outbound queue (events are written by
one task, so their order is the order they were dispatched in).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import time
import zlib
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

if TYPE_CHECKING:
    from .server import FakeDiscord

log = logging.getLogger(__name__)

DISPATCH, HEARTBEAT, IDENTIFY, PRESENCE_UPDATE, VOICE_STATE = 0, 1, 2, 3, 4
RESUME, RECONNECT, REQUEST_MEMBERS, INVALID_SESSION, HELLO, HEARTBEAT_ACK = 6, 7, 8, 9, 10, 11

GUILDS_INTENT = 1 << 0
GUILD_MEMBERS_INTENT = 1 << 1
GUILD_PRESENCES_INTENT = 1 << 8
GUILD_MESSAGES_INTENT = 1 << 9
MESSAGE_CONTENT_INTENT = 1 << 15
PRIVILEGED_INTENTS = GUILD_MEMBERS_INTENT | GUILD_PRESENCES_INTENT | MESSAGE_CONTENT_INTENT
# The intent a session needs to receive an event (events not listed need none).
EVENT_INTENTS = {
    "GUILD_CREATE": GUILDS_INTENT,
    "GUILD_UPDATE": GUILDS_INTENT,
    "GUILD_DELETE": GUILDS_INTENT,
    "GUILD_ROLE_CREATE": GUILDS_INTENT,
    "GUILD_ROLE_UPDATE": GUILDS_INTENT,
    "GUILD_ROLE_DELETE": GUILDS_INTENT,
    "CHANNEL_CREATE": GUILDS_INTENT,
    "CHANNEL_UPDATE": GUILDS_INTENT,
    "CHANNEL_DELETE": GUILDS_INTENT,
    "GUILD_MEMBER_ADD": GUILD_MEMBERS_INTENT,
    "GUILD_MEMBER_UPDATE": GUILD_MEMBERS_INTENT,
    "GUILD_MEMBER_REMOVE": GUILD_MEMBERS_INTENT,
    "MESSAGE_CREATE": GUILD_MESSAGES_INTENT,
    "MESSAGE_UPDATE": GUILD_MESSAGES_INTENT,
    "MESSAGE_DELETE": GUILD_MESSAGES_INTENT,
}
YIELD_EVERY = 200  # yield to the event loop while queueing thousands of GUILD_CREATEs


@dataclass(eq=False)
class Connection:
    """One websocket; frames go out in queue order, zlib-stream compressed if asked."""

    ws: web.WebSocketResponse
    compress: bool
    queue: asyncio.Queue[tuple[str | None, Callable[[], None] | None]] = field(
        default_factory=asyncio.Queue
    )
    _zlib: Any = None
    closed_by_fake: bool = False

    def __post_init__(self) -> None:
        if self.compress:
            self._zlib = zlib.compressobj()

    def enqueue(self, frame: str | None, on_sent: Callable[[], None] | None = None) -> None:
        self.queue.put_nowait((frame, on_sent))

    async def write_forever(self) -> None:
        while True:
            frame, on_sent = await self.queue.get()
            if frame is not None:
                if self._zlib is not None:
                    data = self._zlib.compress(frame.encode()) + self._zlib.flush(zlib.Z_SYNC_FLUSH)
                    await self.ws.send_bytes(data)
                else:
                    await self.ws.send_str(frame)
            if on_sent is not None:
                on_sent()


@dataclass(eq=False)
class GatewaySession:
    """An identified session: its shard, intents, sequence and replay buffer."""

    session_id: str
    shard_id: int
    shard_count: int
    intents: int
    identify: dict[str, Any]
    seq: int = 0
    connection: Connection | None = None
    replay: deque[tuple[int, str]] = field(default_factory=deque)
    ready_at: float | None = None  # perf_counter when READY was written
    guilds_sent_at: float | None = None  # perf_counter when the last initial GUILD_CREATE was

    def owns_guild(self, guild_id: int) -> bool:
        return (guild_id >> 22) % self.shard_count == self.shard_id

    def dispatch(self, event: str, data: Any, on_sent: Callable[[], None] | None = None) -> None:
        self.seq += 1
        frame = json.dumps({"op": DISPATCH, "t": event, "s": self.seq, "d": data})
        self.replay.append((self.seq, frame))
        if self.connection is not None:
            self.connection.enqueue(frame, on_sent)


def frame(op: int, data: Any) -> str:
    return json.dumps({"op": op, "d": data, "s": None, "t": None})


class Gateway:
    """Accepts gateway websockets for one FakeDiscord."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.sessions: dict[str, GatewaySession] = {}
        self.connections: set[Connection] = set()
        self.received: list[dict[str, Any]] = []  # every payload the client sent, token removed

    def live_sessions(self) -> list[GatewaySession]:
        return [s for s in self.sessions.values() if s.connection is not None]

    def sessions_for_guild(self, guild_id: int) -> list[GatewaySession]:
        return [s for s in self.sessions.values() if s.owns_guild(guild_id)]

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        conn = Connection(ws, compress=request.query.get("compress") == "zlib-stream")
        self.connections.add(conn)
        writer = asyncio.create_task(conn.write_forever())
        session: GatewaySession | None = None
        conn.enqueue(frame(HELLO, {"heartbeat_interval": self.fake.heartbeat_interval_ms}))
        try:
            async for message in ws:
                if message.type is not WSMsgType.TEXT:
                    if message.type is WSMsgType.BINARY:
                        await ws.close(code=4002, message=b"Decode error")
                    continue
                payload = json.loads(message.data)
                self._record(payload)
                op = payload.get("op")
                if op == HEARTBEAT:
                    conn.enqueue(frame(HEARTBEAT_ACK, None))
                elif op == IDENTIFY:
                    session = await self._identify(conn, payload.get("d") or {})
                elif op == RESUME:
                    session = self._resume(conn, payload.get("d") or {})
                elif op == REQUEST_MEMBERS and session is not None:
                    self._members_chunk(session, payload.get("d") or {})
        finally:
            if session is not None and session.connection is conn:
                session.connection = None
                if ws.close_code in (1000, 1001) and not conn.closed_by_fake:
                    # A client closing with 1000/1001 ends its session (Discord's rule):
                    # it can no longer be resumed and receives nothing more.
                    self.sessions.pop(session.session_id, None)
            self.connections.discard(conn)
            writer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await writer
            self.fake.notifier.notify()
        return ws

    def _record(self, payload: dict[str, Any]) -> None:
        data = payload.get("d")
        if isinstance(data, dict) and "token" in data:
            payload = {**payload, "d": {k: v for k, v in data.items() if k != "token"}}
        self.received.append(payload)

    async def _identify(self, conn: Connection, data: dict[str, Any]) -> GatewaySession | None:
        shard_id, shard_count = data.get("shard") or (0, 1)
        intents = int(data.get("intents") or 0)
        if intents & PRIVILEGED_INTENTS and not self.fake.allow_privileged_intents:
            await conn.ws.close(code=4014, message=b"Disallowed intent(s).")
            return None
        identify = {k: v for k, v in data.items() if k != "token"}
        session = GatewaySession(
            secrets.token_hex(16),
            int(shard_id),
            int(shard_count),
            intents,
            identify,
            replay=deque(maxlen=self.fake.replay_buffer),
        )
        session.connection = conn
        # A new IDENTIFY replaces the disconnected sessions of the same shard, so events are
        # no longer queued for a client that gave up resuming them.
        for old in list(self.sessions.values()):
            same_shard = (old.shard_id, old.shard_count) == (session.shard_id, session.shard_count)
            if same_shard and old.connection is None:
                del self.sessions[old.session_id]
        self.sessions[session.session_id] = session
        fake = self.fake
        guilds = [
            g for g in fake.world.guilds.values() if not g.removed and session.owns_guild(g.id)
        ]
        ready = {
            "v": 10,
            "user": fake.bot_user.to_payload(),
            "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
            "session_id": session.session_id,
            "session_type": "normal",
            "resume_gateway_url": fake.gateway_url,
            "shard": [session.shard_id, session.shard_count],
            "application": {"id": str(fake.application_id), "flags": fake.application_flags},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": [],
            "user_settings": {},
            "auth": {},
            "_trace": ["fake-discord"],
        }

        def ready_written() -> None:
            session.ready_at = time.perf_counter()
            fake.notifier.notify()

        session.dispatch("READY", ready, ready_written)
        # Without the GUILDS intent Discord lists the guilds in READY but never sends them.
        for index, guild in enumerate(guilds if intents & GUILDS_INTENT else [], 1):
            session.dispatch("GUILD_CREATE", guild.to_payload(initial=True))
            if index % YIELD_EVERY == 0:
                await asyncio.sleep(0)

        def guilds_written() -> None:
            session.guilds_sent_at = time.perf_counter()
            fake.notifier.notify()

        conn.enqueue(None, guilds_written)
        return session

    def _resume(self, conn: Connection, data: dict[str, Any]) -> GatewaySession | None:
        session = self.sessions.get(str(data.get("session_id")))
        seq = data.get("seq") or 0
        oldest = session.replay[0][0] if session and session.replay else 1
        if session is None or seq + 1 < oldest:
            conn.enqueue(frame(INVALID_SESSION, False))
            return None
        session.connection = conn
        for event_seq, event_frame in session.replay:
            if event_seq > seq:
                conn.enqueue(event_frame)
        session.dispatch("RESUMED", {"_trace": ["fake-discord"]})
        self.fake.notifier.notify()
        return session

    def _members_chunk(self, session: GatewaySession, data: dict[str, Any]) -> None:
        guild = self.fake.world.guilds.get(int(data.get("guild_id") or 0))
        if guild is None:
            return
        wanted = {int(u) for u in data.get("user_ids") or []}
        members = [
            m.to_payload() for uid, m in guild.members.items() if not wanted or uid in wanted
        ]
        limit = int(data.get("limit") or 0)
        if limit:
            members = members[:limit]
        chunk: dict[str, Any] = {
            "guild_id": str(guild.id),
            "members": members,
            "chunk_index": 0,
            "chunk_count": 1,
        }
        if data.get("nonce"):
            chunk["nonce"] = data["nonce"]
        session.dispatch("GUILD_MEMBERS_CHUNK", chunk)

    async def close_all(self, code: int = 4000) -> None:
        """Close every websocket (sessions stay resumable unless the code says otherwise)."""
        for conn in list(self.connections):
            conn.closed_by_fake = True
            await conn.ws.close(code=code, message=b"closed by the fake")

    def send_op(self, op: int, data: Any) -> None:
        for conn in list(self.connections):
            conn.enqueue(frame(op, data))
