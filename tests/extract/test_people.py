"""People and their roles."""

from __future__ import annotations

from bot.extract.people import find_people


def people(*sentences: str, author: str | None = None) -> dict[str, str | None]:
    return {p.name: p.role for p in find_people(list(sentences), author)}


def test_seed_people_and_roles() -> None:
    found = people(
        "Azerbaijan is a reliable partner of NATO, Secretary General Jens Stoltenberg said at "
        "a meeting with head of Azerbaijan’s Mission to NATO Gaya Mammadov.",
        "Mammadov handed over his credentials to the NATO Secretary General.",
        "In turn, Stoltenberg asked to convey his greetings to the president of Azerbaijan.",
    )
    assert found == {
        "Jens Stoltenberg": "Secretary General",
        "Gaya Mammadov": "head of Azerbaijan’s Mission to NATO",
    }


def test_titles_appositions_and_speech() -> None:
    found = people(
        "President Ilham Aliyev met Jens Stoltenberg, NATO's Secretary General, in Baku.",
        "The agency's administrator, Jim Bridenstine, said it was ready.",
        "Georgia's Foreign Minister David Zalkaliani met NATO Deputy Secretary General "
        "Mircea Geoană.",
        "Jane Roe said the deal was done.",
        "The chair, Gen. Sofia Lund, resigned.",
    )
    assert found["Ilham Aliyev"] == "President"
    assert found["Jens Stoltenberg"] == "NATO's Secretary General"
    assert found["Jim Bridenstine"] == "agency's administrator"
    assert found["David Zalkaliani"] == "Georgia's Foreign Minister"
    assert found["Mircea Geoană"] == "NATO Deputy Secretary General"
    assert found["Jane Roe"] is None
    assert found["Sofia Lund"] == "General"


def test_a_surname_used_alone_marks_a_person() -> None:
    found = people(
        "Novak Djokovic won the final on Sunday.",
        "Last year Djokovic also won in Paris.",
    )
    assert found == {"Novak Djokovic": None}


def test_places_organisations_months_and_the_author_are_not_people() -> None:
    found = people(
        "The North Atlantic Cooperation Council met in South Caucasus in March.",
        "Resolute Support Mission staff visited Castle Rovers and Harbour City.",
        "Abdul Kerimkhanov said the meeting went well.",
        author="Abdul Kerimkhanov",
    )
    assert found == {}


def test_roles_of_ministers_and_officers_that_name_a_body() -> None:
    found = people(
        "The door stays open, Minister of Defence Nebojša Stefanović told reporters.",
        "Minister for the Environment, Climate and Communications Eamon Ryan published "
        "figures today.",
        "A committee led by Secretary of Labor Frances Perkins drafted it.",
        "The fund was set up after a call by the then UN Secretary-General Kofi Annan.",
        "It will be commanded by Commodore Vasileios Gryparis, with an admiral at sea.",
    )
    assert found == {
        "Nebojša Stefanović": "Minister of Defence",
        "Eamon Ryan": "Minister for the Environment, Climate and Communications",
        "Frances Perkins": "Secretary of Labor",
        "Kofi Annan": "UN Secretary-General",
        "Vasileios Gryparis": "Commodore",
    }


def test_appositions_with_a_possessive_and_particles() -> None:
    found = people(
        "Ursula von der Leyen, the President of the European Commission, wrote on Monday.",
        "SEAI's chief executive, William Walsh, said demand was high.",
        "Josep Borrell, the EU's foreign policy chief, said it would cost more.",
    )
    assert found == {
        "Ursula von der Leyen": "President of the European Commission",
        "William Walsh": "SEAI's chief executive",
        "Josep Borrell": "EU's foreign policy chief",
    }


def test_bodies_places_and_quoted_names_are_not_people() -> None:
    found = people(
        "Traffic fell by 40% in January, the Suez Canal Authority said.",
        "Researchers can apply to Horizon Europe; Europe pays.",
        'Serbia holds exercises with Belarus under the "Slavic Brotherhood" name.',
    )
    assert found == {}


def test_titles_naming_a_body_before_a_comma_and_bodies_before_a_title() -> None:
    found = people(
        "The Minister of Agriculture, Tomas Berglund, visited the farm.",
        "The bank's Special Envoy for the Sahel and West Africa, Amara Diallo, arrived.",
        "The consul and head of the Office of Peru to the OAS, Rosa Quispe, spoke.",
        "The deal was signed by European Council President Charles Michel.",
        "Transport Secretary Ann Hollis said so.",
    )
    assert found["Tomas Berglund"] == "Minister of Agriculture"
    assert found["Amara Diallo"] == "bank's Special Envoy for the Sahel and West Africa"
    assert found["Rosa Quispe"] == "head of the Office of Peru to the OAS"
    assert found["Charles Michel"] == "European Council President"
    assert found["Ann Hollis"] == "Transport Secretary"


def test_quantifiers_and_staffs_are_no_first_names() -> None:
    found = people(
        "All Vega data are free, and Vega grew.",
        "The Chief of Staff of the Joint Staff, General Ken Ito, came; the Staff met.",
    )
    assert set(found) == {"Ken Ito"}


def test_a_chairperson_after_a_body_in_capitals() -> None:
    found = people("AU Commission Chairperson Moussa Faki Mahamat welcomed the change.")
    assert found == {"Moussa Faki Mahamat": "AU Commission Chairperson"}


def test_a_word_ending_in_a_hyphenated_participle_is_no_name() -> None:
    found = people(
        "UK Research and Innovation funds fellows.",
        "Innovation matters, and a new Centres for Research-based Innovation call opened.",
        "Jean-Luc Picard said the call was fair.",
    )
    assert found == {"Jean-Luc Picard": None}


def test_councillors_and_mayors_in_lowercase() -> None:
    found = people(
        "Councillor Amina Yusuf said the plan worked.",
        "The Combined Authority's mayor, Daniel Okoro, chairs the partnership.",
        "Work started with a groundbreaking attended by the then mayor, Agnes Holm.",
    )
    assert found == {
        "Amina Yusuf": "Councillor",
        "Daniel Okoro": "Combined Authority's mayor",
        "Agnes Holm": "then mayor",
    }
