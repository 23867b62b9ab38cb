"""Budget answers as reps type them, read the way a careful sales person would."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.bant.budget import parse_budget
from bot.model import Budget, BudgetPeriod

ONE_OFF, MONTH, YEAR = BudgetPeriod.ONE_OFF, BudgetPeriod.MONTH, BudgetPeriod.YEAR
Expected = tuple[int | str | None, int | str | None, str | None, BudgetPeriod]

AMOUNTS: list[tuple[str, Expected]] = [
    ("50k", (50_000, 50_000, None, ONE_OFF)),
    ("$1.2M", (1_200_000, 1_200_000, "USD", ONE_OFF)),
    ("1,5 Mio €", (1_500_000, 1_500_000, "EUR", ONE_OFF)),
    ("1.5m", (1_500_000, 1_500_000, None, ONE_OFF)),
    ("50-75k", (50_000, 75_000, None, ONE_OFF)),
    ("50k-75k", (50_000, 75_000, None, ONE_OFF)),
    ("between 100k and 150k", (100_000, 150_000, None, ONE_OFF)),
    ("between 100 and 150k", (100_000, 150_000, None, ONE_OFF)),
    ("from 80k to 120k", (80_000, 120_000, None, ONE_OFF)),
    ("$1-2M", (1_000_000, 2_000_000, "USD", ONE_OFF)),
    ("up to $200k", (None, 200_000, "USD", ONE_OFF)),
    ("no more than 75k", (None, 75_000, None, ONE_OFF)),
    ("max 30k", (None, 30_000, None, ONE_OFF)),
    ("at least 50k", (50_000, None, None, ONE_OFF)),
    ("50k+", (50_000, None, None, ONE_OFF)),
    ("around 20 grand", (20_000, 20_000, None, ONE_OFF)),
    ("~45k", (45_000, 45_000, None, ONE_OFF)),
    ("half a million", (500_000, 500_000, None, ONE_OFF)),
    ("a quarter million", (250_000, 250_000, None, ONE_OFF)),
    ("one and a half million", (1_500_000, 1_500_000, None, ONE_OFF)),
    ("twenty thousand euros", (20_000, 20_000, "EUR", ONE_OFF)),
    ("roughly 2 lakh", (200_000, 200_000, None, ONE_OFF)),
    ("€80.000", (80_000, 80_000, "EUR", ONE_OFF)),
    ("120k EUR", (120_000, 120_000, "EUR", ONE_OFF)),
    ("EUR 120,000", (120_000, 120_000, "EUR", ONE_OFF)),
    ("CHF 80'000", (80_000, 80_000, "CHF", ONE_OFF)),
    ("20k francs", (20_000, 20_000, "CHF", ONE_OFF)),
    ("¥5,000,000", (5_000_000, 5_000_000, "JPY", ONE_OFF)),
    ("5 million yen", (5_000_000, 5_000_000, "JPY", ONE_OFF)),
    ("SEK 400k", (400_000, 400_000, "SEK", ONE_OFF)),
    ("400 000 kr", (400_000, 400_000, "SEK", ONE_OFF)),
    ("A$50k", (50_000, 50_000, "AUD", ONE_OFF)),
    ("C$20k", (20_000, 20_000, "CAD", ONE_OFF)),
    ("5,000 dollars", (5_000, 5_000, "USD", ONE_OFF)),
    ("1.2 million dollars", (1_200_000, 1_200_000, "USD", ONE_OFF)),
    ("budget is 250,000", (250_000, 250_000, None, ONE_OFF)),
    ("$15k one-off", (15_000, 15_000, "USD", ONE_OFF)),
    ("£25k/month", (25_000, 25_000, "GBP", MONTH)),
    ("10k a month", (10_000, 10_000, None, MONTH)),
    ("$5k per month", (5_000, 5_000, "USD", MONTH)),
    ("$2k/mo", (2_000, 2_000, "USD", MONTH)),
    ("500 bucks a month", (500, 500, "USD", MONTH)),
    ("60k per year", (60_000, 60_000, None, YEAR)),
    ("30k annually", (30_000, 30_000, None, YEAR)),
    ("40k/yr", (40_000, 40_000, None, YEAR)),
    ("100K USD ARR", (100_000, 100_000, "USD", YEAR)),
    ("50k-75k EUR per year", (50_000, 75_000, "EUR", YEAR)),
    ("they have around $50k set aside for this year", (50_000, 50_000, "USD", ONE_OFF)),
    ("budget: actually 80k", (80_000, 80_000, None, ONE_OFF)),
    ("40 reps, 200k for Q3 in 2027", (200_000, 200_000, None, ONE_OFF)),
    ("not approved yet, around 50k", (50_000, 50_000, None, ONE_OFF)),
]

NO_BUDGET = [
    "no budget yet",
    "tbd",
    "not yet",
    "no money",
    "zero budget",
    "budget not allocated",
    "they don't have a budget",
]

NOT_UNDERSTOOD = ["40 field reps", "in 2027", "Q3", "hmm", "they're a big company", "40", "", "ok"]


def _decimal(value: int | str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


@pytest.mark.parametrize(("text", "expected"), AMOUNTS, ids=[text for text, _ in AMOUNTS])
def test_a_budget_answer_reads_as_its_amount_currency_and_period(text: str, expected: Expected) -> None:
    low, high, currency, period = expected
    assert parse_budget(text) == Budget(
        amount_min=_decimal(low), amount_max=_decimal(high), currency=currency, period=period
    )


@pytest.mark.parametrize("text", NO_BUDGET)
def test_a_no_budget_answer_is_a_known_none(text: str) -> None:
    budget = parse_budget(text)
    assert budget == Budget(none=True)
    assert budget is not None and budget.known


@pytest.mark.parametrize("text", NOT_UNDERSTOOD, ids=repr)
def test_an_answer_without_an_amount_is_not_understood(text: str) -> None:
    assert parse_budget(text) is None


def test_a_budget_of_half_a_million_is_500000() -> None:
    budget = parse_budget("half a million")
    assert budget is not None and budget.amount_max == Decimal(500_000)


def test_a_bare_headcount_is_not_a_budget() -> None:
    assert parse_budget("40 field reps") is None


def test_a_headcount_next_to_an_amount_does_not_become_the_amount() -> None:
    budget = parse_budget("40 reps, roughly 150k")
    assert budget is not None and budget.amount_min == Decimal(150_000)


def test_a_year_is_never_an_amount() -> None:
    budget = parse_budget("in 2027 they can spend 90k")
    assert budget is not None and budget.amount_max == Decimal(90_000)


def test_money_set_aside_for_this_year_is_a_one_off_pot_not_a_yearly_budget() -> None:
    budget = parse_budget("around $50k set aside for this fiscal year")
    assert budget is not None and budget.period is BudgetPeriod.ONE_OFF


def test_a_range_shares_its_suffix_between_both_ends() -> None:
    budget = parse_budget("50-75k")
    assert budget is not None and (budget.amount_min, budget.amount_max) == (Decimal(50_000), Decimal(75_000))


def test_a_european_dot_groups_thousands() -> None:
    budget = parse_budget("€80.000")
    assert budget is not None and budget.amount_max == Decimal(80_000)


def test_without_a_currency_the_workspace_default_applies() -> None:
    budget = parse_budget("80k", default_currency="EUR")
    assert budget is not None and budget.currency == "EUR"


def test_a_stated_currency_beats_the_workspace_default() -> None:
    budget = parse_budget("$80k", default_currency="EUR")
    assert budget is not None and budget.currency == "USD"


def test_amounts_are_stored_without_trailing_decimals() -> None:
    budget = parse_budget("$1.2M")
    assert budget is not None and str(budget.amount_max) == "1200000"


def test_a_phone_number_sized_figure_is_not_a_budget() -> None:
    assert parse_budget("call 4915112345678") is None
