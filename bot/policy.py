"""The workspace's qualification policy, and whether a contact meets it (and why, item by item).

A lead becomes qualified when enough of budget, authority, need and timeline are satisfied
(`bant_required`, 4 by default; IBM's original rule was 3 of 4), or, when a score threshold
is set, when its score reaches that threshold.

Calendar rules read `now` in its own time zone: pass it in the workspace's zone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from types import MappingProxyType

from bot.model import (
    AuthorityLevel,
    BantItem,
    Budget,
    BudgetPeriod,
    ContactSnapshot,
    NeedStatus,
    TimelineStatus,
)

# US dollars per one unit of each currency (approximate mid rates); the workspace table is derived from it
# and any entry can be overridden with `/banter policy rates EUR=1.1`.
_USD_PER_UNIT: dict[str, Decimal] = {
    code: Decimal(v)
    for code, v in {
        "USD": "1", "EUR": "1.08", "GBP": "1.27", "JPY": "0.0067", "CHF": "1.13", "CAD": "0.73",
        "AUD": "0.66", "NZD": "0.60", "SEK": "0.095", "NOK": "0.093", "DKK": "0.145", "PLN": "0.25",
        "CZK": "0.043", "HUF": "0.0027", "INR": "0.012", "CNY": "0.138", "HKD": "0.128", "SGD": "0.74",
        "KRW": "0.00073", "BRL": "0.18", "MXN": "0.055", "ZAR": "0.054", "ILS": "0.27", "AED": "0.272",
    }.items()
}  # fmt: skip

DEFAULT_AUTHORITY = frozenset({AuthorityLevel.DECISION_MAKER, AuthorityLevel.INFLUENCER})
_SATISFYING_LEVELS = DEFAULT_AUTHORITY


class PolicyError(ValueError):
    """A policy value a person typed that Banter cannot accept; the message says why."""


def default_rates(currency: str) -> dict[str, Decimal]:
    """Units of `currency` per one unit of each known currency (empty if `currency` itself is unknown)."""
    base = _USD_PER_UNIT.get(currency.upper())
    if base is None:
        return {currency.upper(): Decimal(1)}
    return {code: (usd / base).quantize(Decimal("0.000001")) for code, usd in _USD_PER_UNIT.items()}


@dataclass(frozen=True)
class Policy:
    bant_required: int = 4
    authority: frozenset[AuthorityLevel] = DEFAULT_AUTHORITY
    min_budget: Decimal = Decimal(0)
    currency: str = "USD"
    rates: Mapping[str, Decimal] = field(default_factory=dict, hash=False)  # empty: the default table
    timeline_days: int = 180
    score_threshold: int | None = None
    stale_days: int = 14
    touch_hours: int = 1
    discovery_reminder_days: int = 3
    reps: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "currency", self.currency.upper())
        given = {k.upper(): Decimal(v) for k, v in self.rates.items()}
        base = given.get(self.currency, Decimal(1))
        if base != 1:  # a table kept from another workspace currency (replace(policy, currency=...))
            given = {k: (v / base).quantize(Decimal("0.000001")) for k, v in given.items()}
        table = default_rates(self.currency)
        table.update(given)
        table[self.currency] = Decimal(1)
        object.__setattr__(self, "rates", MappingProxyType(table))
        if not 1 <= self.bant_required <= 4:
            raise PolicyError(f"bant_required must be a whole number from 1 to 4, got {self.bant_required}")

    def convert(self, amount: Decimal, currency: str | None) -> Decimal | None:
        """`amount` in the workspace currency, or None when there is no rate for `currency`."""
        rate = self.rates.get((currency or self.currency).upper())
        return None if rate is None else amount * rate


POLICY_KEYS: dict[str, str] = {
    "bant_required": "how many of budget, authority, need, timeline must be satisfied, 1 to 4 (default 4)",
    "authority": "authority levels that count, e.g. decision_maker,influencer (default both)",
    "min_budget": "smallest budget that counts, in the workspace currency, e.g. 50k (default 0)",
    "timeline_days": "a timeline counts when its date is within this many days (default 180)",
    "score_threshold": "qualify on score alone at or above this, 0 to 100, or off (default off)",
    "stale_days": "a prospect is quiet after this many days without activity (default 14)",
    "touch_hours": "nudge when a new contact has no touch within this many hours (default 1)",
    "discovery_reminder_days": "remind about unfinished discovery after this many days (default 3)",
    "reps": "the reps who take turns with contacts logged by people outside this list, e.g. @ann @bob, or none (default none)",
    "rates": "exchange rates into the workspace currency, e.g. EUR=1.08,GBP=1.27, or default",
}

_OFF = {"off", "none", "no", ""}
_AMOUNT = re.compile(r"^\$?\s*(\d[\d,_]*(?:\.\d+)?)\s*([km])?$", re.IGNORECASE)
_REP = re.compile(r"^<?@?([UW][A-Z0-9]{2,})(?:\|[^>]*)?>?$")


def _whole(key: str, raw: str, low: int, high: int | None) -> int:
    bounds = f"from {low} to {high}" if high is not None else f"of at least {low}"
    try:
        value = int(raw.strip().replace(",", "").replace("_", ""))
    except ValueError:
        raise PolicyError(f"{key} must be a whole number {bounds}, got '{raw}'") from None
    if value < low or (high is not None and value > high):
        raise PolicyError(f"{key} must be a whole number {bounds}, got '{raw}'")
    return value


def _amount(key: str, raw: str) -> Decimal:
    match = _AMOUNT.match(raw.strip())
    if not match:
        raise PolicyError(f"{key} must be an amount like 50000, 50k or 1.5m, got '{raw}'")
    value = Decimal(match[1].replace(",", "").replace("_", ""))
    return value * {"k": 1000, "m": 1_000_000}.get((match[2] or "").lower(), 1)


def _authority(raw: str) -> frozenset[AuthorityLevel]:
    levels: set[AuthorityLevel] = set()
    for part in re.split(r"[,;/]|\s+and\s+", raw.strip().lower()):
        word = re.sub(r"[\s-]+", "_", part.strip())
        if not word:
            continue
        try:
            level = AuthorityLevel(word)
        except ValueError:
            level = None
        if level not in _SATISFYING_LEVELS:
            raise PolicyError(f"authority must list decision_maker and/or influencer, got '{raw}'")
        levels.add(level)
    if not levels:
        raise PolicyError(f"authority must list decision_maker and/or influencer, got '{raw}'")
    return frozenset(levels)


def _reps(raw: str) -> tuple[str, ...]:
    if raw.strip().lower() in _OFF:
        return ()
    reps: list[str] = []
    for part in re.split(r"[\s,]+", raw.strip()):
        match = _REP.match(part)
        if not match:
            raise PolicyError(f"reps must be Slack users like @ann or U012AB3CD, got '{part}'")
        if match[1] not in reps:
            reps.append(match[1])
    return tuple(reps)


def _rates(current: Policy, raw: str) -> dict[str, Decimal]:
    if raw.strip().lower() in _OFF | {"default"}:
        return {}
    rates = dict(current.rates)
    for part in filter(None, (p.strip() for p in raw.split(","))):
        code, _, value = part.partition("=")
        code = code.strip().upper()
        try:
            rate = Decimal(value.strip())
        except InvalidOperation:
            rate = Decimal(-1)
        if not re.fullmatch(r"[A-Z]{3}", code) or not rate > 0:
            raise PolicyError(f"rates must look like EUR=1.08,GBP=1.27, got '{part}'")
        rates[code] = rate
    return rates


def set_policy_value(policy: Policy, key: str, raw: str) -> Policy:
    """A copy of `policy` with `key` set from what a person typed; PolicyError says what is wrong."""
    key = key.strip().lower().replace("-", "_")
    if key == "bant_required":
        return replace(policy, bant_required=_whole(key, raw, 1, 4))
    if key == "authority":
        return replace(policy, authority=_authority(raw))
    if key == "min_budget":
        return replace(policy, min_budget=_amount(key, raw))
    if key == "score_threshold":
        off = raw.strip().lower() in _OFF
        return replace(policy, score_threshold=None if off else _whole(key, raw, 0, 100))
    if key in ("timeline_days", "stale_days", "touch_hours", "discovery_reminder_days"):
        return replace(policy, **{key: _whole(key, raw, 1, None)})
    if key == "reps":
        return replace(policy, reps=_reps(raw))
    if key == "rates":
        return replace(policy, rates=_rates(policy, raw))
    raise PolicyError(f"there is no policy setting '{key}'; the settings are: {', '.join(POLICY_KEYS)}")


def policy_to_dict(p: Policy) -> dict[str, str]:
    """The stored form: one string per key; rates only where they differ from the default table."""
    defaults = default_rates(p.currency)
    overrides = sorted((k, v) for k, v in p.rates.items() if defaults.get(k) != v)
    return {
        "bant_required": str(p.bant_required),
        "authority": ",".join(sorted(p.authority)),
        "min_budget": format(p.min_budget, "f"),
        "timeline_days": str(p.timeline_days),
        "score_threshold": "off" if p.score_threshold is None else str(p.score_threshold),
        "stale_days": str(p.stale_days),
        "touch_hours": str(p.touch_hours),
        "discovery_reminder_days": str(p.discovery_reminder_days),
        "reps": ",".join(p.reps),
        "rates": ",".join(f"{k}={v:f}" for k, v in overrides),
    }


def policy_from_dict(d: Mapping[str, str], *, currency: str = "USD") -> Policy:
    """The inverse of `policy_to_dict`; missing keys keep their defaults, unknown keys are ignored."""
    policy = Policy(currency=currency)
    for key in POLICY_KEYS:
        if key in d and (d[key] != "" or key in ("reps", "rates")):
            policy = set_policy_value(policy, key, d[key])
    return policy


# --- evaluation -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemCheck:
    item: BantItem
    satisfied: bool
    reason: str


@dataclass(frozen=True)
class Decision:
    qualified: bool
    rule: str
    checks: tuple[ItemCheck, ...]
    missing: tuple[str, ...]  # the reasons of the items not satisfied, in BANT order

    @property
    def missing_items(self) -> tuple[BantItem, ...]:
        return tuple(c.item for c in self.checks if not c.satisfied)


def money(amount: Decimal, currency: str) -> str:
    """'120,000 EUR'; cents only when there are any."""
    whole = amount == amount.to_integral_value()
    return f"{amount:,.0f} {currency}" if whole else f"{amount:,.2f} {currency}"


def days_until(target: date, now: datetime) -> int:
    return (target - now.date()).days


def check_budget(budget: Budget | None, policy: Policy) -> ItemCheck:
    item, minimum = BantItem.BUDGET, money(policy.min_budget, policy.currency)
    if budget is None or not budget.known:
        return ItemCheck(item, False, "no budget given")
    if budget.none:
        return ItemCheck(item, False, "no budget (they said there is none)")
    amount = budget.amount_max if budget.amount_max is not None else budget.amount_min
    assert amount is not None
    currency = (budget.currency or policy.currency).upper()
    said = money(amount, currency)
    converted = policy.convert(amount, currency)
    if converted is None:
        return ItemCheck(item, False, f"budget {said} cannot be compared: no exchange rate for {currency}")
    if budget.period is BudgetPeriod.MONTH:
        converted *= 12  # a monthly budget is compared as its yearly total
        said += f"/month (≈ {money(converted.quantize(Decimal(1)), policy.currency)}/year)"
    elif currency != policy.currency:
        said += f" (≈ {money(converted.quantize(Decimal(1)), policy.currency)})"
    if converted >= policy.min_budget:
        return ItemCheck(item, True, f"budget {said} ≥ minimum {minimum}")
    return ItemCheck(item, False, f"budget {said} is below the minimum {minimum}")


def check_items(contact: ContactSnapshot, policy: Policy, *, now: datetime) -> tuple[ItemCheck, ...]:
    """Each BANT item of `contact` checked against `policy`, in BANT order."""
    answers = contact.answers
    level = answers.authority.level if answers.authority else AuthorityLevel.UNKNOWN
    spoken = level.value.replace("_", " ")
    if level is AuthorityLevel.UNKNOWN:
        authority = ItemCheck(BantItem.AUTHORITY, False, "authority unknown")
    elif level in policy.authority:
        authority = ItemCheck(BantItem.AUTHORITY, True, f"authority: {spoken}")
    elif level is AuthorityLevel.NONE:
        authority = ItemCheck(BantItem.AUTHORITY, False, "authority: no say in the decision")
    else:
        authority = ItemCheck(
            BantItem.AUTHORITY, False, f"authority: {spoken} does not count under this policy"
        )

    status = answers.need.status if answers.need else NeedStatus.UNKNOWN
    need = {
        NeedStatus.CONFIRMED: ItemCheck(BantItem.NEED, True, "need confirmed"),
        NeedStatus.NONE: ItemCheck(BantItem.NEED, False, "no need (they said they do not need it)"),
        NeedStatus.UNKNOWN: ItemCheck(BantItem.NEED, False, "need not confirmed"),
    }[status]

    timeline = answers.timeline
    item = BantItem.TIMELINE
    if timeline is None or timeline.status is TimelineStatus.UNKNOWN:
        when = ItemCheck(item, False, "no timeline given")
    elif timeline.status is TimelineStatus.NONE or timeline.target is None:
        when = ItemCheck(item, False, "no timeline (they have no date)")
    else:
        days, target = days_until(timeline.target, now), timeline.target.isoformat()
        if days < 0:
            when = ItemCheck(item, False, f"timeline date has passed ({target})")
        elif days > policy.timeline_days:
            when = ItemCheck(
                item, False, f"timeline {target} is {days} days away, beyond {policy.timeline_days}"
            )
        else:
            when = ItemCheck(
                item, True, f"timeline {target} is {days} days away, within {policy.timeline_days}"
            )
    return (check_budget(answers.budget, policy), authority, need, when)


def evaluate(contact: ContactSnapshot, policy: Policy, *, now: datetime, score: int) -> Decision:
    checks = check_items(contact, policy, now=now)
    count = sum(c.satisfied for c in checks)
    bant = f"BANT {policy.bant_required} of 4 required: {count} satisfied"
    missing = tuple(c.reason for c in checks if not c.satisfied)
    if count >= policy.bant_required:
        return Decision(True, bant, checks, missing)
    threshold = policy.score_threshold
    if threshold is not None and score >= threshold:
        return Decision(True, f"score {score} ≥ threshold {threshold}", checks, missing)
    rule = bant if threshold is None else f"{bant}; score {score} < threshold {threshold}"
    return Decision(False, rule, checks, missing)
