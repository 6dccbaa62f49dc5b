from bot.store.results import HIGHLIGHT_END as E
from bot.store.results import HIGHLIGHT_START as S
from cogs.ui.markdown import code, escape, highlight, link, quote


def test_escape_neutralises_markdown() -> None:
    assert escape("**bold** _it_ `code` ~~s~~ ||spoiler||") == (
        r"\*\*bold\*\* \_it\_ \`code\` \~\~s\~\~ \|\|spoiler\|\|"
    )


def test_escape_defuses_mentions_and_links() -> None:
    text = escape("@everyone look <@123> and <#456> [click](https://evil.example)")
    assert "@everyone" not in text
    assert text.count("\\<") == text.count("<") == 2  # every "<" escaped
    assert "[click](" not in text


def test_escape_line_start_markers() -> None:
    assert escape("# Heading") == r"\# Heading"
    assert escape("> quote") == r"\> quote"
    assert escape("- item") == r"\- item"
    assert escape("1. item") == r"\1. item"
    assert escape("Armenia-Azerbaijan") == "Armenia-Azerbaijan"


def test_quote_fits_after_escaping() -> None:
    text = "*" * 500
    quoted = quote(text, 100)
    assert len(quoted) <= 100
    assert not quoted.rstrip("…").endswith("\\")  # never a dangling escape


def test_quote_puts_text_on_one_line() -> None:
    assert quote("a\n\nb   c", 50) == "a b c"


def test_highlight_bolds_marked_terms() -> None:
    snippet = f"Azerbaijan joined the {S}Partnership{E} for {S}Peace{E} in 1994"
    assert highlight(snippet, 200) == "Azerbaijan joined the **Partnership** for **Peace** in 1994"


def test_highlight_escapes_article_text() -> None:
    assert highlight(f"{S}*PfP*{E} and _x_", 200) == r"**\*PfP\*** and \_x\_"


def test_highlight_merges_touching_marks_and_closes_open_ones() -> None:
    assert highlight(f"{S}Euro{E}{S}-Atlantic{E}", 100) == "**Euro-Atlantic**"
    assert highlight(f"the {S}Partnership for", 100) == "the **Partnership for**"


def test_highlight_respects_the_limit_with_long_snippets() -> None:
    snippet = ("word " * 100 + S + "match" + E + " ") * 20
    rendered = highlight(snippet, 300)
    assert len(rendered) <= 300
    assert rendered.count("**") % 2 == 0


def test_link_uses_safe_urls_only() -> None:
    assert link("Title", "https://example.com/a_(b)", 100) == (
        "[Title](https://example.com/a_%28b%29)"
    )
    assert link("Title", "javascript:alert(1)", 100) == "Title"
    assert link("Ti]tle", None, 100) == r"Ti\]tle"
    assert len(link("t" * 300, "https://example.com/" + "p" * 80, 150)) <= 150


def test_code_span_cannot_be_broken_out_of() -> None:
    assert code("a`b", 20) == "`a'b`"
    assert len(code("x" * 500, 50)) <= 50
