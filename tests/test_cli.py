import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import bot.client
from bot.articles import parse_article
from bot.cli import main
from bot.extract import extract
from bot.store import Store
from tests.store.factories import event, facts, seed_facts

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "2018-11-29-azerbaijan-nato-reliable-partner.txt"
SOURCE = "[Azerbaijan is a reliable partner of NATO, 2018-11-29]"


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clean working folder (no .env) with DATABASE_PATH and SEEDS_DIR inside it."""
    monkeypatch.chdir(tmp_path)
    for name in list(os.environ):
        if name in ("DISCORD_TOKEN", "LOG_LEVEL", "SHARD_COUNT", "SHARD_IDS", "OWNER_IDS"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "data" / "almanac.db"))
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEED, seeds)
    monkeypatch.setenv("SEEDS_DIR", str(seeds))
    return tmp_path


@pytest.fixture
def filled(env: Path) -> Path:
    """The environment with a database holding hand-made facts (not the extractor's)."""

    async def fill() -> None:
        async with await Store.open(env / "data" / "almanac.db") as store:
            await store.ingest(seed_facts())
            await store.ingest(
                facts(
                    *(event(f"{1950 + i}", f"Filler event {i}") for i in range(12)),
                    path="/filler.txt",
                    title="Filler",
                    published_on=None,
                )
            )

    asyncio.run(fill())
    return env


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- ingest and extract ------------------------------------------------------------------------


def test_ingest_defaults_to_the_seeds_and_is_idempotent(env: Path, capsys):
    code, out, err = run(capsys, "ingest")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 1
    assert re.match(r"^added +\S+2018-11-29-azerbaijan-nato-reliable-partner\.txt: '", lines[0])
    assert err.strip() == "almanac: 1 file: 1 added"
    code, out, _ = run(capsys, "ingest", str(env / "seeds"))
    assert code == 0 and out.startswith("unchanged ")


def test_ingest_fails_when_any_file_fails_but_loads_the_rest(env: Path, capsys):
    bad = env / "bad.txt"
    bad.write_bytes(b"\xff\xfe not utf-8")
    code, out, _ = run(capsys, "ingest", str(bad), str(env / "seeds"))
    assert code == 1
    first, second = out.splitlines()
    assert first.startswith("failed ") and "bad.txt" in first and "UTF-8" in first
    assert second.startswith("added ")


def test_extract_json_is_exactly_the_contract(env: Path, capsys):
    code, out, err = run(capsys, "extract", str(SEED), "--json")
    assert (code, err) == (0, "")
    expected = extract(parse_article(SEED)).to_json()
    assert out == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
    assert not (env / "data").exists()  # no database needed


def test_extract_reads_as_text(env: Path, capsys):
    code, out, _ = run(capsys, "extract", str(SEED))
    assert code == 0
    assert out.startswith("Azerbaijan is a reliable partner of NATO")
    assert re.search(r"^  Mar 1992 +Azerbaijan joined .*\[NACC\]$", out, re.M)
    assert re.search(r"^  PfP +Partnership for Peace$", out, re.M)
    assert "People (" in out


def test_extract_of_a_bad_file_is_one_message_and_exit_1(env: Path, capsys):
    code, out, err = run(capsys, "extract", str(env / "missing.txt"))
    assert (code, out) == (1, "")
    assert err == f"almanac: {env / 'missing.txt'}: file not found\n"


def test_a_long_date_range_keeps_its_distance_from_the_text(env: Path, capsys):
    article = env / "works.txt"
    article.write_text(
        "date 2025-01-10 By A\n\nThe works made the model from June 2022 to November 2024.\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "extract", str(article))
    assert code == 0
    assert "  Jun 2022 – Nov 2024  The works made the model" in out.splitlines()


# -- queries -----------------------------------------------------------------------------------


def test_timeline_lines_are_aligned_with_their_source(filled: Path, capsys):
    code, out, _ = run(capsys, "timeline", "--from", "1990")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Timeline · from 1990 · 1–6 of 6"
    assert lines[1] == (
        "  Mar 1992      Azerbaijan joined the North Atlantic Cooperation Council   " + SOURCE
    )
    assert lines[5] == "  2002–2014     Azerbaijan supported ISAF in Afghanistan   " + SOURCE
    assert lines[6].startswith("  29 Nov 2018   Stoltenberg")
    # "since 1997" is a range that is still running.
    assert "  1997–         Azerbaijan began taking part in PARP   " + SOURCE in lines


def test_timeline_pages_and_json(filled: Path, capsys):
    code, out, _ = run(capsys, "timeline", "--limit", "5", "--page", "2")
    assert code == 0
    assert out.splitlines()[0] == "Timeline · 6–10 of 18"
    assert out.splitlines()[-1] == "(page 2 of 4; next: --page 3)"
    code, out, _ = run(capsys, "timeline", "--topic", "pfp", "--json")
    data = json.loads(out)
    assert set(data) == {"total", "offset", "limit", "page", "pages", "topic", "events"}
    assert data["topic"] == {
        "id": data["topic"]["id"],
        "acronym": "PfP",
        "name": "Partnership for Peace",
        "label": "Partnership for Peace (PfP)",
    }
    assert [e["date"] for e in data["events"]] == ["1994", "1997"]
    assert set(data["events"][0]) == {
        "id",
        "date",
        "end",
        "precision",
        "summary",
        "sentence",
        "programmes",
        "open_ended",
        "source",
    }
    assert set(data["events"][0]["source"]) == {
        "article_id",
        "title",
        "published_on",
        "author",
        "url",
    }


def test_timeline_with_an_unknown_topic_fails_with_suggestions(filled: Path, capsys):
    code, out, err = run(capsys, "timeline", "--topic", "Partnership Council")
    assert (code, out) == (1, "")
    assert err.startswith("almanac: no programme called 'Partnership Council'; did you mean: ")
    assert "Euro-Atlantic Partnership Council (EAPC)" in err


def test_programme_explains_it(filled: Path, capsys):
    code, out, _ = run(capsys, "programme", "partnership", "for", "peace")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Partnership for Peace (PfP)"
    assert "Parts: PfP Planning and Review Process (PARP)" in lines
    assert "Events (2)" in lines
    code, out, _ = run(capsys, "programme", "PARP", "--json")
    data = json.loads(out)
    assert data["found"] is True
    assert [r["acronym"] for r in data["programme"]["part_of"]] == ["PfP"]
    assert data["programme"]["events_total"] == 1


def test_an_unknown_programme_exits_1_with_suggestions(filled: Path, capsys):
    code, out, err = run(capsys, "programme", "Partnership")
    assert (code, out) == (1, "")
    assert "did you mean: Partnership for Peace (PfP)" in err
    code, out, _ = run(capsys, "programme", "Partnership", "--json")
    data = json.loads(out)
    assert code == 1 and data["found"] is False
    assert data["suggestions"][0]["acronym"] == "PfP"


def test_onthisday(filled: Path, capsys):
    code, out, _ = run(capsys, "onthisday", "11-29")
    assert code == 0
    assert out.splitlines()[0] == "On this day, 29 November: 1 event"
    assert re.match(r"^  2018 +Stoltenberg called .* \(\d+ years? ago\)   \[", out.splitlines()[1])
    code, out, _ = run(capsys, "onthisday", "5 May", "--json")
    data = json.loads(out)
    assert (data["month"], data["day"], data["entries"]) == (5, 5, [])
    assert data["fallback_note"].startswith("The nearest date with events: 29 November")
    assert data["fallback"][0]["event"]["date"] == "2018-11-29"


def test_onthisday_refuses_a_day_that_does_not_exist(filled: Path, capsys):
    code, out, err = run(capsys, "onthisday", "04-31")
    assert (code, out) == (2, "")
    assert "not a day of the year" in err


def test_search_marks_matches_with_brackets_when_not_a_terminal(filled: Path, capsys):
    code, out, _ = run(capsys, "search", "reliable", "part")
    assert code == 0
    assert "[reliable] [partner]" in out
    assert "\x1b[" not in out


def test_search_marks_matches_in_bold_on_a_terminal(
    filled: Path, capsys, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, _ = run(capsys, "search", "reliable")
    assert code == 0
    assert "\x1b[1mreliable\x1b[0m" in out


def test_search_json_gives_plain_snippets_and_highlight_offsets(filled: Path, capsys):
    code, out, _ = run(capsys, "search", "--json", "afghanistan")
    assert code == 0
    data = json.loads(out)
    assert (data["query"], data["total"], data["offset"], data["limit"]) == (
        "afghanistan",
        2,
        0,
        10,
    )
    for hit in data["hits"]:
        assert set(hit) == {"kind", "title", "snippet", "highlights", "date", "source"}
        assert "\x02" not in hit["snippet"]
        assert [hit["snippet"][a:b].lower() for a, b in hit["highlights"]] == ["afghanistan"]


def test_search_with_nothing_found(filled: Path, capsys):
    assert run(capsys, "search", '"((NEAR') == (0, "No matches for '\"((NEAR'.\n", "")


def test_remove_forgets_articles_by_id_or_path(env: Path, capsys):
    assert run(capsys, "ingest")[0] == 0
    code, out, _ = run(capsys, "ingest", str(SEED))  # the same file by another path
    assert "unchanged" in out
    code, out, err = run(capsys, "remove", str(env / "seeds" / SEED.name), "99")
    assert code == 1  # one of the two was not found; the other was still removed
    assert out == "removed    #1 'Azerbaijan is a reliable partner of NATO…'\n"
    assert "no article '99'" in err
    code, out, _ = run(capsys, "stats", "--json")
    assert json.loads(out)["articles"] == 0 and json.loads(out)["programmes"] == 0
    assert run(capsys, "ingest")[0] == 0  # the file is still there: it comes back
    code, out, _ = run(capsys, "sources", "--json")
    article_id = json.loads(out)[0]["article_id"]
    code, out, err = run(capsys, "remove", str(article_id))
    assert code == 0 and out.startswith(f"removed    #{article_id} ")
    assert "read again at the next start" in err


def test_sources_and_stats(filled: Path, capsys):
    code, out, _ = run(capsys, "sources")
    assert code == 0
    assert out.splitlines() == [
        "  2018-11-29    #1 Azerbaijan is a reliable partner of NATO   (6 events, "
        "5 programmes, 2 people)",
        "  undated       #2 Filler   (12 events, 0 programmes, 0 people)",
    ]
    code, out, _ = run(capsys, "sources", "--json")
    assert json.loads(out)[0]["events"] == 6
    code, out, _ = run(capsys, "stats")
    assert out.splitlines()[:2] == ["Articles    2", "Events      18"]
    assert "Earliest    1950" in out
    code, out, _ = run(capsys, "stats", "--json")
    assert json.loads(out)["programmes"] == 5


# -- settings, database, entry points ----------------------------------------------------------


def test_db_option_overrides_the_setting(filled: Path, capsys):
    other = filled / "other.db"
    code, out, _ = run(capsys, "--db", str(other), "ingest")
    assert code == 0 and out.startswith("added ")
    assert other.exists()
    code, out, _ = run(capsys, "--db", str(other), "stats", "--json")
    assert json.loads(out)["articles"] == 1


def test_a_missing_database_is_not_created_by_a_query(env: Path, capsys):
    code, out, err = run(capsys, "--db", str(env / "typo.db"), "timeline")
    assert (code, out) == (1, "")
    assert "there is no database at" in err and "ingest" in err
    assert not (env / "typo.db").exists()


def test_a_bad_db_path_is_one_message(env: Path, capsys):
    folder = env / "a-folder"
    folder.mkdir()
    code, out, err = run(capsys, "--db", str(folder), "ingest")
    assert (code, out) == (1, "")
    assert err.startswith("almanac: the database path") and "folder" in err
    blocker = env / "file"
    blocker.write_text("x")
    code, _, err = run(capsys, "--db", str(blocker / "almanac.db"), "ingest")
    assert code == 1 and "cannot create the folder" in err


def test_bad_settings_exit_2_without_a_traceback(env: Path, capsys, monkeypatch):
    monkeypatch.setenv("LOG_LEVEL", "LOUD")
    code, out, err = run(capsys, "stats")
    assert (code, out) == (2, "")
    assert err.startswith("almanac: LOG_LEVEL must be one of")
    assert "Traceback" not in err


def test_sync_and_run_hand_the_settings_to_the_bot(env: Path, capsys, monkeypatch):
    seen = []
    monkeypatch.setattr(bot.client, "sync_commands", lambda s: seen.append(("sync", s)) or 0)
    monkeypatch.setattr(bot.client, "run_bot", lambda s: seen.append(("run", s)) or 3)
    assert main(["--db", "x.db", "sync"]) == 0
    assert main([]) == 3  # no command: run
    assert [(name, s.database_path) for name, s in seen] == [
        ("sync", Path("x.db")),
        ("run", env / "data" / "almanac.db"),
    ]


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert re.match(r"^almanac \d+\.\d+", capsys.readouterr().out)


def test_python_dash_m_bot_runs_the_command_line(env: Path):
    done = subprocess.run(
        [sys.executable, "-m", "bot", "extract", str(SEED), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["article"]["date"] == "2018-11-29"
    usage = subprocess.run(
        [sys.executable, "-m", "bot", "timeline", "--limit", "0"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=env,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert usage.returncode == 2
    assert "must be 1 or more" in usage.stderr


def test_years_outside_0_to_9999_are_a_usage_error(filled: Path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["timeline", "--from", "-44"])
    assert exit_info.value.code == 2
    assert "years run from 0 to 9999" in capsys.readouterr().err
