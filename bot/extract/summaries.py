"""One plain line per event: the clause that carries the date, without the date itself.

Steps, each cheap and local to the sentence:

1. a sentence with several dated clauses ("X joined in 1994 and Y left in 1997") is cut at
   the boundary before each later date, so each event keeps its own clause; a relative
   clause keeps its antecedent ("the NACC, which was transformed ..." -> "The NACC was
   transformed ...");
2. a date inside a trailing reporting clause (", said the ministry on Monday") leaves that
   clause out; a date followed by "when ..." takes the when-clause as the event;
3. the date phrase goes, with its preposition ("later in 1997", "from 2002 to the end of
   the operation in 2014", "In 1994, ..."); a year used as an adjective ("the 1994 summit")
   stays;
4. filler goes ("together with ...,", "a newly established forum – the X" -> "the X"),
   a leading "He"/"She" becomes the person last named, and the line is capitalised and
   kept under SUMMARY_MAX_CHARS, cut at a clause or word boundary.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from bot.extract.dates import DateSpan
from bot.extract.programmes import Mention

SUMMARY_MAX_CHARS = 150

_SPLIT = re.compile(
    r";\s+|,\s+(?:and|but|while|whereas|which|who|then|so|because|although|though|yet|thus)\s+"
    r"|\s[–—]\s+"
    r"|,\s+(?:[\w-]+\s+){0,3}?(?P<sub>after|before|when|until|as)\s+"
    r"|(?<=[a-z0-9)])\s+(?:and|but|while|whereas)\s+(?=[a-z]|[A-Z][a-z]+\s+[a-z])"
)
_LIST_GAP = re.compile(r"^\s*(?:,|,?\s*and|,?\s*or|,?\s*as\s+well\s+as)\s*(?:in\s+|on\s+)?$")
_REPORTING = re.compile(
    r",\s+(?:(?:he|she|they|it|officials?|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,4})\s+)?"
    r"(?:said|says|announced|reported|stated|told|noted|added|wrote|confirmed|"
    r"according\s+to)\b"
)
_DATE_LEAD = re.compile(
    r"(?:\b(?:later|earlier|shortly|just|also|only|again|first|then|back|already|as\s+early|"
    r"as\s+late)\s+)?(?:\b(?:in|on|since|from|during|by|until|till|through|between|as\s+of|"
    r"at|around|circa|about|of|dating\s+from|dates\s+back\s+to)\s+)?(?:\bthe\s+)?"
    r"(?:\b(?:very\s+)?(?:early|late|mid|end|beginning|start|middle|close|spring|summer|"
    r"autumn|fall|winter|first\s+half|second\s+half|course)\s+(?:of\s+)?(?:the\s+)?)?"
    r"(?:\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?$",
    re.I,
)
_LEADING_JUNK = re.compile(
    r"^(?:[\s,;:–—-]+|(?:and|but|while|whereas|also|then|so|thus|however|meanwhile|which|"
    r"when|where|that)\b[\s,]*)+",
    re.I,
)
_TOGETHER = re.compile(r"\s+(?:together|along)\s+with\s+[^,;]{1,80},")
_APPOSITIVE_DASH = re.compile(r"\b(?:a|an)\s+[^–—,;()]{1,60}?\s+[–—]\s+(?=the\s|[A-Z])")
_PRONOUN = re.compile(r"^(?:He|She)\b")
_ADJECTIVE_CUES = ("the", "a", "an", "its", "their", "his", "her", "this", "that")


def summarise(
    sentence: str,
    span: DateSpan,
    spans: Sequence[DateSpan],
    mentions: Sequence[Mention],
    last_person: str | None = None,
) -> tuple[str, int, int]:
    """The summary line for the event dated by `span`, and the region of `sentence` it came
    from (so callers can tell which programmes the event names). Never raises."""
    start, end = _region(sentence, span, spans)
    text_start = start
    prefix = ""
    lead = sentence[start:end]
    if re.match(r"\s*(?:which|who|that)\b", lead) and start > 0:
        antecedent = _antecedent(sentence, start, mentions)
        if antecedent:
            prefix = antecedent[0] + " "
            start = antecedent[1]
            lead = re.sub(r"^\s*(?:which|who|that)\s+", "", lead)
            text_start = start + (len(sentence[start:end]) - len(lead))

    # Reporting clause holding the date: keep what was reported.
    reporting = [
        m
        for m in _REPORTING.finditer(sentence, text_start, end)
        if text_start + 20 < m.start() < span.start
    ]
    if reporting:
        end = reporting[-1].start()
    # "dates back to March 1992 when Azerbaijan joined ...": the when-clause is the event.
    when = re.match(r"\s*,?\s*when\s+", sentence[span.end : end])
    body_start, body_end = text_start, end
    if when:
        body_start = span.end + when.end()
        prefix = ""
    piece = sentence[body_start:body_end]
    first, last = _list_group(sentence, span, spans)
    rel_start, rel_end = first.start - body_start, last.end - body_start
    if rel_start >= 0 and rel_end <= len(piece) and not when:
        piece = _drop_date(piece, rel_start, rel_end, first)
    if not prefix and start > 0 and _STARTS_WITH_VERB.match(piece):
        subject = _subject(sentence)
        if subject:
            prefix = subject + " "  # "... and became mandatory" -> "WPA3 became mandatory"
            piece = re.sub(r"^\s*(?:and|then)\s+", "", piece)
    summary = _tidy(prefix + piece, last_person)
    return summary, min(start, body_start), end


_STARTS_WITH_VERB = re.compile(
    r"^\s*(?:and\s+|then\s+|later\s+)*(?:was|were|is|are|has|have|had|became|began|won|"
    r"joined|left|signed|took|made|set|held|led|ran|saw|came|went|gave|built|grew|fell|rose|"
    r"[a-z]{3,}ed)\b"
)
_FIRST_VERB = re.compile(
    r"\s(?:was|were|is|are|has|have|had|became|began|won|joined|left|signed|took|made|held|"
    r"led|ran|saw|came|went|gave|built|grew|fell|rose|[a-z]{3,}ed)\b"
)


def _subject(sentence: str) -> str | None:
    """The words before the sentence's first verb, when they look like a short subject."""
    verb = _FIRST_VERB.search(sentence)
    if verb is None:
        return None
    subject = sentence[: verb.start()].strip()
    if not subject or "," in subject or len(subject.split()) > 8:
        return None
    return subject


def _list_group(
    sentence: str, span: DateSpan, spans: Sequence[DateSpan]
) -> tuple[DateSpan, DateSpan]:
    """The first and last date of the list `span` belongs to ("in 1994, 1997 and 2002")."""
    ordered = sorted(spans, key=lambda s: s.start)
    i = ordered.index(span)
    lo = hi = i
    while lo > 0 and _LIST_GAP.match(sentence[ordered[lo - 1].end : ordered[lo].start]):
        lo -= 1
    while hi + 1 < len(ordered) and _LIST_GAP.match(
        sentence[ordered[hi].end : ordered[hi + 1].start]
    ):
        hi += 1
    return ordered[lo], ordered[hi]


def _region(sentence: str, span: DateSpan, spans: Sequence[DateSpan]) -> tuple[int, int]:
    """The stretch of the sentence that belongs to `span`'s clause."""
    ordered = sorted(spans, key=lambda s: s.start)
    start, end = 0, len(sentence)
    for a, b in itertools.pairwise(ordered):
        gap = sentence[a.end : b.start]
        if _LIST_GAP.match(gap):
            continue
        cut = None
        for match in _SPLIT.finditer(sentence, a.end, b.start):
            if not _inside_name(sentence, match):
                cut = match
        if cut is None:
            continue
        if b.start <= span.start:
            # "..., fourteen months after the country declared": the event starts after "after".
            skip = cut.end() if cut.group("sub") else cut.start() + (sentence[cut.start()] == ",")
            start = max(start, skip)
        elif span.start < cut.start():
            end = min(end, cut.start())
    return start, end


def _inside_name(sentence: str, match: re.Match[str]) -> bool:
    """ "Central and Eastern", "Partnership and Cooperation": an "and" inside a name."""
    if not re.fullmatch(r"\s+and\s+", match.group()):
        return False
    before = re.search(r"(\S+)$", sentence[: match.start()])
    after = re.match(r"(\S+)", sentence[match.end() :])
    return bool(before and after and before.group(1)[:1].isupper() and after.group(1)[:1].isupper())


def _antecedent(sentence: str, start: int, mentions: Sequence[Mention]) -> tuple[str, int] | None:
    """What a clause-initial "which" refers to (the programme or name right before it),
    and where that phrase starts."""
    before = sentence[:start].rstrip(" ,")
    for m in mentions:
        if m.end == len(before) or (m.end < len(before) and not before[m.end :].strip(" )")):
            phrase = sentence[m.start : len(before)]
            if re.search(r"\bthe\s+$", before[: m.start]):
                phrase = "the " + phrase
            return phrase, m.start
    name = re.search(
        r"((?:the\s+)?(?:[A-Z][\w’'-]*\s+(?:(?:of|for|and)\s+)?){1,6}[A-Z][\w’'-]*"
        r"(?:\s+\([^)]*\))?)$",
        before,
    )
    if name:
        return name.group(1), name.start(1)
    return None


def _drop_date(piece: str, start: int, end: int, span: DateSpan) -> str:
    """`piece` without the date phrase at [start, end) and its preposition."""
    after = piece[end:]
    adjective = (
        span.cue in _ADJECTIVE_CUES
        and not span.relative
        and re.match(r"\s+[A-Za-z]", after)
        and not re.match(r"\s+(?:and|or|to|when|as|in|on|at|with|by)\b", after)
    )
    if adjective:
        return piece  # "the 1994 summit": the year is part of the noun phrase
    lead = _DATE_LEAD.search(piece, 0, start)
    cut_from = lead.start() if lead else start
    # "from 2002 to ..." ranges: the span already covers "2002 ... 2014"; drop "from" too.
    if re.search(r"\b(?:from|between)\s+$", piece[:cut_from]):
        cut_from = re.search(r"\b(?:from|between)\s+$", piece[:cut_from]).start()  # type: ignore[union-attr]
    before, rest = piece[:cut_from], piece[end:]
    if not before.strip(" ,"):
        rest = re.sub(r"^\s*,\s*", "", rest)
    return f"{before.rstrip()} {rest.lstrip()}" if before.strip() else rest.lstrip()


def _tidy(text: str, last_person: str | None) -> str:
    text = _TOGETHER.sub("", text)
    text = _APPOSITIVE_DASH.sub("", text)
    text = _LEADING_JUNK.sub("", text)
    text = re.sub(r"\(\s*\)", "", text)
    text = re.sub(r"\s+([,.;:)])", r"\1", text)
    text = re.sub(r"\(\s+", "(", text)
    text = re.sub(r",\s*,", ",", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = text.rstrip(" ,;:–—-")
    text = text.rstrip(".")
    if text.count("(") > text.count(")"):
        text = re.sub(r"\s*\([^)]*$", "", text)
    if text.count(")") > text.count("("):
        text = text.replace(")", "", text.count(")") - text.count("("))
    if last_person and _PRONOUN.match(text):
        text = _PRONOUN.sub(last_person, text, count=1)
    if text.count("“") != text.count("”") or text.count('"') % 2:
        text = text.replace("“", "").replace("”", "").replace('"', "")
    text = _shorten(text)
    return text[:1].upper() + text[1:] if text else text


def _shorten(text: str) -> str:
    if len(text) <= SUMMARY_MAX_CHARS:
        return text
    window = text[: SUMMARY_MAX_CHARS + 1]
    clause = max(window.rfind(", "), window.rfind("; "), window.rfind(" – "), window.rfind(" — "))
    if clause >= 60:
        return window[:clause].rstrip(" ,;")
    purpose = re.search(r"\s+(?:in\s+order\s+)?to\s+[a-z]+\b", window[60:])
    if purpose:
        return window[: 60 + purpose.start()].rstrip(" ,;")
    space = window.rfind(" ")
    return window[: space if space > 0 else SUMMARY_MAX_CHARS].rstrip(" ,;") + "…"
