from collections import Counter

import pytest

import bot.store as store_module
from bot.facts import Event, Programme
from bot.store import Store
from bot.store import ingest as ingest_module
from bot.store.errors import InvalidFactsError
from bot.store.ingest import combine_descriptions
from bot.store.search import words_of
from tests.store.factories import EAPC, NACC, PFP, dump, event, facts, seed_facts


async def test_same_text_twice_changes_nothing(store: Store):
    first = await store.ingest(seed_facts())
    before = await dump(store)
    second = await store.ingest(seed_facts())
    assert (first.status, second.status) == ("added", "unchanged")
    assert second.article_id == first.article_id
    assert (second.events, second.programmes, second.people) == (6, 5, 2)
    assert await dump(store) == before


async def test_an_edited_article_replaces_its_own_facts(store: Store):
    first = await store.ingest(seed_facts())
    other = await store.ingest(
        facts(event("2001-09-12", "NATO invoked Article 5"), path="/seeds/other.txt", title="B")
    )
    edited = await store.ingest(
        facts(
            event("1994", "Azerbaijan joined the Partnership for Peace", "PfP"),
            programmes=(PFP,),
            text="the edited text",
        )
    )
    assert edited.status == "updated"
    assert edited.article_id == first.article_id
    page = await store.timeline()
    assert [e.summary for e in page.entries] == [
        "Azerbaijan joined the Partnership for Peace",
        "NATO invoked Article 5",
    ]
    assert {e.source.article_id for e in page.entries} == {first.article_id, other.article_id}
    stats = await store.stats()
    assert (stats.articles, stats.events, stats.programmes, stats.people) == (2, 2, 1, 0)
    assert (await store.programme("NACC")).found is None  # mentioned only by the old text
    assert (await store.search("Stoltenberg")).total == 0


async def test_articles_without_a_path_are_identified_by_title_and_source(store: Store):
    first = await store.ingest(facts(event("1994", "A"), path=None, text="one"))
    again = await store.ingest(facts(event("1995", "B"), path=None, text="two"))
    elsewhere = await store.ingest(facts(event("1996", "C"), path=None, text="3", source="APA"))
    assert (first.status, again.status, elsewhere.status) == ("added", "updated", "added")
    assert again.article_id == first.article_id
    assert (await store.stats()).events == 2


async def test_the_same_content_under_another_path_is_not_stored_twice(store: Store):
    first = await store.ingest(seed_facts())
    copy = await store.ingest(seed_facts(path="/elsewhere/copy.txt"))
    assert copy.status == "unchanged"
    assert copy.article_id == first.article_id
    assert copy.path == "/elsewhere/copy.txt"
    assert (await store.stats()).events == 6


async def test_a_failure_mid_ingest_leaves_the_store_exactly_as_before(
    store: Store, monkeypatch: pytest.MonkeyPatch
):
    await store.ingest(seed_facts())
    before = await dump(store)

    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    # After the old facts are deleted and the mentions written, before the events.
    monkeypatch.setattr(ingest_module, "_insert_events", broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        await store.ingest(seed_facts(text="edited"))
    with pytest.raises(RuntimeError, match="disk on fire"):
        await store.ingest(seed_facts(path="/seeds/new.txt", text="new", title="New"))
    assert await dump(store) == before
    monkeypatch.undo()
    # The failure left no transaction open: the next ingest works.
    assert (await store.ingest(seed_facts(text="edited"))).status == "updated"


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (event("1994-13", "A month that does not exist"), "not a YYYY"),
        (event("2019-02-29", "Not a leap year"), "not a YYYY"),
        (Event("94", None, "year", "Two digits", "s.", ()), "not a YYYY"),
        (Event("1994-03", None, "day", "Wrong precision", "s.", ()), "does not match"),
        (event("1994", "A range backwards", end="1990"), "ends"),
        (event("1994-05", "Backwards in one year", end="1994-02"), "ends"),
        (event("1994", "An end that is no date", end="soon"), "the end 'soon'"),
    ],
)
async def test_malformed_facts_are_refused_and_nothing_is_saved(
    store: Store, bad: Event, message: str
):
    before = await dump(store)
    with pytest.raises(InvalidFactsError, match=message):
        await store.ingest(facts(event("1990", "fine"), bad))
    assert await dump(store) == before


async def test_a_range_may_end_within_its_start_year(store: Store):
    await store.ingest(facts(event("1994-05", "Spring to year end", end="1994")))
    assert (await store.timeline(1994, 1994)).total == 1


async def test_a_programme_named_by_two_articles_is_one_programme(store: Store):
    await store.ingest(seed_facts())
    # Another article names PfP by its name only, and spells it differently.
    await store.ingest(
        facts(
            event("2004", "Azerbaijan presented its IPAP", "Partnership for Peace programme"),
            programmes=(
                Programme(None, "Partnership for Peace programme", "Cooperation with NATO."),
            ),
            path="/seeds/second.txt",
            title="Second",
        )
    )
    found = (await store.programme("pfp")).found
    assert found is not None
    assert found.ref.acronym == "PfP" and found.ref.name == "Partnership for Peace"
    assert [e.date for e in found.events] == ["1994", "1997", "2004"]
    assert len(found.sources) == 2
    assert found.explanation == (
        "A NATO programme for bilateral cooperation.\n\nCooperation with NATO."
    )
    assert (await store.stats()).programmes == 5


async def test_an_acronym_only_and_a_name_only_programme_merge_when_tied(store: Store):
    await store.ingest(
        facts(event("1994", "PfP began", "PfP"), programmes=(Programme("PfP", None, "Short."),))
    )
    await store.ingest(
        facts(
            event("1995", "More peace", "Partnership for Peace"),
            programmes=(Programme(None, "Partnership for Peace", "Long."),),
            path="/b.txt",
            title="B",
        )
    )
    assert (await store.stats()).programmes == 2
    await store.ingest(
        facts(
            event("1996", "Both", "PfP"),
            programmes=(Programme("PfP", "Partnership for Peace", "Both names."),),
            path="/c.txt",
            title="C",
        )
    )
    assert (await store.stats()).programmes == 1
    found = (await store.programme("partnership for peace")).found
    assert found is not None
    assert [e.date for e in found.events] == ["1994", "1995", "1996"]
    assert found.events_total == 3
    assert (await store.timeline(topic="PfP")).total == 3
    assert (await store.programme_choices("Partn"))[0].id == found.ref.id


async def test_different_acronyms_with_the_same_name_stay_apart(store: Store):
    await store.ingest(facts(programmes=(Programme("AB", "Alpha Board", "One."),)))
    await store.ingest(
        facts(programmes=(Programme("AX", "Alpha Board", "Two."),), path="/b", title="B")
    )
    assert (await store.stats()).programmes == 2


async def test_removing_an_article_keeps_shared_programmes_and_drops_orphans(store: Store):
    first = await store.ingest(seed_facts())
    await store.ingest(
        facts(
            event("1999", "Hungary joined the EAPC", "EAPC"),
            programmes=(EAPC,),
            path="/b.txt",
            title="B",
        )
    )
    assert await store.remove_article(first.article_id)
    assert not await store.remove_article(first.article_id)
    stats = await store.stats()
    assert (stats.articles, stats.events, stats.programmes, stats.people) == (1, 1, 1, 0)
    eapc = (await store.programme("EAPC")).found
    assert eapc is not None and eapc.preceded_by == ()  # the NACC relation went with its article
    assert eapc.explanation == EAPC.description
    assert (await store.programme("PfP")).found is None
    assert [c.acronym for c in await store.programme_choices("")] == ["EAPC"]
    assert (await store.timeline(topic="EAPC")).total == 1


async def test_relations_are_stored_both_ways(store: Store):
    await store.ingest(seed_facts())
    pfp = (await store.programme("PfP")).found
    parp = (await store.programme("PARP")).found
    nacc = (await store.programme("NACC")).found
    eapc = (await store.programme("EAPC")).found
    assert pfp and parp and nacc and eapc
    assert [r.acronym for r in pfp.parts] == ["PARP"]
    assert [r.acronym for r in parp.part_of] == ["PfP"]
    assert [r.acronym for r in nacc.succeeded_by] == ["EAPC"]
    assert [r.acronym for r in eapc.preceded_by] == ["NACC"]
    assert nacc.parts == nacc.part_of == nacc.preceded_by == ()


async def test_search_words_count_the_entries_holding_each_word(store: Store):
    await store.ingest(seed_facts())
    await store.ingest(seed_facts(text="edited", title="Edited title"))
    await store.ingest(
        facts(event("2001", "Azerbaijan joined", "NACC"), programmes=(NACC,), path="/b", title="B")
    )
    entries = await store.conn.execute_fetchall("SELECT title, body FROM search_index")
    expected = Counter()
    for title, body in entries:
        expected.update(set(words_of(f"{title} {body}")))
    stored = dict(await store.conn.execute_fetchall("SELECT word, docs FROM search_words"))
    assert stored == dict(expected)


def test_descriptions_combine_without_repeats():
    assert combine_descriptions(["A forum.", "", "a  FORUM.", "A forum. It met often.", "B."]) == (
        "A forum. It met often.\n\nB."
    )
    long = ["x" * 1500, "y" * 1500, "z" * 10]
    assert combine_descriptions(long) == "x" * 1500  # whole descriptions only, within 2000


async def test_programmes_ingested_by_another_process_are_found(
    store: Store, tmp_path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(store_module, "INDEX_CHECK_SECONDS", 1e9)
    await store.ingest(facts(programmes=(NACC,)))
    async with await Store.open(tmp_path / "almanac.db") as other:  # e.g. python -m bot ingest
        await other.ingest(seed_facts(path="/other.txt", text="other"))
        await other.remove_article(1)
    # Within the check interval the running store still answers from its index...
    assert (await store.programme("PfP")).found is None
    monkeypatch.setattr(store_module, "INDEX_CHECK_SECONDS", 0.0)
    # ...and then sees the change.
    assert (await store.programme("PfP")).found is not None
    assert {c.acronym for c in await store.programme_choices("")} == {
        "PfP",
        "PARP",
        "NACC",
        "EAPC",
        "ISAF",
    }
    # Its own ingest after that follows on from the reloaded index.
    await store.ingest(facts(programmes=(Programme("KFOR", "Kosovo Force", "d"),), path="/k"))
    assert (await store.programme("kfor")).found is not None
    assert (await store.programme("PfP")).found is not None


async def test_event_counts_follow_every_kind_of_write(store: Store):
    """event_counts and event_year_counts are derived: after adding, updating, merging and
    removing they must equal a count of the rows."""

    async def assert_counts_match_rows() -> None:
        expected = await store.conn.execute_fetchall(
            "SELECT programme_id, period, sum(s), sum(e) FROM ("
            " SELECT 0 AS programme_id, substr(date, 1, 7) AS period, 1 AS s, 0 AS e FROM events"
            " UNION ALL SELECT 0, printf('%04d', end_year), 0, 1 FROM events"
            " UNION ALL SELECT programme_id, substr(date, 1, 7), 1, 0 FROM event_programmes"
            " UNION ALL SELECT programme_id, printf('%04d', end_year), 0, 1 FROM event_programmes"
            ") GROUP BY 1, 2 ORDER BY 1, 2"
        )
        stored = await store.conn.execute_fetchall(
            "SELECT programme_id, period, starts, ends FROM event_counts ORDER BY 1, 2"
        )
        assert stored == expected
        years = await store.conn.execute_fetchall(
            "SELECT programme_id, year, starts, ends FROM event_year_counts ORDER BY 1, 2"
        )
        by_year: Counter = Counter()
        for programme_id, period, starts, ends in expected:
            by_year[(programme_id, int(period[:4]), 0)] += starts
            by_year[(programme_id, int(period[:4]), 1)] += ends
        assert years == sorted(
            (p, y, by_year[(p, y, 0)], by_year[(p, y, 1)]) for p, y, w in by_year if w == 0
        )

    # Two programmes, one known by its acronym, one by its name...
    await store.ingest(
        facts(
            event("1994", "acronym only", "PfP"),
            programmes=(Programme("PfP", None, "s"),),
            path="/a",
            title="A",
        )
    )
    await store.ingest(
        facts(
            event("2001-05", "name only", "Partnership for Peace"),
            programmes=(Programme(None, "Partnership for Peace", "n"),),
            path="/b",
            title="B",
        )
    )
    await assert_counts_match_rows()
    assert (await store.stats()).programmes == 2
    # ...merged by an article naming both.
    first = await store.ingest(seed_facts())
    assert (await store.stats()).programmes == 5
    await assert_counts_match_rows()
    await store.ingest(seed_facts(text="edited: the events move", title="Edited"))
    await assert_counts_match_rows()
    assert await store.remove_article(first.article_id)
    await assert_counts_match_rows()
