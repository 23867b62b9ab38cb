"""Republishing the App Home of the reps a change concerns (their contact moved, was logged or erased)."""

from __future__ import annotations

from collections.abc import Iterable

from slack_sdk import WebClient

from handlers.context import Services


def refresh_homes(svc: Services, client: WebClient, team_id: str, user_ids: Iterable[str]) -> None:
    """Publish each rep's Home again, at once or at the end of the rep's window; a failure is logged, never raised:
    the change itself has happened."""
    from handlers.listeners.events import publish_home

    def publish(c: WebClient, team: str, user: str) -> None:
        publish_home(svc, c, team, user)

    for user_id in dict.fromkeys(u for u in user_ids if u):
        svc.homes.request(client, team_id, user_id, publish)
