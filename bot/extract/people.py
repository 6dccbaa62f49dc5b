"""People named in an article, with their role where the text gives one.

Patterns, cheapest first:

* a title before the name: "Secretary General Jens Stoltenberg", "NATO Secretary General
  Jens Stoltenberg", "President Ilham Aliyev", "Dr. Jane Smith";
* a lowercase role phrase ending in a name: "head of Azerbaijan's Mission to NATO Gaya
  Mammadov" (the name is the last two or three capitalised words);
* an apposition: "Jens Stoltenberg, NATO's Secretary General," / "Jane Smith, the
  company's founder,";
* a name before a speech verb: "Jane Smith said ...".

A later mention by surname alone ("Mammadov") is the same person. Places, organisations,
months and the article's author are not people.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.extract.vocabulary import words
from bot.facts import Person

_TITLES = (
    r"(?:(?:Deputy|Vice|Acting|Former|former|Interim|Permanent|Special|Chief|Executive|"
    r"Assistant|Associate|Senior|Lead)\s+)*"
    r"(?:Secretary[- ]General|Secretary\s+of\s+State|Prime\s+Minister|(?:Foreign|Defen[cs]e|"
    r"Finance|Interior|Health|Economy|Energy|Education)\s+Minister|Minister(?:\s+of\s+"
    r"(?:[A-Z][a-z]+\s+)*?[A-Z][a-z]+)?|President|Vice[- ]President|Chancellor|King|Queen|"
    r"Prince|Princess|Emperor|Pope|General|Gen\.|Admiral|Adm\.|Colonel|Col\.|Lieutenant|"
    r"Lt\.|Major|Maj\.|Captain|Capt\.|Commander|Ambassador|Director(?:[- ]General)?|"
    r"Chairman|Chairwoman|Chairperson|Chair|Chief\s+Executive|CEO|Senator|Sen\.|Governor|"
    r"Gov\.|Mayor|Commissioner|High\s+Representative|Special\s+Representative|Professor|"
    r"Prof\.|Dr\.?|Judge|Justice|Sheikh|Archbishop|Bishop|Cardinal|Sir|Dame|Lord|Lady|"
    r"Mr\.?|Mrs\.?|Ms\.?|Coach|Manager|Astronaut|Cosmonaut|Founder|Co-founder|President-elect|"
    r"Speaker|Envoy|Spokesman|Spokeswoman|Spokesperson|(?:head|chief|founder|co-founder|"
    r"coach|head\s+coach|manager|captain|striker|midfielder|defender|goalkeeper|astronaut|"
    r"cosmonaut|chief\s+executive|chairman|chairwoman|president|spokesman|spokeswoman|"
    r"spokesperson|director|engineer|scientist|physicist|chemist|biologist|researcher|"
    r"economist|historian|minister|ambassador|commander|envoy|CEO|inventor|designer|"
    r"professor|analyst|author|pilot|architect))"
)
_NAME_WORD = r"(?:[A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)*|[A-Z]\.)"
_PARTICLE = r"(?:van|von|de|da|di|del|der|bin|al|ibn|le|la|du|dos|das)"
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{1,3}}"
_ORG_PREFIX = r"(?:(?:[A-Z]{2,}|[A-Z][a-z]+(?:['’]s)?)\s+){0,3}"

_TITLED = re.compile(rf"(?P<role>{_ORG_PREFIX}{_TITLES})\s+(?P<name>{_NAME})(?![\w])")
_HEAD_OF = re.compile(
    rf"(?P<role>\b(?:head|chief|director|chairman|chair|president|commander|ambassador|"
    rf"secretary|minister|founder|leader|governor|representative|envoy|spokesman|"
    rf"spokeswoman|spokesperson|member|coach|captain|manager)\s+(?:of|at|to|for)\s+"
    rf"(?:the\s+)?(?:[A-Z][\w’'-]*\s+(?:(?:of|for|to|and|the)\s+)?){{1,8}}?)"
    rf"(?P<name>{_NAME_WORD}\s+{_NAME_WORD}(?:\s+{_NAME_WORD})?)(?![\w])"
)
_APPOSITION = re.compile(
    rf"(?P<name>{_NAME}),\s+(?P<role>(?:the\s+|a\s+|an\s+)?(?:[\w’'-]+\s+){{0,6}}?"
    rf"(?:{_TITLES}|head\s+of\s+[^,]+)(?:\s+(?:of|at|for)\s+[^,.;]+)?)\s*[,.;]"
)
_SPEAKER = re.compile(
    rf"(?<![\w’'-])(?P<name>{_NAME})\s+(?:said|says|told|added|noted|stressed|announced|"
    r"explained|wrote|argued|recalled|declared|warned)\b"
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
    Defence Defense Cooperation Peace War Affairs Affairs Foreign Space Station
    """
)
_TITLE_WORDS = words("Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Prof. Sir Dame Lord Lady")


@dataclass(slots=True)
class _Found:
    name: str
    role: str | None


def find_people(sentences: Sequence[str], author: str | None = None) -> list[Person]:
    """People named in `sentences` (one article), in order of first mention, merged by
    surname. Pure; never raises."""
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

    for sentence in sentences:
        for m in _TITLED.finditer(sentence):
            note(m["name"], m["role"])
        for m in _HEAD_OF.finditer(sentence):
            note(m["name"], m["role"])
        for m in _APPOSITION.finditer(sentence):
            note(m["name"], m["role"])
        for m in _SPEAKER.finditer(sentence):
            note(m["name"], None)
    return [Person(p.name, p.role) for p in found]


def _clean_name(name: str) -> str:
    parts = name.split()
    while parts and parts[0] in _TITLE_WORDS:
        parts.pop(0)
    return " ".join(parts)


def _clean_role(role: str | None) -> str | None:
    if not role:
        return None
    role = re.sub(r"\s+", " ", role).strip(" ,;.")
    role = re.sub(r"^(?:the|a|an)\s+", "", role, flags=re.I)
    if role in _TITLE_WORDS or role.rstrip(".") in ("Mr", "Mrs", "Ms", "Dr", "Sir", "Dame"):
        return None
    return role or None


def _plausible(name: str) -> bool:
    parts = [p for p in name.split() if not re.fullmatch(r"[A-Z]\.", p)]
    if len(parts) < 2:
        return False
    return not any(p.rstrip(".") in _NOT_NAME_WORDS for p in parts)


def _by_surname(found: list[_Found], name: str) -> _Found | None:
    surname = name.split()[-1]
    for person in found:
        if person.name.split()[-1] == surname:
            return person
    return None


def surname_index(people: Sequence[Person]) -> dict[str, Person]:
    """Each person by full name and by surname, for resolving "he"/"Mammadov" later."""
    index: dict[str, Person] = {}
    for person in people:
        index[person.name] = person
        index.setdefault(person.name.split()[-1], person)
    return index
