"""bench.bigdb writes rows directly, not through ingest: its database must still be one that
ingest could have written, or the benchmark measures something else."""

import shutil
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from bench.bigdb import generate
from bot.store import Store
from bot.store.search import words_of
from tests.store.factories import seed_facts

EVENTS, PROGRAMMES, ARTICLES = 3000, 60, 150


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bigdb") / "small.db"
    generate(path, events=EVENTS, programmes=PROGRAMMES, articles=ARTICLES, seed=3)
    return path


async def test_sizes_and_counts_are_as_asked(generated: Path):
    async with await Store.open(generated) as store:
        stats = await store.stats()
        assert (stats.events, stats.programmes, stats.articles) == (EVENTS, PROGRAMMES, ARTICLES)
        counted = await store.conn.execute_fetchall(
            "SELECT (SELECT count(*) FROM events), (SELECT sum(event_count) FROM articles)"
        )
        assert counted == [(EVENTS, EVENTS)]


@pytest.mark.parametrize(
    ("start", "end"), [(None, None), (1990, 2000), (2020, None), (None, 1950), (2024, 2024)]
)
async def test_window_totals_match_the_rows(generated: Path, start, end):
    async with await Store.open(generated) as store:
        conn = store.conn
        where = ["1"]
        if start is not None:
            where.append(f"end_year >= {start}")
        if end is not None:
            where.append(f"start_year <= {end}")
        rows = await conn.execute_fetchall(
            f"SELECT count(*) FROM events WHERE {' AND '.join(where)}"
        )
        assert (await store.timeline(start, end)).total == rows[0][0]
        popular = await conn.execute_fetchall(
            "SELECT programme_id, count(*) FROM event_programmes GROUP BY programme_id "
            "ORDER BY 2 DESC LIMIT 1"
        )
        programme_id, events = popular[0]
        acronym, name = (
            await conn.execute_fetchall(
                "SELECT acronym, name FROM programmes WHERE id = ?", (programme_id,)
            )
        )[0]
        page = await store.timeline(topic=acronym or name)
        assert page.topic is not None and page.topic.id == programme_id
        assert page.total == events


async def test_search_words_match_the_index(generated: Path):
    async with await Store.open(generated) as store:
        entries = await store.conn.execute_fetchall("SELECT title, body FROM search_index")
        expected: Counter[str] = Counter()
        for title, body in entries:
            expected.update(set(words_of(f"{title} {body}")))
        stored = dict(await store.conn.execute_fetchall("SELECT word, docs FROM search_words"))
        assert stored == dict(expected)


@pytest.fixture
def copy(generated: Path, tmp_path: Path) -> Path:
    target = tmp_path / "copy.db"
    shutil.copy(generated, target)
    return target


async def test_an_ingest_on_top_keeps_it_consistent(copy: Path):
    async with await Store.open(copy) as store:
        await store.ingest(seed_facts())
        assert (await store.stats()).events == EVENTS + 6
        assert (await store.programme("PfP")).found is not None


def test_the_same_seed_gives_the_same_database(generated: Path, tmp_path: Path):
    again = tmp_path / "again.db"
    generate(again, events=EVENTS, programmes=PROGRAMMES, articles=ARTICLES, seed=3)

    def content(path: Path) -> list[tuple]:
        with sqlite3.connect(path) as conn:
            return conn.execute(
                "SELECT e.id, e.date, e.summary, a.title FROM events e "
                "JOIN articles a ON a.id = e.article_id ORDER BY e.id"
            ).fetchall()

    assert content(again) == content(generated)
