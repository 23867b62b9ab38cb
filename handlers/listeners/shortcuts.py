"""Shortcuts and the contact form: "Log as lead" on any message, "New lead" from anywhere, "Edit"."""

from __future__ import annotations

from typing import Any

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.model import ContactDraft
from bot.services import contacts as contact_service
from bot.services.contacts import LogContacts, LogResult
from bot.services.qualification import NotAllowed
from bot.services.workspace import load_config
from handlers.blocks import ids
from handlers.blocks.modals import form_values
from handlers.context import Services, actor, channel_event, rep
from handlers.flows import log_contacts, reply_with_cards
from handlers.notify import refresh_card
from handlers.slacktext import to_plain


def register(app: App, svc: Services) -> None:
    @app.shortcut(ids.LOG_MESSAGE_SHORTCUT)
    def log_message(ack: Ack, shortcut: dict[str, Any], client: WebClient, context: BoltContext,
                    respond: Respond) -> None:  # fmt: skip
        ack()
        team_id = context.team_id or shortcut.get("team", {}).get("id", "")
        user = shortcut["user"]["id"]
        channel = shortcut.get("channel", {}).get("id", "")
        msg = shortcut.get("message", {})
        ts = msg.get("thread_ts") or msg.get("ts", "")
        person = rep(svc, client, team_id, user)
        text = to_plain(msg.get("text", ""), bot_user_id=context.bot_user_id or "")
        if _banter_is_in(client, channel):
            cmd = LogContacts(team_id, user, text, channel, channel_event(svc, client, team_id, channel),
                              thread_ts=ts, tz=person.tz)  # fmt: skip
            result = log_contacts(svc, cmd)
            assert result is not None
            reply_with_cards(svc, client, result, team_id=team_id, channel=channel, thread_ts=ts)
            return
        # Banter cannot answer in that conversation: the cards go to the rep's messages with Banter.
        dm = client.conversations_open(users=user)["channel"]["id"]
        result = log_contacts(svc, LogContacts(team_id, user, text, dm, tz=person.tz))
        assert result is not None
        reply_with_cards(svc, client, result, team_id=team_id, channel=dm, thread_ts="", new_thread_per_contact=True)
        respond(text="I'm not in that conversation, so the card is in our direct messages. "
                     "Invite me with `/invite @Banter` to answer in channels.", response_type="ephemeral")  # fmt: skip

    @app.shortcut(ids.NEW_LEAD_SHORTCUT)
    def new_lead(ack: Ack, shortcut: dict[str, Any], client: WebClient) -> None:
        ack()
        from handlers.blocks.modals import contact_form

        client.views_open(trigger_id=shortcut["trigger_id"], view=contact_form())

    @app.action(ids.NEW_LEAD_BUTTON)
    def new_lead_from_home(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        from handlers.blocks.modals import contact_form

        client.views_open(trigger_id=body["trigger_id"], view=contact_form())

    @app.view(ids.NEW_LEAD_VIEW)
    def new_lead_submitted(ack: Ack, view: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        team_id, user, draft = _submitted(svc, ack, view, body, context)
        if draft is None:
            return
        now = svc.clock.now()
        cmd = LogContacts(team_id, user, "", tz=rep(svc, client, team_id, user).tz)
        with svc.uow() as uow:  # saved before the form closes: a failure keeps it open saying "try again"
            logged = contact_service.log_draft(uow, cmd, draft, now)
            uow.commit()
        ack()
        dm = client.conversations_open(users=user)["channel"]["id"]
        reply_with_cards(svc, client, LogResult([logged], []), team_id=team_id, channel=dm, thread_ts="",
                         new_thread_per_contact=True)  # fmt: skip

    @app.view(ids.EDIT_VIEW)
    def edit_submitted(ack: Ack, view: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        team_id, user, draft = _submitted(svc, ack, view, body, context)
        if draft is None:
            return
        meta = view.get("private_metadata", "")
        if not meta.isdigit():
            ack(response_action="errors", errors={"name": "This form is out of date; open Edit again."})
            return
        who = actor(svc, client, team_id, user)
        fields = {"name": draft.name, "title": draft.title, "company": draft.company, "emails": list(draft.emails),
                  "phones": list(draft.phones), "event": draft.event, "note": draft.note}  # fmt: skip
        try:
            with svc.uow() as uow:
                contact_service.edit_contact(uow, who, int(meta), fields, svc.clock.now())
                uow.commit()
        except (NotAllowed, LookupError) as exc:
            ack(response_action="errors", errors={"name": str(exc)[:150]})
            return
        ack()
        refresh_card(svc, client, team_id, int(meta))


def _banter_is_in(client: WebClient, channel: str) -> bool:
    if not channel.startswith(("C", "G")):
        return False  # a DM between people: Banter is not part of it
    try:
        return bool(client.conversations_info(channel=channel)["channel"].get("is_member"))
    except SlackApiError:
        return False


def _submitted(svc: Services, ack: Ack, view: dict[str, Any], body: dict[str, Any],
               context: BoltContext) -> tuple[str, str, ContactDraft | None]:
    """The form's contact, or None after telling Slack which fields to fix (the modal stays open)."""
    team_id = context.team_id or body.get("team", {}).get("id", "")
    with svc.uow(readonly=True) as uow:
        region = load_config(uow, team_id).settings.region
    draft, errors = _draft(form_values(view), region)
    if errors:
        ack(response_action="errors", errors=errors)
        return team_id, body["user"]["id"], None
    return team_id, body["user"]["id"], draft


def _draft(values: dict[str, str], region: str) -> tuple[ContactDraft, dict[str, str]]:
    """The form's fields, checked the way chat logging checks them; errors name the field."""
    errors: dict[str, str] = {}
    emails, phones = [], []
    values = {k: v.replace("\x00", "") for k, v in values.items()}  # PostgreSQL text cannot hold NUL
    for raw in filter(None, (e.strip() for e in values["emails"].replace(";", ",").split(","))):
        try:
            emails.append(validate_email(raw, check_deliverability=False).normalized.lower())
        except EmailNotValidError:
            errors["emails"] = f"“{raw[:60]}” doesn't look like an email address."
    for raw in filter(None, (p.strip() for p in values["phones"].replace(";", ",").split(","))):
        try:
            num = phonenumbers.parse(raw, region)
            if not phonenumbers.is_possible_number(num):
                raise phonenumbers.NumberParseException(0, "impossible")
            phones.append(phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164))
        except phonenumbers.NumberParseException:
            errors["phones"] = f"“{raw[:40]}” doesn't look like a phone number (add the country code, e.g. +44)."
    name = values["name"].strip()
    if not (name or emails or phones):
        errors["name"] = "A name, or an email or phone, is needed to log a contact."
    draft = ContactDraft(name=name, title=values["title"].strip(), company=values["company"].strip(),
                         emails=tuple(emails), phones=tuple(phones), event=values["event"].strip(),
                         note=values["note"].strip(), source="form")  # fmt: skip
    return draft, errors
