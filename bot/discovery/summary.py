"""The checklist: one short human line per BANT item."""

from __future__ import annotations

from decimal import Decimal

from bot.discovery.intents import BantValue
from bot.model import (
    BANT_ORDER,
    Answers,
    Authority,
    AuthorityLevel,
    BantItem,
    Budget,
    BudgetPeriod,
    Need,
    NeedStatus,
    Timeline,
    TimelineStatus,
)

_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
_PERIODS = {BudgetPeriod.ONE_OFF: "", BudgetPeriod.MONTH: "/month", BudgetPeriod.YEAR: "/year"}
_AUTHORITY = {
    AuthorityLevel.DECISION_MAKER: "decision maker",
    AuthorityLevel.INFLUENCER: "influencer",
    AuthorityLevel.NONE: "no authority",
    AuthorityLevel.UNKNOWN: "unknown",
}


def _number(amount: Decimal) -> str:
    if amount == amount.to_integral_value():
        return f"{int(amount):,}"
    return f"{amount:,.2f}"


def _money(low: Decimal | None, high: Decimal | None, currency: str | None) -> str:
    if low is not None and high is not None and low != high:
        amount = f"{_number(low)}–{_number(high)}"
    else:
        amount = _number(next(a for a in (high, low) if a is not None))
    if currency is None:
        return amount
    symbol = _SYMBOLS.get(currency.upper())
    return f"{symbol}{amount}" if symbol else f"{currency.upper()} {amount}"


def _budget(budget: Budget, default_currency: str | None) -> str:
    if budget.none:
        return "no budget"
    if not budget.known:
        return "unknown"
    money = _money(budget.amount_min, budget.amount_max, budget.currency or default_currency)
    if budget.amount_min is None:
        money = f"up to {money}"
    elif budget.amount_max is None:
        money = f"at least {money}"
    return money + _PERIODS[budget.period]


def _authority(authority: Authority) -> str:
    level = _AUTHORITY[authority.level]
    return f"{level} (sign-off: {authority.approver})" if authority.approver else level


def _need(need: Need) -> str:
    if need.status is NeedStatus.CONFIRMED:
        return f"confirmed — {need.pain}" if need.pain else "confirmed"
    if need.status is NeedStatus.NONE:
        return "no need"
    return f"not confirmed — {need.pain}" if need.pain else "unknown"


def _timeline(timeline: Timeline) -> str:
    if timeline.status is TimelineStatus.DATE:
        when = f"by {timeline.target:%-d %b %Y}" if timeline.target else timeline.phrase or "date set"
        return f"{when} (ASAP)" if timeline.asap else when
    return "no timeline" if timeline.status is TimelineStatus.NONE else "unknown"


def summarise_value(item: BantItem, value: BantValue, *, default_currency: str | None = None) -> str:
    """A short line for a recorded answer: "€50,000–75,000/year", "influencer (sign-off: her CFO)"."""
    match value:
        case Budget():
            return _budget(value, default_currency)
        case Authority():
            return _authority(value)
        case Need():
            return _need(value)
        case Timeline():
            return _timeline(value)
    raise ValueError(f"not a value for {item}: {value!r}")


def standing(value: BantValue | None) -> str:
    """How an answer stands: "open", "answer" (an amount, a level, a need, a date), "none" (they said there is
    none: no budget, no authority, no need, no timeline) or "unknown" (not known, or only guessed)."""
    match value:
        case None:
            return "open"
        case Budget():
            return "none" if value.none else "answer" if value.known else "unknown"
        case Authority():
            if value.level is AuthorityLevel.UNKNOWN:
                return "unknown"
            return "none" if value.level is AuthorityLevel.NONE else "answer"
        case Need():
            return {NeedStatus.CONFIRMED: "answer", NeedStatus.NONE: "none"}.get(value.status, "unknown")
        case Timeline():
            return {TimelineStatus.DATE: "answer", TimelineStatus.NONE: "none"}.get(value.status, "unknown")
    raise ValueError(f"not a BANT value: {value!r}")


def summarise_estimate(item: BantItem, estimate: BantValue, *, default_currency: str | None = None) -> str:
    """A guess the rep made, shown as not confirmed: "$3,000 (not confirmed)"."""
    if isinstance(estimate, Need):
        return f"not confirmed — {estimate.pain}" if estimate.pain else "not confirmed"
    return f"{summarise_value(item, estimate, default_currency=default_currency)} (not confirmed)"


def checklist(answers: Answers, *, default_currency: str | None = None) -> list[tuple[BantItem, str | None]]:
    """(item, summary or None while open) for each item, in BANT order."""
    rows: list[tuple[BantItem, str | None]] = []
    for item in BANT_ORDER:
        value = answers.get(item)
        rows.append(
            (item, None if value is None else summarise_value(item, value, default_currency=default_currency))
        )
    return rows
