"""Time travel for the daily post's due-time arithmetic: "now" is always an argument."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.schedule import (
    BadPostTime,
    Due,
    calendar_days,
    due_now_or_next,
    due_on,
    format_post_time,
    local_date_of,
    next_due_after,
    next_due_from,
    parse_post_time,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
BAKU = ZoneInfo("Asia/Baku")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")
CHATHAM = ZoneInfo("Pacific/Chatham")
ZONES = (BERLIN, NEW_YORK, BAKU, LORD_HOWE, CHATHAM)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def local(instant: datetime, zone: ZoneInfo) -> tuple[date, time, timedelta | None]:
    """(date, wall time, UTC offset) of an instant in a zone, for readable assertions."""
    moment = instant.astimezone(zone)
    return moment.date(), moment.time().replace(tzinfo=None), moment.utcoffset()


# -- parsing -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:00", time(9, 0)),
        ("9:05", time(9, 5)),
        (" 18:30 ", time(18, 30)),
        ("00:00", time(0, 0)),
        ("23:59", time(23, 59)),
        ("18.30", time(18, 30)),
        ("7h05", time(7, 5)),
    ],
)
def test_parse_post_time_accepts_24_hour_times(text: str, expected: time) -> None:
    assert parse_post_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "12:60", "9", "9am", "", "09:00:00", "noon", "-1:00"])
def test_parse_post_time_rejects_anything_else_with_an_example(text: str) -> None:
    with pytest.raises(BadPostTime, match="HH:MM"):
        parse_post_time(text)


def test_format_post_time_pads_both_parts() -> None:
    assert format_post_time(time(7, 5)) == "07:05"


# -- ordinary days ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "day", "expected_utc"),
    [
        (BERLIN, date(2025, 1, 15), utc(2025, 1, 15, 8, 0)),  # CET +01:00
        (BERLIN, date(2025, 7, 15), utc(2025, 7, 15, 7, 0)),  # CEST +02:00
        (NEW_YORK, date(2025, 1, 15), utc(2025, 1, 15, 14, 0)),  # EST -05:00
        (NEW_YORK, date(2025, 7, 15), utc(2025, 7, 15, 13, 0)),  # EDT -04:00
        (BAKU, date(2025, 1, 15), utc(2025, 1, 15, 5, 0)),  # +04:00, no DST since 2016
        (BAKU, date(2025, 7, 15), utc(2025, 7, 15, 5, 0)),
        (LORD_HOWE, date(2025, 7, 15), utc(2025, 7, 14, 22, 30)),  # +10:30
        (LORD_HOWE, date(2025, 1, 15), utc(2025, 1, 14, 22, 0)),  # +11:00
        (CHATHAM, date(2025, 7, 15), utc(2025, 7, 14, 20, 15)),  # +12:45
        (CHATHAM, date(2025, 1, 15), utc(2025, 1, 14, 19, 15)),  # +13:45
    ],
)
def test_nine_oclock_local_in_each_zone_and_season(
    zone: ZoneInfo, day: date, expected_utc: datetime
) -> None:
    assert due_on(day, time(9, 0), zone) == expected_utc


def test_fixed_offset_zone_has_no_dst() -> None:
    nepal_like = timezone(timedelta(hours=5, minutes=45))
    winter = due_on(date(2025, 1, 15), time(9, 0), nepal_like)
    summer = due_on(date(2025, 7, 15), time(9, 0), nepal_like)
    assert winter == utc(2025, 1, 15, 3, 15)
    assert summer == utc(2025, 7, 15, 3, 15)


# -- spring forward: the time does not exist -------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "day", "at", "expected_wall"),
    [
        # 02:00 -> 03:00 on the last Sunday of March.
        (BERLIN, date(2025, 3, 30), time(2, 30), time(3, 0)),
        (BERLIN, date(2025, 3, 30), time(2, 0), time(3, 0)),
        (BERLIN, date(2025, 3, 30), time(2, 59), time(3, 0)),
        # 02:00 -> 03:00 on the second Sunday of March.
        (NEW_YORK, date(2025, 3, 9), time(2, 15), time(3, 0)),
        # Baku kept DST until 2015: 04:00 -> 05:00 on the last Sunday of March.
        (BAKU, date(2015, 3, 29), time(4, 30), time(5, 0)),
        # Lord Howe moves only 30 minutes: 02:00 -> 02:30 on the first Sunday of October.
        (LORD_HOWE, date(2025, 10, 5), time(2, 15), time(2, 30)),
        (LORD_HOWE, date(2025, 10, 5), time(2, 0), time(2, 30)),
        # Chatham: 02:45 -> 03:45 on the last Sunday of September.
        (CHATHAM, date(2025, 9, 28), time(3, 0), time(3, 45)),
        (CHATHAM, date(2025, 9, 28), time(2, 45), time(3, 45)),
    ],
)
def test_skipped_time_posts_at_first_minute_after_the_jump(
    zone: ZoneInfo, day: date, at: time, expected_wall: time
) -> None:
    instant = due_on(day, at, zone)
    assert instant is not None
    assert local(instant, zone)[:2] == (day, expected_wall)


def test_minute_just_before_the_gap_is_untouched() -> None:
    instant = due_on(date(2025, 3, 30), time(1, 59), BERLIN)
    assert instant == utc(2025, 3, 30, 0, 59)


def test_a_whole_skipped_day_has_no_slot_and_the_next_day_takes_over() -> None:
    # Samoa skipped 30 December 2011 when it moved across the date line.
    apia = ZoneInfo("Pacific/Apia")
    assert due_on(date(2011, 12, 30), time(9, 0), apia) is None
    due = next_due_from(date(2011, 12, 30), time(9, 0), apia)
    assert due.local_date == date(2011, 12, 31)
    assert local(due.at_utc, apia)[:2] == (date(2011, 12, 31), time(9, 0))


# -- fall back: the time happens twice -------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "day", "at", "first_offset"),
    [
        (BERLIN, date(2025, 10, 26), time(2, 30), timedelta(hours=2)),  # CEST, not CET
        (NEW_YORK, date(2025, 11, 2), time(1, 30), timedelta(hours=-4)),  # EDT, not EST
        (LORD_HOWE, date(2025, 4, 6), time(1, 45), timedelta(hours=11)),  # not +10:30
        (CHATHAM, date(2025, 4, 6), time(3, 0), timedelta(hours=13, minutes=45)),
        (BAKU, date(2015, 10, 25), time(4, 30), timedelta(hours=5)),
    ],
)
def test_repeated_time_posts_once_at_the_first_occurrence(
    zone: ZoneInfo, day: date, at: time, first_offset: timedelta
) -> None:
    instant = due_on(day, at, zone)
    assert instant is not None
    assert local(instant, zone) == (day, at, first_offset)
    # The second occurrence is later, and the next slot is the next day: no second post.
    second = datetime.combine(day, at, tzinfo=zone).replace(fold=1).astimezone(UTC)
    assert second > instant
    assert next_due_after(second, at, zone).local_date == day + timedelta(days=1)
    assert next_due_after(instant, at, zone).local_date == day + timedelta(days=1)


@pytest.mark.parametrize("zone", ZONES, ids=str)
@pytest.mark.parametrize("at", [time(0, 0), time(1, 30), time(2, 30), time(3, 15), time(23, 59)])
def test_every_day_of_two_years_has_exactly_one_slot_on_that_date(zone: ZoneInfo, at: time) -> None:
    day = date(2024, 1, 1)
    previous: datetime | None = None
    while day < date(2026, 1, 1):
        instant = due_on(day, at, zone)
        assert instant is not None, day
        wall_date, wall_time, _ = local(instant, zone)
        assert wall_date == day
        # Either the chosen time, or (in a gap) a later minute within the gap's length.
        assert at <= wall_time, day
        gap = datetime.combine(day, wall_time) - datetime.combine(day, at)
        assert gap <= timedelta(hours=1), day
        if previous is not None:
            assert instant - previous >= timedelta(hours=22), day
        previous = instant
        day += timedelta(days=1)


# -- next slot, month and year ends, leap day ------------------------------------------------


def test_saving_before_todays_time_means_today() -> None:
    due = next_due_after(utc(2025, 6, 1, 6, 0), time(9, 0), BERLIN)  # 08:00 local
    assert due == Due(utc(2025, 6, 1, 7, 0), date(2025, 6, 1))


def test_saving_after_todays_time_means_tomorrow_not_now() -> None:
    due = next_due_after(utc(2025, 6, 1, 13, 0), time(9, 0), BERLIN)
    assert due == Due(utc(2025, 6, 2, 7, 0), date(2025, 6, 2))


def test_the_due_instant_itself_is_not_after_itself() -> None:
    due = next_due_after(utc(2025, 6, 1, 7, 0), time(9, 0), BERLIN)
    assert due.local_date == date(2025, 6, 2)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (utc(2025, 1, 31, 12, 0), date(2025, 2, 1)),
        (utc(2025, 4, 30, 12, 0), date(2025, 5, 1)),
        (utc(2025, 12, 31, 12, 0), date(2026, 1, 1)),
        (utc(2024, 2, 28, 12, 0), date(2024, 2, 29)),
        (utc(2025, 2, 28, 12, 0), date(2025, 3, 1)),
        (utc(2024, 2, 29, 12, 0), date(2024, 3, 1)),
    ],
)
def test_month_ends_year_end_and_leap_day(now: datetime, expected: date) -> None:
    due = next_due_after(now, time(9, 0), BERLIN)
    assert due.local_date == expected
    assert local(due.at_utc, BERLIN)[:2] == (expected, time(9, 0))


def test_local_date_differs_from_utc_date_far_east() -> None:
    # 09:00 on 1 January in Chatham is still 31 December in UTC.
    due = next_due_after(utc(2025, 12, 31, 12, 0), time(9, 0), CHATHAM)
    assert due == Due(utc(2025, 12, 31, 19, 15), date(2026, 1, 1))


def test_local_date_differs_from_utc_date_far_west() -> None:
    # 23:30 on 31 December in New York is already 1 January in UTC.
    due = next_due_after(utc(2025, 12, 31, 12, 0), time(23, 30), NEW_YORK)
    assert due == Due(utc(2026, 1, 1, 4, 30), date(2025, 12, 31))


# -- catch-up after downtime -----------------------------------------------------------------


def test_missed_slot_same_local_day_is_due_now() -> None:
    # Down at 09:00, back at 15:00 the same Berlin day: today's slot, already past.
    now = utc(2025, 6, 1, 13, 0)
    due = due_now_or_next(now, time(9, 0), BERLIN)
    assert due == Due(utc(2025, 6, 1, 7, 0), date(2025, 6, 1))
    assert due.at_utc <= now


def test_catch_up_never_reaches_back_to_a_past_day() -> None:
    # Back at 08:00 the next local day: the slot is later today, yesterday's is gone.
    now = utc(2025, 6, 2, 6, 0)
    due = due_now_or_next(now, time(9, 0), BERLIN)
    assert due == Due(utc(2025, 6, 2, 7, 0), date(2025, 6, 2))


def test_local_date_of_uses_the_zone() -> None:
    assert local_date_of(utc(2025, 12, 31, 20, 0), CHATHAM) == date(2026, 1, 1)
    assert local_date_of(utc(2025, 12, 31, 20, 0), NEW_YORK) == date(2025, 12, 31)


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        next_due_after(datetime(2025, 1, 1, 12, 0), time(9, 0), BERLIN)


# -- which calendar days a post shows --------------------------------------------------------


def test_ordinary_day_shows_itself() -> None:
    assert calendar_days(date(2025, 3, 1)) == ((3, 1),)


def test_leap_day_events_show_on_28_february_in_common_years() -> None:
    assert calendar_days(date(2025, 2, 28)) == ((2, 28), (2, 29))


def test_leap_years_show_28_and_29_february_separately() -> None:
    assert calendar_days(date(2024, 2, 28)) == ((2, 28),)
    assert calendar_days(date(2024, 2, 29)) == ((2, 29),)
