import pytest

from bot.store import Store, search
from bot.store.results import HIGHLIGHT_END, HIGHLIGHT_START
from bot.store.search import fts_query, query_words
from tests.store.factories import event, facts, seed_facts

HOSTILE = [
    "",
    "   ",
    '"',
    '""',
    '"unbalanced',
    "unbalanced'",
    "(",
    ")",
    "((peace",
    "AND",
    "OR",
    "NOT",
    "peace AND",
    "OR peace",
    "NOT peace",
    "NEAR(peace partnership)",
    "NEAR/2",
    "peace NEAR/3 partnership",
    "*",
    "peace*",
    "*peace",
    "-peace",
    "peace -nato",
    "title:peace",
    "{title body}: peace",
    "^peace",
    "pea^ce",
    "peace:",
    "+peace",
    "\\",
    "'; DROP TABLE events; --",
    "🎉",
    "peace 🎉",
    "🇦🇿 Azerbaijan",
    "\x00",
    "\x02peace\x03",
    "_",
    "__init__",
    "a" * 5000,
    " ".join(["peace"] * 200),
    "Ιστορία Азербайджан 阿塞拜疆",
    "café",
]


async def test_hits_are_ranked_and_matches_highlighted(store: Store):
    await store.ingest(seed_facts())
    page = await store.search("peace")
    assert page.total == 2
    hits = {h.kind: h for h in page.hits}
    assert hits["programme"].title == "Partnership for Peace (PfP)"
    assert f"{HIGHLIGHT_START}Peace{HIGHLIGHT_END}" in hits["programme"].snippet
    assert (hits["programme"].date, hits["programme"].source) == (None, None)
    # The event says "peace" in its summary and its sentence: it ranks first.
    assert page.hits[0] is hits["event"]
    event_hit = hits["event"]
    assert event_hit.title == "Azerbaijan joined the Partnership for Peace programme"
    assert event_hit.snippet.count(HIGHLIGHT_START) == event_hit.snippet.count(HIGHLIGHT_END) > 0
    assert event_hit.date == "1994"
    assert event_hit.source is not None and event_hit.source.title.startswith("Azerbaijan")


async def test_every_word_is_required_and_the_last_is_a_prefix(store: Store):
    await store.ingest(seed_facts())
    assert {h.title for h in (await store.search("azerbaijan isa")).hits} == {
        "Azerbaijan supported ISAF in Afghanistan"
    }
    assert (await store.search("joined partn")).total == 1  # "partnership"
    assert (await store.search("partn joined")).total == 0  # only the last word is a prefix
    # Stemmed: "joining" finds "joined".
    assert (await store.search("joining")).total == 2


async def test_articles_are_found_by_title(store: Store):
    await store.ingest(seed_facts())
    page = await store.search("reliable partner")
    kinds = {h.kind: h for h in page.hits}
    assert kinds["article"].title == "Azerbaijan is a reliable partner of NATO"
    assert kinds["article"].date == "2018-11-29"


@pytest.mark.parametrize("query", HOSTILE)
async def test_any_text_is_safe(store: Store, query: str):
    await store.ingest(seed_facts())
    page = await store.search(query)
    assert page.query == query
    expected_to_find = {"peace"} == set(query_words(query))
    if expected_to_find:
        assert page.total >= 1, query


@pytest.mark.parametrize("query", HOSTILE)
def test_fts_queries_quote_every_word(query: str):
    built = fts_query(query_words(query))
    if built is not None:
        for part in built.split(" AND "):
            assert part.startswith('"') and part.endswith('"')
            assert '"' not in part[1:-1]


async def test_junk_around_words_does_not_hide_them(store: Store):
    await store.ingest(seed_facts())
    for query in ['"peace', "peace)", "(partnership AND peace)", "NOT afghanistan*", "isaf:"]:
        assert (await store.search(query)).total >= 1, query


async def test_pages_and_the_cap_on_hits(store: Store, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(search, "SEARCH_MAX_HITS", 12)
    await store.ingest(facts(*(event(f"{1950 + i}", f"summit number {i}") for i in range(20))))
    first = await store.search("summit", limit=5)
    assert first.total == 12  # only the newest 12 are ordered and paged
    pages = [first] + [await store.search("summit", limit=5, offset=o) for o in (5, 10, 15)]
    titles = [h.title for p in pages for h in p.hits]
    assert len(titles) == len(set(titles)) == 12
    assert {int(t.split()[-1]) for t in titles} == set(range(8, 20))
    with pytest.raises(ValueError):
        await store.search("summit", limit=0)


async def test_common_words_are_ordered_newest_first(store: Store, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(search, "RANK_MAX_ENTRIES", 0)
    await store.ingest(facts(*(event(f"{1950 + i}", f"summit number {i}") for i in range(5))))
    page = await store.search("summit")
    assert [h.title for h in page.hits] == [f"summit number {i}" for i in range(4, -1, -1)]


async def test_the_last_word_matches_the_most_used_words_it_starts(store: Store):
    await store.ingest(
        facts(
            event("1990", "natural gas"),
            event("1991", "national army"),
            event("1992", "the nation"),
            event("1993", "nato summit"),
            title="Energy",
        )
    )
    assert (await store.search("nat")).total == 4
    assert (await store.search("n")).total == 0  # one letter is not a prefix to expand
    assert (await store.search("nato")).total == 1


def test_query_words_drop_operators_and_words_too_common_to_search():
    assert query_words("The Partnership for Peace AND NATO") == ["partnership", "peace", "nato"]
    assert query_words("from the") == ["from", "the"]  # nothing else to search for
    assert query_words("AND") == ["and"]
    assert query_words("Café, crème!") == ["cafe", "creme"]
