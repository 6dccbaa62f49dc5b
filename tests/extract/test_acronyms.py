"""Acronym definitions and the initials they match."""

from __future__ import annotations

import pytest

from bot.extract.acronyms import find_definitions, initials, is_acronym


@pytest.mark.parametrize(
    ("sentence", "acronym", "name"),
    [
        (
            "Azerbaijan joined the Partnership for Peace (PfP) programme.",
            "PfP",
            "Partnership for Peace",
        ),
        (
            "a forum – the North Atlantic Cooperation Council (NACC), which",
            "NACC",
            "North Atlantic Cooperation Council",
        ),
        (
            "in the PfP Planning and Review Process (PARP) since",
            "PARP",
            "Planning and Review Process",
        ),
        (
            "the Organization for Security and Co-operation in Europe (OSCE)",
            "OSCE",
            "Organization for Security and Co-operation in Europe",
        ),
        (
            "the United Nations Educational, Scientific and Cultural Organization (UNESCO)",
            "UNESCO",
            "United Nations Educational, Scientific and Cultural Organization",
        ),
        (
            "the Association of Southeast Asian Nations (ASEAN)",
            "ASEAN",
            "Association of Southeast Asian Nations",
        ),
        ("the Hypertext Transfer Protocol (HTTP)", "HTTP", "Hypertext Transfer Protocol"),
        ("the High-Luminosity LHC (HL-LHC) upgrade", "HL-LHC", "High-Luminosity LHC"),
        (
            "the Large Electron-Positron Collider (LEP), housed",
            "LEP",
            "Large Electron-Positron Collider",
        ),
        (
            "the U.S. Centers for Disease Control and Prevention (CDC)",
            "CDC",
            "Centers for Disease Control and Prevention",
        ),
        (
            "the European Organization for Nuclear Research (CERN) turns 70",
            "CERN",
            "European Organization for Nuclear Research",
        ),
        (
            "the European Atomic Energy Community (Euratom), both",
            "Euratom",
            "European Atomic Energy Community",
        ),
        ("PfP (Partnership for Peace) activities", "PfP", "Partnership for Peace"),
        # Initials before letters from inside a word ("Asia" alone holds A, s, a).
        (
            "It was preceded by the Association of Southeast Asia (ASA), an alliance",
            "ASA",
            "Association of Southeast Asia",
        ),
        ("The Cooperation Council (CC) was established", "CC", "Cooperation Council"),
        # A lowercase word inside a name its acronym bounds.
        (
            "the International Criminal Tribunal for the former Yugoslavia (ICTY), the first",
            "ICTY",
            "International Criminal Tribunal for the former Yugoslavia",
        ),
        # A plus sign ends the acronym; a lowercase word ending reversed brackets is dropped.
        ("the European Social Fund Plus (ESF+) is", "ESF+", "European Social Fund Plus"),
        (
            "through TAIEX (Technical Assistance and Information Exchange instrument), set up",
            "TAIEX",
            "Technical Assistance and Information Exchange",
        ),
        # An acronym and the words that end the name it is read off.
        (
            "merged into the Neighbourhood, Development and International Cooperation "
            "Instrument – Global Europe (NDICI-Global Europe), which",
            "NDICI-Global Europe",
            "Neighbourhood, Development and International Cooperation Instrument – Global Europe",
        ),
        (
            "Atalanta, formally the European Union Naval Force Somalia (EU NAVFOR Somalia), was",
            "EU NAVFOR Somalia",
            "European Union Naval Force Somalia",
        ),
        # A comma before the run ends it; a preposition opening the sentence is no part.
        (
            "Ministers backed the Mobility Scheme, and the Defence and Related Security "
            "Capacity Building (DCB) Initiative",
            "DCB",
            "Defence and Related Security Capacity Building",
        ),
        (
            "Under the Danube Flood Early Warning Programme (DFWP), towns share data",
            "DFWP",
            "Danube Flood Early Warning Programme",
        ),
        # A digit after a capital may count words starting with that letter.
        ("the World Wide Web Consortium (W3C) said", "W3C", "World Wide Web Consortium"),
        ("the Baltic Coastal Change Service (C2S) publishes", "C2S", "Coastal Change Service"),
        ("the Baltic Science for Oceans (S4O) group", "S4O", "Science for Oceans"),
        ("the Peer-to-Peer (P2P) network", "P2P", "Peer-to-Peer"),
        # A word in capitals gives its initial or all its letters, not some of them.
        ("the European GNSS Agency (GSA) moved", "GSA", "European GNSS Agency"),
        ("the UN Development Programme (UNDP) said", "UNDP", "UN Development Programme"),
        # The parties after the name ("between X and Y") are no part of it.
        (
            "The Trade and Cooperation Agreement between the European Union and Chile (TCA) "
            "took effect",
            "TCA",
            "Trade and Cooperation Agreement",
        ),
        # Reversed brackets after a word for the kind of thing, holding a comma.
        (
            "The STEP initiative (Skills, Training and Employment for Peace), launched in",
            "STEP",
            "Skills, Training and Employment for Peace",
        ),
        # An article opening reversed brackets is no part of the name.
        (
            "It joined PARP (the Planning and Review Process) in 2002",
            "PARP",
            "Planning and Review Process",
        ),
    ],
)
def test_definitions(sentence: str, acronym: str, name: str) -> None:
    (definition,) = find_definitions(sentence)
    assert (definition.acronym, definition.name) == (acronym, name)
    assert sentence[definition.start : definition.name_end] == name


@pytest.mark.parametrize(
    "sentence",
    [
        "It was founded in Geneva (1954) by twelve states.",
        "NATO (1949) grew.",
        "The minister (Paris) spoke.",
        "He joined the club (PSG) late.",
    ],
)
def test_no_definition(sentence: str) -> None:
    assert find_definitions(sentence) == []


def test_is_acronym() -> None:
    assert all(
        is_acronym(t) for t in ("PfP", "UNESCO", "NATO", "EU", "G7", "IPv6", "HL-LHC", "ESF+")
    )
    assert not any(is_acronym(t) for t in ("I", "Mr", "NATO-led", "Paris", "F-16x"))


def test_initials() -> None:
    assert initials("Euro-Atlantic Partnership Council") == "EAPC"
    assert initials("International Anti-Terrorism Training Centre") == "IATTC"
    assert initials("Partnership for Peace") == "PP"


def test_a_lowercase_word_for_its_kind_may_stand_before_the_acronym() -> None:
    (found,) = find_definitions("It used the Rapid Expert Support instrument (RES) twice.")
    assert (found.acronym, found.name) == ("RES", "Rapid Expert Support")
    # Other lowercase words still stop a name.
    assert find_definitions("It used the Rapid Expert Support team (RES) twice.") == []


def test_acronym_ending_in_a_one_letter_part_after_a_hyphen() -> None:
    assert is_acronym("TM-K") and is_acronym("NTM-I")
    assert not is_acronym("NATO-led") and not is_acronym("A-")
    (found,) = find_definitions("It set up the Alliance Training Mission-Kosovo (ATM-K) in 2005.")
    assert (found.acronym, found.name) == ("ATM-K", "Alliance Training Mission-Kosovo")


def test_short_form_of_an_acronym_and_the_names_last_words() -> None:
    (found,) = find_definitions("The Greater Lakes Water Fund (GLW Fund) opened in 2011.")
    assert (found.acronym, found.name) == ("GLW Fund", "Greater Lakes Water Fund")


def test_acronym_said_after_known_as_is_read_off_the_name_before() -> None:
    sentence = (
        "Aid came under the Support to the Union of Coastal States programme, better known"
        " as SUCS, until 2005."
    )
    [definition] = find_definitions(sentence)
    assert (definition.acronym, definition.name) == (
        "SUCS",
        "Support to the Union of Coastal States",
    )
    # Letters that do not fit the name define nothing.
    assert find_definitions("It ran a Centres of Excellence scheme, known as SFF, for years.") == []
