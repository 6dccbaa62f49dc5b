"""One plain line per event: the clause that carries the date, without the date itself.

Steps, each cheap and local to the sentence:

1. the *region*: a sentence with several dated clauses ("X joined in 1994 and Y left in
   1997") is cut at the boundary before each later date, preferring strong boundaries
   ("; ", ", and ", ", which ", " – ") to a bare " and "; a single dated clause is cut out of
   a compound sentence ("The program recovered, and in December 1968 Apollo 8 ...");
2. a relative clause keeps its antecedent ("the NACC, which was transformed ..." -> "The
   NACC was transformed ..."); a dated participle after a noun becomes a clause ("The
   Strategic Defence Review, completed in 2011, ..." -> "The Strategic Defence Review was
   completed"; "the treaty (signed 1992)" -> "The treaty was signed");
3. a date inside a reporting clause (", said the ministry on Monday") leaves that clause
   out; a date followed by "when ..." takes the when-clause as the event;
4. the date phrase goes, with its preposition ("later in 1997", "from 2002 to the end of
   the operation in 2014", "In 1994, ...", "last Tuesday"); a year used as an adjective
   ("the 1994 summit") stays;
5. a clause that starts with its verb borrows the sentence's subject ("... and became
   mandatory" -> "WPA3 became mandatory"), one without a verb borrows subject and verb
   ("Armenia joined NACC in 1992 and the PfP in 1994" -> "Armenia joined the PfP");
6. filler goes ("together with ...,", "a newly established forum – the X" -> "the X"),
   a leading "He"/"She" becomes the person last named, and the line is capitalised and
   kept under SUMMARY_MAX_CHARS, cut at a clause or word boundary.
"""

from __future__ import annotations

import itertools
import re
import string
from collections.abc import Sequence

from bot.extract.dates import DateSpan
from bot.extract.programmes import Mention
from bot.extract.tense import clause_comma, has_finite_verb
from bot.extract.vocabulary import IRREGULAR_PAST, words

SUMMARY_MAX_CHARS = 150

_STRONG = re.compile(
    r";\s+|,\s+(?:and|but|while|whereas|then|so|because|although|though|yet|thus)\s+"
    r"|,\s+(?=(?:which|who|whose)\s)|\s[–—]\s+"
    r"|,\s+(?:[\w-]+\s+){0,3}?(?:after|before|when|until|as)\s+"
    r"|\s(?:before|after|until)\s+(?=(?:the\s+|a\s+|an\s+|its\s+)?[a-z]+\s+[a-z]+ed\b|[a-z]+\s+and\s)"
    # "Lumen shipped A in 2003, moved into B in 2006": a comma before the next verb
    r"|,\s+(?=[a-z]{3,}ed\s)"
    # "Denmark joined in 1973, Greece in 1981": a new subject with its own date.
    r"|,\s+(?=(?:the\s+)?[A-Z][\w-]*(?:\s+(?:and\s+)?[A-Z][\w-]*){0,2}\s+(?:in|on)\s)"
)
_SEMICOLON = re.compile(r";\s+")
_WEAK = re.compile(
    r"(?<=[a-z0-9)])\s+(?:and|but|while|whereas)\s+(?=[a-z0-9]|[A-Z][a-z]+\s+[a-z]|[A-Z]\S*\s+in\s)"
)
# Boundaries that may cut a single dated clause out of a compound sentence.
_CLAUSE_CUT = re.compile(
    r";\s+|:\s+(?=\S+(?:\s+\S+){3})|,\s+(?:and|but|while|whereas|so|although|though|yet)\s+"
)
# Matched at the gap's start (pattern.match with pos), so no "^".
_LIST_GAP = re.compile(r"\s*(?:,|,?\s*and|,?\s*or|,?\s*as\s+well\s+as)\s*(?:in\s+|on\s+)?$")
_SPEECH_WORDS = ("said", "says", "announced", "reported", "stated", "told", "noted", "added",
                 "wrote", "confirmed", "according")  # fmt: skip
_REPORTING = re.compile(
    r",\s+(?:(?:he|she|they|it|officials?|the\s+[\w’'-]+(?:\s+[\w’'-]+){0,2}|"
    r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,4})\s+)?"
    r"(?:said|says|announced|reported|stated|told|noted|added|wrote|confirmed|"
    r"according\s+to)\b"
)
_TRAILING_REPORT = re.compile(
    r",\s+(?:(?:the|a)\s+[\w’'-]+(?:\s+[\w’'-]+){0,2}|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}|"
    r"he|she|they|officials)\s+(?:said|says|told\s+\w+|reported|announced)"
    r"(?:\s+(?:on|in|at|last|this)\s+[\w ]{1,20})?\s*\.?$|,\s+according\s+to\s+[^,;]{1,60}\.?$"
)


_LEAD_WORDS = words(
    """
    later earlier shortly just also again already in on since from during by until till
    through between at around circa about of the very early late mid end beginning start
    middle close spring summer autumn fall winter half course last this past as monday
    tuesday wednesday thursday friday saturday sunday recently over throughout
    """
)


_CIRCA = re.compile(r"(?<![\w.])ca?\.$")


def lead_start(text: str, end: int | None = None) -> int:
    """Where the words leading into a date that ends `text` at `end` begin: "later in",
    "until the end of", "since", "last", "on Tuesday,". Read right to left, a word at a
    time (this runs for every event)."""
    start = len(text) if end is None else end
    while True:
        i = start
        while i > 0 and text[i - 1].isspace():
            i -= 1
        if i > 0 and text[i - 1] == ",":
            i -= 1
        if text[i - 1 : i] == "." and (circa := _CIRCA.search(text, max(0, i - 4), i)):
            start = circa.start()  # "c. 1350", "ca. 1350": circa, abbreviated
            continue
        # The letters ending at i (lead words are plain ASCII; a longer run is none of them).
        piece = text[max(0, i - _LONGEST_LEAD - 1) : i]
        j = i - (len(piece) - len(piece.rstrip(_ASCII_LETTERS)))
        if j == i or i - j > _LONGEST_LEAD:
            return start
        word = text[j:i].lower()
        if word not in _LEAD_WORDS and not (word in _PARTS_OF_DAY and text.startswith(" of ", i)):
            return start  # ("on the morning of 26 December 2004" leads into its date)
        if text[j:i] == "in" and text[max(0, j - 3) : j] == "in ":
            return j  # "sworn in in March 2003": the first "in" belongs to the verb
        if word == "recently" and text[max(0, j - 5) : j] == "most ":
            j -= 5  # "most recently in March"
        if word == "over" and not text.startswith(" the ", i):
            return start  # "Over the winter of 1933–34", not "declared the mission over"
        if j > 0 and (text[j - 1].isalnum() or text[j - 1] in "’'-"):
            return start  # the end of a longer word, not a word of its own
        start = j
        if word in ("later", "earlier", "afterwards"):
            # "Two months later, in May 1985": a span of time the text does not date
            interval = _INTERVAL_BEFORE.search(text, max(0, j - 30), j)
            if interval:
                start = interval.start()


_PARTS_OF_DAY = words("morning afternoon evening night")
_LONGEST_LEAD = max(len(word) for word in _LEAD_WORDS | _PARTS_OF_DAY)
_INTERVAL_BEFORE = re.compile(
    r"(?<![\w’'-])(?:(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"a\s+few|several|some|\d{1,2})\s+(?i:years?|months?|weeks?|days?|decades?|centur(?:y|ies))"
    r"|(?i:years|months|weeks|days|decades|centuries))\s+$"
)
_ASCII_LETTERS = string.ascii_letters


_FROM_BEFORE = re.compile(r"\b(?:from|between)\s+$")
_ADJECTIVE_CUES = ("the", "a", "an", "its", "their", "his", "her", "this", "that")
_ADJECTIVE_BREAK = re.compile(r"\s+(?:and|or|to|when|as|in|on|at|with|by)\b")
_LEADING_JUNK = re.compile(
    r"^(?:[\s,;:–—-]+|(?:and|but|while|whereas|also|then|so|thus|however|meanwhile|which|"
    r"where|that|on\s+this\s+day)\b[\s,]*)+",
    re.I,
)
_IT_SUBJECT = re.compile(r"[Ii]t\s+(?=[a-z]+)")
_AND_BEFORE = re.compile(r"[,;]?\s+and\s+$")
# A subject "it" may stand for: a name or "the/a ..." not ending in a plural.
_SINGULAR_SUBJECT = re.compile(r"(?:the\s+|a\s+|an\s+)?[A-Z][^,;]*[^s,;]$", re.I)
# A date phrase opening a subject: "In May 1993 ", "On 8 August 1967, ", "In 1994, ".
_LEADING_DATE = re.compile(
    r"^(?:(?:But|And|Yet|Then)\s+(?=(?:in|on|at|by)\s))?"
    r"(?:(?:In|On|At|By|From|Since|During|After|Before|Until|Between|in|on|at|by)\s+)?"
    r"(?:the\s+)?(?:(?:early|late|mid)\s+)?(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\.?\s+)?(?:\d{1,2},?\s+)?\d{4}s?"
    r"(?:\s*(?:to|and|-|–)\s*\d{4})?,?\s+(?=\S)"
)
# A phrase before the main clause, up to its comma: "After the Second World War, ",
# "Encouraged by the tribunals, ", "A week after the invasion, ", "When the tribunals wound
# down, ". Dropped when the event's date lies in the main clause after it.
_LEADING_PHRASE = re.compile(
    r"\s*(?i:(?:After|Before|During|Following|Despite|Under|With|Within|Through|Throughout|"
    r"Amid|Thanks\s+to|At|In|On|For|From|Against|Unlike|Like|When|While|Although|Though|"
    r"Because|Once|Having|Encouraged|Prompted|Faced|Backed|Inspired|Driven|Alarmed|"
    r"(?:An?|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|A\s+few|Several|Some|\d{1,2})\s+"
    r"(?:day|week|month|year|decade)s?\s+(?:after|before|later)|"
    r"(?:Last|That(?:\s+same)?|The\s+same|The\s+following|The\s+next|The\s+previous)\s+"
    r"(?:day|week|month|year|decade|spring|summer|autumn|fall|winter))\b[^,;:()]{0,100}?),\s+"
    r"(?=[\"“]?[A-Za-z])"
)
# "X’s participation in Y since 1997 ...": what X has done since then.
_NOMINAL_SINCE = re.compile(
    r"\s*(?P<owner>(?:[A-Z][\w-]*\s+){0,3}?[A-Z][\w-]*)['’]s\s+"
    r"(?P<noun>participation|membership|involvement|presence|engagement|cooperation|"
    r"contribution|partnership)\s+(?P<prep>in|of|with|to)\s+(?P<object>[^,;:]+?)\s*$"
)
_NOMINAL_VERBS = {
    "participation": "has taken part in",
    "membership": "has been a member of",
    "involvement": "has been involved in",
    "presence": "has been present in",
    "engagement": "has been engaged in",
    "cooperation": "has cooperated with",
    "contribution": "has contributed to",
    "partnership": "has been a partner of",
}


def _nominal_since(sentence: str, span: DateSpan, start: int, lead_at: int) -> str | None:
    """ "Azerbaijan’s participation in the PfP Planning and Review Process (PARP) since
    1997 has allowed ..." -> "Azerbaijan has taken part in the PfP Planning and Review
    Process (PARP)". Only for an open range that directly follows such a noun phrase."""
    if span.cue != "since" or span.end_date is not None:
        return None
    before = sentence[start : span.start]
    match = _NOMINAL_SINCE.fullmatch(before, 0, max(lead_at - start, 0))
    if match is None:
        return None
    verb = _NOMINAL_VERBS[match["noun"]]
    return f"{match['owner']} {verb} {match['object']}"


_LEADING_SUBORDINATOR = re.compile(r"^(?:when|while|although|though|after|as)\s+", re.I)
_TOGETHER = re.compile(r"\s+(?:together|along)\s+with\s+[^,;]{1,80},")
_APPOSITIVE_DASH = re.compile(r"\b(?:a|an)\s+[^–—,;()]{1,60}?\s+[–—]\s+(?=the\s|[A-Z])")
# ("she" too: "In 2002 she founded ..." once the date phrase is gone)
_PRONOUN = re.compile(r"^(?:[Hh]e|[Ss]he)\b")
_IT = re.compile(r"^It\b")
_RELATIVE = re.compile(r"\s*(?:which|who|that)\b")
_RELATIVE_WORD = re.compile(r"^\s*(?:which|who|that)\s+")
_WHEN = re.compile(r"\s*,?\s*when\s+")
# What was said, when it opens with a subject of its own ("said the team peaked ...", not
# "said it would ...": "it" needs the speaker).
_SAID_CONTENT = re.compile(
    r"\b(?:said|says)\s+(?:that\s+)?"
    r"(?!(?:it|its|he|his|she|her|they|their|we|our|I)\b)(?=[a-z]|[A-Z][a-z]+\s+[a-z])"
)
_AGE_STATE = re.compile(r"(?:he|she|they|I|we)\s+(?:was|were)\s+(?:only\s+|just\s+)?\d{1,3}\b")
_AND_THEN = re.compile(r"^\s*(?:and|then)\s+")
_THE_BEFORE = re.compile(r"\b(?:the|an?)\s+$", re.I)
_NAME_BEFORE = re.compile(
    r"((?:the\s+)?(?:[A-Z][\w’'-]*\s+(?:(?:of|for|and)\s+)?){0,6}[A-Z][\w’'-]*"
    r"(?:\s+\([^)]*\))?)$"
)
_OWNER_BEFORE = re.compile(r"(?:\b[Tt]he\s+)?\b[\w-]+['’]s\s+$")
_NOUN_PHRASE_BEFORE = re.compile(
    r"\b((?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\s+(?:[\w’'-]+\s+){0,3}[\w’'-]+"
    r"(?:\s+\([^)]*\))?)$"
)
_PARTICIPLE = re.compile(
    r"\s*(?:(?:first|later|originally|formally|officially|jointly)\s+)?"
    r"(?:[a-z]{3,}ed|built|held|set\s+up|founded|won|begun|made|written|drawn\s+up|"
    r"signed|opened|launched|known|chosen|given|taken|undertaken)"
    r"(?:\s+(?:in|on|at|by|under|since|from|for|as|near|during|after|before|with|through|"
    r"into|to)\b[^,;()]*?)?\s*$"
)
# "following the presidential election of ": an occasion named with its date after a
# preposition of time, ending right where the date's "of" does. (Not "since": "has governed
# since the elections of 2019" dates the state that followed.)
_OCCASION_OF = re.compile(
    r"\b(?:[Aa]fter|[Ff]ollowing|[Bb]efore|[Uu]ntil|[Dd]uring)\s+"
    r"(the\s+(?:[a-z]+\s+){0,3}[a-z]+)\s+of\s*$"
)
# "... and fully entered into force": a manner adverb may stand before the verb.
_STARTS_WITH_VERB = re.compile(
    r"^\s*(?:and\s+|then\s+|later\s+)*(?:[a-z]{2,}ly\s+)?"
    rf"(?:is|are|has|have|{'|'.join(sorted(IRREGULAR_PAST))}|[a-z]{{3,}}ed)\b"
)
_FIRST_VERB = re.compile(
    r"\s(?:(?:was|were|is|are|has|have|had)(?:\s+(?:been\s+)?(?:[a-z]{3,}ed|[a-z]+en|built|"
    rf"held|led|won|set|made|begun)\b)?|{'|'.join(sorted(IRREGULAR_PAST))}|[a-z]{{3,}}ed)\b"
)
_EMPTY_PARENS = re.compile(r"\(\s*\)")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+(?=[,.;:)])")
_SPACE_IN_PAREN = re.compile(r"\(\s+")
_DOUBLE_COMMA = re.compile(r",\s*,")
_OPEN_PAREN_TAIL = re.compile(r"\s*\([^)]*$")
_FOLLOWED_BY = re.compile(r"\s*(?:and\s+)?(?:followed|succeeded|replaced)\s+by\s+(.+?)\s*$")
_SUBORDINATOR = re.compile(r"^(?:When|While|After|Although|Though|As|Once|Since|Because|If)\s+")
_RELATIVE_COMMA = re.compile(r",\s+(?:which|who|whose|where)\b")
_SECOND_PREDICATE = re.compile(
    r",?\s+and\s+(?=(?:has|have|had|was|were|is|are|then|later|also)\b|[a-z]{3,}ed\b)"
)
_PURPOSE = re.compile(r"\s+(?:in\s+order\s+)?to\s+[a-z]+\b")


def summarise(
    sentence: str,
    span: DateSpan,
    spans: Sequence[DateSpan],
    mentions: Sequence[Mention],
    last_person: str | None = None,
    it_refers_to: str | None = None,
    also_drop: Sequence[DateSpan] = (),
    people: Sequence[str] = (),
    shared: dict[str, object] | None = None,
) -> tuple[str, int, int]:
    """The summary line for the event dated by `span`, and the region of `sentence` it came
    from (so callers can tell which programmes the event names).

    `spans` are the sentence's event dates, `also_drop` other date phrases that gave the
    same date ("Two years later, in 1994"), `last_person` the person named last before
    this sentence (for "He"), `it_refers_to` what a leading "It" means, `people` the
    article's people (a subject like "Its Director-General, Fabiola Gianotti, ..." becomes
    the person). `shared`, an empty dict at first, lets the summaries of one sentence's
    dates share the work that does not depend on the date (pass the same dict and the same
    `spans` for each). Never raises."""
    # (cheap tests first: few dates follow "(born" or "(died", and few sentences open with
    # a participle)
    window = max(0, span.start - 60)
    if (
        sentence.find("(b", window, span.start) != -1
        or sentence.find("(d", window, span.start) != -1
    ):
        life = _life_date(sentence, span)
        if life is not None:
            return _tidy(life[0], None, None), life[1], span.end
    space = sentence.find(" ")
    if sentence.startswith("Born") or sentence.endswith("ed", 0, space):
        opening = _opening_participle(sentence, span)
        if opening is not None:
            return _tidy(opening, last_person, it_refers_to), 0, span.end
    start, end = _region(sentence, span, spans, shared)
    if span.cue == "since" and (
        "in " in sentence[max(0, span.start - 20) : span.start]
        or "on sale" in sentence[max(0, span.start - 20) : span.start]
    ):
        tenure = _IN_OFFICE.search(
            sentence, max(0, span.start - 120), lead_start(sentence, span.start)
        )
        if tenure is not None and not has_finite_verb(tenure.group(1)):
            # "President Gabriel Boric, in office since March 2022," -> "President Gabriel
            # Boric has been in office"
            holder = tenure.group(1).strip()
            return (
                _tidy(f"{holder} has been {tenure.group(2)}", None, None),
                tenure.start(1),
                span.end,
            )
    if sentence.endswith(" of ", 0, span.start):
        occasion = _OCCASION_OF.search(sentence, max(0, span.start - 60), span.start)
        if occasion is not None:
            # "after a crackdown following the presidential election of December 2010": the
            # date is the election's, not the main clause's.
            return _tidy(occasion.group(1), None, None), occasion.start(1), span.end
    if span.cue == "that" and _date_is_subject(sentence, span, span.start):
        # "confirmed in January 2024 that 2023 had been the warmest year": the date is the
        # subject of the that-clause, which is its event.
        return _tidy(sentence[span.start : end].rstrip(" ,;:."), None, None), span.start, end
    cut_in = start > 0
    # Where the words leading into the date begin ("completed in 2011"): several rules
    # read the text before them.
    lead_at = lead_start(sentence, span.start)
    participle = _participle_clause(sentence, span, mentions, spans, lead_at) or _reduced_relative(
        sentence, span, start, mentions, lead_at
    )
    if participle is not None:
        text, region_start = participle
        return _tidy(text, last_person, None), region_start, span.end
    prefix = ""
    text_start = start
    relative = _relative_clause(sentence, span, start, end)
    object_of: str | None = None
    if relative is not None:
        rel_start, rel_end, word = relative
        antecedent = _antecedent(sentence, rel_start, mentions)
        person = _person_before(sentence, rel_start, people) if word == "who" else None
        if person and not (antecedent and antecedent[0].endswith(person[0])):
            # "said Helen Marsh, Corvane's chief executive, who joined ...": the person,
            # not the role; "Prime Minister Shehbaz Sharif, who ..." keeps the title.
            antecedent = person
        happened = _HAPPENED_WHEN.match(sentence, rel_start + len(word))
        if happened and happened.end() < span.start:
            # "a link ..., which happened only when a study was published in 2013": the
            # when-clause is the event.
            antecedent = None
            text_start, start, end, cut_in = happened.end(), happened.end(), rel_end, True
        if antecedent:
            phrase, phrase_start = antecedent
            text_start = rel_start + len(word) + 1
            start, end, cut_in = phrase_start, rel_end, True
            if word == "whom" or (word == "which" and _OBJECT_RELATIVE.match(sentence, text_start)):
                # "the Chips Act, which the Commission proposed on 8 February" -> "The
                # Commission proposed the Chips Act"
                object_of = phrase
            else:
                prefix = f"{phrase}'s " if word == "whose" else f"{phrase} "
            for second in _AND_PREDICATE.finditer(sentence, text_start, span.start):
                # "Carol Bright, who chairs the group and worked at the plant from 1979":
                # the predicate that holds the date.
                text_start = second.end()
    end = _without_reporting(sentence, span, text_start, end)
    if text_start == 0 and sentence.startswith(_SUBORDINATORS):
        opening_end = _opening_clause_end(sentence, span, end)
        if opening_end != end:
            end, text_start = opening_end, sentence.find(" ") + 1
    when = _WHEN.match(sentence, span.end, end)
    if when and _AGE_STATE.match(sentence, when.end()):
        # "appeared in March 2021, when she was 85": an age, not the event; it goes.
        end, when = when.start(), None
    body_start, body_end = text_start, end
    if when:
        body_start, prefix = when.end(), ""
        if _IT_SUBJECT.match(sentence, body_start):
            # "Azerbaijan has been a partner since 1994, when it joined the PfP"
            subject = _subject(sentence, 0, mentions, people)
            if subject and _SINGULAR_SUBJECT.match(subject) and subject.split()[0] != "It":
                prefix, body_start = subject + " ", body_start + 3
    elif (
        not prefix
        and len(spans) > 1
        and (inner := _when_holding(sentence, body_start, lead_at)) is not None
        and any(other.start < inner for other in spans if other is not span)
    ):
        # "Parliament on Friday approved a law, ending a debate that began when the
        # coalition took office in January 2020": the main clause has its own date, so the
        # when-clause holding this one is its event. (Alone, "X failed when Y rejected the
        # plan in 1954" stays whole: the main clause is the news.)
        body_start, cut_in = inner, True
    elif not prefix:
        nominal = _nominal_since(sentence, span, body_start, lead_at)
        if nominal is not None:
            # "Azerbaijan’s participation in the PARP since 1997 has allowed ..." ->
            # "Azerbaijan has taken part in the PARP"
            return _tidy(nominal, last_person, it_refers_to), body_start, span.end
        opening = _LEADING_PHRASE.match(sentence, body_start, span.start)
        if opening and has_finite_verb(sentence[opening.end() : body_end]):
            # "After the Second World War, the Tribunal tried ... between 1945 and 1946":
            # the event is the main clause.
            body_start = opening.end()
    if not prefix and not when and " that " in sentence[body_start : span.start]:
        restrictive = _restrictive_event(sentence, span, spans, body_start, mentions)
        if restrictive is not None:
            text, region_start = restrictive
            return _tidy(text, last_person, None), region_start, span.end
    if (
        not prefix
        and not when
        and (
            sentence.find(" said ", body_start, span.start) != -1
            or sentence.find(" says ", body_start, span.start) != -1
        )
    ):
        said = None
        for match in _SAID_CONTENT.finditer(sentence, body_start, span.start):
            said = match
        if said is not None and has_finite_verb(sentence[said.end() : span.start]):
            # "X, hired in 2019, said the team peaked in a 4-0 win on 3 May 2021": what
            # was said is the event, not the saying.
            body_start = said.end()
            second = sentence.rfind(" and that ", body_start, span.start)
            if second != -1 and has_finite_verb(sentence[second + 10 : span.start]):
                # "said counting had gone smoothly and that the last votes had arrived on
                # Saturday": the second thing said holds the date.
                body_start = second + 10
    drops = [(s.start, s.end) for s in also_drop if body_start <= s.start and s.end <= body_end]
    drops.extend(_other_relative_clauses(sentence, span, spans, body_start, body_end))
    for other in spans:
        # "In 2018 researchers reported that emissions had risen since 2012": for 2012 the
        # other date opening the clause goes too (not a year naming a thing: "The 2019
        # programme was ...").
        if (
            other is not span
            and other.cue != "the"
            and body_start <= other.start < span.start
            and not sentence[body_start : lead_start(sentence, other.start)].strip(" ,")
        ):
            drops.append((other.start, other.end))
    if not when and not (
        span.start - body_start < 4 and _date_is_subject(sentence, span, body_start)
    ):
        first, last = _list_group(sentence, span, spans, shared)
        if not (
            first is last
            and span.cue not in _CUE_WORDS_SEEN  # ("at CES 2020": the cue is the name)
            and _OCCASION.search(sentence, max(0, span.start - 30), span.start)
        ):
            # ("announced at CES 2020": the year is part of the occasion's name and stays)
            drops.append((first.start, last.end))
    if (
        cut_in
        and not prefix
        and relative is None
        and sentence.find("wh", 0, start) != -1
        and _RELATIVE_BEFORE.search(sentence, max(0, start - 200), start)
        and _STARTS_WITH_VERB.match(sentence[body_start : body_start + 40])
    ):
        # "Calder, which bought the plant in 1998 and closed it in 2009, said ...": the
        # second predicate of a relative clause ends where the clause does.
        stop = clause_comma(sentence, span.end, body_end)
        if stop != -1:
            body_end = stop
    piece = _drop_dates(sentence, body_start, body_end, drops, span, lead_at)
    if not prefix and cut_in:
        piece = _AND_THEN.sub("", piece)
        if _STARTS_WITH_VERB.match(piece):
            subject = _subject(sentence, start, mentions, people)
            if subject:
                # "... and became mandatory" -> "WPA3 became mandatory". A subject with a
                # phrase inserted after it keeps the closing comma, so that the phrase can
                # go below: "China's rover, part of the mission, was put into hibernation".
                inserted = subject.partition(", ")[2]
                list_ = not inserted or " and " in inserted or " or " in inserted
                prefix = subject + (" " if list_ else ", ")
                if list_:
                    prefix += _passive_auxiliary(sentence, start, subject, piece)
        elif _IT_SUBJECT.match(piece) and _AND_BEFORE.search(sentence, 0, start):
            # "the Council created the ICTY, and in 1994 it set up the ICTR" -> "The UN
            # Security Council set up the ICTR". Only for a clause joined by "and", whose
            # "it" is the subject of the first: in "signed the Charter; it entered into
            # force" or "until it ended", "it" is something else.
            subject = _subject(sentence, start, mentions, people)
            if subject and _SINGULAR_SUBJECT.match(subject):
                piece = subject + piece[2:]
        elif _IT_SUBJECT.match(piece) and sentence[:start].rstrip().endswith(";"):
            # "The Protocol was signed in 1987; it entered into force in 1989": after a
            # passive clause "it" is what the clause spoke of.
            subject = passive_subject(sentence[:start])
            if subject:
                piece = subject + piece[2:]
        elif not has_finite_verb(piece):
            gapped = _gapped(sentence, span, spans, (body_start, body_end))
            if gapped:
                piece = gapped
    text = prefix + piece
    if object_of is not None:
        if _DETERMINER.match(object_of):
            object_of = object_of[:1].lower() + object_of[1:]  # not "arne Ellison"
        head = piece.rstrip(" ,.")
        place = _TRAILING_PLACE.search(head)
        if place is not None and has_finite_verb(head[: place.start()]):
            # "which officials visited in Brussels in May": "visited the X in Brussels"
            text = f"{head[: place.start()]} {object_of}{head[place.start() :]}"
        else:
            text = f"{head} {object_of}"
    if cut_in and not prefix:
        text = _LEADING_SUBORDINATOR.sub("", text.lstrip(" ,;:"))
    if object_of is None:
        text = _without_insertion(text)
    return _tidy(text, last_person, it_refers_to), min(start, body_start), end


# A place closing a clause ("visited in Brussels"), where an object put back must go before.
_TRAILING_PLACE = re.compile(r"\s(?:in|at)\s+(?:[A-Z][\w’'-]*\s+){0,2}[A-Z][\w’'-]*$")

_CUE_WORDS_SEEN = frozenset(("in", "on", "since", "by", "the", "from", "until", "of", "to", ""))
_OCCASION = re.compile(r"\b(?:at|during)\s+[A-Z][\w-]*\s$")
_CLOSER = re.compile(r",\s+|\s[–—]\s+")
_SUBJECT_BEFORE_COMMA = re.compile(r"[^,;:–—()]{3,80}?(?:\s*\([^()]*\))?")
_VERB_WORDS = IRREGULAR_PAST | words("was were is are has have had")
_APPOSITIVE_NP = re.compile(r"(?:a|an|the|its|their)\s", re.I)
_AUXILIARY_OR_CLAUSE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|which|who|whose|that)\b"
)
# A name: capitalised words and numbers ("Mircea Geoană", "Apollo 17", "ECO4").
_NAME_ONLY = re.compile(r"[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|\d+)){0,3}")
# A longer name, with its acronym after it: "the Partnership and Cooperation Agreement (PCA)".
_LONG_NAME = re.compile(r"[A-Z][\w’'-]*(?:\s+(?:(?:and|of|for|on|the|in)\s+)*[A-Z][\w’'-]*)*")


def _is_verb(word: str) -> bool:
    return word in _VERB_WORDS or (
        len(word) >= 5 and word.endswith("ed") and word.isalpha() and word.islower()
    )


def _without_insertion(text: str) -> str:
    """ "The ASEAN Regional Forum (ARF), a dialogue on security open to the bloc's
    partners, held its first meeting" -> "The ASEAN Regional Forum (ARF) held its first
    meeting"; "The NATO Deputy Secretary General, Mircea Geoană, held talks" -> "Mircea
    Geoană held talks". The subject and the inserted phrase must hold no verb of their own."""
    first = text.find(", ")
    if first < 3 or text.count(",") + text.count(" – ") + text.count(" — ") < 2:
        return text
    if not _SUBJECT_BEFORE_COMMA.fullmatch(text, 0, first):
        return text
    for closer in _CLOSER.finditer(text, first + 2):
        word = text[closer.end() :].split(" ", 1)[0]
        if _is_verb(word):
            break
    else:
        return text
    subject, insertion = text[:first].strip(), text[first + 2 : closer.start()]
    if (
        len(insertion) < 3
        or ";" in insertion
        or ":" in insertion
        or insertion.count("(") != insertion.count(")")
        or insertion.split(" ", 1)[0] in ("which", "who", "whose", "that", "and", "but", "or")
        or has_finite_verb(subject)
    ):
        return text
    if _APPOSITIVE_NP.match(insertion):
        if _AUXILIARY_OR_CLAUSE.search(insertion):
            return text  # "a rebate paid to ..." is a phrase; "a fund that has paid ..." not
    elif has_finite_verb(insertion):
        return text
    named = insertion.split(",", 1)[0].strip()
    bare = _PARENS.sub("", named) if "(" in named else named  # "the Agency (ITIA)"
    if _NAME_ONLY.fullmatch(bare):
        subject = named  # "Its twin, Spirit, had landed" -> "Spirit had landed"
    elif bare.startswith("the ") and (
        _NAME_ONLY.fullmatch(bare[4:]) or (bare is not named and _LONG_NAME.fullmatch(bare[4:]))
    ):
        if len(subject.split()) > 3:
            return text  # "Construction of the first accelerator, the Synchrocyclotron, began"
        subject = named
    return f"{subject} {text[closer.end() :]}"


# "Maren Holt (born 12 May 1970) is ...", "(born in Oslo on 3 May 1950", "(died 2001)"
_LIFE_BEFORE = re.compile(
    r"\((?P<word>born|died|b\.|d\.)\s+(?:in\s+[A-Z][^(),;]{0,40}?\s+)?(?:on\s+|in\s+)?$"
)
_LIFE_WORDS = {"born": "was born", "b.": "was born", "died": "died", "d.": "died"}


def _life_date(sentence: str, span: DateSpan) -> tuple[str, int] | None:
    """ "Maren Holt (born 12 May 1970) is a Norwegian singer" -> ("Maren Holt was born",
    start of the name): a date of birth or death in brackets after a name."""
    life = _LIFE_BEFORE.search(sentence, max(0, span.start - 60), span.start)
    if life is None:
        return None
    name = _NAME_BEFORE.search(sentence, max(0, life.start() - 80), life.start() - 1)
    if name is None or sentence[name.end(1) : life.start()].strip():
        return None
    return f"{name.group(1)} {_LIFE_WORDS[life['word']]}", name.start(1)


# "Born in Glasgow in 1939, she ...", "Founded in 1921 by two engineers, the firm ...".
_OPENING_PARTICIPLE = re.compile(r"(?P<part>Born|[A-Z][a-z]{2,}ed)\b(?P<rest>[^,;:()]*)")


def _opening_participle(sentence: str, span: DateSpan) -> str | None:
    """ "Born in Glasgow in 1939, she studied at Edinburgh" -> "She was born in Glasgow": a
    participle phrase opening the sentence holds the date and speaks of the subject after
    its comma."""
    first = sentence[: sentence.find(" ")]
    if not (first == "Born" or (first.endswith("ed") and first[:1].isupper())):
        return None
    match = _OPENING_PARTICIPLE.match(sentence)
    comma = match.end() if match else -1
    if match is None or not (comma >= span.end and sentence[comma : comma + 1] == ","):
        return None
    verb = _FIRST_VERB.search(sentence, comma + 1)
    if verb is None:
        return None
    subject = sentence[comma + 1 : verb.start()].strip()
    if not subject or len(subject.split()) > 6 or "," in subject or has_finite_verb(subject):
        return None
    lead_at = lead_start(sentence, span.start)
    phrase = (sentence[match.start("rest") : lead_at] + sentence[span.end : comma]).strip()
    head = subject.split()[-1]
    be = "were" if head.endswith("s") and not head.endswith(("ss", "us", "is")) else "was"
    if subject.lower() in ("they", "we"):
        be = "were"
    return " ".join(f"{subject} {be} {match['part'].lower()} {phrase}".split())


_WHEN_BEFORE = re.compile(r"\bwhen\s+(?=[a-z]+\s|[A-Z])")


def _when_holding(sentence: str, start: int, lead_at: int) -> int | None:
    """Where a "when" clause that holds the date begins, if it has its own subject and
    verb before the date and no clause mark stands between ("... began when the coalition
    took office in January 2020")."""
    if sentence.find("when", start, lead_at) == -1:
        return None
    last = None
    for match in _WHEN_BEFORE.finditer(sentence, start, lead_at):
        last = match
    if last is None or last.start() < start + 3:
        return None  # "When the war ended in 1945, ...": the sentence opens with it
    inner = sentence[last.end() : lead_at]
    if any(mark in inner for mark in ",;:–—()") or not has_finite_verb(inner):
        return None
    return last.end()


def _date_is_subject(sentence: str, span: DateSpan, body_start: int) -> bool:
    """ "2021 was the best year in our history": the date opens its clause with no
    preposition and a verb follows it; without it the clause has no subject."""
    return (
        span.start - body_start < 4
        and span.end_date is None
        and not sentence[body_start : span.start].strip(" \"“‘'")
        and sentence[span.start : span.start + 1].isdigit()
        and _VERB_AFTER_DATE.match(sentence, span.end) is not None
    )


def summarise_many(sentence: str, spans: Sequence[DateSpan]) -> str:
    """One summary for a sentence stating very many dates (a table set as prose): the
    sentence without its dates. Linear in the number of dates, unlike :func:`summarise`."""
    drops = [(s.start, s.end) for s in spans]
    first = min(spans, key=lambda s: s.start)
    return _tidy(_drop_dates(sentence, 0, len(sentence), drops, first_cue=first), None, None)


def _pairs(
    sentence: str, spans: Sequence[DateSpan], shared: dict[str, object] | None
) -> tuple[list[DateSpan], list[tuple[DateSpan, DateSpan, bool, re.Match[str] | None]]]:
    """The dates in order, and for each two in a row whether a list gap ("1994, 1997 and")
    joins them, else the boundary between their clauses (see _last_boundary). The same for
    every date of the sentence, so worked out once when `shared` is given."""
    if shared is not None and "pairs" in shared:
        return shared["pairs"]  # type: ignore[return-value]
    ordered = sorted(spans, key=lambda s: s.start)
    pairs = []
    for a, b in itertools.pairwise(ordered):
        listed = _LIST_GAP.match(sentence, a.end, b.start) is not None
        pairs.append((a, b, listed, None if listed else _last_boundary(sentence, a.end, b.start)))
    if shared is not None:
        shared["pairs"] = (ordered, pairs)
    return ordered, pairs


def _region(
    sentence: str,
    span: DateSpan,
    spans: Sequence[DateSpan],
    shared: dict[str, object] | None = None,
) -> tuple[int, int]:
    """The stretch of the sentence that belongs to `span`'s clause."""
    if len(spans) < 2:
        return _clause_of(sentence, span, 0, len(sentence))
    start, end = 0, len(sentence)
    for _, b, listed, cut in _pairs(sentence, spans, shared)[1]:
        if listed or cut is None:
            continue
        if b.start <= span.start:
            start = max(start, cut.end())
        elif span.start < cut.start():
            end = min(end, cut.start())
    return _clause_of(sentence, span, start, end)


# "which the Commission proposed": the relative word is the object of the clause's verb.
_OBJECT_RELATIVE = re.compile(
    r"(?:the|a|an|its|their|[A-Z][\w’'-]*)\s+(?:[\w’'-]+\s+){0,4}?"
    r"(?:[a-z]{3,}ed|[a-z]+ed\s+by|signed|held|won|made|built|launched|set\s+up)\b"
)
# (a short phrase between commas may stand inside: "who published the first version, 0.1,
# on GitHub on 3 March 2015")
_RELATIVE_BEFORE = re.compile(r",\s+(which|who|whose)\s+[^,;:]*(?:,[^,;:]{1,24},[^,;:]*)?$")
_OWN_RELATIVE_BEFORE = re.compile(
    r",\s+(which|who|whom|whose)\s+[^,;:]*(?:,[^,;:]{1,24},[^,;:]*)?$"
)


def _relative_clause(
    sentence: str, span: DateSpan, start: int, end: int
) -> tuple[int, int, str] | None:
    """ "the NACC, which was transformed into the EAPC later in 1997": where the relative
    clause holding the date starts (at "which") and ends, and its relative word."""
    match = _OWN_RELATIVE_BEFORE.search(sentence, max(start - 2, 0), span.start)
    if match is None:
        return None
    stop = clause_comma(sentence, span.end, end)
    return match.start(1), stop if stop != -1 else end, match.group(1)


def _other_relative_clauses(
    sentence: str, span: DateSpan, spans: Sequence[DateSpan], start: int, end: int
) -> list[tuple[int, int]]:
    """ "Kari Nordvik, who died in 2011, remained chair until 1995": for the 1995 event the
    clause about 2011 goes."""
    out = []
    for other in spans:
        if other is span or not (start <= other.start < end):
            continue
        if "wh" not in sentence[start : other.start]:
            continue  # every _RELATIVE_BEFORE holds "which", "who" or "whose"
        match = _RELATIVE_BEFORE.search(sentence, start, other.start)
        if match is None or match.start() < start:
            continue
        stop = clause_comma(sentence, other.end, end)
        if stop != -1 and not (match.start() <= span.start < stop):
            out.append((match.start(), stop + 1))
        elif stop == -1 and span.start < match.start():
            # "began in 2014 as a project of X, who published it in 2015": a dated relative
            # clause closing the sentence is another event, not part of this one.
            out.append((match.start(), end))
    for opener, stop in _dated_appositives(sentence, span, spans, start, end):
        out.append((opener, stop + 1))
    return out


def _dated_appositives(
    sentence: str, span: DateSpan, spans: Sequence[DateSpan], start: int, end: int
) -> list[tuple[int, int]]:
    """ "Carbon dioxide, recorded since 1958 by Keeling, passed 400 ppm in May 2013": the
    participle phrase of another date, between commas."""
    out = []
    for other in spans:
        if other is span or not (start <= other.start < end):
            continue
        opener = sentence.rfind(",", start, other.start)
        if opener == -1:
            continue
        stop = clause_comma(sentence, other.end, end)
        if stop != -1 and not has_finite_verb(sentence[stop:end]):
            stop = end - 1  # the phrase runs to the end: "..., predicted in 1964 by A, B and C."
        if stop == -1 or opener <= span.start < stop:
            continue
        phrase = sentence[opener + 1 : other.start]
        if _PARTICIPLE.match(phrase[: lead_start(phrase)]):
            out.append((opener, stop))
    return out


# Verbs whose past form after "X was signed ... and" is more often active than a second
# passive ("entered into force", "joined", "served"): they borrow no "was".
_ACTIVE_AFTER_PASSIVE = words(
    """
    entered expired ended lasted remained continued returned started joined served worked
    lived moved died retired resigned arrived closed opened merged collapsed survived
    appeared emerged failed succeeded peaked declined stayed existed happened occurred
    evolved grew rose fell came went became began ran won led
    """
)
_PARTICIPLE_THEN_PREPOSITION = re.compile(
    r"(?P<verb>[a-z]{3,}(?:ed|en)|built|held|made|sold|sent|taken|given|set)\s+"
    r"(?:in|to|at|by|for|as|from|on|with|under)\b"
)


def _passive_auxiliary(sentence: str, start: int, subject: str, piece: str) -> str:
    """ "Tirabexin was discovered in 2011 and licensed to Corvane two years later": the
    second participle shares the first one's "was" ("Tirabexin was licensed to Corvane").
    Only a participle followed by a preposition, never a verb that is mostly active
    ("was signed in 1992 and entered into force in 1994"). Empty when none is shared."""
    second = _PARTICIPLE_THEN_PREPOSITION.match(piece)
    if second is None or second["verb"] in _ACTIVE_AFTER_PASSIVE:
        return ""
    at = sentence.rfind(subject, 0, start)
    if at == -1:
        return ""
    first = _PASSIVE_AFTER_SUBJECT.match(sentence, at + len(subject))
    return f"{first.group(1)} " if first else ""


_PASSIVE_AFTER_SUBJECT = re.compile(
    r"\s+(was|were)\s+(?:[a-z]+ly\s+)?(?:[a-z]{3,}ed|[a-z]{3,}en|built|held|made|sold|sent|"
    r"set)\b"
)
_HAPPENED_WHEN = re.compile(
    r"\s+(?:happened|came|occurred|took\s+place)\s+(?:only\s+|just\s+)?(?:when|after|once)\s+"
)
_AND_PREDICATE = re.compile(r"\s+and\s+(?=(?:has|have|had|was|were|later|then)\b|[a-z]{3,}ed\b)")
_CLOSED_RELATIVE = re.compile(r",\s+(?:which|who|whose)\s")


def _last_boundary(sentence: str, lo: int, hi: int) -> re.Match[str] | None:
    # A semicolon ends a clause for certain: "admitted in July 1997, ...; Cambodia's
    # entry, planned ..., was postponed after a coup and took place on 30 April 1999".
    semicolon = None
    for match in _SEMICOLON.finditer(sentence, lo, hi):
        semicolon = match
    if semicolon is not None:
        return semicolon
    strong = None
    for match in _STRONG.finditer(sentence, lo, hi):
        if (
            _CLOSED_RELATIVE.match(sentence, match.start())
            and clause_comma(sentence, match.end(), hi) != -1
        ):
            # "has chaired the Fund, which supports musicians, since 2021": a relative
            # clause closed before the next date is inside its clause, not a boundary.
            continue
        strong = match
    if strong is not None:
        return strong
    weak = None
    for match in _WEAK.finditer(sentence, lo, hi):
        if not _inside_name(sentence, match):
            weak = match
    return weak


def _clause_of(sentence: str, span: DateSpan, start: int, end: int) -> tuple[int, int]:
    """Within [start, end), the clause of a compound sentence that holds the date, when the
    cut leaves a clause with a verb ("The program recovered, and in December 1968 ...")."""
    lo, hi = start, end
    window = sentence[start:end]
    if ";" not in window and ":" not in window and "," not in window:
        return lo, hi  # every _CLAUSE_CUT holds one of these
    for match in _CLAUSE_CUT.finditer(sentence, start, end):
        if match.end() <= span.start:
            if has_finite_verb(sentence[match.end() : hi]):
                lo = match.end()
        elif match.start() >= span.end:
            if has_finite_verb(sentence[lo : match.start()]):
                hi = match.start()
            break
    return lo, hi


def _inside_name(sentence: str, match: re.Match[str]) -> bool:
    """ "Central and Eastern", "Partnership and Cooperation": an "and" inside a name."""
    before = sentence[: match.start()].rsplit(None, 1)
    after = sentence[match.end() :].split(None, 1)
    return bool(before and after and before[-1][:1].isupper() and after[0][:1].isupper())


def _list_group(
    sentence: str,
    span: DateSpan,
    spans: Sequence[DateSpan],
    shared: dict[str, object] | None = None,
) -> tuple[DateSpan, DateSpan]:
    """The first and last date of the list `span` belongs to ("in 1994, 1997 and 2002")."""
    if len(spans) == 1 and spans[0] == span:
        return spans[0], spans[0]
    if not spans:
        return span, span
    ordered, pairs = _pairs(sentence, spans, shared)
    i = ordered.index(span) if span in ordered else 0
    lo = hi = i
    while lo > 0 and pairs[lo - 1][2]:
        lo -= 1
    while hi + 1 < len(ordered) and pairs[hi][2]:
        hi += 1
    return ordered[lo], ordered[hi]


def _opening_clause_end(sentence: str, span: DateSpan, end: int) -> int:
    """ "After the 1960 Chile earthquake killed 61 people in Hilo, Pacific nations formed
    ...": a date inside an opening subordinate clause with a verb of its own dates that
    clause, which ends at its comma when a clause with a verb follows."""
    conjunction = sentence.find(" ")
    comma = clause_comma(sentence, span.end, end)
    if comma == -1 or span.start - conjunction < 4:
        return end  # ("After 2004, ...": the date is the conjunction's own object)
    if not (
        has_finite_verb(sentence[conjunction:comma].replace(sentence[span.start : span.end], ""))
        and has_finite_verb(sentence[comma:end])
    ):
        return end
    return comma


_SUBORDINATORS = ("After ", "When ", "Before ", "Once ", "Although ", "Though ", "Because ")


def _restrictive_event(
    sentence: str,
    span: DateSpan,
    spans: Sequence[DateSpan],
    body_start: int,
    mentions: Sequence[Mention],
) -> tuple[str, int] | None:
    """A restrictive relative clause with a past or perfect verb of its own that holds the
    date, when the main clause is dated otherwise or is a plan: "led the team of GRIP, a
    drilling effort that reached bedrock in July 1992" -> "GRIP reached bedrock"; "would
    help a region that has been shaken by the war since October 2023" -> "A region has been
    shaken by the war". Returns the summary text and where its region starts."""
    # (the last " that " before the date, found with str.rfind: this runs for many dates)
    at = sentence.rfind(" that ", body_start, span.start)
    that = _RESTRICTIVE_THAT.match(sentence, at + 1) if at != -1 else None
    if that is None or "," in sentence[that.end() : span.start]:
        return None
    dated_before = any(other is not span and other.start < that.start() for other in spans)
    if not dated_before and not _PLAN_BEFORE.search(sentence, 0, that.start()):
        return None  # "a factory that opened in 1987" is all the sentence tells
    noun = _NOUN_BEFORE_THAT.search(sentence, max(body_start, that.start() - 60), that.start())
    if noun is None:
        return None
    phrase, phrase_start = noun.group(1), noun.start(1)
    if sentence[max(0, phrase_start - 2) : phrase_start] == ", " and noun.group(1)[:1] in "aA":
        # "GRIP, a European drilling effort that ...": the name the phrase is in apposition to
        antecedent = _antecedent(sentence, phrase_start - 2, mentions)
        if antecedent is not None:
            phrase, phrase_start = antecedent
    clause = sentence[that.end() : lead_start(sentence, span.start)].strip(" ,")
    return f"{phrase} {clause}", phrase_start


_RESTRICTIVE_THAT = re.compile(
    rf"\bthat\s+(?=(?:has|have|had|was|were)\s|{'|'.join(sorted(IRREGULAR_PAST))}\b|[a-z]{{3,}}ed\b)"
)
_PLAN_BEFORE = re.compile(r"\b(?:would|will|could|should|might|plans?\s+to|aims?\s+to)\b")
# The noun phrase right before "that", from its own (last) article.
_NOUN_BEFORE_THAT = re.compile(
    r"\b((?:[Aa]n?|[Tt]he)\s+(?:(?!(?:an?|the)\s)[\w’'-]+\s+){0,4}?[\w’'-]+)\s+$"
)


def _antecedent(sentence: str, start: int, mentions: Sequence[Mention]) -> tuple[str, int] | None:
    """What a clause-initial "which" refers to (the programme or name right before it),
    and where that phrase starts."""
    before = sentence[:start].rstrip(" ,")
    for m in mentions:
        if m.end <= len(before) and not before[m.end :].strip(" )"):
            owner = _OWNER_BEFORE.search(before, max(0, m.start - 40), m.start)
            if owner:
                return sentence[owner.start() : len(before)], owner.start()
            phrase = sentence[m.start : len(before)]
            if _THE_BEFORE.search(before, 0, m.start):
                phrase = "the " + phrase
            return phrase, m.start
    for pattern in (_NAME_BEFORE, _NOUN_PHRASE_BEFORE):
        match = pattern.search(before, max(0, len(before) - 120))
        if match:
            head = _HEAD_OF_NAME.search(before, max(0, match.start(1) - 40), match.start(1))
            if head and pattern is _NAME_BEFORE:
                # "the confrontation between Indonesia and Malaysia, which had ended"
                return sentence[head.start() : len(before)], head.start()
            return match.group(1), match.start(1)
    return None


def _person_before(sentence: str, start: int, people: Sequence[str]) -> tuple[str, int] | None:
    """The person a "who" at `start` speaks of: one named right before it, perhaps with a
    role in apposition ("said Helen Marsh, Corvane's chief executive, who joined ...")."""
    before = sentence[:start].rstrip(" ,")
    best: tuple[str, int] | None = None
    for name in people:
        at = before.rfind(name, max(0, len(before) - 120))
        if at == -1 or (best is not None and at < best[1]):
            continue
        gap = before[at + len(name) :]
        if not gap or (_ROLE_GAP.fullmatch(gap) and not has_finite_verb(gap)):
            best = (name, at)
    return best


_ROLE_GAP = re.compile(r",\s+[^,;:()]{1,60}")
# A noun the name after it belongs to: "the confrontation between ", "the war with ".
_HEAD_OF_NAME = re.compile(
    r"\b(?:[Tt]he|[Aa]n?)\s+(?:[a-z][\w-]*\s+){1,2}(?:between|with|against|among|of|in|over)\s+$"
)


def _participle_clause(
    sentence: str,
    span: DateSpan,
    mentions: Sequence[Mention],
    spans: Sequence[DateSpan],
    lead_at: int,
) -> tuple[str, int] | None:
    """ "The Review, completed in 2011, set out ..." -> ("The Review was completed", start);
    "the treaty (signed 1992)" -> ("the treaty was signed", start)."""
    opener = max(sentence.rfind(",", 0, span.start), sentence.rfind("(", 0, span.start))
    if opener <= 0 or sentence.find(")", opener, span.start) != -1:
        return None
    if any(opener < other.start < span.start for other in spans):
        return None  # "followed by X in 2007 and Y in 2013": not one participle phrase
    phrase = sentence[opener + 1 : max(lead_at, opener + 1)]
    if not phrase.strip() or not _PARTICIPLE.match(phrase):
        return None
    follower = _FOLLOWED_BY.match(phrase)
    if follower:
        # "X in 2003, followed by WPA2 in 2004" -> "WPA2 followed"
        return f"{follower.group(1).strip()} followed", opener + 1
    closer = ")" if sentence[opener] == "(" else ","
    stop = sentence.find(closer, span.end)
    tail = sentence[span.end : stop if stop != -1 else len(sentence)].rstrip(" .")
    if closer == "," and stop == -1 and len(tail.split()) > 8:
        return None
    if closer == ",":
        # An appositive participle is closed by a comma before the main verb ("The Review,
        # completed in 2011, set out ...") or ends a sentence whose main verb came first
        # ("... holds the LHC, approved in 1994."). Otherwise "landed" after "China's rover,
        # part of the mission," is the main verb itself.
        rest_has_verb = (
            stop != -1
            and has_finite_verb(sentence[stop : stop + 60])
            # ", and she played ...": a new clause, so "appeared" was the main verb
            and not _NEW_CLAUSE.match(sentence, stop)
            # ", when she was 85": a subordinate clause, so "appeared" was the main verb
            and not _SUBORDINATE_AFTER.match(sentence, stop)
        )
        closed = rest_has_verb
        final = not rest_has_verb and has_finite_verb(sentence[:opener])
        if not (closed or final):
            return None
    noun = _noun_before(sentence, opener, mentions)
    if noun is None:
        return None
    phrase_text, noun_start = noun
    whole = sentence[:opener].strip()
    if (
        noun_start > 0
        and closer == ","
        and len(whole.split()) <= 9
        and _DETERMINER.match(whole)
        and not any(mark in whole for mark in ",;:–—()")
        and not has_finite_verb(whole)
    ):
        # "A northern extension to the airport, first proposed in 2019, ...": the whole
        # subject before the comma, not its last noun.
        phrase_text, noun_start = whole, 0
    head = phrase_text.split(" of ")[0].split("(")[0].split()[-1]
    be = "were" if head.endswith("s") and not head.endswith(("ss", "us", "is")) else "was"
    text = f"{phrase_text} {be} {phrase.strip()}{(' ' + tail.strip()) if tail.strip() else ''}"
    return text, noun_start


_SUBORDINATE_AFTER = re.compile(r",\s+(?:when|where|while|because|although|though)\s")
_NEW_CLAUSE = re.compile(r",\s+(?:and|but|while|so|yet)\s+(?:he|she|it|they|we|I|there)\s")
# A past participle, perhaps with a place after it: "agreed in Montreal", "formed".
_PARTICIPLE_END = re.compile(
    r"\b(?P<part>[a-z]{3,}ed|built|held|set\s+up|founded|won|begun|made|written|drawn\s+up|"
    r"signed|opened|launched|known|chosen|given|taken|undertaken)"
    r"(?P<place>\s+(?:in|at|near|by|under)\s+[A-Z][^,;:()]{0,40}?)?$"
)
_AUXILIARY_BEFORE = re.compile(
    r"\b(?:was|were|is|are|be|been|being|has|have|had|having)\s+(?:[a-z]+ly\s+)?$"
)
_APPOSITION = re.compile(r",\s+(?:a|an)\s+")
_RELATIVE_TAIL = re.compile(r"\b(?:which|that|who|whom|whose)\s+$")
# "follows a staff-level agreement": a present-tense verb right before its object.
_PRESENT_VERB_BEFORE = re.compile(
    r"\b(?!(?:this|its|his|hers|theirs|ours|yours|whereas|across|towards|besides|unless|"
    r"thus|plus|news)\b)[a-z]{3,}s\s+$"
)
# Words that make what follows a clause of its own, with its own subject and verb.
_CLAUSE_WORDS = re.compile(
    r"\b(?:that|which|who|whom|whose|it|he|she|they|we|since|when|because|while|if)\b", re.I
)


def _reduced_relative(
    sentence: str,
    span: DateSpan,
    region_start: int,
    mentions: Sequence[Mention],
    lead_at: int,
) -> tuple[str, int] | None:
    """A past participle right before the date that is not the clause's own verb:

    * in apposition: "Maphilindo, a short-lived confederation proposed in 1963" ->
      "Maphilindo was proposed";
    * after the object of the clause's verb: "follows a staff-level agreement reached on
      June 29" -> "A staff-level agreement was reached";
    * after the subject, the clause's verb following the date: "The protocol agreed in
      Montreal in September 1987 required ..." -> "The protocol was agreed in Montreal".
    """
    core = sentence[region_start : max(lead_at, region_start)].rstrip()
    # The participle ends the text before the date, or a short place phrase does.
    end = _PARTICIPLE_END.search(core, max(0, len(core) - 70))
    if end is None or _AUXILIARY_BEFORE.search(core, max(0, end.start() - 40), end.start()):
        return None
    part_at = region_start + end.start()
    participle = end.group("part") + (end.group("place") or "")
    apposition = None
    for match in _APPOSITION.finditer(sentence, region_start, part_at):
        apposition = match
    appositive = sentence[apposition.end() : part_at] if apposition else ""
    if apposition and not has_finite_verb(appositive) and not _CLAUSE_WORDS.search(appositive):
        noun = _noun_before(sentence, apposition.start(), mentions)
    else:
        noun = _noun_before(sentence, part_at, mentions)
        if noun is None or sentence[noun[1] + len(noun[0]) : part_at].strip():
            return None  # only a noun right before: "a staff-level agreement reached"
        if _RELATIVE_TAIL.search(sentence, region_start, noun[1]):
            return None  # "the Chips Act, which the Commission proposed on 8 February"
        verb_before = has_finite_verb(sentence[region_start : noun[1]]) or bool(
            _PRESENT_VERB_BEFORE.search(sentence, max(region_start, noun[1] - 20), noun[1])
        )
        verb_after = _VERB_AFTER_DATE.match(sentence, span.end)
        # "to 2018 in an update published in October 2013": the object of a preposition
        # is no subject, so the participle after it is no main verb.
        after_preposition = _PREPOSITION_BEFORE.search(
            sentence, max(region_start, noun[1] - 8), noun[1]
        )
        if after_preposition and not _OPENS_WITH_PREPOSITION.match(
            sentence[region_start : after_preposition.start() + 1]
        ):
            # "Negotiations on a successor treaty started": a subject stands before it
            after_preposition = None
        if not (
            verb_before
            or after_preposition
            or (verb_after and not sentence[region_start : noun[1]].strip())
        ):
            return None
    if noun is None or has_finite_verb(noun[0]) or _CLAUSE_WORDS.search(noun[0]):
        return None  # "a factory that opened in 1987": "opened" is the clause's own verb
    phrase_text, noun_start = noun
    if _AGREEMENT_VERB.match(participle):
        # "a contract with a US laboratory signed in July 2021": what is signed is the
        # contract, not the party it is made with.
        party = _PARTY_BEFORE.search(sentence, max(0, noun_start - 60), noun_start)
        if party and not has_finite_verb(party.group(1)):
            phrase_text = f"{party.group(1)} {party.group(2)} {phrase_text}"
            noun_start = party.start(1)
    head = phrase_text.split(" of ")[0].split("(")[0].split()[-1]
    be = "were" if head.endswith("s") and not head.endswith(("ss", "us", "is")) else "was"
    return f"{phrase_text} {be} {participle}", noun_start


_AGREEMENT_VERB = re.compile(r"(?:signed|agreed|concluded|negotiated|awarded|reached)\b")
_PARTY_BEFORE = re.compile(
    r"\b((?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir)\s+(?:[\w’'-]+\s+){0,3}[\w’'-]+)\s+"
    r"(with|between|among)\s+$"
)
_PREPOSITION_BEFORE = re.compile(r"\b(?:in|at|on|with|under|through|from)\s+$")
_OPENS_WITH_PREPOSITION = re.compile(r"[\W\s]*(?:(?i:to|in|on|at|from|for|with|under|by)\b|$)")
# A finite verb right after a date phrase: "in September 1987 required ..."
_VERB_AFTER_DATE = re.compile(
    rf"\s+(?:was|were|is|are|has|have|had|{'|'.join(sorted(IRREGULAR_PAST))}|[a-z]{{3,}}ed)\b"
)


def _noun_before(sentence: str, index: int, mentions: Sequence[Mention]) -> tuple[str, int] | None:
    before = sentence[:index].rstrip()
    for m in mentions:
        if m.end == len(before):
            start = m.start
            the = _THE_BEFORE.search(before, 0, m.start)
            if the:
                start = the.start()
            return sentence[start : len(before)], start
    match = _NOUN_PHRASE_BEFORE.search(before, max(0, len(before) - 80))
    if match:
        return match.group(1), match.start(1)
    longer = _longest_noun_phrase(before)
    if longer is not None:
        return longer  # "a paper by Mario Molina and Sherwood Rowland, published ..."
    if before and len(before.split()) <= 6 and not has_finite_verb(before) and "," not in before:
        return before, 0  # "Carbon dioxide at Mauna Loa, recorded since 1958 ..."
    name = _NAME_BEFORE.search(before, max(0, len(before) - 80))
    if name and not has_finite_verb(name.group(1)):
        return name.group(1), name.start(1)  # "Maphilindo, a confederation proposed in 1963"
    return None


_DETERMINER = re.compile(r"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\s")


def _longest_noun_phrase(before: str) -> tuple[str, int] | None:
    """The longest "a/the ..." phrase ending `before` with no verb, comma or clause mark in
    it, of at most nine words ("a paper by Mario Molina and Sherwood Rowland")."""
    lowest = max(0, len(before) - 100)
    for match in _DETERMINER.finditer(before, lowest):
        phrase = before[match.start() :]
        if (
            len(phrase.split()) <= 9
            and not any(mark in phrase for mark in ",;:–—")
            and not has_finite_verb(phrase)
        ):
            return phrase, match.start()
    return None


def _without_reporting(sentence: str, span: DateSpan, start: int, end: int) -> int:
    """Where the region ends once a reporting clause holding the date is dropped."""
    window = sentence[start:end]
    if not (
        "said" in window
        or "says" in window
        or "announced" in window
        or "reported" in window
        or "stated" in window
        or "told" in window
        or "noted" in window
        or "added" in window
        or "wrote" in window
        or "confirmed" in window
        or "according" in window
    ):
        return end
    last = None
    for match in _REPORTING.finditer(sentence, start, end):
        if start + 20 < match.start() < span.start and not has_finite_verb(
            sentence[match.end() : span.start]
        ):
            # (not "X, appointed in 2022, said the turning point came on 8 March": the date
            # is in what was said, which is the event)
            last = match
    if last is not None:
        return last.start()
    trailing = _TRAILING_REPORT.search(sentence, span.end, end)
    return trailing.start() if trailing else end


_APPOSITION_OPENERS = frozenset(("the", "a", "an", "its", "his", "her", "their", "one"))


def _drop_dates(
    sentence: str,
    start: int,
    end: int,
    drops: list[tuple[int, int]],
    first_cue: DateSpan,
    lead_at: int | None = None,
) -> str:
    """sentence[start:end] without the given date phrases (and the words leading into
    them). All cuts are measured on the untouched text, merged, then applied at once.
    `lead_at`, if known, is lead_start(sentence, first_cue.start)."""
    piece = sentence[start:end]
    cuts: list[tuple[int, int]] = []
    articles: set[int] = set()  # cuts that leave "the" in place of the date
    for lo, hi in drops:
        if not (start <= lo and hi <= end):
            continue
        rel_lo, rel_hi = lo - start, hi - start
        after = piece[rel_hi:]
        if after[:2] in ("'s", "’s") and not after[2:3].isalnum():
            # "won in Sunday's election": "won in the election"
            cuts.append((rel_lo, rel_hi + 2))
            articles.add(rel_lo)
            continue
        if (
            lo == first_cue.start
            and first_cue.cue in _ADJECTIVE_CUES
            and not first_cue.relative
            and after[:1].isspace()
            and after[1:2].isalpha()
            and not _ADJECTIVE_BREAK.match(after)
        ):
            continue  # "the 1994 summit": the year is part of the noun phrase
        if lo == first_cue.start and lead_at is not None:
            cut_from = max(lead_at, start) - start
        else:
            cut_from = lead_start(piece, rel_lo)
        near = piece[max(0, cut_from - 10) : cut_from]
        if "from" in near or "between" in near:
            from_word = _FROM_BEFORE.search(piece, max(0, cut_from - 10), cut_from)
            if from_word:
                cut_from = from_word.start()
        if (
            "(" in piece
            and piece[:cut_from].rstrip().endswith("(")
            and piece[rel_hi:].lstrip().startswith(")")
        ):
            # "(1998–2001)": the brackets go with the date
            cut_from = piece.rindex("(", 0, cut_from)
            rel_hi = piece.index(")", rel_hi) + 1
        cuts.append((cut_from, rel_hi))
    if not cuts:
        return piece
    cuts.sort()
    merged = [cuts[0]]
    for lo, hi in cuts[1:]:
        if lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    parts, position = [], 0
    for lo, hi in merged:
        parts.append(piece[position:lo])
        position = hi
        if lo in articles:
            parts[-1] += "the"
    parts.append(piece[position:])
    text = parts[0].rstrip()
    for part in parts[1:]:
        if not text.strip(" ,"):
            text, part = "", part.lstrip(" ,")
        elif (
            text.endswith(",")
            and part.lstrip().startswith(",")
            and part.lstrip(" ,").split(" ", 1)[0] not in _APPOSITION_OPENERS
        ):
            # "two oil shocks, in 1973 and 1979, pushed": the commas went with the dates
            # (before "the first Arab country to ..." one stays: an apposition follows)
            text, part = text[:-1], part.lstrip()[1:]
        text = f"{text} {part.lstrip()}" if text else part.lstrip()
    return text


def _subject(
    sentence: str, region_start: int, mentions: Sequence[Mention], people: Sequence[str] = ()
) -> str | None:
    """Who does a verb-initial clause ("... and entered into force") speak of? The
    antecedent of a relative clause just before it ("the UNFCCC, which was opened ... and
    entered into force"), else the sentence's subject when it is short; from "The first
    legal framework, the PCA, was signed" the programme ("the PCA")."""
    relative = _RELATIVE_BEFORE.search(sentence, max(0, region_start - 200), region_start)
    if relative is not None:
        antecedent = _antecedent(sentence, relative.start(1), mentions)
        if antecedent:
            return antecedent[0]
    # The clause's own sentence part: after the last semicolon before it.
    base = sentence.rfind(";", 0, region_start) + 1
    verb = _FIRST_VERB.search(sentence, base)
    if verb is None:
        return None
    subject = _INSERTIONS.sub("", sentence[base : verb.start()]).strip().rstrip(",")
    subject = _LEADING_DATE.sub("", subject)  # "In May 1993 the UN Security Council"
    subject = _LEADING_RELATIVE_DATE.sub("", subject)  # "Last month the museum"
    subject = _TRAILING_ADVERB.sub("", subject)  # "the club twice came close ..."
    if _DANGLING_ARTICLE.search(subject):
        # "Sync, a paid service ...": "paid" is no verb of the subject's; the subject is
        # the name before the apposition.
        subject = subject.rsplit(",", 1)[0].strip()
    if not subject:
        return None
    for m in mentions:
        # "A Partnership and Cooperation Agreement (PCA) between Moldova and the EU was ..."
        if (
            base <= m.start
            and m.end <= verb.start()
            and sentence[base : m.start].strip() in ("", "The", "A", "An")
        ):
            return sentence[base : m.end].strip()
    if len(subject.split()) > 10:
        return None
    if "," in subject:
        for name in people:
            if name in subject:
                return name
        part = subject.rsplit(",", 1)[-1].strip()
        if part.lower() in ("he", "she", "it", "they", "we"):
            return part  # "Born in Glasgow in 1939, she studied ... and moved ..."
        if any(m.end <= verb.start() and sentence[m.start : m.end] in part for m in mentions):
            return part
        if len(subject.split()) > 8:
            return None
    return subject


_LEADING_RELATIVE_DATE = re.compile(
    r"^(?:(?:Last|This|That|Earlier\s+this|Later\s+that)\s+"
    r"(?:year|month|week|spring|summer|autumn|winter)|Yesterday|On\s+[A-Z][a-z]+day),?\s+(?=\S)"
)
# "X, in office since 2022": a holder (a short name or noun phrase) and the state.
_IN_OFFICE = re.compile(
    r"((?:[A-Z][\w’'.-]*\s+){0,4}[A-Z][\w’'.-]*|(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er)\s+[\w’' -]{1,40}?)"
    r",\s+"
    r"(in\s+(?:office|power|post|charge|service|force|use)|on\s+sale)\s+$"
)
_TRAILING_ADVERB = re.compile(
    r"\s+(?:twice|once|also|then|first|later|again|finally|briefly|quickly|soon|already|still)$"
)
_DANGLING_ARTICLE = re.compile(r",\s+(?:a|an|the)$", re.I)
# "The treaty was signed", "The Montreal Protocol was quickly ratified": a short subject
# and a passive verb, no agent named after it ("was signed by Germany": "it" may be Germany).
_PASSIVE_CLAUSE = re.compile(
    r"(?P<subject>(?:(?P<article>The|the|An?)\s+|(?=[A-Z][a-z]*[A-Z]|[A-Z][a-z]+\s+[A-Z]))"
    r"[^,;]{1,80}?)\s+was\s+(?:[a-z]+ly\s+)?"
    r"(?:[a-z]{3,}ed|[a-z]+en|built|held|made|set\s+up|begun|signed|won)\b(?![^;]*\sby\s+[A-Z])"
)


def passive_subject(clause: str) -> str | None:
    """The subject of `clause` when it opens a passive clause with a singular subject ("The
    Montreal Protocol was signed in 1987" -> "The Montreal Protocol"): what a following
    "it" most likely means. The subject is its first words, after a date phrase if any: a
    noun phrase with an article ("a" becomes "the") or a name of two capitalised words or
    one with inner capitals ("European Union", "NATO", not "Armenia": a lone capitalised
    word may be a sentence's first word)."""
    text = _LEADING_DATE.sub("", clause.lstrip())
    match = _PASSIVE_CLAUSE.match(text)
    if match is None:
        return None
    subject = match["subject"]
    if subject.count("(") != subject.count(")") or _CLAUSE_WORDS.search(subject):
        return None
    if len(_PARENS.sub("", subject).split()) > 7 or has_finite_verb(subject):
        return None
    if match["article"] in ("A", "An"):
        subject = "The" + subject[len(match["article"]) :]  # "An IPCP was agreed; it ..."
    return subject[:1].upper() + subject[1:]


_PARENS = re.compile(r"\s*\([^()]*\)")


def _gapped(
    sentence: str, span: DateSpan, spans: Sequence[DateSpan], body: tuple[int, int]
) -> str | None:
    """A clause without its own verb shares the verb of an earlier dated clause.

    "Armenia joined the NACC in 1992 and the PfP in 1994" -> "Armenia joined the PfP"
    (an object stood between verb and date: the clause lacks subject and verb);
    "Denmark joined in 1973, Greece in 1981, and Spain in 1986" -> "Greece joined",
    "Spain joined"; "type 2 was declared eradicated in 2015 and type 3 in 2019" -> "type 3
    was declared eradicated" (verb and complement go where the date stood)."""
    ordered = sorted(spans, key=lambda s: s.start)
    i = ordered.index(span) if span in ordered else 0
    verb, date_start = None, 0
    for j in range(i - 1, -1, -1):  # the nearest earlier clause that has a verb
        lo = ordered[j - 1].end if j > 0 else 0
        verb = _verb_group(sentence, lo, ordered[j].start)
        if verb is not None:
            date_start = ordered[j].start
            break
    if verb is None:
        return None
    between = sentence[verb[1] : date_start]
    complement = between[: lead_start(between)].strip()
    body_start, body_end = body
    before_date = sentence[body_start : span.start]
    before_lead = before_date[: lead_start(before_date)]
    subject_part = _AND_THEN.sub("", before_lead.strip(" ,"))
    after_date = sentence[span.end : body_end].rstrip(" .")
    group = sentence[verb[0] : verb[1]].strip()
    words_between = complement.split()
    if complement.startswith("by ") or (
        len(words_between) <= 1 and (not words_between or words_between[0].lower() not in _DETS)
    ):
        if not complement.startswith("by "):
            group = f"{group} {complement}".strip()
        if " and " not in subject_part and not subject_part.endswith("s"):
            group = _SINGULAR.sub(lambda m: _SINGULAR_FORMS[m.group()], group, count=1)
        return f"{subject_part} {group}{after_date}"  # "Greece joined", "Croatia followed"
    lead_words = _PARTICIPLE_APPOSITIVE.sub("", sentence[: verb[1]]).strip()
    clause = max(lead_words.rfind(": "), lead_words.rfind("; "))
    lead_words = lead_words[clause + 2 :] if clause != -1 else lead_words
    if "," in lead_words or len(lead_words.split()) > 8:
        return None
    return f"{lead_words} {subject_part}{after_date}"  # "Armenia joined the PfP"


def _verb_group(sentence: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The last run of verbs in sentence[lo:hi] ("was declared eradicated"). An -ed word
    after a preposition or an article is an adjective ("in industrialised countries")."""
    matches = [
        m
        for m in _FIRST_VERB.finditer(sentence, lo, hi)
        if not _ADJECTIVE_POSITION.search(sentence, max(0, m.start() - 12), m.start() + 1)
    ]
    if not matches:
        return None
    start, end = matches[-1].span()
    for match in reversed(matches[:-1]):
        if sentence[match.end() : start].strip():
            break
        start = match.start()
    return start, end


_ADJECTIVE_POSITION = re.compile(r"\b(?:in|of|for|to|with|by|on|at|from|the|a|an)\s$")

# ", who died in 2011," / ", which was founded in 1991,": clauses inside a subject
_INSERTIONS = re.compile(r",\s+(?:who|which|whose)\b[^,]*(?:,|$)")
_PARTICIPLE_APPOSITIVE = re.compile(
    r",\s+(?:[a-z]{3,}ed|built|held|founded|set\s+up|known)\b[^,]*,"
)
_DETS = frozenset(("the", "a", "an", "its", "their", "his", "her", "this", "that"))
_SINGULAR = re.compile(r"^(?:were|are|have)\b")
_SINGULAR_FORMS = {"were": "was", "are": "is", "have": "has"}


_TRAILING_RELATIVE = re.compile(r",\s+(?:who|which|whose)\s[^,;:()]*$")
_PURPOSE_TAIL = re.compile(r",?\s+(?:to\s+be\s+[a-z]+(?:ed|en)\b|in\s+order\s+to\b|so\s+as\s+to\b)")


def _tidy(text: str, last_person: str | None, it_refers_to: str | None) -> str:
    if "together" in text or "along" in text:
        text = _TOGETHER.sub("", text)
    if "–" in text or "—" in text:
        text = _APPOSITIVE_DASH.sub("", text)
    # Spaces first: every step below takes any run of whitespace alike, so on one plain
    # space each can be skipped by a quick look for what it removes.
    text = " ".join(text.split())
    junk = _LEADING_JUNK.match(text)
    if junk:
        text = text[junk.end() :]
    if "(" in text:
        if "()" in text or "( )" in text:
            text = _EMPTY_PARENS.sub("", text)
        if "( " in text:
            text = _SPACE_IN_PAREN.sub("(", text)
    if " ," in text or " ." in text or " ;" in text or " :" in text or " )" in text:
        text = _SPACE_BEFORE_PUNCT.sub("", text)
    if ",," in text or ", ," in text:
        text = _DOUBLE_COMMA.sub(",", text)
    text = " ".join(text.split()).rstrip(" ,;:–—-.")
    if text.count("(") > text.count(")"):
        text = _OPEN_PAREN_TAIL.sub("", text)
    if text.count(")") > text.count("("):
        text = text.replace(")", "", text.count(")") - text.count("("))
    if last_person and _PRONOUN.match(text):
        text = _PRONOUN.sub(last_person, text, count=1)
    elif it_refers_to and _IT.match(text):
        text = _IT.sub(it_refers_to, text, count=1)
    if text.count("“") != text.count("”") or text.count('"') % 2:
        text = text.replace("“", "").replace("”", "").replace('"', "").strip()
    if ", wh" in text:
        # "Carr retired and was succeeded by Tomasz Nowak, who has led the alliance since
        # then": a relative clause at the end adds to a name, not to the event.
        relative = _TRAILING_RELATIVE.search(text, 20)
        if relative and has_finite_verb(text[: relative.start()]):
            text = text[: relative.start()]
    if ", to be " in text or " order to " in text or " so as to " in text:
        # "agreed to create AFTA, to be achieved through CEPT": a purpose, not the event.
        purpose = _PURPOSE_TAIL.search(text, 10)
        if purpose:
            text = text[: purpose.start()]
    text = _shorten(text)
    return text[:1].upper() + text[1:] if text else text


def _shorten(text: str) -> str:
    if len(text) <= SUMMARY_MAX_CHARS:
        return text
    window = text[: SUMMARY_MAX_CHARS + 1]
    clause = max(window.rfind(", "), window.rfind("; "), window.rfind(" – "), window.rfind(" — "))
    if clause >= 60:
        # "When the NACC was replaced by the EAPC, Armenia became ...": without its main
        # clause the subordinate clause is the event itself.
        return _SUBORDINATOR.sub("", window[:clause].rstrip(" ,;"), count=1)
    relative = max((m.start() for m in _RELATIVE_COMMA.finditer(window, 25)), default=-1)
    if relative != -1:
        return window[:relative]  # "... adopted the Kyoto Protocol, which committed ..."
    second = max((m.start() for m in _SECOND_PREDICATE.finditer(window, 60)), default=-1)
    if second != -1:
        return window[:second]  # "began as a bilateral exercise and has grown into ..."
    purpose = _PURPOSE.search(window, 60)
    if purpose:
        return window[: purpose.start()].rstrip(" ,;")
    space = window.rfind(" ")
    return window[: space if space > 0 else SUMMARY_MAX_CHARS].rstrip(" ,;") + "…"
