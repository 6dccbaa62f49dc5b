from bot.store.names import acronym_key, fold, name_key, words


def test_spellings_of_one_name_meet():
    keys = {
        name_key(n)
        for n in (
            "Partnership for Peace",
            "partnership for peace",
            "The Partnership for Peace programme",
            "Partnership for Peace program",
            "PARTNERSHIP  FOR   PEACE",
        )
    }
    assert keys == {"partnership for peace"}


def test_british_and_american_spellings_meet():
    assert name_key("NATO Defence Centre") == name_key("NATO defense center")
    assert name_key("NATO's Trust Fund") == name_key("NATO Trust Fund")


def test_a_name_that_is_only_a_generic_word_is_kept():
    assert name_key("Programme") == "program"
    assert name_key("The") == "the"
    assert name_key("!!!") == ""


def test_acronym_keys_ignore_case_and_dots():
    assert acronym_key("PfP") == acronym_key("PFP") == acronym_key("P.f.P.") == "pfp"


def test_fold_removes_accents_and_case():
    assert fold("Café CRÈME") == "cafe creme"
    assert fold("Straße") == "strasse"
    assert words("Azerbaijan’s R&D-centre") == ["azerbaijan", "r", "and", "d", "center"]
