"""Calendar days typed by people: "11-29", "29 November", "Nov 29", "29/11" -> (month, day).

Pure text parsing, no clock: "today" is resolved by the caller. The accepted forms are
documented in docs/commands.md (section /onthisday):

- ``MM-DD`` with a dash is always month first, as in ISO 8601 ("11-29", "2018-11-29").
- A month name or its three-letter abbreviation, before or after the day, in English
  ("29 November", "Nov 29", "November 29th", "29th of Nov.").
- ``DD/MM`` or ``MM/DD`` (also with dots) only when the order is unambiguous: "29/11" and
  "11/29" are both 29 November, "5/6" is refused because it could be 5 June or 6 May.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

# Spelled out here rather than taken from `calendar`, whose names follow the process locale.
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTHS: dict[str, int] = {}
for _number, _name in enumerate(MONTH_NAMES, start=1):
    _MONTHS[_name.lower()] = _number
    _MONTHS[_name[:3].lower()] = _number
_MONTHS["sept"] = 9

# Days per month in a leap year: 29 February is a calendar day worth asking about.
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

_RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}

EXAMPLE = "`11-29`, `29 November` or `Nov 29`"

_ISO = re.compile(r"^(?:(?P<year>\d{4})-)?(?P<month>\d{1,2})-(?P<day>\d{1,2})$")
_SLASHED = re.compile(r"^(?P<a>\d{1,2})\s*[/.]\s*(?P<b>\d{1,2})(?:\s*[/.]\s*\d{2,4})?\.?$")
_ORDINAL = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_MONTH = r"(?P<month>[a-z]+)\.?"
_DAY_FIRST = re.compile(rf"^{_ORDINAL}\s*(?:of\s+)?{_MONTH}(?:,?\s*\d{{1,4}})?$")
_MONTH_FIRST = re.compile(rf"^{_MONTH}\s*{_ORDINAL}(?:,?\s*\d{{1,4}})?$")


class BadDate(ValueError):
    """The text is not a calendar day Almanac understands; the message says why, with examples."""


def parse_day(text: str, today: date | None = None) -> tuple[int, int]:
    """Parse a calendar day (no year needed) into ``(month, day)``.

    A trailing or leading year ("2018-11-29", "Nov 29, 2018") is accepted and ignored.
    When `today` is given, "today", "yesterday" and "tomorrow" are accepted too.
    Raises BadDate, whose message is fit to show a user, when the text is empty, unreadable,
    ambiguous ("5/6"), or names a day that does not exist ("31 April", "02-30").
    """
    cleaned = " ".join(text.strip().lower().replace(",", " ").split())
    if not cleaned:
        raise BadDate(f"Give a day, for example {EXAMPLE}.")
    if today is not None and cleaned in _RELATIVE:
        day = today + timedelta(days=_RELATIVE[cleaned])
        return day.month, day.day

    if match := _ISO.match(cleaned):
        month, day = int(match["month"]), int(match["day"])
        if not _valid(month, day) and _valid(day, month):
            raise BadDate(
                f"With a dash the month comes first: `{day:02}-{month:02}` is {_label(day, month)}."
            )
        return _checked(month, day, text)
    if match := _SLASHED.match(cleaned):
        return _unambiguous(int(match["a"]), int(match["b"]), text)
    for pattern in (_DAY_FIRST, _MONTH_FIRST):
        if match := pattern.match(cleaned):
            month = _MONTHS.get(match["month"])
            if month is None:
                raise BadDate(f"I don't know the month {_shown(match['month'])}. Try {EXAMPLE}.")
            return _checked(month, int(match["day"]), text)
    raise BadDate(f"I can't read {_shown(text)} as a day. Try {EXAMPLE}.")


def _unambiguous(first: int, second: int, text: str) -> tuple[int, int]:
    as_day_month = _valid(second, first)
    as_month_day = _valid(first, second)
    if as_day_month and as_month_day and first != second:
        raise BadDate(
            f"{_shown(text)} could be {_label(second, first)} or {_label(first, second)}. "
            f"Write the month as a word, or month first with a dash: `{second:02}-{first:02}` "
            f"for {_label(second, first)}, `{first:02}-{second:02}` for {_label(first, second)}."
        )
    if as_day_month:
        return second, first
    if as_month_day:
        return first, second
    raise BadDate(f"{_shown(text)} is not a day of the year. Try {EXAMPLE}.")


def _checked(month: int, day: int, text: str) -> tuple[int, int]:
    if not _valid(month, day):
        raise BadDate(f"{_shown(text)} is not a day of the year. Try {EXAMPLE}.")
    return month, day


def _valid(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1]


def _shown(text: str) -> str:
    """The user's text quoted back safely: no backticks to break the code span, kept short."""
    plain = " ".join(text.replace("`", "").split())
    if len(plain) > 40:
        plain = plain[:39] + "…"
    return f"`{plain}`" if plain else "that"


def _label(month: int, day: int) -> str:
    return f"{day} {MONTH_NAMES[month - 1]}"


def day_label(month: int, day: int) -> str:
    """ "29 November" for (11, 29). Raises BadDate when the day does not exist."""
    if not _valid(month, day):
        raise BadDate(f"{month:02}-{day:02} is not a day of the year.")
    return _label(month, day)
