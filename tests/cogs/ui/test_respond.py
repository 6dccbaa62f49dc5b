"""defer_if_slow: one request for quick work, a deferral for slow work, no orphaned tasks."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from cogs.ui.respond import defer_if_slow


class StubResponse:
    def __init__(self, defer_error: BaseException | None = None) -> None:
        self.deferred = asyncio.Event()
        self.defer_error = defer_error

    def is_done(self) -> bool:
        return self.deferred.is_set()

    async def defer(self, *, thinking: bool = False) -> None:
        assert thinking
        if self.defer_error is not None:
            raise self.defer_error
        self.deferred.set()


class StubInteraction:
    def __init__(self, defer_error: BaseException | None = None) -> None:
        self.response = StubResponse(defer_error)


class Gated:
    """Work that finishes only when released, and records whether it was cancelled."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.started = asyncio.Event()
        self.cancelled = False

    async def run(self) -> str:
        self.started.set()
        try:
            await self.release.wait()
        except asyncio.CancelledError:
            self.cancelled = True
            raise
        return "done"


async def test_quick_work_is_not_deferred() -> None:
    interaction: Any = StubInteraction()

    async def quick() -> int:
        return 42

    assert await defer_if_slow(interaction, quick(), after=5.0) == 42
    assert not interaction.response.deferred.is_set()


async def test_slow_work_is_deferred_then_returned() -> None:
    interaction: Any = StubInteraction()
    work = Gated()
    answer = asyncio.create_task(defer_if_slow(interaction, work.run(), after=0.01))
    # The work cannot finish before the deferral: it waits for the test to release it.
    await asyncio.wait_for(interaction.response.deferred.wait(), 10)
    work.release.set()
    assert await asyncio.wait_for(answer, 10) == "done"


async def test_a_failed_deferral_cancels_the_work() -> None:
    interaction: Any = StubInteraction(defer_error=RuntimeError("Unknown interaction"))
    work = Gated()
    with pytest.raises(RuntimeError, match="Unknown interaction"):
        await defer_if_slow(interaction, work.run(), after=0.01)
    await asyncio.sleep(0)  # let the cancellation reach the work
    assert work.cancelled


async def test_cancelling_the_command_cancels_the_work() -> None:
    interaction: Any = StubInteraction()
    work = Gated()
    answer = asyncio.create_task(defer_if_slow(interaction, work.run(), after=5.0))
    await asyncio.wait_for(work.started.wait(), 10)
    answer.cancel()
    with pytest.raises(asyncio.CancelledError):
        await answer
    await asyncio.sleep(0)
    assert work.cancelled


async def test_errors_from_the_work_propagate_unchanged() -> None:
    interaction: Any = StubInteraction()

    async def broken() -> None:
        raise LookupError("no such thing")

    with pytest.raises(LookupError, match="no such thing"):
        await defer_if_slow(interaction, broken(), after=5.0)
