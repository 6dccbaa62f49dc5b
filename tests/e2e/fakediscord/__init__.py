"""A wire-level fake Discord for end-to-end tests and benchmarks (see docs/testing.md).

async with FakeDiscord() as fake:
    guild = fake.add_guild()
    async with running_bot(bot, fake):
        run = await fake.slash("timeline", options={"topic": "space"})
        assert run.original.embeds
"""

from .commands import CommandRegistry, CommandSync
from .errors import APIError, FakeDiscordError, FakeTimeout
from .harness import FAKE_TOKEN, point_discord_py_at, running_bot
from .interactions import InteractionRun
from .limits import RateLimits
from .permissions import DEFAULT_BOT, DEFAULT_EVERYONE, Perm
from .recording import RecordedRequest, RequestLog
from .server import FakeDiscord
from .state import (
    CATEGORY_CHANNEL,
    NEWS_CHANNEL,
    TEXT_CHANNEL,
    VOICE_CHANNEL,
    FakeChannel,
    FakeGuild,
    FakeMember,
    FakeMessage,
    FakeRole,
    FakeUser,
)

__all__ = [
    "CATEGORY_CHANNEL",
    "DEFAULT_BOT",
    "DEFAULT_EVERYONE",
    "FAKE_TOKEN",
    "NEWS_CHANNEL",
    "TEXT_CHANNEL",
    "VOICE_CHANNEL",
    "APIError",
    "CommandRegistry",
    "CommandSync",
    "FakeChannel",
    "FakeDiscord",
    "FakeDiscordError",
    "FakeGuild",
    "FakeMember",
    "FakeMessage",
    "FakeRole",
    "FakeTimeout",
    "FakeUser",
    "InteractionRun",
    "Perm",
    "RateLimits",
    "RecordedRequest",
    "RequestLog",
    "point_discord_py_at",
    "running_bot",
]
