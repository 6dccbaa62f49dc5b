"""Waiting for a condition on the fake's state without polling."""

# Waiting helpers take `timeout=` on purpose: on expiry they raise FakeTimeout naming what the
# bot did wrong (unrouted requests, errors), which a bare asyncio.timeout cannot say.
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

from .errors import FakeTimeout

T = TypeVar("T")


class Notifier:
    """Wakes every waiter whenever the fake's state changes, so each re-checks its condition."""

    def __init__(self) -> None:
        self._waiters: set[asyncio.Future[None]] = set()
        self.hint: Callable[[], str] = lambda: ""

    def notify(self) -> None:
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)
        self._waiters.clear()

    async def wait_for(self, check: Callable[[], T | None], *, timeout: float, what: str) -> T:
        """Return `check()` as soon as it is truthy.

        Raises:
            FakeTimeout: it stayed falsy for `timeout` seconds; the message says what was awaited.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            result = check()
            if result:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise FakeTimeout(f"timed out after {timeout}s waiting for {what}.{self.hint()}")
            waiter: asyncio.Future[None] = loop.create_future()
            self._waiters.add(waiter)
            try:
                await asyncio.wait_for(asyncio.shield(waiter), remaining)
            except TimeoutError:
                pass
            finally:
                self._waiters.discard(waiter)
