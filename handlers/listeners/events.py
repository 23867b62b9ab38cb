"""The App Home, and every other subscribed event: acknowledged, so Slack never retries it."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.services.home import home_view
from handlers.blocks.home import home
from handlers.context import Services, permalink, rep

log = logging.getLogger("banter.events")


def publish_home(svc: Services, client: WebClient, team_id: str, user_id: str) -> None:
    tz = rep(svc, client, team_id, user_id).tz
    with svc.uow(readonly=True) as uow:
        view = home_view(uow, team_id, user_id, svc.clock.now(), tz)

    def link(cid: int) -> str:
        c = view.records.get(cid)
        return permalink(svc, team_id, c.channel_id, c.card_ts or c.thread_ts, c.thread_ts) if c else ""

    try:
        client.views_publish(user_id=user_id, view=home(view, link))
    except SlackApiError as exc:
        log.warning("views.publish refused: %s", exc.response.get("error"))


def register(app: App, svc: Services) -> None:
    @app.event("app_home_opened")
    def on_home(event: dict[str, Any], context: BoltContext, client: WebClient, body: dict[str, Any]) -> None:
        if event.get("tab", "home") != "home":
            return
        publish_home(svc, client, context.team_id or body.get("team_id", ""), event["user"])

    @app.event(re.compile(".*"))
    def acknowledge_the_rest(event: dict[str, Any]) -> None:
        # Joins, renames, uninstalls and the like: nothing to do, but a 404 would make Slack retry.
        log.debug("event acknowledged", extra={"event_type": event.get("type")})
