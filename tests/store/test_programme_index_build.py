"""Building the programme index at start reads covering indexes only (migration 0003): never
the mention descriptions or programme explanations, which would cost the bot tens of MB of
resident memory on a large database."""

from __future__ import annotations

from bot.store import Store, queries
from tests.store.factories import seed_facts


async def test_the_index_build_reads_no_table_rows(store: Store) -> None:
    await store.ingest(seed_facts())
    statements: list[str] = []
    conn = store.conn
    await conn._execute(conn._conn.set_trace_callback, statements.append)
    try:
        index = await queries.load_programme_index(conn)
    finally:
        await conn._execute(conn._conn.set_trace_callback, None)
    assert len(index) > 0
    reads = [sql for sql in statements if sql.lstrip().upper().startswith("SELECT")]
    assert reads
    for sql in reads:
        plan = " ".join(row[3] for row in await conn.execute_fetchall("EXPLAIN QUERY PLAN " + sql))
        for table in ("programme_mentions", "programmes"):
            if table in plan:
                assert "COVERING INDEX" in plan, f"{sql!r} reads {table}'s rows: {plan}"
