"""The flows several ways in share: log contacts and reply with cards; show a discovery turn."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.events import Demoted
from bot.model import ContactDraft
from bot.services import contacts as contact_service
from bot.services import discovery as discovery_service
from bot.services.cards import card_view, new_contact_card
from bot.services.contacts import LogContacts, LogResult
from bot.services.discovery import Turn
from handlers.blocks import discovery as dblocks
from handlers.blocks.cards import contact_card, who
from handlers.blocks.duplicates import already_logged
from handlers.blocks.kit import section
from handlers.blocks.text import esc
from handlers.context import Services, permalink
from handlers.notify import announce, refresh_card
from handlers.poster import post, update

HOW_TO_LOG = (
    "Tell me who you met in one message, e.g. "
    "`met Jane Doe, VP Marketing at Acme Corp, jane.doe@acme.com, +1 415 555 0132, wants analytics`. "
    "Several at once? One per line."
)


def log_contacts(svc: Services, cmd: LogContacts, *, event_key: str = "") -> LogResult | None:
    """Store what the text says, once: a retried or double-delivered event finds its key taken."""
    now = svc.clock.now()
    with svc.uow() as uow:
        if event_key and not uow.events.first_time(cmd.team_id, event_key, now):
            return None
        result = contact_service.log_contacts(uow, cmd, now)
        uow.commit()
    return result


def reply_with_cards(
    svc: Services, client: WebClient, result: LogResult, *, team_id: str, channel: str, thread_ts: str,
    new_thread_per_contact: bool = False,
) -> list[str]:  # fmt: skip
    """One card per contact in the thread (or, from a slash command or a form, each card its own thread)."""
    posted: list[str] = []
    for logged in result.logged:
        c = logged.contact
        assert c.id is not None
        if logged.created and logged.evaluation is not None:
            view = new_contact_card(logged.evaluation)
        else:
            with svc.uow(readonly=True) as uow:
                view = card_view(uow, team_id, c.id, svc.clock.now())
        if view is None:
            continue
        view.near_match, view.logged_again = logged.near_match, not logged.created
        if not logged.created and c.thread_ts:  # already at home elsewhere: point there, refresh that card
            link = permalink(svc, team_id, c.channel_id, c.card_ts or c.thread_ts, c.thread_ts)
            post(client, channel, *already_logged(c, logged.added, logged.differs, link), thread_ts=thread_ts,
                 key=f"again:{team_id}:{c.id}:{thread_ts}")  # fmt: skip
            refresh_card(svc, client, team_id, c.id)
            announce(svc, client, logged.events)
            continue
        text, blocks = contact_card(view)
        home = "" if new_thread_per_contact else thread_ts
        ts = post(client, channel, text, blocks, thread_ts=home, key=f"card:{team_id}:{c.id}:{thread_ts}")
        if ts:
            posted.append(ts)
            with svc.uow() as uow:
                contact_service.attach_thread(uow, team_id, c.id, channel, home or ts, ts)
                uow.commit()
        announce(svc, client, logged.events)
    if result.incomplete and not result.logged:
        post(client, channel, *incomplete_reply(result.incomplete), thread_ts=thread_ts)
    elif not result.logged:
        msg = ":warning: Nothing saved: I couldn't find a name, an email or a phone number in that. " + HOW_TO_LOG
        post(client, channel, msg, [section(msg)], thread_ts=thread_ts)
    if result.logged:
        from handlers.listeners.home_refresh import refresh_homes

        refresh_homes(svc, client, team_id, [logged.contact.owner_id for logged in result.logged])
    if result.too_many:
        msg = f"That was a lot at once: I logged the first {len(result.logged)}; {result.too_many} more were left out. Send them in another message."
        post(client, channel, msg, [section(msg)], thread_ts=thread_ts)
    return posted


def incomplete_reply(drafts: list[ContactDraft]) -> tuple[str, list[dict]]:
    d = drafts[0]
    seen = [f"{k}: {esc(v, 200)}" for k, v in (("title", d.title), ("company", d.company), ("event", d.event)) if v]
    understood = ("I understood " + "; ".join(seen) + ". ") if seen else ""
    msg = (
        f":warning: Nothing saved yet: {understood}I need a *name*, or an *email* or *phone*, to log a contact. "
        "Send it again with one of those, e.g. `Jane Doe, VP Marketing at Acme Corp, jane@acme.com`."
    )
    return "Nothing saved yet: I need a name, or an email or phone, to log a contact.", [section(msg)]


def show_turn(svc: Services, client: WebClient, turn: Turn, *, team_id: str) -> None:
    """Checklist updated in place, then the next question (or the outcome) in the thread."""
    c, s = turn.contact, turn.session
    channel, thread = s.channel_id, s.thread_ts
    cid = c.id or 0
    text, blocks = dblocks.checklist(turn)
    if not s.checklist_ts or not update(client, channel, s.checklist_ts, text, blocks):
        ts = post(client, channel, text, blocks, thread_ts=thread, key=f"checklist:{team_id}:{cid}:{s.started_at}")
        if ts:
            with svc.uow() as uow:
                discovery_service.set_checklist(uow, team_id, cid, ts)
                uow.commit()
    if turn.kind == "status":  # the checklist may be far up the thread: show it again here
        status_blocks = list(blocks)
        if turn.ask is not None:
            status_blocks.append(section(f"Next up: *{turn.ask.value}*. Answer in your own words."))
        post(client, channel, text, status_blocks, thread_ts=thread)
    elif turn.kind == "paused":
        post(client, channel, *dblocks.paused(c.owner_id), thread_ts=thread)
    elif turn.kind == "not_understood":
        post(client, channel, *dblocks.not_understood(turn.not_understood_item, cid, contact=c), thread_ts=thread)
    elif turn.just_completed or (turn.kind == "resumed" and s.status == "done"):
        post(client, channel, *dblocks.outcome(turn), thread_ts=thread)
    elif turn.ask is not None and turn.kind != "status":
        post(client, channel, *dblocks.turn_question(turn), thread_ts=thread)
    elif turn.kind in ("recorded", "undone") and s.status == "done":
        post(client, channel, *dblocks.outcome(turn), thread_ts=thread)
    if turn.evaluation is not None:
        announce(svc, client, turn.evaluation.events)
        for ev in turn.evaluation.events:
            if isinstance(ev, Demoted):
                msg = f":arrow_down: {who(c)} is back to *lead*: {esc(ev.reason, 1000)}"
                post(client, channel, msg, [section(msg)], thread_ts=thread)
    refresh_card(svc, client, team_id, cid)


def ensure_thread(svc: Services, client: WebClient, team_id: str, contact_id: int, user_id: str) -> bool:
    """A contact without a home thread (imported from a CSV) gets one: its card in the rep's messages."""
    with svc.uow(readonly=True) as uow:
        view = card_view(uow, team_id, contact_id, svc.clock.now())
    if view is None:
        return False
    if view.contact.thread_ts:
        return True
    dm = client.conversations_open(users=user_id)["channel"]["id"]
    text, blocks = contact_card(view)
    ts = post(client, dm, text, blocks, key=f"card:{team_id}:{contact_id}:home")
    if not ts:
        return False
    with svc.uow() as uow:
        contact_service.attach_thread(uow, team_id, contact_id, dm, ts, ts)
        uow.commit()
    return True
