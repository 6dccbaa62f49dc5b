"""Embed builders against ordinary and hostile data: every embed within Discord's limits."""

import re

import discord

from bot.store.results import HIGHLIGHT_END as E
from bot.store.results import HIGHLIGHT_START as S
from bot.store.results import (
    DatedEntry,
    EventEntry,
    ProgrammeDetail,
    ProgrammeRef,
    SearchHit,
    SourceRef,
    SourceSummary,
    Stats,
)
from cogs.ui import embeds
from cogs.ui.limits import CHOICE_NAME, CHOICE_VALUE, CONTENT, embed_problems

SOURCE = SourceRef(
    article_id=1,
    title="Azerbaijan is a reliable partner of NATO",
    published_on="2018-11-29",
    author="Abdul Kerimkhanov",
    url=None,
)
HUGE = "@everyone <@123> **bold** " + "sentence " * 600  # > 5,000 chars
HUGE_SOURCE = SourceRef(2, HUGE, "2019-01-01", HUGE, "https://example.com/" + "p" * 600)
PFP = ProgrammeRef(1, "PfP", "Partnership for Peace")
HUGE_REF = ProgrammeRef(2, None, "N" * 300)


def event(summary: str = "Azerbaijan joined the Partnership for Peace (PfP)", **kw) -> EventEntry:
    values = dict(
        id=1,
        date="1994",
        end=None,
        precision="year",
        summary=summary,
        sentence=summary,
        programmes=("PfP",),
        source=SOURCE,
    )
    values.update(kw)
    return EventEntry(**values)


def assert_valid(embed: discord.Embed) -> None:
    assert embed_problems(embed) == []
    everything = str(embed.to_dict())
    assert "@everyone" not in everything
    assert re.search(r"(?<!\\)<@", everything) is None  # every "<" escaped


def test_timeline_lines_are_dated_and_cite_their_source() -> None:
    entries = [
        event("Azerbaijan joined the NACC", date="1992-03", precision="month"),
        event("ISAF support", date="2002", end="2014"),
        event("PARP participation", date="1997", end=""),
    ]
    embed = embeds.timeline_embed(entries, title="Timeline", total=3, page=0, page_count=1)
    lines = embed.description.split("\n")
    assert lines[0] == "**Mar 1992** - Azerbaijan joined the NACC [1]"
    assert lines[1].startswith("**2002–2014** - ")
    assert lines[2].startswith("**1997–** - ")
    assert embed.fields[0].name == "Source"
    assert embed.fields[0].value.startswith("[1] Azerbaijan is a reliable partner of NATO")
    assert "29 Nov 2018" in embed.fields[0].value
    assert embed.footer.text == "3 events"
    assert_valid(embed)


def test_an_open_ended_range_reads_as_still_running() -> None:
    line = embeds.event_line(
        event("Azerbaijan takes part in PARP", date="1997", open_ended=True), "[1]"
    )
    assert line == "**1997–** - Azerbaijan takes part in PARP [1]"
    closed = embeds.event_line(event("ISAF", date="2002", end="2014"), "[1]")
    assert closed.startswith("**2002–2014** - ")


def test_timeline_numbers_distinct_sources() -> None:
    other = SourceRef(7, "Another article", None, None, "https://example.com/a")
    entries = [event(), event(source=other), event()]
    embed = embeds.timeline_embed(entries, title="T", total=30, page=1, page_count=3)
    assert [line[-3:] for line in embed.description.split("\n")] == ["[1]", "[2]", "[1]"]
    assert "[2] [Another article](https://example.com/a)" in embed.fields[0].value
    assert embed.footer.text == "Page 2/3 · 30 events"


def test_timeline_with_hostile_data_stays_within_limits() -> None:
    entries = [event(HUGE, source=SourceRef(i, HUGE, None, HUGE, None)) for i in range(10)]
    embed = embeds.timeline_embed(
        entries, title="Timeline: " + HUGE, total=10, page=0, page_count=1
    )
    assert_valid(embed)
    assert embed.description.count("\n") == 9  # all ten entries shown, each shortened


def test_timeline_title() -> None:
    assert embeds.timeline_title(None, None, None) == "Timeline"
    assert embeds.timeline_title(1990, 2000, None) == "Timeline 1990–2000"
    assert (
        embeds.timeline_title(1997, None, PFP)
        == "Timeline: Partnership for Peace (PfP), since 1997"
    )
    assert embeds.timeline_title(None, 2000, None) == "Timeline up to 2000"


def detail(**kw) -> ProgrammeDetail:
    values = dict(
        ref=PFP,
        explanation="A NATO programme of practical bilateral cooperation.",
        events=(event(),),
        part_of=(),
        parts=(ProgrammeRef(3, "PARP", "PfP Planning and Review Process"),),
        succeeded_by=(),
        preceded_by=(),
        sources=(SOURCE,),
    )
    values.update(kw)
    return ProgrammeDetail(**values)


def test_programme_embed_shows_dates_relations_and_sources() -> None:
    embed = embeds.programme_embed(detail())
    assert embed.title == "Partnership for Peace (PfP)"
    assert embed.description.startswith("A NATO programme")
    fields = {f.name: f.value for f in embed.fields}
    assert fields["Key dates"] == "**1994** - Azerbaijan joined the Partnership for Peace (PfP)"
    assert fields["Parts"] == "PfP Planning and Review Process (PARP)"
    assert fields["Source"].startswith("Azerbaijan is a reliable partner of NATO · 29 Nov 2018")
    assert_valid(embed)


def test_programme_embed_with_hostile_data_stays_within_limits() -> None:
    many = tuple(event(HUGE, id=i) for i in range(200))
    refs = tuple(HUGE_REF for _ in range(50))
    embed = embeds.programme_embed(
        detail(
            ref=HUGE_REF,
            explanation=HUGE,
            events=many,
            part_of=refs,
            parts=refs,
            succeeded_by=refs,
            preceded_by=refs,
            sources=tuple(HUGE_SOURCE for _ in range(50)),
        )
    )
    assert_valid(embed)
    key_dates = next(f.value for f in embed.fields if f.name == "Key dates")
    assert "more: `/timeline topic:" in key_dates


def test_programme_not_found_suggests_and_gives_an_example() -> None:
    text = embeds.programme_not_found("Partnership for Piece", [PFP])
    assert "Partnership for Peace (PfP)" in text
    assert "`/programme name:PfP`" in text
    hostile = embeds.programme_not_found(HUGE + "`", [HUGE_REF] * 25)
    assert len(hostile) <= CONTENT
    assert "@everyone" not in hostile
    nothing = embeds.programme_not_found("zzz", [])
    assert "`/search query:zzz`" in nothing


def test_programme_choice_fits_the_autocomplete_limits() -> None:
    choice = embeds.programme_choice(HUGE_REF)
    assert len(choice.name) <= CHOICE_NAME and len(choice.value) <= CHOICE_VALUE
    assert choice.name.endswith("…")
    assert embeds.programme_choice(PFP).value == "PfP"
    assert embeds.programme_choice(PFP).name == "Partnership for Peace (PfP)"


def test_onthisday_shows_years_ago() -> None:
    entry = DatedEntry(event(date="2018-11-29", precision="day"), years_ago=7)
    embed = embeds.onthisday_embed(
        11, 29, [entry], fallback_note=None, page=0, page_count=1, total=1
    )
    assert embed.title == "On this day: 29 November"
    assert embed.description.startswith("**2018** (7 years ago) - Azerbaijan joined")
    assert_valid(embed)


def test_onthisday_empty_day_explains_the_fallback() -> None:
    entry = DatedEntry(event(date="2018-11-29", precision="day"), years_ago=7)
    embed = embeds.onthisday_embed(
        11,
        30,
        [entry],
        fallback_note="Closest day with events: 29 November.",
        page=0,
        page_count=1,
        total=1,
    )
    assert "footer" not in embed.to_dict()  # one page, no count: no (empty) footer at all
    first, second = embed.description.split("\n")
    assert first.startswith("Nothing I know of happened on 30 November.")
    assert second.startswith("**29 Nov 2018** (7 years ago)")


def test_search_embed_bolds_matches_and_stays_within_limits() -> None:
    hit = SearchHit("event", "Mar 1992", f"joined the {S}NACC{E}", "1992-03", SOURCE)
    embed = embeds.search_embed("NACC", [hit], total=1, page=0, page_count=1)
    assert embed.fields[0].name == "Event: Mar 1992 (Mar 1992)"
    assert embed.fields[0].value.startswith("joined the **NACC**\n")
    hostile = SearchHit("article", HUGE, (HUGE + S + "x" + E) * 3, None, HUGE_SOURCE)
    embed = embeds.search_embed(HUGE, [hostile] * 5, total=5, page=0, page_count=1)
    assert_valid(embed)


def test_sources_and_about() -> None:
    summary = SourceSummary(SOURCE, events=12, programmes=8, people=1)
    embed = embeds.sources_embed([summary] * 10, total=25, page=0, page_count=3)
    assert "12 events, 8 programmes, 1 person" in embed.description
    assert embed.footer.text == "Page 1/3 · 25 articles"
    assert_valid(
        embeds.sources_embed(
            [SourceSummary(HUGE_SOURCE, 1, 2, 3)] * 10, total=10, page=0, page_count=1
        )
    )
    about = embeds.about_embed(Stats(1, 12, 8, 2, "1992-03", "2018-11-29"), "0.1.0")
    fields = {f.name: f.value for f in about.fields}
    assert fields["What I know"].startswith("1 article: 12 events, from Mar 1992 to 29 Nov 2018")
    assert "0.1.0" in about.footer.text
    empty = embeds.about_embed(Stats(0, 0, 0, 0, None, None), "0.1.0")
    assert "Nothing yet" in empty.fields[0].value
