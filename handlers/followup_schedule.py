"""What the minute tick runs for a lead's life: due follow-ups, nudges, check-ins and the round robin.

The core decides and claims each message in the database; this module only learns each owner's time zone
(the reps table, else users.info) and posts. Claims are committed before posting, so a message goes out at
most once, whichever process ticks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.services import followups, nudges
from bot.services import owners as owner_service
from bot.services.cards import card_view
from bot.services.followups import Reminder, ReminderKind
from bot.services.owners import Assigned
from handlers.blocks import followups as blocks
from handlers.context import Services, permalink, rep
from handlers.notify import refresh_card
from handlers.poster import post

log = logging.getLogger("banter.followups")
ClientFor = Callable[[str], WebClient]


def local_time(svc: Services, client: WebClient, team_id: str, user_id: str, now: datetime) -> datetime:
    """`now` on the person's own clock."""
    try:
        return now.astimezone(ZoneInfo(rep(svc, client, team_id, user_id).tz or "UTC"))
    except (KeyError, ValueError):
        return now


def dm(client: WebClient, user_id: str, text: str, blocks_: list[dict[str, object]], key: str) -> str | None:
    try:
        channel = client.conversations_open(users=user_id)["channel"]["id"]
    except SlackApiError as exc:
        log.warning("could not open a direct message: %s", exc.response.get("error"))
        return None
    return post(client, channel, text, blocks_, key=key)


def tell_new_owner(svc: Services, client: WebClient, a: Assigned) -> None:
    c = a.contact
    if not c.owner_id or c.owner_id == a.previous_owner or c.owner_id == a.by_user:
        return
    with svc.uow(readonly=True) as uow:
        view = card_view(uow, c.team_id, c.id or 0, svc.clock.now())
    if view is None:
        return
    text, body = blocks.assigned_dm(view, a.previous_owner, a.by_user)
    dm(client, c.owner_id, text, body, key=f"assigned:{c.team_id}:{c.id}:{c.owner_id}:{svc.clock.now():%Y%m%d%H%M%S}")


def _send(svc: Services, client: WebClient, r: Reminder, now: datetime) -> None:
    c = r.contact
    with svc.uow(readonly=True) as uow:
        view = card_view(uow, c.team_id, c.id or 0, now)
    if view is None:
        return
    link = permalink(svc, c.team_id, c.channel_id, c.card_ts or c.thread_ts, c.thread_ts)
    if r.kind is ReminderKind.FOLLOW_UP:
        assert c.follow_up_at is not None
        due = local_time(svc, client, c.team_id, c.owner_id, c.follow_up_at)
        text, body = blocks.follow_up_dm(view, due)
    elif r.kind is ReminderKind.NUDGE_CHANNEL:
        text, body = blocks.channel_nudge(view, r.waited, link)
        post(client, r.channel_id, text, body, key=r.key)
        return
    elif r.kind is ReminderKind.NUDGE_OWNER:
        text, body = blocks.owner_nudge(view, r.waited, link)
    else:
        text, body = blocks.check_in(view, r.waited, link)
    dm(client, c.owner_id, text, body, key=r.key)


def followup_pass(svc: Services, client_for: ClientFor, now: datetime) -> list[Reminder]:
    """One pass as at `now`: follow-ups due, then nudges and check-ins, then the round robin."""
    with svc.uow() as uow:
        due = followups.follow_ups_due(uow, now)
        uow.commit()
    with svc.uow(readonly=True) as uow:
        owners = nudges.nudge_owners(uow, now)
    # the owners' zones are learnt before the claiming transaction: users.info writes to the reps table
    tz_of = {(team, owner): rep(svc, client_for(team), team, owner).tz or "UTC" for team, owner in owners}
    with svc.uow() as uow:
        due += nudges.nudges_due(uow, now, tz_of)
        uow.commit()
    for r in due:
        try:
            _send(svc, client_for(r.contact.team_id), r, now)
        except Exception:  # one contact's trouble must not keep the others' messages back
            log.exception("follow-up message failed", extra={"contact": r.contact.id})
    with svc.uow() as uow:
        assigned = owner_service.round_robin(uow, now)
        uow.commit()
    for a in assigned:
        client = client_for(a.contact.team_id)
        tell_new_owner(svc, client, a)
        refresh_card(svc, client, a.contact.team_id, a.contact.id or 0)
    return due
