import random
from datetime import date

import pytest

from bot.facts import Event, Programme
from bot.store import Store, queries
from tests.store.factories import PFP, event, facts, seed_facts

TODAY = date(2024, 6, 1)


# -- timeline ----------------------------------------------------------------------------------


async def test_timeline_is_chronological_year_before_month_before_day(store: Store):
    await store.ingest(
        facts(
            event("1994-03-05", "first on the day"),
            event("1994", "the year"),
            event("1994-03", "the month"),
            event("1993", "the year before"),
            event("1994-03-05", "second on the day"),
        )
    )
    page = await store.timeline()
    assert [e.summary for e in page.entries] == [
        "the year before",
        "the year",
        "the month",
        "first on the day",
        "second on the day",
    ]
    assert (page.total, page.offset, page.limit, page.topic) == (5, 0, 10, None)


async def test_a_year_window_keeps_every_event_that_overlaps_it(store: Store):
    await store.ingest(
        facts(
            event("1990", "long before"),
            event("1997", "a range into the window", end="2003"),
            event("1999-12-31", "the day before"),
            event("2000-01", "inside"),
            event("2010", "last year inside"),
            event("2011", "after"),
        )
    )

    async def summaries(start: int | None, end: int | None) -> list[str]:
        page = await store.timeline(start, end)
        assert page.total == len(page.entries)
        return [e.summary for e in page.entries]

    assert await summaries(2000, 2010) == ["a range into the window", "inside", "last year inside"]
    assert await summaries(2003, 2003) == ["a range into the window"]
    assert await summaries(2004, 2010) == ["last year inside"]
    assert await summaries(2010, 2000) == await summaries(2000, 2010)  # read the right way
    assert await summaries(None, 1997) == ["long before", "a range into the window"]
    assert await summaries(2011, None) == ["after"]
    assert await summaries(2050, None) == []


async def test_an_open_ended_range_is_kept_as_one(store: Store):
    await store.ingest(
        facts(
            event("1997", "Azerbaijan has taken part in PARP since 1997", open_ended=True),
            event("2002", "Azerbaijan supported ISAF", end="2014", open_ended=True),
            event("2005", "A single year"),
        )
    )
    page = await store.timeline()
    assert [(e.date, e.end, e.open_ended) for e in page.entries] == [
        ("1997", None, True),
        # A range with a known end is closed whatever the extractor said.
        ("2002", "2014", False),
        ("2005", None, False),
    ]


async def test_a_topic_is_matched_like_a_programme(store: Store):
    await store.ingest(seed_facts())
    page = await store.timeline(topic="partnrship for peace")
    assert page.topic is not None and page.topic.acronym == "PfP"
    assert [e.date for e in page.entries] == ["1994", "1997"]
    assert page.entries[1].programmes == ("PARP", "PfP")  # in the order the sentence names them
    assert page.total == 2
    assert (await store.timeline(1995, None, topic="PfP")).total == 1
    unknown = await store.timeline(topic="Warsaw Pact")
    assert (unknown.entries, unknown.total, unknown.topic) == ((), 0, None)


async def test_timeline_pages_and_their_limits(store: Store):
    await store.ingest(facts(*(event(f"{1900 + i}", f"event {i}") for i in range(30))))
    seen = []
    for offset in range(0, 30, 7):
        page = await store.timeline(limit=7, offset=offset)
        assert page.total == 30 and page.offset == offset and page.limit == 7
        seen += [e.summary for e in page.entries]
    assert seen == [f"event {i}" for i in range(30)]
    assert (await store.timeline(offset=100)).entries == ()
    assert (await store.timeline(limit=1000)).limit == queries.MAX_PAGE
    with pytest.raises(ValueError):
        await store.timeline(limit=0)
    with pytest.raises(ValueError):
        await store.timeline(offset=-1)
    with pytest.raises(ValueError, match="0 to 9999"):
        await store.timeline(-5, 2000)


@pytest.mark.parametrize("deep_page", [0, 3, 10_000])
async def test_every_page_of_any_window_matches_a_plain_reading(
    store: Store, monkeypatch: pytest.MonkeyPatch, deep_page: int
):
    """Counting by period, skipping periods and straddling ranges must give exactly what
    filtering and sorting all events would."""
    monkeypatch.setattr(queries, "DEEP_PAGE", deep_page)
    rng = random.Random(7)
    programmes = (PFP, Programme("ISAF", None, "A force."))
    for number in range(4):
        events = []
        for i in range(40):
            year = rng.randint(1990, 2010)
            form = rng.choice(["year", "month", "day"])
            when = {
                "year": f"{year}",
                "month": f"{year}-{rng.randint(1, 12):02d}",
                "day": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            }[form]
            end = f"{year + rng.randint(1, 8)}" if rng.random() < 0.25 else None
            named = tuple(p.key for p in programmes if rng.random() < 0.4)
            events.append(Event(when, end, form, f"a{number} e{i}", "s.", named))
        await store.ingest(
            facts(*events, programmes=programmes, path=f"/{number}.txt", title=f"{number}")
        )
    everything = await store.timeline(limit=100)
    assert everything.total == 160
    every = [
        e
        for offset in range(0, 160, 100)
        for e in (await store.timeline(limit=100, offset=offset)).entries
    ]
    order = [(e.date, int((e.end or e.date)[:4]), e.id) for e in every]
    assert order == sorted(order)

    for start, end, topic in [
        (None, None, None),
        (1995, 2000, None),
        (2003, None, "PfP"),
        (None, 1993, "ISAF"),
        (2000, 2000, None),
        (2012, 2020, "PfP"),
    ]:
        wanted = [
            e.id
            for e in every
            if (start is None or int((e.end or e.date)[:4]) >= start)
            and (end is None or int(e.date[:4]) <= end)
            and (topic is None or topic in e.programmes)
        ]
        got = []
        for offset in range(0, len(wanted) + 5, 4):
            page = await store.timeline(start, end, topic, limit=4, offset=offset)
            assert page.total == len(wanted), (start, end, topic)
            got += [e.id for e in page.entries]
        assert got == wanted, (start, end, topic)


# -- programmes --------------------------------------------------------------------------------


async def test_programme_lookup_gives_everything_about_it(store: Store):
    await store.ingest(seed_facts())
    found = (await store.programme("PfP")).found
    assert found is not None
    assert found.ref.label == "Partnership for Peace (PfP)"
    assert found.explanation == PFP.description
    assert [e.summary for e in found.events] == [
        "Azerbaijan joined the Partnership for Peace programme",
        "Azerbaijan began taking part in PARP",
    ]
    assert found.events_total == 2
    assert [s.title for s in found.sources] == ["Azerbaijan is a reliable partner of NATO"]
    assert found.sources[0].published_on == "2018-11-29"


async def test_programme_events_are_capped_and_counted(
    store: Store, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(queries, "PROGRAMME_EVENTS", 3)
    await store.ingest(
        facts(*(event(f"{2000 + i}", f"e{i}", "PfP") for i in range(8)), programmes=(PFP,))
    )
    found = (await store.programme("pfp")).found
    assert found is not None
    assert [e.summary for e in found.events] == ["e0", "e1", "e2"]
    assert found.events_total == 8


async def test_sources_of_a_programme_are_oldest_first(store: Store):
    for year, path in ((2020, "/c"), (2001, "/a"), (2010, "/b")):
        await store.ingest(
            facts(programmes=(PFP,), path=path, title=path, published_on=date(year, 1, 1))
        )
    await store.ingest(facts(programmes=(PFP,), path="/undated", title="u", published_on=None))
    found = (await store.programme("pfp")).found
    assert found is not None
    assert [s.title for s in found.sources] == ["/a", "/b", "/c", "u"]


async def test_an_unknown_programme_gives_suggestions(store: Store):
    await store.ingest(seed_facts())
    lookup = await store.programme("Partnership")
    assert lookup.found is None
    assert [s.acronym for s in lookup.suggestions][:2] == ["PfP", "EAPC"]
    assert (await store.programme("zzzzzz")).suggestions == ()


async def test_programme_choices_are_capped_at_25(store: Store):
    await store.ingest(
        facts(programmes=tuple(Programme(f"P{i}", f"Programme {i}", "d") for i in range(40)))
    )
    assert len(await store.programme_choices("")) == 25
    assert len(await store.programme_choices("p", limit=100)) == 25
    assert [c.acronym for c in await store.programme_choices("P3", limit=3)] == ["P3", "P30", "P31"]


# -- on this date ------------------------------------------------------------------------------


async def test_on_this_date_lists_day_events_oldest_first_with_years_ago(store: Store):
    await store.ingest(
        facts(
            event("2018-11-29", "Stoltenberg met Mammadov"),
            event("1994-11-29", "An older event"),
            event("1994-11", "Only a month: not a day"),
            event("2030-11-29", "In the future: not history"),
            event("2001-11-28", "The day before"),
        )
    )
    result = await store.on_this_date(11, 29, TODAY)
    assert [(d.event.summary, d.years_ago) for d in result.entries] == [
        ("An older event", 30),
        ("Stoltenberg met Mammadov", 6),
    ]
    assert (result.fallback, result.fallback_note, result.total) == ((), None, 2)


async def test_on_this_date_caps_entries_and_counts_all(store: Store):
    await store.ingest(facts(*(event(f"{1950 + i}-03-01", f"e{i}") for i in range(7))))
    result = await queries.on_this_date(store.conn, 3, 1, TODAY, limit=3)
    assert [d.event.summary for d in result.entries] == ["e0", "e1", "e2"]
    assert result.total == 7


async def test_29_february_works(store: Store):
    await store.ingest(facts(event("2000-02-29", "A leap day"), event("2001-03-01", "Spring")))
    result = await store.on_this_date(2, 29, date(2023, 3, 1))
    assert [(d.event.summary, d.years_ago) for d in result.entries] == [("A leap day", 23)]
    # 1 March is the nearest day before 28 February only round the year: too far.
    assert (await store.on_this_date(2, 28, TODAY)).fallback_note == (
        "The nearest date with events: 29 February."
    )
    assert (await store.on_this_date(3, 2, TODAY)).fallback_note == (
        "The nearest date with events: 1 March."
    )


async def test_without_events_the_nearest_days_either_side_are_shown(store: Store):
    await store.ingest(
        facts(
            event("1990-03-01", "March"),
            event("1991-03-01", "March again"),
            event("1995-12-20", "December"),
            event("1999-07-04", "July"),
        )
    )
    result = await store.on_this_date(5, 5, TODAY)
    assert result.entries == ()
    assert [d.event.summary for d in result.fallback] == ["March", "March again", "July"]
    assert result.fallback_note == "The nearest dates with events: 1 March and 4 July."
    # Round the year end, both ways.
    wrapped = await store.on_this_date(1, 15, TODAY)
    assert [d.event.summary for d in wrapped.fallback] == ["December", "March", "March again"]
    assert wrapped.fallback_note == "The nearest dates with events: 20 December and 1 March."


async def test_a_single_day_with_events_is_named_once(store: Store):
    await store.ingest(facts(event("1999-07-04", "July")))
    result = await store.on_this_date(1, 1, TODAY)
    assert [d.event.summary for d in result.fallback] == ["July"]
    assert result.fallback_note == "The nearest date with events: 4 July."


async def test_on_this_date_with_no_day_events_at_all(store: Store):
    await store.ingest(facts(event("1999", "A year only")))
    result = await store.on_this_date(1, 1, TODAY)
    assert (result.entries, result.fallback) == ((), ())
    assert result.fallback_note == "No events dated to the day are on record yet."


@pytest.mark.parametrize(("month", "day"), [(4, 31), (2, 30), (13, 1), (0, 5)])
async def test_days_no_year_has_are_refused(store: Store, month: int, day: int):
    with pytest.raises(ValueError):
        await store.on_this_date(month, day, TODAY)


# -- sources, stats, meta ----------------------------------------------------------------------


async def test_sources_newest_first_with_counts(store: Store):
    await store.ingest(seed_facts())
    await store.ingest(
        facts(
            event("2001", "x"),
            path="/b",
            title="Older",
            published_on=date(2001, 1, 1),
            source="https://example.org/a",
        )
    )
    await store.ingest(facts(path="/c", title="Undated", published_on=None))
    summaries = await store.sources()
    assert [s.source.title for s in summaries] == [
        "Azerbaijan is a reliable partner of NATO",
        "Older",
        "Undated",
    ]
    assert (summaries[0].events, summaries[0].programmes, summaries[0].people) == (6, 5, 2)
    assert summaries[1].source.url == "https://example.org/a"
    assert summaries[0].source.url is None  # "Azernews" is not an address
    assert [s.source.title for s in await store.sources(limit=1, offset=1)] == ["Older"]


async def test_stats(store: Store):
    empty = await store.stats()
    assert (empty.articles, empty.events, empty.earliest, empty.latest) == (0, 0, None, None)
    await store.ingest(seed_facts())
    stats = await store.stats()
    assert (stats.articles, stats.events, stats.programmes, stats.people) == (1, 6, 5, 2)
    assert (stats.earliest, stats.latest) == ("1992-03", "2018-11-29")


async def test_meta_values_are_stored_and_replaced(store: Store):
    assert await store.get_meta("command_hash") is None
    await store.set_meta("command_hash", "one")
    await store.set_meta("command_hash", "two")
    assert await store.get_meta("command_hash") == "two"
