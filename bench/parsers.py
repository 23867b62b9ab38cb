"""What each answer parser costs, in microseconds per call, over a fixed phrase set."""

from __future__ import annotations

import timeit
from collections.abc import Callable
from datetime import UTC, datetime

from bot.bant.budget import parse_budget
from bot.bant.timeline import parse_timeline
from bot.contacts import parse_contacts

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)

TIMELINE = [
    "next quarter", "by end of March", "in 3 weeks", "ASAP", "Q3 2027", "before Christmas", "not sure yet",
    "within 6 months", "2027-03-15", "early next year", "after the summer", "by the end of FY27",
]  # fmt: skip
BUDGET = [
    "about $50k a year", "around 120k EUR", "no budget yet", "between 20 and 30 thousand dollars", "$1.2M",
    "half a million", "£15k per quarter", "they have 80k set aside", "budget: 10-15k USD", "not discussed",
]  # fmt: skip
CONTACT = [
    "met Jane Doe, VP Marketing at Acme Corp, jane.doe@acme.com, +1 (415) 555-0132, wants analytics for 40 reps",
    "Omar Haddad (CTO, Northwind GmbH) omar@northwind.de",
    "Li Wei — Head of Sales, Contoso Ltd — +44 20 7946 0958 — follow up next week",
    "Priya Sharma\nProcurement Lead\nGlobex plc\npriya.sharma@globex.co.uk",
    "talked to Marco Rossi from Initech about a pilot, marco.rossi@initech.io",
    "Sofia Lopez, sofia@umbrella.example, director of operations",
]  # fmt: skip


def micros_per_call(fn: Callable[[str], object], phrases: list[str], repeat: int = 3, rounds: int = 5) -> float:
    """Best of `repeat` timings, each `rounds` passes over the phrases; per call."""
    for p in phrases:  # warm caches (compiled patterns, dateparser's language data)
        fn(p)
    best = min(timeit.repeat(lambda: [fn(p) for p in phrases], number=rounds, repeat=repeat))
    return best / (rounds * len(phrases)) * 1e6


def parser_costs(quick: bool = False) -> dict[str, float]:
    rounds = 2 if quick else 10
    return {
        "timeline_us": micros_per_call(lambda t: parse_timeline(t, now=NOW), TIMELINE, rounds=rounds),
        "budget_us": micros_per_call(parse_budget, BUDGET, rounds=rounds),
        "contact_us": micros_per_call(parse_contacts, CONTACT, rounds=rounds),
    }
