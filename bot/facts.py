"""The facts Almanac knows, as plain values.

Data flows one way: a file becomes an :class:`Article` (``bot.articles``), the
extractor turns it into :class:`Facts` (``bot.extract``), and the store saves
them (``bot.store``). Nothing here does I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

# How exact an event's date is: "day" (YYYY-MM-DD), "month" (YYYY-MM), "year" (YYYY).
PRECISIONS = ("day", "month", "year")


@dataclass(frozen=True, slots=True)
class Block:
    """One block of an article's body: a paragraph, a heading, a list item or a label line.

    Only paragraphs (and list items that are full sentences) carry events; headings and
    label lines are context, never sentences.
    """

    kind: str  # "paragraph" | "heading" | "list_item" | "label"
    text: str


@dataclass(frozen=True, slots=True)
class Article:
    """A parsed article: metadata plus its body, before any extraction."""

    title: str
    published_on: date | None
    author: str | None
    source: str | None
    blocks: tuple[Block, ...]
    sha256: str  # hex digest of the file's bytes; identifies the article's content
    path: str | None = None

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(b.text for b in self.blocks if b.kind == "paragraph")

    @property
    def text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened, tied to a date or a date range the text states."""

    date: str  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    end: str | None  # same forms; None when the event is not a range
    precision: str  # one of PRECISIONS, for `date`
    summary: str  # one plain line
    sentence: str  # the exact sentence it came from
    programmes: tuple[str, ...] = ()  # Programme.key of each programme the sentence names
    # True for "since 1997": the range starts at `date` and is still running (end is None).
    open_ended: bool = False


@dataclass(frozen=True, slots=True)
class Programme:
    """A named programme, plan, process, mission, council, fund, force, centre..."""

    acronym: str | None
    name: str | None
    description: str
    sentences: tuple[str, ...] = ()
    part_of: str | None = None  # Programme.key of the parent
    succeeded_by: str | None = None  # Programme.key of the successor

    @property
    def key(self) -> str:
        """How events and relations refer to this programme: its acronym, else its name."""
        return self.acronym or self.name or ""


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Facts:
    """Everything extracted from one article."""

    article: Article
    events: tuple[Event, ...] = ()
    programmes: tuple[Programme, ...] = ()
    people: tuple[Person, ...] = ()
    # Human-readable remarks, e.g. that relative dates could not be resolved.
    notes: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        """The ``extract --json`` contract (documented in the README; only ever extended)."""
        a = self.article
        return {
            "article": {
                "title": a.title,
                "date": a.published_on.isoformat() if a.published_on else None,
                "author": a.author,
                "source": a.source,
                "sha256": a.sha256,
            },
            "events": [
                {
                    "date": e.date,
                    "end": e.end,
                    "precision": e.precision,
                    "summary": e.summary,
                    "sentence": e.sentence,
                    "programmes": list(e.programmes),
                    "open_ended": e.open_ended,
                }
                for e in self.events
            ],
            "programmes": [
                {
                    "acronym": p.acronym,
                    "name": p.name,
                    "description": p.description,
                    "sentences": list(p.sentences),
                    "part_of": p.part_of,
                    "succeeded_by": p.succeeded_by,
                }
                for p in self.programmes
            ],
            "people": [{"name": p.name, "role": p.role} for p in self.people],
            "notes": list(self.notes),
        }
