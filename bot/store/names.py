"""How programme names and acronyms are normalised, so that spellings of one name meet.

Pure functions shared by ingest (programme identity) and the in-memory programme index
(lookup, autocomplete). Changing them changes identity: stored keys are written with them.
"""

from __future__ import annotations

import re
import unicodedata

# British and American spellings that programme names often differ by.
_SPELLINGS = {
    "programme": "program",
    "programmes": "programs",
    "centre": "center",
    "centres": "centers",
    "defence": "defense",
    "organisation": "organization",
    "organisations": "organizations",
}
# Words that a generic query or a name may carry without changing which programme it means.
_GENERIC_TAIL = frozenset({"program", "programs"})
# Words too common to say anything about which programme a query means.
STOPWORDS = frozenset({"a", "an", "and", "for", "in", "of", "on", "the", "to", "with"})

_POSSESSIVE = re.compile(r"['’]s\b")
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Case- and accent-insensitive form of `text` (NFKD, combining marks dropped, casefold)."""
    if text.isascii():  # the common case, and much faster than going letter by letter
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[str]:
    """The words of `text`, folded, possessives and punctuation dropped, spellings unified."""
    folded = _POSSESSIVE.sub("", fold(text).replace("&", " and "))
    return [_SPELLINGS.get(w, w) for w in _WORD.findall(folded)]


def name_key(name: str) -> str:
    """The identity of a programme name: "The Partnership for Peace Programme" and
    "partnership for peace program" both give "partnership for peace".

    A leading "the" and a trailing "programme"/"program" are dropped unless they are the whole
    name. Returns "" for a name without letters or digits.
    """
    found = words(name)
    if len(found) > 1 and found[0] == "the":
        found = found[1:]
    if len(found) > 1 and found[-1] in _GENERIC_TAIL:
        found = found[:-1]
    return " ".join(found)


def acronym_key(acronym: str) -> str:
    """The identity of an acronym: folded, letters and digits only ("PfP", "P.f.P." -> "pfp")."""
    return "".join(_WORD.findall(fold(acronym))).replace("_", "")
