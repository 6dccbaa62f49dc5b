"""docs/benchmarks.md from made-up results: verdicts follow the targets, sections render."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from bench import report


def _latency(p50: float, p99: float, n: int = 100) -> dict[str, Any]:
    return {"n": n, "p50_ms": p50, "p99_ms": p99, "max_ms": p99 + 1}


def _interactions(label: str, p99: float) -> dict[str, Any]:
    run = {
        "label": label,
        "guilds": 10_000,
        "count": 1000,
        "concurrency": 1,
        "seconds": 9.5,
        "all": {**_latency(3.0, p99, 1000), "answer": _latency(3.1, p99 + 2), "deferred": 150},
        "failures": {},
        "over_deadline": 0,
        "rss_after_mb": 180.0,
    }
    for kind in report.INTERACTION_KINDS:
        run[kind] = _latency(2.0, p99)
    return run


def good_results() -> dict[str, Any]:
    """Every target met."""
    memory_run = {"rss_mb": 120.0, "anon_mb": 80.0, "file_mb": 40.0, "uss_mb": 100.0}
    return {
        "quick": False,
        "total_s": 420.0,
        "machine": {"cpu": "Test CPU", "date": "2025-01-01 00:00 UTC", "commit": "abc1234"},
        "durations": {"extraction": 30.0, "fanout": 210.0},
        "errors": {},
        "extraction": {
            "articles": 200,
            "words": 80_000,
            "expected_events": 6000,
            "almanac": {
                "seconds": 1.0,
                "articles_per_second": 200.0,
                "found": 6000,
                "recall": 1.0,
                "extra_events": 3,
            },
            "dateparser": {
                "seconds": 25.0,
                "articles_per_second": 8.0,
                "found": 5000,
                "recall": 5000 / 6000,
            },
            "speedup": 25.0,
        },
        "ingestion": {
            "articles": 200,
            "events": 6000,
            "programmes": 20,
            "seconds": 4.0,
            "files_per_s": 50.0,
            "store_seconds": 2.0,
            "store_per_s": 100.0,
            "failed": 0,
        },
        "queries": {
            "database": {"events": 1_000_000, "programmes": 10_000, "articles": 50_000},
            "open_ms": 300.0,
            **{kind: _latency(1.0, 4.0) for kind in report.QUERY_KINDS},
            "autocomplete": _latency(0.1, 1.5),
        },
        "interactions": {
            "main": _interactions("1,000,000 events", 20.0),
            "empty": _interactions("empty database", 5.0),
        },
        "fanout": {
            "servers": 10_000,
            "limit_per_s": 50.0,
            "rate_per_s": 47.0,
            "concurrency": 16,
            "bound_s": 200.0,
            "seconds": 213.0,
            "ratio": 1.065,
            "first_to_last_post_s": 212.5,
            "posts_attempted": 10_000,
            "posts_429": 0,
            "share_429": 0.0,
            "requests": 10_010,
            "requests_429": 0,
            "sent": 10_000,
            "outcomes": {"empty": 0, "retrying": 0},
            "lost": 0,
            "doubled": 0,
            "logged_sent": 10_000,
            "bot_cpu_s": 60.0,
            "buckets": 10_002,
        },
        "memory": {
            "events": "1,000,000",
            "baseline": {**memory_run, "label": "1 guild, empty", "rss_mb": 54.0, "ready_s": 2},
            "main": {**memory_run, "label": "10,000 guilds", "guilds": 10_000, "ready_s": 4.5},
        },
    }


def verdicts(results: dict[str, Any]) -> dict[str, bool | None]:
    return {f"{c.benchmark}: {c.measure}": c.passed for c in report.checks(results)}


def test_every_target_met_gives_a_pass_for_each_and_says_so() -> None:
    results = good_results()
    found = verdicts(results)
    # 2 extraction, 1 ingestion (no target), 6 queries, 2 interactions, 3 fan-out, 1 memory
    assert len(found) == 15
    assert [name for name, passed in found.items() if passed is None] == [
        "1. Ingestion: files -> fresh database (200 articles)"
    ]
    assert all(passed in (True, None) for passed in found.values()), found
    text = report.render(results)
    assert "All 14 targets met." in text
    assert "**FAIL**" not in text
    assert "| Test CPU |" in text


def test_missed_targets_fail_and_are_counted_in_the_heading() -> None:
    results = good_results()
    results["extraction"]["speedup"] = 6.2
    results["queries"]["autocomplete"]["p99_ms"] = 2.5  # its own, stricter target
    results["queries"]["search"]["p99_ms"] = 4.9  # under 5 ms: still a pass
    results["fanout"]["ratio"] = 1.2
    failed = [name for name, passed in verdicts(results).items() if passed is False]
    assert failed == [
        "1. Extraction: speed vs search_dates tuned to English (200 articles)",
        "2. Queries: autocomplete p99 (1,000,000 events)",
        "4. Daily fan-out: time / bound (10,000 servers, limit 50/s)",
    ]
    assert "**3 of 14 targets missed.**" in report.render(results)


def test_extraction_speed_is_checked_against_both_dateparser_baselines() -> None:
    results = good_results()
    results["extraction"]["speedup"] = 14.5
    results["extraction"]["dateparser_default"] = {
        "articles": 10,
        "seconds": 8.0,
        "articles_per_second": 1.25,
    }
    results["extraction"]["speedup_vs_default"] = 260.0
    found = verdicts(results)
    assert found["1. Extraction: speed vs search_dates(text) (10 articles sampled)"] is True
    assert found["1. Extraction: speed vs search_dates tuned to English (200 articles)"] is False


def test_a_lost_or_doubled_post_or_a_missing_log_row_fails_the_fanout() -> None:
    for change in ({"lost": 1}, {"doubled": 1}, {"logged_sent": 9_999}):
        results = good_results()
        results["fanout"].update(change)
        assert verdicts(results)["4. Daily fan-out: lost / doubled posts"] is False, change


def test_too_many_429s_fail_and_interaction_failures_fail_even_when_fast() -> None:
    results = good_results()
    results["fanout"].update(posts_429=100, share_429=0.01)
    results["interactions"]["main"]["failures"] = {"no callback": 1}
    found = verdicts(results)
    assert found["4. Daily fan-out: 429 answers to posts"] is False
    assert found["3. Interactions: answered correctly in time"] is False


def test_memory_over_the_target_fails() -> None:
    results = good_results()
    results["memory"]["main"]["rss_mb"] = 151.0
    assert verdicts(results)[
        "5. Memory: bot RSS after READY (10,000 guilds, 1,000,000 events)"
    ] is (False)


def test_benchmarks_not_run_or_broken_are_shown_as_such() -> None:
    results = copy.deepcopy(good_results())
    del results["fanout"]
    results["errors"] = {"fanout": "BotProcessError: the bot process exited"}
    text = report.render(results)
    assert "## 4. Daily fan-out\n\nNot run." in text
    assert "- **fanout**: BotProcessError: the bot process exited" in text
    assert not any(c.benchmark.startswith("4.") for c in report.checks(results))


def test_write_keeps_the_raw_numbers_as_json(tmp_path: Path) -> None:
    results = good_results()
    report.write(results, tmp_path / "docs" / "benchmarks.md", tmp_path / "out" / "r.json")
    assert (tmp_path / "docs" / "benchmarks.md").read_text().startswith("# Benchmarks")
    assert json.loads((tmp_path / "out" / "r.json").read_text())["fanout"]["sent"] == 10_000


def test_sections_carried_from_an_earlier_run_are_named_with_its_date() -> None:
    results = good_results()
    results["carried"] = {"fanout": "2025-01-01 00:00 UTC"}
    assert (
        "Not rerun this time (`--only`), shown from earlier runs: fanout (run of "
        "2025-01-01 00:00 UTC)." in report.render(results)
    )
