"""Split prose into sentences, surviving abbreviations, initials, decimals, quotes and brackets.

A boundary is sentence punctuation (``.``, ``!``, ``?``, ``…``), optionally followed by closing
quotes or brackets, then whitespace, then something that can open a sentence (a capital, a
digit, an opening quote or bracket). A period after a known abbreviation, an initial or a
dotted acronym is only a boundary when the next word is a typical sentence opener.
"""

from __future__ import annotations

import re

from bot.extract.vocabulary import words

# Periods after these never end a sentence: titles before names, "No. 5", "e.g." ...
_NEVER_FINAL = words(
    """
    mr mrs ms messrs dr prof gen lt col sgt capt cpt maj adm cmdr cdr gov sen rep rev
    hon pres st mt ft no nos vs v cf approx fig figs vol vols pp p ca c e.g i.e viz al
    op art sec ch para eq dept est jan feb mar apr jun jul aug sep sept oct nov dec
    """
)
# Periods after these end a sentence only when a typical opener follows ("... in the U.S. The").
_MAYBE_FINAL = words(
    """
    etc inc ltd corp co jr sr bros plc llc a.m p.m u.s u.k u.n e.u
    """
)
_OPENERS = words(
    """
    The A An In On At By For From With Under During After Before Since When While As If
    He She It They We I You This That These Those There Their His Her Its Our But And
    Yet So However Meanwhile Also Then Now Today Yesterday Later Earlier Last Next Some
    Many Most Both All Other Such One Two Three According Despite Although Though
    """
)

_CANDIDATE = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_DOTTED = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_NEXT_WORD = re.compile(r"\s+[\"'“‘(\[]?([A-Za-z]+)")


def split_sentences(text: str) -> list[str]:
    """The sentences of one paragraph, in order, stripped; never empty strings.

    Pure and linear in the length of `text`; never raises.
    """
    sentences: list[str] = []
    start = 0
    depth = 0  # bracket depth from `start`, so "(signed 1992. See below.)" stays whole
    scanned = 0
    brackets = "(" in text  # without an opening bracket the depth never rises above 0
    for match in _candidates(text):
        end = match.end()
        if brackets:
            segment = text[scanned : match.start()]
            depth += segment.count("(") - segment.count(")")
            depth += match.group().count("(") - match.group().count(")")
            scanned = end
            if depth > 0 and text.find(")", end, end + 300) != -1:
                continue
        if not _is_boundary(text, match):
            continue
        piece = text[start:end].strip()
        if piece:
            sentences.append(piece)
        start = end
        depth = 0
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _candidates(text: str) -> list[re.Match[str]]:
    """The matches of _CANDIDATE, as finditer would give them, tried only where sentence
    punctuation stands (found with str.find, much cheaper than a pattern scan)."""
    positions: list[int] = []
    for mark in ".!?…":
        at = text.find(mark)
        while at != -1:
            positions.append(at)
            at = text.find(mark, at + 1)
    positions.sort()
    found: list[re.Match[str]] = []
    taken = 0
    for at in positions:
        if at < taken:
            continue
        match = _CANDIDATE.match(text, at)
        if match:
            found.append(match)
            taken = match.end()
    return found


_TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ."


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    punct = match.group()
    if not punct.startswith(".") or punct.startswith(".."):
        return True  # "!", "?", "…" and "..." always end a sentence here
    # The word before the period (letters and dots, at most 30 characters back): "Dr",
    # "U.S", "e.g". (rstrip finds where the run of such characters starts.)
    at = match.start()
    before = text[max(0, at - 30) : at]
    token = before[len(before.rstrip(_TOKEN_CHARS)) :].lstrip(".")
    if not token:
        return True  # "1994." or "NATO)." and the like
    low = token.lower()
    if low in _NEVER_FINAL:
        return False
    if len(token) == 1 and token.isupper():
        return False  # an initial: "J. R. R. Tolkien", "George W. Bush"
    if low in _MAYBE_FINAL or _DOTTED.match(token):
        nxt = _NEXT_WORD.match(text, match.end())
        return (nxt.group(1) if nxt else "") in _OPENERS
    return True
