"""Waiting for a condition on the fake's state without polling."""

# Waiting helpers take `timeout=` on purpose: on expiry they raise FakeTimeout naming what the
# bot did wrong (unrouted requests, errors), which a bare asyncio.timeout cannot say.
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
from collections.abc import Callable, Hashable
from typing import TypeVar

from .errors import FakeTimeout

T = TypeVar("T")


class Notifier:
    """Wakes waiters when the fake's state changes, so each re-checks its condition.

    A waiter may name a topic (an interaction, a channel): it is then woken only by changes
    to that topic, which keeps a thousand concurrent waiters from waking each other on every
    request. Waiters without a topic are woken by every change.
    """

    def __init__(self) -> None:
        self._waiters: dict[Hashable, set[asyncio.Future[None]]] = {}
        self.hint: Callable[[], str] = lambda: ""

    def notify(self, *topics: Hashable) -> None:
        """Wake the waiters of `topics` and every waiter without a topic."""
        for topic in (None, *topics):
            waiters = self._waiters.pop(topic, None)
            for waiter in waiters or ():
                if not waiter.done():
                    waiter.set_result(None)

    async def wait_for(
        self,
        check: Callable[[], T | None],
        *,
        timeout: float,
        what: str | Callable[[], str],
        topic: Hashable = None,
    ) -> T:
        """Return `check()` as soon as it is truthy.

        Raises:
            FakeTimeout: it stayed falsy for `timeout` seconds; the message says what was awaited
                (`what`, or `what()` evaluated at that moment).
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            result = check()
            if result:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                described = what() if callable(what) else what
                raise FakeTimeout(
                    f"timed out after {timeout}s waiting for {described}.{self.hint()}"
                )
            waiter: asyncio.Future[None] = loop.create_future()
            self._waiters.setdefault(topic, set()).add(waiter)
            try:
                await asyncio.wait_for(asyncio.shield(waiter), remaining)
            except TimeoutError:
                pass
            finally:
                waiting = self._waiters.get(topic)
                if waiting is not None:
                    waiting.discard(waiter)
                    if not waiting:
                        del self._waiters[topic]
