"""A small generated database shared by the benchmark smoke tests (a few thousand events)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.bigdb import BigDb, generate

SMOKE_EVENTS = 3000


@pytest.fixture(scope="session")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> BigDb:
    """Generated once per test session; tests that write to it take a copy (`db_copy`)."""
    path = tmp_path_factory.mktemp("bigdb") / "small.db"
    return generate(path, events=SMOKE_EVENTS, programmes=100, articles=100)


@pytest.fixture
def db_copy(small_db: BigDb, tmp_path: Path) -> Path:
    """A private copy of the small database."""
    target = tmp_path / "copy.db"
    shutil.copy(small_db.path, target)
    return target
