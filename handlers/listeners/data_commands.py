"""`/banter export`, `/banter forget`: a team's data, out and erased."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.services import data as data_service
from handlers.blocks import ids
from handlers.blocks.cards import who
from handlers.blocks.kit import Block, actions, button, context, section
from handlers.blocks.text import esc, plain, plural
from handlers.context import Services, actor
from handlers.listeners.home_refresh import refresh_homes

if TYPE_CHECKING:
    from handlers.listeners.commands import Ask

log = logging.getLogger("banter.data")
COMMANDS: dict[str, Callable[[Ask], None]] = {}


def _export(ask: Ask) -> None:
    """`/banter export` — the workspace's contacts as a CSV in our direct messages (everyone's: the team works one pipeline)."""
    from handlers.listeners.commands import say

    if _is_guest(ask.client, ask.user_id):
        say(ask, ":lock: Guests can't export the team's contacts. Ask a member of the team for the CSV.")
        return
    out = io.StringIO()
    with ask.svc.uow(readonly=True) as uow:
        n = data_service.export_csv(uow, ask.team_id, out)
    day = ask.svc.clock.now().date().isoformat()
    try:
        dm = ask.client.conversations_open(users=ask.user_id)["channel"]["id"]
        ask.client.files_upload_v2(
            channel=dm, content=out.getvalue().encode("utf-8"), filename=f"banter-contacts-{day}.csv",
            title=f"Banter contacts {day}",
            initial_comment=f"Here are the workspace's {plural(n, 'contact')}. The columns import into HubSpot and Salesforce as they are.",
        )  # fmt: skip
    except SlackApiError as exc:
        log.warning("export upload refused: %s", exc.response.get("error"))
        say(ask, ":warning: Slack refused the file upload; try again in a minute, or ask an admin to run `python app.py export`.")
        return
    say(ask, f":inbox_tray: {plural(n, 'contact')} exported: the CSV is in our direct messages.")


def _is_guest(client: WebClient, user_id: str) -> bool:
    """A workspace guest (a partner, an agency) sees what is shared with them, never the whole pipeline.
    Asked fresh, not from the 12-hour copy: a member turned guest loses access at once. Unknown is refused."""
    try:
        info = client.users_info(user=user_id)["user"]
    except SlackApiError as exc:
        log.warning("users.info failed before an export: %s", exc.response.get("error"))
        return True
    return bool(info.get("is_restricted") or info.get("is_ultra_restricted"))


def forget_confirmation(preview: data_service.ForgetPreview) -> tuple[str, list[Block]]:
    """The ephemeral question before anything is erased: who, how many records, and what stays."""
    people = "\n".join(f"• {who(c)}" + (" _(removed)_" if c.removed_at else "") for c in preview.contacts[:10])
    forget = button("Forget", ids.FORGET, ids.contact_value(preview.contact_ids[0], *map(str, preview.contact_ids[1:])),
                    style="danger")  # fmt: skip
    forget["confirm"] = {
        "title": {"type": "plain_text", "text": "Forget this person?"},
        "text": {"type": "mrkdwn", "text": plain(f"Erase everything Banter holds about {preview.email}. This cannot be undone.", 300)},
        "confirm": {"type": "plain_text", "text": "Forget"},
        "deny": {"type": "plain_text", "text": "Cancel"},
        "style": "danger",
    }
    text = f"Forget {preview.email}? {plural(len(preview.contacts), 'record')}"
    return text, [
        section(f"*Forget {esc(preview.email)}?* {plural(len(preview.contacts), 'record')}:\n{people}"),
        context("Erases name, e-mails, phones, title, company, website, LinkedIn, notes, BANT answers and activity "
                "details. An anonymous stage record stays so the counts stay right. The Slack messages in the "
                "discovery thread stay: delete them in Slack if they must go too."),
        actions(forget),
    ]  # fmt: skip


def _forget(ask: Ask) -> None:
    """`/banter forget jane@acme.com` — erase a person's data on request, after a confirmation (admins)."""
    from handlers.listeners.commands import say

    if not ask.args:
        say(ask, "Usage: `/banter forget jane@acme.com` (admins).")
        return
    who_actor = actor(ask.svc, ask.client, ask.team_id, ask.user_id)
    try:
        with ask.svc.uow(readonly=True) as uow:
            preview = data_service.forget_preview(uow, who_actor, ask.args.split()[0])
    except LookupError as exc:  # its message quotes what was typed: escaped here, like all people's text
        say(ask, f":mag: {esc(exc.args[0] if exc.args else 'Not found.', 300)}")
        return
    say(ask, *forget_confirmation(preview))


def on_forget_pressed(svc: Services, client: WebClient, respond: Respond, team_id: str, user: str,
                      cid: int, extra: list[str]) -> None:  # fmt: skip
    """The *Forget* button: every record it names must be in the presser's workspace, or nothing changes."""
    contact_ids = [cid, *(int(x) for x in extra if x.isdigit())]
    if len(contact_ids) != 1 + len(extra):
        raise LookupError(cid)
    who_actor = actor(svc, client, team_id, user)
    with svc.uow() as uow:
        done = data_service.forget(uow, who_actor, contact_ids, svc.clock.now())
        uow.commit()
    respond(text=f":wastebasket: Forgotten: {plural(done.count, 'record')} erased by <@{user}>. Only an anonymous stage "
                 "record stays; the Slack messages in the discovery thread are untouched.",
            response_type="ephemeral", replace_original=True)  # fmt: skip
    refresh_homes(svc, client, team_id, done.owners)


def _named(fn: Callable[[Any], None], name: str) -> Callable[[Any], None]:
    fn.command_name = name  # type: ignore[attr-defined]
    return fn


COMMANDS.update({"export": _named(_export, "export"), "forget": _named(_forget, "forget")})
