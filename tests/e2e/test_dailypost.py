"""/dailypost over the wire: the real bot, discord.py and the fake Discord, with time injected.

The bot's clock is a ManualClock: a test jumps it to the due time and wakes the scheduler,
so nothing waits real minutes.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TypeVar

import pytest

from bot.client import AlmanacBot
from bot.clocks import ManualClock
from bot.daily import PassReport
from bot.facts import Programme
from bot.schedule import Due
from bot.store import Store
from bot.store.servers import (
    PAUSE_CHANNEL_DELETED,
    PAUSE_MISSING_PERMISSIONS,
    STATUS_SENDING,
    STATUS_SENT,
    DailyPosts,
    DailyPostSettings,
    PostRecord,
)
from cogs.dailypost import NOT_A_MANAGER, DailyPostCog
from tests.e2e.fakediscord import FakeChannel, FakeDiscord, FakeGuild, Perm
from tests.e2e.seeded_bot import almanac, settings_for
from tests.scheduler_passes import PassWatcher
from tests.store import factories

# 08:00 in Berlin (CEST) on 1 June 2025; the posts are set for 09:00 Berlin = 07:00 UTC.
START = datetime(2025, 6, 1, 6, 0, tzinfo=UTC)
NINE_BERLIN = datetime(2025, 6, 1, 7, 0, tzinfo=UTC)
POSTS = "POST /channels/*/messages"
T = TypeVar("T")


@dataclass
class World:
    fake: FakeDiscord
    guild: FakeGuild
    history: FakeChannel
    bot: AlmanacBot
    clock: ManualClock
    store: Store
    passes: PassWatcher

    @property
    def cog(self) -> DailyPostCog:
        # load_extension imports the module afresh, so isinstance against this module's
        # DailyPostCog would fail; the name is what identifies it.
        cog = self.bot.get_cog("DailyPost")
        assert cog is not None and type(cog).__name__ == "DailyPostCog"
        return cog  # type: ignore[return-value]

    async def travel(self, when: datetime) -> PassReport:
        """Jump the bot's clock, wake the scheduler (as a settings change would) and wait
        for the pass it makes at that time to finish; returns what the pass did."""
        mark = self.passes.mark()
        self.clock.set(when)
        self.cog.poster.wake()
        return await self.passes.completed_since(mark)

    async def set_daily(self, **options: object) -> str:
        run = await self.fake.slash(
            "dailypost set",
            options={"channel": self.history, "time": "09:00", "timezone": "Europe/Berlin"}
            | options,
        )
        message = await run.wait_original()
        assert message.ephemeral
        return message.content or ""

    async def command(self, name: str, **kwargs: object) -> str:
        run = await self.fake.slash(f"dailypost {name}", **kwargs)
        message = await run.wait_original()
        assert message.ephemeral, f"/dailypost {name} answered publicly"
        return message.content or ""

    async def settled(self, day: date, guild_id: int | None = None) -> PostRecord:
        """The post log row for `day` once the send has been recorded (it lands in the fake
        a moment before the bot writes it down)."""

        async def record() -> PostRecord | None:
            found = await self.cog.posts.record(guild_id or self.guild.id, day)
            return found if found is not None and found.status != STATUS_SENDING else None

        return await eventually(record, f"the post for {day} to be recorded")

    async def paused(self) -> DailyPostSettings:
        """The server's settings once they are paused (the bot handles gateway events such
        as CHANNEL_DELETE in tasks of their own, a moment after they arrive)."""

        async def settings() -> DailyPostSettings | None:
            found = await self.cog.posts.get(self.guild.id)
            return found if found is not None and found.paused_reason is not None else None

        return await eventually(settings, "the daily posts to be paused")

    def posts_in_history(self) -> list:
        return self.fake.messages(self.history, kinds=("channel",))


DAILY = ("cogs.errors", "cogs.dailypost")


def watch_passes(bot: AlmanacBot) -> PassWatcher:
    """A PassWatcher on the running bot's daily-post scheduler."""
    cog = bot.get_cog("DailyPost")
    assert cog is not None and type(cog).__name__ == "DailyPostCog"
    return PassWatcher(cog.poster)  # type: ignore[attr-defined]


# Two day-dated events, and a title and summary that would ping if anything let them.
SAMPLE = factories.facts(
    factories.event("1994-06-01", "Azerbaijan joined the PfP @everyone"),
    factories.event("1997-03-03", "The council first met"),
    programmes=(Programme("PfP", "Partnership for Peace", "A NATO programme."),),
    title="Sample <@&123> @everyone",
    published_on=date(2020, 1, 1),
    author=None,
    source="https://example.org/sample",
)


@pytest.fixture
async def world(tmp_path: Path, fake_discord: FakeDiscord) -> AsyncIterator[World]:
    guild = fake_discord.add_guild("Test Server", channels=("general", "history"))
    history = next(c for c in guild.text_channels if c.name == "history")
    clock = ManualClock(START)
    async with await Store.open(tmp_path / "almanac.db") as store:
        await store.ingest(SAMPLE)
        async with almanac(fake_discord, store, extensions=DAILY, clock=clock) as running:
            bot = running.bot
            yield World(fake_discord, guild, history, bot, clock, store, watch_passes(bot))


async def eventually(check: Callable[[], Awaitable[T | None]], what: str) -> T:
    """`await check()` once it is not None, polled for up to 30 s (generous for busy CI)."""
    for _ in range(3000):
        found = await check()
        if found is not None:
            return found
        await asyncio.sleep(0.01)
    raise AssertionError(f"timed out waiting for {what}")


# -- the happy path --------------------------------------------------------------------------


async def test_set_then_the_post_arrives_at_nine_berlin_time(world: World) -> None:
    reply = await world.set_daily()
    due = int(NINE_BERLIN.timestamp())
    assert f"<t:{due}:F>" in reply and f"<t:{due}:R>" in reply
    assert f"<#{world.history.id}>" in reply
    assert "Europe/Berlin" in reply and "09:00" in reply

    early = await world.travel(NINE_BERLIN - timedelta(minutes=1))
    assert early.handled == 0
    assert world.posts_in_history() == []

    await world.travel(NINE_BERLIN)
    message = await world.fake.wait_for_message(world.history)
    embed = message.embeds[0]
    assert embed["title"] == "On this day: 1 June"
    assert "1994" in embed["description"] and "31 years ago" in embed["description"]
    assert "@everyone" not in embed["description"]  # defused: nobody can be pinged
    assert message.allowed_mentions == {"parse": []}

    assert (await world.settled(date(2025, 6, 1))).message_id == message.id
    # A second wake later the same day posts nothing more.
    later = await world.travel(NINE_BERLIN + timedelta(hours=3))
    assert later.handled == 0
    assert len(world.posts_in_history()) == 1
    status = await world.command("status")
    assert "Daily posts are **on**" in status
    assert f"/{world.history.id}/{message.id}" in status  # the last post, linked
    tomorrow = int((NINE_BERLIN + timedelta(days=1)).timestamp())
    assert f"<t:{tomorrow}:F>" in status


async def test_timezone_autocomplete_offers_iana_names_and_offsets(world: World) -> None:
    choices = await world.fake.autocomplete(
        "dailypost set", focused="timezone", value="baku", options={"channel": world.history}
    )
    assert choices[0]["value"] == "Asia/Baku"
    offset = await world.fake.autocomplete(
        "dailypost set", focused="timezone", value="UTC+4", options={"channel": world.history}
    )
    assert offset[0]["value"] == "UTC+04:00"
    assert len(offset) <= 25


async def test_an_offset_zone_is_explained(world: World) -> None:
    reply = await world.set_daily(timezone="UTC+4")
    assert "UTC+04:00" in reply
    assert "daylight saving" in reply


async def test_bad_time_and_zone_are_explained_and_nothing_is_saved(world: World) -> None:
    reply = await world.set_daily(time="9am")
    assert "HH:MM" in reply
    reply = await world.set_daily(timezone="Mars/Olympus")
    assert "Europe/Berlin" in reply  # says what to type instead
    assert await world.cog.posts.get(world.guild.id) is None


async def test_test_post_is_marked_and_does_not_count_as_todays_post(world: World) -> None:
    await world.set_daily()
    reply = await world.command("test")
    assert "Test post sent" in reply
    test_post = await world.fake.wait_for_message(world.history)
    assert "Test post" in (test_post.content or "")
    assert test_post.embeds[0]["title"].startswith("[Test]")
    assert test_post.allowed_mentions == {"parse": []}
    assert await world.cog.posts.record(world.guild.id, date(2025, 6, 1)) is None

    await world.travel(NINE_BERLIN)
    await world.fake.wait_for_messages(2, world.history)
    real = world.posts_in_history()[1]
    assert "Test post" not in (real.content or "")
    record = await world.settled(date(2025, 6, 1))
    assert record.status == STATUS_SENT
    assert record.message_id == real.id


async def test_test_before_set_explains_how_to_start(world: World) -> None:
    reply = await world.command("test")
    assert "/dailypost set" in reply
    assert world.posts_in_history() == []


async def test_status_before_set_and_after_off(world: World) -> None:
    assert "not set up" in await world.command("status")
    await world.set_daily()
    off = await world.command("off")
    assert "off" in off
    status = await world.command("status")
    assert "**off**" in status
    assert (await world.travel(NINE_BERLIN)).handled == 0
    report = await world.cog.poster.run_due(NINE_BERLIN)
    assert report.handled == 0
    assert world.posts_in_history() == []
    assert "were not on" in await world.command("off")


async def test_archive_fallback_on_an_empty_day(world: World) -> None:
    await world.set_daily()  # next slot: 1 June 09:00
    # The bot "sleeps" until 10 July 09:00 (nothing happened on 10 July): the 1 June slot is
    # long gone and is not posted; 10 July's, due right now, is.
    await world.travel(datetime(2025, 7, 10, 7, 0, tzinfo=UTC))
    message = await world.fake.wait_for_message(world.history)
    assert message.embeds[0]["title"].startswith("From the archive")
    record = await world.settled(date(2025, 7, 10))
    assert record.kind == "archive"
    assert await world.cog.posts.record(world.guild.id, date(2025, 6, 1)) is None
    assert len(world.posts_in_history()) == 1


async def test_a_slow_test_post_is_deferred_then_confirmed(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    await world.set_daily()
    monkeypatch.setattr("cogs.ui.respond.DEFER_AFTER", 0.05)
    composer = world.cog.poster.composer
    compose = composer.compose
    release = asyncio.Event()

    async def slow_compose(*args: object, **kwargs: object) -> object:
        await release.wait()  # e.g. an archive pick on a very large database
        return await compose(*args, **kwargs)

    monkeypatch.setattr(composer, "compose", slow_compose)
    run = await world.fake.slash("dailypost test")
    assert run.response_type == 5  # "thinking..." within Discord's 3 seconds
    release.set()
    await run.wait_until(lambda r: bool(r.followups), what="the confirmation")
    confirmation = world.fake.requests.matching("POST /webhooks/*")[-1].json
    assert confirmation["flags"] == 64
    assert confirmation["content"].startswith("Test post sent")
    assert len(world.posts_in_history()) == 1


async def test_changing_the_time_keeps_the_fallback_chosen_before(world: World) -> None:
    await world.set_daily(fallback="skip")
    reply = await world.set_daily(time="10:00")  # no fallback given this time
    assert "nothing is posted" in reply
    settings = await world.cog.posts.get(world.guild.id)
    assert settings is not None and settings.fallback == "skip"
    assert "archive" in await world.set_daily(fallback="archive")


async def test_test_on_an_empty_day_with_skip_says_nothing_would_be_posted(world: World) -> None:
    await world.set_daily(fallback="skip")
    world.clock.set(datetime(2025, 7, 10, 7, 0, tzinfo=UTC))
    reply = await world.command("test")
    assert "skip" in reply and "nothing was posted" in reply
    assert world.posts_in_history() == []


async def test_test_in_a_channel_the_bot_lost_explains_what_to_fix(world: World) -> None:
    await world.set_daily()
    world.fake.revoke_bot_permissions(world.history)
    await world.fake.gateway_idle()
    reply = await world.command("test")
    assert "Send Messages" in reply
    assert world.posts_in_history() == []


# -- who may use it --------------------------------------------------------------------------


async def test_a_member_without_manage_server_is_refused_by_our_own_check(world: World) -> None:
    # The fake delivers the interaction whatever default_permissions say (as Discord does
    # when an admin overrides the command's permissions), so this is Almanac's own check.
    member = world.fake.add_member(world.guild, "reader")
    for name in ("set", "off", "status", "test"):
        options = (
            {"channel": world.history, "time": "09:00", "timezone": "Europe/Berlin"}
            if name == "set"
            else {}
        )
        run = await world.fake.slash(f"dailypost {name}", options=options, user=member)
        message = await run.wait_original()
        assert message.ephemeral
        assert message.content == NOT_A_MANAGER
    assert await world.cog.posts.get(world.guild.id) is None


async def test_a_member_with_manage_server_may_set_it(world: World) -> None:
    manager = world.fake.add_member(world.guild, "manager", permissions=Perm.MANAGE_GUILD)
    run = await world.fake.slash(
        "dailypost set",
        options={"channel": world.history, "time": "10:30", "timezone": "Asia/Baku"},
        user=manager,
    )
    message = await run.wait_original()
    assert "Daily posts are on" in (message.content or "")
    settings = await world.cog.posts.get(world.guild.id)
    assert settings is not None and settings.updated_by == manager.id


async def test_a_bot_owner_from_owner_ids_may_manage_without_manage_server(
    world: World,
) -> None:
    owner = world.fake.add_member(world.guild, "operator")
    stranger = world.fake.add_member(world.guild, "reader")
    world.bot.settings = replace(world.bot.settings, owner_ids=frozenset({owner.id}))
    run = await world.fake.slash("dailypost status", user=stranger)
    assert (await run.wait_original()).content == NOT_A_MANAGER
    run = await world.fake.slash(
        "dailypost set",
        options={"channel": world.history, "time": "10:30", "timezone": "Asia/Baku"},
        user=owner,
    )
    assert "Daily posts are on" in ((await run.wait_original()).content or "")
    settings = await world.cog.posts.get(world.guild.id)
    assert settings is not None and settings.updated_by == owner.id


async def test_the_command_is_hidden_from_non_managers_by_default(world: World) -> None:
    command = next(c for c in world.fake.commands.list(None) if c["name"] == "dailypost")
    assert int(command["default_member_permissions"]) == int(Perm.MANAGE_GUILD)
    assert command.get("contexts") in (None, [0])


@pytest.mark.parametrize(
    ("denied", "named"),
    [
        ({"send": False}, "Send Messages"),
        ({"embed_links": False}, "Embed Links"),
        ({"view": False}, "View Channel"),
    ],
)
async def test_set_refuses_a_channel_the_bot_cannot_post_in(
    world: World, denied: dict[str, bool], named: str
) -> None:
    world.fake.set_bot_permissions(world.history, **denied)
    await world.fake.gateway_idle()
    reply = await world.set_daily()
    assert named in reply
    assert "Nothing was saved" in reply
    assert await world.cog.posts.get(world.guild.id) is None


# -- faults ----------------------------------------------------------------------------------


async def test_a_deleted_channel_pauses_and_status_says_how_to_fix_it(world: World) -> None:
    await world.set_daily()
    world.fake.delete_channel(world.history)
    await world.paused()  # at once, when Discord says the channel is gone
    assert (await world.travel(NINE_BERLIN)).handled == 0  # so it is not due at nine
    assert (await world.travel(NINE_BERLIN + timedelta(days=1))).handled == 0
    assert world.fake.requests.matching(POSTS) == []  # never even tried
    settings = await world.cog.posts.get(world.guild.id)
    assert settings is not None and settings.paused_reason == PAUSE_CHANNEL_DELETED
    status = await world.command("status")
    assert "**paused**" in status
    assert "deleted" in status and "/dailypost set" in status


async def test_a_channel_deleted_while_offline_gets_one_404_then_pauses(world: World) -> None:
    await world.set_daily()
    # Deleted without the bot hearing of it (as if it happened while the bot was offline).
    world.history.deleted = True
    await world.travel(NINE_BERLIN)
    await world.cog.poster.run_due(NINE_BERLIN)
    for days in (1, 2):
        await world.travel(NINE_BERLIN + timedelta(days=days))
        await world.cog.poster.run_due(NINE_BERLIN + timedelta(days=days))
    attempts = world.fake.requests.matching(POSTS)
    assert [r.status for r in attempts] == [404]  # one try, no retry storm
    settings = await world.cog.posts.get(world.guild.id)
    assert settings is not None and settings.paused_reason == PAUSE_CHANNEL_DELETED
    status = await world.command("status")
    assert "**paused**" in status and "10003" in status

    # Picking another channel resumes.
    general = next(c for c in world.guild.text_channels if c.name == "general")
    reply = await world.set_daily(channel=general)
    assert "Daily posts are on" in reply
    assert "**on**" in await world.command("status")


async def test_lost_permission_pauses_once_and_names_the_permission(world: World) -> None:
    await world.set_daily()
    world.fake.revoke_bot_permissions(world.history)
    await world.fake.gateway_idle()
    await world.travel(NINE_BERLIN)
    await world.cog.poster.run_due(NINE_BERLIN)
    await world.cog.poster.run_due(NINE_BERLIN + timedelta(days=1))
    assert world.fake.requests.matching(POSTS, status=403) == []
    settings = await world.cog.posts.get(world.guild.id)
    assert settings is not None and settings.paused_reason == PAUSE_MISSING_PERMISSIONS
    status = await world.command("status")
    assert "Send Messages" in status and "/dailypost set" in status


async def test_a_429_is_waited_out_not_treated_as_a_failure(world: World) -> None:
    await world.set_daily()
    world.fake.inject_429(POSTS, retry_after=0.2, count=1)
    await world.travel(NINE_BERLIN)
    await world.fake.wait_for_message(world.history)
    statuses = [r.status for r in world.fake.requests.matching(POSTS)]
    assert statuses == [429, 200]
    record = await world.settled(date(2025, 6, 1))
    assert record.status == STATUS_SENT
    settings = await world.cog.posts.get(world.guild.id)
    assert settings is not None and settings.running
    assert len(world.posts_in_history()) == 1


async def test_many_servers_due_together_all_post_once_within_the_global_limit(
    world: World,
) -> None:
    fake = world.fake
    fake.rate_limit(50)
    guilds = [fake.add_guild(f"Server {n}", channels=("history",)) for n in range(40)]

    async def all_joined() -> bool | None:
        return all(world.bot.get_guild(g.id) is not None for g in guilds) or None

    await eventually(all_joined, "the bot to see the new servers")
    for guild in guilds:
        run = await fake.slash(
            "dailypost set",
            guild=guild,
            options={"channel": guild.text_channels[0], "time": "09:00", "timezone": "UTC"},
        )
        assert "Daily posts are on" in ((await run.wait_original()).content or "")
    await world.travel(datetime(2025, 6, 1, 9, 0, tzinfo=UTC))
    posted = await fake.wait_for_messages(len(guilds), timeout=10)
    assert len(posted) == len(guilds)
    per_channel = {g.id: len(fake.messages(g.text_channels[0], kinds=("channel",))) for g in guilds}
    assert set(per_channel.values()) == {1}
    assert fake.count_429 == 0


async def test_a_sharded_process_posts_only_for_servers_on_its_shards(
    tmp_path: Path, fake_discord: FakeDiscord
) -> None:
    fake = fake_discord
    by_shard: dict[int, FakeGuild] = {}
    while len(by_shard) < 2:
        guild = fake.add_guild(f"Server {len(fake.world.guilds)}", channels=("history",))
        by_shard.setdefault((guild.id >> 22) % 2, guild)
    clock = ManualClock(START)
    async with await Store.open(tmp_path / "almanac.db") as store:
        await store.ingest(SAMPLE)
        posts = DailyPosts(store.conn)
        for guild in by_shard.values():  # both servers configured in the shared database
            await posts.save(
                guild.id,
                channel_id=guild.text_channels[0].id,
                post_time=time(9, 0),
                timezone="Europe/Berlin",
                fallback="archive",
                next_due=Due(NINE_BERLIN, date(2025, 6, 1)),
                now=START,
            )
        shard_0 = settings_for(fake, shard_count=2, shard_ids=(0,))
        async with almanac(fake, store, extensions=DAILY, clock=clock, settings=shard_0) as running:
            passes = watch_passes(running.bot)
            mark = passes.mark()
            clock.set(NINE_BERLIN)
            running.bot.get_cog("DailyPost").poster.wake()  # type: ignore[union-attr]
            report = await passes.completed_since(mark)
            assert report.sent == [by_shard[0].id]
            mine, other = by_shard[0].text_channels[0], by_shard[1].text_channels[0]
            assert len(fake.messages(mine, kinds=("channel",))) == 1
            assert fake.messages(other, kinds=("channel",)) == []
        assert await posts.record(by_shard[1].id, date(2025, 6, 1)) is None


async def test_a_restart_after_the_post_does_not_post_again(
    tmp_path: Path, fake_discord: FakeDiscord
) -> None:
    fake = fake_discord
    guild = fake.add_guild("Test Server", channels=("history",))
    channel = guild.text_channels[0]
    clock = ManualClock(START)
    async with await Store.open(tmp_path / "almanac.db") as store:
        await store.ingest(SAMPLE)
        for run in range(2):  # the same database, two processes one after the other
            async with almanac(fake, store, extensions=DAILY, clock=clock) as running:
                cog = running.bot.get_cog("DailyPost")
                assert cog is not None
                passes = watch_passes(running.bot)
                if run == 0:
                    await fake.wait_commands_synced()
                    answer = await fake.slash(
                        "dailypost set",
                        options={"channel": channel, "time": "09:00", "timezone": "Europe/Berlin"},
                    )
                    await answer.wait_original()
                mark = passes.mark()
                clock.set(NINE_BERLIN + timedelta(minutes=run))
                cog.poster.wake()  # type: ignore[attr-defined]
                report = await passes.completed_since(mark)
                # The first process posts; the second finds the day settled.
                assert len(report.sent) == (1 if run == 0 else 0)
                assert len(fake.messages(channel, kinds=("channel",))) == 1
        assert len(fake.messages(channel, kinds=("channel",))) == 1
