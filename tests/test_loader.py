import shutil
from pathlib import Path

import pytest

import bot.loader as loader
from bot.loader import article_paths, ingest_paths
from bot.store import Store

SEED = (
    Path(__file__).resolve().parent.parent
    / "seeds"
    / ("2018-11-29-azerbaijan-nato-reliable-partner.txt")
)


def _article(title: str, year: int) -> str:
    return (
        f"date {year}-05-04 By A Writer\ntitle: {title}\n\n"
        f"The council met in Brussels in March {year - 1}. It agreed a plan in {year - 2}.\n"
    )


@pytest.fixture
async def store(tmp_path: Path):
    opened = await Store.open(tmp_path / "db" / "almanac.db")
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "b.txt").write_text(_article("Second", 2012))
    (folder / "a.md").write_text(_article("First", 2011))
    (folder / "notes.json").write_text("{}")
    (folder / ".hidden.txt").write_text(_article("Hidden", 2010))
    (folder / "sub").mkdir()
    (folder / "sub" / "c.txt").write_text(_article("Nested", 2013))
    return folder


def test_folders_expand_to_their_articles_sorted(articles: Path):
    found = article_paths([articles, articles / "notes.json", articles / "missing.txt"])
    assert [p.name for p in found] == ["a.md", "b.txt", "notes.json", "missing.txt"]


async def test_ingest_reports_each_file_and_is_idempotent(store: Store, articles: Path):
    report = await ingest_paths(store, [articles])
    assert [f.status for f in report.files] == ["added", "added"]
    assert report.failed == ()
    assert str(report) == "2 files: 2 added"
    first = report.files[0]
    assert first.result is not None and first.result.events >= 1
    assert first.line().startswith(f"added      {articles / 'a.md'}: 'First' (")
    again = await ingest_paths(store, [articles])
    assert [f.status for f in again.files] == ["unchanged", "unchanged"]
    assert (await store.stats()).articles == 2


async def test_one_bad_file_does_not_stop_the_others(store: Store, tmp_path: Path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "1-good.txt").write_text(_article("Good", 2015))
    (folder / "2-empty.txt").write_text("   \n")
    (folder / "3-binary.txt").write_bytes(b"\x00\x01\x02")
    (folder / "4-latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    (folder / "5-good.md").write_text(_article("Also good", 2016))
    report = await ingest_paths(store, [folder, tmp_path / "nowhere.txt"])
    assert [f.status for f in report.files] == [
        "added",
        "failed",
        "failed",
        "failed",
        "added",
        "failed",
    ]
    errors = [f.error or "" for f in report.failed]
    assert "empty" in errors[0] and "2-empty.txt" in errors[0]
    assert "binary" in errors[1]
    assert "UTF-8" in errors[2]
    assert "not found" in errors[3]
    assert str(report) == "6 files: 2 added, 4 failed"
    assert report.files[1].line().startswith("failed     ")
    assert (await store.stats()).articles == 2


async def test_an_extraction_bug_is_reported_not_raised(
    store: Store, articles: Path, monkeypatch: pytest.MonkeyPatch
):
    def broken(article):
        raise IndexError("list index out of range")

    monkeypatch.setattr(loader, "extract", broken)
    report = await ingest_paths(store, [articles / "a.md"])
    assert report.files[0].status == "failed"
    assert "could not extract facts (list index out of range)" in (report.files[0].error or "")


async def test_a_file_is_the_same_article_by_any_path(
    store: Store, articles: Path, monkeypatch: pytest.MonkeyPatch
):
    await ingest_paths(store, [articles / "a.md"])
    monkeypatch.chdir(articles)
    report = await ingest_paths(store, [Path("a.md"), Path("../articles/./a.md")])
    assert [f.status for f in report.files] == ["unchanged", "unchanged"]


async def test_an_edited_file_is_updated(store: Store, articles: Path):
    first = await ingest_paths(store, [articles / "a.md"])
    (articles / "a.md").write_text(_article("First, revised", 2011))
    second = await ingest_paths(store, [articles / "a.md"])
    assert second.files[0].status == "updated"
    assert second.files[0].result is not None and first.files[0].result is not None
    assert second.files[0].result.article_id == first.files[0].result.article_id
    assert [s.source.title for s in await store.sources()] == ["First, revised"]


async def test_the_seed_article_loads(store: Store, tmp_path: Path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEED, seeds)
    report = await ingest_paths(store, [seeds])
    assert report.failed == ()
    assert (await store.programme("PfP")).found is not None
    assert (await store.timeline(1992, 1992)).total >= 1
