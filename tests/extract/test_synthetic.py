"""The benchmark's synthetic articles: deterministic, parseable, and fully recalled."""

from __future__ import annotations

from collections import Counter

from bench.synthetic import generate
from bot.articles import parse_text
from bot.extract import extract


def test_same_seed_same_articles() -> None:
    assert generate(5, seed=3) == generate(5, seed=3)
    assert generate(5, seed=3) != generate(5, seed=4)


def test_articles_are_realistic_in_size_and_parse() -> None:
    for article in generate(8, seed=11):
        parsed = parse_text(article.text)
        assert parsed.published_on == article.published_on
        assert 250 <= len(article.text.split()) <= 1500
        assert article.expected


def test_extraction_finds_the_expected_events_and_no_others() -> None:
    for article in generate(12, seed=5):
        got = Counter((e.date, e.end) for e in extract(parse_text(article.text)).events)
        assert got == Counter(article.expected)
