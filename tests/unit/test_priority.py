from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from bot.model import (
    Answers,
    Authority,
    AuthorityLevel,
    Budget,
    ContactSnapshot,
    Need,
    NeedStatus,
    Signal,
    Stage,
    Timeline,
    TimelineStatus,
)
from bot.policy import Policy
from bot.priority import rank, why_today

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2025, 11, 24, 9, 0, tzinfo=BERLIN)
POLICY = Policy()


def prospect(
    contact_id: int, *, target: date | None = None, budget: int = 50_000, **fields: object
) -> ContactSnapshot:
    answers = Answers(
        budget=Budget(amount_max=Decimal(budget)),
        authority=Authority(AuthorityLevel.DECISION_MAKER),
        need=Need(NeedStatus.CONFIRMED),
        timeline=Timeline(TimelineStatus.DATE, target) if target else None,
    )
    base = ContactSnapshot(
        id=contact_id,
        name=f"Prospect {contact_id}",
        stage=Stage.PROSPECT,
        answers=answers,
        created_at=NOW - timedelta(days=30),
        last_activity_at=NOW - timedelta(days=2),
    )
    return replace(base, **fields)  # type: ignore[arg-type]


def order(prospects: list[ContactSnapshot], scores: dict[int, int] | None = None) -> list[int]:
    return [r.contact.id for r in rank(prospects, POLICY, now=NOW, scores=scores or {})]


def test_a_prospect_buying_in_three_weeks_outranks_a_bigger_one_in_five_months() -> None:
    soon = prospect(1, target=NOW.date() + timedelta(weeks=3), budget=40_000)
    bigger = prospect(2, target=NOW.date() + timedelta(days=150), budget=400_000)
    ranked = rank([bigger, soon], POLICY, now=NOW, scores={1: 70, 2: 85})
    assert [r.contact.id for r in ranked] == [1, 2]
    assert ranked[0].days_left == 21
    assert ranked[0].why_today.startswith("timeline in 21 days")


def test_a_snoozed_prospect_is_hidden_until_the_snooze_ends() -> None:
    snoozed = prospect(1, snoozed_until=NOW + timedelta(days=2))
    assert order([snoozed, prospect(2)]) == [2]
    later = rank([snoozed], POLICY, now=NOW + timedelta(days=2), scores={})
    assert [r.contact.id for r in later] == [1]


def test_a_follow_up_due_today_raises_a_prospect_above_an_otherwise_equal_one() -> None:
    tonight = NOW.replace(hour=18)
    due = prospect(2, follow_up_at=tonight)
    assert order([prospect(1), due], {1: 90, 2: 10}) == [2, 1]
    assert why_today(due, now=NOW, policy=POLICY, score=10) == "follow-up due today"
    tomorrow = prospect(3, follow_up_at=NOW + timedelta(days=1))
    assert order([prospect(1), tomorrow], {1: 90, 3: 10}) == [1, 3]


def test_an_overdue_follow_up_says_by_how_long() -> None:
    late = prospect(1, follow_up_at=NOW - timedelta(days=3))
    assert why_today(late, now=NOW, policy=POLICY, score=0) == "follow-up overdue by 3 days"


def test_a_quiet_prospect_rises_and_says_for_how_long() -> None:
    quiet = prospect(2, last_activity_at=NOW - timedelta(days=16))
    assert order([prospect(1), quiet], {1: 90, 2: 10}) == [2, 1]
    assert why_today(quiet, now=NOW, policy=POLICY, score=10) == "quiet for 16 days"
    almost = prospect(3, last_activity_at=NOW - timedelta(days=13))
    assert order([prospect(1), almost], {1: 90, 3: 10}) == [1, 3]


def test_a_prospect_promoted_yesterday_rises() -> None:
    promoted = prospect(2, promoted_at=NOW - timedelta(hours=20))
    assert order([prospect(1), promoted], {1: 90, 2: 10}) == [2, 1]
    assert why_today(promoted, now=NOW, policy=POLICY, score=10) == "promoted yesterday"
    long_ago = prospect(3, promoted_at=NOW - timedelta(days=3))
    assert order([prospect(1), long_ago], {1: 90, 3: 10}) == [1, 3]


def test_a_hot_signal_rises_and_is_named() -> None:
    asked = prospect(2, signals=(Signal.ENGAGED, Signal.PRICING))
    assert order([prospect(1), asked], {1: 90, 2: 10}) == [2, 1]
    assert why_today(asked, now=NOW, policy=POLICY, score=10) == "asked for pricing"
    assert order([prospect(1), prospect(3, signals=(Signal.ENGAGED,))], {1: 90, 3: 10}) == [1, 3]


def test_with_everything_equal_the_higher_score_comes_first() -> None:
    assert order([prospect(1), prospect(2)], {1: 60, 2: 61}) == [2, 1]


def test_ranking_ties_on_everything_fall_back_to_the_id_whatever_the_input_order() -> None:
    prospects = [prospect(i, target=NOW.date() + timedelta(days=30)) for i in range(1, 30)]
    shuffled = prospects[:]
    random.Random(7).shuffle(shuffled)
    assert order(shuffled, dict.fromkeys(range(1, 30), 50)) == list(range(1, 30))


def test_why_today_puts_the_most_urgent_reason_first() -> None:
    busy = prospect(
        1,
        target=NOW.date() + timedelta(days=12),
        follow_up_at=NOW,
        signals=(Signal.PRICING,),
        last_activity_at=NOW - timedelta(days=16),
    )
    expected = "timeline in 12 days · follow-up due today · quiet for 16 days · asked for pricing"
    assert why_today(busy, now=NOW, policy=POLICY, score=64) == expected


def test_a_far_timeline_ranks_below_a_due_follow_up() -> None:
    far = prospect(1, target=NOW.date() + timedelta(days=60))
    due = prospect(2, follow_up_at=NOW)
    assert why_today(far, now=NOW, policy=POLICY, score=0) == "timeline in 60 days"
    assert order([far, due]) == [2, 1]


def test_a_passed_timeline_asks_to_reconfirm() -> None:
    passed = prospect(1, target=NOW.date() - timedelta(days=5))
    assert why_today(passed, now=NOW, policy=POLICY, score=0) == "timeline passed 5 days ago"
    assert order([prospect(2), passed]) == [1, 2]


def test_why_today_is_never_empty() -> None:
    assert why_today(prospect(1), now=NOW, policy=POLICY, score=64) == "in pipeline, score 64"
    assert rank([prospect(1)], POLICY, now=NOW, scores={1: 64})[0].why_today == "in pipeline, score 64"


def test_a_ranking_carries_days_left_and_none_without_a_date() -> None:
    ranked = rank([prospect(1), prospect(2, target=NOW.date())], POLICY, now=NOW, scores={})
    assert {r.contact.id: r.days_left for r in ranked} == {1: None, 2: 0}
    assert ranked[0].why_today == "timeline today"


def test_a_prospect_untouched_in_the_digest_for_days_says_so_without_moving_up() -> None:
    # NOW is Monday 24 November 2025: promoted and last touched the Tuesday before, four weekdays ago
    tuesday = NOW - timedelta(days=6)
    left = prospect(1, target=NOW.date() + timedelta(days=60), promoted_at=tuesday, last_activity_at=tuesday)
    fresh = prospect(2, target=NOW.date() + timedelta(days=60), promoted_at=tuesday, last_activity_at=NOW - timedelta(hours=1))
    ranked = rank([left, fresh], POLICY, now=NOW, scores={})
    assert [r.why_today for r in ranked] == ["timeline in 60 days · in the digest 4 days, no touch", "timeline in 60 days"]
    assert ranked[0].priority == ranked[1].priority, "said, not scored"


def test_the_days_in_the_digest_count_from_a_snooze_ending_and_only_for_prospects() -> None:
    tuesday = NOW - timedelta(days=6)
    back = prospect(1, promoted_at=tuesday, last_activity_at=tuesday, snoozed_until=NOW - timedelta(days=1))
    assert "no touch" not in why_today(back, now=NOW, policy=POLICY, score=0)
    lead = prospect(2, stage=Stage.LEAD, promoted_at=None, last_activity_at=tuesday)
    assert "no touch" not in why_today(lead, now=NOW, policy=POLICY, score=0)
    quiet = prospect(3, promoted_at=NOW - timedelta(days=40), last_activity_at=NOW - timedelta(days=20))
    assert why_today(quiet, now=NOW, policy=POLICY, score=0) == "quiet for 20 days", "quiet already says it"
