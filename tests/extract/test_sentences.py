"""Sentence splitting around abbreviations, initials, decimals, quotes and brackets."""

from __future__ import annotations

import pytest

from bot.extract.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. Army joined in 1994. The U.K. followed.",
            ["The U.S. Army joined in 1994.", "The U.K. followed."],
        ),
        (
            "He moved to the U.S. The next year he left.",
            ["He moved to the U.S.", "The next year he left."],
        ),
        (
            "Dr. Smith met Gen. J. R. R. Tolkien in Jan. 1950. It rained.",
            ["Dr. Smith met Gen. J. R. R. Tolkien in Jan. 1950.", "It rained."],
        ),
        (
            "It cost 3.5 million, e.g. in 1990. Then it fell.",
            ["It cost 3.5 million, e.g. in 1990.", "Then it fell."],
        ),
        ("No. 5 was sold. Item No. 6 was not.", ["No. 5 was sold.", "Item No. 6 was not."]),
        (
            '"We are ready." Then he left. Is it? Yes!',
            ['"We are ready."', "Then he left.", "Is it?", "Yes!"],
        ),
        (
            "The treaty (signed 1992. See annex.) entered into force. Later it lapsed.",
            ["The treaty (signed 1992. See annex.) entered into force.", "Later it lapsed."],
        ),
        ("Acme Inc. The firm grew.", ["Acme Inc.", "The firm grew."]),
        ("Acme Inc. agreed.", ["Acme Inc. agreed."]),
    ],
)
def test_splits(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_no_empty_sentences_and_text_is_preserved() -> None:
    text = "  One.   Two!  Three?  "
    assert split_sentences(text) == ["One.", "Two!", "Three?"]
    assert split_sentences("") == []
    assert split_sentences("   ") == []


def test_lowercase_after_period_is_not_a_boundary() -> None:
    assert split_sentences("It rose approx. ten percent in 1999.") == [
        "It rose approx. ten percent in 1999."
    ]
