"""One pattern pass over a whole article must give what a pass per sentence gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.articles import parse_article
from bot.extract import people, programmes, sentence_units
from bot.extract.dates import _LOWERCASE_TRIGGER, _TRIGGER, find_dates, sentence_triggers
from bot.extract.joined import Joined
from bot.extract.vocabulary import whole_words

CORPUS = Path(__file__).parents[1] / "fixtures" / "articles"


def _sentences() -> list[str]:
    out = []
    for path in sorted(CORPUS.iterdir()):
        if path.suffix in (".txt", ".md"):
            out.extend(u.text for u in sentence_units(parse_article(path)))
    return out


@pytest.mark.parametrize(
    "pattern",
    [
        people._NAME,
        people._CAPITALISED_ALONE,
        programmes._TRIGGER_WORD,
        programmes._ACRONYM_TOKEN,
        _TRIGGER,
        _LOWERCASE_TRIGGER,
    ],
)
def test_one_pass_equals_a_pass_per_sentence(pattern: re.Pattern[str]) -> None:
    sentences = [*_sentences(), "", "  odd\tspacing  ", "Ends with Name"]
    joined = Joined(sentences)
    got = [(i, m.start() - base, m.group()) for i, base, m in joined.matches(pattern)]
    want = [(i, m.start(), m.group()) for i, s in enumerate(sentences) for m in pattern.finditer(s)]
    assert got == want


def test_holding_finds_whole_words_only() -> None:
    joined = Joined(["the programme ran", "programmes", "a+program", "program."])
    assert joined.holding("programme", "abcdefghijklmnopqrstuvwxyz+") == {0}
    assert joined.holding("program", "abcdefghijklmnopqrstuvwxyz+") == {3}


def test_plain_spaces() -> None:
    assert Joined(["a b", "c d"]).plain_spaces()
    assert not Joined(["a  b"]).plain_spaces()
    assert not Joined(["a\tb"]).plain_spaces()
    assert not Joined(["a\xa0b"]).plain_spaces()


def test_no_sentences() -> None:
    assert list(Joined([]).matches(_TRIGGER)) == []


def test_triggers_found_per_article_give_the_same_dates() -> None:
    sentences = _sentences()
    triggers = sentence_triggers(sentences)
    for sentence, found in zip(sentences, triggers, strict=True):
        published = None
        assert find_dates(sentence, published, triggers=found) == find_dates(sentence, published)


def test_whole_words_agrees_with_splitting_into_words() -> None:
    vocabulary = {"Council", "Fund", "Co-operation", "Programme", "Programmes"}
    pattern = whole_words(vocabulary, "A-Za-z+")
    token = re.compile(r"[A-Za-z+]+")
    for text in ["the Council", "Councils", "xFund", "Fund+", "C++ Fund.", "Co-operation", ""]:
        assert (pattern.search(text) is not None) == (
            not vocabulary.isdisjoint(token.findall(text))
        )


def test_containing_finds_words_inside_longer_ones() -> None:
    sentences = ["A planning unit.", "No such word.", "The plan, the fund.", "Funding", "plan"]
    joined = Joined(sentences)
    assert joined.containing(["plan", "fund"]) == {0, 2, 4}
    assert joined.containing(["Fund", "absent"]) == {3}
    assert Joined([]).containing(["plan"]) == set()
