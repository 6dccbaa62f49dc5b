"""Discord's size limits, and the helpers that keep every reply inside them.

The numbers are Discord's documented maxima (characters, counted as Python str length, which
matches Discord's count for text outside the astral planes and over-counts nothing).
Builders shorten text where it is produced; :func:`fit_embed` is the last guard before a send.
"""

from __future__ import annotations

from collections.abc import Iterable

import discord

CONTENT = 2000
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
EMBED_FIELDS = 25
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER = 2048
AUTHOR_NAME = 256
EMBED_TOTAL = 6000  # across every embed of one message
EMBEDS_PER_MESSAGE = 10
CHOICES = 25
CHOICE_NAME = 100
CHOICE_VALUE = 100
BUTTON_LABEL = 80

ELLIPSIS = "…"

# How far back from the limit a cut may move to land on a space: further than this and the
# text is mostly one long "word" (a URL, a run of symbols), so cut it where it is.
_WORD_BACKOFF = 0.4


def shorten(text: str, limit: int) -> str:
    """`text` if it fits in `limit` characters, else its longest prefix ending at a word
    boundary followed by "…" (a hard cut plus "…" when there is no boundary near the limit).

    Never returns more than `limit` characters. Raises ValueError for a limit below 1.
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    if len(text) <= limit:
        return text
    room = limit - len(ELLIPSIS)
    if room <= 0:
        return ELLIPSIS[:limit]
    cut = text[:room]
    if not text[room].isspace():
        boundary = max(cut.rfind(" "), cut.rfind("\n"))
        if boundary >= room * (1 - _WORD_BACKOFF):
            cut = cut[:boundary]
    return cut.rstrip(" \n\t,;:-–—") + ELLIPSIS


def one_line(text: str) -> str:
    """`text` with every run of whitespace (newlines included) turned into one space."""
    return " ".join(text.split())


def take_lines(
    lines: Iterable[str], limit: int, *, more: str = "… and {n} more", hidden: int = 0
) -> str:
    """As many whole lines as fit in `limit` characters, then a line saying how many were left.

    `more` is formatted with ``n``, the number of lines left out plus `hidden` (lines that
    exist but were not even passed in). A line too long on its own is shortened so that at
    least the first line shows.
    """
    pending = list(lines)
    if not pending:
        return shorten(more.format(n=hidden), limit) if hidden else ""
    # Room for the first line when the "and n more" note has to follow it.
    note_room = len(more.format(n=len(pending) + hidden)) + 1 if len(pending) > 1 or hidden else 0
    pending = [shorten(line, max(1, limit - note_room)) for line in pending]
    used = -1
    fitting = 0
    for line in pending:
        used += len(line) + 1
        if used > limit:
            break
        fitting += 1
    for count in range(fitting, -1, -1):
        left = len(pending) - count + hidden
        text = "\n".join(pending[:count] + ([more.format(n=left)] if left else []))
        if len(text) <= limit:
            return text
    return shorten(more.format(n=len(pending) + hidden), limit)


def fit_embed(embed: discord.Embed) -> discord.Embed:
    """Shorten, in place, whatever part of `embed` exceeds a Discord limit; returns it.

    Builders should already produce fitting embeds; this is the guard that guarantees a send
    never fails on size whatever the data. Fields beyond the 25th are dropped, then fields are
    removed from the end while the total exceeds 6,000, then the description is shortened.
    """
    if embed.title and len(embed.title) > EMBED_TITLE:
        embed.title = shorten(embed.title, EMBED_TITLE)
    if embed.description and len(embed.description) > EMBED_DESCRIPTION:
        embed.description = shorten(embed.description, EMBED_DESCRIPTION)
    if embed.footer.text is not None and not embed.footer.text.strip():
        embed.remove_footer()  # Discord refuses a footer without text
    if embed.footer.text and len(embed.footer.text) > FOOTER:
        embed.set_footer(text=shorten(embed.footer.text, FOOTER), icon_url=embed.footer.icon_url)
    if embed.author.name and len(embed.author.name) > AUTHOR_NAME:
        embed.set_author(
            name=shorten(embed.author.name, AUTHOR_NAME),
            url=embed.author.url,
            icon_url=embed.author.icon_url,
        )
    fields = embed.fields[:EMBED_FIELDS]
    embed.clear_fields()
    for field in fields:
        embed.add_field(
            name=shorten(field.name or "\u200b", FIELD_NAME),
            value=shorten(field.value or "\u200b", FIELD_VALUE),
            inline=bool(field.inline),
        )
    while len(embed) > EMBED_TOTAL and embed.fields:
        embed.remove_field(len(embed.fields) - 1)
    if len(embed) > EMBED_TOTAL and embed.description:
        excess = len(embed) - EMBED_TOTAL
        embed.description = shorten(embed.description, max(1, len(embed.description) - excess))
    return embed


def embed_problems(embed: discord.Embed) -> list[str]:
    """Every Discord limit `embed` breaks, as readable strings ([] when it is valid)."""
    problems: list[str] = []

    def over(what: str, text: str | None, limit: int) -> None:
        if text is not None and len(text) > limit:
            problems.append(f"{what}: {len(text)} > {limit}")

    over("title", embed.title, EMBED_TITLE)
    over("description", embed.description, EMBED_DESCRIPTION)
    over("footer", embed.footer.text, FOOTER)
    over("author", embed.author.name, AUTHOR_NAME)
    if embed.footer.text is not None and not embed.footer.text.strip():
        problems.append("footer is empty")
    if len(embed.fields) > EMBED_FIELDS:
        problems.append(f"fields: {len(embed.fields)} > {EMBED_FIELDS}")
    for index, field in enumerate(embed.fields):
        over(f"field {index} name", field.name, FIELD_NAME)
        over(f"field {index} value", field.value, FIELD_VALUE)
        if not field.name or not field.value:
            problems.append(f"field {index} is empty")
    if len(embed) > EMBED_TOTAL:
        problems.append(f"total: {len(embed)} > {EMBED_TOTAL}")
    return problems
