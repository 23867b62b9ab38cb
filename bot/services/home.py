"""The App Home's view model: a rep's day at a glance, and the month's numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from statistics import median

from bot import discovery as talk
from bot.model import Stage
from bot.ports import UnitOfWork
from bot.priority import Ranked, rank
from bot.records import ContactRecord
from bot.services.workspace import load_config
from bot.zones import in_zone

FOLLOW_UPS_AHEAD = timedelta(days=7)


@dataclass
class HomeView:
    user_id: str
    hot_waiting: list[ContactRecord] = field(default_factory=list)
    prospects: list[Ranked] = field(default_factory=list)
    in_discovery: list[tuple[ContactRecord, list[str]]] = field(default_factory=list)  # with the open items
    follow_ups: list[ContactRecord] = field(default_factory=list)  # due within a week, overdue first
    now: datetime = datetime.min.replace(tzinfo=UTC)
    month_logged: int = 0
    month_promoted: int = 0
    month_logged_promoted: int = 0  # of the leads logged this month, how many are prospects by now
    median_days_to_prospect: float | None = None
    records: dict[int, ContactRecord] = field(default_factory=dict)

    @property
    def conversion(self) -> float | None:
        """This month's leads that became prospects: a cohort rate, so a lead logged last month and promoted
        this month does not push it past 100%."""
        return self.month_logged_promoted / self.month_logged if self.month_logged else None


def home_view(uow: UnitOfWork, team_id: str, user_id: str, now: datetime, tz: str = "UTC") -> HomeView:
    """What one rep sees; each part is its own bounded query, so it costs the same at 1k or 1M contacts."""
    policy = load_config(uow, team_id).policy
    prospects = uow.contacts.owned(team_id, user_id, [Stage.PROSPECT])
    in_discovery = uow.contacts.owned(team_id, user_id, [Stage.LEAD], in_discovery=True, limit=10)
    answers = uow.answers.current_many(team_id, [c.id or 0 for c in prospects + in_discovery])
    view = HomeView(user_id, records={c.id or 0: c for c in prospects + in_discovery}, now=now)
    view.prospects = rank([c.snapshot(answers[c.id or 0]) for c in prospects], policy, now=now,
                          scores={c.id or 0: c.score for c in prospects})[:10]  # fmt: skip
    view.hot_waiting = uow.contacts.hot_leads_waiting(team_id, 10, owner_id=user_id)
    view.follow_ups = uow.contacts.follow_ups_of(team_id, user_id, now + FOLLOW_UPS_AHEAD, 10)
    view.records.update({c.id or 0: c for c in view.follow_ups})
    view.records.update({c.id or 0: c for c in view.hot_waiting})
    view.in_discovery = [
        (c, [item.value for item, summary in talk.checklist(answers[c.id or 0]) if not summary]) for c in in_discovery
    ]
    local = in_zone(now, tz)
    month_start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)  # the rep's own month
    promoted = uow.contacts.promoted_since(team_id, month_start)
    view.month_logged, view.month_promoted = uow.contacts.count_since(team_id, month_start), len(promoted)
    # a lead is promoted after it is logged, so this month's cohort's promotions are all among this month's
    view.month_logged_promoted = sum(1 for c in promoted if c.created_at is not None and c.created_at >= month_start)
    days = [(c.promoted_at - c.created_at).total_seconds() / 86400 for c in promoted if c.created_at and c.promoted_at]
    view.median_days_to_prospect = median(days) if days else None
    return view
