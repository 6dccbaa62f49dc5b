"""/onthisday over the wire. The bot's clock says 29 November 2025, 12:00 UTC."""

from __future__ import annotations

import pytest

from tests.e2e.seeded_bot import (
    Running,
    assert_nobody_pinged,
)


async def test_today_by_default_with_years_ago(running: Running) -> None:
    run = await running.fake.slash("onthisday")
    message = await run.wait_original()
    assert not message.ephemeral
    embed = message.embeds[0]
    assert embed["title"] == "On this day: 29 November"
    assert embed["description"].startswith(
        "**2018** (7 years ago) - Azerbaijan is a reliable partner of NATO"
    )
    assert embed["description"].endswith("[1]")
    assert embed["fields"][0]["value"].startswith("[1] Azerbaijan is a reliable partner")
    assert embed["footer"]["text"] == "1 event · today is 29 November (UTC)"
    assert_nobody_pinged(running.fake)


@pytest.mark.parametrize("typed", ["11-29", "29 November", "Nov 29", "29/11", "november 29th"])
async def test_the_accepted_ways_of_writing_a_day(running: Running, typed: str) -> None:
    run = await running.fake.slash("onthisday", options={"date": typed})
    embed = (await run.wait_original()).embeds[0]
    assert embed["title"] == "On this day: 29 November"
    assert embed["footer"]["text"] == "1 event"  # not "today"


async def test_an_empty_day_says_so_and_shows_the_nearest(running: Running) -> None:
    run = await running.fake.slash("onthisday", options={"date": "1 March"})
    message = await run.wait_original()
    assert not message.ephemeral
    first, second = message.embeds[0]["description"].split("\n")
    assert first == (
        "Nothing I know of happened on 1 March. The nearest date with events: 29 November."
    )
    assert second.startswith("**29 Nov 2018** (7 years ago) - ")


@pytest.mark.parametrize(
    ("typed", "explained"),
    [
        ("blah", "`11-29`, `29 November` or `Nov 29`"),
        ("5/6", "could be 5 June or 6 May"),
        ("31 April", "not a day of the year"),
    ],
)
async def test_bad_dates_are_explained_with_examples(
    running: Running, typed: str, explained: str
) -> None:
    run = await running.fake.slash("onthisday", options={"date": typed})
    assert run.original.ephemeral
    assert explained in run.original.content
