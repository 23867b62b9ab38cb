"""What a person hears when their request dies with the database: "try again", never a stack trace.

Registered once as Bolt's global error handler, so every listener shares one answer.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext, BoltResponse
from slack_sdk.errors import SlackApiError
from sqlalchemy import exc as sa_exc

log = logging.getLogger("banter.errors")

TRY_AGAIN = (
    ":warning: Banter could not reach its database just then, so nothing was saved. "
    "Please try again in a minute."
)


def is_database_outage(error: BaseException) -> bool:
    """A lost or refused database connection (a PostgreSQL restart), as opposed to a bug."""
    if isinstance(error, sa_exc.DBAPIError):
        return error.connection_invalidated or isinstance(error, sa_exc.OperationalError | sa_exc.InterfaceError)
    return isinstance(error, sa_exc.TimeoutError)  # the pool waited for a connection in vain


def on_error(
    error: Exception, body: dict[str, Any], context: BoltContext, response: BoltResponse | None, logger: logging.Logger
) -> BoltResponse | None:
    """Bolt's global error handler: a person whose request died with the database hears "try again";
    anything else is logged as Bolt would."""
    if not is_database_outage(error):
        logger.exception("Failed to run listener function (error: %s)", error)
        return None
    log.warning("a request failed: the database is unreachable (%s)", type(error).__name__)
    if body.get("response_url") and context.respond is not None:
        _quietly(lambda: context.respond(text=TRY_AGAIN, response_type="ephemeral", replace_original=False))  # type: ignore[misc]
        return BoltResponse(status=200, body="") if response is not None else None
    inputs = [b.get("block_id") for b in (body.get("view") or {}).get("blocks") or [] if b.get("type") == "input"]
    if body.get("type") == "view_submission" and inputs and response is not None:
        # A form has no response_url: the message goes on its first field and the form stays open to resubmit.
        return BoltResponse(status=200, body={"response_action": "errors", "errors": {inputs[0]: TRY_AGAIN}})
    event = body.get("event") or {}
    if body.get("type") == "event_callback":
        channel, user = event.get("channel"), event.get("user")
        if channel and user and context.client is not None and context.client.token:
            thread = event.get("thread_ts") or event.get("ts")
            _quietly(lambda: context.client.chat_postEphemeral(  # type: ignore[union-attr]
                channel=channel, user=user, text=TRY_AGAIN, thread_ts=thread))  # fmt: skip
            return None
        # Not acknowledged yet (the install lookup itself failed): a 503 makes Slack deliver it again later.
        return BoltResponse(status=503, body="") if response is not None else None
    return None


def _quietly(call: Any) -> None:
    try:
        call()
    except (SlackApiError, OSError) as exc:
        log.warning("could not tell the person to try again: %s", type(exc).__name__)


def register(app: App) -> None:
    app.error(on_error)
