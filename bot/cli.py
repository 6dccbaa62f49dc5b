"""The command line: ``python -m bot <command>`` (or ``almanac <command>``).

Every command is a thin layer: options -> store query -> text (or JSON with --json). Errors
become one message on stderr and an exit code here, nowhere else:

0 done; 1 the command failed (a bad file, an unknown programme, a database that cannot be
opened); 2 usage or configuration (bad options, bad settings, a day that does not exist).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import logging
import math
import os
import sys
from collections.abc import Callable, Coroutine, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from bot.articles import ArticleError
from bot.config import ConfigError, Settings, load_settings
from bot.daytext import BadDate, day_label, parse_day
from bot.loader import ingest_paths, read_facts
from bot.store import Store
from bot.store.errors import StoreError
from bot.store.results import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    DatedEntry,
    EventEntry,
    ProgrammeRef,
    SourceRef,
)
from bot.version import almanac_version
from bot.when import format_date, format_span, years_ago_text
from bot.wording import plural

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
_DATE_WIDTH = 14  # "29 Nov 2018" and "2002–2014" fit, with room to breathe
_BOLD, _PLAIN = "\x1b[1m", "\x1b[0m"


class CommandError(Exception):
    """The command cannot do what was asked; the message says why. `code` is the exit code."""

    def __init__(self, message: str, code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.code = code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="almanac",
        description="Almanac: facts from news articles, served to Discord and to this shell.",
        epilog="Without a command, runs the bot (as 'run'). Settings come from the environment "
        "and .env (see .env.example).",
    )
    parser.add_argument(
        "--db", metavar="PATH", type=Path, help="the database file (overrides DATABASE_PATH)"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {almanac_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    ingest = commands.add_parser("ingest", help="read articles into the database")
    ingest.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="article files, or folders of *.txt and *.md files (default: SEEDS_DIR)",
    )

    extract = commands.add_parser("extract", help="show the facts of one article (no database)")
    extract.add_argument("file", type=Path, metavar="FILE")
    _json_option(extract, "print exactly the extract contract (Facts.to_json)")

    timeline = commands.add_parser("timeline", help="events in date order")
    timeline.add_argument("--from", dest="start", type=_year, metavar="YEAR", help="first year")
    timeline.add_argument("--to", dest="end", type=_year, metavar="YEAR", help="last year")
    timeline.add_argument("--topic", metavar="PROGRAMME", help="only events naming it")
    _paging_options(timeline)
    _json_option(timeline)

    programme = commands.add_parser("programme", help="explain a programme (acronym or name)")
    programme.add_argument("name", nargs="+", metavar="NAME")
    _json_option(programme)

    onthisday = commands.add_parser("onthisday", help="what happened on a day of the year")
    onthisday.add_argument(
        "day", nargs="?", metavar="MM-DD", help="e.g. 11-29 or '29 November' (default: today)"
    )
    _json_option(onthisday)

    search = commands.add_parser("search", help="full-text search")
    search.add_argument("query", nargs="+", metavar="QUERY")
    _paging_options(search)
    _json_option(search)

    sources = commands.add_parser("sources", help="the articles read, newest first")
    _json_option(sources)
    remove = commands.add_parser(
        "remove", help="forget articles and their facts (by id from 'sources', or file path)"
    )
    remove.add_argument("articles", nargs="+", metavar="ARTICLE", help="an article id or path")
    stats = commands.add_parser("stats", help="how much is stored")
    _json_option(stats)

    commands.add_parser("sync", help="register the slash commands with Discord now")
    commands.add_parser("run", help="run the bot (the default)")
    return parser


def _json_option(parser: argparse.ArgumentParser, text: str = "print JSON") -> None:
    parser.add_argument("--json", action="store_true", help=text)


def _paging_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--limit", type=_positive, default=10, metavar="N", help="per page")
    parser.add_argument("--page", type=_positive, default=1, metavar="P", help="from 1")


def _year(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a year") from None
    if not 0 <= value <= 9999:
        raise argparse.ArgumentTypeError(f"years run from 0 to 9999, not {value}")
    return value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv` (default: sys.argv[1:]); returns the exit code."""
    args = build_parser().parse_args(argv)
    command = args.command or "run"
    try:
        settings = load_settings()
        if args.db is not None:
            settings = dataclasses.replace(settings, database_path=args.db)
        if command in ("run", "sync"):
            return _bot(command, settings)
        logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
        if command == "extract":
            return _extract(args.file, as_json=args.json)
        return asyncio.run(_with_store(settings, command, args))
    except ConfigError as exc:
        print(f"almanac: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except CommandError as exc:
        print(f"almanac: {exc}", file=sys.stderr)
        return exc.code
    except StoreError as exc:
        print(f"almanac: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        # The reader went away (`almanac timeline | head`): stop quietly, as Unix tools do.
        # Python would otherwise complain again when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def _bot(command: str, settings: Settings) -> int:
    # Imported here: the rest of the command line works without discord.py being loaded.
    from bot.client import run_bot, sync_commands

    return run_bot(settings) if command == "run" else sync_commands(settings)


def _extract(path: Path, *, as_json: bool) -> int:
    try:
        found = read_facts(path)
    except ArticleError as exc:
        raise CommandError(str(exc)) from None
    if as_json:
        print(json.dumps(found.to_json(), ensure_ascii=False, indent=2))
        return EXIT_OK
    article = found.article
    about = [article.published_on.isoformat() if article.published_on else "undated"]
    about += [x for x in (article.author, article.source) if x]
    lines = [article.title, " · ".join(about), "", f"Events ({len(found.events)})"]
    lines += [
        _row(
            format_span(e.date, e.end, open_ended=e.open_ended),
            e.summary,
            f"[{', '.join(e.programmes)}]" if e.programmes else "",
        )
        for e in found.events
    ]
    lines += ["", f"Programmes ({len(found.programmes)})"]
    for p in found.programmes:
        lines.append(_row(p.acronym or "-", p.name or ""))
        relations = [
            f"part of {p.part_of}" if p.part_of else "",
            (f"succeeded by {p.succeeded_by}" if p.succeeded_by else ""),
        ]
        for text in (p.description, "; ".join(r for r in relations if r)):
            if text:
                lines.append(_row("", text))
    lines += ["", f"People ({len(found.people)})"]
    lines += [_row("", f"{p.name} — {p.role}" if p.role else p.name) for p in found.people]
    if found.notes:
        lines += ["", "Notes", *(_row("", n) for n in found.notes)]
    print("\n".join(lines))
    return EXIT_OK


_Handler = Callable[[Store, argparse.Namespace, bool], Coroutine[Any, Any, int]]


async def _with_store(settings: Settings, command: str, args: argparse.Namespace) -> int:
    path = settings.database_path
    if command != "ingest" and not await asyncio.to_thread(path.exists):
        raise CommandError(
            f"there is no database at {path} yet; load articles first with "
            "'python -m bot ingest' (or give the right file with --db)"
        )
    store = await Store.open(path)
    try:
        if command == "ingest":
            return await _ingest(store, args.paths or [settings.seeds_dir])
        if command == "remove":
            return await _remove(store, args.articles)
        handler: _Handler = _HANDLERS[command]
        return await handler(store, args, args.json)
    finally:
        await store.close()


async def _ingest(store: Store, paths: list[Path]) -> int:
    report = await ingest_paths(store, paths)
    for outcome in report.files:
        print(outcome.line())
    if not report.files:
        print(f"almanac: no *.txt or *.md files in {', '.join(map(str, paths))}", file=sys.stderr)
    else:
        print(f"almanac: {report}", file=sys.stderr)
    return EXIT_FAILED if report.failed else EXIT_OK


async def _remove(store: Store, refs: list[str]) -> int:
    """Forget each article (its events, mentions, people; programmes only it named)."""
    missing = 0
    for ref in refs:
        found = await store.find_article(ref)
        if found is None or not await store.remove_article(found.article_id):
            print(f"almanac: no article {ref!r} (see 'python -m bot sources')", file=sys.stderr)
            missing += 1
            continue
        print(f"removed    #{found.article_id} {found.title!r}")
    if refs and missing == 0:
        # A file still in SEEDS_DIR comes back at the next start; say so rather than surprise.
        print("almanac: files still in SEEDS_DIR are read again at the next start", file=sys.stderr)
    return EXIT_FAILED if missing else EXIT_OK


async def _timeline(store: Store, args: argparse.Namespace, as_json: bool) -> int:
    offset = (args.page - 1) * args.limit
    page = await store.timeline(args.start, args.end, args.topic, args.limit, offset)
    if args.topic and page.topic is None:
        lookup = await store.programme(args.topic)
        raise CommandError(_unknown_programme(args.topic, lookup.suggestions))
    pages = max(1, math.ceil(page.total / page.limit))
    if as_json:
        return _print_json(
            {
                "total": page.total,
                "offset": page.offset,
                "limit": page.limit,
                "page": args.page,
                "pages": pages,
                "topic": _ref_json(page.topic) if page.topic else None,
                "events": [_event_json(e) for e in page.entries],
            }
        )
    window = _window_text(args.start, args.end)
    title = " · ".join(
        part
        for part in ("Timeline", window, f"topic: {page.topic.label}" if page.topic else "")
        if part
    )
    if not page.entries:
        print(f"{title}: no events" + (f" on page {args.page} of {pages}" if page.total else ""))
        return EXIT_OK
    first = page.offset + 1
    print(f"{title} · {first}–{page.offset + len(page.entries)} of {page.total}")
    for entry in page.entries:
        print(_event_line(entry))
    if args.page < pages:
        print(f"(page {args.page} of {pages}; next: --page {args.page + 1})")
    return EXIT_OK


async def _programme(store: Store, args: argparse.Namespace, as_json: bool) -> int:
    name = " ".join(args.name)
    lookup = await store.programme(name)
    found = lookup.found
    if found is None:
        if as_json:
            _print_json({"found": False, "suggestions": [_ref_json(r) for r in lookup.suggestions]})
            return EXIT_FAILED
        raise CommandError(_unknown_programme(name, lookup.suggestions))
    if as_json:
        return _print_json(
            {
                "found": True,
                "programme": {
                    **_ref_json(found.ref),
                    "explanation": found.explanation,
                    "events": [_event_json(e) for e in found.events],
                    "events_total": found.events_total,
                    "part_of": [_ref_json(r) for r in found.part_of],
                    "parts": [_ref_json(r) for r in found.parts],
                    "succeeded_by": [_ref_json(r) for r in found.succeeded_by],
                    "preceded_by": [_ref_json(r) for r in found.preceded_by],
                    "sources": [_source_json(s) for s in found.sources],
                },
            }
        )
    lines = [found.ref.label, "", *(found.explanation or "(no explanation yet)").split("\n")]
    for heading, refs in (
        ("Part of", found.part_of),
        ("Parts", found.parts),
        ("Succeeded by", found.succeeded_by),
        ("Preceded by", found.preceded_by),
    ):
        if refs:
            lines.append(f"{heading}: {', '.join(r.label for r in refs)}")
    shown = len(found.events)
    total = found.events_total if found.events_total is not None else shown
    lines += ["", f"Events ({total})" if shown == total else f"Events ({shown} of {total})"]
    lines += [_event_line(e) for e in found.events] or ["  none dated yet"]
    if shown < total:
        lines.append(f"  … all of them: timeline --topic {found.ref.acronym or found.ref.name!r}")
    lines += ["", "Sources", *(f"  {_source_text(s)}" for s in found.sources)]
    print("\n".join(lines))
    return EXIT_OK


async def _onthisday(store: Store, args: argparse.Namespace, as_json: bool) -> int:
    today = date.today()  # the local date of the machine, as a person at it expects
    try:
        month, day = parse_day(args.day, today) if args.day else (today.month, today.day)
    except BadDate as exc:
        raise CommandError(str(exc), EXIT_USAGE) from None
    result = await store.on_this_date(month, day, today)
    if as_json:
        return _print_json(
            {
                "month": result.month,
                "day": result.day,
                "total": result.total,
                "entries": [_dated_json(d) for d in result.entries],
                "fallback": [_dated_json(d) for d in result.fallback],
                "fallback_note": result.fallback_note,
            }
        )
    label = day_label(month, day)
    if result.entries:
        shown = len(result.entries)
        total = result.total if result.total is not None else shown
        events = f"{total} event{'s' if total != 1 else ''}"
        count = events if shown == total else f"the first {shown} of {events}"
        print(f"On this day, {label}: {count}")
        for dated in result.entries:
            print(
                _event_line(
                    dated.event,
                    when=f"{dated.event.date[:4]}",
                    aside=years_ago_text(dated.years_ago),
                )
            )
        return EXIT_OK
    print(f"Nothing on record for {label}. {result.fallback_note or ''}".rstrip())
    for dated in result.fallback:
        print(_event_line(dated.event, aside=years_ago_text(dated.years_ago)))
    return EXIT_OK


async def _search(store: Store, args: argparse.Namespace, as_json: bool) -> int:
    query = " ".join(args.query)
    page = await store.search(query, args.limit, (args.page - 1) * args.limit)
    if as_json:
        hits = []
        for hit in page.hits:
            text, spans = _highlight_spans(hit.snippet)
            hits.append(
                {
                    "kind": hit.kind,
                    "title": hit.title,
                    "snippet": text,
                    "highlights": spans,
                    "date": hit.date,
                    "source": _source_json(hit.source) if hit.source else None,
                }
            )
        return _print_json(
            {
                "query": page.query,
                "total": page.total,
                "offset": page.offset,
                "limit": page.limit,
                "hits": hits,
            }
        )
    if not page.total:
        print(f"No matches for {query!r}.")
        return EXIT_OK
    pages = max(1, math.ceil(page.total / page.limit))
    print(f"Search {query!r}: {page.total} matches, page {args.page} of {pages}")
    bold = sys.stdout.isatty()
    for hit in page.hits:
        kind = hit.kind + (f" {format_date(hit.date)}" if hit.date else "")
        print(_row(kind, hit.title, f"[{_source_text(hit.source)}]" if hit.source else ""))
        print(_row("", _marked(hit.snippet, bold)))
    return EXIT_OK


async def _sources(store: Store, args: argparse.Namespace, as_json: bool) -> int:
    summaries = await store.sources()
    if as_json:
        return _print_json(
            [
                {
                    **_source_json(s.source),
                    "events": s.events,
                    "programmes": s.programmes,
                    "people": s.people,
                }
                for s in summaries
            ]
        )
    if not summaries:
        print("No articles yet.")
    for s in summaries:
        counts = ", ".join(
            (
                plural(s.events, "event"),
                plural(s.programmes, "programme"),
                plural(s.people, "person", "people"),
            )
        )
        ref = f"#{s.source.article_id}"
        print(_row(s.source.published_on or "undated", f"{ref} {s.source.title}", f"({counts})"))
    return EXIT_OK


async def _stats(store: Store, args: argparse.Namespace, as_json: bool) -> int:
    stats = await store.stats()
    if as_json:
        return _print_json(dataclasses.asdict(stats))
    rows = [
        ("Articles", f"{stats.articles:,}"),
        ("Events", f"{stats.events:,}"),
        ("Programmes", f"{stats.programmes:,}"),
        ("People", f"{stats.people:,}"),
        ("Earliest", format_date(stats.earliest) if stats.earliest else "-"),
        ("Latest", format_date(stats.latest) if stats.latest else "-"),
    ]
    for name, value in rows:
        print(f"{name:<12}{value}")
    return EXIT_OK


_HANDLERS: dict[str, _Handler] = {
    "timeline": _timeline,
    "programme": _programme,
    "onthisday": _onthisday,
    "search": _search,
    "sources": _sources,
    "stats": _stats,
}


# -- text --------------------------------------------------------------------------------------


def _row(first: str, second: str, third: str = "") -> str:
    """One aligned line: a short first column, the text, then anything bracketed after it."""
    # At least two spaces after the first column, even for a long range ("Jun 2022–Nov 2024").
    line = f"  {first:<{_DATE_WIDTH - 2}}  {second}"
    return f"{line}   {third}" if third else line


def _source_text(source: SourceRef) -> str:
    return f"{source.title}, {source.published_on}" if source.published_on else source.title


def _event_line(entry: EventEntry, *, when: str | None = None, aside: str = "") -> str:
    source = f"[{_source_text(entry.source)}]"
    text = f"{entry.summary} ({aside})" if aside else entry.summary
    return _row(
        when or format_span(entry.date, entry.end, open_ended=entry.open_ended), text, source
    )


def _window_text(start: int | None, end: int | None) -> str:
    if start is None and end is None:
        return ""
    if start is not None and end is not None:
        low, high = sorted((start, end))
        return str(low) if low == high else f"{low}–{high}"
    return f"from {start}" if start is not None else f"until {end}"


def _unknown_programme(name: str, suggestions: Sequence[ProgrammeRef]) -> str:
    text = f"no programme called {name!r}"
    if suggestions:
        text += "; did you mean: " + "; ".join(s.label for s in suggestions)
    return text


def _marked(snippet: str, bold: bool) -> str:
    """The snippet with matches in ANSI bold (bold=True) or [brackets]."""
    start, end = (_BOLD, _PLAIN) if bold else ("[", "]")
    return snippet.replace(HIGHLIGHT_START, start).replace(HIGHLIGHT_END, end)


def _highlight_spans(snippet: str) -> tuple[str, list[list[int]]]:
    """The snippet without markers, and [start, end) character offsets of its matches."""
    text: list[str] = []
    spans: list[list[int]] = []
    length = 0
    for char in snippet:
        if char == HIGHLIGHT_START:
            spans.append([length, length])
        elif char == HIGHLIGHT_END:
            if spans:
                spans[-1][1] = length
        else:
            text.append(char)
            length += 1
    return "".join(text), spans


# -- JSON --------------------------------------------------------------------------------------


def _print_json(value: object) -> int:
    print(json.dumps(value, ensure_ascii=False, indent=2))
    return EXIT_OK


def _ref_json(ref: ProgrammeRef) -> dict[str, Any]:
    return {"id": ref.id, "acronym": ref.acronym, "name": ref.name, "label": ref.label}


def _source_json(source: SourceRef) -> dict[str, Any]:
    return dataclasses.asdict(source)


def _event_json(entry: EventEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "date": entry.date,
        "end": entry.end,
        "precision": entry.precision,
        "summary": entry.summary,
        "sentence": entry.sentence,
        "programmes": list(entry.programmes),
        "open_ended": entry.open_ended,
        "source": _source_json(entry.source),
    }


def _dated_json(dated: DatedEntry) -> dict[str, Any]:
    return {"years_ago": dated.years_ago, "event": _event_json(dated.event)}
