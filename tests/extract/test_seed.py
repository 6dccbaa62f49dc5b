"""The seed article must give exactly the facts a careful reader finds in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.articles import parse_article
from bot.extract import extract
from bot.facts import Facts

SEED = Path(__file__).parents[2] / "seeds" / "2018-11-29-azerbaijan-nato-reliable-partner.txt"


@pytest.fixture(scope="module")
def facts() -> Facts:
    return extract(parse_article(SEED))


def test_events_are_exactly_the_six_dated_statements(facts: Facts) -> None:
    got = sorted((e.date, e.end, e.open_ended) for e in facts.events)
    assert got == [
        ("1992-03", None, False),
        ("1994", None, False),
        ("1997", None, False),
        ("1997", None, True),
        ("2002", "2014", False),
        ("2018-11-29", None, False),
    ]


def test_event_precisions_follow_their_dates(facts: Facts) -> None:
    assert {e.date: e.precision for e in facts.events} == {
        "1992-03": "month",
        "1994": "year",
        "1997": "year",
        "2002": "year",
        "2018-11-29": "day",
    }


def test_events_name_their_programmes(facts: Facts) -> None:
    by_date = {(e.date, e.open_ended): e for e in facts.events}
    assert "NACC" in by_date[("1992-03", False)].programmes
    assert "PfP" in by_date[("1994", False)].programmes
    assert set(by_date[("1997", False)].programmes) >= {"NACC", "EAPC"}
    assert "PARP" in by_date[("1997", True)].programmes
    assert "ISAF" in by_date[("2002", False)].programmes


def test_summaries_are_plain_clauses_without_the_date(facts: Facts) -> None:
    by_date = {(e.date, e.open_ended): e.summary for e in facts.events}
    assert by_date[("1992-03", False)] == (
        "Azerbaijan joined the North Atlantic Cooperation Council (NACC)"
    )
    assert by_date[("1997", False)] == (
        "The North Atlantic Cooperation Council (NACC) was transformed into the "
        "Euro-Atlantic Partnership Council"
    )
    assert by_date[("2002", False)].startswith("Azerbaijan actively supported the NATO-led")
    assert by_date[("1997", True)] == (
        "Azerbaijan has taken part in the PfP Planning and Review Process (PARP)"
    )
    for summary in by_date.values():
        assert not any(year in summary for year in ("1992", "1994", "1997", "2002", "2014"))
        assert not summary.endswith((",", ".", ";", "–"))


def test_programmes_are_exactly_the_nine_named_bodies(facts: Facts) -> None:
    got = {(p.acronym, p.name) for p in facts.programmes}
    assert got == {
        ("PfP", "Partnership for Peace"),
        ("PARP", "PfP Planning and Review Process"),
        ("IPAP", "Individual Partnership Action Plan"),
        ("ISAF", "International Security Assistance Force"),
        ("RSM", "Resolute Support Mission"),
        ("NACC", "North Atlantic Cooperation Council"),
        ("EAPC", "Euro-Atlantic Partnership Council"),
        (None, "Afghan National Army Trust Fund"),
        (None, "International Anti-Terrorism Training Centre"),
    }


def test_programme_relations(facts: Facts) -> None:
    by_key = {p.key: p for p in facts.programmes}
    assert by_key["PARP"].part_of == "PfP"
    assert by_key["ISAF"].succeeded_by == "RSM"
    assert by_key["NACC"].succeeded_by == "EAPC"
    assert all(p.part_of is None for k, p in by_key.items() if k != "PARP"), (
        "only PARP is part of another programme"
    )


def test_programme_descriptions_start_with_the_defining_sentence(facts: Facts) -> None:
    by_key = {p.key: p for p in facts.programmes}
    assert by_key["PfP"].description.startswith("Bilateral cooperation began when Azerbaijan")
    assert len(by_key["PfP"].sentences) == 3  # "program", "(PfP)", "PfP activities"
    assert len(by_key["Afghan National Army Trust Fund"].sentences) == 2


def test_people_with_roles(facts: Facts) -> None:
    assert {(p.name, p.role) for p in facts.people} == {
        ("Jens Stoltenberg", "Secretary General"),
        ("Gaya Mammadov", "head of Azerbaijan’s Mission to NATO"),
    }


def test_no_notes_for_a_dated_article(facts: Facts) -> None:
    assert facts.notes == ()


def test_json_contract_carries_open_ended(facts: Facts) -> None:
    data = facts.to_json()
    assert data["article"]["date"] == "2018-11-29"
    assert data["article"]["author"] == "Abdul Kerimkhanov"
    assert [e["open_ended"] for e in data["events"]].count(True) == 1
