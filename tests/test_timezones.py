"""Time zones as admins type them: names, cities, offsets and autocomplete."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.timezones import (
    MAX_CHOICES,
    UnknownTimezone,
    format_offset,
    parse_offset,
    parse_zone,
    preload_zone_names,
    suggest_zones,
    zone_from_key,
)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Asia/Baku", "Asia/Baku"),
        ("asia/baku", "Asia/Baku"),
        ("  Europe/Berlin ", "Europe/Berlin"),
        ("america/new york", "America/New_York"),
        ("Baku", "Asia/Baku"),
        ("new york", "America/New_York"),
        ("Lord_Howe", "Australia/Lord_Howe"),
        ("UTC", "UTC"),
    ],
)
def test_names_and_unique_cities_resolve_to_the_iana_spelling(text: str, key: str) -> None:
    zone = parse_zone(text)
    assert zone.key == key
    assert not zone.fixed_offset
    assert zone.tz == ZoneInfo(key)


@pytest.mark.parametrize(
    ("text", "key", "offset"),
    [
        ("UTC+4", "UTC+04:00", timedelta(hours=4)),
        ("utc +4", "UTC+04:00", timedelta(hours=4)),
        ("UTC-03:30", "UTC-03:30", timedelta(hours=-3, minutes=-30)),
        ("GMT+5:45", "UTC+05:45", timedelta(hours=5, minutes=45)),
        ("+04:00", "UTC+04:00", timedelta(hours=4)),
        ("+0530", "UTC+05:30", timedelta(hours=5, minutes=30)),
        ("UTC\u22123", "UTC-03:00", timedelta(hours=-3)),  # a typographic minus
        ("UTC+14", "UTC+14:00", timedelta(hours=14)),
        ("UTC-12", "UTC-12:00", timedelta(hours=-12)),
    ],
)
def test_offsets_are_stored_as_fixed_offsets_with_an_explanation(
    text: str, key: str, offset: timedelta
) -> None:
    zone = parse_zone(text)
    assert zone.key == key
    assert zone.fixed_offset
    assert zone.tz.utcoffset(datetime(2025, 7, 1, tzinfo=UTC)) == offset
    assert zone.tz.utcoffset(datetime(2025, 1, 1, tzinfo=UTC)) == offset
    assert zone.note is not None
    assert "daylight saving" in zone.note
    assert key in zone.note


def test_etc_gmt_names_explain_their_inverted_sign() -> None:
    zone = parse_zone("Etc/GMT-4")
    assert zone.key == "Etc/GMT-4"
    assert zone.tz.utcoffset(datetime(2025, 1, 1)) == timedelta(hours=4)
    assert zone.note is not None
    assert "UTC+04:00" in zone.note
    assert "invert" in zone.note


@pytest.mark.parametrize("text", ["UTC+15", "UTC-13", "UTC+04:75"])
def test_out_of_range_offsets_are_refused_with_the_reason(text: str) -> None:
    with pytest.raises(UnknownTimezone) as caught:
        parse_zone(text)
    assert "UTC" in str(caught.value)


def test_typo_is_refused_with_suggestions() -> None:
    with pytest.raises(UnknownTimezone) as caught:
        parse_zone("Europe/Berln")
    assert "Europe/Berlin" in caught.value.suggestions
    assert "Europe/Berlin" in str(caught.value)


@pytest.mark.parametrize("text", ["", "   ", "Mars/Olympus", "localtime", "Factory"])
def test_nonsense_and_non_places_are_refused(text: str) -> None:
    with pytest.raises(UnknownTimezone):
        parse_zone(text)


def test_a_city_under_two_regions_is_not_guessed_but_both_are_suggested() -> None:
    with pytest.raises(UnknownTimezone) as caught:
        parse_zone("Istanbul")
    assert {"Asia/Istanbul", "Europe/Istanbul"} <= set(caught.value.suggestions)


def test_keys_round_trip_through_zone_from_key() -> None:
    for text in ["Asia/Baku", "UTC+05:45", "UTC-03:30", "Etc/GMT-4", "UTC"]:
        zone = parse_zone(text)
        restored = zone_from_key(zone.key)
        instant = datetime(2025, 3, 1, 12, tzinfo=UTC)
        assert restored.utcoffset(instant.astimezone(restored).replace(tzinfo=None)) == (
            zone.tz.utcoffset(instant.astimezone(zone.tz).replace(tzinfo=None))
        )


def test_zone_from_key_refuses_unknown_keys() -> None:
    with pytest.raises(UnknownTimezone):
        zone_from_key("Nowhere/Atlantis")


def test_format_and_parse_offset_agree() -> None:
    for minutes in (-720, -210, -60, 0, 345, 630, 840):
        offset = timedelta(minutes=minutes)
        assert parse_offset(format_offset(offset)) == offset


def test_parse_offset_leaves_names_alone() -> None:
    assert parse_offset("Europe/Berlin") is None
    assert parse_offset("4") is None  # no sign, no UTC: not clearly an offset


# -- autocomplete ----------------------------------------------------------------------------


def test_suggestions_never_exceed_discord_limits() -> None:
    for text in ["", "a", "america", "e", "/", "utc+4", "x" * 200]:
        choices = suggest_zones(text)
        assert len(choices) <= MAX_CHOICES
        assert all(1 <= len(c.name) <= 100 and 1 <= len(c.value) <= 100 for c in choices)
        assert len({c.value for c in choices}) == len(choices)


def test_suggestions_prefix_then_city() -> None:
    assert suggest_zones("Europe/Ber")[0].value == "Europe/Berlin"
    assert suggest_zones("baku")[0].value == "Asia/Baku"
    assert suggest_zones("New_Y")[0].value == "America/New_York"
    assert suggest_zones("new y")[0].value == "America/New_York"
    assert "Australia/Lord_Howe" in [c.value for c in suggest_zones("lord")]


def test_suggestions_forgive_typos() -> None:
    assert "Europe/Berlin" in [c.value for c in suggest_zones("Berln")]
    assert "Pacific/Chatham" in [c.value for c in suggest_zones("chathm")]


def test_an_offset_is_offered_first_and_explained() -> None:
    first = suggest_zones("utc+4")[0]
    assert first.value == "UTC+04:00"
    assert "no daylight saving" in first.name


def test_empty_input_offers_common_zones_that_all_parse() -> None:
    choices = suggest_zones("")
    assert 5 <= len(choices) <= MAX_CHOICES
    for choice in choices:
        assert parse_zone(choice.value).key == choice.value


def test_every_suggestion_value_is_accepted_by_parse_zone() -> None:
    for text in ["asia", "utc-3:30", "pacific", "berl"]:
        for choice in suggest_zones(text):
            assert parse_zone(choice.value).key == choice.value


def test_limit_is_respected_and_capped() -> None:
    assert len(suggest_zones("a", limit=5)) == 5
    assert len(suggest_zones("a", limit=500)) == MAX_CHOICES


def test_fixed_offset_key_is_a_real_tzinfo() -> None:
    assert zone_from_key("UTC+04:00") == timezone(timedelta(hours=4))


def test_preloading_reads_the_zone_list_once_for_every_later_lookup(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert preload_zone_names() > 400

    def read_again() -> set[str]:
        raise AssertionError("the zone list was read again on the event loop")

    monkeypatch.setattr("bot.timezones.available_timezones", read_again)
    assert suggest_zones("berl")[0].value == "Europe/Berlin"
    assert parse_zone("new york").key == "America/New_York"
