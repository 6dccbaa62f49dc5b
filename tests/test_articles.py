"""Reading article files: accepted shapes, metadata, blocks, and every refusal."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from bot.articles import MAX_BYTES, ArticleError, parse_article, parse_text

SEED = Path(__file__).parents[1] / "seeds" / "2018-11-29-azerbaijan-nato-reliable-partner.txt"


def test_seed_metadata_and_blocks() -> None:
    article = parse_article(SEED)
    assert article.published_on == date(2018, 11, 29)
    assert article.author == "Abdul Kerimkhanov"
    assert article.source is None
    assert article.path == str(SEED)
    assert article.sha256 == hashlib.sha256(SEED.read_bytes()).hexdigest()
    assert len(article.paragraphs) == 13
    assert article.paragraphs[1] == (
        "Mammadov handed over his credentials to the NATO Secretary General."
    )
    # No title line and no heading: a few words of the lead sentence.
    assert article.title == "Azerbaijan is a reliable partner of NATO…"


def test_header_lines_after_the_date_line() -> None:
    article = parse_text(
        "date 2020-01-02 By Jane Roe\ntitle: Georgia and NATO\nsource: https://example.org/a\n"
        "\nGeorgia joined the PfP in 1994.\n"
    )
    assert article.title == "Georgia and NATO"
    assert article.source == "https://example.org/a"
    assert article.author == "Jane Roe"
    assert article.paragraphs == ("Georgia joined the PfP in 1994.",)


def test_sha256_of_text_is_of_its_utf8_bytes() -> None:
    text = "date 2020-01-02 By X\n\nÉté 1994.\n"
    assert parse_text(text).sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_bom_and_crlf_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(
        b"\xef\xbb\xbf  date 2019-05-01 By A. Writer\r\n\r\nFirst para.\r\n\r\nSecond.\r\n"
    )
    article = parse_article(path)
    assert article.published_on == date(2019, 5, 1)
    assert article.author == "A. Writer"
    assert article.paragraphs == ("First para.", "Second.")


def test_undated_reference_page_uses_its_heading_as_title() -> None:
    article = parse_text("Kazakhstan–EU relations\n\nRelations began in 1992. They grew.\n")
    assert article.published_on is None
    assert article.title == "Kazakhstan–EU relations"
    assert [b.kind for b in article.blocks] == ["heading", "paragraph"]


def test_markdown_front_matter_headings_lists_and_labels() -> None:
    article = parse_text(
        '---\ntitle: "Space history"\ndate: 2021-07-20\nauthor: Ann Lee\n'
        "source: https://example.org/s\ntags: [space]\n---\n\n# Apollo\n\nBackground\n\n"
        "The **Apollo program** ran from 1961 to 1972.\n\n- Apollo 11 landed in July 1969.\n"
        "- Crew: three\n  astronauts\n1. Skylab\n\nKey facts:\n\nPhoto: NASA\n"
    )
    assert article.title == "Space history"
    assert article.published_on == date(2021, 7, 20)
    assert article.author == "Ann Lee"
    assert article.source == "https://example.org/s"
    assert [(b.kind, b.text) for b in article.blocks] == [
        ("heading", "Apollo"),
        ("label", "Background"),
        ("paragraph", "The Apollo program ran from 1961 to 1972."),
        ("list_item", "Apollo 11 landed in July 1969."),
        ("list_item", "Crew: three astronauts"),
        ("list_item", "Skylab"),
        ("label", "Key facts:"),
        ("label", "Photo: NASA"),
    ]


def test_long_lead_sentence_title_is_cut_at_a_word_boundary() -> None:
    article = parse_text(
        "The International Space Station has been continuously occupied by rotating crews of "
        "astronauts since the year 2000.\n"
    )
    assert article.title.endswith("…")
    assert len(article.title) <= 61
    assert article.title.startswith("The International Space Station has been")
    assert " " not in article.title[-2:]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("date 2018/11/29 By X\n\nBody.\n", "malformed date '2018/11/29'"),
        ("date 2018-02-30 By X\n\nBody.\n", "impossible date '2018-02-30'"),
        ("date 18-11-29 By X\n\nBody.\n", "malformed date"),
        ("date 2018-11-29 Bye X\n\nBody.\n", "malformed date line"),
        ("   \n\n\t\n", "empty"),
        ("", "empty"),
        ("date 2018-11-29 By X\n\n", "no text"),
        ("---\ntitle: x\n\nBody.\n", "never closed"),
        ("---\ndate: 2018-13-01\n---\nBody.\n", "impossible date"),
    ],
)
def test_refusals_name_the_file_and_the_problem(text: str, fragment: str) -> None:
    with pytest.raises(ArticleError) as caught:
        parse_text(text, path="news/a.txt")
    message = str(caught.value)
    assert message.startswith("news/a.txt: ")
    assert fragment in message


def test_prose_starting_with_the_word_date_is_not_a_date_line() -> None:
    article = parse_text("Date palms grow in oases. They were planted in 1990.\n")
    assert article.published_on is None


def test_not_utf8_says_at_which_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("date 2018-11-29 By X\n\nCaf\xe9 opened.\n".encode("latin-1"))
    with pytest.raises(ArticleError, match=r"latin1\.txt: not UTF-8 .*offset 25"):
        parse_article(path)


def test_binary_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "img.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(ArticleError, match=r"img\.png: looks binary \(NUL byte at offset 8\)"):
        parse_article(path)


def test_too_large_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: cheap to create

    def no_reading(self: Path) -> bytes:
        raise AssertionError("the file was read although it is too large")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(ArticleError, match=r"big\.txt: file is 5,242,881 bytes, larger than"):
        parse_article(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="file not found"):
        parse_article(tmp_path / "nope.txt")
    with pytest.raises(ArticleError, match="not a regular file"):
        parse_article(tmp_path)


def test_exactly_five_megabytes_is_accepted() -> None:
    body = "date 2018-11-29 By X\n\n"
    text = body + "a" * (MAX_BYTES - len(body) - 2) + ".\n"
    assert len(text.encode()) == MAX_BYTES
    assert parse_text(text).published_on == date(2018, 11, 29)


def test_reference_page_citation_marks_are_dropped() -> None:
    article = parse_text(
        "NATO was founded in 1949.[1] Greece joined in 1952.[2][citation needed]\n"
    )
    assert article.paragraphs == ("NATO was founded in 1949. Greece joined in 1952.",)


def test_a_title_line_may_come_before_the_date_line() -> None:
    article = parse_text(
        "title: Harbour works finished\ndate 2021-05-04 By Ana Ruiz\n\nThe quay reopened.\n"
    )
    assert article.published_on == date(2021, 5, 4)
    assert article.title == "Harbour works finished"
    assert article.author == "Ana Ruiz"
    assert [b.text for b in article.blocks] == ["The quay reopened."]


def test_a_title_line_without_a_date_line_stays_in_the_body() -> None:
    article = parse_text("title: Harbour works\n\nThe quay reopened in 2021.\n")
    assert article.published_on is None
    assert any("title: Harbour works" in b.text for b in article.blocks)


def test_a_published_line_under_the_headline_dates_the_article() -> None:
    article = parse_text(
        "Harbour works finished\n\nBy Ana Ruiz\nPublished 4 May 2021\n\nThe quay reopened.\n"
    )
    assert article.published_on == date(2021, 5, 4)
    assert all("Published" not in b.text for b in article.blocks)
    # a sentence that merely mentions publishing is no date line
    prose = parse_text("Notes\n\nThe report was published 4 May 2021 by the port.\n")
    assert prose.published_on is None
