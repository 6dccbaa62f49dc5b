"""Text -> facts: our own deterministic rules, no models, no I/O.

``extract(article)`` reads an :class:`~bot.facts.Article` and returns its
:class:`~bot.facts.Facts`: dated events, named programmes and people. The rules are
documented in docs/extraction.md; each step lives in its own module:

* :mod:`.sentences`  paragraph -> sentences
* :mod:`.dates`      sentence -> resolved dates and ranges
* :mod:`.tense`      is a dated clause a plan or an expectation?
* :mod:`.acronyms`   "Partnership for Peace (PfP)" definitions
* :mod:`.programmes` programmes, their mentions and relations
* :mod:`.people`     people and their roles
* :mod:`.summaries`  one plain line per event
* :mod:`.events`     the events themselves
* :mod:`.vocabulary` shared word lists
"""

from __future__ import annotations

import re

from bot.extract.events import SentenceUnit, find_events, reads_as_sentence
from bot.extract.joined import Joined
from bot.extract.people import find_people
from bot.extract.programmes import find_programmes
from bot.extract.sentences import split_sentences
from bot.facts import Article, Facts

__all__ = ["extract", "sentence_units"]


# Sections that list sources ("References", "See also"): their years are publication and
# access dates, and their capitalised words titles, so they carry no events or names.
_SOURCE_SECTIONS = re.compile(
    r"(?i)(?:references|notes|sources|bibliography|further reading|external links|"
    r"citations|works cited|see also|literature)\W*"
)


def sentence_units(article: Article) -> list[SentenceUnit]:
    """The article's sentences in reading order, each with its paragraph number and whether
    it may carry events (headings and label lines are skipped entirely, and so is what
    stands under a "References" or "See also" heading)."""
    units: list[SentenceUnit] = []
    sources = False
    for number, block in enumerate(article.blocks):
        if block.kind in ("heading", "label"):
            sources = bool(_SOURCE_SECTIONS.fullmatch(block.text))
        elif block.kind == "paragraph":
            units.extend(SentenceUnit(s, number, not sources) for s in split_sentences(block.text))
        elif block.kind == "list_item":
            carries = not sources and reads_as_sentence(block.text)
            units.extend(SentenceUnit(s, number, carries) for s in split_sentences(block.text))
    return units


def extract(article: Article) -> Facts:
    """The facts `article` states: events, programmes, people, and notes for the reader
    (e.g. that relative dates could not be resolved because the article has no date).

    Pure and deterministic: the same article always gives the same facts. Never raises on
    odd text.
    """
    units = sentence_units(article)
    sentences = [u.text for u in units]
    joined = Joined(sentences)  # one string for the passes that read the whole article
    scan = find_programmes(sentences, [u.carries_events for u in units], joined)
    people = find_people(sentences, article.author, joined)
    events, unresolved = find_events(units, article.published_on, scan.mentions, people, joined)
    notes: list[str] = []
    if unresolved:
        shown = ", ".join(f"'{p}'" for p in dict.fromkeys(unresolved))
        notes.append(
            "The article has no date, so relative dates could not be resolved and gave no "
            f"event: {shown}."
        )
    return Facts(
        article=article,
        events=tuple(events),
        programmes=scan.programmes,
        people=tuple(people),
        notes=tuple(notes),
    )
