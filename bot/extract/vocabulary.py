"""Small shared word lists and the helper that builds them.

Lists are written as whitespace-separated words so they stay readable and easy to extend.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text` as a frozenset."""
    return frozenset(text.split())


def whole_words(vocabulary: Iterable[str], word_chars: str) -> re.Pattern[str]:
    """A pattern finding any word of `vocabulary` standing alone: with no character of the
    class `word_chars` ("A-Za-z") right before or after it. Words holding other characters
    are left out, as they can never stand alone.

    Written so that the regular expression engine can skip quickly to candidates: every
    alternative starts with a plain letter, and the check before the word comes after that
    letter (a look-behind over two characters)."""
    whole = re.compile(f"[{word_chars}]+")
    by_initial: dict[str, list[str]] = {}
    # A word with other characters ("Co-operation" for "A-Za-z") never stands alone.
    for word in sorted({w for w in vocabulary if whole.fullmatch(w)}, key=lambda w: (-len(w), w)):
        by_initial.setdefault(word[0], []).append(word)
    alternatives = [
        f"{re.escape(initial)}(?<![{word_chars}].)(?:"
        + "|".join(re.escape(w[1:]) for w in group)
        + ")"
        for initial, group in sorted(by_initial.items())
    ]
    return re.compile(f"(?:{'|'.join(alternatives)})(?![{word_chars}])")


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


# Verbs that open the purpose clause of a body's name, written in capitals after "to":
# "Global Coalition to Defeat ISIS", "Global Fund to Fight AIDS", "Campaign to Stop ...".
PURPOSE_VERBS = words(
    """
    Defeat Fight Combat Counter End Stop Ban Eradicate Eliminate Prevent Reduce Protect
    Promote Support Save Accelerate Advance Improve Strengthen Build Restore Rebuild Monitor
    Abolish Halt Beat Tackle Address Enhance Defend Secure
    """
)
