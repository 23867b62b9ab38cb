"""Owners, and the end of a lead's life: reassigning by hand, the round robin, won and lost."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.events import Event
from bot.model import ActivityRecord, Stage
from bot.ports import UnitOfWork
from bot.records import ContactRecord
from bot.services.followups import _get
from bot.services.qualification import Actor, NotAllowed, set_stage
from bot.services.workspace import load_config

ROUND_ROBIN_WINDOW = timedelta(days=1)
LAST_ROUND_ROBIN = "round_robin.last"
LOST_REASONS = {
    "price": "price",
    "competitor": "chose a competitor",
    "no_decision": "no decision",
    "timing": "bad timing",
    "silent": "went silent",
    "other": "other",
}


@dataclass(frozen=True)
class Assigned:
    contact: ContactRecord
    previous_owner: str
    by_user: str  # "" when the round robin chose


def _reassign(uow: UnitOfWork, c: ContactRecord, new_owner: str, by_user: str, now: datetime) -> Assigned:
    assert c.id is not None
    previous = c.owner_id
    c.owner_id, c.updated_at = new_owner, now
    uow.contacts.save(c)
    uow.activities.add(c.team_id, c.id, "assign", by_user, f"{previous} -> {new_owner}", now)
    uow.alerts.claim(c.team_id, c.id, "round_robin", now)  # a person's choice is never undone by the rotation
    return Assigned(c, previous, by_user)


def assign(uow: UnitOfWork, actor: Actor, contact_id: int, new_owner: str, now: datetime) -> Assigned:
    """Reassign by hand (the owner or an admin); recorded in the contact's history."""
    c = _get(uow, actor.team_id, contact_id)
    if c.owner_id != actor.user_id and not actor.is_admin:
        raise NotAllowed("Only the contact's owner or a workspace admin can reassign it.", c.owner_id)
    if c.owner_id == new_owner:
        return Assigned(c, new_owner, actor.user_id)
    return _reassign(uow, c, new_owner, actor.user_id, now)


def owner_history(uow: UnitOfWork, team_id: str, contact_id: int) -> list[ActivityRecord]:
    """Every change of owner, oldest first (detail: 'previous -> new'; no user: the round robin)."""
    return uow.activities.for_contacts(team_id, [contact_id], ["assign"])


def round_robin(uow: UnitOfWork, now: datetime) -> list[Assigned]:
    """Contacts logged lately by someone not listed in the policy's reps go to the reps in turn."""
    out: list[Assigned] = []
    by_team: dict[str, list[ContactRecord]] = {}
    for c in uow.contacts.created_since(now - ROUND_ROBIN_WINDOW):
        by_team.setdefault(c.team_id, []).append(c)
    for team_id, contacts in by_team.items():
        reps = load_config(uow, team_id).policy.reps
        waiting = [c for c in contacts if reps and c.owner_id not in reps and c.stage is not Stage.DISQUALIFIED]
        if not waiting:
            continue
        claimed = uow.alerts.claimed(team_id, [c.id for c in waiting])
        for c in waiting:
            if "round_robin" in claimed.get(c.id or 0, {}) or not uow.alerts.claim(team_id, c.id or 0, "round_robin", now):
                continue
            last = uow.settings.get_all(team_id).get(LAST_ROUND_ROBIN, "")
            nxt = reps[(reps.index(last) + 1) % len(reps)] if last in reps else reps[0]
            uow.settings.set(team_id, LAST_ROUND_ROBIN, nxt)
            out.append(_reassign(uow, c, nxt, "", now))
    return out


def won(uow: UnitOfWork, actor: Actor, contact_id: int, now: datetime) -> list[Event]:
    """The prospect became a customer: recorded in the stage history; it leaves the digest."""
    return set_stage(uow, actor, contact_id, Stage.CUSTOMER, "won", now)


def lost_reason(uow: UnitOfWork, team_id: str, contact_id: int) -> str | None:
    """Why the contact was lost ('went with a competitor'), or None when it is not lost now."""
    history = uow.stages.history(team_id, contact_id)
    last = history[-1] if history else None
    if last is None or last.to_stage is not Stage.DISQUALIFIED or not last.reason.lower().startswith("lost"):
        return None
    return last.reason[len("lost") :].lstrip(":").strip() or "no reason given"


def lost(uow: UnitOfWork, actor: Actor, contact_id: int, reason: str, now: datetime) -> list[Event]:
    """Lost, with the reason, recorded in the stage history (as disqualified: 'lost: …')."""
    reason = LOST_REASONS.get(reason, reason).strip() or "no reason given"
    return set_stage(uow, actor, contact_id, Stage.DISQUALIFIED, f"lost: {reason}", now)
