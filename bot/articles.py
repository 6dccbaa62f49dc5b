"""A file on disk (or a string) becomes an :class:`~bot.facts.Article`, or a clear ArticleError.

Accepted shapes:

* the seed format: a first line ``date YYYY-MM-DD By Author`` (leading spaces allowed; the
  ``By Author`` part is optional), then optional ``title: ...`` / ``source: URL`` /
  ``author: ...`` header lines, then paragraphs separated by blank lines;
* Markdown with a front matter block (``---`` / ``title:``, ``date:``, ``author:``,
  ``source:`` / ``---``), ``#`` headings and ``-``, ``*``, ``+``, ``1.`` list items;
* plain text with no date line at all (reference pages): ``published_on`` is then None.

Nothing here interprets the prose; that is :mod:`bot.extract`'s job.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

from bot.daytext import MONTH_NAMES
from bot.facts import Article, Block

MAX_BYTES = 5 * 1024 * 1024
TITLE_MAX_CHARS = 60


class ArticleError(ValueError):
    """The file cannot be read as an article; the message names the file and the problem."""


# "date 2018-11-29 By Abdul Kerimkhanov". The first token after "date" must contain a digit
# for the line to count as a date line, so prose such as "Date palms grow..." is not refused.
_DATE_LINE = re.compile(r"^\s*date[ \t:]+(?P<token>\S*\d\S*)(?P<rest>.*)$", re.IGNORECASE)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_BY_AUTHOR = re.compile(r"^\s*(?:by\b[ \t:]*(?P<author>.*))?$", re.IGNORECASE)
_HEADER = re.compile(r"^\s*(?P<key>title|source|author|url)\s*:\s*(?P<value>.*?)\s*$", re.I)
_FRONT_KEY = re.compile(r"^\s*(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*?)\s*$")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+(?P<text>\S.*)$")
# A sentence ends with one of these, perhaps followed by closing quotes and brackets.
_SENTENCE_MARKS = (".", "!", "?", "…")
_CLOSERS = "\"'”’)]"
# The characters a list item may start with ("-", "*", "+", "•", "1." ...).
_LIST_OPENERS = frozenset("-*+•0123456789")
_LEAD_SENTENCE = re.compile(r"^(.+?[.!?])(?=\s+[\"'“‘(]?[A-Z0-9]|$)", re.S)


def parse_article(path: Path | str) -> Article:
    """Read and parse the article at `path`.

    Raises ArticleError (naming the file) when it does not exist, is not a regular file, is
    larger than 5 MB (checked before reading), is binary (NUL bytes), is not UTF-8 (the
    message gives the byte offset), is empty, or has a malformed or impossible date.
    """
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise ArticleError(f"{p}: file not found") from None
    except OSError as exc:
        raise ArticleError(f"{p}: cannot read the file ({exc.strerror or exc})") from None
    if not p.is_file():
        raise ArticleError(f"{p}: not a regular file")
    if size > MAX_BYTES:
        raise ArticleError(f"{p}: file is {size:,} bytes, larger than the 5 MB limit")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ArticleError(f"{p}: cannot read the file ({exc.strerror or exc})") from None
    return _parse_bytes(data, str(p))


def parse_text(text: str, path: str | None = None) -> Article:
    """Parse an article held in a string; the same rules as :func:`parse_article`.

    `path` only names the article in error messages and in ``Article.path``. The sha256 is
    that of the text's UTF-8 encoding. Raises ArticleError like parse_article.
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        # Lone surrogates cannot be stored or shown; refuse them like undecodable bytes.
        raise ArticleError(
            f"{path or '<text>'}: not valid Unicode text (unpaired surrogate at character "
            f"{exc.start})"
        ) from None
    return _parse_bytes(data, path)


def _parse_bytes(data: bytes, path: str | None) -> Article:
    name = path or "<text>"
    if len(data) > MAX_BYTES:
        raise ArticleError(f"{name}: text is {len(data):,} bytes, larger than the 5 MB limit")
    nul = data.find(b"\x00")
    if nul != -1:
        raise ArticleError(f"{name}: looks binary (NUL byte at offset {nul}), not a text article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            f"{name}: not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}); save the file as UTF-8"
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ArticleError(f"{name}: the file is empty (no text at all)")

    lines = text.split("\n")
    meta: dict[str, str] = {}
    published_on: date | None = None
    body_start = 0
    first = _first_nonblank(lines, 0)

    if lines[first].strip() == "---":
        published_on, body_start = _front_matter(lines, first, meta, name)
    else:
        # "title: ..." may come before the date line as well as after it.
        before: dict[str, str] = {}
        headed = _header_lines(lines, first, before)
        if headed > first and headed < len(lines) and _DATE_LINE.match(lines[headed]):
            first = headed
            meta.update(before)
        match = _DATE_LINE.match(lines[first])
        if match:
            published_on = _iso_date(match["token"], name, f"line {first + 1}")
            by = _BY_AUTHOR.match(match["rest"])
            if by is None:
                raise ArticleError(
                    f"{name}: line {first + 1}: malformed date line {lines[first].strip()!r}; "
                    "expected 'date YYYY-MM-DD By Author'"
                )
            if by["author"] and by["author"].strip():
                meta["author"] = by["author"].strip()
            body_start = _header_lines(lines, first + 1, meta)

    if published_on is None and body_start == 0:
        found = _published_line(lines, first)
        if found is not None:
            index, published_on = found
            lines = lines[:index] + lines[index + 1 :]
    blocks = _blocks(lines[body_start:])
    if not blocks:
        raise ArticleError(f"{name}: the article has a header but no text")
    title = meta.get("title") or _title_from(blocks)
    source = meta.get("source") or meta.get("url") or None
    return Article(
        title=title,
        published_on=published_on,
        author=meta.get("author") or None,
        source=source,
        blocks=tuple(blocks),
        sha256=hashlib.sha256(data).hexdigest(),
        path=path,
    )


def _first_nonblank(lines: list[str], start: int) -> int:
    for i in range(start, len(lines)):
        if lines[i].strip():
            return i
    return len(lines)


def _iso_date(token: str, name: str, where: str) -> date:
    """`token` as a date, or ArticleError saying whether it is malformed or impossible."""
    token = token.strip().strip("\"'")
    # Front matter often carries a timestamp ("2018-11-29T10:00:00Z"); its date part counts.
    token = re.split(r"[T ]", token, maxsplit=1)[0]
    match = _ISO_DATE.match(token)
    if not match:
        raise ArticleError(
            f"{name}: {where}: malformed date {token!r}; expected YYYY-MM-DD, e.g. 2018-11-29"
        )
    year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise ArticleError(f"{name}: {where}: impossible date {token!r} ({exc})") from None


# A plain-text article's own date line under its headline: "Published 12 March 2025".
_PUBLISHED = re.compile(
    r"^\s*(?:Published|Posted|Updated)(?:\s+on)?:?\s+(?P<day>\d{1,2})\s+"
    rf"(?P<month>{'|'.join(MONTH_NAMES)})\s+(?P<year>\d{{4}})\s*$"
)
PUBLISHED_LINE_WINDOW = 5  # how many lines from the top may hold it


def _published_line(lines: list[str], first: int) -> tuple[int, date] | None:
    """The index and date of a "Published 12 March 2025" line near the top, if any."""
    for i in range(first, min(len(lines), first + PUBLISHED_LINE_WINDOW)):
        match = _PUBLISHED.match(lines[i])
        if match:
            try:
                month = MONTH_NAMES.index(match["month"]) + 1
                day = date(int(match["year"]), month, int(match["day"]))
            except ValueError:
                return None
            return i, day
    return None


def _header_lines(lines: list[str], start: int, meta: dict[str, str]) -> int:
    """Consume `title:` / `source:` / `author:` lines after the date line; return body start."""
    i = _first_nonblank(lines, start)
    while i < len(lines):
        match = _HEADER.match(lines[i])
        if not match or not match["value"]:
            break
        meta.setdefault(match["key"].lower(), _unquote(match["value"]))
        i += 1
    return i


def _front_matter(
    lines: list[str], opening: int, meta: dict[str, str], name: str
) -> tuple[date | None, int]:
    """Read a ``---`` front matter block into `meta`; return (published_on, body start)."""
    published_on: date | None = None
    for i in range(opening + 1, len(lines)):
        line = lines[i]
        if line.strip() in ("---", "..."):
            return published_on, i + 1
        match = _FRONT_KEY.match(line)
        if not match:
            continue  # YAML list entries and the like: not ours to interpret
        key, value = match["key"].lower(), _unquote(match["value"])
        if key == "date" and value:
            published_on = _iso_date(value, name, f"front matter line {i + 1}")
        elif key in ("title", "author", "source", "url") and value:
            meta.setdefault(key, value)
    raise ArticleError(
        f"{name}: the front matter opened with '---' on line {opening + 1} is never closed "
        "(add a line with '---' after the last key)"
    )


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1].strip()
    return value


def _blocks(lines: list[str]) -> list[Block]:
    """Group lines into blocks: paragraphs, headings, list items and label lines."""
    blocks: list[Block] = []
    chunk: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            chunk.append(line)
        elif chunk:
            blocks.extend(_chunk_blocks(chunk, first=not blocks))
            chunk = []
    return blocks


def _chunk_blocks(chunk: list[str], first: bool) -> list[Block]:
    """One blank-line-separated chunk -> its blocks (a chunk may mix headings and items)."""
    out: list[Block] = []
    prose: list[str] = []
    item: list[str] | None = None

    def flush() -> None:
        nonlocal item
        if item is not None:
            out.append(Block("list_item", _join(item)))
            item = None
        if prose:
            text = _join(prose)
            out.append(Block(_prose_kind(text, first=first and not out), text))
            prose.clear()

    for raw in chunk:
        # Most lines are prose: look at the first character before trying the patterns.
        opening = raw.lstrip()[:1]
        heading = _MD_HEADING.match(raw) if opening == "#" else None
        listed = _LIST_ITEM.match(raw) if opening in _LIST_OPENERS or opening.isdigit() else None
        if heading:
            flush()
            if heading["text"]:
                out.append(Block("heading", _strip_markup(heading["text"])))
        elif listed:
            flush()
            item = [listed["text"]]
        elif item is not None and raw[:1].isspace():
            item.append(raw)  # an indented continuation of the list item
        else:
            if item is not None:
                flush()
            prose.append(raw)
    flush()
    return out


def _prose_kind(text: str, first: bool) -> str:
    """A paragraph, or a short line without sentence punctuation (a heading or a label)."""
    if text.rstrip(_CLOSERS)[-1:] in _SENTENCE_MARKS or len(text.split()) > 12:
        return "paragraph"
    if text.endswith(":") or ":" in text[:30] or not first:
        return "label"
    return "heading"


def _join(lines: list[str]) -> str:
    return _strip_markup(" ".join(line.strip() for line in lines))


_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)\s]+\)")


_CITATION = re.compile(r"\[(?:\d{1,3}|[a-z]|citation needed|note \d+)\]")


def _strip_markup(text: str) -> str:
    """Drop Markdown emphasis, link targets and reference-page citation marks ("[1]") so
    the prose reads plainly."""
    if "[" in text:
        text = _MD_LINK.sub(r"\1", text)
        text = _CITATION.sub("", text)
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3), text)
    # Whitespace other than single plain spaces is not printable: most text needs no work.
    if "  " in text or not text.isprintable() or text[:1] == " " or text[-1:] == " ":
        return " ".join(text.split())
    return text


def _title_from(blocks: list[Block]) -> str:
    """The first heading if the text starts with one, else a few words of the lead sentence."""
    if blocks[0].kind == "heading":
        return blocks[0].text
    lead = next((b.text for b in blocks if b.kind in ("paragraph", "list_item")), blocks[0].text)
    return short_title(lead)


def short_title(text: str, limit: int = TITLE_MAX_CHARS) -> str:
    """The lead sentence of `text`, cut at a word boundary with an ellipsis when too long."""
    match = _LEAD_SENTENCE.match(text)
    sentence = (match.group(1) if match else text).strip()
    if len(sentence) <= limit:
        return sentence.rstrip(".!? ") or sentence
    cut = sentence[: limit + 1]
    # Prefer ending at a clause boundary when one falls in the second half of the budget.
    clause = max(cut.rfind(", "), cut.rfind("; "), cut.rfind(" – "), cut.rfind(" — "))
    if clause >= limit // 2:
        cut = cut[:clause]
    else:
        space = cut.rfind(" ")
        cut = cut[:space] if space > 0 else cut[:limit]
    return cut.rstrip(" ,;:–—-") + "…"


__all__ = ["MAX_BYTES", "ArticleError", "parse_article", "parse_text", "short_title"]
