"""Programmes: detection, merging of mentions, relations and derived acronyms."""

from __future__ import annotations

from bot.extract.programmes import find_programmes, normalise
from bot.facts import Programme


def programmes(*sentences: str) -> dict[str, Programme]:
    return {p.key: p for p in find_programmes(list(sentences)).programmes}


def test_definition_and_later_mentions_merge() -> None:
    found = programmes(
        "Azerbaijan values the Partnership for Peace program.",
        "Cooperation began when it joined the Partnership for Peace (PfP) in 1994.",
        "PfP activities followed.",
    )
    assert list(found) == ["PfP"]
    pfp = found["PfP"]
    assert pfp.name == "Partnership for Peace"
    assert len(pfp.sentences) == 3
    assert pfp.description.startswith("Cooperation began when it joined")


def test_name_starting_with_a_defined_acronym_is_part_of_it() -> None:
    found = programmes(
        "It joined the Partnership for Peace (PfP) in 1994.",
        "Its role in the PfP Planning and Review Process (PARP) grew.",
    )
    assert found["PARP"].name == "PfP Planning and Review Process"
    assert found["PARP"].part_of == "PfP"


def test_acronym_inside_a_name_names_the_whole_body() -> None:
    found = programmes(
        "It gave to the Afghan National Army (ANA) Trust Fund.",
        "It also contributes to NATO's Afghan National Army Trust Fund.",
    )
    assert set(found) == {"Afghan National Army Trust Fund"}
    assert len(found["Afghan National Army Trust Fund"].sentences) == 2


def test_document_named_after_a_definition_leaves_the_name_alone() -> None:
    # The words after "(GPI)" name a document signed under the programme, not a longer name.
    found = programmes(
        "Chile signed the Global Peace Initiative (GPI) Framework Document on 3 May 1996.",
        "GPI exercises followed.",
    )
    assert list(found) == ["GPI"]
    assert found["GPI"].name == "Global Peace Initiative"
    assert len(found["GPI"].sentences) == 2


def test_succession_relations() -> None:
    found = programmes(
        "It joined the North Atlantic Cooperation Council (NACC), which was transformed "
        "into the Euro-Atlantic Partnership Council later in 1997.",
        "It supported the International Security Assistance Force (ISAF) until 2014.",
        "It now supports the follow-on Resolute Support Mission (RSM).",
        "The Kyoto Protocol was replaced by the Paris Agreement.",
    )
    assert found["NACC"].succeeded_by == "EAPC"  # derived: successor with three initials
    assert found["EAPC"].name == "Euro-Atlantic Partnership Council"
    assert found["ISAF"].succeeded_by == "RSM"
    assert found["Kyoto Protocol"].succeeded_by == "Paris Agreement"


def test_backward_succession_and_renaming() -> None:
    found = programmes(
        "The Wireless Ethernet Compatibility Alliance (WECA) was renamed the Wi-Fi Alliance.",
        "The Enhanced Partnership and Cooperation Agreement (EPCA) replaced the "
        "Partnership and Cooperation Agreement (PCA).",
    )
    assert found["WECA"].succeeded_by in ("Wi-Fi Alliance", "WFA")
    assert found["PCA"].succeeded_by == "EPCA"


def test_renamed_in_brackets_and_replacing() -> None:
    found = programmes(
        "Ukraine joined the North Atlantic Cooperation Council (later renamed the "
        "Euro-Atlantic Partnership Council) in 1991.",
        "The Enhanced Partnership and Cooperation Agreement (EPCA) was signed in 2015, "
        "replacing the earlier Partnership and Cooperation Agreement (PCA).",
    )
    # Neither body has an acronym, so neither gets one derived: keys are their names.
    assert found["North Atlantic Cooperation Council"].succeeded_by == (
        "Euro-Atlantic Partnership Council"
    )
    assert found["PCA"].succeeded_by == "EPCA"


def test_part_of_phrases() -> None:
    found = programmes(
        "The Deep and Comprehensive Free Trade Area (DCFTA), part of the Association "
        "Agreement (AA), applies."
    )
    assert found["DCFTA"].part_of == "AA"


def test_names_without_acronym() -> None:
    found = programmes(
        "The ministry worked with NATO to establish an International Anti-Terrorism "
        "Training Centre.",
        "Its first effort, Project Mercury, ran until 1963, and the Apollo program followed.",
        "It joined the Council of the EU and the Temporary Framework for State Aid.",
        "Rotary International launched the effort.",
        "The NATO Liaison Office opened in 1999, but the Foreign Office objected.",
    )
    assert {
        "International Anti-Terrorism Training Centre",
        "Project Mercury",
        "Apollo program",
        "Council of the EU",
        "Temporary Framework for State Aid",
        "Rotary International",
        "NATO Liaison Office",
    } <= set(found)
    assert "Foreign Office" not in found


def test_not_programmes() -> None:
    found = programmes(
        "Mammadov, head of Azerbaijan's Mission to NATO, met the Ministry of National Security.",
        "Cooperative activities, reform plans and political dialogue processes continued.",
        "The NATO Brussels Summit declaration and the Washington Post reported it.",
        "The Soviet Union, the United States and the French National Assembly objected.",
        "Gross domestic product (GDP) and Wi-Fi Protected Access (WPA) grew.",
        "The Chief Executive Officer (CEO) of the Democratic Republic of the Congo (DRC) spoke.",
        "NATO and the EU and the US agreed.",
        "Each programme sets goals; the Azerbaijani mission said so.",
    )
    assert found == {}


def test_reused_acronym_for_a_new_body_keeps_keys_unique() -> None:
    found = programmes(
        "It established the NATO-Ukraine Commission (NUC) in 1997.",
        "In 2023, the NUC was upgraded to the NATO-Ukraine Council (NUC).",
    )
    assert found["NUC"].name == "NATO-Ukraine Commission"
    assert "NATO-Ukraine Council" in found
    assert found["NUC"].succeeded_by == "NATO-Ukraine Council"


def test_mentions_point_at_keys_in_each_sentence() -> None:
    scan = find_programmes(
        ["The Partnership for Peace (PfP) began in 1994.", "Nothing here.", "PfP grew."]
    )
    assert [[m.key for m in ms] for ms in scan.mentions] == [["PfP"], [], ["PfP"]]


def test_normalise_merges_spellings() -> None:
    assert normalise("the Partnership for Peace Programme") == normalise(
        "Partnership for Peace program"
    )
    assert normalise("International Training Centre") == normalise("International Training Center")


def test_partner_page_style_names() -> None:
    found = programmes(
        "Kazakhstan joined the Partnership for Peace programme in 1994.",
        "It takes part in the Science for Peace and Security (SPS) Programme and the "
        "Building Integrity (BI) Programme.",
        "It joined the PfP Planning and Review Process (PARP) in 2002 and the Operational "
        "Capabilities Concept (OCC) Evaluation and Feedback Programme in 2007.",
        "The World Meteorological Organization (WMO) and the United Nations Environment "
        "Programme (UNEP) set it up.",
    )
    assert found["PfP"].name == "Partnership for Peace"  # "PfP" used, never defined
    assert found["PARP"].part_of == "PfP"
    assert found["SPS"].name == "Science for Peace and Security Programme"
    assert "Operational Capabilities Concept Evaluation and Feedback Programme" in found
    assert found["WMO"].name == "World Meteorological Organization"
    assert found["UNEP"].name == "United Nations Environment Programme"


def test_support_schemes_and_legal_instruments_are_named_without_an_acronym() -> None:
    found = programmes(
        "Households can benefit from the Home Upgrade Grant and the Warm Home Discount.",
        "The Domestic Renewable Heat Incentive closed in March 2022.",
        "The Energy Price Guarantee has limited prices since October.",
        "The parties adopted the Kigali Amendment in 2016 and the Rome Statute in 1998.",
    )
    assert set(found) >= {
        "Home Upgrade Grant",
        "Warm Home Discount",
        "Domestic Renewable Heat Incentive",
        "Energy Price Guarantee",
        "Kigali Amendment",
        "Rome Statute",
    }


def test_a_name_like_head_needs_more_than_a_person_name() -> None:
    found = programmes(
        "Energy Security Secretary Grant Shapps said the scheme would help.",
        "The actor Hugh Grant and the executive John Chambers spoke.",
    )
    assert found == {}


def test_a_head_that_needs_an_acronym_may_have_a_complement_instead() -> None:
    found = programmes(
        "The Special Court for Sierra Leone sat from 2002 to 2013.",
        "The Court met in The Hague.",
    )
    assert set(found) == {"Special Court for Sierra Leone"}


def test_possessive_and_dates_are_not_part_of_a_name() -> None:
    found = programmes(
        "The International Monetary Fund's executive board approved the loan.",
        "In May 1993 the UN Security Council created the tribunal.",
        "The IMF said so.",
    )
    assert found["IMF"].name == "International Monetary Fund"
    assert "UN Security Council" in found


def test_a_short_form_before_a_complement_is_the_same_body() -> None:
    found = programmes(
        "It created the Multilateral Fund for the Implementation of the Montreal Protocol.",
        "Parties will review the budget of the Multilateral Fund.",
    )
    assert list(found) == ["Multilateral Fund for the Implementation of the Montreal Protocol"]
    assert len(found[next(iter(found))].sentences) == 2


def test_a_title_goes_on_past_that() -> None:
    found = programmes("The Montreal Protocol on Substances that Deplete the Ozone Layer holds.")
    assert list(found) == ["Montreal Protocol on Substances that Deplete the Ozone Layer"]


def test_a_name_before_framework_or_exercise() -> None:
    found = programmes(
        "It led to cooperation with Japan and South Korea in the ASEAN Plus Three framework.",
        "Norway hosts the annual Cold Response exercise.",
        "The Schengen framework was debated.",
    )
    assert set(found) == {"ASEAN Plus Three", "Cold Response"}


def test_a_complement_ends_before_dates_and_may_have_a_second_part() -> None:
    assert list(programmes("UNEP adopted a World Plan of Action on the Ozone Layer.")) == [
        "World Plan of Action on the Ozone Layer"
    ]
    assert list(programmes("The Programme of Action for the Least Developed Countries.")) == [
        "Programme of Action for the Least Developed Countries"
    ]
    assert list(programmes("The Fund for Peace on Monday released its index.")) == [
        "Fund for Peace"
    ]
    assert list(programmes("The Council of Europe on Tuesday agreed.")) == ["Council of Europe"]
    assert list(programmes("The Global Fund on Friday said so.")) == ["Global Fund"]


def test_a_demonym_before_a_programme_word_is_no_name_but_look_alikes_are() -> None:
    assert programmes("The Cuban programme ended; the Mongolian exercise began.") == {}
    assert list(programmes("Mongolia has hosted the Khaan Quest exercise since 2003.")) == [
        "Khaan Quest"
    ]
    assert list(programmes("The Olympic Solidarity programme grew.")) == [
        "Olympic Solidarity programme"
    ]


def test_a_review_is_an_exercise_when_the_text_says_it_was_carried_out() -> None:
    assert list(programmes("The Strategic Defence Review, completed in 2011, set out plans.")) == [
        "Strategic Defence Review"
    ]
    assert list(programmes("In 2015 it conducted the Strategic Defence and Security Review.")) == [
        "Strategic Defence and Security Review"
    ]
    assert programmes("The Harvard Business Review published an article.") == {}
    assert programmes("According to the Literary Review, it was good.") == {}


def test_an_adverb_opening_the_sentence_is_no_part_of_a_name() -> None:
    found = programmes("Meanwhile the African Union set up a fund for the continent.")
    assert set(found) == {"African Union"}


def test_a_date_or_a_definition_inside_a_run_ends_the_name_before_it() -> None:
    found = programmes(
        "The force was deployed under the agreement signed at Kumanovo on 9 June 1999 "
        "and UN Security Council Resolution 1244.",
        "Ships joined Combined Task Force 151 of the Combined Maritime Forces (CMF) in 2009.",
    )
    assert "UN Security Council" in found
    assert not any("Kumanovo" in key for key in found)
    assert found["Combined Task Force 151"].name == "Combined Task Force 151"
    assert "CMF" in found


def test_a_number_after_a_head_is_part_of_the_name_but_not_a_count() -> None:
    found = programmes(
        "Joint Task Force 2 was formed in 1993.",
        "The Cohesion Fund 40 staff worked there.",
    )
    assert "Joint Task Force 2" in found
    assert "Cohesion Fund" in found


def test_agencies_accelerators_commitments_and_welfare_payments() -> None:
    found = programmes(
        "The Resettlement Administration was replaced by the Farm Security Administration.",
        "The Great Green Wall Accelerator was launched in 2021.",
        "A pilot Advance Market Commitment for pneumococcal vaccines was agreed in 2009.",
        "People who receive the Working Family Payment or Child Benefit qualify.",
        "Households received a Better Energy Homes grant.",
    )
    assert found["Resettlement Administration"].succeeded_by == "Farm Security Administration"
    assert {"Great Green Wall Accelerator", "Advance Market Commitment"} <= set(found)
    assert {"Working Family Payment", "Child Benefit", "Better Energy Homes grant"} <= set(found)


def test_a_presidents_administration_is_no_agency() -> None:
    found = programmes(
        "Trump left office in 2021.",
        "The Trump Administration ended the programme.",
    )
    assert "Trump Administration" not in found


def test_two_names_with_one_head_joined_by_and() -> None:
    found = programmes(
        "Its Federal Writers' Project and Federal Art Project hired authors.",
        "The Partnership and Cooperation Agreement entered into force.",
    )
    assert {"Federal Writers' Project", "Federal Art Project"} <= set(found)
    assert "Partnership and Cooperation Agreement" in found


def test_developed_with_is_no_succession() -> None:
    found = programmes(
        "Loans come from the Home Energy Upgrade Loan Scheme, developed with the Strategic "
        "Banking Corporation of Ireland (SBCI).",
        "The Nordic Project Fund was merged with the Baltic Development Bank.",
    )
    scheme = found["Home Energy Upgrade Loan Scheme"]
    assert scheme.succeeded_by is None and scheme.acronym is None
    assert found["Nordic Project Fund"].succeeded_by == "Baltic Development Bank"


def test_a_compound_of_two_parties_before_a_definition_stays_in_the_name() -> None:
    found = programmes("The Serbia-NATO Defence Reform Group (DRG) was set up in 2006.")
    assert found["DRG"].name == "Serbia-NATO Defence Reform Group"
    assert found["DRG"].part_of is None


def test_offices_policies_staffs_armed_forces_and_speeches() -> None:
    found = programmes(
        "NATO opened a Military Liaison Office in Belgrade; the Foreign Office welcomed it.",
        "It financed the European Neighbourhood Policy; Foreign Policy wrote about it.",
        "It works with the General Staff of the Serbian Armed Forces.",
        "Bush announced the plan in his State of the Union address.",
    )
    assert set(found) == {"Military Liaison Office", "European Neighbourhood Policy"}


def test_a_name_in_apposition_to_a_phrase_for_a_scheme() -> None:
    found = programmes(
        "Students can take part in Erasmus+, the EU programme for education.",
        "Researchers apply to Horizon Europe, the research and innovation framework "
        "programme for 2021 to 2027.",
        "Baltic Air Policing, the mission in which allied jets guard the skies, began in 2004.",
        "The mission, named EUNAVFOR Aspides after the Greek word, was launched.",
    )
    assert {"Erasmus+", "Horizon Europe", "Baltic Air Policing", "EUNAVFOR Aspides"} <= set(found)


def test_no_name_in_apposition_to_a_complement_or_a_modifier() -> None:
    found = programmes(
        "France, the largest donor to the programme, paid in 2010.",
        "Kenya, the pilot programme's host, agreed.",
        "Jane Roe, the programme director, resigned.",
        "Microsoft, the software giant behind the initiative, said so.",
        "In March, the programme began.",
    )
    assert found == {}


def test_a_name_with_a_code_that_replaces_or_is_replaced_is_a_programme() -> None:
    found = programmes(
        "EUFOR Althea took over from NATO's Stabilisation Force (SFOR) in 2004.",
        "Researchers apply to Horizon Europe, the framework programme for 2021 to 2027 and "
        "the successor to Horizon 2020.",
        "NATO Secretary General Mark Rutte succeeded Jens Stoltenberg in 2024.",
        "On the route the Airbus A380 replaced the Boeing 747.",
    )
    assert found["SFOR"].succeeded_by == "EUFOR Althea"
    assert found["Horizon 2020"].succeeded_by == "Horizon Europe"
    assert found["Horizon Europe"].succeeded_by is None
    assert not any("Rutte" in key or "Airbus" in key for key in found)


def test_a_body_named_again_under_another_name_is_one_programme() -> None:
    found = programmes(
        "Operation Atalanta, formally the European Union Naval Force Somalia (EU NAVFOR "
        "Somalia), was launched in December 2008.",
        "Gavi, the Vaccine Alliance, began life as the Global Alliance for Vaccines and "
        "Immunization (GAVI) in 2000.",
    )
    assert set(found) == {"EU NAVFOR Somalia", "GAVI"}
    assert found["EU NAVFOR Somalia"].name == "Operation Atalanta"
    assert found["GAVI"].name == "Vaccine Alliance"


def test_a_place_after_the_head_and_a_bodys_possessive_before_the_name() -> None:
    found = programmes(
        "She received a grant from Arts Council Norway.",
        "It took over as the European Union's Operation Althea in 2004.",
        "UNICEF, the United Nations Children's Fund, buys vaccines.",
    )
    assert {"Arts Council Norway", "Operation Althea", "United Nations Children's Fund"} <= set(
        found
    )
    assert not any("Union's" in key for key in found)


def test_it_after_a_sentence_naming_a_programme_and_part_of_phrases() -> None:
    found = programmes(
        "From 2014 to 2020 the European Neighbourhood Instrument (ENI) financed reforms.",
        "In 2021 it was merged into the Global Europe Instrument (GEI).",
        "The European Union ran Operation Sophia from 2015 to 2020.",
        "It was replaced by Operation Irini, which enforces the embargo.",
        "The National Retrofit Plan, published in November 2021 as part of the Climate "
        "Action Plan 2021, set a target.",
        "Ships joined Combined Task Force 151 of the Combined Maritime Forces (CMF).",
    )
    assert found["ENI"].succeeded_by == "GEI"
    assert found["Operation Sophia"].succeeded_by == "Operation Irini"  # of the same kind
    assert found["European Union"].succeeded_by is None
    assert found["National Retrofit Plan"].part_of == "Climate Action Plan 2021"
    assert found["Combined Task Force 151"].part_of == "CMF"


def test_a_sentence_going_on_with_it_describes_the_subject() -> None:
    found = programmes(
        "The Global Fund to Fight AIDS, Tuberculosis and Malaria was set up in January 2002.",
        "It is a financing institution rather than an implementing agency.",
        "In 2003 Bush announced the Emergency Plan for AIDS Relief (EPAR) in a speech.",
        "It was popular.",
    )
    fund = found["Global Fund to Fight AIDS, Tuberculosis and Malaria"]
    assert "It is a financing institution" in fund.description
    assert len(fund.sentences) == 1  # it is not named there
    assert "It was popular" not in found["EPAR"].description  # not the subject


def test_an_acronym_written_as_a_word_is_a_mention() -> None:
    found = programmes(
        "Gavi, the Vaccine Alliance, began life as the Global Alliance for Vaccines and "
        "Immunization (GAVI).",
        "It is co-led by Gavi and others.",
        "Care was taken.",
        "The CARE Programme (CARE) helps, and staff took care.",
    )
    assert len(found["GAVI"].sentences) == 2
    assert len(found["CARE"].sentences) == 1  # "Care" opens a sentence only


def test_a_name_in_capitals_the_text_says_was_created() -> None:
    found = programmes(
        "COVAX was created in April 2020 as the vaccines pillar of the Access to COVID-19 "
        "Tools (ACT) Accelerator.",
        "COVAX shipped its billionth dose in 2022.",
    )
    assert len(found["COVAX"].sentences) == 2
    # ("(ACT) Accelerator": the acronym before one head noun is the whole body's.)
    parent = found["COVAX"].part_of
    assert parent is not None and found[parent].name == "Access to COVID-19 Tools Accelerator"


def test_a_name_in_apposition_to_a_company_is_no_programme() -> None:
    found = programmes(
        "India halted exports from the Serum Institute, its main supplier, in March.",
        "The Energy Research Institute, a think tank, disagreed.",
    )
    assert set(found) == {"Energy Research Institute"}


def test_a_name_followed_by_of_and_a_year_does_not_merge_with_a_longer_one() -> None:
    found = programmes(
        "Congress passed the Emergency Banking Act on 9 March 1933.",
        "The Banking Act of 1933, signed in June, created a deposit insurer.",
        "The Cooperation Council met after the EU-Kazakhstan Cooperation Council was set up.",
    )
    assert {"Emergency Banking Act", "Banking Act"} <= set(found)
    assert "Cooperation Council" not in found  # a short form still merges


def test_an_executive_with_an_acronym_is_a_body_but_a_chief_executive_is_not() -> None:
    found = programmes(
        "The Health and Safety Executive (HSE) opened a review.",
        "Its Chief Executive (CE) spoke, as did the Chief Executive Officer (CEO).",
    )
    assert set(found) == {"HSE"}


def test_an_acronym_before_its_own_head_is_the_programme_itself() -> None:
    found = programmes(
        "The Marine Research Programme (MRP) began in 2001.",
        "The MRP Programme later funded ten ships.",
    )
    assert set(found) == {"MRP"}
    assert len(found["MRP"].sentences) == 2


def test_diplomatic_missions_national_forces_and_academies_are_no_programmes() -> None:
    found = programmes(
        "Chile opened the Mission of Chile to the OSCE in 2001.",
        "The Israel Defense Forces (IDF) and the Irish Defence Forces trained with the "
        "Combined Maritime Forces (CMF).",
        "Officers study at the Sibelius Academy and the Naval Academy.",
    )
    assert set(found) == {"CMF"}


def test_a_name_holds_no_to_before_its_head() -> None:
    found = programmes("The ambassador of Peru to the Andean Community resigned.")
    assert set(found) == {"Andean Community"}


def test_a_complement_of_a_name_is_not_in_apposition_to_a_scheme() -> None:
    found = programmes(
        "Donors gave to the Reconstruction Trust Fund (RTF) for Iraq, the fund that pays for "
        "schools."
    )
    assert set(found) == {"RTF"}


def test_a_name_in_apposition_to_a_possessive_phrase_for_a_scheme() -> None:
    found = programmes(
        "Farmers rely on Aquila, the European Union's flood warning programme, for alerts.",
        "Helios Europe, the EU's solar research programme, ended in 2020.",
    )
    assert {"Aquila", "Helios Europe"} <= set(found)
    assert found["EU"].name == "European Union"  # the owner is a body of its own


def test_successions_through_inserted_phrases_and_back_references() -> None:
    found = programmes(
        "The Coastal Cooperation Programme (CCP), agreed in 2003, was replaced by an Ocean "
        "Partnership Programme in 2010, and that programme was in turn succeeded by the Blue "
        "Seas Programme (BSP) in 2018.",
        "The Sahel Water Plan (SWP), which was replaced in 2016 by a Regional Water Strategy "
        "(RWS), ended.",
        "The treaty turned the Baltic Fisheries Board (BFB) into the Baltic Sea Fisheries "
        "Agency (BSFA).",
    )
    assert found["CCP"].succeeded_by == "OPP"  # derived: a successor with three initials
    assert found["OPP"].succeeded_by == "BSP"
    assert found["SWP"].succeeded_by == "RWS"
    assert found["BFB"].succeeded_by == "BSFA"


def test_the_process_or_it_in_the_next_sentence_and_present_tense_successions() -> None:
    found = programmes(
        "The Alpine Dialogue was launched in 1990.",
        "In 2001 the dialogue was relaunched as the Alpine Partnership Council (APC).",
        "The Nordic Training Programme (NTP) ran until 2012.",
        "The new Joint Training Programme (JTP) replaces it.",
        "2004 – The Danube Mission takes over from the Sava Mission.",
    )
    assert found["Alpine Dialogue"].succeeded_by == "APC"
    assert found["NTP"].succeeded_by == "JTP"
    assert found["Sava Mission"].succeeded_by == "Danube Mission"


def test_its_successor_in_apposition_and_operation_code_names() -> None:
    found = programmes(
        "Troops served with the Peace Implementation Force (PIF) and then with its successor, "
        "the Stabilisation Force (SFOR).",
        "It joined the Sea Research Programme, the Union's marine research programme, in 2014 "
        "and its successor, Ocean Futures, in 2021.",
        "France launched Operation Lynx in 2013. Lynx was replaced by Operation Falcon in 2014.",
        "Microsoft sold Windows 10 and its successor, Windows 11, in 2022.",
    )
    assert "Windows 11" not in found  # no word for a scheme in its sentence
    assert found["PIF"].succeeded_by == "SFOR"
    assert found["Sea Research Programme"].succeeded_by == "Ocean Futures"
    assert found["Operation Lynx"].succeeded_by == "Operation Falcon"


def test_a_coded_name_before_mission_or_instrument_and_capitals_before_programme() -> None:
    found = programmes(
        "The civilian EUBAM Rafah mission monitored the crossing, while the Red Sea mission "
        "escorted ships.",
        "Aid came through the TACIS programme and the CBC-Black Sea instrument.",
        "The NATO programme ran too, and NATO paid for it.",
    )
    assert set(found) == {"EUBAM Rafah", "TACIS programme", "CBC-Black Sea"}


def test_another_name_after_a_participle_phrase_is_the_same_body() -> None:
    found = programmes(
        "The Danube Process, launched at a meeting of river states in 1994 and formally "
        "called the Danube River Partnership (DRP), met yearly."
    )
    assert set(found) == {"DRP"}
    assert found["DRP"].name == "Danube Process"


def test_bodies_named_after_a_one_word_programme_are_part_of_it() -> None:
    found = programmes(
        "Data come from Vigil, the Union's radar programme.",
        "The Vigil Marine Service and the Vigil Land Monitoring Service (VLMS) use them.",
        "The Harbour Service helps too.",
    )
    assert found["Vigil Marine Service"].part_of == "Vigil"
    assert found["VLMS"].part_of == "Vigil"
    assert "Harbour Service" not in found  # a generic head alone names nothing


def test_a_document_of_a_programme_names_the_programme() -> None:
    found = programmes(
        "Chile signed the Partnership for Prosperity Framework Document in 2001.",
        "It also signed the Trade Framework Document.",
    )
    assert set(found) == {"Partnership for Prosperity"}


def test_a_numbered_text_may_end_the_complement_of_a_head() -> None:
    found = programmes(
        "Chile adopted a National Plan of Action on UN Security Council Resolution 2250 in 2019.",
        "Peru cited UN Security Council Resolution 1244 and the Peace Fund.",
    )
    assert "National Plan of Action on UN Security Council Resolution 2250" in found
    assert "UN Security Council Resolution 1244" not in found


def test_a_name_ending_in_a_plus_that_opens_a_sentence_or_follows_under() -> None:
    found = programmes(
        "Pupils travel under Erasmus+ each year.",
        "Homes get help under a new government scheme.",
        "Warm+ will run until 2026.",
        "Streamix+ subscribers rose, and Canal+ said so.",
        "Vidflix+ added 7 million viewers.",
    )
    assert set(found) == {"Erasmus+", "Warm+"}


def test_descriptions_leave_out_labels_and_datelines() -> None:
    scan = find_programmes(
        [
            "GENEVA, March 3 (Newswire) – The Alpine Fund (AF) opened a hut.",
            "It pays for mountain huts. The AF also trains guides.",
            "Forum: AF",
        ],
        [True, True, False],
    )
    (fund,) = scan.programmes
    assert fund.description.startswith("The Alpine Fund (AF) opened a hut.")
    assert "Forum" not in fund.description
    assert len(fund.sentences) == 3  # the label still mentions it


def test_descriptions_leave_out_a_dateline_ending_in_a_full_stop() -> None:
    scan = find_programmes(["OSLO, Jun 2. The Fjord Fund (FF) opened a hut."], [True])
    (fund,) = scan.programmes
    assert fund.description == "The Fjord Fund (FF) opened a hut."


def test_missions_named_after_their_place_owners_before_definitions_and_battlegroups() -> None:
    found = programmes(
        "The UN Verification Mission in Colombia has monitored it since 2017, and the "
        "Marshall Plan in Western Europe ended.",
        "The European Union's Common Fisheries Policy (CFP) changed.",
        "Finland joined the Nordic Battlegroup in 2008.",
    )
    assert set(found) == {
        "UN Verification Mission in Colombia",
        "Marshall Plan",
        "European Union",
        "CFP",
        "Nordic Battlegroup",
    }


def test_a_definition_after_the_name_with_its_place_is_the_same_body() -> None:
    found = programmes(
        "Troops joined the Peace Support Mission in Kivu.",
        "Later the Peace Support Mission (PSM) grew.",
    )
    assert set(found) == {"PSM"}
    assert found["PSM"].name == "Peace Support Mission"
    assert len(found["PSM"].sentences) == 2


def test_a_name_starting_with_a_defined_acronym_is_part_of_it_without_brackets_too() -> None:
    found = programmes(
        "Chile joined the Pacific Partnership (PaP) in 2001.",
        "A PaP Trust Fund project cleared mines.",
    )
    assert found["PaP Trust Fund"].part_of == "PaP"


def test_a_name_in_the_complement_of_a_longer_one_is_a_body_of_its_own() -> None:
    found = programmes(
        "Chile joined the Andean Partnership, launched in 1999, and the Action Plan for the "
        "Andean Partnership in 2005.",
    )
    assert set(found) == {"Andean Partnership", "Action Plan for the Andean Partnership"}


def test_a_name_whose_first_words_are_listed_with_commas() -> None:
    found = programmes(
        "Aid came from the Neighbourhood, Development and Growth Instrument in 2022.",
        "Paris, Lyon and Nice Council members met.",
    )
    assert "Neighbourhood, Development and Growth Instrument" in found
    assert not any(key.startswith("Paris") for key in found)  # only after "the"


def test_a_coded_name_replaced_by_something_is_a_programme() -> None:
    found = programmes(
        "The new mission took over from the EU Monitoring Team in 2023.",
        "The Airbus A380 replaced the Boeing 747, and Ann Lee succeeded Tom Ray.",
    )
    assert set(found) == {"EU Monitoring Team"}


def test_a_programme_of_a_programme_named_with_its_possessive_is_part_of_it() -> None:
    found = programmes(
        "The United Nations Interim Force in Lebanon (UNIFIL) grew.",
        "UNIFIL's Maritime Task Force was set up in 2006.",
    )
    assert found["Maritime Task Force"].part_of == "UNIFIL"


def test_a_relative_clause_before_the_succession_verb_and_packages() -> None:
    found = programmes(
        "The Bond Support Programme, which ran from 2010 to 2012, was replaced by Outright "
        "Market Operations (OMO).",
        "The Black Sea Security Package was agreed in 2019, and the Software Package shipped.",
    )
    assert found["BSP"].succeeded_by == "OMO"  # derived: a predecessor with three initials
    assert "Black Sea Security Package" in found
    assert "Software Package" not in found


def test_a_bare_apposition_to_a_scheme_word_must_be_closed() -> None:
    found = programmes(
        "Under the research programme, NATO has funded ten projects.",
        "In 1991 it launched a loyalty scheme, SkyMiles, for its passengers.",
    )
    assert set(found) == {"SkyMiles"}


def test_known_as_gives_an_acronym_and_a_second_predicate_a_successor() -> None:
    found = programmes(
        "The Regional Peace Training Centre in Almaty, known as KAZPEACE, opened in 2004.",
        "Its first Regional Action Plan was agreed in 2006.",
        "The RAP was updated in 2008 and 2010, and was replaced by a Regional Partnership "
        "Cooperation Programme in 2017.",
    )
    assert found["KAZPEACE"].name == "Regional Peace Training Centre"
    assert found["RAP"].succeeded_by == "RPCP"  # derived from the relation the RAP shows


def test_a_number_opening_a_name_after_the() -> None:
    found = programmes(
        "Genomics England ran the 100,000 Genomes Project from 2012, after the 1000 Genomes "
        "Project; the 2019 Water Strategy followed."
    )
    assert set(found) == {"100,000 Genomes Project", "1000 Genomes Project", "Water Strategy"}


def test_a_date_between_replaced_and_by() -> None:
    found = programmes(
        "The Lake Mission (LAM), deployed in March 2007, was formally replaced on Friday by "
        "the Lake Transition Mission (LATM)."
    )
    assert found["LAM"].succeeded_by == "LATM"


def test_free_trade_areas_and_names_with_a_digit_inside() -> None:
    found = programmes(
        "The agreement includes a Deep and Comprehensive Free Trade Area, not a Border Area.",
        "Firms gained from the EU4Business programme.",
    )
    assert set(found) == {"Deep and Comprehensive Free Trade Area", "EU4Business programme"}


def test_it_after_a_sentence_opening_with_the_new_programme_describes_it() -> None:
    found = programmes(
        "The new Coastal Partnership Programme (CPP) replaces it.",
        "It lists sixteen areas of work.",
    )
    assert found["CPP"].description.endswith("It lists sixteen areas of work.")


def test_a_sentence_opening_with_the_head_noun_alone_describes_that_programme() -> None:
    found = programmes(
        "Chile signed the Coastal Action Plan (CAP) in 2015, with the Ocean Fund (OF).",
        "The Plan sets out reform goals.",
        "The Plan of Action for Peru is another matter.",
    )
    assert found["CAP"].description.endswith("The Plan sets out reform goals.")
    assert "Peru" not in found["CAP"].description
    assert "reform goals" not in found["OF"].description


def test_a_name_before_a_lowercase_plan_unless_a_firm_owns_it() -> None:
    found = programmes(
        "The council adopted the Vision Zero plan in 2019.",
        "The Inspire 2030 plan sets goals for the league.",
    )
    assert {"Vision Zero", "Inspire 2030"} <= set(found)
    assert programmes("Lumen shipped chips.", "It backed the Lumen Semiconductor plan.") == {}
    tariffs = programmes(
        "Subscribers to the Spotify Premium plan will pay more.",
        "The company said the Family Premium plan would rise too.",
    )
    assert tariffs == {}


def test_a_name_with_and_without_its_years_is_one_programme() -> None:
    found = programmes(
        "In 2014 the NFA adopted its Women's Football Strategy 2014–2020.",
        "The Women's Football Strategy set wage floors.",
    )
    assert set(found) - {"NFA"} == {"Women's Football Strategy 2014–2020"}
    assert len(found["Women's Football Strategy 2014–2020"].sentences) == 2
    later = programmes(
        "The Water Strategy was drafted by the board.",
        "The Water Strategy 2030–2040 was then adopted.",
    )
    assert list(later) == ["Water Strategy 2030–2040"]
    two = programmes("The Climate Action Plan 2021 and the Climate Action Plan 2024 differ.")
    assert set(two) == {"Climate Action Plan 2021", "Climate Action Plan 2024"}


def test_a_name_after_a_stage_of_a_competition_is_a_competition() -> None:
    found = programmes(
        "Valby IF reached the semi-finals of the UEFA Women's Champions League in May.",
        "The European Football League launched the Grassroots Fund.",
    )
    assert set(found) == {"European Football League", "Grassroots Fund"}


def test_a_bodys_definition_before_its_programmes_name_gives_both() -> None:
    found = programmes(
        "Arden adopted the World Health Organization (WHO) Global Strategy to Accelerate the"
        " Elimination of Cervical Cancer in 2020.",
        "It gave to the Afghan National Army (ANA) Trust Fund.",
    )
    strategy = "WHO Global Strategy to Accelerate the Elimination of Cervical Cancer"
    assert set(found) == {"WHO", strategy, "Afghan National Army Trust Fund"}
    assert found["WHO"].name == "World Health Organization"
    assert found[strategy].part_of == "WHO"
    assert found[strategy].description.startswith("Arden adopted the World Health")


def test_a_word_in_capitals_that_succeeds_a_programme_after_a_second_predicate() -> None:
    found = programmes(
        "The Human Brain Project (HBP) began in 2013.",
        "The HBP ended on 30 September 2023 and was succeeded by EBRAINS, which runs atlases.",
    )
    assert set(found) == {"HBP", "EBRAINS"}
    assert found["HBP"].succeeded_by == "EBRAINS"
    assert programmes("The plant was replaced by NVIDIA chips in 2020.") == {}
    assert programmes("The CEO was succeeded by NASA veteran Jim Bridenstine.") == {}


def test_a_later_word_of_a_name_may_end_in_a_lowercase_part_after_a_hyphen() -> None:
    found = programmes("It opened a new Centres for Research-based Innovation call in May.")
    assert set(found) == {"Centres for Research-based Innovation"}
    isaf = programmes("Troops joined the NATO-led International Security Assistance Force.")
    assert set(isaf) == {"International Security Assistance Force"}


def test_known_as_after_a_name_and_a_word_for_a_scheme_gives_the_acronym() -> None:
    found = programmes(
        "The council replaced its Centres of Excellence scheme, known as SFF, with a new call.",
        "The SFF scheme had funded 55 centres.",
        "Its loyalty scheme, known as AMX, grew.",
    )
    assert set(found) == {"SFF", "AMX"}
    assert found["SFF"].name == "Centres of Excellence"
    assert len(found["SFF"].sentences) == 2


def test_a_school_whose_name_holds_a_head_is_no_programme() -> None:
    found = programmes(
        "It works with Ohio State University and Columbus State Community College on courses.",
        "The European Community grew.",
    )
    assert set(found) == {"European Community"}


def test_fellowships_in_the_plural_are_a_scheme() -> None:
    found = programmes("UKRI said its Future Leaders Fellowships would fund 80 fellows.")
    assert "Future Leaders Fellowships" in found


def test_a_country_code_after_the_head_ends_the_name() -> None:
    found = programmes("The council said the Dementias Platform UK had grown.")
    assert set(found) == {"Dementias Platform UK"}


def test_a_laws_short_title_leaves_out_what_and_joins() -> None:
    found = programmes(
        "Biden signed the CHIPS and Science Act in 2022.",
        "The CHIPS Act is working.",
        "The Partnership and Cooperation Agreement was signed; the Partnership Agreement too.",
    )
    assert len(found["CHIPS and Science Act"].sentences) == 2
    assert "CHIPS Act" not in found
    assert "Partnership Agreement" in found


def test_a_one_word_programme_named_with_its_kind_is_itself() -> None:
    found = programmes(
        "Screening is offered through CervixCheck, the national cervical screening programme.",
        "An inquiry looked into the CervixCheck Screening Programme in 2018.",
        "It funds Copernicus, the European Union's Earth observation programme.",
        "The Copernicus Marine Service gives ocean data.",
    )
    assert len(found["CervixCheck"].sentences) == 2
    assert "CervixCheck Screening Programme" not in found
    assert found["Copernicus Marine Service"].part_of == "Copernicus"


def test_a_sentence_opening_with_the_scheme_describes_the_one_scheme_before() -> None:
    found = programmes(
        "UK Research and Innovation (UKRI) said its Future Leaders Fellowships would fund 80.",
        "The scheme, which began in 2018, pays for early-career researchers.",
        "The Medical Research Council (MRC) met.",
        "The scheme was praised.",
    )
    assert "The scheme, which began" in found["Future Leaders Fellowships"].description
    assert "began" not in found["UKRI"].description
    assert "praised" not in found["MRC"].description


def test_a_sentence_saying_what_a_programme_is_opens_its_description() -> None:
    found = programmes(
        "The city published its third Vision Zero plan report in 2025.",
        "Vision Zero is the council's plan to end road deaths by 2040.",
    )
    assert found["Vision Zero"].description.startswith("Vision Zero is the council's plan")


def test_names_listed_right_after_plural_schemes_are_programmes() -> None:
    found = programmes(
        "It is one of three screening programmes run by the National Screening Service (NSS),"
        " alongside BreastCheck and BowelScreen.",
        "The IPA replaced earlier programmes such as Phare, ISPA and SAPARD.",
        "It runs programmes in countries such as Kenya and Ghana.",
    )
    assert {"BreastCheck", "BowelScreen", "Phare", "ISPA", "SAPARD"} <= set(found)
    assert not {"Kenya", "Ghana"} & set(found)
    shows = programmes("Viewers preferred programmes such as EastEnders and Coronation Street.")
    assert shows == {}


def test_its_predecessor_is_succeeded_by_the_programme_before() -> None:
    found = programmes(
        "The Eastbridge Cycle Hire scheme, run by a firm, was relaunched in April 2024 after"
        " its predecessor, CityBike, closed.",
    )
    assert found["CityBike"].succeeded_by == "Eastbridge Cycle Hire scheme"


def test_a_noun_of_the_kind_reaches_back_past_sentences_naming_no_programme() -> None:
    found = programmes(
        "In 2014 the NFA adopted its Women's Football Strategy 2014–2020.",
        "Six clubs met the criteria in the first season.",
        "The strategy was followed by the Inspire 2030 plan, approved in March 2021.",
    )
    assert found["Women's Football Strategy 2014–2020"].succeeded_by == "Inspire 2030"


def test_a_scheme_named_after_that_and_after_a_lowercase_owners_possessive() -> None:
    found = programmes(
        "The department said on Tuesday that the Teach First scheme would recruit more.",
        "Sure Start, the Labour government's early-years programme, opened in 1999.",
    )
    assert set(found) == {"Teach First scheme", "Sure Start"}


def test_acronym_before_its_own_head_noun_is_the_programme_itself() -> None:
    # The acronym stands inside the name, before its one head noun: "the TCR Fund" later
    # is the Tidewater Climate Resilience (TCR) Fund itself, not a part of it.
    found = programmes(
        "Donors set up the Tidewater Climate Resilience (TCR) Fund in 2015.",
        "Under the TCR Fund, towns have built sea walls.",
    )
    assert set(found) == {"TCR"}
    assert found["TCR"].name == "Tidewater Climate Resilience Fund"
    assert len(found["TCR"].sentences) == 2


def test_a_plus_name_after_under_the_needs_a_word_for_a_scheme() -> None:
    found = programmes("Towns got grants under the CLEAN+ pilot programme in 2019.")
    assert set(found) == {"CLEAN+"}
    assert programmes("Payments under the Disney+ deal rose.") == {}


def test_programmes_the_subject_manages_or_includes_are_part_of_it() -> None:
    found = programmes(
        "The Coastal Action Fund (CAF), set up in 2001 and hosted by the World Bank, manages "
        "the Reef Recovery Fund (RRF) and the Mangrove Restoration Fund.",
        "The Green Cities Facility includes the Clean Buses Programme.",
    )
    assert found["RRF"].part_of == "CAF"
    assert found["Mangrove Restoration Fund"].part_of == "CAF"
    assert found["Clean Buses Programme"].part_of == "Green Cities Facility"
    assert found["World Bank"].part_of is None


def test_a_name_apposed_to_another_programmes_initiative_is_part_of_it() -> None:
    found = programmes(
        "Nordic Start (NS) helps young firms.",
        "Seed Link, an NS initiative, has funded 40 firms since 2016.",
    )
    assert found["Seed Link"].part_of == "NS"


def test_it_after_a_leading_phrase_is_the_previous_sentences_programme() -> None:
    found = programmes(
        "The Clean Harbour Mechanism (CHM) issued its first credits in 2005.",
        "Under the Ocean Accord it is being replaced by a new crediting scheme, the Blue "
        "Carbon Mechanism, which first met in 2022.",
    )
    assert found["CHM"].succeeded_by is not None
    assert found[found["CHM"].succeeded_by].name == "Blue Carbon Mechanism"
    assert found["Ocean Accord"].succeeded_by is None


def test_participle_succession_skips_a_name_used_before_summit() -> None:
    found = programmes(
        "The Trade and Transit Agreement (TTA) entered into force in 2001.",
        "The Joint Economic Accord (JEA) was signed at the Northern Forum summit in Oslo"
        " in 2019 and took effect in 2021, succeeding the TTA.",
    )
    assert found["TTA"].succeeded_by == "JEA"
    assert found["Northern Forum"].succeeded_by is None


def test_later_use_of_a_short_form_defined_in_brackets_is_the_same_programme() -> None:
    found = programmes(
        "The Greater Lakes Water Fund (GLW Fund) opened in 2011.",
        "Donors paid into the GLW Fund until 2015.",
    )
    assert list(found) == ["GLW Fund"]
    assert found["GLW Fund"].name == "Greater Lakes Water Fund"
    assert len(found["GLW Fund"].sentences) == 2


def test_purpose_after_to_belongs_to_the_name() -> None:
    found = programmes(
        "Norway joined the Global Alliance to End Plastic Pollution in 2022.",
        "The Marshall Plan to Western Europe and Japan was smaller.",
        "The Global Alliance met again in 2023.",
    )
    assert set(found) == {"Global Alliance to End Plastic Pollution", "Marshall Plan"}
    assert len(found["Global Alliance to End Plastic Pollution"].sentences) == 2


def test_a_name_before_battlegroup() -> None:
    found = programmes("Its troops joined the Northern Shield Presence battlegroup in Estonia.")
    assert list(found) == ["Northern Shield Presence"]


def test_a_name_holding_to_in_apposition_to_a_word_for_a_scheme() -> None:
    found = programmes(
        "Chile joined the Coastal Route to Cleaner Ports, an initiative that cuts emissions."
    )
    assert list(found) == ["Coastal Route to Cleaner Ports"]


def test_a_coded_name_after_a_word_for_a_scheme_and_its_place() -> None:
    found = programmes("Its officers served in the EU's police mission in Niger, EUCAP Sahel.")
    assert "EUCAP Sahel" in found
    assert "Niger" not in " ".join(found)
    assert programmes("Under the programme, NATO has funded labs.") == {}


def test_successions_in_the_present_of_a_milestone_list_and_after_led_by() -> None:
    found = programmes(
        "2004: The Harbour Support Mission is set up in May and is succeeded in November by"
        " the Harbour Training Mission (HTM).",
        "It joined the Trade Union led by Brazil, which became the Southern Trade Area"
        " (STA) in 2015.",
    )
    assert found["HSM"].name == "Harbour Support Mission"  # its derived acronym
    assert found["HSM"].succeeded_by == "HTM"
    assert found["Trade Union"].succeeded_by == "STA"


def test_part_of_after_including_and_after_a_mission_under() -> None:
    found = programmes(
        "In 2019 it negotiated a Trade Pact, including a Digital Services Chapter (DSC).",
        "It set up the Border Assistance Mission (BAM), a civilian mission under the"
        " Common Defence Policy (CDP), in 2020.",
    )
    assert found["DSC"].part_of == "Trade Pact"
    assert found["BAM"].part_of == "CDP"


def test_it_after_a_when_clause_naming_a_programme_is_that_programme() -> None:
    found = programmes(
        "The Harbour Watch Force (HWF) patrolled the bay from 2001.",
        "When HWF's patrols ended in 2014, it was succeeded by the Coastal Guard Mission (CGM).",
    )
    assert found["HWF"].succeeded_by == "CGM"
    found = programmes(
        "The Old Grant Scheme (OGS) paid farmers.",
        "Under the Paris Agreement it is being replaced by a new scheme, the Crediting Fund.",
    )
    assert found["OGS"].succeeded_by == "Crediting Fund"


def test_successor_of_the_old_x() -> None:
    found = programmes(
        "The treaty set up a Joint Harbour Council in 1999.",
        "It is run by a Port Partnership Council, the successor of the old Joint Harbour"
        " Council, which met in 2023.",
    )
    assert found["Joint Harbour Council"].succeeded_by == "Port Partnership Council"


def test_a_title_awarded_to_a_city_is_a_programme_only_as_a_demonym_or_world_title() -> None:
    found = programmes(
        "Valmora was named European Capital of Culture for 2019.",
        "In 2021 it became World Book Capital.",
        "Bain Capital bought the shipyard. The Capital of Scotland hosted the fair.",
    )
    assert set(found) == {"European Capital of Culture", "World Book Capital"}


def test_names_in_apposition_to_support_and_strategy_words() -> None:
    found = programmes(
        "In 2019 the government replaced the old grant with a new programme, Casa Verde.",
        "Parliament approved an emergency payment, the Renda Solidária, in May 2020.",
        "It kept Vale Luz, a power subsidy introduced in 2012.",
        "She launched Mesa Cheia (Full Table), an umbrella strategy against hunger.",
        "The ministers discussed the Blue Corridor, the bloc's transport strategy, on Monday.",
    )
    assert set(found) == {
        "Casa Verde",
        "Renda Solidária",
        "Vale Luz",
        "Mesa Cheia",
        "Blue Corridor",
    }


def test_a_bare_apposition_closed_by_a_verb_names_nothing() -> None:
    assert not programmes(
        "Under the programme, Ukraine has received funds.",
        "After the payment, Lisbon said it was satisfied.",
    )


def test_an_enhanced_version_is_not_the_body_its_name_ends_with() -> None:
    found = programmes(
        "The sides signed an Enhanced Partnership and Cooperation Agreement on Tuesday.",
        "It follows the Partnership and Cooperation Agreement (PCA), signed in 1995.",
        "Under the EPCA, trade will grow.",
    )
    assert found["EPCA"].name == "Enhanced Partnership and Cooperation Agreement"
    assert found["PCA"].name == "Partnership and Cooperation Agreement"


def test_names_with_accented_letters_before_a_plan() -> None:
    found = programmes(
        "It pays R$300 a month under Renda Cidadã.",
        'In 2011 the president launched the Cidadã Sem Miséria plan ("Citizen Without'
        ' Poverty"), which used the grant.',
    )
    assert "Cidadã Sem Miséria" in found


def test_a_firms_plan_is_still_no_programme() -> None:
    found = programmes(
        "Lumen shipped more chips in 2023.",
        "The Lumen Growth plan was presented to investors.",
    )
    assert "Lumen Growth" not in found


def test_which_became_part_of() -> None:
    found = programmes(
        "In 2003 a law merged the grants into the Family Grant Scheme, which became part of"
        " the Zero Hunger Strategy."
    )
    assert found["Family Grant Scheme"].part_of == "Zero Hunger Strategy"
