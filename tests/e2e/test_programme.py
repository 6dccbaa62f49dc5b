"""/programme over the wire."""

from __future__ import annotations

from bot.store import Store
from tests.e2e.fakediscord import FakeDiscord, FakeGuild
from tests.e2e.seeded_bot import (
    Running,
    almanac,
    assert_no_live_mentions,
    assert_nobody_pinged,
    hostile_facts,
)


async def test_programme_explains_dates_relations_and_sources(running: Running) -> None:
    run = await running.fake.slash("programme", options={"name": "PfP"})
    message = await run.wait_original()
    assert not message.ephemeral
    embed = message.embeds[0]
    assert embed["title"] == "Partnership for Peace (PfP)"
    assert embed["description"].startswith("Bilateral cooperation began")
    fields = {field["name"]: field["value"] for field in embed["fields"]}
    assert fields["Key dates"].startswith("**1994** - Bilateral cooperation began")
    assert fields["Parts"] == "PfP Planning and Review Process (PARP)"
    assert fields["Source"] == (
        "Azerbaijan is a reliable partner of NATO… · 29 Nov 2018 · Abdul Kerimkhanov"
    )
    assert_nobody_pinged(running.fake)


async def test_full_name_with_a_typo_finds_the_programme(running: Running) -> None:
    run = await running.fake.slash("programme", options={"name": "Partnership for Piece"})
    assert (await run.wait_original()).embeds[0]["title"] == "Partnership for Peace (PfP)"


async def test_autocomplete_is_fuzzy_and_within_limits(running: Running) -> None:
    choices = await running.fake.autocomplete("programme", focused="name", value="pa")
    assert choices[0] == {"name": "Partnership for Peace (PfP)", "value": "PfP"}
    assert len(choices) <= 25
    assert all(len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in choices)
    everything = await running.fake.autocomplete("programme", focused="name", value="")
    assert len(everything) == 9  # every programme of the seed article


async def test_unknown_name_gets_closest_suggestions_ephemerally(running: Running) -> None:
    run = await running.fake.slash("programme", options={"name": "partnership"})
    assert run.original.ephemeral
    text = run.original.content
    assert text.startswith("I don't know a programme called **partnership**. Did you mean:")
    assert "- Partnership for Peace (PfP)" in text
    assert "`/programme name:PfP`" in text

    run = await running.fake.slash("programme", options={"name": "zzzz"})
    assert run.original.ephemeral
    assert "`/search query:zzzz`" in run.original.content


async def test_huge_and_hostile_data_still_fits_discord(
    fake_discord: FakeDiscord, fake_guild: FakeGuild, store: Store
) -> None:
    await store.ingest(hostile_facts())
    async with almanac(fake_discord, store) as running:
        choices = await running.fake.autocomplete("programme", focused="name", value="Extraord")
        huge = next(c for c in choices if c["value"] == "HUGE")
        assert len(huge["name"]) <= 100 and huge["name"].endswith("…")

        run = await running.fake.slash("programme", options={"name": "HUGE"})
        message = await run.wait_original()  # the fake rejects anything over a limit
        assert not run.rejected
        embed = message.embeds[0]
        assert embed["title"].startswith("Programme Extraordinarily Long Name")
        assert len(embed["title"]) <= 256
        assert_no_live_mentions(message)
        assert "\\*\\*Committee\\*\\*" in embed["description"]  # shown, not formatted
        assert_nobody_pinged(running.fake)
