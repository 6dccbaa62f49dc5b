"""What REST handlers receive and return (shared by the endpoint modules)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from . import errors
from .recording import RecordedRequest

# A handler returns a JSON-able value, or NO_CONTENT for an empty 204 answer.
NO_CONTENT = object()
Handler = Callable[["Call"], Awaitable[Any]]
AddRoute = Callable[..., None]


@dataclass(frozen=True, slots=True)
class Upload:
    """A file sent as `files[n]` in a multipart request."""

    filename: str
    content_type: str | None
    data: bytes


@dataclass(slots=True)
class Call:
    """What a handler gets: path parameters, body, query and the recorded request."""

    params: dict[str, str]
    body: Any
    query: dict[str, str]
    record: RecordedRequest
    uploads: dict[int, Upload] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)  # uploaded bytes by filename

    def id(self, name: str) -> int:
        try:
            return int(self.params[name])
        except ValueError:
            raise errors.invalid_form_body(
                {name: {"_errors": [{"code": "NUMBER_TYPE_COERCE", "message": "Not a snowflake."}]}}
            ) from None
