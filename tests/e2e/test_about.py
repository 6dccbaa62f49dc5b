"""/about over the wire."""

from __future__ import annotations

from importlib.metadata import version

from tests.e2e.seeded_bot import (
    Running,
    assert_nobody_pinged,
)


async def test_about_says_what_it_knows_and_its_version(running: Running) -> None:
    run = await running.fake.slash("about")
    message = await run.wait_original()
    embed = message.embeds[0]
    assert embed["title"] == "Almanac"
    fields = {field["name"]: field["value"] for field in embed["fields"]}
    assert fields["What I know"] == (
        "1 article: 6 events, from Mar 1992 to 29 Nov 2018; 9 programmes; 2 people."
    )
    assert "`/timeline start:1990 end:2000`" in fields["How to use me"]
    assert embed["footer"]["text"].startswith(f"Almanac {version('almanac')}")
    assert_nobody_pinged(running.fake)
