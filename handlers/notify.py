"""Telling people: prospect and hot-lead alerts, and cards refreshed in place."""

from __future__ import annotations

from collections.abc import Iterable

from slack_sdk import WebClient

from bot.events import Promoted, TurnedHot
from bot.services.cards import CardView, card_view
from bot.services.workspace import load_config
from handlers.blocks.cards import alert, contact_card
from handlers.context import Services, permalink
from handlers.poster import post, update


def thread_link(svc: Services, v: CardView) -> str:
    c = v.contact
    return permalink(svc, c.team_id, c.channel_id, c.card_ts or c.thread_ts, c.thread_ts)


def announce(svc: Services, client: WebClient, events: Iterable[object]) -> None:
    for ev in events:
        if not isinstance(ev, Promoted | TurnedHot):
            continue
        kind = "hot" if isinstance(ev, TurnedHot) else "prospect"
        with svc.uow(readonly=True) as uow:
            view = card_view(uow, ev.team_id, ev.contact_id, svc.clock.now())
            target = load_config(uow, ev.team_id).alerts_channel
        if view is None or target == "off":
            continue
        channel = target or view.contact.channel_id
        if not channel:
            continue
        text, blocks = alert(view, kind=kind, thread_link=thread_link(svc, view))
        post(client, channel, text, blocks, key=f"alert:{kind}:{ev.team_id}:{ev.contact_id}")


def refresh_card(svc: Services, client: WebClient, team_id: str, contact_id: int) -> None:
    with svc.uow(readonly=True) as uow:
        view = card_view(uow, team_id, contact_id, svc.clock.now())
    if view is None:
        return
    if view.contact.card_ts:
        text, blocks = contact_card(view)
        update(client, view.contact.channel_id, view.contact.card_ts, text, blocks)
    from handlers.listeners.home_refresh import refresh_homes

    refresh_homes(svc, client, team_id, [view.contact.owner_id])  # the owner's Home shows this contact
