"""An article's sentences joined into one string, so that a pattern runs once per article.

Starting a regular expression scan costs about as much as reading a sentence, so scanning
forty sentences one by one costs twice what one scan of the whole article does. The
sentences are joined with a NUL character: the patterns run this way never match it and
treat it like the start or end of a string (it is neither a word character nor
whitespace), so every match lies inside one sentence and is the match a scan of that
sentence alone would give.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence

SEPARATOR = "\x00"


class Joined:
    """`sentences` joined by SEPARATOR, and where each one starts in `text`."""

    __slots__ = ("_plain_spaces", "sentences", "starts", "text")

    def __init__(self, sentences: Sequence[str]) -> None:
        self.sentences = sentences
        self.text = SEPARATOR.join(sentences)
        self._plain_spaces: bool | None = None
        self.starts: list[int] = []
        position = 0
        for sentence in sentences:
            self.starts.append(position)
            position += len(sentence) + 1

    def plain_spaces(self) -> bool:
        """True when the sentences hold no whitespace but single plain spaces. (False can
        also mean some other unprintable character; worked out once.)"""
        if self._plain_spaces is None:
            text = self.text
            # Whitespace other than a plain space is not printable (nor is SEPARATOR).
            self._plain_spaces = "  " not in text and text.replace(SEPARATOR, "").isprintable()
        return self._plain_spaces

    def matches(self, pattern: re.Pattern[str]) -> Iterator[tuple[int, int, re.Match[str]]]:
        """``(sentence index, where that sentence starts in text, match)`` for every match of
        `pattern`, in reading order. The pattern must not match SEPARATOR nor anchor on the
        ends of the string (``^``, ``$``, ``\\A``, ``\\Z``)."""
        starts = self.starts
        if not starts:
            return
        last = len(starts) - 1
        index = 0
        for match in pattern.finditer(self.text):
            position = match.start()
            while index < last and starts[index + 1] <= position:
                index += 1
            yield index, starts[index], match

    def holding(self, word: str, word_chars: str) -> set[int]:
        """The sentences where `word` stands alone: no character of `word_chars` right
        before or after it. Found with str.find, cheaper than a pattern pass."""
        found: set[int] = set()
        text, size = self.text, len(word)
        at = text.find(word)
        while at != -1:
            end = at + size
            if (at == 0 or text[at - 1] not in word_chars) and (
                end == len(text) or text[end] not in word_chars
            ):
                found.add(bisect_right(self.starts, at) - 1)
            at = text.find(word, at + 1)
        return found

    def containing(self, words: Iterable[str]) -> set[int]:
        """The sentences where any of `words` occurs, even inside a longer word."""
        found: set[int] = set()
        text, starts = self.text, self.starts
        for word in words:
            at = text.find(word)
            while at != -1:
                index = bisect_right(starts, at) - 1
                found.add(index)
                # On to the next sentence: this one is known.
                at = text.find(word, starts[index + 1] if index + 1 < len(starts) else len(text))
        return found
