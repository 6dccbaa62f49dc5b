"""Finding, resolving and joining dates in one sentence."""

from __future__ import annotations

from datetime import date

import pytest

from bot.extract.dates import DateSpan, find_dates

PUB = date(2018, 11, 29)  # a Thursday


def found(sentence: str, published_on: date | None = PUB) -> list[tuple[str, str | None]]:
    return [(s.text_date, s.text_end) for s in find_dates(sentence, published_on).spans]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("It was signed on 29 November 2018.", [("2018-11-29", None)]),
        ("It was signed on November 29, 2018.", [("2018-11-29", None)]),
        ("It was signed on Nov. 29 2018.", [("2018-11-29", None)]),
        ("It was signed on 2018-11-29.", [("2018-11-29", None)]),
        ("It was signed on the 29th of November 2018.", [("2018-11-29", None)]),
        ("It was signed on the 1st of March 2001.", [("2001-03-01", None)]),
        ("It was signed on 29/11/2018.", [("2018-11-29", None)]),
        ("It was founded in March 1992.", [("1992-03", None)]),
        ("It was founded in Mar. 1992.", [("1992-03", None)]),
        ("It was founded in March of 1992.", [("1992-03", None)]),
        ("It was founded in 1994.", [("1994", None)]),
        ("The 1994 summit was short.", [("1994", None)]),
        ("Growth slowed in mid-2014.", [("2014", None)]),
        ("Revenue rose in Q3 2019.", [("2019-07", "2019-09")]),
        ("Sales fell in the third quarter of 2019.", [("2019-07", "2019-09")]),
        ("Orders doubled in H2 2020.", [("2020-07", "2020-12")]),
        ("Prices rose in the first half of 2020.", [("2020-01", "2020-06")]),
        ("Losses narrowed in the fourth quarter of fiscal 2018.", [("2018-10", "2018-12")]),
        ("The firm lost money in fiscal 2017.", [("2017", None)]),
        ("It ran from 2002 to 2014.", [("2002", "2014")]),
        ("It ran from 2002 to the end of the NATO-led operation in 2014.", [("2002", "2014")]),
        ("It ran in 2002-2014.", [("2002", "2014")]),
        ("It ran in 2002–14.", [("2002", "2014")]),
        ("The 2018/19 season was long.", [("2018", "2019")]),
        ("Between 1994 and 1997 it grew.", [("1994", "1997")]),
        ("It ran from March to June 2005.", [("2005-03", "2005-06")]),
        ("It met on 3–5 March 2005.", [("2005-03-03", "2005-03-05")]),
        ("It met on March 3-5, 2005.", [("2005-03-03", "2005-03-05")]),
        (
            "Inspections took place in 1994, 1997 and 2002.",
            [("1994", None), ("1997", None), ("2002", None)],
        ),
        ("Canada joined in 1994 and Norway left in 1997.", [("1994", None), ("1997", None)]),
    ],
)
def test_explicit_dates(sentence: str, expected: list[tuple[str, str | None]]) -> None:
    assert found(sentence) == expected


def test_precision_follows_the_written_form() -> None:
    spans = find_dates("In March 1992, on 1 May 1993 and in 1994.", PUB).spans
    assert [s.precision for s in spans] == ["month", "day", "year"]


def test_since_opens_a_range() -> None:
    (span,) = find_dates("It has taken part since 1997.", PUB).spans
    assert (span.text_date, span.text_end, span.open_ended) == ("1997", None, True)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("It happened in the 1990s.", ("1990", "1999")),
        ("It happened in the early 2000s.", ("2000", "2003")),
        ("It happened in the mid-1990s.", ("1994", "1996")),
        ("It happened in the late 1980s.", ("1987", "1989")),
        ("It grew in the middle of the 1990s.", ("1994", "1996")),
        ("It ended at the end of the 1970s.", ("1977", "1979")),
        ("It began at the beginning of the 1960s.", ("1960", "1963")),
    ],
)
def test_decades_are_year_ranges(sentence: str, expected: tuple[str, str]) -> None:
    (span,) = find_dates(sentence, PUB).spans
    assert (span.text_date, span.text_end) == expected
    assert span.approximate


@pytest.mark.parametrize(
    "sentence",
    [
        "Some 1,500 troops and 2,019 people took part.",
        "It cost $1994 million, as page 1997 shows.",
        "Resolution 1325 was cited; an F-16 and a Boeing 747 flew by.",
        "COVID-19 spread; the meeting ended at 19:45 with a 2-1 vote.",
        "Turnout rose by 1999 percent, a 2000-strong crowd said.",
        "He deployed 1500 soldiers to the border.",
        "Emissions fell from 1990 levels.",
        "It lasted for a two-year period, a 10-year plan for 20 years.",
        "The pre-1990 rules changed.",
        "Vision 2030 and the Strategy 2022–2026 were discussed.",
        "See pp. 1994–1997 of the report and No. 2001.",
        "The force numbered 2000 by the end; the ship carried 2010 passengers.",
        "He won the 1500 metres, and levels reached 1800 ppm.",
        "The vote was 1995 to 12 in favour.",
        "Meetings are held in Rooms 1101 to 1105.",
        "The agency employs 1200 staff and the hall has 1850 seats.",
    ],
)
def test_numbers_that_are_not_dates(sentence: str) -> None:
    assert found(sentence) == []


def test_years_beside_counts_stay_dates() -> None:
    assert found("In 1994 people voted; by 2015 countries had phased out CFCs.") == [
        ("1994", None),
        ("2015", None),
    ]
    assert found("Between 1995 and 2000 tariffs fell.") == [("1995", "2000")]
    assert found("It was founded in 1967 with 5 members.") == [("1967", None)]


def test_year_less_dates_take_the_article_year_or_the_one_before() -> None:
    assert found("They met on November 29.") == [("2018-11-29", None)]
    assert found("They met on December 30.") == [("2017-12-30", None)]
    assert found("They met in March.") == [("2018-03", None)]
    assert found("They met between 14 February and 18 March.") == [("2018-02-14", "2018-03-18")]


def test_article_relative_phrases() -> None:
    assert found("They met last Tuesday.") == [("2018-11-27", None)]
    assert found("They met on Thursday.") == [("2018-11-29", None)]
    assert found("Yesterday they met.") == [("2018-11-28", None)]
    assert found("They met earlier this year.") == [("2018", None)]
    assert found("They met last year.") == [("2017", None)]
    assert found("Fifty years ago today, they landed.") == [("1968-11-29", None)]


def test_relative_phrases_are_unresolved_without_an_article_date() -> None:
    scan = find_dates("They met last Tuesday and on November 29.", None)
    assert scan.spans == ()
    assert scan.unresolved == ("Tuesday", "November 29")


def test_phrases_anchored_on_an_earlier_date() -> None:
    assert found("It opened in 2003 and moved the following year.") == [
        ("2003", None),
        ("2004", None),
    ]
    assert found("It was founded in 1994; two years later it grew.") == [
        ("1994", None),
        ("1996", None),
    ]
    assert found("On 12 May 2006 it met; earlier that month the chair resigned.") == [
        ("2006-05-12", None),
        ("2006-05", None),
    ]
    assert found("The beams circulated on 10 September 2008, but nine days later it broke.") == [
        ("2008-09-10", None),
        ("2008-09-19", None),
    ]


def test_anchor_from_a_previous_sentence() -> None:
    anchor = DateSpan(0, 4, (1994, None, None))
    spans = find_dates("The following year it grew.", PUB, anchor).spans
    assert [(s.text_date, s.relative) for s in spans] == [("1995", True)]


def test_impossible_days_are_not_dates() -> None:
    assert found("It was due on 31 April 2001.") == []
    assert found("It was due on 29 February 2001.") == []
    assert found("It was due on 29 February 2000.") == [("2000-02-29", None)]


def test_ambiguous_numeric_dates_are_skipped() -> None:
    scan = find_dates("It was signed on 03/04/2005.", PUB)
    assert scan.spans == ()
    assert scan.skipped


def test_cues_are_recorded() -> None:
    spans = find_dates("Until 1991 it ruled, after 2001 it fell, by 2005 it grew.", PUB).spans
    assert [s.cue for s in spans] == ["until", "after", "by"]


def test_ranges_running_to_the_present_are_open() -> None:
    (span,) = find_dates("The alliance (1949–present) grew.", PUB).spans
    assert (span.text_date, span.text_end, span.open_ended) == ("1949", None, True)


def test_a_later_half_without_a_year_takes_the_year_of_the_half_before_it() -> None:
    sentence = "In the first half of 2017 output rose; it fell in the second half."
    assert found(sentence) == [("2017-01", "2017-06"), ("2017-07", "2017-12")]


def test_a_half_alone_is_no_date() -> None:
    # a football match has halves too
    assert found("He scored twice in the second half.") == []


def test_since_a_quarter_runs_from_its_first_month() -> None:
    (span,) = find_dates("Orders have grown in every quarter since Q3 2016.", PUB).spans
    assert (span.text_date, span.text_end, span.open_ended) == ("2016-07", None, True)


def test_since_after_a_superlative_is_a_point_of_comparison() -> None:
    (span,) = find_dates("It was the first purchase since 2015, when it bought Ohm.", PUB).spans
    assert (span.text_date, span.open_ended) == ("2015", False)


@pytest.mark.parametrize(
    "sentence",
    [
        "Headcount rose to 1500 at the end of the year.",
        "The number of members fell to 1200 last year.",
        "Call our press office on +44 1223 555 0192.",
    ],
)
def test_quantities_after_verbs_of_change_and_telephone_numbers_are_not_years(
    sentence: str,
) -> None:
    assert all(s.text_date not in ("1500", "1200", "1223") for s in find_dates(sentence, PUB).spans)


def test_a_span_of_time_later_than_something_is_a_comparison() -> None:
    assert found("The contract was signed in 2010, a year later than planned.") == [("2010", None)]


def test_a_season_after_a_stated_year_is_that_year_or_the_next() -> None:
    sentence = "The mill closed in May 1931, and a new owner reopened it the following spring."
    assert found(sentence) == [("1931-05", None), ("1932", None)]
    assert found("The band toured in 1991 and played every festival that summer.") == [
        ("1991", None),
        ("1991", None),
    ]


def test_last_summer_is_left_alone() -> None:
    # in an autumn article it may mean this year's summer or last year's
    assert found("It rained a lot last summer.") == []


def test_over_before_a_season_is_no_quantity() -> None:
    assert found("Over the winter of 1933–34, the agency hired four million people.") == [
        ("1933", "1934")
    ]


def test_a_year_compared_with_is_a_point_of_reference() -> None:
    assert found("Emissions fell 12% in 2021 compared with 2019.") == [("2021", None)]


def test_a_year_less_month_in_a_paragraph_about_a_distant_past_takes_its_year() -> None:
    march = find_dates("Congress passed the act on 9 March 1933.", PUB).spans[0]
    (june,) = find_dates(
        "It was signed in June.", PUB, march, narrative=march, tells_past=lambda _: True
    ).spans
    assert june.text_date == "1933-06"
    # an earlier month, or a sentence in the present, keeps the article's rule
    (feb,) = find_dates(
        "It was signed in February.", PUB, march, narrative=march, tells_past=lambda _: True
    ).spans
    assert feb.text_date == "2018-02"
    (now,) = find_dates(
        "It is signed in June.", PUB, march, narrative=march, tells_past=lambda _: False
    ).spans
    assert now.text_date == "2018-06"


def test_a_decade_later_is_ten_years_on_but_a_bound_or_decades_ago_is_no_date() -> None:
    assert found("She joined in 1968 and became director a decade later.") == [
        ("1968", None),
        ("1978", None),
    ]
    assert found("It began more than three decades ago.") == []
    assert found("It opened in 1990 and closed nearly two years later.") == [("1990", None)]


def test_a_year_after_a_possessive_determiner_is_a_date_not_a_name() -> None:
    assert found("Their 2012 album sold well, and his 1998 thesis is still cited.") == [
        ("2012", None),
        ("1998", None),
    ]


def test_a_year_after_an_occasion_name_following_at_dates_the_occasion() -> None:
    assert found("The console was shown at Gamescom 2019 in Cologne.") == [("2019", None)]
    # A capitalised name alone before a year still names a code.
    assert found("Ministers discussed Agenda 2030 with the board.") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Soldiers met in no man's land on Christmas Day 1914.", "1914-12-25"),
        ("The shop reopened on New Year's Eve of 1999.", "1999-12-31"),
        ("A storm hit the coast on Boxing Day 1998.", "1998-12-26"),
    ],
)
def test_a_fixed_holiday_with_its_year_is_a_day(sentence: str, expected: str) -> None:
    assert found(sentence) == [(expected, None)]


def test_a_day_and_month_of_that_year_take_the_year_last_stated() -> None:
    spans = find_dates(
        "The hall was finished in 1961 and opened on 3 May that year.", date(2024, 1, 1)
    ).spans
    assert [(s.text_date, s.text_end) for s in spans] == [("1961", None), ("1961-05-03", None)]


def test_a_month_of_last_year_or_this_year_counts_from_the_article() -> None:
    assert found("The mill shut in June last year.", date(2024, 6, 20)) == [("2023-06", None)]
    assert found("The mill shut in March this year.", date(2024, 6, 20)) == [("2024-03", None)]


def test_two_decades_in_a_row_joined_by_and_are_one_span() -> None:
    assert found("The mill grew fast in the 1880s and 1890s.") == [("1880", "1899")]
    # Decades apart, or parts of decades, stay separate spans.
    assert found("Floods came in the 1950s and 1970s.") == [("1950", "1959"), ("1970", "1979")]
    assert found("It lost ground in the late 1980s and early 1990s.") == [
        ("1987", "1989"),
        ("1990", "1993"),
    ]


def test_since_a_decade_runs_on_from_the_decade() -> None:
    spans = find_dates("Pilots have trained there since the late 1980s.", PUB).spans
    assert [(s.text_date, s.text_end, s.open_ended) for s in spans] == [("1987", "1989", True)]


def test_in_a_weekdays_occasion_is_that_day_but_other_possessives_are_labels() -> None:
    # PUB is Thursday 29 November 2018.
    assert found("Her party lost seats in Sunday's election.") == [("2018-11-25", None)]
    assert found("He spoke after Saturday's game.") == []


def test_a_milestone_label_gives_its_year_to_year_less_months() -> None:
    # The label's year, not the article's: "in March" here is March 1997.
    sentence = "1997: The ferry line opens in March and closes from November to February."
    assert found(sentence) == [
        ("1997", None),  # the label itself; events merge it into the finer date
        ("1997-03", None),
        ("1997-11", "1998-02"),
    ]
    scan = find_dates("The depot is rebuilt in May.", None, label_year=1997)
    assert [(s.text_date, s.text_end) for s in scan.spans] == [("1997-05", None)]
    # a year that is no label leaves year-less months to the article's rule
    assert found("In 1997 the ferry line opened, and in March it closed.")[1] == ("2018-03", None)
