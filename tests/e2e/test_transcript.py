"""The transcript behind docs/commands.md runs every scene and renders real replies."""

from __future__ import annotations

from tests.e2e import transcript


async def test_every_scene_renders_a_reply() -> None:
    page = await transcript.record()
    for scene in transcript.SCENES:
        assert f"## `{scene.heading}`" in page
    assert "(no reply)" not in page
    assert "> **Timeline**" in page
    assert "> *Only you can see this*" in page  # the error examples are ephemeral
    assert "`[Next]`" in page  # a paged reply shows its buttons


def test_quoted_keeps_discord_line_breaks() -> None:
    assert transcript.quoted("a\nb\n\nc") == "> a\\\n> b\n>\n> c"
    assert transcript.quoted("Did you mean:\n- X") == "> Did you mean:\n> - X"
