"""Opening the database: connection pragmas and schema migrations.

Migrations are the files ``migrations/NNNN_name.sql``, applied in order of NNNN, each in its
own transaction that also records its number in ``PRAGMA user_version``. A migration that
fails is rolled back whole, leaving the database at the previous version.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import aiosqlite

from bot.store.errors import MigrationError, SchemaTooNewError, StoreOpenError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_MIGRATION_FILE = re.compile(r"^(\d{4})_\w+\.sql$")

# Writers wait this long for another connection's write to finish before giving up.
BUSY_TIMEOUT_MS = 5000

_PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA foreign_keys = ON",
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
    # WAL + NORMAL: durable against application crashes; a power cut may lose the last commits.
    "PRAGMA synchronous = NORMAL",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA cache_size = -32000",  # KiB: 32 MB of page cache per connection
    "PRAGMA mmap_size = 268435456",  # reads of a large database go through the OS page cache
)


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def load_migrations(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """The migrations in `directory`, ordered by number.

    Raises MigrationError when two files share a number or a number is missing, since either
    would leave some databases with a different schema than others.
    """
    found: dict[int, Migration] = {}
    for path in sorted(directory.glob("*.sql")):
        match = _MIGRATION_FILE.match(path.name)
        if match is None:
            raise MigrationError(f"{path.name}: migration files are named NNNN_name.sql")
        version = int(match.group(1))
        if version in found:
            raise MigrationError(
                f"two migrations are numbered {version}: {found[version].name} and {path.name}"
            )
        found[version] = Migration(version, path.name, path.read_text(encoding="utf-8"))
    versions = sorted(found)
    if versions != list(range(1, len(versions) + 1)):
        raise MigrationError(f"migration numbers must run 1, 2, 3... without gaps; got {versions}")
    return [found[v] for v in versions]


def split_statements(sql: str) -> list[str]:
    """`sql` split into complete statements (trigger bodies kept whole)."""
    statements: list[str] = []
    pending = ""
    for line in sql.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            if pending.strip().strip(";").strip():
                statements.append(pending.strip())
            pending = ""
    if pending.strip() and not _only_comments(pending):
        raise MigrationError(f"incomplete SQL statement at the end: {pending.strip()[:80]!r}")
    return statements


def _only_comments(sql: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in sql.splitlines())


def _prepare_folder(path: Path) -> None:
    """Create the database's folder; StoreOpenError when that fails or `path` is a folder."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreOpenError(f"cannot create the folder for the database {path}: {exc}") from exc
    if path.is_dir():
        raise StoreOpenError(f"the database path {path} is a folder; give a file name")


async def connect(path: Path | str) -> aiosqlite.Connection:
    """A connection to the database at `path` with Almanac's pragmas, creating parent
    directories and the file as needed (file-system work runs in a thread, as aiosqlite's does).

    Raises StoreOpenError when the file cannot be created or opened as a SQLite database.
    """
    path = Path(path)
    await asyncio.to_thread(_prepare_folder, path)
    try:
        conn = await aiosqlite.connect(path, isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreOpenError(f"cannot open the database {path}: {exc}") from exc
    try:
        for pragma in _PRAGMAS:
            await conn.execute(pragma)
    except sqlite3.Error as exc:
        await conn.close()
        raise StoreOpenError(f"cannot use {path} as a database: {exc}") from exc
    return conn


async def schema_version(conn: aiosqlite.Connection) -> int:
    """The number of the last migration applied (0 for a new database)."""
    async with conn.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def migrate(conn: aiosqlite.Connection, migrations: list[Migration] | None = None) -> int:
    """Apply every migration newer than the database, each in its own transaction.

    Safe against another process migrating at the same time: the version is re-read inside
    each write transaction. Returns the resulting version. Raises SchemaTooNewError for a
    database from a newer Almanac, MigrationError when a migration fails (that migration is
    rolled back; earlier ones stay applied).
    """
    if migrations is None:
        migrations = await asyncio.to_thread(load_migrations)  # file reads, off the event loop
    latest = migrations[-1].version if migrations else 0
    current = await schema_version(conn)
    if current > latest:
        raise SchemaTooNewError(
            f"the database is at schema version {current}, newer than this Almanac knows "
            f"({latest}); upgrade Almanac or use a copy of the database"
        )
    for migration in migrations:
        if migration.version <= current:
            continue
        await _apply(conn, migration)
        current = migration.version
    return current


async def _apply(conn: aiosqlite.Connection, migration: Migration) -> None:
    statements = split_statements(migration.sql)
    try:
        await conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise MigrationError(f"cannot start migration {migration.name}: {exc}") from exc
    try:
        if await schema_version(conn) >= migration.version:  # another process was first
            await conn.execute("ROLLBACK")
            return
        for statement in statements:
            await conn.execute(statement)
        # PRAGMA takes no parameters; the version is an int from the file name.
        await conn.execute(f"PRAGMA user_version = {int(migration.version)}")
        await conn.execute("COMMIT")
    except sqlite3.Error as exc:
        await conn.execute("ROLLBACK")
        raise MigrationError(f"migration {migration.name} failed: {exc}") from exc
