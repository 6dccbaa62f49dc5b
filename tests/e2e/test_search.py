"""/search over the wire: highlighted snippets, paging, deferral only when slow."""

from __future__ import annotations

import pytest

from tests.e2e.seeded_bot import (
    Running,
    assert_no_live_mentions,
    assert_nobody_pinged,
    buttons,
    hold_query,
)


async def test_search_shows_highlighted_hits(running: Running) -> None:
    run = await running.fake.slash("search", options={"query": "Afghanistan"})
    assert run.response_type == 4  # a quick search answers at once, no "thinking..."
    message = await run.wait_original()
    assert not message.ephemeral
    embed = message.embeds[0]
    assert embed["title"] == "Search: Afghanistan"
    first = embed["fields"][0]
    assert first["name"].startswith("Event: Azerbaijan actively supported")
    assert "**Afghanistan**" in first["value"]
    assert "Azerbaijan is a reliable partner of NATO" in first["value"]  # its source
    assert embed["footer"]["text"] == "5 results"
    assert_nobody_pinged(running.fake)


async def test_search_pages_with_buttons(running: Running) -> None:
    run = await running.fake.slash("search", options={"query": "Azerbaijan"})
    message = await run.wait_original()
    footer = message.embeds[0]["footer"]["text"]
    assert footer.startswith("Page 1/")
    first_titles = [f["name"] for f in message.embeds[0]["fields"]]
    await running.fake.click(message, "pager:next")
    assert message.embeds[0]["footer"]["text"].startswith("Page 2/")
    assert [f["name"] for f in message.embeds[0]["fields"]] != first_titles
    assert buttons(message)["pager:page"]["label"].startswith("2/")


async def test_nothing_found_is_ephemeral_and_suggests_what_to_try(running: Running) -> None:
    run = await running.fake.slash("search", options={"query": "zebra crossing @everyone"})
    reply = await run.wait_original()
    assert run.response_type == 4
    assert reply.ephemeral
    assert reply.content.startswith("Nothing I've read matches **zebra crossing")
    assert "`PfP`" in reply.content
    assert "@everyone" not in reply.content  # defused with a zero-width space
    assert_no_live_mentions(reply)


async def test_a_slow_search_is_deferred_then_answered(
    running: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = hold_query(monkeypatch, running.store, "search")
    run = await running.fake.slash("search", options={"query": "Afghanistan"})
    assert run.response_type == 5  # "thinking..." within the deadline
    release.set()
    message = await run.wait_original()
    assert not message.ephemeral
    assert message.embeds[0]["title"] == "Search: Afghanistan"


async def test_a_slow_search_finding_nothing_replaces_the_placeholder_ephemerally(
    running: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = hold_query(monkeypatch, running.store, "search")
    run = await running.fake.slash("search", options={"query": "zebra crossing @everyone"})
    assert run.response_type == 5
    release.set()
    await run.wait_until(lambda r: bool(r.followups), what="the nothing-found reply")
    calls = [r.key for r in running.fake.requests if "/webhooks/" in r.key]
    # The public placeholder is deleted first, then the explanation is an ephemeral follow-up.
    assert calls[0].startswith("DELETE ") and calls[0].endswith("/messages/@original")
    assert run.original.deleted
    reply = run.followups[0]
    assert reply is not run.original
    assert reply.ephemeral
    assert reply.content.startswith("Nothing I've read matches **zebra crossing")
    followup = running.fake.requests.matching("POST /webhooks/*")[-1].json
    assert followup["flags"] == 64
    assert followup["allowed_mentions"] == {"parse": []}


async def test_markdown_in_the_query_is_shown_literally(running: Running) -> None:
    run = await running.fake.slash("search", options={"query": "**Azerbaijan**"})
    message = await run.wait_original()
    assert message.embeds[0]["title"].startswith("Search: \\*\\*Azerbaijan\\*\\*")
    assert_no_live_mentions(message)
