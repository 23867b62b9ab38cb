"""BANT answer values to and from the JSON kept beside the raw text."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from bot.model import (
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

Value = Budget | Authority | Need | Timeline


def _dec(v: Decimal | None) -> str | None:
    return None if v is None else str(v)


def encode(value: Value) -> dict[str, Any]:
    if isinstance(value, Budget):
        return {
            "amount_min": _dec(value.amount_min),
            "amount_max": _dec(value.amount_max),
            "currency": value.currency,
            "period": value.period.value,
            "none": value.none,
        }
    if isinstance(value, Authority):
        return {"level": value.level.value, "approver": value.approver}
    if isinstance(value, Need):
        return {"status": value.status.value, "pain": value.pain}
    return {
        "status": value.status.value,
        "target": value.target.isoformat() if value.target else None,
        "asap": value.asap,
        "phrase": value.phrase,
    }


def decode(item: BantItem, data: dict[str, Any]) -> Value:
    if item is BantItem.BUDGET:
        return Budget(
            amount_min=Decimal(data["amount_min"]) if data.get("amount_min") is not None else None,
            amount_max=Decimal(data["amount_max"]) if data.get("amount_max") is not None else None,
            currency=data.get("currency"),
            period=BudgetPeriod(data.get("period", "one_off")),
            none=bool(data.get("none")),
        )
    if item is BantItem.AUTHORITY:
        return Authority(AuthorityLevel(data.get("level", "unknown")), data.get("approver", ""))
    if item is BantItem.NEED:
        return Need(NeedStatus(data.get("status", "unknown")), data.get("pain", ""))
    target = data.get("target")
    return Timeline(
        status=TimelineStatus(data.get("status", "unknown")),
        target=date.fromisoformat(target) if target else None,
        asap=bool(data.get("asap")),
        phrase=data.get("phrase", ""),
    )
