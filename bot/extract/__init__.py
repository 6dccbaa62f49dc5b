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

__all__ = ["MAX_SENTENCE", "extract", "sentence_units"]

# The longest sentence in our annotated corpus has 336 characters. Text without sentence
# punctuation (a pasted table, a run-on list, garbage) can make one "sentence" of megabytes,
# and some rules look at pairs of places within a sentence: such a run is read in pieces of
# at most this many characters, so that any text costs time in proportion to its length.
MAX_SENTENCE = 1500


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
            units.extend(SentenceUnit(s, number, not sources) for s in _sentences(block.text))
        elif block.kind == "list_item":
            carries = not sources and reads_as_sentence(block.text)
            units.extend(SentenceUnit(s, number, carries) for s in _sentences(block.text))
    return units


def _sentences(text: str) -> list[str]:
    """`text` split into sentences, each at most MAX_SENTENCE characters (a longer one is cut
    at the last space before the limit, or at the limit when it has none)."""
    out: list[str] = []
    for sentence in split_sentences(text):
        while len(sentence) > MAX_SENTENCE:
            cut = sentence.rfind(" ", MAX_SENTENCE // 2, MAX_SENTENCE + 1)
            cut = cut if cut > 0 else MAX_SENTENCE
            out.append(sentence[:cut].rstrip())
            sentence = sentence[cut:].lstrip()
        if sentence:
            out.append(sentence)
    return out


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
