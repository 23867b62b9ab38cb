"""Scoring, promotion and the stage history: the policy applied the moment evidence arrives."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.events import Demoted, Event, Promoted, StageSet, TurnedHot
from bot.model import Signal, Stage, Temperature
from bot.policy import Decision, Policy, PolicyError, policy_to_dict, set_policy_value
from bot.ports import UnitOfWork
from bot.records import ContactRecord, StageRecord
from bot.scoring import Score, score
from bot.services.workspace import load_config


class NotAllowed(Exception):
    """The person may not do this; the message says who may (the edge names the owner, if any)."""

    def __init__(self, message: str, owner_id: str = "") -> None:
        super().__init__(message)
        self.owner_id = owner_id


@dataclass(frozen=True)
class Actor:
    team_id: str
    user_id: str
    is_admin: bool = False


@dataclass(frozen=True)
class Evaluation:
    contact: ContactRecord
    score: Score
    decision: Decision
    events: tuple[Event, ...]


# A lead showing these turns the team's head at once (the hot-lead alert); BANT answers alone do not.
HOT_SIGNALS = frozenset({Signal.PRICING.value, Signal.QUOTE.value, Signal.DEMO.value, Signal.CALL_BOOKED.value})

DISQUALIFY_REASONS = {
    "no_budget": "no budget",
    "no_need": "no need",
    "competitor": "competitor",
    "student": "student or researcher",
    "spam": "spam",
    "unreachable": "unreachable",
    "other": "other",
}


def evaluate_contact(uow: UnitOfWork, contact: ContactRecord, policy: Policy, now: datetime) -> tuple[Score, Decision]:
    assert contact.id is not None
    answers = uow.answers.current(contact.team_id, contact.id)
    started = bool(uow.discoveries.get(contact.team_id, contact.id))
    snap = contact.snapshot(answers, discovery_started=started)
    sc = score(snap, policy, now=now)
    from bot.policy import evaluate

    return sc, evaluate(snap, policy, now=now, score=sc.value)


def _decision_reason(decision: Decision) -> str:
    seen = "; ".join(c.reason for c in decision.checks)
    return f"{decision.rule} ({seen})" if seen else decision.rule


def reevaluate(uow: UnitOfWork, team_id: str, contact_id: int, now: datetime) -> Evaluation | None:
    """Score and apply the policy; a stage set by a person stands until a person changes it."""
    contact = uow.contacts.get(team_id, contact_id)
    if contact is None:
        return None
    policy = load_config(uow, team_id).policy
    sc, decision = evaluate_contact(uow, contact, policy, now)
    events: list[Event] = []
    was_hot = contact.temperature == Temperature.HOT.value
    contact.score, contact.temperature = sc.value, sc.temperature.value
    if not contact.stage_set_by_person:
        if contact.stage is Stage.LEAD and decision.qualified:
            _move(uow, contact, Stage.PROSPECT, now, None, _decision_reason(decision))
            if uow.alerts.claim(team_id, contact_id, "promoted", now):
                events.append(Promoted(team_id, contact_id, None, decision.rule))
        elif contact.stage is Stage.PROSPECT and not decision.qualified:
            reason = "no longer qualifies: " + "; ".join(decision.missing)
            _move(uow, contact, Stage.LEAD, now, None, reason)
            events.append(Demoted(team_id, contact_id, reason))
    if (
        sc.temperature is Temperature.HOT
        and not was_hot
        and contact.stage is Stage.LEAD
        and HOT_SIGNALS.intersection(contact.signals)  # intent the rep reported, not discovery progress
        and uow.discoveries.get(team_id, contact_id) is None  # "waiting for discovery": none started yet
        and uow.alerts.claim(team_id, contact_id, "hot", now)
    ):
        events.append(TurnedHot(team_id, contact_id, tuple(contact.signals)))
    uow.contacts.save(contact)
    return Evaluation(contact, sc, decision, tuple(events))


def _move(uow: UnitOfWork, c: ContactRecord, to: Stage, now: datetime, by: str | None, reason: str) -> None:
    assert c.id is not None
    uow.stages.record(c.team_id, c.id, StageRecord(c.stage, to, now, by, reason))
    if to is Stage.PROSPECT:
        c.promoted_at = now
    c.stage = to
    c.updated_at = now


def set_stage(uow: UnitOfWork, actor: Actor, contact_id: int, to: Stage, reason: str, now: datetime) -> list[Event]:
    """A person's decision: promote anyway, disqualify, won, lost. It survives re-evaluation."""
    contact = uow.contacts.get(actor.team_id, contact_id)
    if contact is None:
        raise LookupError("That contact is not in this workspace (it may have been removed).")
    if contact.owner_id != actor.user_id and not actor.is_admin:
        # A teammate may not promote, close or disqualify someone else's deal behind their back.
        raise NotAllowed("Only the contact's owner or a workspace admin can change its stage.", contact.owner_id)
    events: list[Event] = []
    if contact.stage is not to:
        _move(uow, contact, to, now, actor.user_id, reason or "set by hand")
        events.append(StageSet(actor.team_id, contact_id, actor.user_id, to.value, reason))
        if to is Stage.PROSPECT and uow.alerts.claim(actor.team_id, contact_id, "promoted", now):
            events.append(Promoted(actor.team_id, contact_id, actor.user_id, "promoted by hand"))
    contact.stage_set_by_person = True
    uow.contacts.save(contact)
    ev = reevaluate(uow, actor.team_id, contact_id, now)  # refresh score; the stage stays the person's
    return events + (list(ev.events) if ev else [])


def show_policy(uow: UnitOfWork, team_id: str) -> dict[str, str]:
    return policy_to_dict(load_config(uow, team_id).policy)


def workspace_currency(uow: UnitOfWork, team_id: str) -> str:
    """The currency budgets are compared in ('USD'), for showing min_budget and rates."""
    return load_config(uow, team_id).policy.currency


def change_policy(uow: UnitOfWork, actor: Actor, key: str, raw: str, now: datetime) -> dict[str, str]:
    if not actor.is_admin:
        raise NotAllowed("Only workspace admins and owners (or people listed in BANTER_ADMINS) can change the policy.")
    cfg = load_config(uow, actor.team_id, fresh=True)
    new = set_policy_value(cfg.policy, key, raw)  # raises PolicyError with a human sentence
    stored = policy_to_dict(new)
    uow.settings.set(actor.team_id, f"policy.{key}", stored[key])
    uow.settings.audit(actor.team_id, actor.user_id, "policy.set", f"{key}={stored[key]}", now)
    return stored


def set_alerts_channel(uow: UnitOfWork, actor: Actor, channel: str | None, now: datetime) -> None:
    if not actor.is_admin:
        raise NotAllowed("Only workspace admins can choose where prospect alerts go.")
    uow.settings.set(actor.team_id, "alerts_channel", channel)
    uow.settings.audit(actor.team_id, actor.user_id, "alerts.set", channel or "default", now)


__all__ = ["PolicyError", "NotAllowed", "Actor", "reevaluate", "set_stage", "change_policy", "show_policy", "workspace_currency"]
