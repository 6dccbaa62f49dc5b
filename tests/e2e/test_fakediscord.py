"""The fake Discord, exercised by an unmodified discord.py client over real sockets."""

from __future__ import annotations

import asyncio
import io
import json
import sys
from pathlib import Path
from typing import Any

import aiohttp
import discord
import pytest
from discord import app_commands
from discord.ext import commands

from tests.e2e.fakediscord import (
    FakeDiscord,
    FakeDiscordError,
    FakeGuild,
    FakeTimeout,
    Perm,
    running_bot,
)

NO_MENTIONS = discord.AllowedMentions.none()
REPO_ROOT = Path(__file__).resolve().parents[2]
FRUITS = ["apple", "apricot", "banana", "peach", "pear", "plum"]


class CounterView(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=60)
        self.count = 0

    @discord.ui.button(label="Count", custom_id="count")
    async def count_button(
        self, interaction: discord.Interaction, button: discord.ui.Button[CounterView]
    ) -> None:
        invoker = interaction.message and interaction.message.interaction_metadata
        if invoker is None or invoker.user.id != interaction.user.id:
            await interaction.response.send_message("not yours", ephemeral=True)
            return
        self.count += 1
        await interaction.response.edit_message(content=f"clicked {self.count}", view=self)


class NoteModal(discord.ui.Modal, title="Note"):
    text: discord.ui.TextInput[NoteModal] = discord.ui.TextInput(label="Text", custom_id="text")

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"noted: {self.text.value}", ephemeral=True)


@app_commands.command(description="Say hello with an embed")
async def hello(interaction: discord.Interaction, who: str) -> None:
    embed = discord.Embed(title=f"Hello {who}", description="from the minimal bot")
    await interaction.response.send_message(embed=embed, allowed_mentions=NO_MENTIONS)


@app_commands.command(description="Defer, edit the original, then follow up")
async def slow(interaction: discord.Interaction) -> None:
    await interaction.response.defer(thinking=True)
    await interaction.edit_original_response(content="done", allowed_mentions=NO_MENTIONS)
    await interaction.followup.send("details", ephemeral=True, allowed_mentions=NO_MENTIONS)


@app_commands.command(description="Pick a fruit")
async def pick(interaction: discord.Interaction, fruit: str) -> None:
    await interaction.response.send_message(f"you picked {fruit}", allowed_mentions=NO_MENTIONS)


@pick.autocomplete("fruit")
async def pick_fruit(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    return [app_commands.Choice(name=f, value=f) for f in FRUITS if f.startswith(current)]


@app_commands.command(description="A message with a button")
async def buttons(interaction: discord.Interaction) -> None:
    await interaction.response.send_message("clicked 0", view=CounterView())


@app_commands.command(description="Open a modal")
async def note(interaction: discord.Interaction) -> None:
    await interaction.response.send_modal(NoteModal())


settings = app_commands.Group(name="settings", description="Server settings")


class FruitSelect(discord.ui.View):
    @discord.ui.select(
        custom_id="fruit-menu", options=[discord.SelectOption(label=f) for f in FRUITS[:3]]
    )
    async def chosen(
        self, interaction: discord.Interaction, select: discord.ui.Select[FruitSelect]
    ) -> None:
        await interaction.response.edit_message(content=f"chose {select.values[0]}", view=None)


@app_commands.command(description="A select menu")
async def menu(interaction: discord.Interaction) -> None:
    await interaction.response.send_message("choose", view=FruitSelect())


@settings.command(name="zone", description="Autocomplete inside a sub-command")
async def settings_zone(interaction: discord.Interaction, zone: str) -> None:
    await interaction.response.send_message(zone, ephemeral=True)


@settings_zone.autocomplete("zone")
async def zone_choices(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    zones = ["Europe/Berlin", "Europe/Paris", "America/New_York"]
    return [app_commands.Choice(name=z, value=z) for z in zones if current.lower() in z.lower()]


@settings.command(name="set", description="Typed options")
async def settings_set(
    interaction: discord.Interaction,
    channel: discord.TextChannel,
    count: app_commands.Range[int, 1, 10],
    member: discord.Member,
) -> None:
    await interaction.response.send_message(
        f"{type(channel).__name__}:{channel.id} {type(count).__name__}:{count} "
        f"{type(member).__name__}:{member.id}",
        allowed_mentions=NO_MENTIONS,
    )


class MiniBot(commands.Bot):
    """The smallest bot that uses what Almanac uses."""

    def __init__(self, **options: Any) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=discord.Intents.default(),
            guild_ready_timeout=0.05,
            **options,
        )
        self.joined: asyncio.Queue[discord.Guild] = asyncio.Queue()
        self.removed: asyncio.Queue[discord.Guild] = asyncio.Queue()

    async def setup_hook(self) -> None:
        for command in (hello, slow, pick, buttons, note, settings, menu):
            self.tree.add_command(command)
        await self.tree.sync()

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        """No 5-second pause between shards in tests."""

    async def on_guild_join(self, guild: discord.Guild) -> None:
        await self.joined.put(guild)

    async def on_guild_remove(self, guild: discord.Guild) -> None:
        await self.removed.put(guild)


async def test_login_ready_and_guild_create(fake_discord: FakeDiscord, fake_guild: FakeGuild):
    bot = MiniBot()
    async with running_bot(bot, fake_discord):
        assert [g.id for g in bot.guilds] == [fake_guild.id]
        guild = bot.get_guild(fake_guild.id)
        assert guild is not None and guild.me is not None
        general = guild.text_channels[0]
        assert general.name == "general"
        assert general.permissions_for(guild.me).send_messages
        identify = fake_discord.identifies[0]
        assert "token" not in identify
        assert not fake_discord.privileged_intents_requested()
        assert [r.key for r in fake_discord.requests][:2] == [
            "GET /users/@me",
            "GET /oauth2/applications/@me",
        ]
        assert all("Authorization" not in r.headers for r in fake_discord.requests)
        assert fake_discord.unhandled == []


async def test_command_sync_is_recorded(fake_discord: FakeDiscord, fake_guild: FakeGuild):
    async with running_bot(MiniBot(), fake_discord):
        commands_now = await fake_discord.wait_commands_synced()
    assert fake_discord.commands.sync_count() == 1
    assert {c["name"] for c in commands_now} == {
        "hello",
        "slow",
        "pick",
        "buttons",
        "note",
        "settings",
        "menu",
    }
    assert all(int(c["id"]) > 0 for c in commands_now)


async def test_slash_command_round_trip(fake_discord: FakeDiscord, fake_guild: FakeGuild):
    async with running_bot(MiniBot(), fake_discord):
        run = await fake_discord.slash("hello", options={"who": "Ada"})
    assert run.response_type == 4
    assert run.original is not None
    assert run.original.embeds[0]["title"] == "Hello Ada"
    assert run.original.allowed_mentions == {"parse": []}
    assert run.latency is not None and run.latency >= 0


async def test_defer_then_edit_original_then_followup(
    fake_discord: FakeDiscord, fake_guild: FakeGuild
):
    async with running_bot(MiniBot(), fake_discord):
        run = await fake_discord.slash("slow")
        assert run.response_type == 5
        original = await run.wait_original()
        followups = await run.wait_followups(1)
    assert original.content == "done" and not original.loading
    assert followups[0].content == "details" and followups[0].ephemeral
    assert followups[0].id != original.id


async def test_autocomplete_returns_the_bots_choices(
    fake_discord: FakeDiscord, fake_guild: FakeGuild
):
    async with running_bot(MiniBot(), fake_discord):
        choices = await fake_discord.autocomplete("pick", focused="fruit", value="ap")
    assert [c["name"] for c in choices] == ["apple", "apricot"]


async def test_button_click_updates_the_message(fake_discord: FakeDiscord, fake_guild: FakeGuild):
    alice = fake_discord.add_member(fake_guild, "alice")
    async with running_bot(MiniBot(), fake_discord):
        run = await fake_discord.slash("buttons", user=alice)
        message = run.original
        assert message is not None
        first = await fake_discord.click(message, "count", alice)
        second = await fake_discord.click(message, "count", alice)
        stranger = await fake_discord.click(message, "count")  # the owner, not the invoker
    assert first.response_type == second.response_type == 7
    assert message.content == "clicked 2"
    assert first.payload["member"]["user"]["id"] == str(alice.id)
    assert first.payload["message"]["interaction_metadata"]["user"]["id"] == str(alice.id)
    assert stranger.response_type == 4
    assert stranger.original is not None and stranger.original.ephemeral
    with pytest.raises(FakeDiscordError):
        fake_discord.click(message, "no-such-button")


async def test_select_menu_and_subcommand_autocomplete(
    fake_discord: FakeDiscord, fake_guild: FakeGuild
):
    async with running_bot(MiniBot(), fake_discord):
        run = await fake_discord.slash("menu")
        assert run.original is not None
        chosen = await fake_discord.click(run.original, "fruit-menu", values=["banana"])
        zones = await fake_discord.autocomplete("settings zone", focused="zone", value="europe")
    assert chosen.payload["data"] == {
        "custom_id": "fruit-menu",
        "component_type": 3,
        "values": ["banana"],
    }
    assert run.original.content == "chose banana" and run.original.components == []
    assert [z["value"] for z in zones] == ["Europe/Berlin", "Europe/Paris"]


async def test_modal_submit(fake_discord: FakeDiscord, fake_guild: FakeGuild):
    async with running_bot(MiniBot(), fake_discord):
        opened = await fake_discord.slash("note")
        assert opened.response_type == 9
        submitted = await fake_discord.submit_modal(opened, {"text": "remember"})
    assert submitted.original is not None
    assert submitted.original.content == "noted: remember"
    assert submitted.original.ephemeral


async def test_subcommand_with_typed_options(fake_discord: FakeDiscord, fake_guild: FakeGuild):
    bob = fake_discord.add_member(fake_guild, "bob")
    news = fake_guild.text_channels[1]
    async with running_bot(MiniBot(), fake_discord):
        run = await fake_discord.slash(
            fake_guild,
            fake_guild.text_channels[0],
            fake_guild.owner_id,
            "settings set",
            options={"channel": news, "count": 3, "member": bob},
        )
        with pytest.raises(FakeDiscordError, match="outside"):
            fake_discord.slash(
                "settings set", options={"channel": news, "count": 11, "member": bob}
            )
    assert run.original is not None
    assert run.original.content == f"TextChannel:{news.id} int:3 Member:{bob.id}"


async def test_overlong_embed_is_rejected_like_discord(
    fake_discord: FakeDiscord, fake_guild: FakeGuild
):
    async with running_bot(MiniBot(), fake_discord) as bot:
        channel = bot.get_channel(fake_guild.text_channels[0].id)
        assert isinstance(channel, discord.TextChannel)
        with pytest.raises(discord.HTTPException) as caught:
            await channel.send(embed=discord.Embed(title="x" * 257))
    assert caught.value.status == 400
    assert caught.value.code == 50035
    assert "embeds.0.title" in caught.value.text
    assert fake_discord.messages(fake_guild.text_channels[0]) == []


async def test_injected_429_is_waited_out_and_retried(
    fake_discord: FakeDiscord, fake_guild: FakeGuild
):
    fake_discord.inject_429("POST /channels/*/messages", retry_after=0.05)
    async with running_bot(MiniBot(), fake_discord) as bot:
        channel = bot.get_channel(fake_guild.text_channels[0].id)
        assert isinstance(channel, discord.TextChannel)
        sent = await channel.send("after the limit", allowed_mentions=NO_MENTIONS)
    posts = fake_discord.requests.matching("POST /channels/*/messages")
    assert [r.status for r in posts] == [429, 200]
    assert fake_discord.count_429 == 1
    assert fake_discord.messages(channel.id)[0].id == sent.id


async def test_global_rate_limit_answers_429_and_client_recovers(
    fake_discord: FakeDiscord, fake_guild: FakeGuild
):
    async with running_bot(MiniBot(), fake_discord) as bot:
        channel = bot.get_channel(fake_guild.text_channels[0].id)
        assert isinstance(channel, discord.TextChannel)
        fake_discord.rate_limit(per_second=8)
        await asyncio.gather(*(channel.send(f"post {i}") for i in range(12)))
    assert len(fake_discord.messages(channel.id)) == 12
    assert any(r.scope == "global" for r in fake_discord.limits.history)


async def test_unknown_channel_and_missing_permissions(
    fake_discord: FakeDiscord, fake_guild: FakeGuild
):
    general, news = fake_guild.text_channels
    async with running_bot(MiniBot(), fake_discord) as bot:
        gone = bot.get_channel(general.id)
        muted = bot.get_channel(news.id)
        assert isinstance(gone, discord.TextChannel) and isinstance(muted, discord.TextChannel)
        updated = asyncio.ensure_future(bot.wait_for("guild_channel_update", timeout=2))
        fake_discord.delete_channel(general)
        fake_discord.revoke_bot_permissions(news)
        before, after = await updated
        with pytest.raises(discord.NotFound) as not_found:
            await gone.send("hello")
        with pytest.raises(discord.Forbidden) as forbidden:
            await muted.send("hello")
    assert not_found.value.code == 10003
    assert forbidden.value.code == 50013
    assert before.permissions_for(before.guild.me).send_messages
    assert not after.permissions_for(after.guild.me).send_messages


async def test_unimplemented_route_is_recorded(fake_discord: FakeDiscord, fake_guild: FakeGuild):
    async with running_bot(MiniBot(), fake_discord) as bot:
        with pytest.raises(discord.NotFound):
            await bot.fetch_premium_sticker_packs()
    assert [r.key for r in fake_discord.unhandled] == ["GET /sticker-packs"]


async def test_guild_join_and_removal_after_ready(fake_discord: FakeDiscord, fake_guild: FakeGuild):
    async with running_bot(MiniBot(), fake_discord) as bot:
        later = fake_discord.add_guild("Later")
        joined = await asyncio.wait_for(bot.joined.get(), 2)
        fake_discord.remove_guild(later)
        removed = await asyncio.wait_for(bot.removed.get(), 2)
        with pytest.raises(discord.Forbidden) as caught:
            await bot.get_partial_messageable(later.text_channels[0].id).send("still here?")
    assert joined.id == removed.id == later.id
    assert caught.value.code == 50001


async def test_resume_replays_missed_events(fake_discord: FakeDiscord, fake_guild: FakeGuild):
    async with running_bot(MiniBot(), fake_discord) as bot:
        await fake_discord.disconnect(code=4000)
        later = fake_discord.add_guild("While away")
        joined = await asyncio.wait_for(bot.joined.get(), 2)
        run = await fake_discord.slash("hello", options={"who": "again"})
    assert joined.id == later.id
    assert any(p.get("op") == 6 for p in fake_discord.gateway.received)
    assert run.response_type == 4


async def test_sharded_client_gets_only_its_guilds(fake_discord: FakeDiscord):
    guilds = fake_discord.add_guilds(6)
    bot = commands.AutoShardedBot(
        command_prefix=commands.when_mentioned,
        intents=discord.Intents.default(),
        shard_count=2,
        shard_ids=[0, 1],
        guild_ready_timeout=0.05,
    )
    bot.before_identify_hook = MiniBot.before_identify_hook.__get__(bot)  # type: ignore[method-assign]
    async with running_bot(bot, fake_discord):
        assert {g.id for g in bot.guilds} == {g.id for g in guilds}
        for shard_guild in bot.guilds:
            assert shard_guild.shard_id == (shard_guild.id >> 22) % 2
        sessions = fake_discord.sessions
    assert sorted(tuple(i["shard"]) for i in fake_discord.identifies) == [(0, 2), (1, 2)]
    assert sorted(s.shard_id for s in sessions) == [0, 1]
    for session in sessions:
        events = [json.loads(frame) for _, frame in session.replay]
        sent = [int(e["d"]["id"]) for e in events if e["t"] == "GUILD_CREATE"]
        assert len(sent) == 3
        assert all((guild_id >> 22) % 2 == session.shard_id for guild_id in sent)
    assert fake_discord.sessions == []  # closing with 1000 ends a session


async def test_a_second_bot_run_gets_a_fresh_session(
    fake_discord: FakeDiscord, fake_guild: FakeGuild
):
    async with running_bot(MiniBot(), fake_discord):
        pass
    async with running_bot(MiniBot(), fake_discord):
        run = await fake_discord.slash("hello", options={"who": "second"})
        assert len(fake_discord.sessions) == 1
    assert run.response_type == 4
    assert len(fake_discord.identifies) == 2


async def test_late_interaction_callback_is_unknown(
    fake_discord: FakeDiscord, fake_guild: FakeGuild
):
    fake_discord.interaction_timeout = 0.0
    async with running_bot(MiniBot(), fake_discord):
        run = fake_discord.slash("hello", options={"who": "late"})
        await run.wait_until(lambda r: bool(r.rejected), what="the late callback")
    assert run.rejected[0].code == 10062
    assert run.response_type is None


async def test_permissions_reach_the_interaction(fake_discord: FakeDiscord, fake_guild: FakeGuild):
    manager = fake_discord.add_member(fake_guild, "manager", permissions=Perm.MANAGE_GUILD)
    plain = fake_discord.add_member(fake_guild, "plain")
    async with running_bot(MiniBot(), fake_discord):
        managed = await fake_discord.slash("hello", options={"who": "m"}, user=manager)
        unmanaged = await fake_discord.slash("hello", options={"who": "p"}, user=plain)
    assert int(managed.payload["member"]["permissions"]) & Perm.MANAGE_GUILD
    assert not int(unmanaged.payload["member"]["permissions"]) & Perm.MANAGE_GUILD
    assert int(managed.payload["app_permissions"]) & Perm.SEND_MESSAGES


async def test_channel_posts_are_recorded_with_mentions_and_files(
    fake_discord: FakeDiscord, fake_guild: FakeGuild
):
    general = fake_guild.text_channels[0]
    async with running_bot(MiniBot(), fake_discord) as bot:
        channel = bot.get_channel(general.id)
        assert isinstance(channel, discord.TextChannel)
        waiting = asyncio.ensure_future(fake_discord.wait_for_message(general))
        await channel.send(
            "with a file",
            file=discord.File(io.BytesIO(b"1994,PfP"), "events.csv"),
            allowed_mentions=NO_MENTIONS,
        )
        posted = await waiting
    assert posted.content == "with a file"
    assert posted.allowed_mentions == {"parse": []}
    assert [a["filename"] for a in posted.attachments] == ["events.csv"]


async def test_hidden_channel_answers_missing_access(
    fake_discord: FakeDiscord, fake_guild: FakeGuild
):
    general = fake_guild.text_channels[0]
    async with running_bot(MiniBot(), fake_discord) as bot:
        fake_discord.set_bot_permissions(general, view=False)
        with pytest.raises(discord.Forbidden) as caught:
            await bot.http.send_message(general.id, params=_text_params("hidden"))
    assert caught.value.code == 50001


def _text_params(content: str) -> Any:
    from discord.http import handle_message_parameters

    return handle_message_parameters(content=content)


async def test_reconnect_request_resumes_the_session(
    fake_discord: FakeDiscord, fake_guild: FakeGuild
):
    async with running_bot(MiniBot(), fake_discord) as bot:
        resumed = asyncio.ensure_future(bot.wait_for("resumed", timeout=3))
        fake_discord.request_reconnect()
        await resumed
        run = await fake_discord.slash("hello", options={"who": "after"})
    assert run.response_type == 4
    assert len(fake_discord.identifies) == 1


async def test_privileged_intents_can_be_refused(fake_guild: FakeGuild):
    async with FakeDiscord(allow_privileged_intents=False) as fake:
        fake.add_guild()
        bot = commands.Bot(
            command_prefix="!",
            intents=discord.Intents.default() | discord.Intents(members=True),
            guild_ready_timeout=0.05,
        )
        with pytest.raises(discord.PrivilegedIntentsRequired):
            async with running_bot(bot, fake):
                pass
    assert fake.privileged_intents_requested()


async def test_autosharded_bot_asks_gateway_bot_for_shards():
    async with FakeDiscord(recommended_shards=2) as fake:
        guilds = fake.add_guilds(4)
        bot = commands.AutoShardedBot(
            command_prefix="!", intents=discord.Intents.default(), guild_ready_timeout=0.05
        )
        bot.before_identify_hook = MiniBot.before_identify_hook.__get__(bot)  # type: ignore[method-assign]
        async with running_bot(bot, fake):
            assert bot.shard_count == 2
            assert len(bot.guilds) == len(guilds)
    assert [r.key for r in fake.requests.matching("GET /gateway/bot")] == ["GET /gateway/bot"]


async def test_the_fake_runs_as_its_own_process():
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.e2e.fakediscord",
        "--guilds",
        "3",
        "--print-guild-ids",
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        cwd=REPO_ROOT,
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        ready = json.loads(await asyncio.wait_for(process.stdout.readline(), 20))
        async with (
            aiohttp.ClientSession() as session,
            session.get(ready["api_base"] + "/gateway") as response,
        ):
            assert response.headers["Content-Type"] == "application/json"
            assert (await response.json())["url"] == ready["gateway_url"]
    finally:
        process.stdin.close()
        code = await asyncio.wait_for(process.wait(), 10)
    assert len(ready["guild_ids"]) == 3
    assert code == 0


async def test_timeouts_say_what_the_bot_did(fake_discord: FakeDiscord, fake_guild: FakeGuild):
    async with running_bot(MiniBot(), fake_discord):
        run = await fake_discord.slash("hello", options={"who": "x"})
        with pytest.raises(FakeTimeout, match=r"1 followup\(s\) to 'hello' \(response type 4"):
            await run.wait_followups(1, timeout=0.05)
