"""Dated events: every statement tying something that happened to a date the text states.

For each sentence that can carry events (paragraph sentences, and list items that read as
full sentences), :func:`bot.extract.dates.find_dates` gives the resolved dates; each one
becomes an event unless

* it is vague about when ("before 1990", "after 2001", "pre-1990");
* it lies after the article's date (the future cannot have happened yet);
* its clause is a plan, an expectation, a condition or a negation
  (:func:`bot.extract.tense.is_unrealised`).

A list of dates ("in 1994, 1997 and 2002") gives one event per date with the same summary;
two dated clauses give two events with their own summaries (:mod:`bot.extract.summaries`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from bot.extract.dates import (
    DateScan,
    DateSpan,
    YearMonthDay,
    find_dates,
    labelled_year,
    sentence_triggers,
)
from bot.extract.joined import Joined
from bot.extract.phrases import find_phrases
from bot.extract.programmes import Mention
from bot.extract.summaries import passive_subject, summarise, summarise_many
from bot.extract.tense import (
    clause_has_past,
    has_finite_verb,
    has_present_verb,
    is_nominal_date,
    is_reporting_date,
    is_unrealised,
)
from bot.facts import Event, Person

# "before 1990", "after 2001", "for 2024-2027" (a budget period): no date for an event.
# A sentence with more dates than this is a table set as prose: its events share one
# summary, so the work stays linear in the number of dates.
MANY_DATES = 12
_VAGUE_CUES = frozenset({"before", "prior", "after", "pre", "post", "beyond", "for"})
_CLAUSE_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|did|does|became|began|won|joined|signed|launched|"
    r"opened|took|made|set|held|led|ran|left|met|saw|came|went|gave|built|hit|fell|rose|"
    r"grew|joins|signs|launches|opens|becomes|begins|wins|agrees|adopts|creates|starts|"
    r"ends)\b|\b[a-z]{3,}ed\b",
    re.I,
)
# The present of timelines ("2004 – IFOR hands over to ...", "1995 – X takes over"), tried
# only when the words above are missing.
_TIMELINE_VERB = re.compile(
    r"\b(?:takes|hands|holds|hosts|visits|enters|receives|approves|elects|returns|moves|"
    r"leaves|gets|makes|gives|sees|meets|runs|loses|comes|goes|keeps|deploys|withdraws|"
    r"merges|replaces|succeeds|declares|announces|applies|ratifies|closes|completes|"
    r"establishes|sets|dies|resigns|retires)\b"
)


class SentenceUnit(NamedTuple):
    """A sentence and where it sits: its paragraph (for anchoring "the following year")
    and whether its block may carry events at all."""

    text: str
    paragraph: int
    carries_events: bool


def reads_as_sentence(text: str) -> bool:
    """Does a list item read as a full statement ("1994: Azerbaijan joins the PfP.")
    rather than a label ("Founded: 1994")? Four words or more, with a finite verb or a
    closing full stop."""
    if len(text.split()) < 4:
        return False
    return (
        bool(_CLAUSE_VERB.search(text))
        or text.rstrip().endswith((".", "!", "?"))
        or bool(_TIMELINE_VERB.search(text))
    )


def find_events(
    units: Sequence[SentenceUnit],
    published_on: date | None,
    mentions: Sequence[Sequence[Mention]],
    people: Sequence[Person],
    joined: Joined | None = None,
) -> tuple[list[Event], list[str]]:
    """The events of an article, in reading order, and the relative phrases that could not
    be resolved (non-empty only when the article has no date). `joined`, when given, holds
    the units' sentences (see :mod:`bot.extract.joined`). Pure; never raises."""
    events: list[Event] = []
    unresolved: list[str] = []
    seen: set[tuple[str, str | None, str]] = set()
    anchor: DateSpan | None = None
    narrative: DateSpan | None = None  # the paragraph's last date with a month
    label: int | None = None  # the year labelling the paragraph's milestone ("2004: ...")
    paragraph = -1
    persons = _LastPerson(units, people, joined)
    person_names = [p.name for p in people]
    triggers = sentence_triggers([unit.text for unit in units], joined)
    for index, unit in enumerate(units):
        text = unit.text
        if unit.paragraph != paragraph:
            paragraph, anchor, narrative, label = unit.paragraph, None, None, None
        scan = (
            find_dates(
                text,
                published_on,
                anchor,
                triggers=triggers[index],
                narrative=narrative,
                tells_past=_tells_past if narrative else None,
                label_year=label,
            )
            if triggers[index]
            else _NO_DATES
        )
        if scan.spans:
            label = labelled_year(text, scan.spans[0]) or label
            anchor = scan.spans[-1]
            for span in scan.spans:
                if span.date[1] is not None:
                    narrative = span
        if not unit.carries_events:
            continue
        if scan.unresolved:
            unresolved.extend(scan.unresolved)
        if not scan.spans:
            continue
        usable = [s for s in scan.spans if _happened(text, s, published_on)]
        dateline: list[DateSpan] = []
        if index == 0 and (opening := _DATELINE.match(text)):
            # "ISLAMABAD, July 13 (Newswire) – ...": the date of the report, not an event,
            # and no part of any summary.
            usable = [s for s in usable if s.start >= opening.end()]
            dateline = [DateSpan(0, opening.end(), (0, None, None))]
            today = _TODAY_DONE.search(text, opening.end()) if published_on else None
            if today is not None and published_on is not None:
                # "CAMBRIDGE, England, 24 February 2022 – Kestrel today announced ...":
                # the report's day is the day of what it announces.
                day = (published_on.year, published_on.month, published_on.day)
                usable.append(DateSpan(today.start(1), today.end(1), day, relative=True))
                usable.sort(key=lambda s: s.start)
        if len(usable) > 1:
            usable = [s for s in usable if not _restated_occasion(text, s, usable)]
        reported = [s for s in usable if is_reporting_date(text, s.start, s.end)]
        if len(reported) < len(usable):
            # "X met Y on March 11, the ministry said on Friday": the meeting is the event.
            usable = [s for s in usable if s not in reported]
        if not usable:
            continue
        distinct, duplicates = _distinct(text, usable)
        # Only a summary starting with "It" needs to know what it refers to.
        it_refers_to = _leading_programme(units, mentions, index) if "It" in text else None
        shared = summarise_many(text, distinct) if len(distinct) > MANY_DATES else None
        last_person = persons.before(index) if _may_say_he(text) else None
        common: dict[str, object] = {}  # what the summaries of this sentence's dates share
        for span in distinct:
            if shared is not None:
                summary, start, end = shared, 0, len(text)
            else:
                summary, start, end = summarise(
                    text,
                    span,
                    distinct,
                    mentions[index],
                    last_person=last_person,
                    it_refers_to=it_refers_to,
                    also_drop=[*(duplicates.get(id(span), ()) if duplicates else ()), *dateline],
                    people=person_names,
                    shared=common,
                )
            if not summary:
                continue
            text_date, text_end = span.text_date, span.text_end
            key = (text_date, text_end, summary)
            if key in seen:
                continue
            seen.add(key)
            events.append(
                Event(
                    date=text_date,
                    end=text_end,
                    precision=span.precision,
                    summary=summary,
                    sentence=text,
                    programmes=_programmes_in(mentions[index], start, end),
                    open_ended=span.open_ended,
                )
            )
    return _one_per_sentence_date(events), unresolved


_NO_DATES = DateScan(())


def _tells_past(sentence: str) -> bool:
    return not has_present_verb(sentence)


def _may_say_he(sentence: str) -> bool:
    """Only a summary starting with "He" or "She" needs to know who was named last."""
    return "He" in sentence or "She" in sentence or " he " in sentence or " she " in sentence


# A news-wire dateline: a place in capitals, then a date or an agency (or both), then a
# dash: "ISLAMABAD, July 13 (Newswire) –", "GENEVA, 8 November –", "LONDON (Reuters) -";
# or, as agencies in the region write it, a full stop: "BAKU, Azerbaijan, March 5.".
_DATELINE = re.compile(
    r"[A-Z][A-Z'’.-]+(?:[ ,]+[A-Z][A-Z'’.-]+)*"
    # a region after the place: "CAMBRIDGE, England, 24 February 2022 –"
    r"(?:,\s+[A-Z][a-z]+\.?(?:\s+[A-Z][a-z]+\.?)?(?=,\s+(?:[A-Z][a-z]+\.?\s+)?\d))?"
    r"(?:,\s+(?:[A-Z][a-z]+\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+)(?:,?\s+\d{4})?\s*"
    r"(?:\([^()]{1,40}\)\s*)?|\s*\([^()]{1,40}\)\s*)"
    r"(?:[–—-]{1,2}\s+|\.(?:\s+|$))"
)

_WHEN_AFTER = re.compile(r"\s*,\s*when\s")
# "today announced", "said today": a press release's own news.
_TODAY_DONE = re.compile(
    r"\b(today)\s+(?:[a-z]{3,}ed|said|won|made|set|held|began|gave|took)\b"
    r"|\b(?:said|announced|reported|confirmed)\s+(today)\b"
)
# "for the year ended 31 December 2021", "in the six months to 30 June": the end of a
# reporting period, not a thing that happened.
_PERIOD_END = re.compile(
    r"\b(?:year|years|quarter|quarters|half|half-year|months|weeks|period)\s+"
    r"(?:ended|ending|to)\s+$"
)
_LABEL_AFTER = re.compile(r"\s*[:–—-]\s")
_APPOSED = re.compile(r"\s*,?\s*(?:on|in)?\s*$")


def _distinct(
    sentence: str, spans: list[DateSpan]
) -> tuple[list[DateSpan], dict[int, list[DateSpan]]]:
    """One span per date in a sentence ("Two years later, in 1994": the stated year wins),
    and for each kept span the others that gave the same date."""
    if len(spans) < 2:
        return list(spans), {}
    kept: dict[tuple[str, str | None], DateSpan] = {}
    groups: dict[tuple[str, str | None], list[DateSpan]] = {}
    exact = [s for s in spans if not s.relative]
    restating: set[int] = set()  # spans that only restate another's date
    for span in spans:
        key = (span.text_date, span.text_end)
        if not span.relative:
            beside = phrase = None  # only a relative date may restate another
        else:
            phrase = sentence[span.start : span.end].lower()
            beside = next(
                (
                    s
                    for s in exact
                    if s.start > span.end and _APPOSED.match(sentence, span.end, s.start)
                ),
                None,
            )
        label = (
            phrase is None
            and span.date[1] is None
            and span.end_date is None
            and not sentence[: span.start].strip()
            and _LABEL_AFTER.match(sentence, span.end) is not None
        )
        if beside is not None:
            # "Two weeks later, on 16 April 1948": the stated date wins over the arithmetic.
            key = (beside.text_date, beside.text_end)
        elif label or (
            phrase is not None
            and span.end_date is None
            and not phrase.startswith(("later", "earl"))
        ):
            # ("2021: At the summit in January 2021, donors pledged ...": the year labelling
            # a milestone restates the date the item gives more exactly.)
            # "in July 2011, after winning Wimbledon that year": "that year" restates a
            # date the sentence already gives more exactly.
            finer = next(
                (
                    s
                    for s in exact
                    if s is not span and s.end_date is None and s.text_date.startswith(key[0])
                ),
                None,
            )
            if finer is not None and finer.text_date != key[0]:
                key = (finer.text_date, finer.text_end)
        groups.setdefault(key, []).append(span)
        best = kept.get(key)
        restates = span.relative or label
        if best is None or (id(best) in restating and not restates):
            kept[key] = span
        if restates:
            restating.add(id(span))
    chosen = sorted(kept.values(), key=lambda s: s.start)
    duplicates = {
        id(span): [s for s in groups[(span.text_date, span.text_end)] if s is not span]
        for span in chosen
    }
    return chosen, duplicates


def _leading_programme(
    units: Sequence[SentenceUnit], mentions: Sequence[Sequence[Mention]], index: int
) -> str | None:
    """What "It" at the start of sentence `index` most likely means: the programme that
    opens the previous sentence of the same paragraph ("The EPCA was signed ... It was"),
    else that sentence's subject if it is passive ("The treaty was agreed ... It")."""
    if index == 0 or units[index - 1].paragraph != units[index].paragraph:
        return None
    previous = units[index - 1].text
    for m in mentions[index - 1]:
        if m.start <= 4 and previous[: m.start].strip() in ("", "The", "the"):
            return "The " + previous[m.start : m.end]
        break
    # "The treaty was agreed in 1992. It entered into force in 1994."
    return passive_subject(previous)


def _happened(sentence: str, span: DateSpan, published_on: date | None) -> bool:
    if span.cue in ("ended", "ending", "to") and _PERIOD_END.search(
        sentence, max(0, span.start - 30), span.start
    ):
        return False
    if (
        span.cue == "since"
        and not span.open_ended
        and (span.end_date is None or span.approximate)
        and not _WHEN_AFTER.match(sentence, span.end)
    ):
        # A "since" that opens no range is a point of comparison ("its lowest since 2008",
        # see dates.py); with ", when ..." after it the when-clause happened then.
        return False
    if span.cue in _VAGUE_CUES and not _WHEN_AFTER.match(sentence, span.end):
        # ("recovered after the first half of 2020, when labs were closed": the
        # when-clause happened then.)
        return False
    if published_on is not None and _after(span, published_on):
        return False
    phrase = sentence[span.start : span.end].lower()
    if (
        span.cue in ("until", "till")
        and not _FOUR_DIGITS.search(phrase)
        and has_present_verb(sentence[max(0, span.start - 60) : span.start])
    ):
        return False  # "the show runs until June": an end still to come, not a past June
    if phrase.startswith("later this"):
        return False  # "later this year": still to come
    if phrase in ("this year", "this month") and not clause_has_past(sentence, span.start):
        return False  # "whose term ends this year": present tense, not yet happened
    if is_nominal_date(sentence, span.start, span.cue):
        # "apply for the 2025-26 season" in May 2025: a thing named by a range still
        # running is no past thing, and a plan around it stays a plan.
        return not (
            published_on is not None
            and span.end_date is not None
            and _ends_after(span, published_on)
            and is_unrealised(sentence, span.start, span.end, span.cue)
        )
    return not is_unrealised(sentence, span.start, span.end, span.cue)


def _restated_occasion(sentence: str, span: DateSpan, spans: Sequence[DateSpan]) -> bool:
    """ "unveiled at WWDC 2023 in June last year": the occasion's year restates a more exact
    date of the same sentence, which is the event."""
    return (
        span.date[1] is None
        and span.end_date is None
        and span.cue not in _PLAIN_CUES  # (an occasion's cue is its name: "at CES 2020")
        and _OCCASION_BEFORE.search(sentence, max(0, span.start - 30), span.start) is not None
        and any(
            o is not span
            and o.date[0] == span.date[0]
            and o.date[1]
            and _same_phrase(sentence, span, o)
            for o in spans
        )
    )


def _same_phrase(sentence: str, a: DateSpan, b: DateSpan) -> bool:
    """Do two dates stand close together with no verb between them ("at WWDC 2023 in June
    last year", not "announced at CES 2020 and released in June 2020")?"""
    first, second = (a, b) if a.start < b.start else (b, a)
    between = sentence[first.end : second.start]
    return len(between) <= 12 and not has_finite_verb(between) and " and " not in between


_PLAIN_CUES = frozenset(("in", "on", "since", "by", "the", "from", "until", "of", "to", ""))
_OCCASION_BEFORE = re.compile(r"\b(?:at|during)\s+[A-Z][\w-]*\s$")
_FOUR_DIGITS = re.compile(r"\d{4}")


def _ends_after(span: DateSpan, published_on: date) -> bool:
    """Does the span's range end after the article's date, at the end's own precision?"""
    return _later(span.end_date or span.date, published_on)


def _after(span: DateSpan, published_on: date) -> bool:
    """Does the span start after the article's date, at the span's own precision?"""
    return _later(span.date, published_on)


def _later(when: YearMonthDay, published_on: date) -> bool:
    year, month, day = when
    pub = (published_on.year, published_on.month, published_on.day)
    if month is None:
        return year > pub[0]
    if day is None:
        return (year, month) > pub[:2]
    return (year, month, day) > pub


def _programmes_in(mentions: Sequence[Mention], start: int, end: int) -> tuple[str, ...]:
    keys: list[str] = []
    for m in mentions:
        if m.start >= start and m.end <= end and m.key not in keys:
            keys.append(m.key)
    return tuple(keys)


# What may stand before a sentence's subject: quotes, a short opening phrase and its comma
# ("In 2002, ", "Later ").
_SUBJECT_LEAD = re.compile(
    r"[\s\"“‘(]*(?:(?:In|On|At|By|From|After|During|Since|Later|Then|But|And)\b"
    r"[^,;:]{0,30}?,?\s+)?"
)


class _LastPerson:
    """Who "He" or "She" at the start of a summary means: the person named last before
    the sentence. Worked out only when a summary needs it (few do)."""

    def __init__(
        self, units: Sequence[SentenceUnit], people: Sequence[Person], joined: Joined | None
    ) -> None:
        self._units = units
        self._joined = joined
        self._forms: dict[str, str] = {}
        # "Outgoing prime minister Anna Kovac conceded ...": a role before the name
        self._roles = {p.name: p.role.lower() for p in people if p.role}
        for person in people:
            self._forms.setdefault(person.name, person.name)
            self._forms.setdefault(person.name.split()[-1], person.name)
        self._ordered = sorted(self._forms, key=len, reverse=True)
        self._last: list[str | None] | None = None
        self._subject: list[str | None] = []

    def _after_role(self, text: str, start: int, name: str) -> bool:
        """The name at `start` opens the sentence after its role ("Outgoing prime minister
        Anna Kovac conceded ...")."""
        role = self._roles.get(name)
        if not role:
            return False
        lead = text[:start].rstrip()
        if not lead.lower().endswith(role):
            return False
        return _SUBJECT_LEAD.fullmatch(text, 0, len(lead) - len(role)) is not None

    def before(self, index: int) -> str | None:
        if not self._forms:
            return None
        if self._last is None:
            texts = [u.text for u in self._units]
            found = find_phrases(
                texts, [(f,) for f in self._ordered], word_boundaries=True, joined=self._joined
            )
            self._last = [self._forms[self._ordered[ms[-1][2]]] if ms else None for ms in found]
            self._subject = [
                next(
                    (
                        self._forms[self._ordered[m[2]]]
                        for m in ms
                        if _SUBJECT_LEAD.fullmatch(text, 0, m[0])
                        or self._after_role(text, m[0], self._forms[self._ordered[m[2]]])
                    ),
                    None,
                )
                for text, ms in zip(texts, found, strict=True)
            ]
        # The person a recent sentence is about (named first: "Holt formed the band ...")
        # rather than one it only mentions ("Produced by Sand, it won ..."), within the
        # last few sentences; else whoever was named last.
        for previous in range(index - 1, max(-1, index - 6), -1):
            if self._subject[previous] is not None:
                return self._subject[previous]
        for previous in range(index - 1, -1, -1):
            if self._last[previous] is not None:
                return self._last[previous]
        return None


def _one_per_sentence_date(events: list[Event]) -> list[Event]:
    """One sentence gives one event per date, even if two clauses produced summaries; and
    the same exact day in two consecutive events is one event told twice ("Seventy years
    ago today, Schuman proposed ... His declaration of 9 May 1950 ...")."""
    out: list[Event] = []
    seen: set[tuple[str, str, str | None]] = set()
    for event in events:
        key = (event.sentence, event.date, event.end)
        if key in seen:
            continue
        previous = out[-1] if out else None
        if (
            previous is not None
            and event.precision == "day"
            and (previous.date, previous.end) == (event.date, event.end)
            and previous.sentence != event.sentence
        ):
            continue
        seen.add(key)
        out.append(event)
    return out
