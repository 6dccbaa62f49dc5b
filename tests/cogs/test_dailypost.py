"""The Discord side of daily posts without a connection: rendering and error mapping.

The commands themselves are tested over the wire in tests/e2e/test_dailypost.py.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from types import SimpleNamespace
from typing import Any

import aiohttp
import discord
import pytest

from bot.daily import BotNotInServer, ChannelGone, NoAccess, TransientSendError
from bot.daily_content import DailyPost
from bot.schedule import Due
from bot.store.results import DatedEntry, EventEntry, ProgrammeDetail, ProgrammeRef, SourceRef
from bot.store.servers import (
    PAUSE_CHANNEL_DELETED,
    STATUS_FAILED,
    STATUS_SENT,
    DailyPostSettings,
    PostRecord,
)
from cogs.dailypost import DiscordSender, missing_permissions, render_post, status_text
from cogs.ui.limits import CONTENT, EMBED_TOTAL, EMBEDS_PER_MESSAGE, embed_problems

GUILD = 1234
SOURCE = SourceRef(1, "A source", "2020-01-01", "Someone", "https://example.org/a")


def entry(event_id: int, when: str, summary: str, source: SourceRef = SOURCE) -> EventEntry:
    return EventEntry(event_id, when, None, "day", summary, summary, (), source)


def assert_fits(content: str | None, embeds: list[discord.Embed]) -> None:
    assert content is None or len(content) <= CONTENT
    assert 1 <= len(embeds) <= EMBEDS_PER_MESSAGE
    assert sum(len(e) for e in embeds) <= EMBED_TOTAL
    for embed in embeds:
        assert embed_problems(embed) == []


def test_an_ordinary_post_lists_years_and_how_long_ago_with_sources() -> None:
    post = DailyPost(
        GUILD,
        date(2025, 6, 1),
        "on_this_date",
        (
            DatedEntry(entry(1, "1994-06-01", "Azerbaijan joined the PfP"), 31),
            DatedEntry(entry(2, "2004-06-01", "A plan was agreed"), 21),
        ),
    )
    content, embeds = render_post(post)
    assert content is None
    embed = embeds[0]
    assert embed.title == "On this day: 1 June"
    lines = (embed.description or "").splitlines()
    assert lines[0].startswith("**1994** (31 years ago)")
    assert lines[1].startswith("**2004** (21 years ago)")
    assert "[1]" in lines[0]
    assert embed.fields[0].name == "Source"
    assert "example.org/a" in (embed.fields[0].value or "")
    assert_fits(content, embeds)


def test_leap_day_events_on_28_february_show_their_own_date() -> None:
    post = DailyPost(
        GUILD,
        date(2025, 2, 28),
        "on_this_date",
        (
            DatedEntry(entry(1, "1990-02-28", "Talks began"), 35),
            DatedEntry(entry(2, "2000-02-29", "The council met"), 25),
        ),
    )
    _, embeds = render_post(post)
    lines = (embeds[0].description or "").splitlines()
    assert lines[0].startswith("**1990**")
    assert lines[1].startswith("**29 Feb 2000**")


def test_huge_posts_stay_inside_every_discord_limit() -> None:
    sources = [
        SourceRef(n, "T" * 300, "2020-01-01", "A" * 300, "https://example.org/" + "x" * 500)
        for n in range(60)
    ]
    entries = tuple(
        DatedEntry(entry(n, f"{1900 + n}-06-01", "word " * 400, sources[n % 60]), 125 - n)
        for n in range(120)
    )
    for test in (False, True):
        post = DailyPost(GUILD, date(2025, 6, 1), "on_this_date", entries, test=test, total=300)
        content, embeds = render_post(post)
        assert_fits(content, embeds)
        description = embeds[0].description or ""
        shown = description.count("years ago")
        assert 1 <= shown <= 15
        assert description.endswith(f"… and {300 - shown} more: `/onthisday`")
        # Only the sources of the events shown are listed.
        cited = {int(m) for m in re.findall(r"\[(\d+)\]", description)}
        assert cited == set(range(1, len(cited) + 1))


def test_the_count_of_more_events_includes_those_the_store_left_out() -> None:
    entries = tuple(DatedEntry(entry(n, f"{1900 + n}-06-01", "short"), 125 - n) for n in range(20))
    post = DailyPost(GUILD, date(2025, 6, 1), "on_this_date", entries, total=140)
    _, embeds = render_post(post)
    description = embeds[0].description or ""
    assert description.count("years ago") == 15
    assert description.endswith("… and 125 more: `/onthisday`")
    assert embeds[0].footer.text == "Daily post · 140 events"


def test_archive_posts_are_labelled_and_fit() -> None:
    event_post = DailyPost(
        GUILD,
        date(2025, 7, 10),
        "archive",
        archive_event=entry(5, "1997-03-03", "The council first met " * 50),
    )
    content, embeds = render_post(event_post)
    assert embeds[0].title == "From the archive"
    assert "28 years ago" in (embeds[0].description or "")
    assert "10 July" in (embeds[0].footer.text or "")
    assert_fits(content, embeds)

    ref = ProgrammeRef(7, "PfP", "Partnership for Peace " * 20)
    detail = ProgrammeDetail(ref, "Explained. " * 1000, (), (ref,) * 40, (), (), (), (SOURCE,))
    programme_post = DailyPost(GUILD, date(2025, 7, 10), "archive", archive_programme=detail)
    content, embeds = render_post(programme_post)
    assert (embeds[0].title or "").startswith("From the archive: Partnership for Peace")
    assert_fits(content, embeds)


def test_test_posts_are_marked_in_content_and_title() -> None:
    post = DailyPost(
        GUILD,
        date(2025, 6, 1),
        "on_this_date",
        (DatedEntry(entry(1, "1994-06-01", "x"), 31),),
        test=True,
    )
    content, embeds = render_post(post)
    assert content is not None and "Test post" in content
    assert "does not count" in content
    assert (embeds[0].title or "").startswith("[Test] ")


def test_article_text_cannot_ping_or_format() -> None:
    post = DailyPost(
        GUILD,
        date(2025, 6, 1),
        "on_this_date",
        (DatedEntry(entry(1, "1994-06-01", "@everyone <@123> **bold**"), 31),),
    )
    _, embeds = render_post(post)
    description = embeds[0].description or ""
    assert "@everyone" not in description  # a zero-width space defuses it
    assert "\\<@123>" in description  # escaped: shown as text, never a mention
    assert "\\*\\*bold\\*\\*" in description


def test_missing_permissions_are_named_as_discord_names_them() -> None:
    assert missing_permissions(discord.Permissions.all()) == []
    only_view = discord.Permissions(view_channel=True)
    assert missing_permissions(only_view) == ["Send Messages", "Embed Links"]
    assert missing_permissions(discord.Permissions.none()) == [
        "View Channel",
        "Send Messages",
        "Embed Links",
    ]


# -- status text -----------------------------------------------------------------------------


def settings(**changes: Any) -> DailyPostSettings:
    values: dict[str, Any] = {
        "guild_id": GUILD,
        "channel_id": 42,
        "post_time": time(9, 0),
        "timezone": "Asia/Baku",
        "fallback": "archive",
        "enabled": True,
        "paused_reason": None,
        "paused_detail": None,
        "paused_at": None,
        "next_due": Due(datetime(2025, 6, 2, 5, 0, tzinfo=UTC), date(2025, 6, 2)),
        "updated_at": datetime(2025, 6, 1, tzinfo=UTC),
        "updated_by": 7,
    }
    values.update(changes)
    return DailyPostSettings(**values)


def record(day: date, status: str, **changes: Any) -> PostRecord:
    values: dict[str, Any] = {
        "guild_id": GUILD,
        "local_date": day,
        "status": status,
        "channel_id": 42,
        "nonce": "1",
        "message_id": 99 if status == STATUS_SENT else None,
        "kind": "on_this_date",
        "attempts": 1,
        "claimed_at": datetime(2025, 6, 1, 5, tzinfo=UTC),
        "finished_at": None,
        "detail": None,
    }
    values.update(changes)
    return PostRecord(**values)


NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def test_status_when_running_shows_next_and_last_post() -> None:
    last = record(date(2025, 6, 1), STATUS_SENT)
    text = status_text(settings(), last_post=last, last_record=last, now=NOW)
    assert "**on**" in text
    assert "<t:1748840400:F>" in text and "<t:1748840400:R>" in text
    assert "Asia/Baku" in text and "09:00" in text
    assert f"discord.com/channels/{GUILD}/42/99" in text
    assert "Last problem" not in text


def test_status_when_paused_says_why_and_how_to_fix() -> None:
    paused = settings(
        paused_reason=PAUSE_CHANNEL_DELETED,
        paused_detail="The channel was deleted (404, code 10003).",
        paused_at=NOW,
        next_due=None,
    )
    failed = record(date(2025, 6, 1), STATUS_FAILED, detail="The channel was deleted.")
    text = status_text(paused, last_post=None, last_record=failed, now=NOW)
    assert "**paused**" in text
    assert "/dailypost set" in text
    assert "10003" in text
    assert "Next post" not in text
    assert "none yet" in text
    assert "was not delivered" in text


def test_status_says_when_a_day_was_given_up() -> None:
    gave_up = record(date(2025, 6, 1), "undelivered", detail="Discord answered 503")
    text = status_text(settings(), last_post=None, last_record=gave_up, now=NOW)
    assert "was given up" in text and "503" in text


def test_status_mentions_a_pending_retry() -> None:
    failed = record(date(2025, 6, 1), STATUS_FAILED, detail="Discord answered 503")
    text = status_text(settings(), last_post=None, last_record=failed, now=NOW)
    assert "will be retried" in text and "503" in text


def test_status_fits_a_message_whatever_the_detail() -> None:
    paused = settings(paused_reason="missing_permissions", paused_detail="x" * 5000, paused_at=NOW)
    text = status_text(paused, last_post=None, last_record=None, now=NOW)
    assert len(text) <= CONTENT


# -- the sender's error mapping --------------------------------------------------------------


class FailingChannel:
    def __init__(self, error: BaseException) -> None:
        self.error = error

    async def send(self, **kwargs: Any) -> Any:
        raise self.error


class FakeBot:
    def __init__(self, error: BaseException, *, in_guild: bool = True) -> None:
        self.error = error
        self.in_guild = in_guild

    def get_guild(self, guild_id: int) -> Any:
        # A guild the bot is in but whose channels are not cached: no pre-check possible.
        return SimpleNamespace(get_channel=lambda _id: None, me=None) if self.in_guild else None

    def is_ready(self) -> bool:
        return True

    def get_partial_messageable(self, channel_id: int, *, guild_id: int) -> FailingChannel:
        return FailingChannel(self.error)


def http_error(kind: type[discord.HTTPException], status: int, code: int) -> Exception:
    response = SimpleNamespace(status=status, reason="x")
    return kind(response, {"code": code, "message": "boom"})  # type: ignore[arg-type]


POST = DailyPost(GUILD, date(2025, 6, 1), "archive", archive_event=entry(1, "1990-01-01", "x"))


@pytest.mark.parametrize(
    ("error", "in_guild", "expected"),
    [
        (http_error(discord.NotFound, 404, 10003), True, ChannelGone),
        (http_error(discord.Forbidden, 403, 50013), True, NoAccess),
        (http_error(discord.Forbidden, 403, 50001), True, NoAccess),
        (http_error(discord.Forbidden, 403, 50001), False, BotNotInServer),
        (http_error(discord.NotFound, 404, 10003), False, BotNotInServer),
        (http_error(discord.DiscordServerError, 503, 0), True, TransientSendError),
        (http_error(discord.HTTPException, 400, 50035), True, TransientSendError),
        (aiohttp.ClientConnectionError("reset"), True, TransientSendError),
        (TimeoutError(), True, TransientSendError),
    ],
)
async def test_discord_errors_become_the_schedulers(
    error: BaseException, in_guild: bool, expected: type[Exception]
) -> None:
    sender = DiscordSender(FakeBot(error, in_guild=in_guild))  # type: ignore[arg-type]
    with pytest.raises(expected):
        await sender.send(42, POST, nonce="7")
