"""When a server's daily post is due: pure arithmetic over zoneinfo, with "now" an argument.

The rules (docs/daily-posts.md explains them to admins):

- A server posts once per local calendar date, at its chosen local time.
- A local time that does not exist that day (the clocks jump over it in spring) posts at the
  first minute after the jump: 02:30 in Berlin on the last Sunday of March posts at 03:00.
- A local time that happens twice (the clocks go back in autumn) posts at the first of the two.
- A date on which the time does not exist at all because the whole day was skipped (Samoa,
  30 December 2011) has no post.
- A post that was missed (the bot was down) is sent late the same local day, never on a later
  day: see :func:`due_now_or_next`.
- 29 February: in years without one, its events are shown on 28 February
  (:func:`calendar_days`).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

_POST_TIME = re.compile(r"^\s*(\d{1,2})[:.h](\d{2})\s*$", re.IGNORECASE)


class BadPostTime(ValueError):
    """The text is not a 24-hour time of day; the message says what to type."""

    def __init__(self, text: str) -> None:
        self.text = text
        super().__init__(
            f"{text!r} is not a time of day. Use 24-hour HH:MM, for example 09:00 or 18:30."
        )


@dataclass(frozen=True, slots=True, order=True)
class Due:
    """One daily post's slot: the instant it is due and the server-local date it belongs to."""

    at_utc: datetime  # timezone-aware, UTC
    local_date: date


def parse_post_time(text: str) -> time:
    """ "09:00", "9:00", "18.30", "7h05" -> a naive time of day (hours 0-23, minutes 0-59).

    Raises BadPostTime for anything else.
    """
    match = _POST_TIME.match(text)
    if match is None:
        raise BadPostTime(text)
    hours, minutes = int(match[1]), int(match[2])
    if hours > 23 or minutes > 59:
        raise BadPostTime(text)
    return time(hours, minutes)


def format_post_time(at: time) -> str:
    """The stored and displayed form: "09:00"."""
    return f"{at.hour:02d}:{at.minute:02d}"


def _require_aware(now: datetime) -> None:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be a timezone-aware datetime")


def _local(instant: datetime, zone: tzinfo) -> datetime:
    """The wall-clock reading of `instant` in `zone`, naive (for comparing with wall times)."""
    return instant.astimezone(zone).replace(tzinfo=None)


def due_on(day: date, at: time, zone: tzinfo) -> datetime | None:
    """The UTC instant when the clock in `zone` shows `at` on `day`.

    First occurrence when the time happens twice; the first minute after the jump when the time
    is skipped; None when the skip carries past the end of `day` (the date has no such time).
    """
    wall = datetime.combine(day, at)
    first = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if _local(first, zone) == wall:
        # Exists. For an ambiguous wall time fold=0 is the earlier of the two instants.
        return first

    # `wall` lies in a gap. fold=0 and fold=1 map it with the offsets before and after the
    # transition, which bracket the transition instant; find it by bisection over seconds.
    second = wall.replace(tzinfo=zone, fold=1).astimezone(UTC)
    lo, hi = sorted((first, second))
    lo_s, hi_s = int(lo.timestamp()), int(hi.timestamp())
    while lo_s < hi_s:
        mid = (lo_s + hi_s) // 2
        if _local(datetime.fromtimestamp(mid, UTC), zone) >= wall:
            hi_s = mid
        else:
            lo_s = mid + 1
    after_gap = datetime.fromtimestamp(lo_s, UTC)
    # Round up to a whole local minute (historic transitions can fall on odd seconds).
    extra = _local(after_gap, zone).second
    if extra:
        after_gap += timedelta(seconds=60 - extra)
    if _local(after_gap, zone).date() != day:
        return None
    return after_gap


def next_due_from(day: date, at: time, zone: tzinfo) -> Due:
    """The first slot on `day` or a later date (dates without the time are passed over)."""
    for offset in range(8):
        candidate = day + timedelta(days=offset)
        instant = due_on(candidate, at, zone)
        if instant is not None:
            return Due(instant, candidate)
    # No zone skips a week; this is a guard against a broken tz database.
    raise ValueError(f"no {at} in {zone} within a week of {day}")


def next_due_after(now: datetime, at: time, zone: tzinfo) -> Due:
    """The first slot strictly after `now`: used when an admin sets or resumes a schedule, so
    that saving at 15:00 a time of 09:00 means tomorrow, not an immediate post.
    """
    _require_aware(now)
    today = now.astimezone(zone).date()
    due = next_due_from(today, at, zone)
    if due.at_utc <= now:
        due = next_due_from(due.local_date + timedelta(days=1), at, zone)
    return due


def due_now_or_next(now: datetime, at: time, zone: tzinfo) -> Due:
    """The slot for the local date of `now`, even if its time has passed (so a post missed
    while the bot was down goes out late, the same day); if that date has no slot, the next.

    Never a slot for a date before the local date of `now`: missed days stay missed.
    """
    _require_aware(now)
    return next_due_from(now.astimezone(zone).date(), at, zone)


def local_date_of(now: datetime, zone: tzinfo) -> date:
    """The calendar date in `zone` at the instant `now`."""
    _require_aware(now)
    return now.astimezone(zone).date()


def calendar_days(local_date: date) -> tuple[tuple[int, int], ...]:
    """The (month, day) pairs whose events a post on `local_date` shows.

    Usually just the date itself. On 28 February of a year without 29 February, also
    (2, 29): leap-day events would otherwise appear only once every four years.
    """
    pairs = [(local_date.month, local_date.day)]
    if (local_date.month, local_date.day) == (2, 28) and not calendar.isleap(local_date.year):
        pairs.append((2, 29))
    return tuple(pairs)
