"""Article text made safe for Discord: markdown escaped, mentions defused, highlights bolded.

Article text is data, never markup. Everything an article says goes through :func:`escape`
(or :func:`quote`, which also fits it to a length) before it reaches an embed or a message.
Replies also carry ``AllowedMentions.none()``, so even a missed mention could never ping.
"""

from __future__ import annotations

import re

from bot.store.results import HIGHLIGHT_END, HIGHLIGHT_START
from cogs.ui.limits import ELLIPSIS, one_line, shorten

# Characters Discord's markdown gives meaning to anywhere in a line. "<" starts mentions,
# custom emoji, timestamps and slash-command mentions; "[" starts masked links; ":" is left
# alone (":emoji:" shortcodes only exist in what people type, not in what bots send).
_INLINE = re.compile(r"([\\*_~|`<\[\]])")
# Markers that only count at the start of a line: quotes, headings, list items, subtext.
_LINE_START = re.compile(r"^(\s*)(>{1,3}|#{1,3}|-#|[-+]|\d+\.)(?=\s)", re.MULTILINE)
_MASS_MENTION = re.compile(r"@(everyone|here)", re.IGNORECASE)
# A zero-width space after "@" is how Discord's own clients defuse a mass mention.
_ZWSP = "\u200b"


def escape(text: str) -> str:
    """`text` with Discord markdown and mentions neutralised, so it displays exactly as written.

    Backslash escapes are invisible in Discord (and in CommonMark), so escaping more than
    strictly needed costs nothing but length.
    """
    escaped = _INLINE.sub(r"\\\1", text)
    escaped = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)
    return _MASS_MENTION.sub(lambda m: "@" + _ZWSP + m.group(1), escaped)


def quote(text: str, limit: int) -> str:
    """`text` on one line, shortened at a word boundary and escaped, in at most `limit` chars.

    Shortening happens before escaping, so a cut can never split an escape sequence.
    """
    plain = one_line(text)
    room = limit
    while True:
        escaped = escape(shorten(plain, room))
        if len(escaped) <= limit:
            return escaped
        room -= len(escaped) - limit
        if room < 1:
            return ELLIPSIS


def highlight(snippet: str, limit: int) -> str:
    """A search snippet with its HIGHLIGHT_START/END marks turned into **bold**, escaped, in at
    most `limit` characters.

    Unbalanced marks (a snippet cut by the store mid-highlight) are closed or ignored.
    """
    # Touching highlights ("a" "b") become one, else "**a****b**" would show stray stars.
    merged = one_line(snippet).replace(HIGHLIGHT_END + HIGHLIGHT_START, "")
    plain_length = len(merged.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, ""))
    room = min(limit, plain_length)
    while room >= 1:
        rendered = _render_highlight(_shorten_marked(merged, room))
        if len(rendered) <= limit:
            return rendered
        room -= max(1, (len(rendered) - limit) // 2)
    return ELLIPSIS


def _shorten_marked(snippet: str, limit: int) -> str:
    """Shorten a marked snippet to `limit` visible characters, keeping marks balanced."""
    visible = snippet.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")
    short = shorten(visible, limit)
    if short == visible:
        return snippet
    keep = len(short) - len(ELLIPSIS)
    out: list[str] = []
    seen = 0
    for char in snippet:
        if char in (HIGHLIGHT_START, HIGHLIGHT_END):
            out.append(char)
            continue
        if seen >= keep:
            break
        out.append(char)
        seen += 1
    return "".join(out).rstrip() + ELLIPSIS


def _render_highlight(snippet: str) -> str:
    parts: list[str] = []
    bold = False
    for piece in re.split(f"([{HIGHLIGHT_START}{HIGHLIGHT_END}])", snippet):
        if piece == HIGHLIGHT_START:
            bold = True
        elif piece == HIGHLIGHT_END:
            bold = False
        elif piece:
            text = escape(piece)
            # "** word**" does not render as bold: keep the spaces outside the markers.
            core = text.strip()
            if bold and core:
                lead = text[: len(text) - len(text.lstrip())]
                trail = text[len(text.rstrip()) :]
                parts.append(f"{lead}**{core}**{trail}")
            else:
                parts.append(text)
    return "".join(parts)


def link(title: str, url: str | None, limit: int) -> str:
    """`title` (escaped) as a masked link to `url` when it is an http(s) URL, in at most `limit`
    characters; just the escaped title when there is no usable URL or no room for it.
    """
    safe_url = _safe_url(url)
    if safe_url is not None:
        room = limit - len(safe_url) - 4  # "[", "](", ")"
        if room >= 12:
            return f"[{quote(title, room)}]({safe_url})"
    return quote(title, limit)


def _safe_url(url: str | None) -> str | None:
    if not url:
        return None
    url = url.strip()
    if not re.match(r"^https?://[^\s]+$", url, re.IGNORECASE) or len(url) > 512:
        return None
    # Parentheses and angle brackets would end the masked link early.
    return url.replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")


def code(text: str, limit: int) -> str:
    """User or article text as an inline code span of at most `limit` characters.

    Inside backticks nothing is interpreted (and backslash escapes would show), so the text
    is only freed of backticks and put on one line.
    """
    inner = shorten(one_line(text.replace("`", "'")), max(1, limit - 2))
    return f"`{inner}`"


def bold(text: str) -> str:
    """Already-safe text in bold; empty text stays empty (Discord shows "****" literally)."""
    return f"**{text}**" if text else ""
