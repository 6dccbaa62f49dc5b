"""Interaction endpoints: the callback, the @original message and followups (webhooks).

They need no bot token (Discord authenticates them by the interaction token) and do not
count toward the global rate limit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import errors, validation
from .calls import NO_CONTENT, AddRoute, Call
from .interactions import (
    APPLICATION_COMMAND,
    AUTOCOMPLETE,
    MESSAGE_COMPONENT,
    MODAL_SUBMIT,
    InteractionRun,
)
from .state import EPHEMERAL_FLAG, LOADING_FLAG, FakeMessage

if TYPE_CHECKING:
    from .server import FakeDiscord

PONG, CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE, UPDATE_MESSAGE = 1, 4, 5, 6, 7
AUTOCOMPLETE_RESULT, MODAL = 8, 9
CHAT_INPUT_COMMAND_MESSAGE = 20

# Which callback types each interaction type accepts.
ALLOWED_CALLBACKS = {
    APPLICATION_COMMAND: {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, MODAL},
    MESSAGE_COMPONENT: {
        CHANNEL_MESSAGE,
        DEFERRED_CHANNEL_MESSAGE,
        DEFERRED_UPDATE,
        UPDATE_MESSAGE,
        MODAL,
    },
    AUTOCOMPLETE: {AUTOCOMPLETE_RESULT},
    MODAL_SUBMIT: {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE, UPDATE_MESSAGE},
}


class InteractionEndpoints:
    """POST /interactions/{id}/{token}/callback and /webhooks/{app}/{token}/..."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.world = fake.world

    def register(self, add: AddRoute) -> None:
        add(
            "POST",
            "/interactions/{interaction_id}/{interaction_token}/callback",
            self.interaction_callback,
            bot_auth=False,
        )
        hook = "/webhooks/{application_id}/{interaction_token}"
        add("GET", hook + "/messages/@original", self.get_original, bot_auth=False)
        add("PATCH", hook + "/messages/@original", self.edit_original, bot_auth=False)
        add("DELETE", hook + "/messages/@original", self.delete_original, bot_auth=False)
        add("POST", hook, self.create_followup, bot_auth=False)
        add("GET", hook + "/messages/{message_id}", self.get_followup, bot_auth=False)
        add("PATCH", hook + "/messages/{message_id}", self.edit_followup, bot_auth=False)
        add("DELETE", hook + "/messages/{message_id}", self.delete_followup, bot_auth=False)

    def _run_for_callback(self, call: Call) -> InteractionRun:
        run = self.fake.runs_by_token.get(call.params["interaction_token"])
        if run is None or run.id != call.id("interaction_id"):
            raise errors.unknown_interaction()
        return run

    def _run_for_webhook(self, call: Call) -> InteractionRun:
        run = self.fake.runs_by_token.get(call.params["interaction_token"])
        if run is None or call.id("application_id") != self.fake.application_id:
            raise errors.unknown_webhook()
        return run

    async def interaction_callback(self, call: Call) -> Any:
        run = self._run_for_callback(call)
        body = call.body if isinstance(call.body, dict) else {}
        callback_type = body.get("type")
        data = body.get("data") or {}
        if run.response_type is not None:
            raise errors.already_acknowledged()
        timeout = self.fake.interaction_timeout
        sent_at = run.sent_at
        if (
            timeout is not None
            and sent_at is not None
            and call.record.received_at - sent_at > timeout
        ):
            raise errors.unknown_interaction()
        if callback_type not in ALLOWED_CALLBACKS.get(run.kind, set()):
            raise errors.invalid_form_body(
                {
                    "type": {
                        "_errors": [
                            {
                                "code": "INTERACTION_CALLBACK_TYPE_INVALID",
                                "message": f"Callback type {callback_type!r} is not valid "
                                f"for interaction type {run.kind}.",
                            }
                        ]
                    }
                }
            )
        self._validate_callback(callback_type, data)

        message: FakeMessage | None = None
        if callback_type == CHANNEL_MESSAGE:
            message = self._new_message(run, data, kind="response", files=call.files)
            run.original = message
        elif callback_type == DEFERRED_CHANNEL_MESSAGE:
            message = self._new_message(run, {}, kind="response")
            message.flags = LOADING_FLAG | (int(data.get("flags") or 0) & EPHEMERAL_FLAG)
            run.original = message
        elif callback_type in (UPDATE_MESSAGE, DEFERRED_UPDATE):
            run.original = run.message
            if callback_type == UPDATE_MESSAGE and run.message is not None:
                run.message.apply(data, editing=True, files=call.files)
            message = run.message if callback_type == UPDATE_MESSAGE else None

        run.response_type = callback_type
        run.response_data = data
        run.callback_at = call.record.received_at
        interaction: dict[str, Any] = {
            "id": str(run.id),
            "type": run.kind,
            "activity_instance_id": None,
            "response_message_id": str(message.id) if message else None,
            "response_message_loading": callback_type == DEFERRED_CHANNEL_MESSAGE,
            "response_message_ephemeral": bool(message and message.ephemeral),
        }
        answer: dict[str, Any] = {"interaction": interaction}
        if message is not None:
            answer["resource"] = {"type": callback_type, "message": message.to_payload()}
        elif callback_type in (DEFERRED_UPDATE, AUTOCOMPLETE_RESULT, MODAL):
            answer["resource"] = {"type": callback_type}
        return answer

    @staticmethod
    def _validate_callback(callback_type: int, data: dict[str, Any]) -> None:
        if callback_type in (CHANNEL_MESSAGE, UPDATE_MESSAGE):
            problems = validation.message_errors(data)
            if problems:
                raise errors.invalid_form_body({"data": problems})
            if callback_type == CHANNEL_MESSAGE and validation.is_empty_message(data):
                raise errors.empty_message()
        elif callback_type == AUTOCOMPLETE_RESULT:
            problems = validation.autocomplete_errors(data)
            if problems:
                raise errors.invalid_form_body(problems)
        elif callback_type == MODAL:
            problems = validation.modal_errors(data)
            if problems:
                raise errors.invalid_form_body(problems)

    def _new_message(
        self,
        run: InteractionRun,
        body: dict[str, Any],
        *,
        kind: str,
        files: dict[str, bytes] | None = None,
    ) -> FakeMessage:
        message = FakeMessage(
            id=self.world.ids.next(),
            channel_id=run.channel_id,
            guild_id=run.guild_id,
            author=self.fake.bot_user,
            kind=kind,
            interaction_id=run.id,
            application_id=self.fake.application_id,
            message_type=CHAT_INPUT_COMMAND_MESSAGE if run.kind == APPLICATION_COMMAND else 0,
            interaction_metadata=_interaction_metadata(run),
        )
        message.apply(body, editing=False, files=files)
        message.flags = int(body.get("flags") or 0)
        self.world.store_message(message)
        return message

    def _original(self, run: InteractionRun) -> FakeMessage:
        if run.original is None or run.original.deleted:
            raise errors.unknown_message()
        return run.original

    async def get_original(self, call: Call) -> Any:
        return self._original(self._run_for_webhook(call)).to_payload()

    async def edit_original(self, call: Call) -> Any:
        run = self._run_for_webhook(call)
        message = self._original(run)
        body = call.body or {}
        problems = validation.message_errors(body)
        if problems:
            raise errors.invalid_form_body(problems)
        message.apply(body, editing=True, files=call.files)
        message.flags &= ~LOADING_FLAG
        return message.to_payload()

    async def delete_original(self, call: Call) -> Any:
        self._original(self._run_for_webhook(call)).deleted = True
        return NO_CONTENT

    async def create_followup(self, call: Call) -> Any:
        run = self._run_for_webhook(call)
        if run.response_type is None:
            # Discord only creates the webhook once the interaction is acknowledged.
            raise errors.unknown_webhook()
        body = call.body or {}
        problems = validation.message_errors(body)
        if problems:
            raise errors.invalid_form_body(problems)
        if validation.is_empty_message(body):
            raise errors.empty_message()
        original = run.original
        if (
            run.response_type == DEFERRED_CHANNEL_MESSAGE
            and original is not None
            and original.loading
            and not original.deleted
        ):
            # The first followup after a "thinking" defer replaces the placeholder.
            # Its ephemerality was fixed by the defer: a well-known surprise for bot authors.
            # Once the placeholder is deleted, a followup is a new message with its own flags.
            original.apply(body, editing=True, files=call.files)
            original.flags &= ~LOADING_FLAG
            message = original
        else:
            message = self._new_message(run, body, kind="followup", files=call.files)
        run.followups.append(message)
        if call.query.get("wait", "").lower() in ("1", "true"):
            return message.to_payload()
        return NO_CONTENT

    def _followup(self, call: Call) -> FakeMessage:
        run = self._run_for_webhook(call)
        message_id = call.id("message_id")
        for message in [*run.followups, *([run.original] if run.original else [])]:
            if message.id == message_id and not message.deleted:
                return message
        raise errors.unknown_message()

    async def get_followup(self, call: Call) -> Any:
        return self._followup(call).to_payload()

    async def edit_followup(self, call: Call) -> Any:
        message = self._followup(call)
        problems = validation.message_errors(call.body or {})
        if problems:
            raise errors.invalid_form_body(problems)
        message.apply(call.body or {}, editing=True, files=call.files)
        message.flags &= ~LOADING_FLAG
        return message.to_payload()

    async def delete_followup(self, call: Call) -> Any:
        self._followup(call).deleted = True
        return NO_CONTENT


def _interaction_metadata(run: InteractionRun) -> dict[str, Any]:
    """What Discord attaches to a message created by an interaction: who triggered it (bots
    use this to let only the invoker press a message's buttons)."""
    metadata: dict[str, Any] = {
        "id": str(run.id),
        "type": run.kind,
        "user": run.user.to_payload(),
        "authorizing_integration_owners": {"0": str(run.guild_id)},
    }
    if run.kind == APPLICATION_COMMAND:
        metadata["name"] = run.name
        metadata["command_type"] = 1
    if run.message is not None:
        metadata["interacted_message_id"] = str(run.message.id)
    return metadata
