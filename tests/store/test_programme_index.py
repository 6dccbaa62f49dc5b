import pytest

from bot.store.names import acronym_key, name_key
from bot.store.programme_index import IndexedProgramme, ProgrammeIndex
from bot.store.results import ProgrammeRef


def _programme(
    pid: int, acronym: str | None, name: str | None, mentions: int = 1, *aliases: str
) -> IndexedProgramme:
    return IndexedProgramme(
        ref=ProgrammeRef(pid, acronym, name),
        mentions=mentions,
        acronym_keys=frozenset({acronym_key(acronym)} if acronym else ()),
        name_keys=frozenset({name_key(n) for n in (name, *aliases) if n}),
    )


PFP, PARP, EAPC, NACC, ISAF, PARTNERS, PAP, FORUM = range(1, 9)


@pytest.fixture
def index() -> ProgrammeIndex:
    return ProgrammeIndex(
        [
            _programme(PFP, "PfP", "Partnership for Peace", 9),
            _programme(PARP, "PARP", "PfP Planning and Review Process", 4, "Planning and Review"),
            _programme(EAPC, "EAPC", "Euro-Atlantic Partnership Council", 3),
            _programme(NACC, "NACC", "North Atlantic Cooperation Council", 3),
            _programme(ISAF, "ISAF", "International Security Assistance Force", 5),
            _programme(PARTNERS, None, "Partners Across the Globe", 1),
            _programme(PAP, "PAP-T", "Partnership Action Plan against Terrorism", 2),
            _programme(FORUM, None, "Peace Forum", 1),
        ]
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("pfp", PFP),
        ("PfP", PFP),
        ("  PFP ", PFP),
        ("partnership for peace", PFP),
        ("Partnership for Peace programme", PFP),
        ("Partnership for Peace program", PFP),
        ("The Partnership for Peace", PFP),
        ("partnrship for peace", PFP),
        ("Partnership for Peace (PfP)", PFP),
        ("PfP programme", PFP),
        ("PARP", PARP),
        ("parp", PARP),
        ("Planning and Review", PARP),  # another name an article used
        ("pfp planning and review proces", PARP),
        ("Euro-Atlantic Partnership Council", EAPC),
        ("euro atlantic partnership council", EAPC),
    ],
)
def test_resolve_finds_the_programme_meant(index: ProgrammeIndex, query: str, expected: int):
    assert index.resolve(query) == expected


@pytest.mark.parametrize("query", ["", "   ", "xyz", "peace", "NATO", "partnership", "?!"])
def test_resolve_refuses_what_names_no_single_programme(index: ProgrammeIndex, query: str):
    assert index.resolve(query) is None


def test_an_exact_acronym_beats_a_fuzzy_name():
    index = ProgrammeIndex(
        [
            _programme(1, "PAP", "Peace Action Plan", 1),
            _programme(2, None, "Pap", 50),  # a name equal to the query, much more mentioned
            _programme(3, "PAPA", "Papal Affairs", 50),
        ]
    )
    assert index.resolve("pap") == 1
    assert index.resolve("PAPA") == 3


def test_equally_close_typos_of_two_names_are_ambiguous():
    index = ProgrammeIndex([_programme(1, None, "Alpha Fund"), _programme(2, None, "Alpha Fond")])
    assert index.resolve("Alpha Fnd") is None
    assert {r.id for r in index.suggest("Alpha Fnd")} == {1, 2}


def test_suggestions_for_unknown_names(index: ProgrammeIndex):
    # A name starting with the text first, then names with the word.
    assert [r.id for r in index.suggest("peace")][:2] == [FORUM, PFP]
    assert index.suggest("zzzz") == []
    assert len(index.suggest("p", limit=5)) == 5


def test_choices_start_with_prefixes_then_words_then_typos(index: ProgrammeIndex):
    labels = [r.label for r in index.choices("par")]
    # Names and acronyms starting with "par" first, most mentioned first...
    assert labels[:3] == [
        "Partnership for Peace (PfP)",
        "PfP Planning and Review Process (PARP)",
        "Partnership Action Plan against Terrorism (PAP-T)",
    ]
    assert labels[3] == "Partners Across the Globe"
    # ...then names with a word starting with it.
    assert labels[4:] == ["Euro-Atlantic Partnership Council (EAPC)"]
    assert [r.id for r in index.choices("council")] == [EAPC, NACC]
    # Both words first; then names with all words but one.
    assert [r.id for r in index.choices("atlantic coop")] == [NACC, EAPC]
    assert [r.id for r in index.choices("partnrship")][:1] == [PFP]


def test_choices_for_nothing_typed_are_the_most_mentioned(index: ProgrammeIndex):
    assert [r.id for r in index.choices("", limit=3)] == [PFP, ISAF, PARP]
    assert len(index.choices("")) == 8
    assert index.choices("", limit=0) == []


def test_updates_are_seen_by_the_next_query(index: ProgrammeIndex):
    index.update([_programme(PFP, "PfP", "Partnership for Peace", 1)], removed=[ISAF])
    assert index.resolve("ISAF") is None
    assert [r.id for r in index.choices("", limit=1)] == [PARP]
    index.update([_programme(99, "ISAF", "A new force", 100)])
    assert index.resolve("isaf") == 99
    assert index.get(99) == ProgrammeRef(99, "ISAF", "A new force")


def test_names_run_together_are_found_by_whole_name_similarity(index: ProgrammeIndex):
    # No word in common with any name, a typo in it: only the whole name is close.
    assert [r.id for r in index.suggest("partnrshipforpeace")][:1] == [PFP]
    assert [r.id for r in index.choices("northatlanticcooperationcouncil")][:1] == [NACC]
    assert index.suggest("qqqqqqqq") == []
