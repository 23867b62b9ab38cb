"""The contact card's view model: everything a card shows, loaded before rendering."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot import discovery as talk
from bot.model import Answers, BantItem
from bot.policy import Decision
from bot.ports import UnitOfWork
from bot.records import ContactRecord, StageRecord
from bot.scoring import Score
from bot.services.qualification import Evaluation, evaluate_contact
from bot.services.workspace import load_config


@dataclass
class CardView:
    contact: ContactRecord
    answers: Answers
    checklist: list[tuple[BantItem, str | None]]
    score: Score
    decision: Decision
    history: list[StageRecord] = field(default_factory=list)
    discovery: str | None = None  # active | paused | done | None
    near_match: ContactRecord | None = None
    logged_again: bool = False
    permalink: str = ""


def new_contact_card(evaluation: Evaluation) -> CardView:
    """The card of a contact just logged, from what logging computed: no answers, no discovery yet."""
    return CardView(evaluation.contact, Answers(), talk.checklist(Answers()), evaluation.score, evaluation.decision)


def card_view(uow: UnitOfWork, team_id: str, contact_id: int, now: datetime) -> CardView | None:
    contact = uow.contacts.get(team_id, contact_id)
    if contact is None:
        return None
    policy = load_config(uow, team_id).policy
    sc, decision = evaluate_contact(uow, contact, policy, now)
    answers = uow.answers.current(team_id, contact_id)
    session = uow.discoveries.get(team_id, contact_id)
    checklist = talk.checklist(answers)
    if any(talk.standing(answers.get(item)) == "unknown" for item, _ in checklist):
        # A guess ("maybe a few thousand") reads on the card as in the discovery: "$3,000 (not confirmed)".
        from bot.services.discovery import _estimates

        settings = load_config(uow, team_id).settings
        guesses = _estimates(uow, team_id, contact_id, answers, settings, "UTC")
        checklist = [(item, guesses.get(item, summary)) for item, summary in checklist]
    return CardView(
        contact, answers, checklist, sc, decision, uow.stages.history(team_id, contact_id),
        session.status if session else None,
    )  # fmt: skip
