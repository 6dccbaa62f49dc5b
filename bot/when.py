"""Fact dates as people read them: "Mar 1992", "29 Nov 2018", "2002–2014", "1997–".

Dates arrive as the store keeps them ("YYYY", "YYYY-MM", "YYYY-MM-DD", see bot.facts.Event);
anything else is shown as it is rather than dropped, so a surprising value stays visible.
Shared by every renderer: the command line and the cogs.
"""

from __future__ import annotations

import re

from bot.daytext import MONTH_NAMES

_PARTIAL_DATE = re.compile(r"^(?P<year>-?\d{1,4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")
# How an open-ended range ("since 1997") may mark its missing end.
OPEN_ENDS = frozenset({"", "..", "...", "open", "present", "now", "ongoing"})
EN_DASH = "–"


def format_date(value: str) -> str:
    """ "1994", "Mar 1992" or "29 Nov 2018" for "1994", "1992-03", "2018-11-29"."""
    match = _PARTIAL_DATE.match(value.strip())
    if match is None:
        return value.strip() or "?"
    year = str(int(match["year"]))
    month = int(match["month"]) if match["month"] else None
    if month is None or not 1 <= month <= 12:
        return year
    abbr = MONTH_NAMES[month - 1][:3]
    if match["day"]:
        return f"{int(match['day'])} {abbr} {year}"
    return f"{abbr} {year}"


def format_span(start: str, end: str | None, *, open_ended: bool = False) -> str:
    """A date or a range: "1994", "2002–2014", "Mar 1992 – Jun 1993", "1997–" (open-ended).

    `end` is None for a single date; `open_ended` (or an OPEN_ENDS value as `end`) marks a
    range that started at `start` and is still running ("since 1997").
    """
    first = format_date(start)
    if open_ended and end is None:
        return f"{first}{EN_DASH}"
    if end is None:
        return first
    if end.strip().lower() in OPEN_ENDS:
        return f"{first}{EN_DASH}"
    last = format_date(end)
    if last == first:
        return first
    # Spaced dash between multi-word dates, as style guides ask ("Mar 1992 – Jun 1993").
    joiner = f" {EN_DASH} " if " " in first or " " in last else EN_DASH
    return f"{first}{joiner}{last}"


def year_of(value: str) -> int | None:
    """The year of a stored date, or None when it has none."""
    match = _PARTIAL_DATE.match(value.strip())
    return int(match["year"]) if match else None


def years_ago_text(years: int) -> str:
    """ "this year", "1 year ago", "26 years ago", "in 3 years" (for future-dated plans)."""
    if years == 0:
        return "this year"
    if years < 0:
        return f"in {-years} year{'s' if years != -1 else ''}"
    return f"{years} year{'s' if years != 1 else ''} ago"
