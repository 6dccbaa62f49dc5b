import dataclasses
import threading
from pathlib import Path

import pytest

from bot.facts import Facts
from bot.store import Store
from bot.store.db import (
    Migration,
    connect,
    load_migrations,
    migrate,
    schema_version,
    split_statements,
)
from bot.store.errors import MigrationError, SchemaTooNewError, StoreOpenError
from tests.store.factories import seed_facts


async def test_open_creates_folders_and_sets_pragmas(tmp_path: Path):
    path = tmp_path / "deep" / "er" / "almanac.db"
    async with await Store.open(path) as store:
        assert path.is_file()
        pragmas = {}
        for name in ("journal_mode", "foreign_keys", "synchronous", "busy_timeout"):
            rows = await store.conn.execute_fetchall(f"PRAGMA {name}")
            pragmas[name] = rows[0][0]
        assert pragmas == {
            "journal_mode": "wal",
            "foreign_keys": 1,
            "synchronous": 1,  # NORMAL
            "busy_timeout": 5000,
        }
        assert await schema_version(store.conn) == len(load_migrations())


async def test_opening_touches_the_file_system_off_the_event_loop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loop_thread = threading.get_ident()
    threads: dict[str, int] = {}
    mkdir, read_text = Path.mkdir, Path.read_text

    def watched_mkdir(self: Path, *args, **kwargs):
        threads["mkdir"] = threading.get_ident()
        return mkdir(self, *args, **kwargs)

    def watched_read_text(self: Path, *args, **kwargs):
        threads["read_text"] = threading.get_ident()
        return read_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", watched_mkdir)
    monkeypatch.setattr(Path, "read_text", watched_read_text)
    async with await Store.open(tmp_path / "new" / "almanac.db"):
        pass
    assert set(threads) == {"mkdir", "read_text"}  # the folder, the migration files
    assert loop_thread not in threads.values()


async def test_migrations_are_numbered_without_gaps_and_include_0001():
    migrations = load_migrations()
    assert [m.version for m in migrations] == list(range(1, len(migrations) + 1))
    assert migrations[0].name == "0001_initial.sql"


async def test_reopening_does_not_migrate_again(tmp_path: Path):
    path = tmp_path / "a.db"
    async with await Store.open(path) as store:
        await store.set_meta("commands", "abc")
    async with await Store.open(path) as store:
        assert await store.get_meta("commands") == "abc"
        assert await schema_version(store.conn) == len(load_migrations())


async def _rewind_to_version_1(path: Path, scratch: Path) -> None:
    """Give the database at `path` the schema of version 1, keeping its data: drop what later
    migrations created, recreate what they dropped (as a database last opened by the first
    release would be)."""
    fresh = await connect(scratch)
    try:
        await migrate(fresh, load_migrations()[:1])
        original = await fresh.execute_fetchall(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL"
        )
    finally:
        await fresh.close()
    conn = await connect(path)
    try:
        current = await conn.execute_fetchall(
            "SELECT type, name FROM sqlite_master WHERE sql IS NOT NULL"
        )
        wanted = {name for _, name, _ in original}
        for kind, name in current:
            if name not in wanted and not name.startswith("search_index_"):
                await conn.execute(f"DROP {kind.upper()} IF EXISTS {name}")
        present = {name for _, name in current}
        for _, name, sql in original:
            if name not in present:
                await conn.execute(sql)
        # Columns later migrations added to version 1's tables go too.
        fresh = await connect(scratch)
        try:
            for kind, table, _ in original:
                if kind != "table" or table.startswith("search_index"):
                    continue
                old = {r[1] for r in await fresh.execute_fetchall(f"PRAGMA table_info({table})")}
                now = [r[1] for r in await conn.execute_fetchall(f"PRAGMA table_info({table})")]
                for column in now:
                    if column not in old:
                        await conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        finally:
            await fresh.close()
        await conn.execute("PRAGMA user_version = 1")
    finally:
        await conn.close()


async def test_a_database_at_version_1_with_data_migrates_to_latest_intact(tmp_path: Path):
    path = tmp_path / "old.db"
    async with await Store.open(path) as store:
        # Facts version 1 could hold: no open-ended ranges (they came with migration 0005).
        await store.ingest(_closed(seed_facts()))
        await store.ingest(
            _closed(seed_facts(path="/b.txt", text="b", published_on=None, title="B"))
        )
        before = (await store.timeline(1995, 2005), await store.programme("PfP"))
        rows_before = await _rows(store)
    await _rewind_to_version_1(path, tmp_path / "v1.db")

    async with await Store.open(path) as store:
        assert await schema_version(store.conn) == len(load_migrations())
        assert await _rows(store) == rows_before
        assert (await store.timeline(1995, 2005), await store.programme("PfP")) == before
        stats = await store.stats()
        assert (stats.articles, stats.events, stats.programmes, stats.people) == (2, 12, 5, 4)


def _closed(facts: Facts) -> Facts:
    return dataclasses.replace(
        facts, events=tuple(dataclasses.replace(e, open_ended=False) for e in facts.events)
    )


async def _rows(store: Store) -> list[tuple]:
    """The facts as rows (not the derived tables a migration may rebuild)."""
    found = []
    for table in ("articles", "events", "programmes", "programme_mentions", "people"):
        found += await store.conn.execute_fetchall(f"SELECT * FROM {table} ORDER BY 1, 2")
    return found


def _numbered(*sqls: str) -> list[Migration]:
    return [Migration(i, f"{i:04d}_test.sql", sql) for i, sql in enumerate(sqls, start=1)]


async def test_each_migration_is_its_own_transaction(tmp_path: Path):
    conn = await connect(tmp_path / "t.db")
    try:
        migrations = _numbered(
            "CREATE TABLE one (x INTEGER);",
            "CREATE TABLE two (x INTEGER);\nINSERT INTO two VALUES (1);",
            "CREATE TABLE three (x INTEGER);\nINSERT INTO no_such_table VALUES (1);",
        )
        with pytest.raises(MigrationError, match=r"0003_test\.sql"):
            await migrate(conn, migrations)
        assert await schema_version(conn) == 2
        tables = {r[0] for r in await conn.execute_fetchall("SELECT name FROM sqlite_master")}
        assert {"one", "two"} <= tables
        assert "three" not in tables  # the failed migration left nothing behind
        assert await conn.execute_fetchall("SELECT x FROM two") == [(1,)]
        # Fixed, the same list applies the rest.
        migrations[2] = Migration(3, "0003_test.sql", "CREATE TABLE three (x INTEGER);")
        assert await migrate(conn, migrations) == 3
    finally:
        await conn.close()


async def test_a_database_from_a_newer_almanac_is_refused(tmp_path: Path):
    conn = await connect(tmp_path / "t.db")
    try:
        await migrate(conn, _numbered("CREATE TABLE a (x);", "CREATE TABLE b (x);"))
        with pytest.raises(SchemaTooNewError, match="newer"):
            await migrate(conn, _numbered("CREATE TABLE a (x);"))
    finally:
        await conn.close()


def test_migration_files_must_be_numbered_uniquely_and_without_gaps(tmp_path: Path):
    (tmp_path / "0001_a.sql").write_text("SELECT 1;")
    (tmp_path / "0003_c.sql").write_text("SELECT 1;")
    with pytest.raises(MigrationError, match="without gaps"):
        load_migrations(tmp_path)
    (tmp_path / "0003_c.sql").rename(tmp_path / "0001_b.sql")
    with pytest.raises(MigrationError, match="two migrations are numbered 1"):
        load_migrations(tmp_path)
    (tmp_path / "0001_b.sql").rename(tmp_path / "notes.sql")
    with pytest.raises(MigrationError, match=r"NNNN_name\.sql"):
        load_migrations(tmp_path)


def test_statements_split_whole_including_triggers():
    sql = """
    -- a comment
    CREATE TABLE t (x INTEGER); -- trailing
    CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN
        UPDATE t SET x = x + 1;
        SELECT 1;
    END;
    INSERT INTO t VALUES (';');
    """
    statements = split_statements(sql)
    assert len(statements) == 3
    assert statements[1].startswith("CREATE TRIGGER") and statements[1].endswith("END;")


async def test_bad_database_paths_raise_store_open_error(tmp_path: Path):
    folder = tmp_path / "folder"
    folder.mkdir()
    with pytest.raises(StoreOpenError, match="is a folder"):
        await Store.open(folder)
    a_file = tmp_path / "file.txt"
    a_file.write_text("not a folder")
    with pytest.raises(StoreOpenError, match="cannot create the folder"):
        await Store.open(a_file / "almanac.db")
    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_text("these are not the bytes of a database " * 100)
    with pytest.raises(StoreOpenError, match="cannot use"):
        await Store.open(not_sqlite)
