import pytest

from bot.when import format_date, format_span, year_of, years_ago_text


@pytest.mark.parametrize(
    ("stored", "shown"),
    [("1994", "1994"), ("1992-03", "Mar 1992"), ("2018-11-29", "29 Nov 2018"), ("0800", "800")],
)
def test_format_date(stored: str, shown: str) -> None:
    assert format_date(stored) == shown


def test_unexpected_values_stay_visible() -> None:
    assert format_date("late 1990s") == "late 1990s"
    assert format_date("") == "?"


def test_ranges() -> None:
    assert format_span("2002", "2014") == "**2002–2014**".strip("*")
    assert format_span("1992-03", "1993-06") == "Mar 1992 – Jun 1993"
    assert format_span("1994", None) == "1994"
    assert format_span("1997", "2002") == "1997–2002"
    assert format_span("1997", "1997") == "1997"


@pytest.mark.parametrize("open_end", ["", "..", "present", "Open"])
def test_open_ranges(open_end: str) -> None:
    assert format_span("1997", open_end) == "1997–"


def test_year_of() -> None:
    assert year_of("2018-11-29") == 2018
    assert year_of("someday") is None


def test_years_ago() -> None:
    assert years_ago_text(0) == "this year"
    assert years_ago_text(1) == "1 year ago"
    assert years_ago_text(26) == "26 years ago"
    assert years_ago_text(-3) == "in 3 years"
