"""Smoke: benchmark 1 on a handful of articles (shape and counts, never timings)."""

from __future__ import annotations

from pathlib import Path

from bench import extraction, ingestion
from bench.synthetic import generate


def test_extraction_benchmark_counts_the_expected_events_for_both_extractors() -> None:
    result = extraction.run(3)
    expected = sum(len(a.expected) for a in generate(3))
    assert result["articles"] == 3
    assert result["expected_events"] == expected > 0
    for name in ("almanac", "dateparser"):
        side = result[name]
        assert 0 <= side["found"] <= expected
        assert side["recall"] == side["found"] / expected
        assert side["articles_per_second"] > 0
    assert result["speedup"] > 0


def test_ingestion_loads_every_article_into_a_fresh_database(tmp_path: Path) -> None:
    result = ingestion.measure(tmp_path, 3)
    assert result["articles"] == 3
    assert result["failed"] == 0
    assert result["events"] >= sum(len(a.expected) for a in generate(3)) * 0.9
    assert result["files_per_s"] > 0 and result["store_per_s"] > 0
    assert sorted(p.name for p in (tmp_path / "articles").iterdir()) == [
        "article-00000.txt",
        "article-00001.txt",
        "article-00002.txt",
    ]


def test_ingestion_starts_from_an_empty_database_on_every_run(tmp_path: Path) -> None:
    first = ingestion.measure(tmp_path, 2)
    again = ingestion.measure(tmp_path, 2)
    assert again["events"] == first["events"]  # not doubled, not "unchanged"
