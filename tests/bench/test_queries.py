"""Smoke: benchmark 2 on a few thousand events, the database reused as the driver does."""

from __future__ import annotations

from bench import queries
from bench.bigdb import BigDb
from tests.bench.conftest import SMOKE_EVENTS


def test_every_query_kind_is_timed_on_the_reused_database(small_db: BigDb) -> None:
    modified = small_db.path.stat().st_mtime_ns
    result = queries.run(SMOKE_EVENTS, 100, 100, samples=20, db=small_db.path, reuse=True)
    assert small_db.path.stat().st_mtime_ns == modified  # reused, not generated again
    assert result["database"]["events"] == SMOKE_EVENTS
    for kind in queries.KINDS:
        timing = result[kind]
        assert timing["n"] == 20
        assert 0 < timing["p50_ms"] <= timing["p99_ms"] <= timing["max_ms"]
