"""One log line per Slack request, with Slack's ids and how long Banter took: what an operator greps for.

Bolt's global middleware runs before the listener and cannot wrap it (its `next()` only marks the chain as
continuing), so the start is stamped by a middleware and the line is written by the listener runner's
completion handler, which Bolt calls once the listener has finished, after the ack or not.
Never people's text: only ids, the kind of request, the outcome and the duration.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext, BoltRequest, BoltResponse
from slack_bolt.listener.listener_completion_handler import ListenerCompletionHandler

log = logging.getLogger("banter.requests")
_STARTED = "banter_request_started"


def kind_and_id(body: dict[str, Any]) -> tuple[str, str]:
    """`event:app_mention` + the event id; `block_actions` + the action id; `command:/banter`; and so on."""
    kind = str(body.get("type") or "")
    if kind == "event_callback":
        return f"event:{(body.get('event') or {}).get('type', '')}", str(body.get("event_id") or "")
    if body.get("command"):
        return f"command:{body['command']}", ""  # no id of its own (a trigger_id opens modals: not logged)
    if kind == "block_actions":
        actions = body.get("actions") or [{}]
        return kind, str(actions[0].get("action_id") or "")
    if kind in ("view_submission", "view_closed"):
        return kind, str((body.get("view") or {}).get("callback_id") or "")
    return kind, str(body.get("callback_id") or "")


def _stamp(context: BoltContext, next: Callable[[], None]) -> None:  # noqa: A002 - Bolt passes it by this name
    context[_STARTED] = time.perf_counter()
    next()


class RequestLog(ListenerCompletionHandler):
    def __init__(self, previous: ListenerCompletionHandler) -> None:
        self.previous = previous

    def handle(self, request: BoltRequest, response: BoltResponse | None) -> None:
        try:
            write_line(request, response)
        finally:
            self.previous.handle(request=request, response=response)


def write_line(request: BoltRequest, response: BoltResponse | None) -> None:
    context, body = request.context, request.body if isinstance(request.body, dict) else {}
    kind, slack_id = kind_and_id(body)
    started = context.get(_STARTED)
    retry = request.headers.get("x-slack-retry-num", [""])
    log.info(
        "slack request",
        extra={
            "kind": kind,
            "slack_id": slack_id or "-",
            "team_id": context.team_id or "-",
            "user_id": context.user_id or "-",
            "channel_id": context.channel_id or "-",
            "status": response.status if response is not None else "-",
            "retry": (retry[0] if isinstance(retry, list) and retry else retry) or "0",
            "duration_ms": round((time.perf_counter() - started) * 1000) if started else "-",
        },
    )


def register(app: App) -> None:
    """Idempotent: a second call adds nothing."""
    runner = app.listener_runner
    if isinstance(runner.listener_completion_handler, RequestLog):
        return
    app.middleware(_stamp)
    runner.listener_completion_handler = RequestLog(runner.listener_completion_handler)
