"""Discord's payload limits as pure functions.

Each `*_errors` function returns the `errors` object of a 400 `Invalid Form Body` (code 50035)
response in Discord's shape, e.g. `{"embeds": {"0": {"title": {"_errors": [...]}}}}`; an empty
dict means the payload is valid. The numbers come from Discord's API documentation.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

MESSAGE_CONTENT_MAX = 2000
EMBEDS_MAX = 10
EMBED_TITLE_MAX = 256
EMBED_DESCRIPTION_MAX = 4096
EMBED_FIELDS_MAX = 25
EMBED_FIELD_NAME_MAX = 256
EMBED_FIELD_VALUE_MAX = 1024
EMBED_FOOTER_MAX = 2048
EMBED_AUTHOR_MAX = 256
EMBED_TOTAL_MAX = 6000
ACTION_ROWS_MAX = 5
ROW_COMPONENTS_MAX = 5
CUSTOM_ID_MAX = 100
BUTTON_LABEL_MAX = 80
SELECT_OPTIONS_MAX = 25
SELECT_PLACEHOLDER_MAX = 150
SELECT_OPTION_TEXT_MAX = 100
CHOICES_MAX = 25
CHOICE_NAME_MAX = 100
CHOICE_VALUE_MAX = 100
COMMAND_NAME = re.compile(r"^[-_\w]{1,32}$")
COMMAND_DESCRIPTION_MAX = 100
COMMAND_OPTIONS_MAX = 25
COMMANDS_MAX = 100
COMMAND_TOTAL_MAX = 4000
MODAL_TITLE_MAX = 45
MODAL_COMPONENTS_MAX = 5
COMPONENTS_V2_FLAG = 1 << 15
ALLOWED_MENTION_TYPES = frozenset({"users", "roles", "everyone"})

ActionRow, Button, TextInput = 1, 2, 4
SELECT_TYPES = frozenset({3, 5, 6, 7, 8})
LINK_STYLE, PREMIUM_STYLE = 5, 6


class ErrorTree:
    """Collects errors at paths and renders Discord's nested `errors` object."""

    def __init__(self) -> None:
        self.tree: dict[str, Any] = {}

    def add(self, path: tuple[str | int, ...], code: str, message: str) -> None:
        node = self.tree
        for part in path:
            node = node.setdefault(str(part), {})
        node.setdefault("_errors", []).append({"code": code, "message": message})

    def too_long(self, path: tuple[str | int, ...], limit: int) -> None:
        self.add(path, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")

    def too_short(self, path: tuple[str | int, ...], limit: int) -> None:
        self.add(path, "BASE_TYPE_MIN_LENGTH", f"Must be {limit} or more in length.")

    def required(self, path: tuple[str | int, ...]) -> None:
        self.add(path, "BASE_TYPE_REQUIRED", "This field is required")

    def wrong_type(self, path: tuple[str | int, ...], expected: str) -> None:
        self.add(path, "BASE_TYPE_BAD_TYPE", f"Must be {expected}.")

    def check_length(
        self, path: tuple[str | int, ...], value: Any, maximum: int, *, minimum: int = 0
    ) -> None:
        if value is None:
            if minimum:
                self.required(path)
            return
        if not isinstance(value, str):
            self.wrong_type(path, "a string")
        elif len(value) > maximum:
            self.too_long(path, maximum)
        elif len(value) < minimum:
            if minimum == 1 and not value:
                self.required(path)
            else:
                self.too_short(path, minimum)


def message_errors(body: dict[str, Any]) -> dict[str, Any]:
    """Errors in a message create/edit body (content, embeds, components, allowed_mentions)."""
    tree = ErrorTree()
    tree.check_length(("content",), body.get("content"), MESSAGE_CONTENT_MAX)
    embeds = body.get("embeds")
    if embeds is not None:
        _check_embeds(tree, embeds)
    components = body.get("components")
    if components is not None:
        _check_components(tree, components, flags=int(body.get("flags") or 0))
    mentions = body.get("allowed_mentions")
    if mentions is not None:
        _check_allowed_mentions(tree, mentions)
    return tree.tree


def is_empty_message(body: dict[str, Any]) -> bool:
    """True when a new message would have nothing to show (Discord answers 50006)."""
    return not (
        body.get("content")
        or body.get("embeds")
        or body.get("components")
        or body.get("attachments")
        or body.get("sticker_ids")
        or body.get("poll")
    )


def embed_size(embed: dict[str, Any]) -> int:
    """The characters of an embed that count towards the 6000 limit."""
    size = len(embed.get("title") or "") + len(embed.get("description") or "")
    for fld in embed.get("fields") or []:
        size += len(fld.get("name") or "") + len(fld.get("value") or "")
    size += len((embed.get("footer") or {}).get("text") or "")
    size += len((embed.get("author") or {}).get("name") or "")
    return size


def _check_embeds(tree: ErrorTree, embeds: Any) -> None:
    if not isinstance(embeds, list):
        tree.wrong_type(("embeds",), "an array")
        return
    if len(embeds) > EMBEDS_MAX:
        tree.too_long(("embeds",), EMBEDS_MAX)
    for index, embed in enumerate(embeds):
        _check_embed(tree, ("embeds", index), embed)
    if sum(embed_size(e) for e in embeds if isinstance(e, dict)) > EMBED_TOTAL_MAX:
        tree.add(
            ("embeds",),
            "MAX_EMBED_SIZE_EXCEEDED",
            f"Embed size exceeds maximum size of {EMBED_TOTAL_MAX}",
        )


def _check_embed(tree: ErrorTree, path: tuple[str | int, ...], embed: Any) -> None:
    if not isinstance(embed, dict):
        tree.wrong_type(path, "an object")
        return
    tree.check_length((*path, "title"), embed.get("title"), EMBED_TITLE_MAX)
    tree.check_length((*path, "description"), embed.get("description"), EMBED_DESCRIPTION_MAX)
    fields = embed.get("fields") or []
    if len(fields) > EMBED_FIELDS_MAX:
        tree.too_long((*path, "fields"), EMBED_FIELDS_MAX)
    for index, fld in enumerate(fields):
        fpath = (*path, "fields", index)
        tree.check_length((*fpath, "name"), fld.get("name"), EMBED_FIELD_NAME_MAX, minimum=1)
        tree.check_length((*fpath, "value"), fld.get("value"), EMBED_FIELD_VALUE_MAX, minimum=1)
    footer = embed.get("footer")
    if footer is not None:
        tree.check_length(
            (*path, "footer", "text"), footer.get("text"), EMBED_FOOTER_MAX, minimum=1
        )
    author = embed.get("author")
    if author is not None:
        tree.check_length(
            (*path, "author", "name"), author.get("name"), EMBED_AUTHOR_MAX, minimum=1
        )
    color = embed.get("color")
    if color is not None and not (isinstance(color, int) and 0 <= color <= 0xFFFFFF):
        tree.add((*path, "color"), "NUMBER_TYPE_MAX", "int value should be <= 16777215 and >= 0.")
    timestamp = embed.get("timestamp")
    if timestamp is not None:
        try:
            datetime.fromisoformat(str(timestamp))
        except ValueError:
            tree.add(
                (*path, "timestamp"),
                "DATE_TIME_TYPE_PARSE",
                f"Could not parse {timestamp}. Should be ISO8601.",
            )


def _check_components(tree: ErrorTree, rows: Any, *, flags: int) -> None:
    if not isinstance(rows, list):
        tree.wrong_type(("components",), "an array")
        return
    if flags & COMPONENTS_V2_FLAG:
        # Components v2 layouts have other limits (40 components in total); only count them.
        if _count_components(rows) > 40:
            tree.too_long(("components",), 40)
        return
    if len(rows) > ACTION_ROWS_MAX:
        tree.too_long(("components",), ACTION_ROWS_MAX)
    custom_ids: set[str] = set()
    for index, row in enumerate(rows):
        path: tuple[str | int, ...] = ("components", index)
        if not isinstance(row, dict) or row.get("type") != ActionRow:
            tree.add((*path, "type"), "UNION_TYPE_CHOICES", "Value must be one of {1}.")
            continue
        children = row.get("components") or []
        if not children:
            tree.too_short((*path, "components"), 1)
        if len(children) > ROW_COMPONENTS_MAX:
            tree.too_long((*path, "components"), ROW_COMPONENTS_MAX)
        has_select = any(c.get("type") in SELECT_TYPES for c in children)
        if has_select and len(children) > 1:
            tree.add(
                (*path, "components"),
                "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
                "The specified component exceeds the maximum width",
            )
        for child_index, child in enumerate(children):
            _check_child(tree, (*path, "components", child_index), child, custom_ids)


def _count_components(components: list[Any]) -> int:
    count = 0
    for component in components:
        if isinstance(component, dict):
            count += 1 + _count_components(component.get("components") or [])
    return count


def _check_child(
    tree: ErrorTree, path: tuple[str | int, ...], child: dict[str, Any], seen: set[str]
) -> None:
    kind = child.get("type")
    custom_id = child.get("custom_id")
    if kind == Button:
        tree.check_length((*path, "label"), child.get("label"), BUTTON_LABEL_MAX)
        style = child.get("style")
        if style == LINK_STYLE:
            if not child.get("url"):
                tree.required((*path, "url"))
            return
        if style == PREMIUM_STYLE:
            return
        tree.check_length((*path, "custom_id"), custom_id, CUSTOM_ID_MAX, minimum=1)
    elif kind in SELECT_TYPES:
        tree.check_length((*path, "custom_id"), custom_id, CUSTOM_ID_MAX, minimum=1)
        tree.check_length((*path, "placeholder"), child.get("placeholder"), SELECT_PLACEHOLDER_MAX)
        options = child.get("options") or []
        if len(options) > SELECT_OPTIONS_MAX:
            tree.too_long((*path, "options"), SELECT_OPTIONS_MAX)
        for index, option in enumerate(options):
            opath = (*path, "options", index)
            for key, minimum in (("label", 1), ("value", 1), ("description", 0)):
                tree.check_length(
                    (*opath, key), option.get(key), SELECT_OPTION_TEXT_MAX, minimum=minimum
                )
    else:
        tree.add((*path, "type"), "UNION_TYPE_CHOICES", "Value must be a valid component type.")
        return
    if isinstance(custom_id, str):
        if custom_id in seen:
            tree.add(
                (*path, "custom_id"),
                "COMPONENT_CUSTOM_ID_DUPLICATED",
                "Component custom id cannot be duplicated",
            )
        seen.add(custom_id)


def _check_allowed_mentions(tree: ErrorTree, mentions: Any) -> None:
    if not isinstance(mentions, dict):
        tree.wrong_type(("allowed_mentions",), "an object")
        return
    for index, kind in enumerate(mentions.get("parse") or []):
        if kind not in ALLOWED_MENTION_TYPES:
            tree.add(
                ("allowed_mentions", "parse", index),
                "BASE_TYPE_CHOICES",
                "Value must be one of ('users', 'roles', 'everyone').",
            )


def autocomplete_errors(data: dict[str, Any]) -> dict[str, Any]:
    """Errors in an autocomplete callback's `data` (at most 25 choices, names 1-100...)."""
    tree = ErrorTree()
    choices = data.get("choices")
    if choices is None:
        tree.required(("data", "choices"))
        return tree.tree
    _check_choices(tree, ("data", "choices"), choices)
    return tree.tree


def _check_choices(tree: ErrorTree, path: tuple[str | int, ...], choices: Any) -> None:
    if not isinstance(choices, list):
        tree.wrong_type(path, "an array")
        return
    if len(choices) > CHOICES_MAX:
        tree.too_long(path, CHOICES_MAX)
    for index, choice in enumerate(choices):
        cpath = (*path, index)
        tree.check_length((*cpath, "name"), choice.get("name"), CHOICE_NAME_MAX, minimum=1)
        value = choice.get("value")
        if value is None:
            tree.required((*cpath, "value"))
        elif isinstance(value, str):
            tree.check_length((*cpath, "value"), value, CHOICE_VALUE_MAX)
        elif not isinstance(value, int | float) or isinstance(value, bool):
            tree.wrong_type((*cpath, "value"), "a string, integer or number")


def modal_errors(data: dict[str, Any]) -> dict[str, Any]:
    """Errors in a modal callback's `data` (title 1-45, custom_id 1-100, 1-5 components)."""
    tree = ErrorTree()
    tree.check_length(("data", "title"), data.get("title"), MODAL_TITLE_MAX, minimum=1)
    tree.check_length(("data", "custom_id"), data.get("custom_id"), CUSTOM_ID_MAX, minimum=1)
    components = data.get("components") or []
    if not components:
        tree.too_short(("data", "components"), 1)
    elif len(components) > MODAL_COMPONENTS_MAX:
        tree.too_long(("data", "components"), MODAL_COMPONENTS_MAX)
    return tree.tree


def commands_errors(commands: Any) -> dict[str, Any]:
    """Errors in a bulk-overwrite list of application commands.

    Checks names (1-32 of `[-_\\w]`, lowercase for slash commands), descriptions (1-100),
    options (at most 25, required before optional, sub-command nesting), choices (at most 25,
    names 1-100, string values up to 100), duplicate names and the 4000-character total.
    """
    tree = ErrorTree()
    if not isinstance(commands, list):
        tree.wrong_type((), "an array")
        return tree.tree
    if len(commands) > COMMANDS_MAX:
        tree.too_long((), COMMANDS_MAX)
    seen: set[tuple[int, str]] = set()
    for index, command in enumerate(commands):
        command_type = int(command.get("type", 1))
        _check_command(tree, (index,), command, command_type)
        key = (command_type, str(command.get("name")))
        if key in seen:
            tree.add(
                (index, "name"),
                "APPLICATION_COMMANDS_DUPLICATE_NAME",
                f"Application command names must be unique: {key[1]}",
            )
        seen.add(key)
        if _command_size(command) > COMMAND_TOTAL_MAX:
            tree.add(
                (index,),
                "APPLICATION_COMMAND_TOO_LARGE",
                f"Command exceeds maximum size ({COMMAND_TOTAL_MAX})",
            )
    return tree.tree


def single_command_errors(command: Any) -> dict[str, Any]:
    """Errors in one application command (for POST/PATCH of a single command)."""
    tree = ErrorTree()
    if not isinstance(command, dict):
        tree.wrong_type((), "an object")
        return tree.tree
    _check_command(tree, (), command, int(command.get("type", 1)))
    return tree.tree


def _check_name(tree: ErrorTree, path: tuple[str | int, ...], name: Any, *, slash: bool) -> None:
    if not isinstance(name, str) or not name:
        tree.required((*path, "name"))
        return
    if len(name) > 32:
        tree.too_long((*path, "name"), 32)
    elif slash and (not COMMAND_NAME.match(name) or name != name.lower()):
        tree.add(
            (*path, "name"),
            "APPLICATION_COMMAND_INVALID_NAME",
            f"Command name is invalid: {name!r} (lowercase letters, digits, - and _ only)",
        )


def _check_command(
    tree: ErrorTree, path: tuple[str | int, ...], command: dict[str, Any], command_type: int
) -> None:
    slash = command_type == 1
    _check_name(tree, path, command.get("name"), slash=slash)
    description = command.get("description")
    if slash:
        tree.check_length((*path, "description"), description, COMMAND_DESCRIPTION_MAX, minimum=1)
        _check_options(tree, path, command.get("options") or [], depth=0)
    elif description:
        tree.add(
            (*path, "description"),
            "APPLICATION_COMMAND_DESCRIPTION_INVALID",
            "Context menu commands cannot have a description",
        )


def _check_options(
    tree: ErrorTree, path: tuple[str | int, ...], options: list[dict[str, Any]], *, depth: int
) -> None:
    if len(options) > COMMAND_OPTIONS_MAX:
        tree.too_long((*path, "options"), COMMAND_OPTIONS_MAX)
    kinds = {int(o.get("type", 0)) for o in options}
    if kinds & {1, 2} and kinds - {1, 2}:
        tree.add(
            (*path, "options"),
            "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
            "Sub-command and sub-command group option types are mutually exclusive to all "
            "other types",
        )
    seen_optional = False
    names: set[str] = set()
    for index, option in enumerate(options):
        opath = (*path, "options", index)
        kind = int(option.get("type", 0))
        _check_name(tree, opath, option.get("name"), slash=True)
        if option.get("name") in names:
            tree.add(
                (*opath, "name"),
                "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS",
                "Option names must be unique",
            )
        names.add(str(option.get("name")))
        tree.check_length(
            (*opath, "description"), option.get("description"), COMMAND_DESCRIPTION_MAX, minimum=1
        )
        if kind in (1, 2):
            allowed_depth = 0 if kind == 2 else 1
            if depth > allowed_depth:
                tree.add(
                    (*opath, "type"),
                    "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
                    "Sub-commands cannot be nested this deep",
                )
            children = option.get("options") or []
            if kind == 2 and any(int(c.get("type", 0)) != 1 for c in children):
                tree.add(
                    (*opath, "options"),
                    "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
                    "A sub-command group can only contain sub-commands",
                )
            _check_options(tree, opath, children, depth=depth + 1)
            continue
        if option.get("required"):
            if seen_optional:
                tree.add(
                    (*opath, "required"),
                    "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                    "Required options must be placed before non-required options",
                )
        else:
            seen_optional = True
        choices = option.get("choices")
        if choices:
            if option.get("autocomplete"):
                tree.add(
                    (*opath, "autocomplete"),
                    "APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_CHOICES",
                    "Autocomplete cannot be set on an option with choices",
                )
            _check_choices(tree, (*opath, "choices"), choices)
        for key in ("min_length", "max_length"):
            value = option.get(key)
            if value is not None and not 0 <= int(value) <= 6000:
                tree.add((*opath, key), "NUMBER_TYPE_MAX", "int value should be <= 6000 and >= 0.")


def _command_size(command: dict[str, Any]) -> int:
    size = len(command.get("name") or "") + len(command.get("description") or "")
    for option in command.get("options") or []:
        size += _command_size(option)
        for choice in option.get("choices") or []:
            size += len(str(choice.get("name") or "")) + len(str(choice.get("value") or ""))
    return size
