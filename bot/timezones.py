"""Time zones as server admins type them: IANA names, city names and "UTC+4"-style offsets.

A zone is stored as a short text key and turned back into a tzinfo with :func:`zone_from_key`:

- an IANA name, spelled as the tz database spells it ("Asia/Baku", "Etc/GMT-4");
- a fixed offset, always written "UTC+HH:MM" / "UTC-HH:MM" ("UTC+04:00"). A fixed offset has no
  daylight saving time, which is why the reply to ``/dailypost set`` says so and suggests a city.

Pure functions only; the zone list comes from :func:`zoneinfo.available_timezones` (tzdata).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from rapidfuzz import fuzz, process

# Discord allows at most 25 autocomplete choices, each name and value at most 100 characters.
MAX_CHOICES = 25

# Real offsets in use run from UTC-12:00 (Baker Island) to UTC+14:00 (Line Islands).
_MIN_OFFSET = timedelta(hours=-12)
_MAX_OFFSET = timedelta(hours=14)

# "UTC+4", "utc -03:30", "GMT+5:45", "+04:00", "+0400", "UTC−3" (a Unicode minus), "Z+2".
_OFFSET = re.compile(
    r"^(?:(?:utc|gmt|z)\s*)?(?P<sign>[+\-\u2212])\s*(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?$",
    re.IGNORECASE,
)
_BARE_UTC = {"utc", "gmt", "z", "zulu", "utc+0", "utc-0", "+00:00", "-00:00"}

# Entries in the tz database that are not places a server admin would choose.
_EXCLUDED = {"Factory", "localtime"}

# Shown when the admin has typed nothing yet: one well-known city per region.
_POPULAR = (
    "UTC",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Paris",
    "Europe/Moscow",
    "Europe/Istanbul",
    "Asia/Baku",
    "Asia/Tbilisi",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "America/Mexico_City",
    "Africa/Cairo",
    "Africa/Lagos",
    "Africa/Johannesburg",
)


class UnknownTimezone(ValueError):
    """The text is neither a time zone name nor a UTC offset; the message says what to type."""

    def __init__(
        self, text: str, suggestions: tuple[str, ...] = (), reason: str | None = None
    ) -> None:
        self.text = text
        self.suggestions = suggestions
        hint = f" Did you mean {', '.join(suggestions)}?" if suggestions else ""
        why = f" {reason}" if reason else ""
        super().__init__(
            f"{text!r} is not a time zone I know.{why}{hint} "
            "Use a name from the time zone database such as Europe/Berlin or Asia/Baku "
            "(the list appears as you type), or a UTC offset such as UTC+4 or UTC-03:30."
        )


@dataclass(frozen=True, slots=True)
class Zone:
    """A time zone an admin chose: the key to store, the tzinfo, and how to explain it."""

    key: str  # "Asia/Baku" or "UTC+04:00": what bot.store.servers saves
    tz: tzinfo
    fixed_offset: bool  # True for "UTC+04:00" keys: no daylight saving time
    note: str | None  # one sentence for the admin when the zone needs explaining, else None


@dataclass(frozen=True, slots=True)
class ZoneSuggestion:
    """One autocomplete choice: what Discord shows (`name`) and what it sends back (`value`)."""

    name: str
    value: str


@cache
def _zone_names() -> tuple[str, ...]:
    return tuple(sorted(z for z in available_timezones() if z not in _EXCLUDED))


@cache
def _by_lower_name() -> dict[str, str]:
    return {name.lower(): name for name in _zone_names()}


@cache
def _by_city() -> dict[str, tuple[str, ...]]:
    """Zone names by their last component in lower case, spaces for underscores: "new york"."""
    cities: dict[str, list[str]] = {}
    for name in _zone_names():
        city = name.rsplit("/", 1)[-1].replace("_", " ").lower()
        cities.setdefault(city, []).append(name)
    return {city: tuple(names) for city, names in cities.items()}


def preload_zone_names() -> int:
    """Read the tz database's zone list now rather than on the first autocomplete (it lists
    and checks some 600 files: run it in a thread at start-up). Returns how many zones."""
    _by_city()
    return len(_by_lower_name())


def format_offset(offset: timedelta) -> str:
    """The canonical key of a fixed offset: "UTC+04:00", "UTC-03:30", "UTC+00:00"."""
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def parse_offset(text: str) -> timedelta | None:
    """The offset written in `text` ("UTC+4", "GMT-3:30", "+04:00"), or None if it is not one.

    Raises UnknownTimezone when the text is shaped like an offset but out of range (beyond
    UTC-12:00..UTC+14:00, or minutes over 59).
    """
    cleaned = text.strip()
    if cleaned.lower() in _BARE_UTC:
        return timedelta(0)
    match = _OFFSET.match(cleaned)
    if match is None:
        return None
    hours = int(match["hours"])
    minutes = int(match["minutes"] or 0)
    if minutes > 59:
        raise UnknownTimezone(text, reason="An offset's minutes run from 00 to 59.")
    offset = timedelta(hours=hours, minutes=minutes)
    if match["sign"] != "+":
        offset = -offset
    if not _MIN_OFFSET <= offset <= _MAX_OFFSET:
        raise UnknownTimezone(text, reason="UTC offsets run from UTC-12:00 to UTC+14:00.")
    return offset


def _etc_note(name: str) -> str | None:
    """Etc/GMT zones invert the usual sign (POSIX style); say so, since it surprises people."""
    match = re.fullmatch(r"Etc/GMT([+-])(\d{1,2})", name)
    if match is None or match[2] == "0":
        return None
    real = "-" if match[1] == "+" else "+"
    return (
        f"{name} means UTC{real}{int(match[2]):02d}:00: the Etc/GMT names invert the sign. "
        "It has no daylight saving time."
    )


def parse_zone(text: str) -> Zone:
    """The zone `text` names: an IANA name (any letter case), a city ("baku", "New York") when
    exactly one zone has that city, or a UTC offset ("UTC+4", "GMT-03:30", "+05:45").

    Raises UnknownTimezone (with close matches as suggestions) when nothing fits.
    """
    cleaned = text.strip()
    if not cleaned:
        raise UnknownTimezone(text)

    iana = _by_lower_name().get(cleaned.lower().replace(" ", "_"))
    if iana is not None:
        return Zone(key=iana, tz=ZoneInfo(iana), fixed_offset=False, note=_etc_note(iana))

    offset = parse_offset(cleaned)
    if offset is not None:
        key = format_offset(offset)
        note = (
            f"Stored as the fixed offset {key}. A fixed offset never changes for daylight "
            "saving time; if your region changes its clocks, choose its city instead "
            "(for example Europe/Berlin or America/New_York)."
        )
        return Zone(key=key, tz=timezone(offset), fixed_offset=True, note=note)

    cities = _by_city().get(cleaned.lower().replace("_", " "))
    if cities is not None and len(cities) == 1:
        name = cities[0]
        return Zone(key=name, tz=ZoneInfo(name), fixed_offset=False, note=_etc_note(name))

    suggestions = tuple(s.value for s in suggest_zones(cleaned, limit=3))
    raise UnknownTimezone(text, suggestions)


def zone_from_key(key: str) -> tzinfo:
    """The tzinfo for a key that :func:`parse_zone` produced.

    Raises UnknownTimezone when the key is no longer valid (e.g. tzdata dropped the name).
    """
    if key.startswith("UTC") and len(key) > 3:
        offset = parse_offset(key)
        if offset is not None:
            return timezone(offset)
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError):
        raise UnknownTimezone(key) from None


def suggest_zones(current: str, limit: int = MAX_CHOICES) -> list[ZoneSuggestion]:
    """Autocomplete choices for what the admin has typed so far, best first, at most `limit`
    (capped at 25, Discord's maximum).

    Ranking: an offset the text spells ("utc+4" -> "UTC+04:00"), then zone names starting with
    the text, then cities starting with it ("ber" -> Europe/Berlin), then names containing it,
    then fuzzy matches for typos ("Berln"). Empty text gives a short list of common zones.
    """
    limit = max(0, min(limit, MAX_CHOICES))
    text = current.strip()
    if not text:
        return [ZoneSuggestion(name, name) for name in _POPULAR[:limit]]

    found: list[ZoneSuggestion] = []
    seen: set[str] = set()

    def add(name: str, value: str) -> None:
        if value not in seen and len(found) < limit:
            seen.add(value)
            found.append(ZoneSuggestion(name[:100], value[:100]))

    try:
        offset = parse_offset(text)
    except UnknownTimezone:
        offset = None
    if offset is not None:
        key = format_offset(offset)
        add(f"{key} (fixed offset, no daylight saving time)", key)

    needle = text.lower().replace(" ", "_")
    names = _zone_names()
    for name in names:
        if name.lower().startswith(needle):
            add(name, name)
    for name in names:
        if name.rsplit("/", 1)[-1].lower().startswith(needle):
            add(name, name)
    for name in names:
        if needle in name.lower():
            add(name, name)
    if len(found) < limit:
        for name, _score, _index in process.extract(
            needle, names, scorer=fuzz.WRatio, processor=str.lower, limit=limit, score_cutoff=70
        ):
            add(name, name)
    return found
