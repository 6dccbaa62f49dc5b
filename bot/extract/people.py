"""People named in an article, with their role where the text gives it.

A person is a run of two to four capitalised name words ("Jens Stoltenberg", "John F.
Kennedy", "Simon van der Meer", "Mircea Geoană") that the text marks as a person:

* a title or role right before it: "Secretary General Jens Stoltenberg", "NATO Secretary
  General ...", "President Ilham Aliyev", "Dr. Jane Smith", "striker Joe Oduya", "head of
  Azerbaijan's Mission to NATO Gaya Mammadov" (the role phrase is everything from "head
  of");
* an apposition after it: "Jens Stoltenberg, NATO's Secretary General," or before it:
  "The agency's administrator, Jim Bridenstine,", "The Minister of Defence, Bakhodir
  Kurbanov,";
* a speech verb after it: "Jane Smith said".

Later mentions by surname alone ("Mammadov") are the same person. Names made of
organisation or place words ("Mission", "Council", "North") are not people, nor is the
article's author.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from bot.extract.joined import Joined
from bot.extract.vocabulary import words
from bot.facts import Person

_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
_LOWER = "a-zß-öø-ÿā-ž"
# Possessive repeats (++): giving letters back could never lead to a match, and trying
# costs time on every capitalised word.
_NAME_WORD = (
    rf"(?:[{_UPPER}][{_LOWER}]++(?:-[{_UPPER}]?[{_LOWER}]++|[’'][{_UPPER}][{_LOWER}]++)*"
    rf"|[{_UPPER}]\.)"
)
# "van der", "de la", ... grouped by first letter, so that most words are turned down at once.
_PARTICLE = r"(?:v(?:an der|an den|an|on der|on)|d(?:e la|e|a|i|el|er|u|os|as)|bin|al|ibn|l(?:e|a))"
# Two to four name words; the look-behind keeps a run from starting inside a word. It
# follows the first capital (and looks back past it) so that the engine can skip quickly to
# capitals.
_FIRST_NAME_WORD = (
    rf"[{_UPPER}](?<![\w.’'-].)(?:[{_LOWER}]++(?:-[{_UPPER}]?[{_LOWER}]++|[’'][{_UPPER}][{_LOWER}]++)*"
    r"|\.)"
)
_NAME = re.compile(rf"{_FIRST_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{1,5}}(?![\w’'-])")
_TITLES = (
    r"Secretary[- ]General|Secretary\s+of\s+State|Prime\s+Minister|Foreign\s+Minister|"
    r"Defen[cs]e\s+Minister|Finance\s+Minister|Minister|Secretary|Vice[- ]President|President|"
    r"Chancellor|King|Queen|Prince|Princess|Pope|General|Gen\.|Admiral|Adm\.|Colonel|Col\.|"
    r"Lieutenant|Lt\.|Major|Maj\.|Captain|Capt\.|Commander|Commodore|Brigadier|"
    r"Ambassador|Director[- ]General|"
    r"vice[- ]president|foreign\s+minister|prime\s+minister|"
    r"Director|Chairman|Chairwoman|Chairperson|Chair|Chief\s+Executive|CEO|Senator|Sen\.|"
    r"Governor|Gov\.|Mayor|Councillor|Councilor|Cllr\.?|Commissioner|High\s+Representative|Special\s+Representative|"
    r"Professor|Prof\.|Dr\.?|Judge|Justice|Sheikh|Archbishop|Bishop|Cardinal|Sir|Dame|Lord|"
    r"Lady|Mr\.?|Mrs\.?|Ms\.?|Coach|Manager|Astronaut|Founder|Co-founder|Speaker|Envoy|"
    r"Spokesman|Spokeswoman|Spokesperson|head\s+coach|coach|manager|captain|striker|"
    r"midfielder|defender|goalkeeper|astronauts?|cosmonauts?|founder|co-founder|"
    r"chief\s+executive|chairman|chairwoman|president|spokesman|spokeswoman|spokesperson|"
    r"director|engineer|scientist|physicist|chemist|biologist|researcher|economist|"
    r"historian|minister|ambassador|commander|envoy|investor|inventor|designer|professor|"
    r"analyst|administrator|mayor|councillor|governor|chair|[Dd]eputy\s+[Ss]ecretary\s+[Gg]eneral|[Ss]ecretary\s+"
    r"[Gg]eneral|chief"
)
# The role before a name: optional qualifiers and an organisation ("NATO", "Georgia's",
# "EU") then a title, ending right where the name starts.
_ROLE_BEFORE = re.compile(
    rf"(?P<role>(?:(?:[A-Z]{{2,}}|(?:[A-Z]\.){{2,}}|[{_UPPER}][{_LOWER}]+['’]s|the\s+\w+['’]s|"
    rf"[{_UPPER}][{_LOWER}]+)\s+){{0,2}}(?:(?:[Dd]eputy|[Vv]ice|[Aa]cting|[Ff]ormer|[Ii]nterim|"
    rf"[Pp]ermanent|[Ss]pecial|[Cc]hief|[Ee]xecutive|[Aa]ssistant|[Ss]enior|[Ll]ead|[Ff]oreign|"
    rf"[Dd]efen[cs]e|(?:[A-Z]\.){{2,}}|[{_UPPER}][{_LOWER}]+(?:an|ish|ese|ch|i))\s+)*"
    rf"(?:{_TITLES}))\s+$"
)
_HEAD_OF = re.compile(
    r"(?P<role>\b(?:head|chief|director|chairman|chair|president|commander|ambassador|"
    r"secretary|minister|founder|leader|governor|representative|envoy|member|coach|captain|"
    r"manager)\s+(?:of|at|to|for)\s+(?:the\s+)?[^,;:()]{2,80}?)\s+$"
)
# The same roles as titles: "Minister of Defence Nebojša Stefanović", "Minister for the
# Environment, Climate and Communications Eamon Ryan" (a comma only before a capital).
# Slower, so only tried where such a title occurs.
_TITLED_HEAD_OF = re.compile(
    r"(?P<role>\b(?:Head|Chief|Director|Chairman|Chair|President|Commander|Ambassador|"
    r"Secretary|Minister|Governor|Representative|Envoy)\s+(?:of|at|to|for)\s+(?:the\s+)?"
    r"[^,;:()]{2,80}?(?:,\s(?=[A-Z])[^,;:()]{1,80}?)*)(?<! and)(?<! of)(?<! the)(?<! for)\s+$"
)
_TITLED_HEAD_WORDS = re.compile(
    r"(?:Head|Chief|Director|Chair|President|Commander|Ambassador|Secretary|Minister|Governor|"
    r"Representative|Envoy)\s+(?:of|at|to|for)\s"
)
_ROLE_AFTER = re.compile(
    rf"^,\s+(?P<role>(?:the\s+|a\s+|an\s+)?(?:[\w’'.-]+\s+){{0,5}}?(?:{_TITLES}|head\s+of\s+"
    r"[^,;.]+)(?:\s+(?:of|at|for)\s+[^,;.]+)?)\s*[,.;]"
)
# ("The Minister of Defence, Bakhodir Kurbanov,", "NATO's Special Representative for the
# Caucasus and Central Asia, Javier Colomina,": the title may name what it is of.)
_APPOSITIVE_BEFORE = re.compile(
    rf"(?P<role>(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[A-Z][\w-]*['’]s)\s+"
    rf"(?:[\w’'-]+\s+){{0,3}}?(?:{_TITLES}|head)(?:\s+(?:of|for|to|at)\s+[^,;:()]{{2,60}}?)?)"
    r",\s+$"
)
_TITLE_WORD_LIST = (
    "Secretary General Secretary-General Deputy Vice Prime Minister President Vice-President "
    "Chancellor King Queen Prince Princess Pope Admiral Colonel Lieutenant Major Captain "
    "Commander Commodore Brigadier Ambassador Director Director-General Chairman Chairwoman "
    "Chair Chairperson Chief Executive "
    "Senator Governor Mayor Councillor Commissioner Professor Judge Justice Sheikh Archbishop "
    "Bishop "
    "Cardinal Sir Dame Lord Lady Foreign Defence Defense Finance Interior Acting Former "
    "Special Permanent High Representative Coach Manager Speaker Envoy Founder Dr Mr Mrs Ms "
    "Gen Adm Col Lt Maj Capt Sen Gov Prof"
)
_INNER_TITLE = re.compile(
    rf"(?<=\s)(?:{'|'.join(w for w in _TITLE_WORD_LIST.split() if len(w) > 3)})\s+(?=\S+\s+\S)"
)
_LEADING_TITLE = re.compile(rf"^(?:(?:{'|'.join(_TITLE_WORD_LIST.split())})\.?\s+)+(?=\S+\s+\S)")
_SPEECH_AFTER = re.compile(
    r"^\s+(?:said|says|told|added|noted|stressed|announced|explained|wrote|argued|recalled|"
    r"declared|warned)\b"
)
_NOT_NAME_WORDS = words(
    """
    The A An This That These Those It Its In On At By For From With Under During After
    Before Since When While As If He She They We His Her Their Our But And Also Then Now
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday North South East West Northern
    Southern Eastern Western Central Republic Kingdom States Union Council Mission Fund
    Force Centre Center Programme Program Plan Process Agency Commission Organisation
    Organization Alliance Committee Ministry Department Office Summit Partnership
    Agreement Initiative Operation Institute Foundation Bank Association Federation League
    Group University College School Company Corporation Inc Ltd Airlines Army Navy Police
    Party Parliament Government Assembly Court Secretary General President Minister Prime
    Chancellor Director Chairman Chief Executive Ambassador Commander Officer Spokesman
    National International European American African Asian Atlantic Pacific Security
    Defence Defense Cooperation Peace War Affairs Foreign Space Station Open Cup Prize
    Award Games Championship Division Park Stadium Street Square River Sea Ocean Island
    Islands Mount Lake Day Year Award Treaty Protocol Convention Strategy Facility Rovers
    United City Town FC Club Trust Report Review Project Fund Exchange Stock Times Post
    Dear Good Thanks Yes No Not Semiconductor Semiconductors Instruments Technologies
    Technology Systems Motors Airways Energy Electric Pharmaceuticals Holdings Partners
    Capital Media Labs Networks Telecom Communications Industries Devices Sensors Express
    Authority Administration Scheme Instrument Framework Network Facility Accelerator
    Commitment Policy Act Corps Board Assistance Canal Europe Asia Africa America Balkans
    Caucasus Mediterranean Staff Headquarters Forces All Every Each Some Many Most Both
    Several Such Other Another Any
    """
)
_TITLE_WORDS = words("Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Prof. Sir Dame Lord Lady")
_ABBREVIATED_TITLES = {
    "Gen.": "General", "Adm.": "Admiral", "Col.": "Colonel", "Lt.": "Lieutenant",
    "Maj.": "Major", "Capt.": "Captain", "Sen.": "Senator", "Gov.": "Governor",
    "Prof.": "Professor",
}  # fmt: skip


@dataclass(slots=True)
class _Found:
    name: str
    role: str | None


def find_people(
    sentences: Sequence[str], author: str | None = None, joined: Joined | None = None
) -> list[Person]:
    """People named in `sentences` (one article), in order of first mention, merged by
    surname. `joined`, when given, holds the same sentences. Pure; never raises."""
    found: list[_Found] = []
    by_name: dict[str, _Found] = {}
    author_key = (author or "").strip().lower()

    def note(name: str, role: str | None) -> None:
        name = _clean_name(name)
        if not _plausible(name) or name.lower() == author_key:
            return
        role = _clean_role(role)
        person = by_name.get(name) or _by_surname(found, name)
        if person is None:
            person = _Found(name, role)
            found.append(person)
        elif len(name) > len(person.name) and name.endswith(person.name.split()[-1]):
            person.name = name
        if role and not person.role:
            person.role = role
        by_name[name] = person

    joined = joined or Joined(sentences)
    alone = _UsedAlone(joined)
    for index, base, match in joined.matches(_NAME):
        sentence = sentences[index]
        start, end = match.start() - base, match.end() - base
        name = match.group()
        inner = _INNER_TITLE.search(name)
        if inner:
            # "European Commission President Ursula von der Leyen": a body and a title
            # before the name belong to the role.
            start += inner.end()
            name = name[inner.end() :]
        if len(name.split()) > 4 and not _LEADING_TITLE.match(name):
            continue
        # "Secretary General Jens Stoltenberg": title words join the context, not the name.
        lead = _LEADING_TITLE.match(name)
        if lead:
            start += lead.end()
            name = name[lead.end() :]
        before = sentence[max(0, start - 90) : start]
        after = sentence[end : end + 120]
        role = _role_before(before) or _role_after(after)
        parts = name.split()
        if role is None and len(parts) >= 3:
            # "Secretary of Labor Frances Perkins": the run began inside the role.
            shorter = _role_before(sentence[max(0, start - 90) : start + len(parts[0]) + 1])
            if shorter is not None:
                role, name, parts = shorter, " ".join(parts[1:]), parts[1:]
        if parts[0] in alone and parts[-1] not in alone and role is None:
            continue  # "Lumen Semiconductor said ... Lumen shipped": a firm, not a person
        if (
            role is not None
            or _SPEECH_AFTER.match(after)
            or _in_name_list(before)
            or (len(parts) <= 3 and parts[-1] in alone)
        ):
            note(name, role)
    return [Person(p.name, p.role) for p in found]


_CAPITALISED_ALONE = re.compile(
    rf"[{_UPPER}](?<![\w’'.-].)[{_LOWER}]{{2,}}+(?![\w’'-])(?!\s+(?:{_PARTICLE}\s+)?[{_UPPER}])"
)
_OPENING_MARKS = "\"“‘'(["


class _UsedAlone:
    """Capitalised words the text uses on their own, not inside a longer name ("Armstrong
    died in 2012"): people are referred to by surname, bodies and places rarely are.
    Sentence-initial words do not count (every sentence starts with a capital).

    Only the first and last words of the few name candidates are ever asked about, so each
    word is looked up when first asked (with str.find) rather than every capitalised word
    of the article being read. A match of _CAPITALISED_ALONE is one whole word, so the
    matches at the places a word occurs are the ones a scan of the whole text finds there.
    """

    __slots__ = ("_joined", "_known")

    def __init__(self, joined: Joined) -> None:
        self._joined = joined
        self._known: dict[str, bool] = {}

    def __contains__(self, word: str) -> bool:
        known = self._known.get(word)
        if known is None:
            known = self._known[word] = self._used_alone(word)
        return known

    def _used_alone(self, word: str) -> bool:
        if word in _NOT_NAME_WORDS or _DEMONYM_LIKE.match(word):
            return False  # never a name
        joined = self._joined
        text, starts, size = joined.text, joined.starts, len(word)
        at = text.find(word)
        while at != -1:
            # Words followed by more of a name ("Jens Stoltenberg") are not matched at all.
            match = _CAPITALISED_ALONE.match(text, at)
            if match is not None and match.end() == at + size:
                index = bisect_right(starts, at) - 1
                sentence = joined.sentences[index]
                start = at - starts[index]
                if not (
                    start == 0
                    or (
                        (sentence[:1] in _OPENING_MARKS or sentence[:1].isspace())
                        and _opens_sentence(sentence, start)
                    )
                    # ('the "Slavic Brotherhood" name': a quoted name, not a surname)
                    or _previous_token(sentence, start).lstrip(_OPENING_MARKS)[:1].isupper()
                ):
                    return True
            at = text.find(word, at + 1)
        return False


_DEMONYM_LIKE = re.compile(r"^[A-Z][a-z]+(?:an|ian|ish|ese|ch|i)$")


def _opens_sentence(sentence: str, start: int) -> bool:
    """Is only whitespace and opening quotes or brackets before `start`?"""
    return not sentence[:start].rstrip().strip(_OPENING_MARKS)


def _previous_token(sentence: str, start: int) -> str:
    """The whitespace-separated token before `start` (there is one: see the caller)."""
    lowest = max(0, start - 60)
    while True:
        parts = sentence[lowest:start].rstrip().rsplit(None, 1)
        if lowest == 0 or len(parts) == 2:
            return parts[-1] if parts else ""
        lowest = max(0, lowest - 240)  # the token may begin further back


_TITLE_TAILS = frozenset(
    w.lower().rstrip(".") for w in re.findall(r"[A-Za-z][A-Za-z.-]*", _TITLES) if len(w) > 1
)


def _role_before(before: str) -> str | None:
    """The role phrase ending right before a name, if any. Cheap tests first: most names
    have no title before them, and the patterns are costly to try on every one."""
    stripped = before.rstrip()
    if not stripped:
        return None
    last = stripped.rsplit(None, 1)[-1]
    window = before[-70:]
    if last.endswith(","):
        # "and head of the Mission of Jordan to NATO, Yousef Bataineh,"
        head_of = _HEAD_OF.search(window[: len(window.rstrip()) - 1] + " ")
        if head_of:
            return head_of.group("role")
        match = _APPOSITIVE_BEFORE.search(window)
        return match.group("role") if match else None
    if last.lower().rstrip(".").rsplit("-", 1)[-1] in _TITLE_TAILS:  # "Secretary-General"
        match = _ROLE_BEFORE.search(window)
        if match:
            return match.group("role")
    if " of " in window or " to " in window or " at " in window or " for " in window:
        match = _HEAD_OF.search(window)
        if match:
            return match.group("role")
        if _TITLED_HEAD_WORDS.search(window):
            match = _TITLED_HEAD_OF.search(window)
            if match:
                return match.group("role")
    return None


def _role_after(after: str) -> str | None:
    match = _ROLE_AFTER.match(after)
    return match.group("role") if match else None


_NAME_LIST = re.compile(r"(?:astronauts|players|ministers|leaders)\s+\S+\s+\S+\s+and\s+$")
_ROLE_DETERMINER = re.compile(r"^(?:the|a|an|its|his|her|their)\s+", re.I)
_INITIAL = re.compile(r"[A-Z]\.")


def _in_name_list(before: str) -> bool:
    """ "astronauts Neil Armstrong and Buzz Aldrin": the second name of a titled pair."""
    return bool(_NAME_LIST.search(before))


def _clean_name(name: str) -> str:
    parts = name.split()
    while parts and parts[0] in _TITLE_WORDS:
        parts.pop(0)
    return " ".join(parts)


def _clean_role(role: str | None) -> str | None:
    if not role:
        return None
    role = " ".join(role.split()).strip(" ,;.")
    role = _ROLE_DETERMINER.sub("", role)
    if role.endswith(("astronauts", "cosmonauts")):
        role = role[:-1]  # "astronauts Neil Armstrong and Buzz Aldrin"
    for short, full in _ABBREVIATED_TITLES.items():
        if role == short.rstrip(".") or role == short:
            role = full
    if role in _TITLE_WORDS or role.rstrip(".") in ("Mr", "Mrs", "Ms", "Dr", "Sir", "Dame"):
        return None
    return role or None


# "Research-based Innovation", "Science-led Growth": a word ending in a participle after a
# hyphen describes; no name is written so.
_HYPHEN_PARTICIPLE = re.compile(r"-[a-z]+ed$")


def _plausible(name: str) -> bool:
    parts = [p for p in name.split() if not _INITIAL.fullmatch(p)]
    if len(parts) < 2:
        return False
    if any(_HYPHEN_PARTICIPLE.search(p) for p in parts):
        return False
    return not any(p.rstrip(".").strip("’'") in _NOT_NAME_WORDS for p in parts)


def _by_surname(found: list[_Found], name: str) -> _Found | None:
    surname = name.split()[-1]
    for person in found:
        if person.name.split()[-1] == surname:
            return person
    return None
