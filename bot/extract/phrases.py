"""Find an article's own phrases (programme names, people's names) in its sentences.

The phrases differ from one article to the next, so one combined regular expression would
have to be compiled per article, and compiling it costs more than everything else the
programme scan does. :func:`find_phrases` gives the same matches as such an expression,
``(?<!\\w)(?:p0|p1|...)(?!\\w)`` (or with ``\\b`` on both sides), from ``str.find`` over
the whole article and the choice a regular expression makes: scanning left to right, at
each position the first phrase (in the given order) that matches there wins, and the scan
goes on after it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from bot.extract.joined import SEPARATOR, Joined

# Any run of two or more whitespace characters, or one that is not a plain space: what a
# sentence needs rewritten before single spaces in a phrase can match "any whitespace".
_IRREGULAR_SPACE = re.compile(r"\s{2,}|[^\S ]")


def find_phrases(
    sentences: Sequence[str],
    phrases: Sequence[Sequence[str]],
    *,
    word_boundaries: bool = False,
    joined: Joined | None = None,
) -> list[list[tuple[int, int, int]]]:
    """For each sentence, its matches of `phrases` as ``(start, end, phrase index)``, in
    order and never overlapping.

    Each phrase is a sequence of spellings tried in order ("programme", then "program");
    a single space in a spelling matches any run of whitespace. A match may not have a
    word character right before or after it; with `word_boundaries` the rule is that of
    ``\\b`` instead (a word boundary at both ends). `joined`, when given, holds the same
    sentences. Pure; never raises.
    """
    canonical: list[str] = list(sentences)
    offsets: list[list[int] | None] = [None] * len(sentences)
    if joined is None:
        joined = Joined(sentences)
    text, starts = joined.text, joined.starts
    if not joined.plain_spaces():
        # Some sentence may have a run of spaces, a tab or a line break: rewrite those.
        for index, sentence in enumerate(sentences):
            if _IRREGULAR_SPACE.search(sentence) is not None:
                canonical[index], offsets[index] = _collapse_spaces(sentence)
        text, starts = SEPARATOR.join(canonical), None
    out: list[list[tuple[int, int, int]]] = [[] for _ in sentences]
    if not phrases or not sentences:
        return out
    if text.count(SEPARATOR) != len(canonical) - 1:  # a sentence holds the separator
        for index, sentence in enumerate(canonical):
            chosen = _choose(_candidates(sentence, phrases, word_boundaries))
            out[index] = _restore(chosen, 0, offsets[index])
        return out
    if starts is None:
        starts = []
        position = 0
        for sentence in canonical:
            starts.append(position)
            position += len(sentence) + 1
    for start, end, phrase in _choose(_candidates(text, phrases, word_boundaries)):
        index = bisect_right(starts, start) - 1
        out[index].append((start, end, phrase))
    for index, matches in enumerate(out):
        if matches:
            out[index] = _restore(matches, starts[index], offsets[index])
    return out


def _candidates(
    text: str, phrases: Sequence[Sequence[str]], word_boundaries: bool
) -> list[tuple[int, int, int]]:
    """Every place a spelling of a phrase occurs with acceptable edges: (start, phrase
    index, end), so that sorting puts the earlier phrase first at each position."""
    found: list[tuple[int, int, int]] = []
    find = text.find
    last = len(text) - 1
    for order, spellings in enumerate(phrases):
        for spelling in spellings:
            if not spelling:
                continue
            size = len(spelling)
            first_word = spelling[0].isalnum() or spelling[0] == "_"
            last_word = spelling[-1].isalnum() or spelling[-1] == "_"
            start = find(spelling)
            while start != -1:
                end = start + size
                before = start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_")
                after = end <= last and (text[end].isalnum() or text[end] == "_")
                if word_boundaries:
                    ok = before != first_word and after != last_word
                else:
                    ok = not before and not after
                if ok:
                    found.append((start, order, end))
                start = find(spelling, start + 1)
    return found


def _choose(candidates: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Leftmost first, the earliest phrase at a position, no overlaps: (start, end, index)."""
    candidates.sort()
    chosen: list[tuple[int, int, int]] = []
    taken = -1
    for start, order, end in candidates:
        if start < taken:
            continue
        chosen.append((start, end, order))
        taken = end
    return chosen


def _restore(
    matches: list[tuple[int, int, int]], base: int, where: list[int] | None
) -> list[tuple[int, int, int]]:
    """Offsets in the joined, space-collapsed text -> offsets in the original sentence."""
    if where is None:
        return [(s - base, e - base, i) for s, e, i in matches]
    return [(where[s - base], where[e - base - 1] + 1, i) for s, e, i in matches]


def _collapse_spaces(sentence: str) -> tuple[str, list[int]]:
    """The sentence with every whitespace run as one space, and for each of its characters
    the offset of the original character it stands for."""
    parts: list[str] = []
    where: list[int] = []
    position = 0
    for match in _IRREGULAR_SPACE.finditer(sentence):
        parts.append(sentence[position : match.start()])
        where.extend(range(position, match.start()))
        parts.append(" ")
        where.append(match.start())
        position = match.end()
    parts.append(sentence[position:])
    where.extend(range(position, len(sentence)))
    return "".join(parts), where
