"""Is a dated statement a plan, an expectation or a condition rather than something that
happened?

The date's clause decides. Looking left from the date to the start of its clause, the last
future or intention marker ("will", "is expected to", "plans to", "aims to", "scheduled for",
"is due to", "could", "if") makes the date a non-event, unless a past-tense verb stands
between the marker and the date ("was expected to finish in 2010 but was finished in 2012").
A date that opens its clause ("In 2030, the country will hold elections") is judged by the
first verb after it instead.
"""

from __future__ import annotations

import re

from bot.extract.vocabulary import IRREGULAR_PAST, words

# Markers that make a following date something not (yet) true.
_INTENTION = re.compile(
    # (each word whole: "IFFIm" holds no "if", "mayor" no "may")
    r"\b(?:(?:will|shall|could|might|should|must|may)(?=n't|\b)|'ll|"
    r"would(?!\s+(?:later|eventually|go\s+on|soon|become))(?=n't|\b)|"
    r"(?i:if|unless|whether)\b|"
    r"(?:is|are|was|were|be|been|being|remains?|seems?)\s+(?:also\s+|now\s+|still\s+)?"
    r"(?:expected|scheduled|set|due|slated|planned|poised|likely|unlikely|projected|forecast|"
    r"anticipated|intended|supposed|meant|going|about|hoped|tipped|poised)\s+(?:to|for)|"
    r"(?:is|are)\s+to\b|going\s+to|"
    # "Construction was to begin in 2010": the future seen from the past
    r"(?:was|were)\s+to\s+(?!be\s+(?:found|seen)\b)[a-z]+\b|"
    # "set the opening for ...", "a new opening date of December 2023", "a deadline of 2025"
    r"(?:set|fixed|scheduled)\s+(?:the|a|an|its|their)\s+(?:[\w-]+\s+){1,2}?for\s+|"
    r"(?:target|opening|completion|launch|delivery|decision|new)\s+dates?\s+(?:of|for)\s+|"
    r"deadline\s+(?:of|for)\s+|"
    r"(?:expect|expects|expected|expecting|plan|plans|planned|planning|aim|aims|aimed|"
    r"aiming|intend|intends|intended|intending|hope|hopes|hoped|hoping|seek|seeks|sought|"
    r"seeking|want|wants|wanted|wish|wishes|wished|pledge|pledges|pledged|promise|promises|"
    r"promised|vow|vows|vowed|commit|commits|committed|undertake|undertook|strive|strives|"
    r"target|targets|targeted|targeting|propose|proposes|proposed|proposing|ready|prepare|"
    r"prepares|preparing)\s+(?:to|for|at)\b|"
    r"scheduled\s+(?:for|to)|slated\s+(?:for|to)|planned\s+for|"
    r"due\s+(?:in|by|to|on|at|last|next|this|early|late)\b|"
    # "committed industrialised countries to cut ...", "planned a conference to open ...",
    # "expects inflation to average 2.5% in 2024"
    r"(?:committed|commits|obliged|obliges|required|requires|planned|plans|urged|urges|"
    r"called\s+on|asked|asks|pledged|expect|expects|expected|forecasts?|predicts?|"
    r"predicted)\s+(?:[\w’'-]+\s+){1,8}?to\s+[a-z]+|"
    r"to\s+be\s+(?:held|completed|launched|built|finished|delivered|opened|introduced|"
    r"implemented|adopted|signed|reached|achieved)|"
    r"(?:\b(?:the|a|an|its|their|his|her)\s+(?:upcoming|forthcoming|future|proposed|planned|"
    r"prospective|next)\b))",
)
# Modal markers that govern a date opening its clause ("In 2030, X will ...").
_MODAL = re.compile(
    r"\b(?:will|shall|'ll|would(?!\s+(?:later|eventually|go\s+on|soon))|could|might|should|"
    r"must|may|(?:is|are)\s+(?:expected|scheduled|set|due|slated|planned|likely|going|"
    r"poised)\s+to|(?:is|are)\s+to|plans?\s+to|aims?\s+to|intends?\s+to|hopes?\s+to|seeks?\s+"
    r"to|wants?\s+to)\b"
)


def _past_pattern() -> re.Pattern[str]:
    """A past-tense verb: an irregular past ("was", "won", "set up"), or a lowercase word
    ending in -ed that no "be", "been", "to", "have", "has" or "being" governs ("signed",
    not "to be signed"). Built per initial letter, so that at each word start the engine
    tries only the words with that letter (a flat list of a hundred words is tried word by
    word at every word start, five times slower)."""
    by_initial: dict[str, list[str]] = {}
    for word in sorted(IRREGULAR_PAST, key=lambda w: (-len(w), w)):
        by_initial.setdefault(word[0], []).append(word[1:])
    ed = (
        r"(?<!\bbe\s.)(?<!\bbeen\s.)(?<!\bto\s.)(?<!\bhave\s.)(?<!\bhas\s.)(?<!\bbeing\s.)"
        r"[a-z]{2,}ed(?!\w)"
    )
    alternatives = []
    for initial in "abcdefghijklmnopqrstuvwxyz":
        tails = by_initial.get(initial)
        irregular = f"(?:{'|'.join(tails)})(?!\\w)|" if tails else ""
        alternatives.append(f"{initial}(?:{irregular}{ed})")
    # Not after a hyphen: "NATO-led", "car-sized", "state-owned" are adjectives.
    return re.compile(rf"\b(?<!-)(?=[a-z])(?:{'|'.join(alternatives)})")


# ("set up" needs no entry of its own: "set" is an irregular past and starts at the same place.)
_PAST = _past_pattern()
_VERBISH = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|shall|could|might|should|must|may|did|"
    r"does|do)\b|\b(?<!-)[a-z]{3,}(?:ed|es)\b"
)
# Present tenses common in reports; a bare "-s" word is more often a plural noun.
_PRESENT = re.compile(
    r"\b(?:is|are|has|have|does|do|says|remains|includes|covers|contains|runs|holds|leads|"
    r"serves|becomes|begins|joins|signs|opens|launches|ends|starts|takes|makes)\b"
)


def has_finite_verb(text: str) -> bool:
    """Does `text` hold something that reads as a finite verb (past or present)?"""
    return bool(_PAST.search(text) or _VERBISH.search(text) or _PRESENT.search(text))


def has_present_verb(text: str) -> bool:
    """Does `text` hold a verb in the present tense ("is", "replaces", "remains")? A bare
    word in -s counts only after a subject-like word, as plurals end in -s too."""
    return bool(_PRESENT.search(text) or _PRESENT_S.search(text))


# "The SBA replaces ...", "it sells bonds": a noun or pronoun, then a verb in -s.
_PRESENT_S = re.compile(
    r"\b(?:it|he|she|which|that|who)\s+[a-z]{3,}[^s\W]s\b|\b[A-Z]{2,}\s+[a-z]{3,}[^s\W]s\b"
)
_CLAUSE_START = re.compile(r"[;:]\s|\s[–—]\s|\bbut\b|\bwhile\b|\bwhereas\b|\balthough\b")
_GOAL = re.compile(r"\b(?:goal|goals|target|targets|aim|objective|deadline|ambition|plan)\b")
_NEGATION = re.compile(
    r"\b(?:did|does|do|has|have|had|was|were|is|are)\s*(?:not|n't)\b(?!\s+only)|\bnever\b"
)


# How far a clause is looked at around a date. Real clauses are shorter; the bound keeps
# the work per date constant however long (or degenerate) the sentence is.
CLAUSE_WINDOW = 240


def _may_hold_clause_start(sentence: str, start: int, end: int) -> bool:
    """Cheap test: every _CLAUSE_START match holds one of these; most clauses hold none."""
    w = sentence[start:end]
    return (
        ";" in w
        or ":" in w
        or "–" in w
        or "—" in w
        or "but" in w
        or "while" in w
        or "whereas" in w
        or "although" in w
    )


def clause_start(sentence: str, index: int) -> int:
    """Where the clause holding `index` starts (after ";", ":", a dash, "but", "while"),
    looking back at most CLAUSE_WINDOW characters."""
    start = max(0, index - CLAUSE_WINDOW)
    if not _may_hold_clause_start(sentence, start, index):
        return start
    for match in _CLAUSE_START.finditer(sentence, start, index):
        start = match.end()
    return start


def clause_end(sentence: str, index: int) -> int:
    """Where the clause holding `index` ends, looking ahead at most CLAUSE_WINDOW characters."""
    limit = min(len(sentence), index + CLAUSE_WINDOW)
    if not _may_hold_clause_start(sentence, index, limit):
        return limit
    match = _CLAUSE_START.search(sentence, index, limit)
    return match.start() if match else limit


# Every _INTENTION match contains one of these words; most clauses contain none of them.
_INTENTION_WORDS = words(
    """
    will shall would could might should must may if unless whether expected scheduled set due
    slated planned poised likely unlikely projected forecast anticipated intended supposed
    meant going about hoped tipped to expect expects expecting plan plans planning aim aims
    aimed aiming intend intends intending hope hopes hoping seek seeks sought seeking want
    wants wanted wish wishes wished pledge pledges pledged promise promises promised vow vows
    vowed commit commits committed undertake undertook strive strives target targets targeted
    targeting propose proposes proposed proposing ready prepare prepares preparing upcoming
    forthcoming future prospective next obliged obliges required requires urged urges called
    asked asks fixed date dates deadline
    """
)
# Verbs that move a plan: the date they move it "to" is still a plan.
_POSTPONED = re.compile(
    r"\b(?:slipped|slips|slip|postponed|postpones|postpone|delayed|delays|deferred|defers|"
    r"pushed\s+back|put\s+back|moved\s+back|put\s+off|rescheduled|brought\s+forward)\b"
    r"[^.;!?]*$"
)
_BE_BEFORE = re.compile(r"\b(?:be|been|being|to)\s+$")
_WORD_SPLIT = re.compile(r"[a-z]+")
_CLOSED_INSERTION = re.compile(r",\s+(?:a|an|the|which|who|whose)\s[^,;:]*,")
_PERFECT_BEFORE = re.compile(r"\b(?:has|have)\s+$")
_RELATIVE_PERFECT = re.compile(r"\b(?:that|which|who)\s+(?:has|have|had)\s+[a-z]{3,}")


# One or two words before the date: "In 2030, ...", "By mid-2025 ...". Tested as "not three
# words, but at least one", which is quicker to decide than matching the whole lead.
_THREE_WORDS = re.compile(r"\w+\W+\w+\W+\w")
_A_WORD = re.compile(r"\w")


def _short_lead(left: str) -> bool:
    return _THREE_WORDS.search(left) is None and _A_WORD.search(left) is not None


_PRECEDENT = re.compile(r"\bas\s+(?:it\s+did\s+)?in\s+$")
_WHEN = re.compile(r"\s*,\s*when\s")


def is_unrealised(sentence: str, start: int, end: int, cue: str = "") -> bool:
    """True when the date at sentence[start:end] is planned, expected, hoped for or
    conditional rather than something that happened."""
    if cue in ("to", "until", "till") and _POSTPONED.search(sentence, max(0, start - 100), start):
        return True  # "the opening slipped to 2018": a new target, not a date it happened
    left_from = clause_start(sentence, start)
    left = sentence[left_from:start]
    last = None
    lowered = left.lower()
    if "'ll" in lowered or not _INTENTION_WORDS.isdisjoint(_WORD_SPLIT.findall(lowered)):
        for match in _INTENTION.finditer(left):
            last = match
    if last is not None and cue == "since" and _PERFECT_BEFORE.search(left, 0, last.start()):
        # "which has required suppliers to improve homes since April 2013": an obligation
        # in force since then, not one still to be met.
        last = None
    if last is not None and _RELATIVE_PERFECT.search(left, last.end()):
        # "would help the Alliance understand a region that has been shaken by the war
        # since October 2023": the relative clause has a tense of its own.
        last = None
    if (
        last is not None
        and _PRECEDENT.search(left)
        and (when := _WHEN.match(sentence, end))
        and _PAST.search(sentence, when.end(), clause_end(sentence, when.end()))
    ):
        # "If talks fail, a minority cabinet is possible, as in 2009, when the party governed
        # alone": a precedent the plan is compared with, and it happened.
        return False
    if last is not None:
        if last.group().lower() in ("if", "unless", "whether"):
            return True  # a condition, whatever its tense: "If elected in 2030, ..."
        between = left[last.end() :]
        if between.count(",") >= 2:
            # "would apply to the Shield, a competition first played in 1993, for 2026": a
            # past verb in an insertion closed before the date tells nothing of the date.
            between = _CLOSED_INSERTION.sub(",", between)
        if not any(
            not _BE_BEFORE.search(between, 0, past.start()) for past in _PAST.finditer(between)
        ) and not _own_past_clause(sentence, between, end):
            # ("will be held in Glasgow on 20 June": "held" after "be" is no past tense)
            return True
    if _short_lead(left) or not (_VERBISH.search(left) or _PAST.search(left)):
        # The date opens its clause: the first verb after it governs.
        right = sentence[end : clause_end(sentence, end)]
        modal = _MODAL.search(right)
        past = _PAST.search(right)
        if modal and (past is None or modal.start() < past.start()):
            return True
    if cue == "by" and _GOAL.search(left):
        return True  # "the original goal was eradication by 2000"
    # "did not join in 1994": nothing happened then (but "did not join until 2004" did).
    tail = left[-40:]
    if cue == "until" or not ("not" in tail or "n't" in tail or "never" in tail):
        return False
    return bool(_NEGATION.search(tail))


_AND_CLAUSE = re.compile(r",\s+and\s")


def _own_past_clause(sentence: str, between: str, end: int) -> bool:
    """Does a clause coordinated after the intention ("pledged to fund them, and at the
    summit in 2016 they extended ...") hold the date with a past verb of its own after it?"""
    if _AND_CLAUSE.search(between) is None:
        return False
    right = sentence[end : clause_end(sentence, end)]
    past = next(
        (p for p in _PAST.finditer(right) if not _BE_BEFORE.search(right, 0, p.start())), None
    )
    # "..., and in 2035 the ban is expected to follow": the verb the date governs is a plan.
    return past is not None and not any(
        m.start() < past.end() for m in (*_MODAL.finditer(right), *_INTENTION.finditer(right))
    )


_SPEECH = re.compile(
    r"(?<!\bwas\s)(?<!\bwere\s)(?<!\bbeen\s)(?<!\bbe\s)(?<!\bis\s)(?<!\bare\s)"
    r"\b(?:(?P<say>said|says|told|stated|added|noted|wrote|tweeted|posted|explained|recalled)"
    r"|(?P<announce>announced|reported|confirmed))\b(?P<rest>[^,;:.!?]{0,60})$"
)


def _has_speech_verb(w: str) -> bool:
    """Cheap test: does `w` hold one of the verbs of _SPEECH at all?"""
    return (
        "said" in w
        or "says" in w
        or "told" in w
        or "stated" in w
        or "added" in w
        or "noted" in w
        or "wrote" in w
        or "tweeted" in w
        or "posted" in w
        or "explained" in w
        or "recalled" in w
        or "announced" in w
        or "reported" in w
        or "confirmed" in w
    )


_DATE_PREPOSITION = re.compile(r"^\s*(?:on|in|at|late|early|last|this|earlier|yesterday)\b")
# What may stand between "said" and its date: an inverted speaker and a channel ("said the
# Azerbaijani mission in a message on"), nothing that could be reported content.
_SPEECH_GAP = re.compile(
    r"^\s*(?:(?:the|its|his|her|their)\s+[\w’'-]+(?:\s+[\w’'-]+){0,3}\s+)?"
    r"(?:(?:in|at)\s+(?:a|an|the)\s+[\w’'-]+(?:\s+[\w’'-]+)?\s+)?"
    r"(?:on|in|at|late|early|last|this|earlier)?\s*$"
)


def is_reporting_date(sentence: str, start: int, end: int | None = None) -> bool:
    """Does the date at `start` (ending at `end`, when known) only say when something was
    *said* ("the ministry said on Friday", "said the mission in a message on November 29")?
    A date between "announced"/"confirmed"/"reported" and a that-clause is no mere
    reporting date: the announcement is news ("confirmed in January 2024 that ...")."""
    if not _has_speech_verb(sentence[max(0, start - 80) : start]):
        return False
    match = _SPEECH.search(sentence, max(0, start - 80), start)
    if match is None:
        return False
    rest = match.group("rest")
    if _PAST.search(rest) or _VERBISH.search(rest) or " that " in f" {rest} ":
        return False
    # "announced the discovery on 4 July": the announcement itself is the event.
    if match.group("say"):
        return bool(_SPEECH_GAP.match(rest))
    # "confirmed in January 2024 that 2023 had been the warmest year": a finding made
    # public on a date is news of its own, whatever its that-clause dates.
    if end is not None and _THAT_AFTER.match(sentence, end):
        return False
    return bool(_DATE_PREPOSITION.match(rest))


_THAT_AFTER = re.compile(r",?\s+that\b")


def is_nominal_date(sentence: str, start: int, cue: str) -> bool:
    """ "the 2008 war", "the war of 2020": the date names when a thing happened, whatever the
    tense of the clause around it."""
    if cue == "the":
        return True
    before = sentence[max(0, start - 40) : start]
    if not before.rstrip().endswith("of"):
        return False
    noun = _THE_NOUN_OF.search(before)
    return bool(noun) and noun.group(1) not in _PERIOD_NOUNS  # type: ignore[union-attr]


_THE_NOUN_OF = re.compile(r"\bthe\s+([a-z]+)\s+of\s+$")


# "the end of 2019" is a point in time, not a thing that happened.
_PERIOD_NOUNS = words(
    "end beginning start middle course spring summer autumn fall winter half quarter rest "
    "close turn first last"
)


def clause_comma(sentence: str, start: int, end: int | None = None) -> int:
    """The first comma in sentence[start:end] that separates words, not digits ("450,000"
    is one number); -1 when there is none."""
    stop = len(sentence) if end is None else end
    at = sentence.find(",", start, stop)
    while at != -1 and 0 < at < len(sentence) - 1:
        if not (sentence[at - 1].isdigit() and sentence[at + 1].isdigit()):
            break
        at = sentence.find(",", at + 1, stop)
    return at


def clause_has_past(sentence: str, index: int) -> bool:
    """Does the phrase around `index` (between commas or clause marks) have a past-tense
    verb ("the pandemic cut sales this year", not "whose term ends this year")?"""
    start = max(clause_start(sentence, index), sentence.rfind(",", 0, index) + 1)
    comma = clause_comma(sentence, index)
    end = min(clause_end(sentence, index), comma if comma != -1 else len(sentence))
    phrase = sentence[start:end]
    return bool(_PAST.search(phrase) or _PERFECT.search(phrase))


_PERFECT = re.compile(r"\b(?:has|have)\s+(?:been|\w+ed)\b")
