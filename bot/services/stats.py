"""Loading what the stats need: every contact of a workspace with its stage history."""

from __future__ import annotations

from datetime import datetime

from bot.ports import UnitOfWork
from bot.stats import ContactFacts, StatsReport, Yield, logged_by, month_of, parse_period, report, yield_of
from bot.zones import in_zone


def load_facts(uow: UnitOfWork, team_id: str) -> list[ContactFacts]:
    contacts = [c for c in uow.contacts.all(team_id) if c.id is not None and c.created_at is not None]
    histories = uow.stages.histories(team_id, [c.id for c in contacts if c.id is not None])
    out = []
    for c in contacts:
        if c.created_at is None:
            continue
        history = tuple(histories.get(c.id or 0, []))
        out.append(ContactFacts(c.id or 0, c.event or c.source, c.owner_id, c.created_at, history, c.stage,
                                logged_by(history)))  # fmt: skip
    return out




def stats(uow: UnitOfWork, team_id: str, query: str, now: datetime, tz: str = "UTC") -> StatsReport:
    """`/banter stats [event or period]`: a period ('this month', '2026-11') or an event or source name."""
    query = query.strip()
    facts = load_facts(uow, team_id)
    period = parse_period(query, in_zone(now, tz)) if query else None
    if period is not None:
        return report(facts, label=period.label, period=period)
    return report(facts, label=query or "all time", origin=query)


def month_funnel(uow: UnitOfWork, team_id: str, now: datetime, tz: str = "UTC") -> Yield:
    """This month's funnel, the numbers behind the Monday chart: the contacts logged this month (in `tz`),
    how many became prospects and customers, the rates, and the median days lead -> prospect -> customer."""
    period = month_of(in_zone(now, tz))
    facts = [f for f in load_facts(uow, team_id) if period.start <= f.logged_at < period.end]
    return yield_of(period.label, facts)
