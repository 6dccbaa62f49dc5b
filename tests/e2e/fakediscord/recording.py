"""What the bot sent: every HTTP request, in order, with a filter helper."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class RecordedRequest:
    """One request as the fake received it (the Authorization header is never kept)."""

    method: str
    path: str  # below the API base, e.g. "/channels/123/messages"
    query: dict[str, str]
    json: Any
    headers: dict[str, str]
    received_at: float  # time.perf_counter()
    route: str | None = None  # the matched template, e.g. "POST /channels/{channel_id}/messages"
    status: int | None = None  # filled in once answered
    response: Any = None
    authorized: bool = False

    @property
    def key(self) -> str:
        return f"{self.method} {self.path}"


@dataclass
class RequestLog:
    """All requests in arrival order; `matching` filters by a glob such as `POST /channels/*`."""

    items: list[RecordedRequest] = field(default_factory=list)

    def append(self, request: RecordedRequest) -> None:
        self.items.append(request)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index: int) -> RecordedRequest:
        return self.items[index]

    def matching(self, pattern: str = "*", *, status: int | None = None) -> list[RecordedRequest]:
        """Requests whose "METHOD /path" matches `pattern` (fnmatch; a bare path matches any
        method), optionally only those answered with `status`."""
        if not pattern.split(" ", 1)[0].isupper():
            pattern = f"* {pattern}"
        return [
            r
            for r in self.items
            if fnmatch.fnmatchcase(r.key, pattern) and (status is None or r.status == status)
        ]

    def clear(self) -> None:
        self.items.clear()
