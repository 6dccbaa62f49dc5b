"""Find the dates a sentence states, resolve them, and join them into ranges.

Recognised, in one left-to-right pass of one precompiled (linear-time) pattern:

* full dates: ``29 November 2018``, ``November 29, 2018``, ``Nov. 29 2018``, ``2018-11-29``,
  ``29th of November 2018``, ``29/11/2018`` (only when unambiguous), day ranges
  ``3-5 March 2005`` / ``March 3-5, 2005``;
* months: ``March 1992``, ``Mar. 1992``, ``March of 1992``;
* years: ``in 1994``, ``the 1994 summit``, ``mid-2014``; year ranges ``2002-2014``,
  ``2002–14``, ``2018/19``; decades ``the 1990s``, ``the early 2000s``, ``mid-1990s``;
* dates without a year (``on November 29``, ``in March``), weekdays (``on Tuesday``) and
  ``yesterday`` / ``this year`` / ``last month``: resolved against the article's date;
* phrases anchored on an earlier date (``the following year``, ``two years later``,
  ``earlier that month``): resolved against the last date stated before them.

Mentions are then joined: ``from A to B`` (even ``from 2002 to the end of the operation in
2014``), ``between A and B``, ``A to B``, ``A – B``, and a year-less ``from March to June
2005`` borrows its year. ``since A`` makes an open range. Numbers that only look like years
(``1,500 troops``, ``$1994 million``, ``Resolution 1325``, ``19:45``) are not dates.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from bot.extract.joined import Joined
from bot.extract.vocabulary import words

YearMonthDay = tuple[int, int | None, int | None]

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "a hundred": 100,
}  # fmt: skip

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![A-Za-z])"
)
_MONTH_FULL = (
    r"(?:January|February|March|April|June|July|August|September|October|November|December"
    r"|May)(?![A-Za-z])"
)
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
# Holidays on a fixed day of the calendar (month, day); movable feasts such as Easter are not.
_HOLIDAYS = {
    "Christmas Day": (12, 25),
    "Christmas Eve": (12, 24),
    "Boxing Day": (12, 26),
    "New Year's Day": (1, 1),
    "New Year’s Day": (1, 1),
    "New Year's Eve": (12, 31),
    "New Year’s Eve": (12, 31),
    "Valentine's Day": (2, 14),
    "Valentine’s Day": (2, 14),
    "Halloween": (10, 31),
    "Bastille Day": (7, 14),
    "Armistice Day": (11, 11),
}
# "19 March that year", "March 19 of the same year": a day of the year last stated.
_THAT_YEAR = r"\s+(?:of\s+)?(?P<{p}_that>that(?:\s+same)?|the\s+same)\s+year(?![\w])"
_HOLIDAY = "|".join(re.escape(name) for name in _HOLIDAYS)
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![0-9A-Za-z])"
_DASH = r"(?:-|–|—|to|through|until)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_COUNT = (
    # "twenty-four" before "twenty"
    rf"(?i:(?:{_TENS})[-\s](?:one|two|three|four|five|six|seven|eight|nine)|"
    r"a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|a\s+hundred|[1-9][0-9]?)"
)

# Each alternative is named after its kind ("k_iso", "k_year", ...), so that the match's
# `lastgroup` says which one matched without building a dictionary of all groups.
_ALTERNATIVES = [
    (
        "iso",
        rf"(?<![\d-])(?P<iso_y>{_YEAR})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>0[1-9]|[12]\d|3[01])"
        r"(?![\d])",
    ),
    (
        "num",
        rf"(?<![\d./])(?P<num_a>\d{{1,2}})(?P<num_sep>[./])(?P<num_b>\d{{1,2}})(?P=num_sep)"
        rf"(?P<num_y>{_YEAR})(?![\d])",
    ),
    (
        "dr",
        rf"(?<![\d,.])(?P<dr_d1>{_DAY})\s*{_DASH}\s*(?P<dr_d2>{_DAY})\s+(?:of\s+)?"
        rf"(?P<dr_m>{_MONTH})(?:,?\s+(?P<dr_y>{_YEAR})(?![\d]))?",
    ),
    (
        "mr",
        rf"(?P<mr_m>{_MONTH})\s+(?P<mr_d1>{_DAY})\s*{_DASH}\s*(?P<mr_d2>{_DAY})"
        rf"(?:,?\s+(?P<mr_y>{_YEAR})(?![\d]))?",
    ),
    (
        "dmy",
        rf"(?<![\d,.])(?:the\s+)?(?P<dmy_d>{_DAY})(?:\s+of)?\s+(?P<dmy_m>{_MONTH})"
        rf"(?:,?\s+(?P<dmy_y>{_YEAR})(?![\d])|{_THAT_YEAR.format(p='dmy')})?",
    ),
    (
        "mdy",
        rf"(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>{_DAY})"
        rf"(?:,?\s+(?P<mdy_y>{_YEAR})(?![\d])|{_THAT_YEAR.format(p='mdy')})?",
    ),
    ("my", rf"(?P<my_m>{_MONTH}),?\s+(?:of\s+)?(?P<my_y>{_YEAR})(?![\d])"),
    # "Boxing Day 2004", "Christmas Eve of 1914": a holiday on a fixed day, with its year
    ("hol", rf"(?P<hol>{_HOLIDAY})\s+(?:of\s+)?(?P<hol_y>{_YEAR})(?![\d])"),
    # "in June of that year", "late September of the following year"
    (
        "moy",
        rf"(?P<moy_m>{_MONTH})\s+(?:of\s+)?(?P<moy_which>that|last|this|the\s+same|the\s+following|"
        r"the\s+next|the\s+previous)\s+year(?![\w])",
    ),
    # "the third quarter of 2021", "Q3 2019", "H1 2020", "the first half of fiscal 2021",
    # "fiscal 2023": quarters and halves are month ranges, a fiscal year is its year.
    (
        "qy",
        r"(?:(?P<qy_n>first|second|third|fourth|1st|2nd|3rd|4th|First|Second|Third|Fourth)"
        r"\s+(?P<qy_u>quarter|half)\s+of\s+(?:the\s+)?|(?P<qy_l>[QH])(?P<qy_d>[1-4])\s+"
        r"(?:of\s+)?)?(?:(?:[Ff]iscal|[Ff]inancial)\s+(?:[Yy]ear\s+)?)?"
        rf"(?P<qy_y>{_YEAR})(?![\w%]|[.,:]\d|-\d)",
    ),
    # "1949–present": a range still running
    ("yp", rf"(?<![\w$€£¥#.,/:-])(?P<yp_y>{_YEAR})\s*(?:-|–|—)\s*(?:present|today|now)\b"),
    # milestone lists: "2004 (October) NATO agrees ..."
    ("ypm", rf"(?<![\w$€£¥#.,/:-])(?P<ypm_y>{_YEAR})\s*\(\s*(?P<ypm_m>{_MONTH})\s*\)"),
    (
        "yr",
        rf"(?<![\w$€£¥#.,/:-])(?P<yr_a>{_YEAR})\s*(?:-|–|—|/)\s*(?P<yr_b>{_YEAR}|\d{{2}})"
        r"(?![\w%]|[.,:]\d)",
    ),
    (
        "dec",
        r"(?:(?P<dec_q>early|mid|late|Early|Mid|Late)[\s-]+)?(?<![\w$€£¥#.,/:])"
        r"(?P<dec_y>1\d{2}0|20\d0)['’]?s(?![\w])",
    ),
    (
        "pre",
        rf"(?P<pre_q>mid|early|late|pre|post|Mid|Early|Late|Pre|Post)-(?P<pre_y>{_YEAR})"
        r"(?![\w%]|[.,:]\d)",
    ),
    ("year", rf"(?<![\w$€£¥#@.,/:-])(?P<year>{_YEAR})(?![\w%]|[.,:]\d|-\d)"),
    (
        "rel",
        rf"(?P<rel_n>{_COUNT})\s+(?P<rel_unit>years?|months?|days?|weeks?|decades?)\s+"
        r"(?P<rel_dir>later|earlier|afterwards|before|after|ago(?P<rel_today>\s+today)?)"
        r"(?![\w])",
    ),
    (
        "fix",
        r"(?P<rel_fix>(?i:(?:(?:later|earlier)\s+(?:in\s+)?)?(?:this|that(?:\s+same)?|the\s+same|"
        r"the\s+following|the\s+next|the\s+previous|the\s+preceding|last)\s+)"
        r"(?P<rel_fix_unit>year|month|day|spring|summer|autumn|winter))(?![\w])",
    ),
    ("yesterday", r"(?i:yesterday)(?![\w])"),
    # "on Saturday morning": the part of the day goes with the day
    ("wd", rf"(?P<wd>{_WEEKDAY})(?:\s+(?:morning|afternoon|evening|night))?(?![\w])"),
    ("mo", rf"(?P<mo>{_MONTH_FULL})(?![\w])"),
]


def _alternation(kinds: set[str] | None = None) -> re.Pattern[str]:
    return re.compile(
        "|".join(
            f"(?P<k_{kind}>{body})" for kind, body in _ALTERNATIVES if not kinds or kind in kinds
        )
    )


_PATTERN = _alternation()
# The alternatives that can match at a run of one or two digits, at a run of four, and at a
# month, weekday or "yesterday": trying only those gives the same match, sooner. (Nothing
# matches at a run of three digits or more than four.)
_AT_SHORT_NUMBER = _alternation({"num", "dr", "dmy", "rel"})
_AT_FOUR_DIGITS = _alternation({"iso", "yp", "ypm", "yr", "dec", "year"})
_AT_NAME = _alternation({"mr", "mdy", "my", "moy", "yesterday", "wd", "mo"})
_AT_PERIOD = _alternation({"qy"})
_AT_HOLIDAY = _alternation({"hol"})
# A holiday's name right before a year ("Boxing Day 2004", "Christmas Eve of 1914").
_HOLIDAY_LEAD = re.compile(rf"(?:{_HOLIDAY})\s+(?:of\s+)?$")
_HOLIDAY_LAST_LETTERS = frozenset("yenf")  # how "Day", "Eve", "Halloween" and "of" end
_HOLIDAY_ENDS = ("Day ", "Eve ", "Halloween ", "Day of ", "Eve of ", "Halloween of ")
# The words a quarter, half or fiscal year puts before its year ("the third quarter of",
# "Q3 ", "fiscal year "), read back from the year.
_PERIOD_LEAD = re.compile(
    r"(?:\b(?:(?:first|second|third|fourth|1st|2nd|3rd|4th|First|Second|Third|Fourth)\s+"
    r"(?:quarter|half)\s+of\s+(?:the\s+)?|[QH][1-4]\s+(?:of\s+)?)"
    r"(?:(?:[Ff]iscal|[Ff]inancial)\s+(?:[Yy]ear\s+)?)?"
    r"|\b(?:[Ff]iscal|[Ff]inancial)\s+(?:[Yy]ear\s+)?)$"
)
# The character before the space that ends a period lead ("of ", "fiscal ", "year ",
# "Q3 "): the first, cheapest test.
_PERIOD_LEAD_CHARS = frozenset("flr1234")
# "in the second half", "the fourth quarter": a period without a year, which takes the
# year of a quarter or half the same sentence stated just before.
_BARE_PERIOD = re.compile(
    r"\b(?P<n>first|second|third|fourth|1st|2nd|3rd|4th|First|Second|Third|Fourth)\s+"
    r"(?P<u>quarter|half)\b(?!\s+of\b|-)"
)
_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
}  # fmt: skip
# At a word before a unit ("the following year", "two years later") only these can reach
# past the unit word (any other match there ends before it, and is not taken).
_BEFORE_UNIT = _alternation({"moy", "rel", "fix"})

# Words that may stand between a cue ("in", "since") and the date itself.
_MODIFIERS = words(
    """
    the early late mid end beginning start middle close spring summer autumn fall winter
    of half quarter first second third fourth final last later earlier latter part
    course
    """
)
_QUANTITY_BEFORE = words(
    """
    about some nearly almost over approximately roughly than total least estimated only
    """
)
_NON_DATE_BEFORE = words(
    """
    page pages p pp no nos number resolution resolutions flight route room article
    articles section chapter paragraph item code model version rule bill decree highway
    road bus gate platform seat line lines tel phone fax iso rfc ieee en din grade size
    """
)
_UNIT_AFTER = words(
    """
    people persons troops soldiers personnel staff employees workers members men women
    children students residents patients cases deaths votes seats km kilometres
    kilometers miles metres meters m ft feet kg tonnes tons barrels units vehicles cars
    aircraft ships hectares acres dollars euros pounds copies pages words participants
    delegates officers police refugees jobs homes houses beds doses tests hours hrs
    minutes seconds points goals runs yards laps games matches satellites launches mw gw
    kw kwh mwh gmt utc bc bce cc ml calories respondents visitors viewers fans
    spectators rounds shares pupils teachers nurses doctors physicians scientists
    researchers engineers companies firms households families farmers animals cattle
    sheep pieces items times sq square cubic degrees feet
    """
)


# Measures after a number make it a quantity whatever stands before it: "the 1500 metres".
_MEASURES = words(
    """
    metres meters km kilometres kilometers miles feet ft yards kg kilograms tonnes tons lb
    ppm ppb mg degrees hectares acres litres liters gallons barrels mw gw kw kwh mwh
    """
)
# Verbs that take a count: "the force numbered 2000", "the ship carried 2010 passengers".
_COUNT_VERBS = words(
    """
    numbered number numbers totalled totaled totals reached reaches exceeded exceeds
    carried carries contained contains employed employs housed houses received receives
    earned earns scored scores sold sells produced produces counted counts attracted
    attracts drew draws seated seats registered registers
    """
)
# "Headcount rose to 1500", "sales fell to 1200": a quantity after a verb of change.
_CHANGE_TO = re.compile(
    r"\b(?:rose|risen|rises|rise|fell|fallen|falls|grew|grown|grows|increased|increases|"
    r"decreased|decreases|climbed|climbs|dropped|drops|jumped|jumps|declined|declines|"
    r"soared|surged|shrank|shrunk|doubled|tripled|reduced|cut|raised|lowered)\s+to\s+$",
    re.I,
)
# "the middle of the 1990s" is the mid-1990s.
_DECADE_PART = re.compile(r"\b(middle|end|close|beginning|start)\s+of\s+the\s+$", re.I)
_DECADE_PARTS = {
    "middle": "mid", "end": "late", "close": "late", "beginning": "early", "start": "early",
}  # fmt: skip
_COMPARED_BEFORE = re.compile(r"\b(?:compared\s+(?:with|to)|relative\s+to|versus|vs\.?)\s+$")
# "The vote was 1995 to 12": a tally, not a year.
_TALLY = re.compile(r"\s*(?:to|-|–)\s*\d{1,2}(?![\d:.,]\d|\s*(?:[A-Z][a-z]+|st|nd|rd|th)\b)")
_PLURAL = re.compile(r"[a-z]{3,}[^s]s")


class DateSpan(NamedTuple):
    """One date (or range) a sentence states, already resolved. (A named tuple: one is made
    for every date of every article, and a tuple is quick to make.)"""

    start: int  # span of the phrase in the sentence
    end: int
    date: YearMonthDay
    end_date: YearMonthDay | None = None
    open_ended: bool = False
    cue: str = ""  # the preposition before the phrase ("in", "since", "by", "the", ...)
    approximate: bool = False  # decades and "mid-1990s"
    relative: bool = False  # resolved against the article's date or an earlier date

    @property
    def precision(self) -> str:
        return precision_of(self.date)

    @property
    def text_date(self) -> str:
        return format_date(self.date)

    @property
    def text_end(self) -> str | None:
        return format_date(self.end_date) if self.end_date else None


@dataclass(slots=True)  # not frozen: built for every date phrase, and never shared
class _Atom:
    start: int
    end: int
    kind: str  # "abs" (absolute), "part" (needs a year), "rel" (relative), "skip"
    date: tuple[int | None, int | None, int | None] = (None, None, None)
    end_date: tuple[int | None, int | None, int | None] | None = None
    approximate: bool = False
    rel: str = ""  # for "rel": how to resolve
    rel_n: int = 0
    cue: str = ""


class DateScan(NamedTuple):
    """What a sentence's dates came to: resolved spans, and phrases that could not be."""

    spans: tuple[DateSpan, ...]
    unresolved: tuple[str, ...] = ()  # relative phrases needing an article date it lacks
    skipped: tuple[tuple[int, int], ...] = ()  # spans recognised as dates but not usable


@lru_cache(maxsize=4096)
def format_date(ymd: YearMonthDay) -> str:
    year, month, day = ymd
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def precision_of(ymd: YearMonthDay) -> str:
    return "year" if ymd[1] is None else "month" if ymd[2] is None else "day"


_EMPTY_SCAN = DateScan(())


def find_dates(
    sentence: str,
    published_on: date | None,
    anchor: DateSpan | None = None,
    *,
    triggers: Sequence[tuple[int, str]] | None = None,
    narrative: DateSpan | None = None,
    tells_past: Callable[[str], bool] | None = None,
    label_year: int | None = None,
) -> DateScan:
    """The dates `sentence` states, resolved and joined into ranges, in reading order.

    `published_on` resolves year-less and article-relative phrases; `anchor` (the last date
    stated before this sentence in its paragraph) resolves "the following year" and kin when
    the sentence has no earlier date of its own. `triggers` are the sentence's entry of
    :func:`sentence_triggers`, when the caller found them for a whole article at once.
    `narrative` is the last date with a month stated before the sentence in its paragraph,
    and `tells_past(sentence)` says it has no verb in the present tense (asked only when
    a year-less date needs it): then a year-less
    month after that date, in a paragraph set five years or more before the article, takes
    its year ("The Act was passed on 9 March 1933. ... signed in June" is June 1933; a day
    without a year, "on August 5", keeps the article's rule). `label_year` is the year that
    labels the sentence's milestone item ("2004: ... set up in August"), and a year-less
    date takes it, as it does a label opening the sentence itself. Pure; never raises.
    """
    matches = _scan(sentence, _triggers_of(sentence) if triggers is None else triggers)
    if not matches:
        return _EMPTY_SCAN
    atoms: list[_Atom] = []
    skips: list[tuple[int, int]] = []
    periods = False  # a quarter or half with its year was stated
    for match in matches:
        atom = _atom(match, sentence)
        if atom is None:
            continue
        if atom.kind == "skip":
            skips.append((atom.start, atom.end))
        elif (
            atom.date[1] is None
            and atom.end_date is None
            and _range_of_numbers(sentence, atom.start, atoms)
        ):
            continue
        else:
            atoms.append(atom)
            periods = periods or atom.rel == "period"
    skipped = tuple(skips)
    if periods:
        atoms = _bare_periods(sentence, atoms)
    if len(atoms) > 1:
        atoms = _join_ranges(atoms, sentence)
    spans: list[DateSpan] = []
    unresolved: list[str] = []
    last: DateSpan | None = anchor
    if atoms and (own := labelled_year(sentence, atoms[0])) is not None:
        label_year = own
    for atom in atoms:
        if atom.kind == "part" and label_year is not None and atom.date[1] is not None:
            span = _resolve_in_year(atom, label_year)
        elif (
            atom.kind == "part"
            and narrative is not None
            and published_on
            and tells_past is not None
            and atom.date[2] is None
            and atom.cue in ("in", "")
            and narrative.date[0] <= published_on.year - NARRATIVE_YEARS
            and tells_past(sentence)
        ):
            span = _resolve_in_narrative(atom, narrative, published_on)
        else:
            span = _resolve(atom, published_on, last)
        if span is None:
            if atom.kind in ("part", "rel") and published_on is None and not _anchored(atom):
                unresolved.append(sentence[atom.start : atom.end])
            continue
        if atom.cue == "since" and not _since_a_reference(sentence, atom.start):
            if span.end_date is None or atom.approximate:
                # "since the late 1990s": still running; the decade part says when it began.
                span = span._replace(open_ended=True)
            elif atom.rel == "period":
                # "has grown in every quarter since Q3 2020": running from its first month.
                span = span._replace(end_date=None, open_ended=True)
        spans.append(span)
        last = span
        if span.date[1] is not None:
            narrative = span
    return DateScan(tuple(spans), tuple(unresolved), skipped)


_LABEL_AFTER = re.compile(r"\s*[:–—-]\s")


def labelled_year(sentence: str, date: _Atom | DateSpan) -> int | None:
    """The year when `date` is a bare year labelling a milestone ("2004: Allies agree ..."):
    it opens the sentence and a colon or dash follows; else None."""
    if (
        date.date[1] is not None
        or date.end_date is not None
        or sentence[: date.start].strip()
        or _LABEL_AFTER.match(sentence, date.end) is None
    ):
        return None
    return date.date[0]


def _resolve_in_year(atom: _Atom, year: int) -> DateSpan:
    """A year-less date in the year a milestone label gives ("2004: ... in June")."""
    _, month, day = atom.date
    end: YearMonthDay | None = None
    if atom.end_date is not None and atom.end_date[1] is not None:
        # "from November to February" runs into the next year
        wraps = (month or 0, day or 0) > (atom.end_date[1], atom.end_date[2] or 0)
        end = (year + wraps, atom.end_date[1], atom.end_date[2])
    # Not relative: the label states the year, so the date is as exact as "June 2004".
    return DateSpan(atom.start, atom.end, (year, month, day), end, cue=atom.cue)  # type: ignore[arg-type]


# How far before the article a paragraph's story must lie for its year-less months to be
# read in its year: a recent paragraph ("took effect on 1 January 2019, and 137 parties
# had ratified it by the end of August", in 2022) still speaks of the article's year.
NARRATIVE_YEARS = 5


def _resolve_in_narrative(atom: _Atom, narrative: DateSpan, pub: date) -> DateSpan | None:
    """A year-less date in a paragraph that tells of a past year: that year when the month
    comes after the narrative's (else, and in recent paragraphs, the article's rule)."""
    year, month = narrative.date[0], narrative.date[1] or 13
    first = atom.date[1] or 0
    last = atom.end_date or atom.date
    if (
        year > pub.year - NARRATIVE_YEARS
        or first < month
        or (last[1] or 0) < first
        or atom.cue not in ("in", "")
        or atom.date[2] is not None
    ):
        # ("had ratified it by the end of August": a count up to now, the article's year;
        # "On August 5, the ambassador met ..." after older background: a news item of the
        # article's year: a story told in the past gives months, not days)
        return _resolve_part(atom, pub)
    end = (year, last[1], last[2]) if atom.end_date is not None else None
    return DateSpan(
        atom.start, atom.end, (year, first, atom.date[2]), end, cue=atom.cue, relative=True
    )  # type: ignore[arg-type]


_NUMBER_TO = re.compile(r"(?<![\d.,])\d+\s*(?:to|through|and|-|–)\s*$")
_NUMBER_RANGE_ENDS = (" to", " through", " and", "-", "–")


def _range_of_numbers(sentence: str, start: int, atoms: list[_Atom]) -> bool:
    """ "Rooms 1101 to 1105": a bare year closing a range whose first number is no date."""
    if not sentence[max(0, start - 10) : start].rstrip().endswith(_NUMBER_RANGE_ENDS):
        return False
    before = _NUMBER_TO.search(sentence, max(0, start - 16), start)
    return before is not None and not (atoms and atoms[-1].end > before.start())


# Every date phrase contains a digit, a month or weekday name, "yesterday" or a unit word
# ("the following year"). Finding those first and trying the full pattern only around them
# is many times faster than letting the pattern try each position of the sentence. Every
# alternative starts with a plain character, so the engine skips to candidates quickly.
_UNIT_WORDS = ("year", "month", "week", "day")
# "the following spring", "that summer": a season of the year last stated.
_SEASONS = frozenset(("spring", "summer", "autumn", "winter"))
_TRIGGER_NAMES = sorted(
    words(
        """
        January February March April May June July August September October November December
        Jan Feb Mar Apr Jun Jul Aug Sept Sep Oct Nov Dec Monday Tuesday Wednesday Thursday
        Friday Saturday Sunday Yesterday yesterday
        """
    ),
    key=lambda name: (-len(name), name),  # "March" before "Mar", "Sept" before "Sep"
)


def _trigger_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Names and digit runs, and apart from them the lowercase words (units, "yesterday"),
    grouped by their first character: at each candidate the engine then tries a handful of
    first characters rather than fifty words. Lowercase candidates are everywhere, so their
    pattern only runs on sentences that hold one of the words."""
    by_initial: dict[str, list[str]] = {}
    for unit in _UNIT_WORDS:
        by_initial.setdefault(unit[0], []).append(f"{unit[1:]}s?")
    for name in _TRIGGER_NAMES:
        by_initial.setdefault(name[0], []).append(name[1:])

    def alternatives(lowercase: bool) -> list[str]:
        return [
            f"{initial}(?:{'|'.join(tails)})(?![a-z])"
            for initial, tails in sorted(by_initial.items())
            if initial.islower() == lowercase
        ]

    digits = [f"{digit}[0-9]*" for digit in "0123456789"]
    return (
        re.compile("|".join(alternatives(False) + digits)),
        re.compile("|".join(alternatives(True))),
    )


_TRIGGER, _LOWERCASE_TRIGGER = _trigger_patterns()
_UNIT_TRIGGERS = (
    frozenset(_UNIT_WORDS)
    | frozenset(f"{unit}s" for unit in _UNIT_WORDS)
    | _SEASONS
    | frozenset(("decade", "decades"))
)
_LEAD_IN = re.compile(r"(?:\b(?:the|early|mid|late|Early|Mid|Late|pre|post|Pre|Post)[\s-]+)$")
_LEAD_IN_LAST_LETTERS = frozenset("eydt")  # how the words of _LEAD_IN end
_WORD_START = re.compile(r"(?<![\w’'-])[A-Za-z0-9]")
# The word right before a relative unit ("that year", "two years", "the following month").
_UNIT_LEAD = re.compile(
    r"\b(?i:this|that|same|following|next|previous|preceding|last|an?|one|two|three|four|"
    r"five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|[0-9]{1,2})\s+$"
)


def sentence_triggers(
    sentences: Sequence[str], joined: Joined | None = None
) -> list[list[tuple[int, str]]]:
    """For each sentence, where its date triggers stand and what they say: the input
    :func:`find_dates` needs, found for a whole article in one pass (`joined`, when given,
    holds the same sentences)."""
    joined = joined or Joined(sentences)
    found: list[list[tuple[int, str]]] = [[] for _ in sentences]
    for index, base, match in joined.matches(_TRIGGER):
        found[index].append((match.start() - base, match.group()))
    if _may_hold_lowercase_trigger(joined.text):
        touched = set()
        for index, base, match in joined.matches(_LOWERCASE_TRIGGER):
            found[index].append((match.start() - base, match.group()))
            touched.add(index)
        for index in touched:
            found[index].sort()
    if _may_hold_season(joined.text):
        touched = set()
        for index, base, match in joined.matches(_SEASON_TRIGGER):
            found[index].append((match.start() - base, match.group()))
            touched.add(index)
        for index in touched:
            found[index].sort()
    return found


def _triggers_of(sentence: str) -> list[tuple[int, str]]:
    found = [(m.start(), m.group()) for m in _TRIGGER.finditer(sentence)]
    if _may_hold_lowercase_trigger(sentence):
        lowercase = [(m.start(), m.group()) for m in _LOWERCASE_TRIGGER.finditer(sentence)]
        if lowercase:
            found = sorted(found + lowercase)
    if _may_hold_season(sentence):
        seasons = [(m.start(), m.group()) for m in _SEASON_TRIGGER.finditer(sentence)]
        if seasons:
            found = sorted(found + seasons)
    return found


def _may_hold_lowercase_trigger(text: str) -> bool:
    # Every lowercase trigger holds one of these ("yesterday" holds "day").
    return "year" in text or "month" in text or "week" in text or "day" in text


# Seasons and decades are found apart from the other lowercase triggers, and only in texts
# that hold one: their initials (s, a, w, d) start so many words that the shared pattern
# would stop at most of them.
_SEASON_TRIGGER = re.compile(r"(?:spring|summer|autumn|winter|decades?)(?![a-z])")


def _may_hold_season(text: str) -> bool:
    return (
        "spring" in text
        or "summer" in text
        or "autumn" in text
        or "winter" in text
        or "decade" in text
    )


def _scan(sentence: str, triggers: Sequence[tuple[int, str]]) -> list[re.Match[str]]:
    """The date-phrase matches of `sentence`, left to right, without overlaps."""
    found: list[re.Match[str]] = []
    taken = 0  # end of the last match: later triggers inside it are skipped
    for pos, word in triggers:
        if pos < taken:
            continue
        unit = word in _UNIT_TRIGGERS
        if pos > 0 and not unit and sentence[pos - 1].isalnum():
            continue
        if unit:
            # "the following year", "two years later", "later that month": the phrase
            # starts up to four words before its unit word, after one of a few words.
            window = max(taken, pos - 32)
            if not sentence[pos - 1 : pos].isspace() or not _UNIT_LEAD.search(
                sentence, window, pos
            ):
                continue
            for start in (m.start() for m in _WORD_START.finditer(sentence, window, pos)):
                match = _BEFORE_UNIT.match(sentence, start)
                if match and match.end() > pos:
                    found.append(match)
                    taken = match.end()
                    break
            continue
        if word[0] <= "9":
            if (
                len(word) == 4
                and pos > 2
                and sentence[pos - 2] in _PERIOD_LEAD_CHARS
                and _may_lead_period(sentence, pos)
            ):
                lead = _PERIOD_LEAD.search(sentence, max(taken, pos - 48), pos)
                if lead:
                    match = _AT_PERIOD.match(sentence, lead.start())
                    if match and match.end() > pos:
                        found.append(match)
                        taken = match.end()
                        continue
            if (
                len(word) == 4
                and pos > 4
                and sentence[pos - 2] in _HOLIDAY_LAST_LETTERS
                and sentence.endswith(_HOLIDAY_ENDS, 0, pos)
            ):
                lead = _HOLIDAY_LEAD.search(sentence, max(taken, pos - 24), pos)
                if lead:
                    match = _AT_HOLIDAY.match(sentence, lead.start())
                    if match and match.end() > pos:
                        found.append(match)
                        taken = match.end()
                        continue
            if pos > 0 and _may_lead_in(sentence, pos):
                lead = _LEAD_IN.search(sentence, max(0, pos - 8), pos)
                if lead and lead.start() >= taken:
                    match = _PATTERN.match(sentence, lead.start())
                    if match and match.end() > pos:
                        found.append(match)
                        taken = match.end()
                        continue
            digits = len(word)
            if sentence[pos + digits : pos + digits + 1].isdecimal():
                match = _PATTERN.match(sentence, pos)  # a digit of another script follows
            elif digits <= 2:
                match = _AT_SHORT_NUMBER.match(sentence, pos)
            elif digits == 4 and word[0] in "12":
                match = _AT_FOUR_DIGITS.match(sentence, pos)
            else:
                continue
        else:
            match = _AT_NAME.match(sentence, pos)
        if match and match.end() > pos:
            found.append(match)
            taken = match.end()
    return found


def _may_lead_period(sentence: str, pos: int) -> bool:
    """Can a quarter, half or fiscal year ("Q3 ", "half of ", "fiscal ") end right before
    the year at `pos`? A cheap test that spares the search for most years ("the summer
    of 1994", "March of 1992" end in "of " too)."""
    before = sentence[pos - 3 : pos]
    if before == "of ":
        return sentence.endswith(_PERIOD_OF, 0, pos)
    if before == "al ":
        return sentence.endswith(_FISCAL, 0, pos)
    if before == "ar ":
        return sentence.endswith(_FISCAL_YEAR, 0, pos)
    return before[0] in "QH" and before[1].isdigit() and before[2] == " "


_PERIOD_OF = ("quarter of ", "half of ", "quarter of the ", "half of the ")
_FISCAL = ("fiscal ", "Fiscal ", "financial ", "Financial ")
_FISCAL_YEAR = tuple(f"{word}year " for word in _FISCAL) + tuple(f"{word}Year " for word in _FISCAL)


def _may_lead_in(sentence: str, pos: int) -> bool:
    """Can a lead-in word ("the", "early", "mid-") end right before `pos`? A cheap test that
    spares the search for most years ("in 1994")."""
    before = sentence[pos - 1]
    if before == "-":
        return True
    if not before.isspace():
        return False
    return pos < 2 or not sentence[pos - 2].isalpha() or sentence[pos - 2] in _LEAD_IN_LAST_LETTERS


def _anchored(atom: _Atom) -> bool:
    return atom.kind == "rel" and atom.rel.startswith("anchor")


def _cue(sentence: str, start: int) -> str:
    """The word governing a date phrase: "in" for "in early March", "until" for "until the
    end of 2014", "the" for "the 1994 summit"."""
    lowest = max(0, start - 60)
    # Most often the word right before the date is the cue ("in 1994"): read it right to
    # left first, and list the words of the window only when it is "the" or a modifier.
    end = start
    while end > lowest and sentence[end - 1] not in _CUE_CHARS:
        end -= 1
    begin = end
    while begin > lowest and sentence[begin - 1] in _CUE_CHARS:
        begin -= 1
    if begin < end:
        low = sentence[begin:end].lower()
        if low != "the" and low not in _MODIFIERS:
            return low
    words = _WORD_CHARS.findall(sentence, lowest, start)
    for word in reversed(words):
        low = word.lower()
        if low == "the":
            # "the 1994 summit" keeps "the" unless a real cue stands before it.
            continue
        if low not in _MODIFIERS:
            return low
    return "the" if words and words[-1].lower() == "the" else ""


_WORD_CHARS = re.compile(r"[A-Za-z$€£]+")
_CUE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz$€£")
_NEXT_WORD = re.compile(r"\s+([A-Za-z][\w-]*)")
_DETERMINERS = words("the a an its their his her this that")


def _prev_word(sentence: str, start: int) -> str:
    words_ = _WORD_CHARS.findall(sentence, max(0, start - 30), start)
    return words_[-1].lower() if words_ else ""


def _adjective_use(sentence: str, start: int, end: int) -> bool:
    """ "the 1994 summit", "a 2020 survey", "Georgia's 2008 war": the date names a thing."""
    if start == 0 or sentence[start - 1] != " ":
        return False
    before = sentence[max(0, start - 20) : start]
    last = before.rstrip().rsplit(None, 1)[-1] if before.strip() else ""
    if last.lower() not in _DETERMINERS and not last.endswith(("'s", "’s")):
        return False
    after = _NEXT_WORD.match(sentence, end)
    return bool(after) and after.group(1).lower() not in _NOT_NOUNS  # type: ignore[union-attr]


_NOT_NOUNS = words(
    "and or to when as in on at with by of from until through was were is are had has"
)


def _atom(m: re.Match[str], sentence: str) -> _Atom | None:
    kind = m.lastgroup  # "k_iso", "k_year", ...: the alternative that matched
    g = m
    start, end = m.span()
    plain = _plain_cue(sentence, start)
    if plain is None:
        cue = "the" if _adjective_use(sentence, start, end) else _cue(sentence, start)
    elif kind == "k_year":
        # "in 1994": of the tests in _year_ok only those on what follows can fail.
        if (
            _NOT_A_YEAR_AFTER.match(sentence, end)
            or _count_after(sentence, end, plain)
            or (sentence[end + 1 : end + 2].isdigit() and _PHONE_GROUP.match(sentence, end))
        ):
            return None
        if plain == "to" and (
            _CHANGE_TO.search(sentence, max(0, start - 24), start)
            or _COMPARED_BEFORE.search(sentence, max(0, start - 24), start)
        ):
            return None  # "headcount rose to 1500": a quantity; "compared to 2018"
        return _Atom(start, end, "abs", (int(g["year"]), None, None), cue=plain)
    else:
        cue = plain
    if kind == "k_iso":
        return _abs(start, end, int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]), cue)
    if kind == "k_num":
        a, b = int(g["num_a"]), int(g["num_b"])
        if a > 12 >= b:
            return _abs(start, end, int(g["num_y"]), b, a, cue)
        if b > 12 >= a:
            return _abs(start, end, int(g["num_y"]), a, b, cue)
        if a == b:
            return _abs(start, end, int(g["num_y"]), a, a, cue)
        return _Atom(start, end, "skip")  # 03/04/2005: day-first or month-first? unknowable
    if kind in ("k_dr", "k_mr"):
        prefix = kind[2:]
        month = _month(g[f"{prefix}_m"])
        d1, d2 = _day(g[f"{prefix}_d1"]), _day(g[f"{prefix}_d2"])
        year = int(g[f"{prefix}_y"]) if g[f"{prefix}_y"] else None
        if d2 <= d1:
            return _Atom(start, end, "skip")
        resolved = "abs" if year else "part"
        return _valid(_Atom(start, end, resolved, (year, month, d1), (year, month, d2), cue=cue))
    if kind in ("k_dmy", "k_mdy"):
        prefix = kind[2:]
        month, day = _month(g[f"{prefix}_m"]), _day(g[f"{prefix}_d"])
        if g[f"{prefix}_that"]:
            return _valid(
                _Atom(
                    start,
                    end,
                    "rel",
                    (None, month, day),
                    rel="anchor-month-of-year+0",
                    rel_n=month,
                    cue=cue,
                )
            )
        year = int(g[f"{prefix}_y"]) if g[f"{prefix}_y"] else None
        if year is None and not _day_month_ok(g[f"{prefix}_m"], end, sentence, cue):
            return None
        resolved = "abs" if year else "part"
        return _valid(_Atom(start, end, resolved, (year, month, day), cue=cue))
    if kind == "k_hol":
        month, day = _HOLIDAYS[g["hol"]]
        return _Atom(start, end, "abs", (int(g["hol_y"]), month, day), cue=cue)
    if kind == "k_my":
        return _Atom(start, end, "abs", (int(g["my_y"]), _month(g["my_m"]), None), cue=cue)
    if kind == "k_qy":
        year = int(g["qy_y"])
        if g["qy_n"]:
            unit, n = g["qy_u"], _ORDINALS[g["qy_n"].lower()]
        elif g["qy_l"]:
            unit, n = ("quarter" if g["qy_l"] == "Q" else "half"), int(g["qy_d"])
        else:
            return _Atom(start, end, "abs", (year, None, None), cue=cue)  # "fiscal 2023"
        first, last = _period_months(unit, n)
        if last is None:
            return None  # "the third half"
        return _Atom(
            start, end, "abs", (year, first, None), (year, last, None), rel="period", cue=cue
        )
    if kind == "k_yp":
        return _Atom(start, end, "abs", (int(g["yp_y"]), None, None), cue="since")
    if kind == "k_ypm":
        return _Atom(start, end, "abs", (int(g["ypm_y"]), _month(g["ypm_m"]), None), cue=cue)
    if kind == "k_moy":
        which = " ".join(g["moy_which"].split())
        offset = {"the following": 1, "the next": 1, "the previous": -1, "last": -1}.get(which, 0)
        month = _month(g["moy_m"])
        # "June last year", "March this year" count from the article's year
        base = "article" if which in ("last", "this") else "anchor"
        return _Atom(start, end, "rel", rel=f"{base}-month-of-year{offset:+d}", rel_n=month)
    if kind == "k_yr":
        a, raw_b = int(g["yr_a"]), g["yr_b"]
        b = int(raw_b) if len(raw_b) == 4 else a // 100 * 100 + int(raw_b)
        if b <= a or b - a > 200:
            return _Atom(start, end, "skip")
        if plain is not None:
            if _count_after(sentence, end, plain):
                return None
        elif (
            _quantity_context(sentence, start, end, cue)
            or _names_it(sentence, start)
            or _code_before(sentence, start)
        ):
            return None
        return _Atom(start, end, "abs", (a, None, None), (b, None, None), cue=cue)
    if kind == "k_dec":
        decade = int(g["dec_y"])
        part = (g["dec_q"] or "").lower()
        if not part and sentence[start - 4 : start] == "the ":
            # "the middle of the 2000s", "the end of the 1990s": said in words
            words_before = _DECADE_PART.search(sentence, max(0, start - 24), start)
            part = _DECADE_PARTS[words_before.group(1).lower()] if words_before else ""
        lo, hi = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}.get(part, (0, 9))
        if g["dec_q"]:
            cue = _cue(sentence, start)
        return _Atom(
            start, end, "abs", (decade + lo, None, None), (decade + hi, None, None), True, cue=cue
        )
    if kind == "k_pre":
        if g["pre_q"].lower() in ("pre", "post"):
            return _Atom(start, end, "skip")  # "pre-1990": a period, not a date
        return _Atom(start, end, "abs", (int(g["pre_y"]), None, None), cue=cue)
    if kind == "k_year":
        if not _year_ok(sentence, start, end, cue):
            return None
        if cue in ("with", "to", "versus", "vs") and _COMPARED_BEFORE.search(
            sentence, max(0, start - 24), start
        ):
            return None  # "by 40% by 2030 compared with 2018": a point of reference
        return _Atom(start, end, "abs", (int(g["year"]), None, None), cue=cue)
    if kind == "k_rel":
        raw_n = " ".join(g["rel_n"].lower().split())
        n = int(raw_n) if raw_n.isdigit() else _number(raw_n)
        unit = g["rel_unit"].rstrip("s")
        direction = g["rel_dir"]
        if unit == "week" and direction in ("later", "earlier"):
            unit, n = "day", n * 7  # "two weeks later": 14 days on
        if unit == "decade":
            if direction.startswith("ago"):
                return None  # "three decades ago": a rough span, no year
            unit, n = "year", n * 10  # "a decade later": ten years on
        if _BOUND_BEFORE.search(sentence, max(0, start - 16), start):
            return None  # "more than three decades ago", "nearly two years later": a bound
        if direction in ("after", "before") or unit == "week" or not n:
            return None  # "two years after the war": anchored on something we cannot date
        if _THAN_AFTER.match(sentence, end):
            return None  # "a year later than planned": a comparison, not a date
        if direction.startswith("ago"):
            # "fifty years ago today": the same day, n years back.
            rel = f"ago-{unit}-today" if m.group("rel_today") else f"ago-{unit}"
            return _Atom(start, end, "rel", rel=rel, rel_n=n, cue=cue)
        sign = -1 if direction == "earlier" else 1
        return _Atom(start, end, "rel", rel=f"anchor-{unit}", rel_n=sign * n, cue=cue)
    if kind == "k_fix":
        if _THIS_DAY_IN.match(sentence, end) and m.group("rel_fix").lower().startswith("this"):
            # "On this day in 1917" (an anniversary piece): that year's day, not today's;
            # the year after it is the date ("in 44 BC" is none).
            return None
        return _fixed_relative(m, start, end, cue)
    if kind == "k_yesterday":
        return _Atom(start, end, "rel", rel="article-day", rel_n=-1, cue=cue)
    if kind == "k_wd":
        prev = _prev_word(sentence, start)
        if _POSSESSIVE.match(sentence, end):
            if prev != "in":
                return None  # "after Saturday's game": a label, not a date of its own
            # "won in Sunday's election": the occasion the clause happened at, that day.
            weekday = WEEKDAYS.index(g["wd"].lower())
            return _Atom(start, end, "rel", rel="weekday-on", rel_n=weekday, cue="in")
        if prev not in ("on", "last", "since", "until", "by", "past", "from", "and"):
            return None
        weekday = WEEKDAYS.index(g["wd"].lower())
        return _Atom(start, end, "rel", rel=f"weekday-{prev}", rel_n=weekday)
    if kind == "k_mo":
        prev = _prev_word(sentence, start)
        if prev == "that" and g["mo"] != "May":
            # "sworn in in March 2003, and became prosecutor that June": the month of the
            # year last stated (the phrase includes "that").
            opens = sentence.rfind("that", max(0, start - 12), start)
            return _Atom(
                opens, end, "rel", rel="anchor-month-of-year+0", rel_n=_month(g["mo"]), cue="in"
            )
        if prev in ("last", "this"):
            cue = prev
        if g["mo"] == "May" and cue not in ("in", "since", "until", "by", "last", "this"):
            return None
        if cue not in ("in", "since", "until", "by", "last", "this", "from", "to", "between",
                       "and", "through", "till", "of", "during"):  # fmt: skip
            return None
        return _Atom(start, end, "part", (None, _month(g["mo"]), None), cue=cue)
    return None


_POSSESSIVE = re.compile(r"['’]s\b")
_THAN_AFTER = re.compile(r"\s+than\b")
_BOUND_BEFORE = re.compile(r"\b(?:more\s+than|over|nearly|almost|at\s+least|some)\s+$", re.I)
_LATER_EARLIER = re.compile(r"^(?:later|earlier) (?:in )?")
_DIGITS = re.compile(r"\d+")


# "in 1994", "from 2002 to 2014": a preposition standing alone right before the date. It
# is the cue, and of the tests a bare number must pass to be a year (_year_ok) only those
# on what follows can fail: _cue, _adjective_use, _code_before, _names_it and
# _quantity_context all agree on these words (none is a determiner, modifier, reference
# word or quantity word, and all are lowercase or sentence-initial cue words).
_PLAIN_CUES = {
    word: word.lower()
    for base in words(
        "in since by until from to and between through till during around after before on at for"
    )
    for word in (base, base.capitalize())
}
# After these cues a count is never read ("in 1994 people"); after the others it is
# ("from 1994 soldiers").
_CUES_BEFORE_YEARS = frozenset(("in", "since", "by", "until"))


def _plain_cue(sentence: str, start: int) -> str | None:
    if start < 3 or sentence[start - 1] != " ":
        return None
    space = sentence.rfind(" ", max(0, start - 10), start - 1)
    word = sentence[space + 1 : start - 1]
    cue = _PLAIN_CUES.get(word)
    if cue is None:
        return None
    begins = start - 1 - len(word)
    if begins > 0 and not sentence[begins - 1].isspace():
        return None  # "(in 1994": another character is part of the token
    return cue


def _count_after(sentence: str, end: int, cue: str) -> bool:
    """ "from 1500 troops": a count (the part of _quantity_context a plain cue leaves)."""
    after = _NEXT_WORD.match(sentence, end)
    low_next = after.group(1).lower() if after else ""
    if low_next in _MEASURES or _TALLY.match(sentence, end):
        return True
    return cue not in _CUES_BEFORE_YEARS and low_next in _UNIT_AFTER


# "the first acquisition since 2019", "the highest rate since 1990": the date is a point
# of comparison, not the start of something still running.
_SINCE_REFERENCE = re.compile(
    r"\b(?:first|last|only|highest|lowest|largest|biggest|smallest|worst|best|strongest|"
    r"weakest|fastest|slowest)\b[^,;:.()]{0,60}\bsince\s+(?:the\s+)?$",
    re.I,
)


def _since_a_reference(sentence: str, start: int) -> bool:
    return _SINCE_REFERENCE.search(sentence, max(0, start - 90), start) is not None


def _period_months(unit: str, n: int) -> tuple[int, int | None]:
    """The first and last month of quarter or half `n` of a year ((7, 9) for the third
    quarter); the last is None when the year has no such part."""
    size = 3 if unit == "quarter" else 6
    if n * size > 12:
        return 0, None
    return (n - 1) * size + 1, n * size


def _bare_periods(sentence: str, atoms: list[_Atom]) -> list[_Atom]:
    """ "In the first half of 2021 revenue rose; growth slowed in the second half": a later
    quarter or half without a year takes the year of the quarter or half stated before it
    in the sentence (alone, "the second half" is as often a match's as a year's)."""
    out: list[_Atom] = []
    for atom in atoms:
        out.append(atom)
        if atom.end_date is None or atom.date[1] is None or atom.date[2] is not None:
            continue
        year, first = atom.date[0], atom.date[1]
        last = atom.end_date[1] or 0
        if last - first not in (2, 5):
            continue  # not a quarter or a half
        unit = "quarter" if last - first == 2 else "half"
        limit = next((a.start for a in atoms if a.start > atom.start), len(sentence))
        for match in _BARE_PERIOD.finditer(sentence, atom.end, limit):
            if match["u"] != unit:
                continue
            lo, hi = _period_months(unit, _ORDINALS[match["n"].lower()])
            if hi is None:
                continue
            cue = _cue(sentence, match.start())
            period = (year, lo, None), (year, hi, None)
            out.append(_Atom(match.start(), match.end(), "abs", *period, rel="period", cue=cue))
    return out


def _number(words_: str) -> int:
    """ "four" -> 4, "twenty-four" -> 24, "a hundred" -> 100 (0 when not a number)."""
    if words_ in NUMBER_WORDS:
        return NUMBER_WORDS[words_]
    tens, _, unit = words_.replace("-", " ").partition(" ")
    if tens in NUMBER_WORDS and unit in NUMBER_WORDS:
        return NUMBER_WORDS[tens] + NUMBER_WORDS[unit]
    return 0


_THIS_DAY_IN = re.compile(r"(?<=day)\s+in\s+(?:history|\d)")


def _fixed_relative(m: re.Match[str], start: int, end: int, cue: str) -> _Atom | None:
    phrase = " ".join(m.group("rel_fix").lower().split())
    unit = m.group("rel_fix_unit")
    core = _LATER_EARLIER.sub("", phrase)
    which = core.rsplit(" ", 1)[0]
    if unit in _SEASONS:
        # "the following spring", "that summer": only against a stated year ("last
        # summer" in an autumn article may be this year's or last year's).
        if which in ("this", "last"):
            return None
        unit = "year"
    if which == "this":
        return _Atom(start, end, "rel", rel=f"article-{unit}", rel_n=0, cue=cue)
    if which == "last":
        return _Atom(start, end, "rel", rel=f"article-{unit}", rel_n=-1, cue=cue)
    if which in ("that", "the same", "that same"):
        return _Atom(start, end, "rel", rel=f"anchor-{unit}", rel_n=0, cue=cue)
    if which in ("the following", "the next"):
        return _Atom(start, end, "rel", rel=f"anchor-{unit}", rel_n=1, cue=cue)
    if which in ("the previous", "the preceding"):
        return _Atom(start, end, "rel", rel=f"anchor-{unit}", rel_n=-1, cue=cue)
    return None


def _abs(start: int, end: int, y: int, mo: int, d: int, cue: str) -> _Atom | None:
    return _valid(_Atom(start, end, "abs", (y, mo, d), cue=cue))


def _valid(atom: _Atom) -> _Atom | None:
    """Drop impossible days (31 April); a year-less day is checked against a leap year."""
    for ymd in (atom.date, atom.end_date):
        if ymd is None or ymd[2] is None:
            continue
        year = ymd[0] if ymd[0] is not None else 2000
        if ymd[1] is None or ymd[2] > calendar.monthrange(year, ymd[1])[1]:
            return _Atom(atom.start, atom.end, "skip")
    return atom


def _month(text: str) -> int:
    return MONTHS[text.rstrip(".").lower()]


def _day(text: str) -> int:
    return int(_DIGITS.match(text).group())  # type: ignore[union-attr]


def _day_month_ok(month: str, end: int, sentence: str, cue: str) -> bool:
    """A year-less "May 5" / "5 March" must read as a date, not "May 5 people"."""
    if month == "May":
        after = _NEXT_WORD.match(sentence, end)
        if after and after.group(1)[0].islower():
            return cue in ("on", "since", "until", "by", "from")
    return True


def _year_ok(sentence: str, start: int, end: int, cue: str) -> bool:
    """Is this bare four-digit number a year, not a count, a code or part of a name?"""
    # "1000 BC", "a 2000-strong force", "45 percent", "from 1990 levels" (a reference point).
    if _NOT_A_YEAR_AFTER.match(sentence, end):
        return False
    if sentence[end + 1 : end + 2].isdigit() and _PHONE_GROUP.match(sentence, end):
        return False
    if _code_before(sentence, start):
        return False
    if _quantity_context(sentence, start, end, cue):
        return False
    return not _names_it(sentence, start)


_NOT_A_YEAR_AFTER = re.compile(
    r"\s*(?:BCE?\b|B\.C\.|per\s*cent\b|percent\b)|-[A-Za-z]"
    r"|\s+(?:levels?|baseline|prices|terms|values|figures)\b"
)
# "+44 1223 555 0192": a group of a telephone number (tested only when a digit follows the
# year after one space: as a branch of the pattern above it slowed every year's test)
_PHONE_GROUP = re.compile(r" \d{3,4} \d")
_WORD_BEFORE_SPACE = re.compile(r"([A-Za-z][\w'’-]*)[ ]$")


def _code_before(sentence: str, start: int) -> bool:
    """ "$1994 million", "page 1997", "pp. 1994–1997", "No. 2001": money, pages, numbers."""
    before = sentence[max(0, start - 25) : start].rstrip()
    if before.endswith(("$", "€", "£", "¥", "#", "№")):
        return True
    prev_word = before.rsplit(None, 1)[-1] if before else ""
    return prev_word.lower().strip(".,;:()") in _NON_DATE_BEFORE


def _names_it(sentence: str, start: int) -> bool:
    """A capitalised word right before the number names something: "Resolution 1325",
    "Vision 2030", "Strategy 2022–2026". Months, cues and sentence openers do not count."""
    before = sentence[max(0, start - 25) : start]
    if not before.endswith(" ") or not before[-2:-1].isalpha():
        return False
    if before[:-1].rsplit(None, 1)[-1].islower():
        return False  # the word before is lowercase ("in 1994"): it names nothing
    prev = _WORD_BEFORE_SPACE.search(before)
    if prev is None:
        return False
    word = prev.group(1)
    low = word.lower()
    if _OCCASION_BEFORE.search(before, 0, prev.start(1)):
        # "announced at CES 2020", "won gold at Euro 2016": an occasion the year dates.
        return False
    return (
        word[:1].isupper()
        and low not in MONTHS
        and low not in _CUE_WORDS
        and low not in _MODIFIERS
        and low not in _DETERMINERS  # "Her 1993 paper", "Its 2019 report"
        and low not in ("q1", "q2", "q3", "q4", "h1", "h2", "fy")
        # A sentence's first word is capitalised anyway: "Founded 1994" is not a name.
        and not (
            _sentence_start(sentence, start - len(before) + prev.start(1))
            and low.endswith(("ed", "ing"))
        )
    )


# "at" or "during" right before a one-word name and its year: an occasion, not a code.
_OCCASION_BEFORE = re.compile(r"\b(?:at|during)\s+$")
_CUE_WORDS = words(
    """
    in since from to until till through by of between and or during before after around
    circa c ca on at as for than year years season fiscal summer winter spring autumn
    fall
    """
)


def _sentence_start(sentence: str, index: int) -> bool:
    return not sentence[:index].strip(" \"'“‘(")


def _quantity_context(sentence: str, start: int, end: int, cue: str) -> bool:
    """ "deployed 1500 troops", "about 2000 people", "the 1500 metres", "numbered 2000",
    "carried 2010 passengers", "was 1995 to 12": a count, not a year."""
    if (cue in _QUANTITY_BEFORE or cue in _COUNT_VERBS) and _prev_word(sentence, start) == cue:
        # ("Over the winter of 1933–34": "over" governs the winter, not a number)
        return True
    after = _NEXT_WORD.match(sentence, end)
    next_word = after.group(1) if after else ""
    low_next = next_word.lower()
    if low_next in _MEASURES or _TALLY.match(sentence, end):
        return True
    if cue in ("in", "since", "by", "until", "of", "the"):
        return False  # "in 1994 people voted": the cue makes it a date
    if low_next in _UNIT_AFTER:
        return True
    # "The ship carried 2010 passengers": a plural noun after a number no date word governs.
    return bool(cue) and cue not in _CUE_WORDS and _PLURAL.fullmatch(next_word) is not None


def _join_ranges(atoms: list[_Atom], sentence: str) -> list[_Atom]:
    """Join "from A to B", "between A and B", "A to B", "A – B" into one range atom."""
    out: list[_Atom] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        if i + 1 < len(atoms) and _next_decades(a, atoms[i + 1], sentence):
            # "the 1920s and 1930s": one span over both decades.
            a.end, a.end_date = atoms[i + 1].end, atoms[i + 1].end_date
            out.append(a)
            i += 2
            continue
        if i + 1 < len(atoms) and a.kind in ("abs", "part") and a.end_date is None:
            b = atoms[i + 1]
            joined = _range_of(a, b, sentence) if b.kind in ("abs", "part") else None
            if joined is not None:
                out.append(joined)
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _next_decades(a: _Atom, b: _Atom, sentence: str) -> bool:
    """`a` and `b` are whole decades in a row joined by "and" ("the 1920s and 1930s")."""
    if not (a.approximate and b.approximate and a.end_date and b.end_date):
        return False
    if a.date[0] % 10 or b.date[0] % 10 or a.end_date[0] % 10 != 9 or b.end_date[0] % 10 != 9:
        return False  # "the late 1990s and early 2000s" stay two spans
    gap = sentence[a.end : b.start].strip()
    return b.date[0] == a.date[0] + 10 and gap in ("and", "and the")


# What joins two dates into a range without "from" or "between" before them.
_RANGE_WORDS = frozenset(("-", "–", "—", "to", "until", "till", "through"))
# "from 2002 to the end of the NATO-led operation in 2014"
_GAP_FROM = re.compile(
    r"^\s*(?:to|until|till|through|-|–|—)\s+(?:[^,;:.()\d]{0,80}?\s)?(?:in\s+|of\s+)?$"
)


def _range_of(a: _Atom, b: _Atom, sentence: str) -> _Atom | None:
    gap = sentence[a.end : b.start]
    if b.end_date is not None:
        return None
    if a.cue == "from":
        ok = bool(_GAP_FROM.match(gap))
    elif a.cue == "between":
        ok = gap.strip() == "and"
    else:
        ok = gap.strip() in _RANGE_WORDS  # "2002–2014", "March to June"
    if not ok:
        return None
    start, end = a.date, b.date
    if a.kind == "part" and start[0] is None and end[0] is not None:
        # "from March to June 2005": the first month borrows the second's year.
        year = end[0] if (start[1] or 0) <= (end[1] or 0) else end[0] - 1
        start = (year, start[1], start[2])
    if start[0] is None and end[0] is None:
        # "between 14 February and 18 March": both take their year from the article.
        if (start[1], start[2] or 0) == (end[1], end[2] or 0):
            return None
        return _Atom(a.start, b.end, "part", start, end, cue=a.cue)
    if start[0] is None or end[0] is None:
        return None
    if _ymd_key(start) >= _ymd_key(end):
        return None
    return _Atom(a.start, b.end, "abs", start, end, cue=a.cue)


def _ymd_key(ymd: tuple[int | None, int | None, int | None]) -> tuple[int, int, int]:
    return (ymd[0] or 0, ymd[1] or 0, ymd[2] or 0)


def _resolve(atom: _Atom, published_on: date | None, last: DateSpan | None) -> DateSpan | None:
    if atom.kind == "abs":
        start = atom.date
        end = atom.end_date
        if start[0] is None:
            return None
        return DateSpan(
            atom.start, atom.end, start, end, cue=atom.cue, approximate=atom.approximate
        )  # type: ignore[arg-type]
    if atom.kind == "part":
        if published_on is None:
            return None
        return _resolve_part(atom, published_on)
    return _resolve_relative(atom, published_on, last)


def _resolve_part(atom: _Atom, pub: date) -> DateSpan | None:
    """A year-less date takes the article's year, or the year before when that would put it
    after the article (news reports the past: "on December 30" in a January article)."""
    _, month, day = atom.date
    if month is None:
        return None
    last = atom.end_date or atom.date  # the latest part decides the year
    year = pub.year
    if (last[1] or 1, last[2] or 1) > (pub.month, pub.day):
        year -= 1
    end: YearMonthDay | None = None
    start_year = year
    if atom.end_date is not None and atom.end_date[1] is not None:
        end = (year, atom.end_date[1], atom.end_date[2])
        if (month, day or 0) > (atom.end_date[1], atom.end_date[2] or 0):
            start_year = year - 1  # "from November to February"
    start: YearMonthDay = (start_year, month, day)
    return DateSpan(atom.start, atom.end, start, end, cue=atom.cue, relative=True)


def _resolve_relative(atom: _Atom, pub: date | None, last: DateSpan | None) -> DateSpan | None:
    kind, _, unit = atom.rel.partition("-")
    n = atom.rel_n
    if unit.startswith("month-of-year"):
        offset = int(unit.removeprefix("month-of-year"))
        if kind == "article":
            if pub is None:
                return None
            base: YearMonthDay = (pub.year, pub.month, pub.day)
        elif last is None:
            return None
        else:
            base = last.end_date or last.date
        day = atom.date[2]  # "19 March that year" has its day
        return DateSpan(atom.start, atom.end, (base[0] + offset, n, day), relative=True)
    if unit == "year-today":
        if pub is None:
            return None
        try:
            day = pub.replace(year=pub.year - n)
        except ValueError:  # 29 February
            day = pub.replace(year=pub.year - n, day=28)
        return DateSpan(atom.start, atom.end, (day.year, day.month, day.day), relative=True)
    if kind == "anchor":
        if last is None:
            return None
        base = last.end_date or last.date
        ymd = _shift(base, unit, n)
    elif kind in ("article", "ago"):
        if pub is None:
            return None
        base_ymd: YearMonthDay = (pub.year, pub.month, pub.day)
        ymd = _shift(base_ymd, unit, n if kind == "article" else -n)
    elif kind == "weekday":
        if pub is None:
            return None
        back = (pub.weekday() - n) % 7
        if unit in ("last", "past") and back == 0:
            back = 7
        day = pub - timedelta(days=back)
        ymd = (day.year, day.month, day.day)
    else:
        return None
    if ymd is None:
        return None
    return DateSpan(atom.start, atom.end, ymd, cue=atom.cue, relative=True)


def _shift(base: YearMonthDay, unit: str, n: int) -> YearMonthDay | None:
    """`base` moved by n units, at that unit's precision; None when `base` is too coarse."""
    year, month, day = base
    if unit == "year":
        return (year + n, None, None)
    if unit == "month":
        if month is None:
            return None
        index = year * 12 + (month - 1) + n
        return (index // 12, index % 12 + 1, None)
    if unit == "day":
        if month is None or day is None:
            return None
        moved = date(year, month, day) + timedelta(days=n)
        return (moved.year, moved.month, moved.day)
    return None


def span_key(span: DateSpan) -> tuple[str, str | None]:
    return (span.text_date, span.text_end)
