"""Small shared word lists and the helper that builds them.

Lists are written as whitespace-separated words so they stay readable and easy to extend.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text` as a frozenset."""
    return frozenset(text.split())
