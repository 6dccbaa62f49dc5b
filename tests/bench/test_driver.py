"""The `python -m bench` driver: the cached database's key, reuse, and --only merging."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

import bench.__main__ as driver
from bench.bigdb import BigDb

TINY = replace(driver.QUICK, events=500, programmes=20, db_articles=20)


def test_the_database_key_changes_with_every_size() -> None:
    keys = {
        driver.database_key(TINY),
        driver.database_key(replace(TINY, events=501)),
        driver.database_key(replace(TINY, programmes=21)),
        driver.database_key(replace(TINY, db_articles=21)),
        driver.database_key(TINY, seed=6),
    }
    assert len(keys) == 5
    assert driver.database_key(TINY) == driver.database_key(replace(TINY, interactions=1))


def test_the_database_key_changes_with_the_generator_source(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake_root = tmp_path / "repo"
    (fake_root / "bench").mkdir(parents=True)
    (fake_root / "bot" / "store" / "migrations").mkdir(parents=True)
    (fake_root / "bench" / "bigdb.py").write_text("one")
    monkeypatch.setattr(driver, "REPO_ROOT", fake_root)
    before = driver.database_key(TINY)
    (fake_root / "bot" / "store" / "migrations" / "0001_initial.sql").write_text("CREATE")
    after_migration = driver.database_key(TINY)
    (fake_root / "bench" / "bigdb.py").write_text("two")
    assert len({before, after_migration, driver.database_key(TINY)}) == 3


def test_a_cached_database_is_generated_once_and_old_ones_are_removed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import bench.bigdb

    made: list[Path] = []
    real_generate = bench.bigdb.generate

    def counting_generate(path: Path, **sizes: int) -> BigDb:
        made.append(Path(path))
        return real_generate(path, **sizes)

    monkeypatch.setattr(bench.bigdb, "generate", counting_generate)
    (tmp_path / "bigdb-old.db").write_text("stale")
    path, first = driver.cached_database(TINY, tmp_path)
    again, second = driver.cached_database(TINY, tmp_path)
    assert path == again and path.exists()
    assert first["cached"] is False and second["cached"] is True
    assert len(made) == 1 and made[0].name.startswith("partial-")
    assert not (tmp_path / "bigdb-old.db").exists()
    assert not list(tmp_path.glob("partial-*"))


def test_only_keeps_the_other_sections_of_the_last_run_of_the_same_mode(tmp_path: Path) -> None:
    raw = tmp_path / "results.json"
    earlier = {
        "quick": False,
        "machine": {"date": "2025-01-01 00:00 UTC"},
        "durations": {"fanout": 210.0, "memory": 9.0},
        "fanout": {"ratio": 1.05},
        "memory": {"old": True},
    }
    raw.write_text(json.dumps(earlier))
    now = {"quick": False, "durations": {"memory": 10.0}, "memory": {"new": True}}
    merged = driver.merge_earlier(now, ["memory"], raw)
    assert merged["memory"] == {"new": True}
    assert merged["fanout"] == {"ratio": 1.05}
    assert merged["carried"] == {"fanout": "2025-01-01 00:00 UTC"}
    assert merged["durations"] == {"fanout": 210.0, "memory": 10.0}
    # A quick run never borrows from a full one (or the other way round).
    assert "fanout" not in driver.merge_earlier({**now, "quick": True}, ["memory"], raw)


def test_the_daily_pacing_follows_the_limit_unless_given() -> None:
    assert driver.pacing_rate(replace(TINY, limit=50.0, rate=None)) == 47.0
    assert driver.pacing_rate(replace(TINY, limit=250.0, rate=None)) == 235.0
    assert driver.pacing_rate(replace(TINY, rate=12.0)) == 12.0


def test_a_failed_generation_leaves_the_previous_database_and_no_partial_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import bench.bigdb

    older = tmp_path / "bigdb-older.db"
    older.write_text("the last good one")

    def failing_generate(path: Path, **sizes: int) -> BigDb:
        Path(path).write_text("half")
        raise RuntimeError("schema changed under the generator")

    monkeypatch.setattr(bench.bigdb, "generate", failing_generate)
    with pytest.raises(RuntimeError):
        driver.cached_database(TINY, tmp_path)
    assert older.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bigdb-older.db"]
