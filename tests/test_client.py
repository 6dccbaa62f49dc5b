"""The client's offline parts: bot construction, command hashing, logging, endpoints, exits.

Everything that talks to Discord is tested through the fake in tests/e2e/.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import discord
import pytest
import yarl
from discord import app_commands

from bot import client
from bot.client import (
    EXIT_CONFIG,
    AlmanacBot,
    ShardedAlmanacBot,
    apply_endpoints,
    bot_intents,
    commands_hash,
    commands_payload,
    create_bot,
    run_bot,
    setup_logging,
    sync_commands,
)
from bot.config import Settings

COMMAND_COGS = ("cogs.timeline", "cogs.programmes", "cogs.onthisday", "cogs.search", "cogs.info")
TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0MzI.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB"


async def loaded_bot(**kwargs) -> AlmanacBot:
    bot = AlmanacBot(Settings(), **kwargs)
    for name in COMMAND_COGS:
        await bot.load_extension(name)
    return bot


async def test_all_public_commands_are_registered_with_their_options() -> None:
    bot = await loaded_bot()
    payload = {c["name"]: c for c in commands_payload(bot.tree)}
    assert sorted(payload) == ["about", "onthisday", "programme", "search", "sources", "timeline"]
    timeline = {o["name"]: o for o in payload["timeline"]["options"]}
    assert timeline["start"]["type"] == 4 and timeline["start"]["min_value"] == 1
    assert timeline["end"]["max_value"] == 9999
    assert timeline["topic"]["autocomplete"] is True
    assert not any(o["required"] for o in timeline.values())
    programme = payload["programme"]["options"][0]
    assert (programme["name"], programme["required"], programme["autocomplete"]) == (
        "name",
        True,
        True,
    )
    assert payload["onthisday"]["options"][0]["name"] == "date"
    assert payload["search"]["options"][0]["name"] == "query"
    for command in payload.values():
        assert 1 <= len(command["description"]) <= 100


async def test_commands_hash_is_stable_and_notices_changes() -> None:
    first, second = await loaded_bot(), await loaded_bot()
    assert commands_hash(first.tree) == commands_hash(second.tree)

    @app_commands.command(description="An extra command")
    async def extra(interaction: discord.Interaction) -> None: ...

    second.tree.add_command(extra)
    assert commands_hash(first.tree) != commands_hash(second.tree)


async def test_guild_and_global_payloads_are_hashed_separately() -> None:
    bot = await loaded_bot()
    guild = discord.Object(id=1234)
    assert commands_payload(bot.tree, guild) == []
    bot.tree.copy_global_to(guild=guild)
    assert commands_hash(bot.tree, guild) == commands_hash(bot.tree)


def test_intents_are_minimal_and_unprivileged() -> None:
    intents = bot_intents()
    assert intents.guilds
    assert not (intents.members or intents.presences or intents.message_content)
    assert not intents.guild_messages


async def test_bot_never_pings_by_default() -> None:
    bot = AlmanacBot(Settings())
    mentions = bot.allowed_mentions
    assert mentions is not None
    assert mentions.to_dict() == {"parse": []}


async def test_store_is_unavailable_before_setup() -> None:
    with pytest.raises(RuntimeError, match="not open"):
        _ = AlmanacBot(Settings()).store


async def test_sharded_settings_make_a_sharded_bot() -> None:
    bot = create_bot(Settings(shard_count=4, shard_ids=(0, 1)))
    assert isinstance(bot, ShardedAlmanacBot)
    assert isinstance(bot, AlmanacBot)
    assert bot.shard_count == 4 and bot.shard_ids == [0, 1]
    assert type(create_bot(Settings())) is AlmanacBot


@pytest.fixture
def restore_endpoints() -> Iterator[None]:
    base = discord.http.Route.BASE
    gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    yield
    discord.http.Route.BASE = base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = gateway


@pytest.mark.usefixtures("restore_endpoints")
def test_endpoints_point_every_request_at_the_configured_urls() -> None:
    apply_endpoints(
        Settings(api_base="http://127.0.0.1:9999/api/v10", gateway_url="ws://127.0.0.1:9999/gw")
    )
    route = discord.http.Route("GET", "/users/@me")
    assert route.url == "http://127.0.0.1:9999/api/v10/users/@me"
    # Interaction responses and follow-ups are built from the same Route class.
    callback = discord.webhook.async_.Route("POST", "/interactions/1/tok/callback")
    assert callback.url.startswith("http://127.0.0.1:9999/api/v10/")
    gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    assert isinstance(gateway, yarl.URL)
    assert str(gateway) == "ws://127.0.0.1:9999/gw"


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    discord_level = logging.getLogger("discord").level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    logging.getLogger("discord").setLevel(discord_level)


@pytest.mark.usefixtures("restore_logging")
def test_logging_levels() -> None:
    setup_logging("INFO")
    assert logging.getLogger().level == logging.INFO
    assert logging.getLogger("discord").level == logging.WARNING
    setup_logging("DEBUG")
    assert logging.getLogger("discord").level == logging.DEBUG
    ours = [h for h in logging.getLogger().handlers if getattr(h, "_almanac", False)]
    assert len(ours) == 1  # calling it again replaces, not stacks


@pytest.mark.usefixtures("restore_logging")
def test_the_token_is_redacted_from_log_output(capsys: pytest.CaptureFixture[str]) -> None:
    setup_logging("DEBUG", secret=TOKEN)
    logging.getLogger("discord.http").debug("sending Authorization: Bot %s", TOKEN)
    err = capsys.readouterr().err
    assert TOKEN not in err
    assert "[redacted]" in err


def test_the_token_is_redacted_from_logged_tracebacks(capsys: pytest.CaptureFixture[str]) -> None:
    setup_logging("INFO", secret=TOKEN)
    try:
        raise RuntimeError(f"request failed with headers {{'Authorization': 'Bot {TOKEN}'}}")
    except RuntimeError:
        logging.getLogger("aiohttp.client").exception("unexpected failure")
    err = capsys.readouterr().err
    assert "RuntimeError: request failed with headers" in err  # the traceback is still there
    assert TOKEN not in err
    assert "[redacted]" in err


@pytest.mark.parametrize("entry_point", [run_bot, sync_commands])
@pytest.mark.parametrize("token", [None, "", "not-a-token"])
def test_missing_or_malformed_token_exits_2_with_help(
    entry_point, token: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert entry_point(Settings(token=token)) == EXIT_CONFIG
    err = capsys.readouterr().err
    assert "DISCORD_TOKEN" in err
    assert "https://discord.com/developers/applications" in err
    assert "Traceback" not in err
    assert err.count("\n") <= 2  # one paragraph


def test_extensions_list_includes_every_cog() -> None:
    assert client.EXTENSIONS[0] == "cogs.errors"
    assert set(COMMAND_COGS) | {"cogs.dailypost"} <= set(client.EXTENSIONS)
    assert "cogs.dailypost" in client.OPTIONAL_EXTENSIONS


async def test_setup_hook_loads_cogs_and_skips_a_missing_optional_one(
    tmp_path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from bot.store import Store

    monkeypatch.setattr(client, "OPTIONAL_EXTENSIONS", frozenset({"cogs.not_installed"}))
    caplog.set_level(logging.INFO, logger="bot.client")
    async with await Store.open(tmp_path / "almanac.db") as store:
        bot = AlmanacBot(
            Settings(),
            store=store,
            extensions=("cogs.errors", "cogs.timeline", "cogs.not_installed"),
            sync="never",
        )
        await bot.setup_hook()
        assert set(bot.extensions) == {"cogs.errors", "cogs.timeline"}
        assert bot.tree.get_command("timeline") is not None
        assert "cogs.not_installed is not installed" in caplog.text
        assert bot.store is store
        await bot.close()
        assert (await store.stats()).articles == 0  # a store it was given stays open


async def test_a_missing_required_extension_is_an_error(tmp_path) -> None:
    from discord.ext import commands

    from bot.store import Store

    async with await Store.open(tmp_path / "almanac.db") as store:
        bot = AlmanacBot(Settings(), store=store, extensions=("cogs.nope",), sync="never")
        with pytest.raises(commands.ExtensionNotFound):
            await bot.setup_hook()
        await bot.close()


async def test_a_bot_without_a_store_opens_and_closes_its_own(tmp_path) -> None:
    database = tmp_path / "sub" / "almanac.db"
    bot = AlmanacBot(Settings(database_path=database), extensions=(), sync="never")
    await bot.setup_hook()
    assert database.exists()
    store = bot.store
    await bot.close()
    with pytest.raises(RuntimeError):
        _ = bot.store
    with pytest.raises(ValueError):  # its connection is closed
        await store.stats()


def test_invite_url_asks_for_exactly_view_send_and_embed() -> None:
    url = client.invite_url(1234)
    assert url == (
        "https://discord.com/oauth2/authorize?client_id=1234"
        "&scope=bot+applications.commands&permissions=19456"
    )
    assert 19456 == (1 << 10) | (1 << 11) | (1 << 14)
