"""Republishing the App Home of the reps a change concerns (their contact moved, was logged or erased)."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from slack_sdk import WebClient

from handlers.context import Services

log = logging.getLogger("banter.home")


def refresh_homes(svc: Services, client: WebClient, team_id: str, user_ids: Iterable[str]) -> None:
    """Publish each rep's Home again; a failure is logged, never raised: the change itself has happened."""
    from handlers.listeners.events import publish_home

    for user_id in dict.fromkeys(u for u in user_ids if u):
        try:
            publish_home(svc, client, team_id, user_id)
        except Exception as exc:  # noqa: BLE001 - a stale Home must not undo or hide the change that was made
            from handlers.errors import is_database_outage

            outage = is_database_outage(exc)  # expected while the database restarts: one line, no stack
            log.warning("could not refresh the App Home: %s", type(exc).__name__, exc_info=not outage)
