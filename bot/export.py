"""The export: the stable CSV interface for reports and CRM imports (HubSpot, Salesforce)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TextIO

from bot.contacts import split_name
from bot.model import Answers, AuthorityLevel
from bot.records import ContactRecord

# The foundation's columns keep their positions (reports read them by position); the name split for CRM
# imports comes after them.
COLUMNS = (
    "id", "name", "title", "company", "email", "phone", "source", "event", "owner",
    "stage", "temperature", "score", "budget_amount", "budget_currency", "authority", "need", "timeline_date",
    "created_at", "updated_at", "first_name", "last_name",
)  # fmt: skip


# A spreadsheet runs a cell starting with one of these as a formula (CSV injection); a leading quote makes
# it text. Phones start with '+' in E.164 and the numeric columns are Banter's own digits, so both stay as is.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NOT_TEXT = frozenset({"id", "phone", "score", "budget_amount"})


def _inert(column: str, value: str) -> str:
    return "'" + value if column not in _NOT_TEXT and value.startswith(_FORMULA_STARTS) else value


def _iso(d: datetime | None) -> str:
    return d.isoformat(timespec="seconds") if d else ""


def row(c: ContactRecord, a: Answers, default_currency: str = "USD") -> dict[str, str]:
    first, last = split_name(c.name) if c.name else ("", "")
    budget = a.budget
    amount = ""
    if budget and not budget.none:
        value = budget.amount_max if budget.amount_max is not None else budget.amount_min
        amount = f"{value.normalize():f}" if value is not None else ""
    need = ""
    if a.need:
        need = a.need.pain or a.need.status.value
    return {
        "id": str(c.id), "name": c.name, "first_name": first, "last_name": last, "title": c.title,
        "company": c.company, "email": c.emails[0] if c.emails else "", "phone": c.phones[0] if c.phones else "",
        "source": c.source, "event": c.event, "owner": c.owner_id, "stage": c.stage.value,
        "temperature": c.temperature, "score": str(c.score), "budget_amount": amount,
        "budget_currency": (budget.currency or default_currency) if amount else "",
        "authority": (a.authority.level if a.authority else AuthorityLevel.UNKNOWN).value, "need": need,
        "timeline_date": a.timeline.target.isoformat() if a.timeline and a.timeline.target else "",
        "created_at": _iso(c.created_at), "updated_at": _iso(c.updated_at),
    }  # fmt: skip


def write_csv(out: TextIO, contacts: Iterable[ContactRecord], answers: Mapping[int, Answers], currency: str = "USD") -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for c in contacts:
        cells = row(c, answers.get(c.id or 0, Answers()), currency)
        writer.writerow({column: _inert(column, value) for column, value in cells.items()})
        n += 1
    return n
