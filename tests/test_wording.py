from bot.wording import plural


def test_plural_counts_with_separators_and_irregular_forms() -> None:
    assert plural(1, "event") == "1 event"
    assert plural(0, "event") == "0 events"
    assert plural(1200, "person", "people") == "1,200 people"
    assert plural(1, "person", "people") == "1 person"
