"""BANT discovery in the contact's thread: one question at a time, every answer kept with its words."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot import discovery as talk
from bot.model import (
    BANT_ORDER,
    Answers,
    Authority,
    AuthorityLevel,
    BantItem,
    Budget,
    Need,
    NeedStatus,
    Settings,
    Timeline,
    TimelineStatus,
)
from bot.ports import UnitOfWork
from bot.records import AnswerRecord, ContactRecord, DiscoveryRecord
from bot.services.qualification import Evaluation, reevaluate
from bot.services.workspace import load_config
from bot.zones import in_zone


@dataclass(frozen=True)
class Change:
    """One recorded answer, as the rep should hear it back: "Budget changed: $3,000 (not confirmed) → $40,000"."""

    item: BantItem
    after: str  # the new answer's summary
    before: str | None = None  # the answer it replaced, None when the item was open
    asked: BantItem | None = None  # the item Banter had asked, when the answer only fitted this one
    estimate: bool = False  # a guess, recorded as not confirmed


@dataclass
class Turn:
    """What one message did to a discovery, for the Slack edge to show."""

    contact: ContactRecord
    session: DiscoveryRecord
    answers: Answers
    # started | resumed | recorded | skipped | unknown | undone | paused | status | not_understood | follow_up | done
    kind: str
    ask: BantItem | None = None  # the question to ask next, if any
    recorded: list[BantItem] = field(default_factory=list)
    undone: BantItem | None = None  # None with kind "undone": there was nothing to undo
    evaluation: Evaluation | None = None
    just_completed: bool = False
    not_understood_item: BantItem | None = None
    changes: list[Change] = field(default_factory=list)
    estimates: dict[BantItem, str] = field(default_factory=dict)  # guesses behind answers recorded as not known
    follow_up: datetime | None = None  # set from this message ("call her back on Thursday")
    paused_other: ContactRecord | None = None  # started here, it paused this contact's discovery in the same thread


_UNKNOWN = {
    BantItem.BUDGET: Budget(),
    BantItem.AUTHORITY: Authority(AuthorityLevel.UNKNOWN),
    BantItem.NEED: Need(NeedStatus.UNKNOWN),
    BantItem.TIMELINE: Timeline(TimelineStatus.UNKNOWN),
}


def _unknown(item: BantItem) -> talk.Parsed:
    """"Don't know" is an answer too: recorded as unknown, never satisfied."""
    return talk.Parsed(item, _UNKNOWN[item], "don't know")


def _estimates(uow: UnitOfWork, team_id: str, contact_id: int, answers: Answers, settings: Settings,
               tz: str) -> dict[BantItem, str]:  # fmt: skip
    """For each answer recorded as not known, what the rep guessed, read again from their words."""
    guessed = [item for item in BANT_ORDER if talk.standing(answers.get(item)) == "unknown"]
    if not guessed:
        return {}
    latest = {record.item: record for record in uow.answers.history(team_id, contact_id)}
    out: dict[BantItem, str] = {}
    for item in guessed:
        record = latest.get(item)
        if record is None:
            continue
        estimate = talk.estimate_of(item, record.raw_text, now=in_zone(record.answered_at, tz), settings=settings)
        if estimate is not None:
            out[item] = talk.summarise_estimate(item, estimate, default_currency=settings.currency)
    return out


def _summary(item: BantItem, value: talk.BantValue, estimate: str | None, settings: Settings) -> str:
    return estimate or talk.summarise_value(item, value, default_currency=settings.currency)



def start(uow: UnitOfWork, team_id: str, user_id: str, contact_id: int, now: datetime) -> Turn | None:
    contact = uow.contacts.get(team_id, contact_id)
    if contact is None or not contact.thread_ts:
        return None  # discovery needs the contact's thread (the edge gives an imported contact one first)
    assert contact.id is not None
    session = uow.discoveries.get(team_id, contact.id)
    resumed = session is not None
    other = uow.discoveries.active_in_thread(team_id, contact.channel_id, contact.thread_ts)
    paused_other = None
    if other is not None and other.contact_id != contact.id:
        # One conversation per thread at a time: the newest takes the floor, the other waits (and the rep is told).
        other.status, other.updated_at = "paused", now
        uow.discoveries.save(other)
        paused_other = uow.contacts.get(team_id, other.contact_id)
    if session is None:
        session = DiscoveryRecord(contact.id, team_id, contact.channel_id, contact.thread_ts, started_at=now)
    answers = uow.answers.current(team_id, contact.id)
    session.asking = talk.next_item(answers, skipped=frozenset(session.skipped))
    session.status = "active" if session.asking else "done"
    session.updated_at = now
    uow.discoveries.save(session)
    ev = reevaluate(uow, team_id, contact.id, now)
    kind = "resumed" if resumed else "started"
    settings = load_config(uow, team_id).settings
    estimates = _estimates(uow, team_id, contact.id, answers, settings, "UTC")
    return Turn(
        ev.contact if ev else contact, session, answers, kind, ask=session.asking, evaluation=ev, estimates=estimates,
        paused_other=paused_other,
    )


def set_checklist(uow: UnitOfWork, team_id: str, contact_id: int, checklist_ts: str) -> None:
    session = uow.discoveries.get(team_id, contact_id)
    if session is not None:
        session.checklist_ts = checklist_ts
        uow.discoveries.save(session)


def on_thread_message(
    uow: UnitOfWork, team_id: str, user_id: str, channel_id: str, thread_ts: str, text: str,
    message_ts: str, now: datetime, tz: str = "UTC",
) -> Turn | None:  # fmt: skip
    """A message in a thread: an answer when a discovery is active there, else nothing (or a start)."""
    cfg = load_config(uow, team_id)
    local_now = in_zone(now, tz)
    session = uow.discoveries.active_in_thread(team_id, channel_id, thread_ts)
    if session is None:
        intent = talk.interpret(text, asking=None, now=local_now, settings=cfg.settings)
        if isinstance(intent, talk.Start):
            contacts = uow.contacts.by_thread(team_id, channel_id, thread_ts)
            if contacts:
                # The newest card in the thread is the one a rep means by "qualify".
                return start(uow, team_id, user_id, contacts[-1].id or 0, now)
        return None
    contact = uow.contacts.get(team_id, session.contact_id)
    if contact is None:
        return None
    intent = talk.interpret(text, asking=session.asking, now=local_now, settings=cfg.settings)
    if session.status == "done" and not isinstance(intent, talk.Answer | talk.Status | talk.Back):
        return None  # chit-chat after discovery is not an answer
    turn = _apply(uow, contact, session, intent, user_id, message_ts, now, cfg.settings, tz)
    if isinstance(intent, talk.Answer) or (isinstance(intent, talk.NotUnderstood) and intent.item is not None):
        from bot.services.followups import follow_up_from_text
        from bot.services.qualification import NotAllowed

        try:  # "she wants a call on Thursday" in an answer also sets the follow-up, and is no lost answer
            turn.follow_up = follow_up_from_text(uow, team_id, user_id, session.contact_id, text, now, tz)
        except (NotAllowed, LookupError):
            pass
        if turn.follow_up is not None and turn.kind == "not_understood":
            turn.kind, turn.not_understood_item = "follow_up", None
    return turn


def answer_by_button(
    uow: UnitOfWork, team_id: str, user_id: str, contact_id: int, value: str, now: datetime
) -> Turn | None:
    contact = uow.contacts.get(team_id, contact_id)
    session = uow.discoveries.get(team_id, contact_id)
    if contact is None or session is None:
        return None
    parsed = talk.Parsed(BantItem.AUTHORITY, talk.authority_from_button(value), f"(button) {value}")
    settings = load_config(uow, team_id).settings
    return _apply(uow, contact, session, talk.Answer((parsed,)), user_id, "", now, settings, "UTC")


def _apply(
    uow: UnitOfWork, contact: ContactRecord, session: DiscoveryRecord, intent: object, user_id: str,
    message_ts: str, now: datetime, settings: Settings, tz: str,
) -> Turn:  # fmt: skip
    team_id, cid = contact.team_id, session.contact_id
    was_done = session.status == "done"
    turn_kind, recorded, undone, nu_item = "status", [], None, None
    changes: list[Change] = []
    skipped = set(session.skipped)
    if isinstance(intent, talk.Answer | talk.DontKnow):
        parsed = intent.parsed if isinstance(intent, talk.Answer) else (_unknown(intent.item),)
        before = uow.answers.current(team_id, cid)
        guessed = _estimates(uow, team_id, cid, before, settings, tz)
        asked = intent.asked if isinstance(intent, talk.Answer) else None
        for p in parsed:
            old = before.get(p.item)
            new_estimate = (
                talk.summarise_estimate(p.item, p.estimate, default_currency=settings.currency) if p.estimate else None
            )
            changes.append(
                Change(
                    p.item, _summary(p.item, p.value, new_estimate, settings),
                    None if old is None else _summary(p.item, old, guessed.get(p.item), settings),
                    asked if asked is not p.item else None, p.estimate is not None,
                )
            )  # fmt: skip
            uow.answers.add(
                team_id, cid, AnswerRecord(p.item, p.raw, p.value, user_id, now), session.channel_id, message_ts
            )
            recorded.append(p.item)
            skipped.discard(p.item)
        turn_kind = "recorded" if isinstance(intent, talk.Answer) else "unknown"
        contact.last_activity_at = now
        uow.contacts.save(contact)
    elif isinstance(intent, talk.Skip):
        skipped.add(intent.item)
        turn_kind = "skipped"
    elif isinstance(intent, talk.Back):
        last = uow.answers.undo_last(team_id, cid, now)
        undone = last.item if last else None
        turn_kind = "undone"
    elif isinstance(intent, talk.Pause):
        session.status = "paused"
        turn_kind = "paused"
    elif isinstance(intent, talk.NotUnderstood):
        turn_kind, nu_item = "not_understood", intent.item
    elif isinstance(intent, talk.Start):
        turn_kind = "resumed"
    answers = uow.answers.current(team_id, cid)
    session.skipped = [i for i in (BantItem(s) for s in skipped)]
    if turn_kind != "paused":
        session.asking = talk.next_item(answers, skipped=frozenset(session.skipped))
        if undone is not None:
            session.asking = undone
        session.status = "active" if session.asking else "done"
    session.updated_at = now
    uow.discoveries.save(session)
    ev = reevaluate(uow, team_id, cid, now)
    just_completed = session.status == "done" and not was_done
    return Turn(
        ev.contact if ev else contact, session, answers, "done" if just_completed else turn_kind,
        ask=session.asking if session.status == "active" else None, recorded=recorded, undone=undone,
        evaluation=ev, just_completed=just_completed, not_understood_item=nu_item, changes=changes,
        estimates=_estimates(uow, team_id, cid, answers, settings, tz),
    )  # fmt: skip


def due_reminders(uow: UnitOfWork, now: datetime) -> list[tuple[DiscoveryRecord, ContactRecord]]:
    """Discoveries idle for the workspace's reminder days: one reminder each, until the next answer.

    Each reminder is claimed in the database (one per quiet spell, keyed on the last activity), so two passes
    that overlap return it once. Sessions are claimed in one order so overlapping passes wait, not deadlock."""
    due: list[tuple[DiscoveryRecord, ContactRecord]] = []
    idle = sorted(uow.discoveries.idle_since(now - timedelta(days=1)), key=lambda s: (s.team_id, s.contact_id))
    for session in idle:
        days = load_config(uow, session.team_id).policy.discovery_reminder_days
        if session.updated_at and session.updated_at > now - timedelta(days=days):
            continue
        contact = uow.contacts.get(session.team_id, session.contact_id)
        if contact is None:
            continue
        if not uow.alerts.claim(session.team_id, session.contact_id, f"reminder:{session.updated_at:%Y%m%dT%H%M%S}", now):
            continue
        session.reminded_at = now
        uow.discoveries.save(session)
        due.append((session, contact))
    return due
