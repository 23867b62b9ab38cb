"""The App Home's view model: a rep's day at a glance, and the month's numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from statistics import median

from bot import discovery as talk
from bot.model import Stage, Temperature
from bot.ports import UnitOfWork
from bot.priority import Ranked, rank
from bot.records import ContactRecord
from bot.services.workspace import load_config


@dataclass
class HomeView:
    user_id: str
    hot_waiting: list[ContactRecord] = field(default_factory=list)
    prospects: list[Ranked] = field(default_factory=list)
    in_discovery: list[tuple[ContactRecord, list[str]]] = field(default_factory=list)  # with the open items
    month_logged: int = 0
    month_promoted: int = 0
    median_days_to_prospect: float | None = None
    records: dict[int, ContactRecord] = field(default_factory=dict)

    @property
    def conversion(self) -> float | None:
        return self.month_promoted / self.month_logged if self.month_logged else None


def home_view(uow: UnitOfWork, team_id: str, user_id: str, now: datetime) -> HomeView:
    policy = load_config(uow, team_id).policy
    mine = [c for c in uow.contacts.in_stages(team_id, [Stage.LEAD, Stage.PROSPECT]) if c.owner_id == user_id]
    ids = [c.id or 0 for c in mine]
    answers = uow.answers.current_many(team_id, ids)
    started = uow.discoveries.started(team_id, ids)
    view = HomeView(user_id, records={c.id or 0: c for c in mine})
    prospects = [c for c in mine if c.stage is Stage.PROSPECT]
    view.prospects = rank([c.snapshot(answers[c.id or 0]) for c in prospects], policy, now=now,
                          scores={c.id or 0: c.score for c in prospects})[:10]  # fmt: skip
    leads = [c for c in mine if c.stage is Stage.LEAD]
    view.hot_waiting = [c for c in leads if c.temperature == Temperature.HOT.value and c.id not in started][:10]
    for c in leads:
        if c.id in started:
            session = uow.discoveries.get(team_id, c.id or 0)
            if session and session.status != "done":
                open_items = [item.value for item, summary in talk.checklist(answers[c.id or 0]) if not summary]
                view.in_discovery.append((c, open_items))
    view.in_discovery = view.in_discovery[:10]
    month_start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    everyone = uow.contacts.all(team_id)
    logged = [c for c in everyone if c.created_at and c.created_at >= month_start]
    promoted = [c for c in everyone if c.promoted_at and c.promoted_at >= month_start]
    view.month_logged, view.month_promoted = len(logged), len(promoted)
    days = [(c.promoted_at - c.created_at).total_seconds() / 86400 for c in promoted if c.created_at and c.promoted_at]
    view.median_days_to_prospect = median(days) if days else None
    return view
