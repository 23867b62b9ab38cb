"""Buttons and menus. Every value names a contact; the contact must be in the asker's workspace."""

from __future__ import annotations

import logging
import re
from datetime import timedelta
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.model import Stage
from bot.services import contacts as contact_service
from bot.services import digest as digest_service
from bot.services import discovery as discovery_service
from bot.services import qualification as q
from bot.services.qualification import DISQUALIFY_REASONS, NotAllowed
from handlers.blocks import ids
from handlers.blocks.cards import who
from handlers.blocks.modals import contact_form
from handlers.context import Services, actor, refusal
from handlers.digest_poster import refresh_digest_row
from handlers.flows import ensure_thread, show_turn
from handlers.notify import announce, refresh_card

log = logging.getLogger("banter.actions")
NOT_FOUND = ":mag: That contact isn't in this workspace any more (removed, merged, or not yours to see)."


def register(app: App, svc: Services) -> None:
    for action_id in ids.ALL_ACTIONS:
        if action_id == ids.AUTHORITY:  # one button per level; action ids must differ within a block
            app.action(re.compile(rf"^{ids.AUTHORITY}_"))(_route(svc))
        else:
            app.action(action_id)(_route(svc))


def _route(svc: Services):  # noqa: ANN202
    def on_action(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient,
                  context: BoltContext, respond: Respond) -> None:  # fmt: skip
        ack()
        action_id = action["action_id"]
        if action_id.startswith(ids.AUTHORITY + "_"):
            action_id = ids.AUTHORITY
        if action_id == ids.OPEN:
            return  # a link button: Slack opens the URL; acknowledging is all there is to do
        raw = action.get("value") or (action.get("selected_option") or {}).get("value", "")
        raw = raw or ids.block_value(action.get("block_id", ""))  # users_select and datepicker carry no value
        parsed = ids.parse_value(raw)
        team_id = context.team_id or body.get("team", {}).get("id", "")
        user = body["user"]["id"]
        if parsed is None:
            respond(text=NOT_FOUND, response_type="ephemeral", replace_original=False)
            return
        cid, extra = parsed
        try:
            _dispatch(svc, client, respond, body, action_id, team_id, user, cid, extra)
        except LookupError:
            respond(text=NOT_FOUND, response_type="ephemeral", replace_original=False)
        except NotAllowed as exc:
            respond(text=refusal(exc), response_type="ephemeral", replace_original=False)

    return on_action


def _tell(respond: Respond, text: str) -> None:
    respond(text=text, response_type="ephemeral", replace_original=False)


def _dispatch(svc: Services, client: WebClient, respond: Respond, body: dict[str, Any], action_id: str,
              team_id: str, user: str, cid: int, extra: list[str]) -> None:  # fmt: skip
    if action_id == ids.FORGET:  # names removed records too: it checks the workspace of each itself
        from handlers.listeners.data_commands import on_forget_pressed

        return on_forget_pressed(svc, client, respond, team_id, user, cid, extra)
    now = svc.clock.now()
    with svc.uow(readonly=True) as uow:
        if uow.contacts.get(team_id, cid) is None:
            raise LookupError(cid)
    if action_id in ids.PIPELINE_ACTIONS:  # remind, assign, won, lost, and the follow-up's Done / Snooze
        from handlers.listeners.pipeline_commands import on_pipeline_action

        return on_pipeline_action(svc, client, respond, body, action_id, team_id, user, cid, extra)
    if action_id == ids.START_DISCOVERY:
        ensure_thread(svc, client, team_id, cid, user)
        with svc.uow() as uow:
            turn = discovery_service.start(uow, team_id, user, cid, now)
            uow.commit()
        if turn is None:
            raise LookupError(cid)
        show_turn(svc, client, turn, team_id=team_id)
    elif action_id == ids.AUTHORITY:
        if not extra:
            raise LookupError(cid)
        with svc.uow() as uow:
            turn = discovery_service.answer_by_button(uow, team_id, user, cid, extra[0], now)
            uow.commit()
        if turn is None:
            _tell(respond, "Discovery for this contact isn't running; press *Start discovery* on its card.")
            return
        show_turn(svc, client, turn, team_id=team_id)
    elif action_id == ids.EDIT:
        who_actor = actor(svc, client, team_id, user)
        with svc.uow(readonly=True) as uow:
            contact = uow.contacts.get(team_id, cid)
        if contact is None:
            raise LookupError(cid)
        if contact.owner_id != user and not who_actor.is_admin:
            raise NotAllowed(f"Only the contact's owner (<@{contact.owner_id}>) or a workspace admin can edit it.")
        client.views_open(trigger_id=body["trigger_id"], view=contact_form(contact))
    elif action_id == ids.REMOVE:
        with svc.uow() as uow:
            c = contact_service.remove_contact(uow, actor(svc, client, team_id, user), cid, now)
            uow.commit()
        _replace_card(client, body, f"Removed {who(c)}: not a lead (by <@{user}>). It stays in the history.")
    elif action_id in (ids.PROMOTE, ids.DISQUALIFY):
        to = Stage.PROSPECT if action_id == ids.PROMOTE else Stage.DISQUALIFIED
        reason = "promoted by hand" if to is Stage.PROSPECT else DISQUALIFY_REASONS.get(extra[0] if extra else "other", "other")
        with svc.uow() as uow:
            events = q.set_stage(uow, actor(svc, client, team_id, user), cid, to, reason, now)
            uow.commit()
        announce(svc, client, events)
        refresh_card(svc, client, team_id, cid)
    elif action_id in (ids.MERGE, ids.KEEP_BOTH):
        other = int(extra[0]) if extra and extra[0].isdigit() else None
        if other is None:
            raise LookupError(cid)
        if action_id == ids.MERGE:
            with svc.uow() as uow:
                kept = contact_service.merge_contacts(uow, actor(svc, client, team_id, user), cid, other, now)
                uow.commit()
            _replace_card(client, body, f"Merged into {who(kept)}.")
            refresh_card(svc, client, team_id, cid)
        else:
            refresh_card(svc, client, team_id, other)  # the new contact's card, without the question
            _tell(respond, "Kept both: they are different people.")
    elif action_id == ids.CONTACTED:
        with svc.uow() as uow:
            c = digest_service.touch(uow, team_id, user, cid, now)
            uow.commit()
        _tell(respond, f":white_check_mark: Noted: <@{user}> contacted {who(c)}.")
        refresh_digest_row(svc, client, body, team_id)  # on a digest, the row says so for everyone
    elif action_id == ids.SNOOZE:
        with svc.uow() as uow:
            c = digest_service.snooze(uow, team_id, user, cid, now + timedelta(days=7), now)
            uow.commit()
        _tell(respond, f":zzz: {who(c)} is snoozed for a week; back in the digest on {(now + timedelta(days=7)):%A %d %B}.")
        refresh_digest_row(svc, client, body, team_id)


def _replace_card(client: WebClient, body: dict[str, Any], text: str) -> None:
    channel = (body.get("channel") or {}).get("id")
    ts = (body.get("message") or body.get("container") or {}).get("ts")
    if channel and ts:
        from handlers.blocks.kit import section
        from handlers.poster import update

        update(client, channel, ts, text, [section(text)])
