"""Which dated statements become events."""

from __future__ import annotations

import pytest

from bot.articles import parse_text
from bot.extract import extract
from bot.facts import Facts


def facts_of(body: str, header: str = "date 2019-03-14 By Test Writer\n\n") -> Facts:
    return extract(parse_text(header + body + "\n"))


def dates_of(body: str, header: str = "date 2019-03-14 By Test Writer\n\n") -> list[tuple]:
    return [(e.date, e.end) for e in facts_of(body, header).events]


def test_future_relative_to_the_article_is_not_an_event() -> None:
    assert dates_of("The office opened in 2018. The tower opens in 2021.") == [("2018", None)]
    assert dates_of("The office opened in March 2019 and closes in April 2019.") == [
        ("2019-03", None)
    ]


def test_vague_references_are_not_events() -> None:
    body = (
        "Before 1990 the site was a farm. After 2001 it grew. The budget for 2024-2027 is set. "
        "The pre-1990 rules lapsed. It was built in 1995."
    )
    assert dates_of(body) == [("1995", None)]


def test_plans_and_expectations_are_not_events() -> None:
    body = (
        "The new radar is expected to reach full capability in 2019. Iceland plans to join "
        "by 2025. The country will hold elections in 2030. The original goal was "
        "eradication by 2000. In 2010, officials said the unit is expected to be ready in 2012."
    )
    assert dates_of(body) == [("2010", None)]


def test_durations_counts_and_codes_are_not_events() -> None:
    body = (
        "It was agreed for a two-year period. Some 1,500 troops took part under Resolution "
        "1325. An F-16 landed at 19:45. Turnout rose by 45 percent. A 10-year plan was set."
    )
    assert dates_of(body) == []


def test_open_ranges_and_ranges() -> None:
    facts = facts_of(
        "Its participation since 1997 has helped. It supported the mission from 2002 to the "
        "end of the operation in 2014."
    )
    got = [(e.date, e.end, e.open_ended) for e in facts.events]
    assert got == [("1997", None, True), ("2002", "2014", False)]


def test_headings_and_labels_carry_no_events_but_list_sentences_do() -> None:
    body = (
        "# Founded in 1990\n\nKey facts:\n\n- Founded: 1975\n- Headquarters: Paris\n"
        "- The Huygens probe landed on Titan on 14 January 2005.\n- 1994: the country joins "
        "the partnership.\n\nIt grew in 2001."
    )
    assert sorted(dates_of(body)) == [("1994", None), ("2001", None), ("2005-01-14", None)]


def test_one_event_per_date_per_sentence_and_restated_days_merge() -> None:
    body = (
        "Two years later, in 1994, Georgia joined the partnership.\n\n"
        "Seventy years ago today, Schuman proposed a plan. His declaration of 14 March 1949 "
        "is now celebrated."
    )
    assert dates_of(body) == [("1994", None), ("1949-03-14", None)]


def test_a_milestone_year_restated_more_exactly_is_one_event() -> None:
    body = (
        "- 2011: At a summit in January 2011, donors pledged $14 billion.\n"
        "- 2012: Donors met in Paris, and again in March 2013.\n"
    )
    assert dates_of(body) == [("2011-01", None), ("2012", None), ("2013-03", None)]


def test_events_name_the_programmes_of_their_clause() -> None:
    facts = facts_of(
        "The North Atlantic Cooperation Council (NACC) was founded in 1991 and the "
        "Partnership for Peace (PfP) was launched in 1994."
    )
    by_date = {e.date: e.programmes for e in facts.events}
    assert by_date == {"1991": ("NACC",), "1994": ("PfP",)}


def test_anchored_relative_dates_across_sentences_of_a_paragraph() -> None:
    got = dates_of("The office opened in 2003. The following year it moved.\n\nThe next year X.")
    assert got == [("2003", None), ("2004", None)]


def test_milestone_lists() -> None:
    body = (
        "# Milestones\n\n- 1994 Georgia joins the Partnership for Peace (PfP).\n"
        "- 2004 (October) NATO agrees Georgia's first Individual Partnership Action Plan.\n"
        "- April 2008: At the Bucharest Summit, Allied leaders agree that Georgia will "
        "become a member of NATO.\n- 2016-2018: Georgia hosts joint exercises."
    )
    facts = facts_of(body, header="")
    assert [(e.date, e.end, e.summary) for e in facts.events] == [
        ("1994", None, "Georgia joins the Partnership for Peace (PfP)"),
        ("2004-10", None, "NATO agrees Georgia's first Individual Partnership Action Plan"),
        (
            "2008-04",
            None,
            "At the Bucharest Summit, Allied leaders agree that Georgia will become a member "
            "of NATO",
        ),
        ("2016", "2018", "Georgia hosts joint exercises"),
    ]


def test_a_wire_dateline_is_not_an_event_nor_part_of_a_summary() -> None:
    facts = facts_of(
        "ISLAMABAD, July 13 (Newswire) – The board on Wednesday approved a loan.",
        header="date 2023-07-13 By Test Writer\n\n",
    )
    assert [(e.date, e.summary) for e in facts.events] == [
        ("2023-07-12", "The board approved a loan")
    ]


@pytest.mark.parametrize(
    "opening",
    ["TBILISI, May 4. ", "YEREVAN, Armenia, May 4. ", "MINSK, 4 May. "],
)
def test_a_dateline_ending_in_a_full_stop_is_not_an_event(opening: str) -> None:
    facts = facts_of(
        f"{opening}The two ministers met on Tuesday and signed a roadmap.",
        header="date 2021-05-04 By Test Writer\n\n",
    )
    assert [(e.date, e.summary) for e in facts.events] == [
        ("2021-05-04", "The two ministers met and signed a roadmap")
    ]


def test_what_was_due_and_never_happened_is_not_an_event() -> None:
    assert dates_of("Its ninth review, due last November, was never completed.") == []


def test_that_month_and_compound_numbers() -> None:
    assert dates_of("Judges were sworn in in March 2003, and he became prosecutor that June.") == [
        ("2003-03", None),
        ("2003-06", None),
    ]
    assert dates_of("Twenty-four years ago today, 120 states voted in Rome.") == [
        ("1995-03-14", None)
    ]


def test_an_obligation_in_force_since_a_date_happened() -> None:
    assert dates_of(
        "The Energy Company Obligation, which has required suppliers to improve homes since "
        "April 2013, was extended."
    ) == [("2013-04", None)]


def test_source_sections_carry_no_events() -> None:
    text = (
        "# History\n\nThe union was founded in 1967.\n\n## References\n\n"
        "1. Severino, Rodolfo (2006). Southeast Asia in Search of an ASEAN Community.\n"
        '2. "Overview". Retrieved 3 March 2021.\n'
    )
    assert dates_of(text) == [("1967", None)]


def test_a_nato_style_partner_page() -> None:
    facts = facts_of(
        "Azerbaijan has been a NATO partner since 1994, when it joined the Partnership for "
        "Peace (PfP).\n\nKey milestones\n\n"
        "1992: Azerbaijan joins the North Atlantic Cooperation Council (NACC).\n"
        "May 1994 – President Heydar Aliyev signs the PfP Framework Document.\n"
        "1997 – Azerbaijan joins the PfP Planning and Review Process.\n"
        "2002–2014 – Azerbaijan contributes troops to ISAF in Afghanistan.\n"
        "Apr. 2004 – NATO and Azerbaijan agree the first IPAP.\n"
        "2004 (October) – Azerbaijan hosts a NATO exercise.\n"
        "2015 – 2021 – Azerbaijani soldiers serve with the Resolute Support Mission.\n\n"
        "Highlights\n\n"
        "- Since 1997 Azerbaijan has taken part in the Planning and Review Process (PARP).\n",
        header="date 2023-05-10\ntitle: Relations with Azerbaijan\n\n",
    )
    got = [(e.date, e.end, e.summary) for e in facts.events]
    assert got == [
        ("1994", None, "Azerbaijan joined the Partnership for Peace (PfP)"),
        ("1992", None, "Azerbaijan joins the North Atlantic Cooperation Council (NACC)"),
        ("1994-05", None, "President Heydar Aliyev signs the PfP Framework Document"),
        ("1997", None, "Azerbaijan joins the PfP Planning and Review Process"),
        ("2002", "2014", "Azerbaijan contributes troops to ISAF in Afghanistan"),
        ("2004-04", None, "NATO and Azerbaijan agree the first IPAP"),
        ("2004-10", None, "Azerbaijan hosts a NATO exercise"),
        ("2015", "2021", "Azerbaijani soldiers serve with the Resolute Support Mission"),
        ("1997", None, "Azerbaijan has taken part in the Planning and Review Process (PARP)"),
    ]
    programmes = {(p.acronym, p.name, p.part_of) for p in facts.programmes}
    assert ("PARP", "PfP Planning and Review Process", "PfP") in programmes
    assert not any(name and "Framework" in name for _, name, _ in programmes)


def test_a_when_clause_after_a_vague_cue_happened_at_that_date() -> None:
    body = (
        "Sales recovered after the spring of 2016, when the shops reopened. Sales grew after 2017."
    )
    assert dates_of(body) == [("2016", None)]


def test_a_timeline_item_in_the_present_tense_reads_as_a_statement() -> None:
    body = "## Key dates\n\n1. 20 May 1996 – the mission hands over to the army"
    assert dates_of(body) == [("1996-05-20", None)]


def test_a_press_release_dateline_with_a_region_dates_what_it_announces_today() -> None:
    facts = facts_of(
        "LEEDS, England, 3 May 2021 – Ferrow Ltd today announced its results for the year "
        "ended 31 March 2021. It opened a plant in June 2020.",
        header="date 2021-05-03\n\n",
    )
    assert [(e.date, e.summary) for e in facts.events] == [
        ("2021-05-03", "Ferrow Ltd announced its results for the year ended 31 March 2021"),
        ("2020-06", "It opened a plant"),
    ]


def test_the_end_of_a_reporting_period_is_not_an_event() -> None:
    body = "Profit in the six months to 30 June 2018 rose. Sales for the year ended May 2018 fell."
    assert dates_of(body) == []


def test_year_less_months_in_a_history_paragraph_take_its_year() -> None:
    body = (
        "The dam was approved on 2 March 1936. Work began in May and the river was diverted "
        "in August.\n\n"
        "The treaty took effect on 1 January 1999, and 137 states had ratified it by the end "
        "of August."
    )
    assert dates_of(body, header="date 2022-09-16 By Test Writer\n\n") == [
        ("1936-03-02", None),
        ("1936-05", None),
        ("1936-08", None),
        ("1999-01-01", None),
        ("2022-08", None),  # "by the end of August": a count up to now
    ]


def test_a_superlative_since_is_no_event_unless_a_when_clause_follows() -> None:
    body = (
        "Unemployment fell to 6% in May, its lowest since 2008. It was the first such "
        "purchase since 2015, when the firm bought a rival."
    )
    assert dates_of(body) == [("2018-05", None), ("2015", None)]


def test_a_dated_announcement_with_a_that_clause_is_an_event() -> None:
    body = "The weather agency confirmed in February 2019 that 2018 had been the wettest year."
    assert ("2019-02", None) in dates_of(body)


def test_a_perfect_relative_clause_after_would_keeps_its_date() -> None:
    body = (
        "The minister said the plan would train nurses, and help a district that has been "
        "short of doctors since October 2016."
    )
    assert dates_of(body) == [("2016-10", None)]


def test_a_plan_for_a_named_range_still_running_is_not_an_event() -> None:
    body = "The board said it would bid for the hosting rights for the 2019-20 season."
    assert dates_of(body) == []
    # A named range that is over stays an event whatever the tense around it.
    assert dates_of("Fans will remember the 2016-17 season for years.") == [("2016", "2017")]


def test_this_day_in_a_year_is_that_year_not_the_article_s_day() -> None:
    body = (
        "On this day in 1848, revolution broke out in Vienna. "
        "On this day in 49 BC, troops crossed a river."
    )
    facts = facts_of(body)
    assert [(e.date, e.end) for e in facts.events] == [("1848", None)]
    assert facts.events[0].summary == "Revolution broke out in Vienna"


def test_centuries_later_is_no_part_of_the_summary() -> None:
    facts = facts_of("Centuries later, on 2 May 1990, the chapel was restored.")
    assert facts.events[0].summary == "The chapel was restored"


def test_a_present_tense_run_until_a_year_less_month_is_no_event() -> None:
    body = "The fair, which opened on 2 February, runs until June."
    assert dates_of(body, header="date 2019-03-14 By Test Writer\n\n") == [("2019-02-02", None)]
    # With a past verb, the month it lasted until did come.
    assert ("2018-06", None) in dates_of("The fair ran until June 2018.")


def test_an_occasion_s_year_restating_an_exact_date_is_one_event() -> None:
    body = "The phone was shown at Expo 2018 in May 2018 and sold out."
    assert dates_of(body) == [("2018-05", None)]


def test_a_superlative_since_a_decade_is_a_comparison_not_an_event() -> None:
    body = "The party won 40 seats in 2018, its best result since the 1970s."
    assert dates_of(body) == [("2018", None)]
    assert dates_of("Farmers have grown rice here since the 1970s.") == [("1970", "1979")]


def test_a_milestone_item_dates_its_year_less_months_by_its_label() -> None:
    body = (
        "Milestones\n\n"
        "1997: At the harbour gala in May, the town opens a ferry line. A second pier is "
        "built in July and is replaced in October by a floating dock.\n"
    )
    assert dates_of(body, header="Ferry history\n\n") == [
        ("1997-05", None),
        ("1997-07", None),
        ("1997-10", None),
    ]
