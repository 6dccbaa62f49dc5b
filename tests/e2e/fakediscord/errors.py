"""Errors: the JSON errors the fake answers with, and the errors its Python API raises."""

from __future__ import annotations

from typing import Any


class APIError(Exception):
    """A Discord error response: HTTP status plus the JSON body Discord would send."""

    def __init__(
        self,
        status: int,
        code: int,
        message: str,
        errors: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(f"{status} {code} {message}")
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors
        self.headers = headers or {}
        self.extra = extra or {}

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"message": self.message, "code": self.code}
        if self.errors:
            body["errors"] = self.errors
        body.update(self.extra)
        return body


def invalid_form_body(errors: dict[str, Any]) -> APIError:
    return APIError(400, 50035, "Invalid Form Body", errors=errors)


def unknown_channel() -> APIError:
    return APIError(404, 10003, "Unknown Channel")


def unknown_guild() -> APIError:
    return APIError(404, 10004, "Unknown Guild")


def unknown_member() -> APIError:
    return APIError(404, 10007, "Unknown Member")


def unknown_message() -> APIError:
    return APIError(404, 10008, "Unknown Message")


def unknown_user() -> APIError:
    return APIError(404, 10013, "Unknown User")


def unknown_webhook() -> APIError:
    return APIError(404, 10015, "Unknown Webhook")


def unknown_command() -> APIError:
    return APIError(404, 10063, "Unknown application command")


def unknown_interaction() -> APIError:
    return APIError(404, 10062, "Unknown interaction")


def already_acknowledged() -> APIError:
    return APIError(400, 40060, "Interaction has already been acknowledged.")


def missing_access() -> APIError:
    return APIError(403, 50001, "Missing Access")


def missing_permissions() -> APIError:
    return APIError(403, 50013, "Missing Permissions")


def empty_message() -> APIError:
    return APIError(400, 50006, "Cannot send an empty message")


def unauthorized() -> APIError:
    return APIError(401, 0, "401: Unauthorized")


class FakeDiscordError(Exception):
    """The test used the fake's Python API wrongly (unknown command, option, guild...)."""


class FakeTimeout(FakeDiscordError, TimeoutError):
    """Waiting for the bot to do something took longer than the timeout.

    The message lists the requests the fake could not route, which is usually why.
    """
