from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from bot.model import (
    Answers,
    Authority,
    AuthorityLevel,
    BantItem,
    Budget,
    BudgetPeriod,
    ContactSnapshot,
    Need,
    NeedStatus,
    Timeline,
    TimelineStatus,
)
from bot.policy import (
    POLICY_KEYS,
    Policy,
    PolicyError,
    evaluate,
    policy_from_dict,
    policy_to_dict,
    set_policy_value,
)

NOW = datetime(2025, 11, 23, 15, 0, tzinfo=UTC)


def contact(
    budget: Budget | None = None,
    level: AuthorityLevel | None = None,
    need: NeedStatus | None = None,
    target: date | None = None,
) -> ContactSnapshot:
    answers = Answers(
        budget=budget,
        authority=Authority(level) if level else None,
        need=Need(need) if need else None,
        timeline=Timeline(TimelineStatus.DATE, target) if target else None,
    )
    return ContactSnapshot(id=1, name="Dana Ruiz", answers=answers)


def full(**overrides: object) -> ContactSnapshot:
    values: dict[str, object] = {
        "budget": Budget(amount_max=Decimal(120_000), currency="EUR"),
        "level": AuthorityLevel.DECISION_MAKER,
        "need": NeedStatus.CONFIRMED,
        "target": date(2026, 1, 15),
    }
    values.update(overrides)
    return contact(**values)  # type: ignore[arg-type]


def check(decision_contact: ContactSnapshot, item: BantItem, policy: Policy = Policy()):  # noqa: B008
    decision = evaluate(decision_contact, policy, now=NOW, score=0)
    return next(c for c in decision.checks if c.item is item)


def test_a_contact_with_all_four_answers_is_qualified_under_the_default_policy() -> None:
    decision = evaluate(full(), Policy(), now=NOW, score=0)
    assert decision.qualified
    assert decision.rule == "BANT 4 of 4 required: 4 satisfied"
    assert decision.missing == ()


def test_a_euro_budget_is_converted_and_its_reason_names_both_currencies() -> None:
    result = check(full(), BantItem.BUDGET)
    assert result.satisfied
    assert result.reason.startswith("budget 120,000 EUR")
    assert result.reason.endswith("≥ minimum 0 USD")


def test_a_budget_below_the_minimum_after_conversion_is_not_satisfied() -> None:
    policy = Policy(min_budget=Decimal(130_000))
    assert not check(full(), BantItem.BUDGET, policy).satisfied  # 120k EUR ≈ 129.6k USD
    assert check(full(), BantItem.BUDGET, Policy(min_budget=Decimal(129_000))).satisfied


def test_the_budget_maximum_counts_and_the_minimum_only_without_one() -> None:
    policy = Policy(min_budget=Decimal(50_000))
    ranged = Budget(amount_min=Decimal(20_000), amount_max=Decimal(60_000))
    floor_only = Budget(amount_min=Decimal(40_000))
    assert check(full(budget=ranged), BantItem.BUDGET, policy).satisfied
    assert not check(full(budget=floor_only), BantItem.BUDGET, policy).satisfied


def test_a_monthly_budget_counts_twelve_times_toward_the_minimum() -> None:
    monthly = Budget(amount_max=Decimal(5_000), period=BudgetPeriod.MONTH)
    assert check(full(budget=monthly), BantItem.BUDGET, Policy(min_budget=Decimal(60_000))).satisfied
    assert not check(full(budget=monthly), BantItem.BUDGET, Policy(min_budget=Decimal(60_001))).satisfied


def test_a_budget_in_a_currency_without_a_rate_is_not_satisfied_and_says_so() -> None:
    result = check(full(budget=Budget(amount_max=Decimal(1_000_000), currency="XYZ")), BantItem.BUDGET)
    assert not result.satisfied
    assert "no exchange rate for XYZ" in result.reason


def test_a_budget_without_currency_is_in_the_workspace_currency() -> None:
    policy = Policy(currency="EUR", min_budget=Decimal(100))
    result = check(full(budget=Budget(amount_max=Decimal(100))), BantItem.BUDGET, policy)
    assert result.satisfied
    assert result.reason == "budget 100 EUR ≥ minimum 100 EUR"


def test_a_rate_override_changes_the_conversion() -> None:
    policy = set_policy_value(Policy(min_budget=Decimal(200_000)), "rates", "EUR=2")
    assert check(full(), BantItem.BUDGET, policy).satisfied


def test_a_correction_of_budget_to_none_breaks_a_four_of_four_policy() -> None:
    decision = evaluate(full(budget=Budget(none=True)), Policy(), now=NOW, score=0)
    assert not decision.qualified
    assert decision.missing_items == (BantItem.BUDGET,)
    assert "budget" in decision.missing[0]


def test_three_of_four_qualifies_under_ibms_original_rule_but_not_under_four() -> None:
    three = full(target=None)
    assert evaluate(three, Policy(bant_required=3), now=NOW, score=0).qualified
    assert not evaluate(three, Policy(), now=NOW, score=0).qualified


def test_an_influencer_counts_only_while_the_policy_lists_influencers() -> None:
    influencer = full(level=AuthorityLevel.INFLUENCER)
    strict = Policy(authority=frozenset({AuthorityLevel.DECISION_MAKER}))
    assert check(influencer, BantItem.AUTHORITY).satisfied
    assert not check(influencer, BantItem.AUTHORITY, strict).satisfied
    assert not check(full(level=AuthorityLevel.NONE), BantItem.AUTHORITY).satisfied


def test_a_need_counts_only_when_confirmed() -> None:
    assert not check(full(need=NeedStatus.NONE), BantItem.NEED).satisfied
    assert not check(full(need=NeedStatus.UNKNOWN), BantItem.NEED).satisfied


def test_a_timeline_beyond_the_horizon_says_how_far_it_is() -> None:
    result = check(full(target=date(2026, 9, 30)), BantItem.TIMELINE)
    assert not result.satisfied
    assert result.reason == "timeline 2026-09-30 is 311 days away, beyond 180"
    assert check(full(target=date(2026, 5, 22)), BantItem.TIMELINE).satisfied  # day 180


def test_a_timeline_date_in_the_past_is_not_satisfied() -> None:
    result = check(full(target=date(2025, 11, 22)), BantItem.TIMELINE)
    assert not result.satisfied
    assert "timeline date has passed" in result.reason
    assert check(full(target=date(2025, 11, 23)), BantItem.TIMELINE).satisfied  # today still counts


def test_a_timeline_answered_with_no_date_is_not_satisfied() -> None:
    c = ContactSnapshot(id=1, name="x", answers=Answers(timeline=Timeline(TimelineStatus.NONE)))
    assert not check(c, BantItem.TIMELINE).satisfied


def test_a_score_at_the_threshold_qualifies_without_answers() -> None:
    policy = Policy(score_threshold=70)
    assert evaluate(contact(), policy, now=NOW, score=70).rule == "score 70 ≥ threshold 70"
    assert evaluate(contact(), policy, now=NOW, score=70).qualified
    below = evaluate(contact(), policy, now=NOW, score=69)
    assert not below.qualified
    assert "score 69 < threshold 70" in below.rule


def test_an_unanswered_contact_lists_all_four_as_missing() -> None:
    decision = evaluate(contact(), Policy(), now=NOW, score=0)
    assert len(decision.missing) == 4
    for item, sentence in zip(("budget", "authority", "need", "timeline"), decision.missing, strict=True):
        assert item in sentence


# --- setting values ----------------------------------------------------------------------------


def test_bant_required_rejects_words_with_a_clear_sentence() -> None:
    with pytest.raises(PolicyError, match="bant_required must be a whole number from 1 to 4, got 'five'"):
        set_policy_value(Policy(), "bant_required", "five")
    with pytest.raises(PolicyError, match="got '0'"):
        set_policy_value(Policy(), "bant_required", "0")
    assert set_policy_value(Policy(), "bant_required", " 3 ").bant_required == 3


def test_an_unknown_key_names_the_keys_there_are() -> None:
    with pytest.raises(PolicyError, match="no policy setting 'budget'.*min_budget"):
        set_policy_value(Policy(), "budget", "5")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("50k", 50_000), ("1.5m", 1_500_000), ("50,000", 50_000), ("$75K", 75_000), ("0", 0)],
)
def test_min_budget_reads_plain_and_shorthand_amounts(raw: str, expected: int) -> None:
    assert set_policy_value(Policy(), "min_budget", raw).min_budget == Decimal(expected)


@pytest.mark.parametrize("raw", ["-5", "lots", "5 thousand", "50kk"])
def test_min_budget_rejects_what_is_not_an_amount(raw: str) -> None:
    with pytest.raises(PolicyError, match="min_budget must be an amount"):
        set_policy_value(Policy(), "min_budget", raw)


def test_score_threshold_can_be_switched_off() -> None:
    on = set_policy_value(Policy(), "score_threshold", "70")
    assert on.score_threshold == 70
    assert set_policy_value(on, "score_threshold", "off").score_threshold is None
    assert set_policy_value(on, "score_threshold", "None").score_threshold is None
    with pytest.raises(PolicyError, match="0 to 100"):
        set_policy_value(on, "score_threshold", "101")


def test_authority_reads_a_list_of_levels() -> None:
    assert set_policy_value(Policy(), "authority", "decision maker").authority == {
        AuthorityLevel.DECISION_MAKER
    }
    both = set_policy_value(Policy(), "authority", "influencer, decision_maker").authority
    assert both == {AuthorityLevel.DECISION_MAKER, AuthorityLevel.INFLUENCER}
    with pytest.raises(PolicyError, match="authority must list"):
        set_policy_value(Policy(), "authority", "ceo")


def test_reps_read_slack_mentions_and_ids_in_order_without_repeats() -> None:
    policy = set_policy_value(Policy(), "reps", "<@U012AB3CD> <@W999|bo>, U012AB3CD")
    assert policy.reps == ("U012AB3CD", "W999")
    assert set_policy_value(policy, "reps", "none").reps == ()
    with pytest.raises(PolicyError, match="reps must be Slack users"):
        set_policy_value(Policy(), "reps", "ann")


def test_day_counts_must_be_positive_whole_numbers() -> None:
    assert set_policy_value(Policy(), "stale-days", "21").stale_days == 21
    with pytest.raises(PolicyError, match="timeline_days must be a whole number of at least 1, got '-3'"):
        set_policy_value(Policy(), "timeline_days", "-3")


def test_every_key_has_an_explanation_with_its_default() -> None:
    assert set(POLICY_KEYS) == set(policy_to_dict(Policy()))
    assert all("default" in text for text in POLICY_KEYS.values())


def test_a_euro_workspace_gets_a_euro_rate_table() -> None:
    euros = Policy(currency="EUR")
    assert euros.rates["EUR"] == 1
    assert euros.rates["USD"] < 1 < euros.rates["GBP"]


def test_the_stored_form_round_trips() -> None:
    policy = Policy(currency="EUR")
    for key, raw in [
        ("bant_required", "3"),
        ("authority", "decision_maker"),
        ("min_budget", "1.5m"),
        ("timeline_days", "90"),
        ("score_threshold", "65"),
        ("stale_days", "10"),
        ("touch_hours", "4"),
        ("discovery_reminder_days", "2"),
        ("reps", "U1AA,U2BB"),
        ("rates", "GBP=1.2,XYZ=0.5"),
    ]:
        policy = set_policy_value(policy, key, raw)
    stored = policy_to_dict(policy)
    assert all(isinstance(v, str) for v in stored.values())
    assert stored["rates"] == "GBP=1.2,XYZ=0.5"
    assert policy_from_dict(stored, currency="EUR") == policy
    assert policy_from_dict(policy_to_dict(Policy())) == Policy()


def test_changing_the_workspace_currency_rebases_the_rate_table() -> None:
    euros = replace(Policy(), currency="EUR")
    assert euros.rates["EUR"] == 1
    assert euros.rates == Policy(currency="EUR").rates
