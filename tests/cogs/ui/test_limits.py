import discord
import pytest

from cogs.ui.limits import (
    ELLIPSIS,
    EMBED_TOTAL,
    embed_problems,
    fit_embed,
    shorten,
    take_lines,
)


def test_short_text_is_untouched() -> None:
    assert shorten("Partnership for Peace", 100) == "Partnership for Peace"


def test_long_text_is_cut_at_a_word_with_an_ellipsis() -> None:
    text = "Azerbaijan joined the Partnership for Peace programme in 1994"
    cut = shorten(text, 30)
    assert len(cut) <= 30
    assert cut.endswith(ELLIPSIS)
    assert cut == "Azerbaijan joined the" + ELLIPSIS  # whole words only


def test_one_huge_word_is_cut_hard_but_marked() -> None:
    cut = shorten("x" * 5000, 100)
    assert len(cut) == 100
    assert cut.endswith(ELLIPSIS)


def test_shorten_never_exceeds_tiny_limits() -> None:
    for limit in (1, 2, 3):
        assert len(shorten("abcdef ghijk", limit)) <= limit
    with pytest.raises(ValueError):
        shorten("abc", 0)


def test_take_lines_says_how_many_were_left_out() -> None:
    lines = [f"entry number {i:03}" for i in range(100)]
    text = take_lines(lines, 200)
    assert len(text) <= 200
    kept = text.split("\n")
    assert kept[-1] == f"… and {100 - (len(kept) - 1)} more"
    assert kept[0] == "entry number 000"


def test_take_lines_shows_a_shortened_first_line_rather_than_nothing() -> None:
    text = take_lines(["y " * 3000, "z " * 3000], 1024)
    assert len(text) <= 1024
    assert text.startswith("y y")
    assert text.endswith("… and 1 more")


def test_take_lines_all_fit() -> None:
    assert take_lines(["a", "b"], 10) == "a\nb"
    assert take_lines([], 10) == ""


def test_fit_embed_repairs_every_limit() -> None:
    embed = discord.Embed(title="t" * 300, description="d " * 3000)
    for _ in range(30):
        embed.add_field(name="n" * 300, value="v " * 800)
    embed.set_footer(text="f" * 3000)
    assert embed_problems(embed)
    fit_embed(embed)
    assert embed_problems(embed) == []
    assert len(embed) <= EMBED_TOTAL


def test_embed_problems_names_what_is_wrong() -> None:
    embed = discord.Embed(title="x" * 257)
    assert embed_problems(embed) == ["title: 257 > 256"]


def test_take_lines_counts_lines_that_were_never_passed_in() -> None:
    assert take_lines(["a", "b"], 100, hidden=3) == "a\nb\n… and 3 more"
    assert take_lines([], 100, hidden=2) == "… and 2 more"


def test_fit_embed_drops_an_empty_footer() -> None:
    embed = discord.Embed(title="t").set_footer(text="")
    assert fit_embed(embed).to_dict().get("footer") is None
