"""/sources over the wire."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.store import Store
from tests.e2e.fakediscord import FakeDiscord, FakeGuild
from tests.e2e.seeded_bot import (
    Running,
    almanac,
    assert_nobody_pinged,
    buttons,
    many_events_facts,
)


async def test_sources_lists_articles_with_what_was_taken(running: Running) -> None:
    run = await running.fake.slash("sources")
    message = await run.wait_original()
    embed = message.embeds[0]
    assert embed["title"] == "Sources"
    assert embed["description"] == (
        "Azerbaijan is a reliable partner of NATO… · 29 Nov 2018 · Abdul Kerimkhanov\n"
        "6 events, 9 programmes, 2 people"
    )
    assert embed["footer"]["text"] == "1 article"
    assert_nobody_pinged(running.fake)


async def test_many_sources_are_paged_and_read_a_page_at_a_time(
    fake_discord: FakeDiscord, fake_guild: FakeGuild, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    chronicle = many_events_facts(1)
    for serial in range(12):
        article = replace(chronicle.article, title=f"Chronicle {serial}", sha256=f"{serial:064x}")
        await store.ingest(replace(chronicle, article=article))
    read: list[tuple[int | None, int]] = []
    sources = store.sources

    async def counted_sources(limit: int | None = None, offset: int = 0):
        read.append((limit, offset))
        return await sources(limit, offset)

    monkeypatch.setattr(store, "sources", counted_sources)
    async with almanac(fake_discord, store) as running:
        message = await (await running.fake.slash("sources")).wait_original()
        assert message.embeds[0]["footer"]["text"] == "Page 1/2 · 13 articles"
        assert len(message.embeds[0]["description"].split("\n")) == 2 * 10  # title, counts
        await running.fake.click(message, "pager:next")
        assert message.embeds[0]["footer"]["text"] == "Page 2/2 · 13 articles"
        assert len(message.embeds[0]["description"].split("\n")) == 2 * 3
        assert buttons(message)["pager:last"].get("disabled")
    # Read a page at a time, never the whole library at once.
    assert read == [(10, 0), (10, 10)]


async def test_no_articles_is_explained(
    fake_discord: FakeDiscord, fake_guild: FakeGuild, tmp_path
) -> None:
    async with (
        await Store.open(tmp_path / "empty.db") as empty,
        almanac(fake_discord, empty) as running,
    ):
        run = await running.fake.slash("sources")
        assert run.original.ephemeral
        assert "haven't read any articles yet" in run.original.content
