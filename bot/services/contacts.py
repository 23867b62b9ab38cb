"""Logging contacts: parse, de-duplicate, store; edit, merge and remove them."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from bot.contacts import dedup_keys, normalise_company, normalise_name, parse_contacts
from bot.model import ContactDraft, Stage
from bot.ports import UnitOfWork
from bot.records import ContactRecord, StageRecord
from bot.services.qualification import Actor, Evaluation, NotAllowed, reevaluate
from bot.services.workspace import load_config
from bot.zones import in_zone

MAX_CONTACTS_PER_MESSAGE = 25


@dataclass(frozen=True)
class LogContacts:
    team_id: str
    user_id: str
    text: str  # plain text, Slack markup already undone
    channel_id: str = ""
    channel_event: str = ""  # the channel's name when it is an event channel
    thread_ts: str = ""  # the contact's home thread, when known now
    tz: str = "UTC"


@dataclass
class Logged:
    contact: ContactRecord
    created: bool
    near_match: ContactRecord | None = None  # same name, other company: offered as Merge / Keep both
    events: list[object] = field(default_factory=list)
    evaluation: Evaluation | None = None  # the score and policy decision as stored, for the card
    added: list[str] = field(default_factory=list)  # logged again: the fields that were empty and are now filled
    differs: list[tuple[str, str, str]] = field(default_factory=list)  # (field, on record, as typed now): kept as on record


@dataclass
class LogResult:
    logged: list[Logged]
    incomplete: list[ContactDraft]  # understood something, but no name, email or phone
    too_many: int = 0


def _record_keys(c: ContactRecord) -> list[str]:
    return dedup_keys(
        ContactDraft(name=c.name, company=c.company, emails=tuple(c.emails), phones=tuple(c.phones))
    )


def _merge(c: ContactRecord, d: ContactDraft, now: datetime) -> tuple[list[str], list[tuple[str, str, str]]]:
    """Fill what the record lacks; never overwrite what it has. Returns what was added and what differs."""
    added: list[str] = []
    differs: list[tuple[str, str, str]] = []
    for f in ("name", "title", "company", "website", "linkedin", "event", "source"):
        mine, typed = getattr(c, f), getattr(d, f)
        if not mine and typed:
            setattr(c, f, typed)
            added.append(f)
        elif mine and typed and f in ("title", "company") and normalise_company(mine) != normalise_company(typed):
            differs.append((f, mine, typed))
    new_emails = [e for e in d.emails if e not in c.emails]
    new_phones = [p for p in d.phones if p not in c.phones]
    new_signals = [s.value for s in d.signals if s.value not in c.signals]
    c.emails, c.phones, c.signals = [*c.emails, *new_emails], [*c.phones, *new_phones], [*c.signals, *new_signals]
    added += ["email"] * bool(new_emails) + ["phone"] * bool(new_phones) + ["signal"] * bool(new_signals)
    if d.note and d.note not in c.note:
        c.note = f"{c.note}\n{d.note}".strip()
        added.append("note")
    c.updated_at = c.last_activity_at = now
    return added, differs


def _follow_up(text: str, now: datetime, tz: str) -> datetime | None:
    from bot.bant.timeline import find_follow_up

    local = in_zone(now, tz)
    return find_follow_up(text, now=local) if text else None


def log_contacts(uow: UnitOfWork, cmd: LogContacts, now: datetime) -> LogResult:
    cfg = load_config(uow, cmd.team_id)
    drafts = parse_contacts(cmd.text, default_region=cfg.settings.region, channel_event=cmd.channel_event)
    complete = [d for d in drafts if d.has_essentials]
    result = LogResult([], [d for d in drafts if not d.has_essentials])
    if len(complete) > MAX_CONTACTS_PER_MESSAGE:
        result.too_many = len(complete) - MAX_CONTACTS_PER_MESSAGE
        complete = complete[:MAX_CONTACTS_PER_MESSAGE]
    for draft in complete:
        result.logged.append(_log_one(uow, cmd, draft, now))
    return result


def log_draft(uow: UnitOfWork, cmd: LogContacts, draft: ContactDraft, now: datetime) -> Logged:
    """Log one already-structured contact (the form), with the same de-duplication as chat."""
    return _log_one(uow, cmd, draft, now)


def _log_one(uow: UnitOfWork, cmd: LogContacts, draft: ContactDraft, now: datetime) -> Logged:
    keys = dedup_keys(draft)
    existing = uow.contacts.find_by_keys(cmd.team_id, keys)
    follow_up = _follow_up(draft.note, now, cmd.tz)
    if existing is not None:
        assert existing.id is not None
        added, differs = _merge(existing, draft, now)
        if follow_up and not existing.follow_up_at:
            existing.follow_up_at = follow_up
        uow.contacts.save(existing)
        uow.contacts.add_keys(cmd.team_id, existing.id, keys)
        uow.activities.add(cmd.team_id, existing.id, "logged_again", cmd.user_id, draft.raw[:2000], now)
        ev = reevaluate(uow, cmd.team_id, existing.id, now)
        return Logged(ev.contact if ev else existing, created=False, events=list(ev.events) if ev else [],
                      added=added, differs=differs)  # fmt: skip
    near = None
    if draft.name:
        same_name = uow.contacts.find_by_name(cmd.team_id, normalise_name(draft.name))
        near = next(
            (c for c in same_name if normalise_company(c.company) != normalise_company(draft.company)), None
        )
    record = ContactRecord(
        team_id=cmd.team_id, name=draft.name, title=draft.title, company=draft.company,
        emails=list(draft.emails), phones=list(draft.phones), website=draft.website, linkedin=draft.linkedin,
        event=draft.event, source=draft.source, signals=[s.value for s in draft.signals], note=draft.note,
        owner_id=cmd.user_id, channel_id=cmd.channel_id, thread_ts=cmd.thread_ts, created_at=now,
        updated_at=now, last_activity_at=now, follow_up_at=follow_up,
    )  # fmt: skip
    uow.contacts.add(record, keys)
    assert record.id is not None
    uow.stages.record(cmd.team_id, record.id, StageRecord(None, Stage.LEAD, now, cmd.user_id, "logged"))
    uow.activities.add(cmd.team_id, record.id, "logged", cmd.user_id, draft.raw[:4000], now)
    ev = reevaluate(uow, cmd.team_id, record.id, now)
    return Logged(ev.contact if ev else record, created=True, near_match=near, events=list(ev.events) if ev else [],
                  evaluation=ev)


def attach_thread(uow: UnitOfWork, team_id: str, contact_id: int, channel_id: str, thread_ts: str, card_ts: str) -> None:
    """The contact's home: the thread its card was posted in, where discovery happens."""
    c = uow.contacts.get(team_id, contact_id)
    if c is None:
        return
    if not c.thread_ts:
        c.channel_id, c.thread_ts = channel_id, thread_ts
    if not c.card_ts or c.thread_ts == thread_ts:
        c.card_ts = card_ts
    uow.contacts.save(c)


def _editable(uow: UnitOfWork, actor: Actor, contact_id: int) -> ContactRecord:
    c = uow.contacts.get(actor.team_id, contact_id)
    if c is None:
        raise LookupError("That contact is not in this workspace (it may have been removed).")
    if c.owner_id != actor.user_id and not actor.is_admin:
        raise NotAllowed("Only the contact's owner or a workspace admin can change it.", c.owner_id)
    return c


def edit_contact(uow: UnitOfWork, actor: Actor, contact_id: int, fields: dict[str, object], now: datetime) -> ContactRecord:
    c = _editable(uow, actor, contact_id)
    for k, v in fields.items():
        if k in {"name", "title", "company", "website", "linkedin", "event", "note"}:
            setattr(c, k, str(v or "").strip())
        elif k in {"emails", "phones"}:
            setattr(c, k, list(v or []))  # type: ignore[call-overload]
    c.updated_at = c.last_activity_at = now
    uow.contacts.save(c)
    uow.contacts.add_keys(actor.team_id, contact_id, _record_keys(c))
    ev = reevaluate(uow, actor.team_id, contact_id, now)
    return ev.contact if ev else c


def remove_contact(uow: UnitOfWork, actor: Actor, contact_id: int, now: datetime, *,
                   reason: str = "not a lead") -> ContactRecord:  # fmt: skip
    """"Not a lead" (or a duplicate merged away): the contact leaves every list; the removal stays in the
    stage history with its reason."""
    c = _editable(uow, actor, contact_id)
    assert c.id is not None
    uow.stages.record(actor.team_id, c.id, StageRecord(c.stage, Stage.DISQUALIFIED, now, actor.user_id, reason))
    c.stage, c.removed_at, c.updated_at = Stage.DISQUALIFIED, now, now
    uow.contacts.remove(c)
    return c


def merge_contacts(uow: UnitOfWork, actor: Actor, keep_id: int, drop_id: int, now: datetime) -> ContactRecord:
    keep = _editable(uow, actor, keep_id)
    drop = _editable(uow, actor, drop_id)
    draft = ContactDraft(
        name=drop.name, title=drop.title, company=drop.company, emails=tuple(drop.emails),
        phones=tuple(drop.phones), website=drop.website, linkedin=drop.linkedin, event=drop.event,
        source=drop.source, note=drop.note,
    )  # fmt: skip
    _merge(keep, replace(draft, company=keep.company or drop.company), now)
    keep.signals = list(dict.fromkeys([*keep.signals, *drop.signals]))
    uow.contacts.save(keep)
    assert keep.id is not None
    remove_contact(uow, actor, drop_id, now, reason=f"duplicate: merged into #{keep.id} {keep.name}".strip())
    uow.contacts.add_keys(actor.team_id, keep.id, _record_keys(keep))
    ev = reevaluate(uow, actor.team_id, keep.id, now)
    return ev.contact if ev else keep
