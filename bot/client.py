"""The Discord client: AlmanacBot, and the `run` and `sync` entry points the CLI calls.

`AlmanacBot.setup_hook` opens the store (unless one is given), loads the cogs by name and
syncs the slash commands only when they changed since the last sync (Discord caps command
creations per day). The cogs are loaded as extensions, by name, so nothing here imports
them: the core never imports upward.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import importlib.util
import json
import logging
import signal
import sys
from collections.abc import Callable, Coroutine, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import aiohttp
import discord
import yarl
from discord.ext import commands

from bot.config import ConfigError, Settings
from bot.http_buckets import throttle_bucket_cleanup
from bot.loader import ingest_paths
from bot.store import Store
from bot.store.errors import StoreError

log = logging.getLogger(__name__)

EXTENSIONS: tuple[str, ...] = (
    "cogs.errors",  # first: installs the error handler every other cog relies on
    "cogs.timeline",
    "cogs.programmes",
    "cogs.onthisday",
    "cogs.search",
    "cogs.info",
    "cogs.dailypost",
)
# Extensions that may be absent from an installation; the bot serves without them.
OPTIONAL_EXTENSIONS = frozenset({"cogs.dailypost"})

SyncMode = Literal["if_changed", "force", "never"]
DEFAULT_VIEW_TIMEOUT = 180.0

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_CONFIG = 2

_LOG_FORMAT = "%(asctime)s %(levelname)-8s %(name)s: %(message)s"


# -- logging and endpoints -------------------------------------------------------------------


class _RedactSecret(logging.Filter):
    """Replaces a secret with [redacted] in every record that passes the handler: its
    message, and the traceback and stack it carries (an exception's text may quote a header).

    Almanac never logs the token itself; this guards against a library doing so.
    """

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secret:
            return True
        message = record.getMessage()
        if self.secret in message:
            record.msg = self._redact(message)
            record.args = None
        if record.exc_info and not record.exc_text:
            # Formatters reuse exc_text when it is set, so the redacted text is what prints.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self._redact(record.stack_info)
        return True

    def _redact(self, text: str) -> str:
        return text.replace(self.secret, "[redacted]")


def setup_logging(level: str, *, secret: str | None = None) -> None:
    """Send log records at `level` and above to stderr; discord.py's own at WARNING unless
    `level` is DEBUG. Calling it again replaces the previous setup. `secret` (the token) is
    redacted from every line should anything ever try to log it.
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_almanac", False):
            root.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(_LOG_FORMAT))
    handler._almanac = True  # type: ignore[attr-defined]
    if secret:
        handler.addFilter(_RedactSecret(secret))
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("discord").setLevel(logging.DEBUG if level == "DEBUG" else logging.WARNING)
    # aiosqlite logs two lines per SQL statement at DEBUG, drowning everything else.
    logging.getLogger("aiosqlite").setLevel(logging.WARNING)


def apply_endpoints(settings: Settings) -> None:
    """Point discord.py at `settings.api_base` and `settings.gateway_url`.

    discord.py builds every REST URL, interaction webhooks included, from ``Route.BASE``,
    and a non-sharded or fixed-shard-count client connects to ``DEFAULT_GATEWAY`` without
    asking ``GET /gateway/bot``; later reconnects use the ``resume_gateway_url`` the gateway
    itself sends in READY. These settings are process-wide, as discord.py's are.
    """
    discord.http.Route.BASE = settings.api_base.rstrip("/")
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.gateway_url)


# View Channels (1 << 10), Send Messages (1 << 11), Embed Links (1 << 14): enough for daily
# posts; slash command replies need no channel permission at all.
INVITE_PERMISSIONS = discord.Permissions(view_channel=True, send_messages=True, embed_links=True)


def invite_url(application_id: int) -> str:
    """The link that adds the bot to a server with the permissions it needs and no more."""
    return (
        "https://discord.com/oauth2/authorize"
        f"?client_id={application_id}&scope=bot+applications.commands"
        f"&permissions={INVITE_PERMISSIONS.value}"
    )


def bot_intents() -> discord.Intents:
    """The least the bot needs: guild and channel events (for daily posts). No privileged
    intents; slash commands and buttons arrive as interactions whatever the intents.
    """
    return discord.Intents(guilds=True)


# -- the bot ---------------------------------------------------------------------------------


class AlmanacBot(commands.Bot):
    """The bot. Cogs reach the store as ``bot.store`` and the settings as ``bot.settings``.

    `store`: an open Store to use (the caller closes it); when None, setup_hook opens
    ``settings.database_path`` and close() closes it. `sync`: "if_changed" (default),
    "force" or "never". `view_timeout`: seconds before paginator buttons are disabled.
    `clock`: returns the current time, timezone-aware (tests pass a fixed one).
    """

    def __init__(
        self,
        settings: Settings,
        *,
        store: Store | None = None,
        extensions: Iterable[str] = EXTENSIONS,
        sync: SyncMode = "if_changed",
        view_timeout: float = DEFAULT_VIEW_TIMEOUT,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        **options: Any,
    ) -> None:
        # Almanac never joins voice: discord.py's warnings about missing voice libraries
        # would only worry the people running it.
        discord.VoiceClient.warn_nacl = False
        discord.VoiceClient.warn_dave = False
        if settings.owner_ids:
            # OWNER_IDS replace the application's owner as discord.py's notion of "owner".
            options.setdefault("owner_ids", set(settings.owner_ids))
        super().__init__(
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=bot_intents(),
            allowed_mentions=discord.AllowedMentions.none(),
            **options,
        )
        self.settings = settings
        self._store = store
        self._owns_store = store is None
        self._extension_names = tuple(extensions)
        self.sync_mode: SyncMode = sync
        self.view_timeout = view_timeout
        self._clock = clock
        self.synced: bool | None = None  # set by setup_hook: did this start sync commands?
        # Daily posts open a rate-limit bucket per channel; see bot.http_buckets.
        throttle_bucket_cleanup(self.http)
        self.sync_error: discord.HTTPException | None = None  # why the sync failed, if it did

    def is_configured_owner(self, user: discord.abc.Snowflake) -> bool:
        """True when `user` is listed in OWNER_IDS (the people who run this bot)."""
        return user.id in self.settings.owner_ids

    @property
    def store(self) -> Store:
        """The open store. Raises RuntimeError before setup_hook has opened it."""
        if self._store is None:
            raise RuntimeError("the store is not open yet (setup_hook has not run)")
        return self._store

    def now(self) -> datetime:
        """The current time (timezone-aware, from the clock given at construction)."""
        return self._clock()

    async def login(self, token: str) -> None:
        apply_endpoints(self.settings)
        await super().login(token)

    async def setup_hook(self) -> None:
        if self._store is None:
            self._store = await Store.open(self.settings.database_path)
        for name in self._extension_names:
            if name in OPTIONAL_EXTENSIONS and importlib.util.find_spec(name) is None:
                log.info("Extension %s is not installed; starting without it", name)
                continue
            await self.load_extension(name)
        log.debug("Loaded extensions: %s", ", ".join(self.extensions))
        if self.sync_mode != "never":
            try:
                self.synced = await self.sync_if_changed(force=self.sync_mode == "force")
            except discord.HTTPException as exc:
                # Not fatal: the commands of the last good sync keep working meanwhile.
                self.synced = False
                self.sync_error = exc
                log.error("Could not sync the slash commands: %s. %s", exc, self._sync_hint(exc))

    def _sync_hint(self, error: discord.HTTPException) -> str:
        if isinstance(error, discord.Forbidden) and self.settings.dev_guild_id is not None:
            return (
                f"Check DEV_GUILD_ID ({self.settings.dev_guild_id}): the bot must be in that "
                "server, invited with the applications.commands scope."
            )
        return "The next start (or `python -m bot sync`) will try again."

    async def sync_if_changed(self, *, force: bool = False) -> bool:
        """Sync the slash commands (to DEV_GUILD_ID when set, else globally) unless they are
        the same as at the last sync, which the store remembers. Returns whether it synced.

        Raises discord.HTTPException when Discord refuses the sync; the remembered state is
        then left as it was, so the next start tries again.
        """
        guild = (
            discord.Object(id=self.settings.dev_guild_id)
            if self.settings.dev_guild_id is not None
            else None
        )
        if guild is not None:
            self.tree.copy_global_to(guild=guild)
        scope = "global" if guild is None else f"guild:{guild.id}"
        key = f"commands_hash:{scope}"
        # The application id is part of the value: a new bot token for another application
        # against the same database must still sync.
        value = f"{self.application_id}:{commands_hash(self.tree, guild)}"
        if not force and await self.store.get_meta(key) == value:
            log.info("Slash commands unchanged since the last sync (%s); not syncing", scope)
            return False
        synced = await self.tree.sync(guild=guild)
        await self.store.set_meta(key, value)
        where = "globally (may take a while to appear)" if guild is None else f"to {scope}"
        log.info("Synced %d slash commands %s", len(synced), where)
        return True

    async def on_ready(self) -> None:
        user = self.user
        log.info(
            "Connected as %s (id %s) to %d servers",
            user,
            user.id if user else "?",
            len(self.guilds),
        )
        if self.application_id is not None:
            log.info("Invite it to a server: %s", invite_url(self.application_id))

    async def close(self) -> None:
        try:
            await super().close()
        finally:
            if self._owns_store and self._store is not None:
                await self._store.close()
                self._store = None


class ShardedAlmanacBot(AlmanacBot, commands.AutoShardedBot):
    """AlmanacBot over several gateway connections (SHARD_COUNT / SHARD_IDS)."""


def create_bot(settings: Settings, **kwargs: Any) -> AlmanacBot:
    """An AlmanacBot for `settings`: sharded when SHARD_COUNT is set. `kwargs` go to it."""
    if settings.shard_count is not None:
        return ShardedAlmanacBot(
            settings,
            shard_count=settings.shard_count,
            shard_ids=list(settings.shard_ids) if settings.shard_ids is not None else None,
            **kwargs,
        )
    return AlmanacBot(settings, **kwargs)


def commands_payload(
    tree: discord.app_commands.CommandTree, guild: discord.abc.Snowflake | None = None
) -> list[dict[str, Any]]:
    """The JSON a sync would send for `guild` (None: global), in a deterministic order."""
    payload = [command.to_dict(tree) for command in tree._get_all_commands(guild=guild)]
    return sorted(payload, key=lambda c: (c.get("type", 1), c["name"]))


def commands_hash(
    tree: discord.app_commands.CommandTree, guild: discord.abc.Snowflake | None = None
) -> str:
    """A digest of :func:`commands_payload`: equal digests mean a sync would change nothing."""
    canonical = json.dumps(commands_payload(tree, guild), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


# -- entry points ----------------------------------------------------------------------------


def run_bot(settings: Settings) -> int:
    """Load the seeds, connect, and serve until Ctrl-C or SIGTERM. Returns the exit code:
    0 after a clean stop, 2 when the token is missing, malformed or refused (the message says
    where to get one; no traceback), 1 for other failures (reason logged).
    """
    token = _token_or_none(settings)
    if token is None:
        return EXIT_CONFIG
    setup_logging(settings.log_level, secret=token)
    try:
        return asyncio.run(_guarded(_serve(settings, token)))
    except KeyboardInterrupt:  # Ctrl-C where signal handlers are unavailable (Windows)
        log.info("Interrupted; stopped")
        return EXIT_OK


def sync_commands(settings: Settings) -> int:
    """Log in, sync the slash commands whether or not they changed, and log out.

    Returns 0 on success, 2 for a token problem, 1 when Discord refuses the sync.
    """
    token = _token_or_none(settings)
    if token is None:
        return EXIT_CONFIG
    setup_logging(settings.log_level, secret=token)
    return asyncio.run(_guarded(_sync(settings, token)))


def _token_or_none(settings: Settings) -> str | None:
    try:
        return settings.require_token()
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return None


async def _guarded(work: Coroutine[Any, Any, int]) -> int:
    """Run an entry point's coroutine, turning the failures a server admin can fix into a
    message and an exit code instead of a traceback.
    """
    try:
        return await work
    except discord.LoginFailure:
        print(
            "Discord refused the token in DISCORD_TOKEN (it may have been reset or copied "
            "incompletely). Get a fresh one from the application's 'Bot' page at "
            "https://discord.com/developers/applications and put it in .env.",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    except StoreError as exc:
        log.error("%s", exc)
        return EXIT_FAILURE
    except (
        OSError,
        aiohttp.ClientError,
        discord.HTTPException,
        discord.GatewayNotFound,
        discord.ConnectionClosed,
    ) as exc:
        log.error("Cannot talk to Discord (%s): %s", type(exc).__name__, exc)
        return EXIT_FAILURE


async def _serve(settings: Settings, token: str) -> int:
    store = await Store.open(settings.database_path)
    try:
        await load_seeds(store, settings.seeds_dir)
        bot = create_bot(settings, store=store)
        loop = asyncio.get_running_loop()
        stopping: list[asyncio.Task[None]] = []

        def stop(signame: str) -> None:
            log.info("%s received; closing", signame)
            if not stopping:
                stopping.append(loop.create_task(bot.close()))

        handled: list[signal.Signals] = []
        for signum in (signal.SIGINT, signal.SIGTERM):
            # Not available on Windows: there Ctrl-C arrives as KeyboardInterrupt instead.
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(signum, stop, signum.name)
                handled.append(signum)
        try:
            async with bot:
                await bot.start(token)
        finally:
            for signum in handled:
                loop.remove_signal_handler(signum)
            if stopping:
                await stopping[0]
    finally:
        await store.close()
    log.info("Stopped")
    return EXIT_OK


async def _sync(settings: Settings, token: str) -> int:
    store = await Store.open(settings.database_path)
    try:
        bot = create_bot(settings, store=store, sync="force")
        async with bot:
            await bot.login(token)  # runs setup_hook, which syncs (and logs any failure)
    finally:
        await store.close()
    return EXIT_OK if bot.sync_error is None else EXIT_FAILURE


async def load_seeds(store: Store, seeds_dir: Path) -> None:
    """Ingest the articles in `seeds_dir` (unchanged ones are skipped by the store).

    A missing directory is logged, not an error: a bot may run on an already-filled database.
    """
    if not await asyncio.to_thread(seeds_dir.is_dir):
        log.warning("Seeds directory %s does not exist; serving the database as it is", seeds_dir)
        return
    report = await ingest_paths(store, [seeds_dir])
    log.info("Seeds from %s: %s", seeds_dir, report)
    for outcome in report.failed:
        log.warning("Seed not loaded: %s", outcome.line())
