"""The fake's rule engines without sockets: permissions, rate limits, command registry, ids."""

from __future__ import annotations

import pytest

from tests.e2e.fakediscord import APIError, FakeDiscordError
from tests.e2e.fakediscord.commands import CommandRegistry
from tests.e2e.fakediscord.limits import RateLimits
from tests.e2e.fakediscord.permissions import (
    ALL_PERMISSIONS,
    DEFAULT_EVERYONE,
    Overwrite,
    Perm,
    base_permissions,
    channel_permissions,
)
from tests.e2e.fakediscord.snowflakes import SnowflakeFactory

GUILD, MEMBER, ROLE = 100, 200, 300


def test_owner_and_administrator_get_everything():
    assert base_permissions(is_owner=True, everyone_perms=0, role_perms=[]) == ALL_PERMISSIONS
    admin = base_permissions(is_owner=False, everyone_perms=0, role_perms=[Perm.ADMINISTRATOR])
    assert admin == ALL_PERMISSIONS


def test_overwrites_apply_everyone_then_roles_then_member():
    base = base_permissions(is_owner=False, everyone_perms=DEFAULT_EVERYONE, role_perms=[])
    overwrites = [
        Overwrite(GUILD, 0, deny=Perm.SEND_MESSAGES | Perm.EMBED_LINKS),
        Overwrite(ROLE, 0, allow=Perm.SEND_MESSAGES),
        Overwrite(MEMBER, 1, deny=Perm.EMBED_LINKS | Perm.VIEW_CHANNEL),
    ]

    def perms(role_ids: list[int], ows: list[Overwrite]) -> int:
        return channel_permissions(
            base, guild_id=GUILD, member_id=MEMBER, member_role_ids=role_ids, overwrites=ows
        )

    everyone_only = perms([], overwrites[:1])
    assert not everyone_only & Perm.SEND_MESSAGES
    with_role = perms([ROLE], overwrites[:2])
    assert with_role & Perm.SEND_MESSAGES and not with_role & Perm.EMBED_LINKS
    with_member = perms([ROLE], overwrites)
    assert with_member & Perm.SEND_MESSAGES and not with_member & Perm.VIEW_CHANNEL


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_route_bucket_headers_count_down_and_reset():
    clock = FakeClock()
    limits = RateLimits(bucket_limit=2, bucket_window=1.0, clock=clock)
    first = limits.check(
        "POST /channels/1/messages",
        "POST /channels/{channel_id}/messages",
        "1",
        counts_toward_global=True,
    )
    second = limits.check(
        "POST /channels/1/messages",
        "POST /channels/{channel_id}/messages",
        "1",
        counts_toward_global=True,
    )
    assert (first["X-RateLimit-Remaining"], second["X-RateLimit-Remaining"]) == ("1", "0")
    assert first["X-RateLimit-Bucket"] == second["X-RateLimit-Bucket"]
    # Another channel is another bucket.
    other = limits.check(
        "POST /channels/2/messages",
        "POST /channels/{channel_id}/messages",
        "2",
        counts_toward_global=True,
    )
    assert other["X-RateLimit-Remaining"] == "1"
    with pytest.raises(APIError) as caught:
        limits.check(
            "POST /channels/1/messages",
            "POST /channels/{channel_id}/messages",
            "1",
            counts_toward_global=True,
        )
    assert caught.value.status == 429
    assert caught.value.headers["Via"] and caught.value.body()["global"] is False
    clock.now += 1.0
    again = limits.check(
        "POST /channels/1/messages",
        "POST /channels/{channel_id}/messages",
        "1",
        counts_toward_global=True,
    )
    assert again["X-RateLimit-Remaining"] == "1"


def test_global_limit_spares_interaction_routes_and_says_global():
    clock = FakeClock()
    limits = RateLimits(bucket_limit=100, clock=clock, global_per_second=2)
    for channel in ("1", "2"):
        limits.check(
            f"POST /channels/{channel}/messages", "POST /c", channel, counts_toward_global=True
        )
    limits.check("POST /interactions/1/t/callback", "POST /i", "t", counts_toward_global=False)
    clock.now += 0.25
    with pytest.raises(APIError) as caught:
        limits.check("POST /channels/3/messages", "POST /c", "3", counts_toward_global=True)
    body = caught.value.body()
    assert body["global"] is True and body["retry_after"] == pytest.approx(0.75)
    assert caught.value.headers["X-RateLimit-Global"] == "true"
    assert [r.scope for r in limits.history] == ["global"]


def test_injected_429_hits_only_matching_requests_count_times():
    limits = RateLimits(clock=FakeClock())
    limits.inject("POST /channels/*/messages", retry_after=0.5, count=2, global_=False)
    limits.check("GET /channels/1", "GET /c", "1", counts_toward_global=True)
    for _ in range(2):
        with pytest.raises(APIError) as caught:
            limits.check("POST /channels/1/messages", "POST /m", "1", counts_toward_global=True)
        assert caught.value.body()["retry_after"] == 0.5
    limits.check("POST /channels/1/messages", "POST /m", "1", counts_toward_global=True)
    assert limits.count_429 == 2


def test_overwriting_commands_keeps_ids_and_counts_syncs():
    registry = CommandRegistry(SnowflakeFactory(), application_id=1)
    first = registry.overwrite(None, [{"name": "timeline", "description": "d"}])
    second = registry.overwrite(
        None, [{"name": "timeline", "description": "new"}, {"name": "about", "description": "d"}]
    )
    assert second[0]["id"] == first[0]["id"] and second[0]["description"] == "new"
    assert registry.sync_count() == 2 and registry.sync_count(55) == 0
    registry.overwrite(55, [{"name": "timeline", "description": "guild"}])
    assert registry.find("timeline", 55)["description"] == "guild"
    assert registry.find("about", 55)["description"] == "d"  # global fallback
    with pytest.raises(FakeDiscordError, match="known: about, timeline"):
        registry.find("missing", None)


def test_consecutive_ids_spread_over_shards():
    ids = SnowflakeFactory(worker=1)
    guild_ids = [ids.next() for _ in range(8)]
    assert len(set(guild_ids)) == 8 and guild_ids == sorted(guild_ids)
    assert sorted((g >> 22) % 4 for g in guild_ids) == [0, 0, 1, 1, 2, 2, 3, 3]
    other = SnowflakeFactory(worker=0)
    assert not set(guild_ids) & {other.next() for _ in range(8)}
