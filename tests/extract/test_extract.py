"""extract() as a whole: deterministic, pure, and never raising on odd text."""

from __future__ import annotations

import random
import string

import pytest

from bot.articles import parse_text
from bot.extract import MAX_SENTENCE, extract, sentence_units
from bot.facts import PRECISIONS

_PIECES = [
    "in 1994", "since 1997", "from 2002 to 2014", "on November 29", "last Tuesday",
    "(signed 1992)", "the following year", "NATO (PfP)", "Partnership for Peace (PfP)",
    "X (Y) Z (", ")", "((", "–", "—", ",", ";", ":", ".", "?", "!", "U.S.", "Dr.",
    "which", "who", "when", "and", "the", "Fund", "Council", "Programme", "1,500", "$1994",
    "19:45", "2-1", "mid-1990s", "the 1990s", "March", "May", "2018-02-30", "31 April 2001",
    "Secretary General Jens Stoltenberg", "head of", "’s", "'", '"', "“", "”", "\u200b",
    "é", "ß", "北京", "🙂", "\t", "  ", "9999", "0000", "1000 BC", "AD 800", "It", "He",
]  # fmt: skip


def _random_text(rng: random.Random) -> str:
    words = []
    for _ in range(rng.randint(1, 120)):
        roll = rng.random()
        if roll < 0.6:
            words.append(rng.choice(_PIECES))
        elif roll < 0.9:
            words.append(
                "".join(rng.choice(string.ascii_letters) for _ in range(rng.randint(1, 9)))
            )
        else:
            words.append(str(rng.randint(0, 3000)))
    text = " ".join(words)
    return "\n\n".join(text[i : i + 300] for i in range(0, len(text), 300))


@pytest.mark.parametrize("seed", range(40))
def test_never_raises_and_returns_well_formed_facts(seed: int) -> None:
    rng = random.Random(seed)
    header = rng.choice(["date 2018-11-29 By Someone\n\n", "", "# Heading\n\n"])
    article = parse_text(header + _random_text(rng) + "\nEnd.\n")
    facts = extract(article)
    for event in facts.events:
        assert event.precision in PRECISIONS
        assert len(event.date) in (4, 7, 10)
        assert event.end is None or event.end >= event.date[: len(event.end)]
        assert event.summary and event.sentence
        assert not (event.open_ended and event.end)
    keys = [p.key for p in facts.programmes]
    assert len(keys) == len(set(keys)), "programme keys are unique"
    for event in facts.events:
        assert set(event.programmes) <= set(keys)
    for programme in facts.programmes:
        assert programme.key
        assert programme.part_of in (None, *keys)
        assert programme.succeeded_by in (None, *keys)
    facts.to_json()


def test_pathological_inputs_finish() -> None:
    for text in [
        "(" * 5000 + "1994",
        "A " * 20000 + "joined in 1994.",
        "1994 " * 3000,
        ("The Council of the " * 400) + "Fund.",
        "Secretary General " * 1000 + "Jens Stoltenberg said so.",
        "U.S. " * 3000,
    ]:
        facts = extract(parse_text(text))
        assert facts.article.title


def test_deterministic() -> None:
    text = (
        "date 2018-11-29 By A\n\nThe Partnership for Peace (PfP) began in 1994. Since 1997 "
        "the PfP Planning and Review Process (PARP) has grown. President Jane Roe said so."
    )
    first = extract(parse_text(text)).to_json()
    assert all(extract(parse_text(text)).to_json() == first for _ in range(3))


def test_json_contract_shape() -> None:
    data = extract(parse_text("date 2018-11-29 By A\n\nThe fund opened in 1994.")).to_json()
    assert set(data) == {"article", "events", "programmes", "people", "notes"}
    assert set(data["article"]) == {"title", "date", "author", "source", "sha256"}
    (event,) = data["events"]
    assert set(event) == {
        "date", "end", "precision", "summary", "sentence", "programmes", "open_ended",
    }  # fmt: skip


def test_a_run_on_sentence_is_read_in_bounded_pieces_and_keeps_its_facts() -> None:
    # 60,000 characters without a full stop: no prose sentence is that long, and the rules
    # that compare places within a sentence must not see it whole.
    filler = " ".join(f"Item{i} (IT{i % 97}) and the Fund" for i in range(2500))
    text = f"date 2018-11-29 By A\n\n{filler} and the Partnership for Peace (PfP) began in 1994"
    units = sentence_units(parse_text(text))
    assert len(units) > 1
    assert all(len(u.text) <= MAX_SENTENCE for u in units)
    assert " ".join(u.text for u in units).split() == text.split("\n\n", 1)[1].split()
    facts = extract(parse_text(text))
    assert ("1994", None) in [(e.date, e.end) for e in facts.events]
    assert "PfP" in [p.acronym for p in facts.programmes]


def test_ordinary_sentences_are_not_cut() -> None:
    sentence = "The fund, " + "which grew, " * 100 + "opened in 1994."
    assert MAX_SENTENCE >= len(sentence) > 1000
    (unit,) = sentence_units(parse_text(sentence))
    assert unit.text == sentence
