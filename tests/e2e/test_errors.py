"""The central error handler over the wire: a crash anywhere gets a logged traceback and an
ephemeral apology, and the bot keeps serving."""

from __future__ import annotations

import logging

import pytest

from bot.store.results import TimelinePage
from cogs.errors import APOLOGY
from tests.e2e.seeded_bot import (
    Running,
    almanac,
    hold_query,
    many_events_facts,
)


class Boom(RuntimeError):
    pass


def crashed_in(caplog: pytest.LogCaptureFixture, where: str) -> bool:
    return any(
        r.name == "cogs.errors"
        and r.levelno == logging.ERROR
        and where in r.getMessage()
        and r.exc_info is not None
        and r.exc_info[0] is Boom
        for r in caplog.records
    )


async def test_a_crash_in_a_command_is_apologised_for_and_the_bot_carries_on(
    running: Running, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken_stats():
        raise Boom("the database fell over")

    monkeypatch.setattr(running.store, "stats", broken_stats)
    run = await running.fake.slash("about")
    assert run.original.ephemeral
    assert run.original.content == APOLOGY
    assert "fell over" not in run.original.content  # no internals shown to users
    assert crashed_in(caplog, "/about")

    monkeypatch.undo()
    again = await running.fake.slash("about")
    assert (await again.wait_original()).embeds[0]["title"] == "Almanac"
    other = await running.fake.slash("timeline")
    assert (await other.wait_original()).embeds[0]["title"] == "Timeline"


async def test_a_crash_after_deferring_still_gets_an_ephemeral_apology(
    running: Running, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    release = hold_query(monkeypatch, running.store, "search", error=Boom("index corrupt"))
    run = await running.fake.slash("search", options={"query": "NATO"})
    assert run.response_type == 5  # deferred first, then it crashes
    release.set()
    await run.wait_until(lambda r: bool(r.followups), what="the apology")
    apology = running.fake.requests.matching("POST /webhooks/*")[-1].json
    assert apology["content"] == APOLOGY
    assert apology["flags"] == 64
    assert run.original.deleted  # no public "thinking..." left hanging
    assert crashed_in(caplog, "/search")

    monkeypatch.undo()
    again = await running.fake.slash("search", options={"query": "NATO"})
    assert (await again.wait_original()).embeds[0]["title"] == "Search: NATO"


async def test_a_crash_while_turning_a_page_is_apologised_for(
    fake_discord, fake_guild, store, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    await store.ingest(many_events_facts(25))
    real_timeline = store.timeline

    async def fails_after_page_one(*args, **kwargs) -> TimelinePage:
        if kwargs.get("offset"):
            raise Boom("page two is cursed")
        return await real_timeline(*args, **kwargs)

    monkeypatch.setattr(store, "timeline", fails_after_page_one)
    async with almanac(fake_discord, store) as running:
        message = await (await running.fake.slash("timeline")).wait_original()
        click = await running.fake.click(message, "pager:next")
        assert click.original.ephemeral
        assert click.original.content == APOLOGY
        assert message.embeds[0]["footer"]["text"] == "Page 1/4 · 31 events"  # untouched
        assert crashed_in(caplog, "'Next' button")

        monkeypatch.undo()
        await running.fake.click(message, "pager:next")
        assert message.embeds[0]["footer"]["text"] == "Page 2/4 · 31 events"


async def test_a_failing_autocomplete_offers_nothing_instead_of_failing(
    running: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken_choices(*args, **kwargs):
        raise Boom("no index")

    monkeypatch.setattr(running.store, "programme_choices", broken_choices)
    assert await running.fake.autocomplete("programme", focused="name", value="pf") == []
