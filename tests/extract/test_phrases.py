"""find_phrases must find exactly what one regular expression over each sentence finds."""

from __future__ import annotations

import random
import re

from bot.extract.joined import Joined
from bot.extract.phrases import find_phrases

WORDS = ["Council", "Peace", "for", "the", "PfP", "EU", "programme", "program", "Centre", "x"]
SPACES = [" ", " ", " ", "  ", "\t", "\n ", "\xa0"]


def _reference(
    sentences: list[str], phrases: list[tuple[str, ...]], word_boundaries: bool
) -> list[list[tuple[int, int, int]]]:
    """The behaviour find_phrases replaces: one alternation, spaces matching any
    whitespace, tried phrase by phrase in order."""
    bodies, owners = [], []
    for index, spellings in enumerate(phrases):
        for spelling in spellings:
            bodies.append(r"\s+".join(re.escape(w) for w in spelling.split(" ")))
            owners.append(index)
    groups = "|".join(f"({body})" for body in bodies)
    edges = (r"\b", r"\b") if word_boundaries else (r"(?<!\w)", r"(?!\w)")
    pattern = re.compile(f"{edges[0]}(?:{groups}){edges[1]}")
    out = []
    for sentence in sentences:
        found = []
        for m in pattern.finditer(sentence):
            group = next(i for i in range(len(bodies)) if m.group(i + 1) is not None)
            found.append((m.start(), m.end(), owners[group]))
        out.append(found)
    return out


def _sentence(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 12)):
        parts.append(rng.choice(WORDS) + rng.choice(["", "", "", ",", ")", "s", "-led"]))
        parts.append(rng.choice(SPACES))
    return "".join(parts).strip(" ")


def test_matches_the_regular_expression_on_random_sentences() -> None:
    rng = random.Random(1)
    phrases = [
        ("Partnership for Peace programme", "Partnership for Peace program"),
        ("Peace for the Council",),
        ("Council",),
        ("PfP",),
        ("EU Centre", "EU Center"),
        ("x",),
    ]
    phrases.sort(key=lambda p: -len(p[0]))
    for _ in range(300):
        sentences = [_sentence(rng) for _ in range(rng.randint(1, 5))]
        for word_boundaries in (False, True):
            got = find_phrases(sentences, phrases, word_boundaries=word_boundaries)
            assert got == _reference(sentences, phrases, word_boundaries), sentences


def test_earlier_phrase_wins_at_one_position_and_matches_do_not_overlap() -> None:
    sentences = ["the Partnership for Peace programme and Peace"]
    phrases = [("Partnership for Peace programme",), ("Peace",)]
    assert find_phrases(sentences, phrases) == [[(4, 35, 0), (40, 45, 1)]]


def test_offsets_are_those_of_the_original_sentence_with_odd_spaces() -> None:
    sentence = "joined  the\tPartnership for\n Peace in 1994"
    (found,) = find_phrases([sentence], [("Partnership for Peace",)])
    start, end, _ = found[0]
    assert sentence[start:end] == "Partnership for\n Peace"


def test_a_sentence_holding_the_separator_is_read_on_its_own() -> None:
    sentences = ["a\x00Council", "Council"]
    assert find_phrases(sentences, [("Council",)]) == [[(2, 9, 0)], [(0, 7, 0)]]


def test_a_given_joined_text_gives_the_same_result() -> None:
    sentences = ["The Council met.", "The  Council\tmet again."]
    phrases = [("Council",), ("met",)]
    assert find_phrases(sentences, phrases, joined=Joined(sentences)) == find_phrases(
        sentences, phrases
    )


def test_nothing_to_find() -> None:
    assert find_phrases([], [("x",)]) == []
    assert find_phrases(["a b"], []) == [[]]
