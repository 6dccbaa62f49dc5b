"""What the store's queries return: plain, immutable values shared by the CLI and the cogs.

Nothing here touches SQL or Discord. Renderers (``bot.cli``, ``cogs``) turn these into text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# Search snippets mark matched terms with these control characters, so that each renderer
# can choose its own highlighting (Discord bold after escaping markdown, ANSI in a terminal)
# without article text ever being mistaken for markup.
HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"


@dataclass(frozen=True, slots=True)
class SourceRef:
    """An article as cited under a fact."""

    article_id: int
    title: str
    published_on: str | None  # "YYYY-MM-DD", None when the article has no date
    author: str | None
    url: str | None


@dataclass(frozen=True, slots=True)
class ProgrammeRef:
    id: int
    acronym: str | None
    name: str | None

    @property
    def label(self) -> str:
        """ "Partnership for Peace (PfP)", or whichever of the two is known."""
        if self.name and self.acronym:
            return f"{self.name} ({self.acronym})"
        return self.name or self.acronym or "?"


@dataclass(frozen=True, slots=True)
class EventEntry:
    id: int
    date: str  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    end: str | None
    precision: str  # "day" | "month" | "year"
    summary: str
    sentence: str
    programmes: tuple[str, ...]  # programme keys (acronym, else name) named by the sentence
    source: SourceRef
    open_ended: bool = False  # "since 1997": started at `date`, still running, `end` None


@dataclass(frozen=True, slots=True)
class TimelinePage:
    entries: tuple[EventEntry, ...]
    total: int  # matching events across all pages
    offset: int
    limit: int
    topic: ProgrammeRef | None  # the programme the topic resolved to, if one was given


@dataclass(frozen=True, slots=True)
class ProgrammeDetail:
    ref: ProgrammeRef
    explanation: str
    events: tuple[EventEntry, ...]  # chronological
    part_of: tuple[ProgrammeRef, ...]
    parts: tuple[ProgrammeRef, ...]
    succeeded_by: tuple[ProgrammeRef, ...]
    preceded_by: tuple[ProgrammeRef, ...]
    sources: tuple[SourceRef, ...]
    # All events naming the programme; `events` holds only the first ones (the store caps it).
    # None when unknown.
    events_total: int | None = None


@dataclass(frozen=True, slots=True)
class ProgrammeLookup:
    """A programme lookup: the match if there is one, else the closest suggestions."""

    found: ProgrammeDetail | None
    suggestions: tuple[ProgrammeRef, ...]


@dataclass(frozen=True, slots=True)
class DatedEntry:
    event: EventEntry
    years_ago: int


@dataclass(frozen=True, slots=True)
class OnThisDate:
    month: int
    day: int
    entries: tuple[DatedEntry, ...]  # events on that month and day, oldest first
    # When `entries` is empty: events on the nearest calendar days that have any (see
    # queries.on_this_date for the rule), and a sentence saying what the fallback shows.
    fallback: tuple[DatedEntry, ...]
    fallback_note: str | None
    # All events on that month and day; `entries` holds only the oldest ones (the store caps
    # it). None when unknown.
    total: int | None = None


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: Literal["event", "programme", "article"]
    title: str
    snippet: str  # plain text with HIGHLIGHT_START/HIGHLIGHT_END around matched terms
    date: str | None
    source: SourceRef | None


@dataclass(frozen=True, slots=True)
class SearchPage:
    query: str
    hits: tuple[SearchHit, ...]
    total: int
    offset: int
    limit: int


@dataclass(frozen=True, slots=True)
class SourceSummary:
    source: SourceRef
    events: int
    programmes: int
    people: int


@dataclass(frozen=True, slots=True)
class Stats:
    articles: int
    events: int
    programmes: int
    people: int
    earliest: str | None  # earliest event date
    latest: str | None  # latest event date


@dataclass(frozen=True, slots=True)
class IngestResult:
    path: str | None
    title: str
    status: Literal["added", "updated", "unchanged"]
    article_id: int
    events: int
    programmes: int
    people: int
