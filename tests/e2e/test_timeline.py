"""/timeline over the wire: the real bot and store, discord.py, and the fake Discord."""

from __future__ import annotations

import asyncio

import pytest

from bot.store import Store
from tests.e2e.fakediscord import FakeDiscord, FakeDiscordError, FakeGuild
from tests.e2e.seeded_bot import (
    Running,
    almanac,
    assert_nobody_pinged,
    buttons,
    hold_query,
    many_events_facts,
)


async def test_whole_timeline_is_chronological_and_cites_its_source(running: Running) -> None:
    run = await running.fake.slash("timeline")
    assert run.response_type == 4
    message = await run.wait_original()
    assert not message.ephemeral
    embed = message.embeds[0]
    assert embed["title"] == "Timeline"
    lines = embed["description"].split("\n")
    assert lines[0] == (
        "**Mar 1992** - Azerbaijan joined the North Atlantic Cooperation Council (NACC) [1]"
    )
    assert lines[1].startswith("**1994** - ")
    assert any(line.startswith("**2002–2014** - ") for line in lines)
    assert lines[-1].startswith("**29 Nov 2018** - ")
    source = embed["fields"][0]
    assert source["name"] == "Source"
    assert source["value"].startswith("[1] Azerbaijan is a reliable partner of NATO")
    assert "29 Nov 2018 · Abdul Kerimkhanov" in source["value"]
    assert message.components == []  # one page: no buttons
    assert_nobody_pinged(running.fake)


async def test_year_range_and_topic(running: Running) -> None:
    run = await running.fake.slash("timeline", options={"start": 1993, "end": 2000})
    embed = (await run.wait_original()).embeds[0]
    assert embed["title"] == "Timeline 1993–2000"
    assert "Mar 1992" not in embed["description"]
    assert "**1994** - " in embed["description"]

    run = await running.fake.slash("timeline", options={"topic": "PfP"})
    embed = (await run.wait_original()).embeds[0]
    assert embed["title"] == "Timeline: Partnership for Peace (PfP)"
    assert embed["description"].startswith("**1994** - Bilateral cooperation began")
    assert embed["footer"]["text"] == "1 event"


async def test_topic_autocomplete_offers_programmes(running: Running) -> None:
    choices = await running.fake.autocomplete("timeline", focused="topic", value="partn")
    assert {"name": "Partnership for Peace (PfP)", "value": "PfP"} in choices
    assert 1 <= len(choices) <= 25


async def test_end_before_start_is_explained_with_an_example(running: Running) -> None:
    run = await running.fake.slash("timeline", options={"start": 2000, "end": 1990})
    assert run.original.ephemeral
    assert "before the start year" in run.original.content
    assert "`/timeline start:1990 end:2000`" in run.original.content


async def test_year_99999_is_refused_by_discord(running: Running) -> None:
    # The option's min/max are registered with Discord, whose clients refuse 99999 before
    # sending; the bot checks again for other callers (tests/cogs/test_timeline.py).
    with pytest.raises(FakeDiscordError, match="99999"):
        running.fake.slash("timeline", options={"start": 99999})


async def test_nothing_in_range_suggests_what_exists(running: Running) -> None:
    run = await running.fake.slash("timeline", options={"start": 1900, "end": 1950})
    assert run.original.ephemeral
    text = run.original.content
    assert "No events between 1900 and 1950" in text
    assert "`/timeline start:1992 end:2018`" in text


async def test_unknown_topic_suggests_programmes(running: Running) -> None:
    run = await running.fake.slash("timeline", options={"topic": "partnership"})
    assert run.original.ephemeral
    assert "I don't know a programme called **partnership**" in run.original.content
    assert "Partnership for Peace (PfP)" in run.original.content


@pytest.fixture
async def paged(fake_discord: FakeDiscord, fake_guild: FakeGuild, store: Store):
    await store.ingest(many_events_facts(25))  # 25 + the seed's 6 = 31 events: 4 pages
    async with almanac(fake_discord, store, view_timeout=30.0) as running:
        yield running


async def test_buttons_page_through_the_timeline(paged: Running) -> None:
    fake = paged.fake
    run = await fake.slash("timeline")
    message = await run.wait_original()
    assert message.embeds[0]["footer"]["text"] == "Page 1/4 · 31 events"
    pager = buttons(message)
    assert pager["pager:page"]["label"] == "1/4" and pager["pager:page"]["disabled"]
    assert pager["pager:prev"].get("disabled") and pager["pager:first"].get("disabled")

    click = await fake.click(message, "pager:next")
    assert click.response_type == 7  # the message itself is updated
    assert message.embeds[0]["footer"]["text"] == "Page 2/4 · 31 events"
    assert message.embeds[0]["description"].startswith("**1960** - Event number 10 happened [1]")
    assert buttons(message)["pager:page"]["label"] == "2/4"

    await fake.click(message, "pager:last")
    assert message.embeds[0]["footer"]["text"] == "Page 4/4 · 31 events"
    assert message.embeds[0]["description"].split("\n")[-1].startswith("**29 Nov 2018**")
    assert buttons(message)["pager:next"].get("disabled")
    with pytest.raises(FakeDiscordError, match="disabled"):
        fake.click(message, "pager:next")

    await fake.click(message, "pager:prev")
    assert message.embeds[0]["footer"]["text"] == "Page 3/4 · 31 events"
    await fake.click(message, "pager:first")
    assert message.embeds[0]["footer"]["text"] == "Page 1/4 · 31 events"
    assert_nobody_pinged(fake)


async def test_only_the_person_who_ran_it_can_page(paged: Running) -> None:
    fake = paged.fake
    run = await fake.slash("timeline")
    message = await run.wait_original()
    stranger = fake.add_user("stranger")
    click = await fake.click(message, "pager:next", stranger)
    assert click.response_type == 4
    assert click.original.ephemeral
    assert "can turn these pages" in click.original.content
    assert "`/timeline`" in click.original.content
    assert message.embeds[0]["footer"]["text"] == "Page 1/4 · 31 events"  # unchanged


async def test_buttons_are_disabled_when_the_view_times_out(
    fake_discord: FakeDiscord, fake_guild: FakeGuild, store: Store
) -> None:
    await store.ingest(many_events_facts(25))
    async with almanac(fake_discord, store, view_timeout=0.3) as running:
        run = await running.fake.slash("timeline")
        message = await run.wait_original()
        # As first sent (the message itself may already be edited on a busy machine).
        assert run.response_data is not None
        assert not buttons(run.response_data["components"])["pager:next"].get("disabled")
        await run.wait_original(
            lambda m: all(b.get("disabled") for b in buttons(m).values()), timeout=30.0
        )
        with pytest.raises(FakeDiscordError, match="disabled"):
            running.fake.click(message, "pager:next")
        # The page itself is still there.
        assert message.embeds[0]["footer"]["text"] == "Page 1/4 · 31 events"
        await asyncio.sleep(0)


async def test_a_slow_query_is_deferred_then_answered(
    running: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = hold_query(monkeypatch, running.store, "timeline")
    run = await running.fake.slash("timeline")
    assert run.response_type == 5  # "thinking..." within the deadline
    release.set()
    message = await run.wait_original()
    assert message.embeds[0]["title"] == "Timeline"
    assert not message.ephemeral


async def test_a_slow_query_that_finds_nothing_still_answers(
    running: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = hold_query(monkeypatch, running.store, "timeline")
    run = await running.fake.slash("timeline", options={"start": 1900, "end": 1950})
    assert run.response_type == 5
    release.set()
    await run.wait_until(lambda r: bool(r.followups), what="the explanation")
    explanation = running.fake.requests.matching("POST /webhooks/*")[-1].json
    assert explanation["flags"] == 64
    assert explanation["content"].startswith("No events between 1900 and 1950")
