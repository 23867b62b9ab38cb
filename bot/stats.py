"""What each event, source and rep yielded: logged, promoted, won, and how long each step took.

Every number is read from the stage history, so a contact counts as promoted once it has ever been a
prospect (or won straight from lead), and as won once it has ever been a customer, whatever came after.
Rates are out of the contacts logged: 4 logged, 2 promoted, 1 won -> 50% promoted, 25% won.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from statistics import median

from bot.model import Stage
from bot.records import StageRecord

NO_EVENT = "no event"
LOST_PREFIX = "lost"


@dataclass(frozen=True)
class ContactFacts:
    """One contact as the stats see it: where it came from, whose it is, and its stage history."""

    contact_id: int
    origin: str  # the event, else the source, else ""
    owner_id: str
    logged_at: datetime
    history: tuple[StageRecord, ...]
    stage: Stage = Stage.LEAD
    logged_by: str = ""  # who logged it ("" when unknown: then the owner counts)

    @property
    def rep(self) -> str:
        """The rep credited in the per-rep rows: whoever logged the contact, whoever owns it now."""
        return self.logged_by or self.owner_id


def logged_by(history: Sequence[StageRecord]) -> str:
    """Who logged the contact: the person on its first stage record (None -> lead), if any."""
    first = next((h for h in history if h.from_stage is None), None)
    return (first.by_user or "") if first is not None else ""


@dataclass(frozen=True)
class Milestones:
    prospect_at: datetime | None
    customer_at: datetime | None
    lost: bool


@dataclass(frozen=True)
class Yield:
    """The funnel of one group of contacts."""

    label: str
    logged: int
    promoted: int
    won: int
    lost: int
    days_to_prospect: float | None  # median days lead -> prospect
    days_to_customer: float | None  # median days prospect -> customer

    @property
    def promoted_rate(self) -> float | None:
        return self.promoted / self.logged if self.logged else None

    @property
    def won_rate(self) -> float | None:
        return self.won / self.logged if self.logged else None

    @property
    def won_of_promoted(self) -> float | None:
        return self.won / self.promoted if self.promoted else None


@dataclass(frozen=True)
class Period:
    start: datetime
    end: datetime  # exclusive
    label: str


@dataclass(frozen=True)
class StatsReport:
    label: str
    total: Yield
    by_origin: tuple[Yield, ...]
    by_rep: tuple[Yield, ...]


def milestones(history: Sequence[StageRecord]) -> Milestones:
    """The first time the contact became a prospect and a customer; lost when it ended disqualified as lost."""
    prospect_at = next((h.at for h in history if h.to_stage is Stage.PROSPECT), None)
    customer_at = next((h.at for h in history if h.to_stage is Stage.CUSTOMER), None)
    last = history[-1] if history else None
    lost = bool(
        last is not None
        and last.to_stage is Stage.DISQUALIFIED
        and last.reason.lower().startswith(LOST_PREFIX)
    )
    return Milestones(prospect_at, customer_at, lost)


def _days(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 86400


def _median(values: list[float]) -> float | None:
    return round(median(values), 1) if values else None


def yield_of(label: str, facts: Iterable[ContactFacts]) -> Yield:
    logged = promoted = won = lost = 0
    to_prospect: list[float] = []
    to_customer: list[float] = []
    for f in facts:
        ms = milestones(f.history)
        logged += 1
        promoted += ms.prospect_at is not None or ms.customer_at is not None
        won += ms.customer_at is not None
        lost += ms.lost
        if ms.prospect_at is not None:
            to_prospect.append(_days(f.logged_at, ms.prospect_at))
            if ms.customer_at is not None and ms.customer_at >= ms.prospect_at:
                to_customer.append(_days(ms.prospect_at, ms.customer_at))
    return Yield(label, logged, promoted, won, lost, _median(to_prospect), _median(to_customer))


def _grouped(facts: Sequence[ContactFacts], key: str) -> tuple[Yield, ...]:
    groups: dict[str, list[ContactFacts]] = {}
    labels: dict[str, str] = {}
    for f in facts:
        raw = (f.origin if key == "origin" else f.rep).strip() or (NO_EVENT if key == "origin" else "")
        k = raw.casefold()
        labels.setdefault(k, raw)
        groups.setdefault(k, []).append(f)
    out = [yield_of(labels[k], fs) for k, fs in groups.items()]
    return tuple(sorted(out, key=lambda y: (-y.logged, -y.won, y.label.casefold())))


def report(
    facts: Sequence[ContactFacts], *, label: str = "all time", period: Period | None = None, origin: str = ""
) -> StatsReport:
    """The contacts logged in `period` (all, without one) whose event or source mentions `origin`."""
    chosen = [
        f for f in facts
        if (period is None or period.start <= f.logged_at < period.end)
        and (not origin or origin.casefold() in f.origin.casefold())
    ]  # fmt: skip
    return StatsReport(label, yield_of(label, chosen), _grouped(chosen, "origin"), _grouped(chosen, "owner"))


def month_of(now: datetime) -> Period:
    """The calendar month `now` falls in, in `now`'s own time zone."""
    start = datetime.combine(now.date().replace(day=1), time(0), tzinfo=now.tzinfo)
    nxt = (start + timedelta(days=32)).replace(day=1)
    return Period(start, nxt, f"{start:%B %Y}")


_LAST_N_DAYS = re.compile(r"^(?:last|past)\s+(\d{1,3})\s+days?$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


def parse_period(text: str, now: datetime) -> Period | None:
    """'this month', 'last month', 'this week', 'last week', 'this year', 'last 30 days', '2026-11', '2026'.
    None when the text is not a period (then it names an event or source)."""
    t = " ".join(text.lower().split())
    today = datetime.combine(now.date(), time(0), tzinfo=now.tzinfo)
    if t in ("this month", "month", "mtd"):
        return month_of(now)
    if t == "last month":
        return month_of(month_of(now).start - timedelta(days=1))
    if t in ("this week", "week"):
        start = today - timedelta(days=today.weekday())
        return Period(start, start + timedelta(days=7), f"week of {start:%d %b %Y}")
    if t == "last week":
        start = today - timedelta(days=today.weekday() + 7)
        return Period(start, start + timedelta(days=7), f"week of {start:%d %b %Y}")
    if t in ("today",):
        return Period(today, today + timedelta(days=1), f"{today:%d %b %Y}")
    m = _LAST_N_DAYS.match(t)
    if m and int(m[1]) > 0:
        return Period(today - timedelta(days=int(m[1]) - 1), today + timedelta(days=1), f"last {int(m[1])} days")
    m = _YEAR_MONTH.match(t)
    if m and 1 <= int(m[2]) <= 12:
        return month_of(datetime.combine(date(int(m[1]), int(m[2]), 1), time(0), tzinfo=now.tzinfo))
    m = _YEAR.match(str(now.year) if t == "this year" else t)
    if m:
        year = int(m[1])
        start = datetime(year, 1, 1, tzinfo=now.tzinfo)
        return Period(start, datetime(year + 1, 1, 1, tzinfo=now.tzinfo), str(year))
    return None


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{round(rate * 100)}%"
