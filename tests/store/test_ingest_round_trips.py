"""What an ingest costs in round trips to the database thread, and that saving in few of
them changes nothing: each round trip is a hand-off between the event loop and aiosqlite's
thread, and on the ingestion benchmark they were most of the time (135 per article before
statements were batched)."""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from bot.facts import Event, Person, Programme
from bot.store import Store
from bot.store.ingest import EXPLANATION_MENTIONS, combine_descriptions
from bot.store.results import ProgrammeRef
from tests.store.factories import dump, event, facts, seed_facts

# One per statement a new article needs: BEGIN, find the article, read the programmes its
# mentions name, then insert the article, new programmes, mentions, people, relations,
# events, event links, period and year counts; read the touched programmes, update them,
# add search entries and word counts; count the programme change, COMMIT.
NEW_ARTICLE_ROUND_TRIPS = 18


@contextmanager
def round_trips(store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Count the calls the store's write connection sends to its thread (every execute,
    executemany, fetch and cursor close goes through aiosqlite's Connection._execute)."""
    writer = store._writer
    count = [0]
    send = writer._execute

    async def counted(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
        count[0] += 1
        return await send(fn, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(writer, "_execute", counted)
        yield count


def big_article(**article_fields: object):
    """Ten times the seed article's facts: 60 events, 15 programmes, 10 people."""
    programmes = tuple(
        Programme(
            f"P{i}",
            f"Programme number {i}",
            f"Programme {i} does things.",
            part_of=f"P{i + 1}" if i % 2 == 0 else None,
        )
        for i in range(15)
    )
    events = tuple(
        event(f"{1950 + i}", f"Event {i}", f"P{i % 15}", f"P{(i + 1) % 15}") for i in range(60)
    )
    people = tuple(Person(f"Person {i}") for i in range(10))
    return facts(*events, programmes=programmes, people=people, **article_fields)


async def test_a_new_article_costs_the_same_few_round_trips_whatever_its_size(
    store: Store, monkeypatch: pytest.MonkeyPatch
):
    with round_trips(store, monkeypatch) as small:
        await store.ingest(seed_facts())
    with round_trips(store, monkeypatch) as big:
        await store.ingest(big_article(path="/big.txt", text="big"))
    assert small[0] == big[0] == NEW_ARTICLE_ROUND_TRIPS


async def test_an_unchanged_article_costs_three_round_trips(
    store: Store, monkeypatch: pytest.MonkeyPatch
):
    await store.ingest(big_article())
    with round_trips(store, monkeypatch) as count:
        assert (await store.ingest(big_article())).status == "unchanged"
    assert count[0] == 3  # BEGIN, find the article, COMMIT


async def test_replacing_and_removing_cost_a_bounded_number_whatever_the_size(
    store: Store, monkeypatch: pytest.MonkeyPatch
):
    costs = []
    for build, path in ((seed_facts, "/small.txt"), (big_article, "/big.txt")):
        added = await store.ingest(build(path=path))
        with round_trips(store, monkeypatch) as updated:
            assert (await store.ingest(build(path=path, text="edited"))).status == "updated"
        with round_trips(store, monkeypatch) as removed:
            assert await store.remove_article(added.article_id)
        costs.append((updated[0], removed[0]))
    assert costs[0] == costs[1]
    updated, removed = costs[0]
    # Replacing also reads the old facts once, deletes them from four tables, and deletes
    # their search entries and counts and the programmes left without mentions.
    assert updated <= NEW_ARTICLE_ROUND_TRIPS + 12
    assert removed <= NEW_ARTICLE_ROUND_TRIPS


async def test_a_mention_merged_away_within_its_own_article_is_followed_to_its_programme(
    store: Store,
):
    """A name-only mention makes a programme that a later mention of the same article, naming
    the name with a known acronym, merges into that acronym's programme: the article's events
    and relations follow the merge (they used to point at the deleted programme, and the
    ingest failed on a foreign key)."""
    await store.ingest(facts(programmes=(Programme("GD", None, "Known by acronym."),)))
    result = await store.ingest(
        facts(
            event("1993", "Gamma Delta began", "Gamma Delta"),
            programmes=(
                Programme(None, "Gamma Delta", "Named first.", part_of="GD"),
                Programme("GD", "Gamma Delta", "Both names."),
            ),
            path="/second.txt",
            text="second",
        )
    )
    assert (result.status, result.programmes) == ("added", 1)
    stats = await store.stats()
    assert stats.programmes == 1
    found = (await store.programme("Gamma Delta")).found
    assert found is not None and found.ref.acronym == "GD"
    assert [e.summary for e in found.events] == ["Gamma Delta began"]
    assert found.part_of == () and found.parts == ()  # no relation of a programme to itself


async def test_programmes_and_their_search_entries_equal_a_fresh_reading(store: Store):
    """Programmes are written only when their values change: after every kind of write they
    must still equal what their mentions say, and their search entries their label and
    explanation."""
    pfp = Programme("PfP", "Partnership for Peace", "A NATO programme for cooperation.")

    async def assert_programmes_match_mentions() -> None:
        mentions = await store.conn.execute_fetchall(
            "SELECT m.programme_id, m.article_id, m.position, m.acronym, m.name, m.description "
            "FROM programme_mentions m JOIN articles a ON a.id = m.article_id "
            "ORDER BY m.programme_id, a.published_on IS NULL, a.published_on, m.article_id, "
            "m.position"
        )
        expected = {}
        for programme_id in sorted({row[0] for row in mentions}):
            rows = [row for row in mentions if row[0] == programme_id]

            def most_used(column: int, rows=rows) -> str | None:
                values = [row[column] for row in rows if row[column] is not None]
                if not values:
                    return None
                first = {v: min((r[1], r[2]) for r in rows if r[column] == v) for v in values}
                return min(set(values), key=lambda v: (-values.count(v), first[v]))

            acronym, name = most_used(3), most_used(4)
            explanation = combine_descriptions(r[5] for r in rows[:EXPLANATION_MENTIONS])
            label = ProgrammeRef(programme_id, acronym, name).label
            expected[programme_id] = (
                acronym,
                name,
                explanation,
                len({r[1] for r in rows}),
                label,
                explanation,
            )
        stored = await store.conn.execute_fetchall(
            "SELECT p.id, p.acronym, p.name, p.explanation, p.mentions, s.title, s.body "
            "FROM programmes p LEFT JOIN search_index s ON s.rowid = p.id * 4 + 2"
        )
        assert {row[0]: tuple(row[1:]) for row in stored} == expected
        entries = await store.conn.execute_fetchall(
            "SELECT count(*) FROM search_index WHERE rowid % 4 = 2"
        )
        assert entries[0][0] == len(expected)

    await store.ingest(seed_facts())
    await assert_programmes_match_mentions()
    # Another article: PfP's mention count changes, its explanation gains a description.
    await store.ingest(
        facts(
            programmes=(Programme("PfP", None, "Cooperation with NATO."),),
            path="/b",
            title="B",
        )
    )
    await assert_programmes_match_mentions()
    # The same description again, from an older article: only the count changes.
    older = {"published_on": None, "path": "/c", "title": "C"}
    await store.ingest(facts(programmes=(pfp,), **older))
    await assert_programmes_match_mentions()
    # Spelled differently by most mentions: the shown name changes.
    for path in ("/d", "/e", "/f"):
        await store.ingest(
            facts(programmes=(Programme("P.f.P.", "The Partnership for Peace", "x"),), path=path)
        )
    await assert_programmes_match_mentions()
    await store.ingest(seed_facts(text="edited", title="Edited"))
    await assert_programmes_match_mentions()
    assert await store.remove_article(1)
    await assert_programmes_match_mentions()
    # A write that changes no programme value leaves the rows as they were.
    before = await dump(store)
    await store.ingest(facts(event("2001", "No programme here"), path="/g", title="G"))
    after = await dump(store)
    programme_rows = [line for line in before if '"programmes"' in line]
    assert programme_rows == [line for line in after if '"programmes"' in line]


def test_the_big_article_is_bigger():
    assert len(big_article().events) == 10 * len(seed_facts().events)
    assert isinstance(big_article().events[0], Event)
