"""Small pieces of English shared by every renderer (the command line and the cogs)."""

from __future__ import annotations


def plural(count: int, one: str, many: str | None = None) -> str:
    """ "1 event", "2 events", "1,200 people" (`many` for irregular plurals)."""
    return f"{count:,} {one if count == 1 else many or one + 's'}"
