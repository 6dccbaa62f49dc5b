"""Discord's payload limits as the fake enforces them (pure functions, no sockets)."""

from __future__ import annotations

from typing import Any

from tests.e2e.fakediscord import validation as v


def errors_at(tree: dict[str, Any], *path: str | int) -> list[str]:
    node: Any = tree
    for part in path:
        node = node.get(str(part), {})
    return [e["code"] for e in node.get("_errors", [])]


def embed(**fields: Any) -> dict[str, Any]:
    return {"type": "rich", **fields}


def button(custom_id: str, label: str = "ok", **extra: Any) -> dict[str, Any]:
    return {"type": 2, "style": 1, "custom_id": custom_id, "label": label, **extra}


def row(*children: dict[str, Any]) -> dict[str, Any]:
    return {"type": 1, "components": list(children)}


def test_a_message_at_every_limit_is_valid():
    body = {
        "content": "c" * 2000,
        "embeds": [embed(title="t" * 256, description="d" * 1000) for _ in range(4)],
        "components": [row(*(button(f"b{r}{i}", "l" * 80) for i in range(5))) for r in range(5)],
        "allowed_mentions": {"parse": []},
    }
    assert v.message_errors(body) == {}


def test_content_over_2000_characters():
    tree = v.message_errors({"content": "c" * 2001})
    assert errors_at(tree, "content") == ["BASE_TYPE_MAX_LENGTH"]
    assert tree["content"]["_errors"][0]["message"] == "Must be 2000 or fewer in length."


def test_each_embed_field_limit_is_reported_at_its_path():
    tree = v.message_errors(
        {
            "embeds": [
                embed(
                    title="t" * 257,
                    description="d" * 4097,
                    fields=[{"name": "n" * 257, "value": "v" * 1025}, {"name": "", "value": "x"}],
                    footer={"text": "f" * 2049},
                    author={"name": "a" * 257},
                )
            ]
        }
    )
    assert errors_at(tree, "embeds", 0, "title") == ["BASE_TYPE_MAX_LENGTH"]
    assert errors_at(tree, "embeds", 0, "description") == ["BASE_TYPE_MAX_LENGTH"]
    assert errors_at(tree, "embeds", 0, "fields", 0, "name") == ["BASE_TYPE_MAX_LENGTH"]
    assert errors_at(tree, "embeds", 0, "fields", 0, "value") == ["BASE_TYPE_MAX_LENGTH"]
    assert errors_at(tree, "embeds", 0, "fields", 1, "name") == ["BASE_TYPE_REQUIRED"]
    assert errors_at(tree, "embeds", 0, "footer", "text") == ["BASE_TYPE_MAX_LENGTH"]
    assert errors_at(tree, "embeds", 0, "author", "name") == ["BASE_TYPE_MAX_LENGTH"]


def test_more_than_ten_embeds_or_25_fields():
    many = v.message_errors({"embeds": [embed(title="x") for _ in range(11)]})
    assert errors_at(many, "embeds") == ["BASE_TYPE_MAX_LENGTH"]
    fields = [{"name": "n", "value": "v"}] * 26
    assert errors_at(v.message_errors({"embeds": [embed(fields=fields)]}), "embeds", 0, "fields")


def test_total_embed_size_counts_across_all_embeds_of_a_message():
    # Two embeds of 3000 characters each are fine; one more character is not.
    exact = [embed(description="d" * 3000), embed(description="d" * 2744, title="t" * 256)]
    assert v.message_errors({"embeds": exact}) == {}
    over = [embed(description="d" * 3000), embed(description="d" * 2745, title="t" * 256)]
    assert errors_at(v.message_errors({"embeds": over}), "embeds") == ["MAX_EMBED_SIZE_EXCEEDED"]


def test_embed_size_counts_the_documented_fields_only():
    sized = embed(
        title="ab",
        description="cde",
        fields=[{"name": "f", "value": "gh"}],
        footer={"text": "ij", "icon_url": "https://example.invalid/" + "x" * 500},
        author={"name": "k", "url": "https://example.invalid"},
        url="https://example.invalid/" + "y" * 500,
    )
    assert v.embed_size(sized) == 11


def test_component_limits():
    six_rows = [row(button(f"r{i}")) for i in range(6)]
    assert errors_at(v.message_errors({"components": six_rows}), "components") == [
        "BASE_TYPE_MAX_LENGTH"
    ]
    wide = [row(*(button(f"b{i}") for i in range(6)))]
    assert errors_at(v.message_errors({"components": wide}), "components", 0, "components")
    long_id = [row(button("i" * 101, "l" * 81))]
    tree = v.message_errors({"components": long_id})
    assert errors_at(tree, "components", 0, "components", 0, "custom_id") == [
        "BASE_TYPE_MAX_LENGTH"
    ]
    assert errors_at(tree, "components", 0, "components", 0, "label") == ["BASE_TYPE_MAX_LENGTH"]
    duplicate = [row(button("same"), button("same"))]
    assert errors_at(
        v.message_errors({"components": duplicate}), "components", 0, "components", 1, "custom_id"
    ) == ["COMPONENT_CUSTOM_ID_DUPLICATED"]


def test_link_buttons_need_a_url_not_a_custom_id():
    link = {"type": 2, "style": 5, "label": "docs", "url": "https://example.invalid"}
    assert v.message_errors({"components": [row(link)]}) == {}
    no_url = {"type": 2, "style": 5, "label": "docs"}
    tree = v.message_errors({"components": [row(no_url)]})
    assert errors_at(tree, "components", 0, "components", 0, "url") == ["BASE_TYPE_REQUIRED"]


def test_allowed_mentions_parse_values():
    assert v.message_errors({"allowed_mentions": {"parse": ["users", "roles"]}}) == {}
    tree = v.message_errors({"allowed_mentions": {"parse": ["channels"]}})
    assert errors_at(tree, "allowed_mentions", "parse", 0) == ["BASE_TYPE_CHOICES"]


def test_empty_message_detection():
    assert v.is_empty_message({"content": ""})
    assert v.is_empty_message({"allowed_mentions": {"parse": []}})
    assert not v.is_empty_message({"embeds": [embed(title="x")]})


def test_autocomplete_choices():
    ok = {"choices": [{"name": f"n{i}", "value": "v" * 100} for i in range(25)]}
    assert v.autocomplete_errors(ok) == {}
    too_many = {"choices": [{"name": f"n{i}", "value": f"{i}"} for i in range(26)]}
    assert errors_at(v.autocomplete_errors(too_many), "data", "choices") == ["BASE_TYPE_MAX_LENGTH"]
    bad = {"choices": [{"name": "", "value": "x"}, {"name": "n" * 101, "value": "v" * 101}]}
    tree = v.autocomplete_errors(bad)
    assert errors_at(tree, "data", "choices", 0, "name") == ["BASE_TYPE_REQUIRED"]
    assert errors_at(tree, "data", "choices", 1, "name") == ["BASE_TYPE_MAX_LENGTH"]
    assert errors_at(tree, "data", "choices", 1, "value") == ["BASE_TYPE_MAX_LENGTH"]
    assert v.autocomplete_errors({"choices": [{"name": "year", "value": 1969}]}) == {}


def command(name: str = "timeline", **extra: Any) -> dict[str, Any]:
    return {"type": 1, "name": name, "description": "Show a timeline", **extra}


def option(name: str, kind: int = 3, **extra: Any) -> dict[str, Any]:
    return {"type": kind, "name": name, "description": f"The {name}", **extra}


def test_valid_commands_with_subcommands_pass():
    dailypost = command(
        "dailypost",
        options=[
            option("set", 1, options=[option("channel", 7, required=True), option("time")]),
            option("off", 1),
        ],
    )
    assert (
        v.commands_errors([command(options=[option("topic", autocomplete=True)]), dailypost]) == {}
    )


def test_command_names_and_descriptions():
    tree = v.commands_errors(
        [
            command("Timeline"),
            command("has space"),
            command("x" * 33),
            command("ok", description=""),
        ]
    )
    assert errors_at(tree, 0, "name") == ["APPLICATION_COMMAND_INVALID_NAME"]
    assert errors_at(tree, 1, "name") == ["APPLICATION_COMMAND_INVALID_NAME"]
    assert errors_at(tree, 2, "name") == ["BASE_TYPE_MAX_LENGTH"]
    assert errors_at(tree, 3, "description") == ["BASE_TYPE_REQUIRED"]
    assert errors_at(v.commands_errors([command(description="d" * 101)]), 0, "description")
    # Context-menu commands have free-form names and no description.
    assert v.commands_errors([{"type": 3, "name": "Explain This", "description": ""}]) == {}


def test_option_rules():
    too_many = command(options=[option(f"o{i}") for i in range(26)])
    assert errors_at(v.commands_errors([too_many]), 0, "options") == ["BASE_TYPE_MAX_LENGTH"]
    order = command(options=[option("a"), option("b", required=True)])
    assert errors_at(v.commands_errors([order]), 0, "options", 1, "required")
    choices = command(
        options=[option("c", choices=[{"name": f"{i}", "value": f"{i}"} for i in range(26)])]
    )
    assert errors_at(v.commands_errors([choices]), 0, "options", 0, "choices")
    mixed = command(options=[option("sub", 1), option("plain")])
    assert errors_at(v.commands_errors([mixed]), 0, "options")
    both = command(options=[option("c", autocomplete=True, choices=[{"name": "a", "value": "a"}])])
    assert errors_at(v.commands_errors([both]), 0, "options", 0, "autocomplete")


def test_duplicate_command_names_and_size():
    assert errors_at(v.commands_errors([command(), command()]), 1, "name") == [
        "APPLICATION_COMMANDS_DUPLICATE_NAME"
    ]
    huge = command(
        options=[
            option(f"o{i}", choices=[{"name": "n" * 100, "value": f"{j}"} for j in range(2)])
            for i in range(25)
        ]
    )
    assert errors_at(v.commands_errors([huge]), 0) == ["APPLICATION_COMMAND_TOO_LARGE"]


def test_modal_limits():
    text = {"type": 1, "components": [{"type": 4, "custom_id": "t", "label": "T", "style": 1}]}
    assert v.modal_errors({"title": "Note", "custom_id": "m", "components": [text]}) == {}
    tree = v.modal_errors({"title": "t" * 46, "custom_id": "m", "components": [text] * 6})
    assert errors_at(tree, "data", "title") == ["BASE_TYPE_MAX_LENGTH"]
    assert errors_at(tree, "data", "components") == ["BASE_TYPE_MAX_LENGTH"]
