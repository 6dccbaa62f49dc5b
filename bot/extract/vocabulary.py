"""Small shared word lists and the helper that builds them.

Lists are written as whitespace-separated words so they stay readable and easy to extend.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text` as a frozenset."""
    return frozenset(text.split())


# Past tenses that do not end in -ed ("the pandemic cut sales", "he beat Tsitsipas").
IRREGULAR_PAST = words(
    """
    was were had did said told became began came went took made gave won lost left joined
    signed held met saw found built led ran set cut put hit shut spread cost fell rose grew
    drew flew threw knew wrote broke spoke chose froze bought brought caught fought sought
    taught thought sold kept felt dealt meant sent spent lent struck stuck hung dug fed fled
    sat paid laid ate shook stood withdrew overtook undertook beat bore wore tore swore drove
    rode hid bit slid lit split got heard launched opened closed announced reported started
    ended died
    """
)
