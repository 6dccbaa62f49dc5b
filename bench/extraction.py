"""Extraction speed and recall versus ``dateparser.search.search_dates``.

``run(n)`` generates n synthetic articles (bench.synthetic), then in one run measures

* Almanac: parse_text + extract on every article (articles/s), and how many of the
  expected dated events it finds (matched on date and end) and how many events it adds;
* dateparser, called two ways on the same texts:
  - as most code calls it, ``search_dates(text)`` (it then detects the language, which
    dominates its cost); timed on the first ``default_sample`` articles only, as it takes
    close to a second per article;
  - tuned as well as it allows: English only, relative base = the article's date. Timed on
    every article, and used to count how many expected events dateparser finds: a year,
    month or day event counts when one of its datetimes agrees at that precision, a range
    when both of its ends are found.

Times are CPU seconds of this process (``time.process_time``), so other work on a busy
machine does not skew the ratio.

Run ``python -m bench.extraction --n 200`` for a small table. dateparser is only needed
here (the ``bench`` extra), never by the bot itself.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Iterable
from datetime import datetime

from bench.synthetic import SyntheticArticle, generate
from bot.articles import parse_text
from bot.extract import extract


def run(n: int = 200, seed: int = 7, default_sample: int = 10) -> dict:
    """Measure both extractors on n synthetic articles; returns plain numbers."""
    articles = generate(n, seed)
    words = sum(len(a.text.split()) for a in articles)
    expected_total = sum(len(a.expected) for a in articles)

    extract(parse_text(articles[0].text))  # imports and caches warm, like dateparser's
    started = time.process_time()
    found_events = [extract(parse_text(a.text)).events for a in articles]
    ours_seconds = time.process_time() - started
    ours_found = ours_extra = 0
    for article, events in zip(articles, found_events, strict=True):
        got = Counter((e.date, e.end) for e in events)
        want = Counter(article.expected)
        ours_found += sum((got & want).values())
        ours_extra += sum((got - want).values())

    dateparser_seconds, dateparser_found = _dateparser(articles)
    # search_dates' defaults take about a second an article: a small sample is enough.
    sample = articles[: max(1, min(default_sample, n // 20))]
    default_seconds = _dateparser_default(sample)
    ours_rate = n / ours_seconds if ours_seconds else float("inf")
    default_rate = len(sample) / default_seconds if default_seconds else 0.0
    return {
        "articles": n,
        "words": words,
        "expected_events": expected_total,
        "almanac": {
            "seconds": ours_seconds,
            "articles_per_second": n / ours_seconds if ours_seconds else float("inf"),
            "found": ours_found,
            "recall": ours_found / expected_total if expected_total else 1.0,
            "extra_events": ours_extra,
        },
        "dateparser": {
            "seconds": dateparser_seconds,
            "articles_per_second": n / dateparser_seconds if dateparser_seconds else 0.0,
            "found": dateparser_found,
            "recall": dateparser_found / expected_total if expected_total else 1.0,
        },
        "dateparser_default": {
            "articles": len(sample),
            "seconds": default_seconds,
            "articles_per_second": default_rate,
        },
        "speedup": dateparser_seconds / ours_seconds if ours_seconds else float("inf"),
        "speedup_vs_default": ours_rate / default_rate if default_rate else float("inf"),
    }


def _dateparser(articles: list[SyntheticArticle]) -> tuple[float, int]:
    from dateparser.search import search_dates

    search_dates("warm-up on 1 May 2001", languages=["en"])  # loads its data once
    found = 0
    started = time.process_time()
    results = []
    for article in articles:
        base = datetime.combine(article.published_on, datetime.min.time())
        settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
        results.append(search_dates(article.text, languages=["en"], settings=settings) or [])
    seconds = time.process_time() - started
    for article, hits in zip(articles, results, strict=True):
        stamps = [d for _, d in hits]
        found += sum(1 for event in article.expected if _dateparser_has(event, stamps))
    return seconds, found


def _dateparser_default(articles: list[SyntheticArticle]) -> float:
    from dateparser.search import search_dates

    search_dates("warm-up on 1 May 2001")
    started = time.process_time()
    for article in articles:
        search_dates(article.text)
    return time.process_time() - started


def _dateparser_has(event: tuple[str, str | None], stamps: Iterable[datetime]) -> bool:
    stamps = list(stamps)
    return all(any(_agrees(part, stamp) for stamp in stamps) for part in event if part is not None)


def _agrees(value: str, stamp: datetime) -> bool:
    parts = [int(p) for p in value.split("-")]
    return [stamp.year, stamp.month, stamp.day][: len(parts)] == parts


def _table(result: dict) -> str:
    ours, theirs = result["almanac"], result["dateparser"]
    default = result["dateparser_default"]
    lines = [
        f"{result['articles']} synthetic articles, {result['words']:,} words, "
        f"{result['expected_events']} expected dated events (CPU seconds)",
        "",
        f"{'':22} {'articles/s':>11} {'seconds':>8} {'found':>6} {'recall':>7} {'extra':>6}",
        f"{'almanac extract':22} {ours['articles_per_second']:11.1f} {ours['seconds']:8.2f} "
        f"{ours['found']:6d} {ours['recall']:7.1%} {ours['extra_events']:6d}",
        f"{'dateparser (en, base)':22} {theirs['articles_per_second']:11.1f} "
        f"{theirs['seconds']:8.2f} {theirs['found']:6d} {theirs['recall']:7.1%} {'-':>6}",
        f"{'dateparser (default)':22} {default['articles_per_second']:11.1f} "
        f"{default['seconds']:8.2f} {'-':>6} {'-':>7} {'-':>6}"
        f"   (first {default['articles']} articles)",
        "",
        f"almanac is {result['speedup_vs_default']:.0f}x faster than search_dates(text) and "
        f"{result['speedup']:.1f}x faster than search_dates tuned to English",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="number of synthetic articles")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--default-sample",
        type=int,
        default=10,
        help="articles timed with search_dates' default settings (slow: ~1 s each)",
    )
    args = parser.parse_args(argv)
    print(_table(run(args.n, args.seed, args.default_sample)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
