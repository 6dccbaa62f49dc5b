"""/dailypost set | off | status | test: each server's daily "on this date" post.

The scheduler (bot.daily.DailyPoster) knows nothing of Discord. This cog gives it its Discord
side: :class:`DiscordSender` (send, and turn Discord's errors into bot.daily's), and
:func:`render_post` (a DailyPost as an embed inside every Discord limit). Commands read as
options -> bot.store.servers / bot.daily -> reply; errors become text in cogs.errors.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands

from bot.clocks import CallableClock
from bot.daily import (
    PAUSE_HELP,
    BotNotInServer,
    ChannelGone,
    DailyPoster,
    NoAccess,
    TransientSendError,
)
from bot.daily_content import DailyPost, StoreComposer
from bot.daytext import day_label
from bot.schedule import BadPostTime, format_post_time, local_date_of, parse_post_time
from bot.store.servers import (
    PAUSE_BAD_SETTINGS,
    PAUSE_BOT_REMOVED,
    PAUSE_CHANNEL_DELETED,
    STATUS_EMPTY,
    STATUS_FAILED,
    STATUS_INTERRUPTED,
    STATUS_SENT,
    STATUS_UNDELIVERED,
    DailyPosts,
    DailyPostSettings,
    PostRecord,
    ShardFilter,
)
from bot.timezones import (
    UnknownTimezone,
    format_offset,
    parse_zone,
    preload_zone_names,
    suggest_zones,
    zone_from_key,
)
from bot.when import format_span, year_of, years_ago_text
from cogs.errors import UserFacingError
from cogs.ui.embeds import COLOUR, Footnotes, event_line, programme_embed
from cogs.ui.limits import CONTENT, EMBED_DESCRIPTION, EMBED_TOTAL, fit_embed, shorten
from cogs.ui.markdown import quote
from cogs.ui.respond import defer_if_slow, reply

if TYPE_CHECKING:
    from bot.client import AlmanacBot

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()

# What the bot needs in the daily-post channel, as Discord's client names them.
REQUIRED_PERMISSIONS = (
    ("view_channel", "View Channel"),
    ("send_messages", "Send Messages"),
    ("embed_links", "Embed Links"),
)

NOT_A_MANAGER = (
    "Only members with the **Manage Server** permission can change or test this server's "
    "daily posts. Ask a server admin, or use `/onthisday` to see today's events yourself."
)
NOT_SET_UP = (
    "Daily posts are not set up on this server. Start them with "
    "`/dailypost set channel:#history time:09:00 timezone:Europe/Berlin`."
)
FALLBACK_TEXT = {
    "archive": "a fact from the archive (one not shown here in the last 30 days)",
    "skip": "nothing is posted",
}
TEST_BANNER = (
    "**Test post**, requested with `/dailypost test`. It shows today's post as it would look, "
    "and does not count as today's post."
)
EVENTS_PER_POST = 15


# -- time ------------------------------------------------------------------------------------


def timestamp(instant: datetime) -> str:
    """ "<t:…:F> (<t:…:R>)": Discord shows it in each reader's own time zone and language."""
    return f"{discord.utils.format_dt(instant, 'F')} ({discord.utils.format_dt(instant, 'R')})"


def zone_label(key: str) -> str:
    """ "Asia/Baku", or "UTC+04:00 (fixed offset)"."""
    return f"{key} (fixed offset)" if key.startswith("UTC") and len(key) > 3 else key


# -- rendering -------------------------------------------------------------------------------


def render_post(post: DailyPost) -> tuple[str | None, list[discord.Embed]]:
    """The message for a post: optional content (the test banner) and one embed.

    Everything fits Discord's limits (2,000 content; embed title 256, description 4,096,
    25 fields, 6,000 in total), whatever the facts say.
    """
    label = day_label(post.local_date.month, post.local_date.day)
    if post.kind == "on_this_date":
        embed = _on_this_date_embed(post, label)
    elif post.archive_programme is not None:
        embed = programme_embed(post.archive_programme)
        embed.title = shorten(f"From the archive: {embed.title or ''}", 256)
        embed.set_footer(text=f"Nothing on record for {label}, so here is a programme.")
    elif post.archive_event is not None:
        embed = _archive_event_embed(post, label)
    else:
        raise ValueError("an archive post needs an event or a programme")
    if post.test:
        embed.title = shorten(f"[Test] {embed.title or ''}", 256)
    content = shorten(TEST_BANNER, CONTENT) if post.test else None
    return content, [fit_embed(embed)]


def _on_this_date_embed(post: DailyPost, label: str) -> discord.Embed:
    total = max(post.total, len(post.entries))
    # As many of the oldest events as fit (at most EVENTS_PER_POST) with their sources.
    for shown in range(min(len(post.entries), EVENTS_PER_POST), 0, -1):
        embed = _events_embed(post, label, shown, total)
        if len(embed.description or "") <= EMBED_DESCRIPTION and len(embed) <= EMBED_TOTAL:
            return embed
    return _events_embed(post, label, 1, total)  # one line always fits; fit_embed guards


def _events_embed(post: DailyPost, label: str, shown: int, total: int) -> discord.Embed:
    notes = Footnotes()
    lines = []
    for dated in post.entries[:shown]:
        event = dated.event
        # On 28 February of a common year, 29 February's events show their full date.
        own_day = event.date[5:10] == post.local_date.strftime("%m-%d")
        when = str(year_of(event.date) or event.date) if own_day else format_span(event.date, None)
        lines.append(
            event_line(
                event,
                notes.cite(event.source),
                when=when,
                aside=years_ago_text(dated.years_ago),
            )
        )
    if total > shown:
        lines.append(f"… and {total - shown} more: `/onthisday`")
    embed = discord.Embed(
        title=f"On this day: {label}", description="\n".join(lines), colour=COLOUR
    )
    notes.add_field_to(embed)
    embed.set_footer(text=f"Daily post · {total} event{'s' if total != 1 else ''}")
    return embed


def _archive_event_embed(post: DailyPost, label: str) -> discord.Embed:
    event = post.archive_event
    assert event is not None
    notes = Footnotes()
    year = year_of(event.date)
    aside = years_ago_text(post.local_date.year - year) if year is not None else None
    line = event_line(event, notes.cite(event.source), aside=aside)
    embed = discord.Embed(title="From the archive", description=line, colour=COLOUR)
    notes.add_field_to(embed)
    embed.set_footer(text=f"Nothing on record for {label}, so here is a fact from the archive.")
    return embed


# -- sending ---------------------------------------------------------------------------------


def missing_permissions(permissions: discord.Permissions) -> list[str]:
    """The names of the permissions daily posts need that `permissions` lacks."""
    return [label for attr, label in REQUIRED_PERMISSIONS if not getattr(permissions, attr)]


class DiscordSender:
    """bot.daily's PostSender for discord.py: one message per post, nobody pinged.

    429s are waited out by discord.py itself. Discord's errors become bot.daily's:
    404 -> ChannelGone (or BotNotInServer), 403 -> NoAccess (or BotNotInServer),
    5xx / network -> TransientSendError.
    """

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    async def send(self, channel_id: int, post: DailyPost, *, nonce: str | None) -> int:
        content, embeds = render_post(post)
        guild = self.bot.get_guild(post.guild_id)
        channel = guild.get_channel(channel_id) if guild is not None else None
        if (
            guild is not None
            and guild.me is not None
            and isinstance(channel, discord.abc.GuildChannel)
        ):
            # Known from the gateway: name what is missing instead of only hearing "403".
            missing = missing_permissions(channel.permissions_for(guild.me))
            if missing:
                raise NoAccess(f"Missing {', '.join(missing)} in #{channel.name}.", missing=missing)
        target = self.bot.get_partial_messageable(channel_id, guild_id=post.guild_id)
        kwargs = {} if nonce is None else {"nonce": nonce}
        try:
            message = await target.send(
                content=content, embeds=embeds, allowed_mentions=NO_MENTIONS, **kwargs
            )
        except discord.NotFound as exc:
            if self._left(post.guild_id):
                raise BotNotInServer("I am no longer in this server.") from exc
            raise ChannelGone(f"The channel was deleted ({exc.status}, code {exc.code}).") from exc
        except discord.Forbidden as exc:
            if self._left(post.guild_id):
                raise BotNotInServer("I am no longer in this server.") from exc
            raise NoAccess(
                f"Discord refused the post ({exc.status}, code {exc.code}: {exc.text})."
            ) from exc
        except discord.RateLimited as exc:
            raise TransientSendError(f"Rate limited for {exc.retry_after:.0f}s") from exc
        except discord.HTTPException as exc:
            raise TransientSendError(f"Discord answered {exc.status}: {exc.text}") from exc
        except (aiohttp.ClientError, OSError, TimeoutError) as exc:
            raise TransientSendError(f"Could not reach Discord: {exc}") from exc
        return message.id

    def _left(self, guild_id: int) -> bool:
        """True when the bot is connected and that server is not among its servers."""
        return self.bot.is_ready() and self.bot.get_guild(guild_id) is None


# -- status text -----------------------------------------------------------------------------


def _record_line(record: PostRecord, guild_id: int) -> str:
    day = record.local_date.isoformat()
    if record.status == STATUS_SENT and record.message_id is not None:
        link = f"https://discord.com/channels/{guild_id}/{record.channel_id}/{record.message_id}"
        return f"{day}: posted in <#{record.channel_id}> ({link})"
    if record.status == STATUS_EMPTY:
        return f"{day}: nothing to post (no events that day; fallback is skip)"
    if record.status == STATUS_INTERRUPTED:
        return f"{day}: interrupted by a restart; counted as posted"
    return f"{day}: {record.status}"


def status_text(
    settings: DailyPostSettings,
    *,
    last_post: PostRecord | None,
    last_record: PostRecord | None,
    now: datetime,
) -> str:
    """What /dailypost status says: settings, state (and how to fix a pause), next and last."""
    try:
        today = local_date_of(now, zone_from_key(settings.timezone)).isoformat()
    except UnknownTimezone:
        today = None
    lines = [
        f"**Channel:** <#{settings.channel_id}>",
        f"**Time:** {format_post_time(settings.post_time)} every day, "
        f"{zone_label(settings.timezone)} time" + (f" (today is {today} there)" if today else ""),
        f"**On days without events:** {FALLBACK_TEXT[settings.fallback]}",
    ]
    if not settings.enabled:
        lines.insert(0, "Daily posts are **off**. Run `/dailypost set` to turn them on again.")
    elif settings.paused_reason is not None:
        help_text = PAUSE_HELP.get(settings.paused_reason, "Run /dailypost set to resume.")
        since = f" since {timestamp(settings.paused_at)}" if settings.paused_at is not None else ""
        lines.insert(0, f"Daily posts are **paused**{since}. {help_text}")
        if settings.paused_detail:
            lines.append(f"**What went wrong:** {quote(settings.paused_detail, 300)}")
    else:
        lines.insert(0, "Daily posts are **on**.")
        if settings.next_due is not None:
            lines.append(f"**Next post:** {timestamp(settings.next_due.at_utc)}")
    lines.append(
        "**Last post:** "
        + (_record_line(last_post, settings.guild_id) if last_post else "none yet")
    )
    if (
        last_record is not None
        and last_record.status in (STATUS_FAILED, STATUS_UNDELIVERED)
        and (last_post is None or last_record.local_date >= last_post.local_date)
    ):
        detail = quote(last_record.detail or "unknown error", 300)
        if last_record.status == STATUS_UNDELIVERED:
            verb = "was given up"
        elif settings.running:
            verb = "will be retried"
        else:
            verb = "was not delivered"
        lines.append(
            f"**Last problem:** the post for {last_record.local_date.isoformat()} {verb}: {detail}"
        )
    return shorten("\n".join(lines), CONTENT)


# -- the cog ---------------------------------------------------------------------------------


class DailyPostCog(commands.Cog, name="DailyPost"):
    """The /dailypost commands and the scheduler task."""

    dailypost = app_commands.Group(
        name="dailypost",
        description="Post what happened on this date, every day, in a channel of this server",
        guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True),
    )

    def __init__(self, bot: AlmanacBot) -> None:
        self.bot = bot
        self.posts = DailyPosts(bot.store.conn)
        settings = bot.settings
        shards = None
        if settings.shard_count is not None and settings.shard_ids is not None:
            shards = ShardFilter(settings.shard_count, tuple(settings.shard_ids))
        self.poster = DailyPoster(
            self.posts,
            StoreComposer(bot.store, self.posts),
            DiscordSender(bot),
            clock=CallableClock(bot.now),
            shards=shards,
        )
        self._task: asyncio.Task[None] | None = None

    async def cog_load(self) -> None:
        await asyncio.to_thread(preload_zone_names)  # not on the first /dailypost keystroke
        self._task = asyncio.create_task(self._run(), name="almanac-daily-posts")

    async def cog_unload(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        await self.bot.wait_until_ready()
        try:
            await self.poster.run_forever()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("The daily post scheduler stopped")

    async def interaction_check(self, interaction: discord.Interaction) -> bool:  # type: ignore[override]
        # default_permissions only sets who sees the command by default; server admins can
        # change that in Integrations settings, so the permission is checked here as well.
        # The bot's own operators (OWNER_IDS) may help any server they are in.
        permissions = getattr(interaction, "permissions", None)
        if interaction.guild is None:
            raise UserFacingError(NOT_A_MANAGER)
        if self.bot.is_configured_owner(interaction.user):
            return True
        if permissions is None or not permissions.manage_guild:
            raise UserFacingError(NOT_A_MANAGER)
        return True

    # -- /dailypost set ------------------------------------------------------------------------

    @dailypost.command(name="set", description="Choose the channel, time and time zone")
    @app_commands.rename(time_text="time", zone_text="timezone")
    @app_commands.describe(
        channel="Where to post",
        time_text="Local time of day, 24-hour HH:MM, e.g. 09:00",
        zone_text="Time zone, e.g. Europe/Berlin, Asia/Baku or UTC+4 (pick from the list)",
        fallback="On days with no events: a fact from the archive (default) or nothing; "
        "unchanged if left out",
    )
    @app_commands.choices(
        fallback=[
            app_commands.Choice(name="archive: post a fact from the archive", value="archive"),
            app_commands.Choice(name="skip: post nothing", value="skip"),
        ]
    )
    async def set_(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel,
        time_text: app_commands.Range[str, 1, 20],
        zone_text: app_commands.Range[str, 1, 100],
        fallback: app_commands.Choice[str] | None = None,
    ) -> None:
        guild = interaction.guild
        assert guild is not None  # guild_only
        try:
            at = parse_post_time(time_text)
            zone = parse_zone(zone_text)
        except (BadPostTime, UnknownTimezone) as exc:
            raise UserFacingError(str(exc)) from exc

        missing = missing_permissions(channel.permissions_for(guild.me))
        if missing:
            raise UserFacingError(
                f"I can't post in {channel.mention}: I'm missing **{', '.join(missing)}** "
                "there. Give my role those permissions in that channel (Edit Channel -> "
                "Permissions), then run `/dailypost set` again. Nothing was saved."
            )

        now = self.bot.now()
        due = await self.poster.first_due(guild.id, at, zone.key, now)
        if fallback is not None:
            chosen = fallback.value
        else:  # changing the time or channel keeps the fallback chosen before
            previous = await self.posts.get(guild.id)
            chosen = previous.fallback if previous is not None else "archive"
        await self.posts.save(
            guild.id,
            channel_id=channel.id,
            post_time=at,
            timezone=zone.key,
            fallback=chosen,  # type: ignore[arg-type]
            next_due=due,
            now=now,
            updated_by=interaction.user.id,
        )
        self.poster.wake()
        offset = due.at_utc.astimezone(zone.tz).utcoffset() or timedelta(0)
        lines = [
            f"Daily posts are on: {channel.mention} at **{format_post_time(at)}** every day, "
            f"{zone_label(zone.key)} time (currently {format_offset(offset)}).",
            f"**Next post:** {timestamp(due.at_utc)}",
            f"**On days without events:** {FALLBACK_TEXT[chosen]}.",
        ]
        if zone.note:
            lines.append(zone.note)
        if not self.poster.owns(guild.id):
            lines.append("Note: this server is on a shard this process does not run.")
        lines.append("Check with `/dailypost status`; try it now with `/dailypost test`.")
        await reply(interaction, content="\n".join(lines), ephemeral=True)

    @set_.autocomplete("zone_text")
    async def _zone_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [
            app_commands.Choice(name=s.name, value=s.value) for s in suggest_zones(current[:100])
        ]

    # -- /dailypost off ------------------------------------------------------------------------

    @dailypost.command(name="off", description="Stop the daily posts (settings are kept)")
    async def off(self, interaction: discord.Interaction) -> None:
        assert interaction.guild is not None
        stopped = await self.posts.turn_off(
            interaction.guild.id, now=self.bot.now(), updated_by=interaction.user.id
        )
        self.poster.wake()
        text = (
            "Daily posts are off. Your channel, time and time zone are kept: "
            "`/dailypost set` turns them on again."
            if stopped
            else "Daily posts were not on, so nothing changed."
        )
        await reply(interaction, content=text, ephemeral=True)

    # -- /dailypost status ---------------------------------------------------------------------

    @dailypost.command(name="status", description="Show the channel, time, next post and problems")
    async def status(self, interaction: discord.Interaction) -> None:
        assert interaction.guild is not None
        guild_id = interaction.guild.id
        settings = await self.posts.get(guild_id)
        if settings is None:
            await reply(interaction, content=NOT_SET_UP, ephemeral=True)
            return
        text = status_text(
            settings,
            last_post=await self.posts.last_post(guild_id),
            last_record=await self.posts.last_record(guild_id),
            now=self.bot.now(),
        )
        await reply(interaction, content=text, ephemeral=True)

    # -- /dailypost test -----------------------------------------------------------------------

    @dailypost.command(name="test", description="Post today's post now, marked as a test")
    async def test(self, interaction: discord.Interaction) -> None:
        assert interaction.guild is not None
        settings = await self.posts.get(interaction.guild.id)
        if settings is None:
            raise UserFacingError(NOT_SET_UP)
        try:
            today = local_date_of(self.bot.now(), zone_from_key(settings.timezone))
        except UnknownTimezone as exc:
            raise UserFacingError(PAUSE_HELP[PAUSE_BAD_SETTINGS]) from exc
        # Composing (an archive pick reads the store) and sending (Discord may make it wait
        # out a rate limit) are normally quick; deferred only when they are not.
        message_id = await defer_if_slow(interaction, self._compose_and_send_test(settings, today))
        link = (
            f"https://discord.com/channels/{interaction.guild.id}/{settings.channel_id}/"
            f"{message_id}"
        )
        text = f"Test post sent to <#{settings.channel_id}>: {link}"
        if not settings.running:
            text += "\nDaily posts are not running, though: see `/dailypost status`."
        await reply(interaction, content=text, ephemeral=True)

    async def _compose_and_send_test(self, settings: DailyPostSettings, today: date) -> int:
        """Compose today's post marked as a test and send it; returns the message id. An
        empty day with fallback skip, or a failed send, becomes an explanation for the admin.
        """
        post = await self.poster.composer.compose(settings, today, test=True)
        if post is None:
            raise UserFacingError(
                f"Nothing happened on {day_label(today.month, today.day)} as far as I know, and "
                "this server's fallback is skip, so today's post is empty: nothing was posted. "
                "Choose `fallback:archive` in `/dailypost set` to post a fact from the archive."
            )
        channel = f"<#{settings.channel_id}>"
        try:
            return await self.poster.sender.send(settings.channel_id, post, nonce=None)
        except (ChannelGone, BotNotInServer) as exc:
            reason = PAUSE_CHANNEL_DELETED if isinstance(exc, ChannelGone) else PAUSE_BOT_REMOVED
            raise UserFacingError(
                f"I could not post the test in {channel}: {exc} {PAUSE_HELP[reason]}"
            ) from exc
        except NoAccess as exc:
            raise UserFacingError(
                f"I could not post the test in {channel}: {exc} Give me View Channel, Send "
                "Messages and Embed Links there."
            ) from exc
        except TransientSendError as exc:
            raise UserFacingError(
                f"Discord did not take the test post ({exc}). Please try again in a minute."
            ) from exc

    # -- gateway events ------------------------------------------------------------------------

    @commands.Cog.listener()
    async def on_guild_channel_delete(self, channel: discord.abc.GuildChannel) -> None:
        """Pause at once when the daily-post channel is deleted, so status says so before the
        next post would have failed."""
        settings = await self.posts.get(channel.guild.id)
        if settings is None or settings.channel_id != channel.id or not settings.running:
            return
        if await self.posts.pause(
            channel.guild.id,
            reason=PAUSE_CHANNEL_DELETED,
            detail=f"#{channel.name} was deleted.",
            now=self.bot.now(),
        ):
            log.warning("Paused daily posts for guild %s: channel deleted", channel.guild.id)
            self.poster.wake()


async def setup(bot: AlmanacBot) -> None:
    await bot.add_cog(DailyPostCog(bot))
