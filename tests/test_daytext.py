from datetime import date

import pytest

from bot.daytext import BadDate, day_label, parse_day


@pytest.mark.parametrize(
    "text",
    [
        "11-29",
        "2018-11-29",
        "29 November",
        "November 29",
        "Nov 29",
        "nov 29th",
        "29th of Nov.",
        "29 Nov 2018",
        "Nov 29, 2018",
        "  NOVEMBER   29 ",
        "29/11",
        "11/29",
        "29.11.",
        "29.11.2018",
    ],
)
def test_accepted_forms_of_29_november(text: str) -> None:
    assert parse_day(text) == (11, 29)


def test_single_digits_and_abbreviations() -> None:
    assert parse_day("3-7") == (3, 7)
    assert parse_day("Sept 3") == (9, 3)
    assert parse_day("1 may") == (5, 1)


def test_leap_day_is_a_calendar_day() -> None:
    assert parse_day("Feb 29") == (2, 29)


def test_same_number_twice_is_not_ambiguous() -> None:
    assert parse_day("5/5") == (5, 5)


def test_ambiguous_slash_is_refused_with_both_readings() -> None:
    with pytest.raises(BadDate) as caught:
        parse_day("5/6")
    message = str(caught.value)
    assert "5 June" in message and "6 May" in message
    assert "`06-05`" in message  # a form that would work


def test_day_first_with_dash_gets_a_hint() -> None:
    with pytest.raises(BadDate, match="`11-29`"):
        parse_day("29-11")


@pytest.mark.parametrize("text", ["feb 30", "31 April", "13-13", "0-1", "00/00"])
def test_days_that_do_not_exist(text: str) -> None:
    with pytest.raises(BadDate, match="not a day of the year"):
        parse_day(text)


@pytest.mark.parametrize("text", ["", "   ", "blah", "November", "29", "1992"])
def test_unreadable_text_gets_an_example(text: str) -> None:
    with pytest.raises(BadDate, match="11-29"):
        parse_day(text)


def test_unknown_month_is_named() -> None:
    with pytest.raises(BadDate, match="mayo"):
        parse_day("3 Mayo")


def test_user_text_is_quoted_safely_and_briefly() -> None:
    with pytest.raises(BadDate) as caught:
        parse_day("```" + "x" * 500)
    message = str(caught.value)
    assert "```" not in message
    assert len(message) < 200


def test_relative_words_need_today() -> None:
    assert parse_day("today", today=date(2024, 3, 1)) == (3, 1)
    assert parse_day("Yesterday", today=date(2024, 3, 1)) == (2, 29)
    assert parse_day("tomorrow", today=date(2023, 12, 31)) == (1, 1)
    with pytest.raises(BadDate):
        parse_day("today")


def test_day_label() -> None:
    assert day_label(11, 29) == "29 November"
    with pytest.raises(BadDate):
        day_label(2, 30)
