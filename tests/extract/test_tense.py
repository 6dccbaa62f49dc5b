"""Plans, expectations, conditions and reporting dates are told apart from events."""

from __future__ import annotations

import pytest

from bot.extract.tense import is_reporting_date, is_unrealised


def _unrealised(sentence: str, date_text: str, cue: str = "in") -> bool:
    start = sentence.index(date_text)
    return is_unrealised(sentence, start, start + len(date_text), cue)


@pytest.mark.parametrize(
    "sentence",
    [
        "The new radar is expected to reach full capability in 2019.",
        "The country will hold elections in 2030.",
        "Iceland plans to join by 2025.",
        "A summit is scheduled for 2021.",
        "The review is due to start in 2021.",
        "The fund aims to double its capital by 2025.",
        "In 2030, the country will hold elections.",
        "If elected in 2030, she would resign.",
        "The protocol committed countries to cut emissions over 2008.",
        "The country did not join in 1994.",
    ],
)
def test_plans_and_conditions_are_not_events(sentence: str) -> None:
    date_text = next(w.strip(".,") for w in sentence.split() if w.strip(".,").isdigit())
    assert _unrealised(sentence, date_text)


@pytest.mark.parametrize(
    ("sentence", "date_text"),
    [
        ("Azerbaijan joined the Partnership for Peace in 1994.", "1994"),
        ("In 2017, officials said the unit is expected to be ready in 2019.", "2017"),
        ("The plan, which was expected to finish in 2010, was finished in 2012.", "2012"),
        ("It pledged in 2015 to cut emissions.", "2015"),
        ("The agency, which would later become NASA in 1958, grew.", "1958"),
    ],
)
def test_past_statements_are_events(sentence: str, date_text: str) -> None:
    assert not _unrealised(sentence, date_text)


def test_expectation_in_a_relative_clause_only_affects_its_own_date() -> None:
    sentence = "The plan, which was expected to finish in 2010, was finished in 2012."
    assert _unrealised(sentence, "2010")


def test_not_until_is_an_event() -> None:
    assert not _unrealised("Georgia did not join until 2004.", "2004", cue="until")


def test_reporting_dates() -> None:
    seed = "Azerbaijan is a partner, said the Azerbaijani mission in a message on November 29."
    assert is_reporting_date(seed, seed.index("November"))
    meeting = "The ministers met in Brussels on March 11, the ministry said on Friday."
    assert is_reporting_date(meeting, meeting.index("Friday"))
    assert not is_reporting_date(meeting, meeting.index("March"))
    passive = "WPA3 was announced in January 2018."
    assert not is_reporting_date(passive, passive.index("January"))
    content = "He added a 24th title in September."
    assert not is_reporting_date(content, content.index("September"))


@pytest.mark.parametrize(
    ("sentence", "date_text", "cue"),
    [
        ("The bridge was to open in 2009 and cost far less.", "2009", "in"),
        ("The handover was postponed twice: to 2016, then again.", "2016", "to"),
        ("Its launch slipped to 2021 after a fire.", "2021", "to"),
        ("The board set the vote for March 2020.", "March 2020", "for"),
        ("A completion date of June 2018 was announced.", "June 2018", "of"),
    ],
)
def test_targets_set_or_moved_are_plans(sentence: str, date_text: str, cue: str) -> None:
    assert _unrealised(sentence, date_text, cue)


def test_a_date_after_a_postponement_in_another_clause_still_happened() -> None:
    sentence = "The vote was postponed, and the assembly met in 2019."
    assert not _unrealised(sentence, "2019")


@pytest.mark.parametrize(
    ("sentence", "date_text"),
    [
        ("To raise money, donors created the IFFIm in 2006.", "2006"),
        ("To cut costs, the town hall named a new mayor in 1999.", "1999"),
        ("To end the floods, engineers built the Willard dam in 1936.", "1936"),
    ],
)
def test_a_marker_must_be_a_whole_word(sentence: str, date_text: str) -> None:
    assert not _unrealised(sentence, date_text)


def test_a_participle_after_be_does_not_undo_a_plan() -> None:
    assert _unrealised("A memorial service will be held in Leeds on 20 June.", "20 June", "on")


def test_a_finding_announced_with_a_that_clause_is_news_of_its_own() -> None:
    finding = "The survey office confirmed in May 2019 that 2018 had been its busiest year."
    assert not is_reporting_date(finding, finding.index("May"), finding.index(" that"))
    # Without the that-clause the date still only dates the announcement of another event.
    plain = "The plant closed in 2012, the owner confirmed on Monday."
    assert is_reporting_date(plain, plain.index("on Monday") + 3, len(plain) - 1)


def test_a_relative_clause_with_its_own_perfect_tense_escapes_an_earlier_would() -> None:
    text = "She said the fund would support towns that have been hit by floods since June 2017."
    assert not is_unrealised(text, text.index("June"), text.index("June") + 9, cue="since")
    plan = "She said the fund would support towns on the coast from June 2017."
    assert is_unrealised(plan, plan.index("June"), plan.index("June") + 9, cue="in")


def test_a_past_verb_inside_a_closed_insertion_does_not_realise_a_plan() -> None:
    text = "The club would enter the Cup, a contest first held in 1990, for the 2031 season."
    assert is_unrealised(text, text.index("2031"), text.index("2031") + 4, cue="the")
    done = "The club would later say it entered the Cup, and it won it in 1991."
    assert not is_unrealised(done, done.index("1991"), done.index("1991") + 4, cue="in")


def test_an_expectation_with_its_object_before_to_is_a_plan() -> None:
    assert _unrealised("The bank expects growth to reach 3% in 2021.", "2021")
    assert _unrealised("Analysts forecast sales to double in 2021.", "2021")
    assert not _unrealised("The bank expects growth to slow, after it fell in 2017.", "2017")


def test_a_precedent_with_a_past_when_clause_happened_inside_a_condition() -> None:
    sentence = "If the vote fails, a recount is likely, as in 2004, when the court ordered one."
    assert not _unrealised(sentence, "2004")
    assert _unrealised("If the vote fails, a recount is likely, as in 2026.", "2026")


def test_a_coordinated_clause_with_its_own_past_verb_is_an_event() -> None:
    sentence = (
        "The donors promised to fund the clinics in 2018, and at a meeting in "
        "March 2019 they doubled the grant."
    )
    assert _unrealised(sentence, "2018")
    assert not _unrealised(sentence, "March 2019")


def test_a_coordinated_clause_that_expects_is_still_a_plan() -> None:
    sentence = (
        "The council pledged to close the landfill, and in 2031 the site is expected "
        "to open as a park."
    )
    assert _unrealised(sentence, "2031")
