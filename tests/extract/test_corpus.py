"""Precision and recall over the annotated fixture corpus (tests/fixtures/articles).

The expected facts were written by hand, as a careful reader would list them, before the
rules were tuned; the "heldout-" articles were written after a first round of tuning and
measured before any rule was changed for them (see docs/extraction.md for both numbers).
"""

from __future__ import annotations

import pytest

from tests.extract.scoring import Score, articles, score_corpus

FLOOR = 0.9


@pytest.fixture(scope="module")
def results() -> dict[str, tuple[Score, Score]]:
    return score_corpus()


def test_corpus_is_big_and_varied_enough() -> None:
    paths = articles()
    assert len(paths) >= 10
    assert {p.suffix for p in paths} == {".txt", ".md"}
    for path in paths:
        assert path.with_suffix(".expected.json").exists(), f"{path.name} has no annotations"
        words = len(path.read_text(encoding="utf-8").split())
        assert 250 <= words <= 1500, f"{path.name} has {words} words"


def test_event_precision_and_recall_floor(results: dict[str, tuple[Score, Score]]) -> None:
    total = sum((events for events, _ in results.values()), Score(0, 0, 0))
    assert total.precision >= FLOOR, total.spurious
    assert total.recall >= FLOOR, total.missed


def test_programme_precision_and_recall_floor(results: dict[str, tuple[Score, Score]]) -> None:
    total = sum((programmes for _, programmes in results.values()), Score(0, 0, 0))
    assert total.precision >= FLOOR, total.spurious
    assert total.recall >= FLOOR, total.missed


def test_no_single_article_collapses(results: dict[str, tuple[Score, Score]]) -> None:
    for name, (events, programmes) in results.items():
        assert events.recall >= 0.75 and events.precision >= 0.75, name
        assert programmes.recall >= 0.5 and programmes.precision >= 0.5, name


def test_scorer_counts_false_positives_and_negatives() -> None:
    score = Score(8, 2, 1)
    assert score.precision == pytest.approx(0.8)
    assert score.recall == pytest.approx(8 / 9)
    assert (score + Score(2, 0, 1)).recall == pytest.approx(10 / 12)
