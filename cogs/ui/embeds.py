"""Embed builders: the store's result values (bot.store.results) -> Discord embeds and texts.

Pure functions, no I/O. Every builder escapes article text and fits Discord's limits by
construction (each part has a budget below), then passes the embed through
:func:`cogs.ui.limits.fit_embed` as a last guard.
"""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.daytext import day_label
from bot.store.results import (
    DatedEntry,
    EventEntry,
    ProgrammeDetail,
    ProgrammeRef,
    SearchHit,
    SourceRef,
    SourceSummary,
    Stats,
)
from bot.when import format_date, format_span, years_ago_text
from bot.wording import plural
from cogs.ui.limits import (
    CHOICE_NAME,
    CHOICE_VALUE,
    CONTENT,
    EMBED_DESCRIPTION,
    FIELD_VALUE,
    fit_embed,
    one_line,
    shorten,
    take_lines,
)
from cogs.ui.markdown import bold, code, highlight, link, quote

COLOUR = discord.Colour(0x3B6EA5)

# Budgets (characters) that keep every embed under Discord's 6,000-per-message total.
TITLE_BUDGET = 200
ENTRY_BUDGET = 330  # one timeline / on-this-day line: 10 lines + sources < 4,096
SOURCE_LINE_BUDGET = 200
EXPLANATION_BUDGET = 1800
RELATED_BUDGET = 400
SNIPPET_BUDGET = 600
HIT_TITLE_BUDGET = 200

TIMELINE_PAGE_SIZE = 10
SEARCH_PAGE_SIZE = 5
SOURCES_PAGE_SIZE = 10
ONTHISDAY_PAGE_SIZE = 10

_KIND_LABELS = {"event": "Event", "programme": "Programme", "article": "Article"}


# -- shared pieces ---------------------------------------------------------------------------


class Footnotes:
    """Numbers the sources cited on one page, in order of first citation."""

    def __init__(self) -> None:
        self._numbers: dict[int, int] = {}
        self._sources: list[SourceRef] = []

    def cite(self, source: SourceRef) -> str:
        """The marker for `source` ("[1]"), numbering it on first use."""
        number = self._numbers.get(source.article_id)
        if number is None:
            self._sources.append(source)
            number = self._numbers[source.article_id] = len(self._sources)
        return f"[{number}]"

    def lines(self) -> list[str]:
        return [
            f"[{number}] {source_line(source)}"
            for number, source in enumerate(self._sources, start=1)
        ]

    def add_field_to(self, embed: discord.Embed) -> None:
        if self._sources:
            name = "Source" if len(self._sources) == 1 else "Sources"
            embed.add_field(name=name, value=take_lines(self.lines(), FIELD_VALUE), inline=False)


def source_line(source: SourceRef, *, budget: int = SOURCE_LINE_BUDGET) -> str:
    """ "[Title](url) · 29 Nov 2018 · Abdul Kerimkhanov", each part when known."""
    tail = []
    if source.published_on:
        tail.append(format_date(source.published_on))
    if source.author:
        tail.append(quote(source.author, 60))
    suffix = "".join(f" · {part}" for part in tail)
    return link(source.title or "Untitled article", source.url, budget - len(suffix)) + suffix


def event_line(
    entry: EventEntry, marker: str, *, when: str | None = None, aside: str | None = None
) -> str:
    """ "**Mar 1992** - Azerbaijan joined the NACC [1]" within ENTRY_BUDGET characters.

    `when` replaces the event's own date text; `aside` follows it in brackets.
    """
    if when is None:
        when = format_span(entry.date, entry.end, open_ended=entry.open_ended)
    when_text = bold(when)
    prefix = f"{when_text} ({aside}) - " if aside else f"{when_text} - "
    suffix = f" {marker}" if marker else ""
    summary = quote(entry.summary or entry.sentence, ENTRY_BUDGET - len(prefix) - len(suffix))
    return f"{prefix}{summary}{suffix}"


def _base(title: str, description: str | None = None) -> discord.Embed:
    return discord.Embed(title=quote(title, TITLE_BUDGET), description=description, colour=COLOUR)


def page_footer(page: int, page_count: int, extra: str | None = None) -> str:
    parts = [f"Page {page + 1}/{page_count}"] if page_count > 1 else []
    if extra:
        parts.append(extra)
    return " · ".join(parts)


def _literal(text: str) -> str:
    """`text` made safe to embed in a str.format template."""
    return text.replace("{", "{{").replace("}", "}}")


# -- /timeline -------------------------------------------------------------------------------


def timeline_title(start: int | None, end: int | None, topic: ProgrammeRef | None) -> str:
    """ "Timeline", "Timeline: Partnership for Peace (PfP), 1990–2000", "Timeline since 1997"."""
    title = "Timeline"
    if topic is not None:
        title += f": {shorten(one_line(topic.label), 150)}"
    if start is not None and end is not None:
        span = str(start) if start == end else f"{start}–{end}"
    elif start is not None:
        span = f"since {start}"
    elif end is not None:
        span = f"up to {end}"
    else:
        return title
    return f"{title}, {span}" if topic is not None else f"{title} {span}"


def timeline_embed(
    entries: Sequence[EventEntry],
    *,
    title: str,
    total: int,
    page: int,
    page_count: int,
) -> discord.Embed:
    """One page of a timeline: dated lines with footnote markers, and the sources they cite."""
    notes = Footnotes()
    lines = [event_line(entry, notes.cite(entry.source)) for entry in entries]
    embed = _base(title, take_lines(lines, EMBED_DESCRIPTION))
    notes.add_field_to(embed)
    embed.set_footer(text=page_footer(page, page_count, plural(total, "event")))
    return fit_embed(embed)


# -- /programme ------------------------------------------------------------------------------


def programme_embed(detail: ProgrammeDetail) -> discord.Embed:
    """A programme: what it is, key dates, how it relates to others, and where that is from."""
    ref = detail.ref
    embed = _base(ref.label, quote(detail.explanation, EXPLANATION_BUDGET) or None)
    if detail.events:
        notes_free_lines = [event_line(entry, "") for entry in detail.events]
        topic = ref.acronym or ref.name or ""
        more = "… and {n} more: " + _literal(code("/timeline topic:" + topic, 80))
        # The store sends at most a few dozen events with a programme; count the rest too.
        hidden = max(0, (detail.events_total or 0) - len(detail.events))
        embed.add_field(
            name="Key dates",
            value=take_lines(notes_free_lines, FIELD_VALUE, more=more, hidden=hidden),
            inline=False,
        )
    for name, refs in (
        ("Part of", detail.part_of),
        ("Parts", detail.parts),
        ("Succeeded by", detail.succeeded_by),
        ("Preceded by", detail.preceded_by),
    ):
        if refs:
            labels = [quote(r.label, RELATED_BUDGET) for r in refs]
            embed.add_field(name=name, value=take_lines(labels, RELATED_BUDGET), inline=True)
    if detail.sources:
        embed.add_field(
            name="Source" if len(detail.sources) == 1 else "Sources",
            value=take_lines([source_line(s) for s in detail.sources], FIELD_VALUE),
            inline=False,
        )
    return fit_embed(embed)


def programme_not_found(name: str, suggestions: Sequence[ProgrammeRef]) -> str:
    """The ephemeral reply for an unknown programme: the closest names, and how to ask again."""
    asked = quote(name, 80) or "that"
    if not suggestions:
        return shorten(
            f"I don't know a programme called **{asked}**. Try "
            f"{code('/search query:' + name, 100)} to look through everything I've read, or "
            "`/sources` to see which articles that is.",
            CONTENT,
        )
    names = [f"- {quote(s.label, 150)}" for s in suggestions[:10]]
    example = suggestions[0].acronym or suggestions[0].name or ""
    return shorten(
        f"I don't know a programme called **{asked}**. Did you mean:\n"
        + "\n".join(names)
        + f"\nTry {code('/programme name:' + example, 120)}.",
        CONTENT,
    )


def programme_choice(ref: ProgrammeRef) -> discord.app_commands.Choice[str]:
    """An autocomplete choice: the readable label, and a value the lookup resolves back.

    Both fit the 100-character limits; the value is the acronym when there is one, since
    it is short and exact, else the (possibly cut) name, which the fuzzy lookup still finds.
    """
    label = shorten(one_line(ref.label), CHOICE_NAME)
    value = one_line(ref.acronym or ref.name or ref.label)[:CHOICE_VALUE]
    return discord.app_commands.Choice(name=label, value=value)


# -- /onthisday ------------------------------------------------------------------------------


def onthisday_embed(
    month: int,
    day: int,
    entries: Sequence[DatedEntry],
    *,
    fallback_note: str | None,
    page: int,
    page_count: int,
    total: int,
    footer_note: str | None = None,
) -> discord.Embed:
    """One page of "on this day": the events of that calendar day with how long ago, or (when
    there are none) a note saying so and the fallback events on nearby days.
    """
    notes = Footnotes()
    label = day_label(month, day)
    lines: list[str] = []
    if fallback_note is not None:
        lines.append(f"Nothing I know of happened on {label}. {quote(fallback_note, 300)}")
    for dated in entries:
        event = dated.event
        # Fallback events are from other days, so they show their full date.
        when = (
            format_span(event.date, event.end, open_ended=event.open_ended)
            if fallback_note is not None
            else str(_year(event.date))
        )
        marker = notes.cite(event.source)
        lines.append(event_line(event, marker, when=when, aside=years_ago_text(dated.years_ago)))
    embed = _base(f"On this day: {label}", take_lines(lines, EMBED_DESCRIPTION))
    notes.add_field_to(embed)
    counted = plural(total, "event") if fallback_note is None else None
    extra = " · ".join(part for part in (counted, footer_note) if part)
    if footer := page_footer(page, page_count, extra or None):
        embed.set_footer(text=footer)
    return fit_embed(embed)


def _year(value: str) -> str:
    return value.split("-")[0] if value and value[0] != "-" else value


# -- /search ---------------------------------------------------------------------------------


def search_embed(
    query: str, hits: Sequence[SearchHit], *, total: int, page: int, page_count: int
) -> discord.Embed:
    """One page of search results: a field per hit with its highlighted snippet and source."""
    embed = _base(f"Search: {one_line(query)}")
    for hit in hits:
        kind = _KIND_LABELS.get(hit.kind, hit.kind.title())
        name = f"{kind}: {one_line(hit.title)}"
        if hit.date:
            name += f" ({format_date(hit.date)})"
        value = highlight(hit.snippet, SNIPPET_BUDGET) or "\u200b"
        if hit.source is not None and hit.kind != "article":
            value += "\n" + source_line(hit.source, budget=FIELD_VALUE - len(value) - 1)
        embed.add_field(name=quote(name, HIT_TITLE_BUDGET), value=value, inline=False)
    embed.set_footer(text=page_footer(page, page_count, plural(total, "result")))
    return fit_embed(embed)


def search_nothing_found(query: str) -> str:
    shown = quote(query, 80)
    return (
        f"Nothing I've read matches **{shown}**. Try fewer or different words (an acronym such "
        "as `PfP`, a year, a country), or `/timeline` to browse everything by date."
    )


# -- /sources and /about ---------------------------------------------------------------------


def sources_embed(
    summaries: Sequence[SourceSummary], *, total: int, page: int, page_count: int
) -> discord.Embed:
    """One page of the articles Almanac has read, with what it took from each."""
    lines = []
    for summary in summaries:
        counts = ", ".join(
            (
                plural(summary.events, "event"),
                plural(summary.programmes, "programme"),
                plural(summary.people, "person", "people"),
            )
        )
        lines.append(f"{source_line(summary.source)}\n{counts}")
    description = take_lines(lines, EMBED_DESCRIPTION) if lines else "No articles loaded yet."
    embed = _base("Sources", description)
    embed.set_footer(text=page_footer(page, page_count, plural(total, "article")))
    return fit_embed(embed)


def about_embed(stats: Stats, version: str) -> discord.Embed:
    """What Almanac is, what it knows, and how to use it."""
    embed = _base(
        "Almanac",
        "I read news articles, pull out their dated events, programmes and people, and answer "
        "from what I've read. Every fact links back to the article it came from.",
    )
    if stats.articles:
        span = ""
        if stats.earliest and stats.latest:
            span = f", from {format_date(stats.earliest)} to {format_date(stats.latest)}"
        known = (
            f"{plural(stats.articles, 'article')}: {plural(stats.events, 'event')}{span}; "
            f"{plural(stats.programmes, 'programme')}; "
            f"{plural(stats.people, 'person').replace('persons', 'people')}."
        )
    else:
        known = "Nothing yet: the bot's admin has not loaded any articles."
    embed.add_field(name="What I know", value=known, inline=False)
    embed.add_field(
        name="How to use me",
        value="\n".join(
            (
                "`/timeline start:1990 end:2000` events in order, by year or topic",
                "`/programme name:PfP` what a programme is, its dates and relations",
                "`/onthisday date:11-29` what happened on a day, and how long ago",
                "`/search query:Afghanistan` everything that mentions some words",
                "`/sources` the articles I've read",
            )
        ),
        inline=False,
    )
    # Footers show text as it is (no markdown), so the version needs no escaping.
    embed.set_footer(text=f"Almanac {version} · self-hosted, open source")
    return fit_embed(embed)
