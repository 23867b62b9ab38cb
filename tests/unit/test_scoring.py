from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from bot.model import (
    Answers,
    Authority,
    AuthorityLevel,
    Budget,
    ContactSnapshot,
    Need,
    NeedStatus,
    Signal,
    Temperature,
    Timeline,
    TimelineStatus,
)
from bot.policy import Policy, evaluate
from bot.scoring import is_free_mail, score, seniority_points, temperature_for

NOW = datetime(2025, 11, 23, 15, 0, tzinfo=UTC)
DISCOVERED = Answers(
    budget=Budget(amount_min=Decimal(20_000), amount_max=Decimal(30_000)),
    authority=Authority(AuthorityLevel.DECISION_MAKER),
    need=Need(NeedStatus.CONFIRMED, "spreadsheets everywhere"),
    timeline=Timeline(TimelineStatus.DATE, date(2026, 1, 20)),  # 58 days out
)


def report_downloader(email: str) -> ContactSnapshot:
    return ContactSnapshot(id=1, name="Sam Park", emails=(email,), signals=(Signal.ENGAGED,), created_at=NOW)


def agency_contact() -> ContactSnapshot:
    return ContactSnapshot(
        id=2,
        name="Lena Vogel",
        title="Director of Client Services",
        company="Brightline Agency",
        emails=("lena@brightline.agency",),
        signals=(Signal.ENGAGED, Signal.PRICING, Signal.CALL_BOOKED),
        created_at=NOW - timedelta(days=2),
        last_activity_at=NOW - timedelta(hours=3),
    )


@pytest.mark.parametrize("email", ["sam.park@gmail.com", "sam@parkdesign.io"])
def test_a_report_download_with_name_and_email_only_is_cold(email: str) -> None:
    result = score(report_downloader(email), Policy(), now=NOW)
    assert result.value < 40
    assert result.temperature is Temperature.COLD


@pytest.mark.parametrize("email", ["sam.park@gmail.com", "sam@parkdesign.io"])
def test_the_same_person_after_full_discovery_is_qualified_and_warm_or_hot(email: str) -> None:
    person = replace(report_downloader(email), answers=DISCOVERED)
    result = score(person, Policy(), now=NOW)
    assert result.temperature in (Temperature.WARM, Temperature.HOT)
    assert evaluate(person, Policy(), now=NOW, score=result.value).qualified


def test_a_trade_show_encounter_is_a_cold_unqualified_lead_missing_all_four() -> None:
    met = ContactSnapshot(id=3, name="Ravi Shah", title="VP Operations", company="Northwind", event="SaaStr")
    result = score(met, Policy(), now=NOW)
    decision = evaluate(met, Policy(), now=NOW, score=result.value)
    assert result.temperature is Temperature.COLD
    assert not decision.qualified
    assert len(decision.missing) == 4


def test_an_agency_contact_with_pricing_and_a_booked_call_is_hot() -> None:
    result = score(agency_contact(), Policy(), now=NOW)
    assert result.value >= 70
    assert result.temperature is Temperature.HOT


def test_a_hot_agency_contact_qualifies_on_score_alone_only_when_a_threshold_is_set() -> None:
    agency = agency_contact()
    value = score(agency, Policy(), now=NOW).value
    assert evaluate(agency, Policy(score_threshold=70), now=NOW, score=value).qualified
    assert not evaluate(agency, Policy(), now=NOW, score=value).qualified


def test_a_budget_corrected_to_none_loses_its_points_and_breaks_four_of_four() -> None:
    person = replace(report_downloader("sam@parkdesign.io"), answers=DISCOVERED)
    corrected = replace(person, answers=replace(DISCOVERED, budget=Budget(none=True)))
    before, after = score(person, Policy(), now=NOW), score(corrected, Policy(), now=NOW)
    assert before.value - after.value == 20
    decision = evaluate(corrected, Policy(), now=NOW, score=after.value)
    assert not decision.qualified
    assert any("budget" in m for m in decision.missing)


def test_reasons_add_up_to_the_score_and_use_a_real_minus_sign() -> None:
    quiet = replace(agency_contact(), last_activity_at=NOW - timedelta(days=21))
    result = score(quiet, Policy(), now=NOW)
    assert sum(r.points for r in result.reasons) == result.value
    assert "+25 call booked" in [r.text for r in result.reasons]
    assert "\u221210 quiet for 3 weeks" in [r.text for r in result.reasons]


def test_a_signal_reported_twice_counts_once() -> None:
    once = score(report_downloader("a@b.io"), Policy(), now=NOW)
    twice = score(
        replace(report_downloader("a@b.io"), signals=(Signal.ENGAGED, Signal.ENGAGED)), Policy(), now=NOW
    )
    assert once == twice


def test_quiet_for_stale_days_costs_ten_and_for_twice_that_twenty() -> None:
    base = agency_contact()
    fresh = score(base, Policy(), now=NOW).value
    assert score(replace(base, last_activity_at=NOW - timedelta(days=13)), Policy(), now=NOW).value == fresh
    assert (
        score(replace(base, last_activity_at=NOW - timedelta(days=14)), Policy(), now=NOW).value == fresh - 10
    )
    assert (
        score(replace(base, last_activity_at=NOW - timedelta(days=28)), Policy(), now=NOW).value == fresh - 20
    )


def test_a_timeline_within_90_days_earns_more_than_one_further_out() -> None:
    near = replace(
        agency_contact(), answers=Answers(timeline=Timeline(TimelineStatus.DATE, date(2026, 2, 1)))
    )
    far = replace(near, answers=Answers(timeline=Timeline(TimelineStatus.DATE, date(2026, 4, 30))))
    beyond = replace(near, answers=Answers(timeline=Timeline(TimelineStatus.DATE, date(2026, 8, 1))))
    base = score(agency_contact(), Policy(), now=NOW).value
    assert [score(c, Policy(), now=NOW).value - base for c in (near, far, beyond)] == [15, 10, 0]


def test_an_influencer_earns_less_than_a_decision_maker() -> None:
    def with_level(level: AuthorityLevel) -> int:
        return score(
            replace(agency_contact(), answers=Answers(authority=Authority(level))), Policy(), now=NOW
        ).value

    base = score(agency_contact(), Policy(), now=NOW).value
    assert with_level(AuthorityLevel.DECISION_MAKER) - base == 15
    assert with_level(AuthorityLevel.INFLUENCER) - base == 8
    assert with_level(AuthorityLevel.NONE) == base


@pytest.mark.parametrize(
    ("title", "points"),
    [
        ("CEO", 10),
        ("Chief Revenue Officer", 10),
        ("Head of Sales", 10),
        ("Co-founder", 10),
        ("Managing Director", 10),
        ("Sales Manager", 5),
        ("Team Lead, Platform", 5),
        ("PhD student", -10),
        ("Marketing Intern", -10),
        ("Research Scientist", 0),
        ("Sales Co-ordinator", 0),
        ("Product Owner", 0),
        ("Executive Assistant to the CEO", 0),
        ("", 0),
    ],
)
def test_seniority_is_read_from_the_title(title: str, points: int) -> None:
    assert seniority_points(title)[0] == points


@pytest.mark.parametrize(
    ("email", "free"),
    [
        ("a@gmail.com", True),
        ("a@yahoo.co.uk", True),
        ("a@web.de", True),
        ("a@qq.com", True),
        ("a@proton.me", True),
        ("a@acme.com", False),
        ("a@outlook-partners.com", False),
    ],
)
def test_free_mail_is_told_from_business_mail(email: str, free: bool) -> None:
    assert is_free_mail(email) is free


def test_the_score_is_clamped_to_0_and_100() -> None:
    everything = replace(agency_contact(), answers=DISCOVERED, signals=tuple(Signal))
    assert score(everything, Policy(), now=NOW).value == 100
    intern = ContactSnapshot(id=9, name="x", title="intern", last_activity_at=NOW - timedelta(days=90))
    assert score(intern, Policy(), now=NOW).value == 0


@pytest.mark.parametrize(
    ("value", "temperature"), [(0, "cold"), (39, "cold"), (40, "warm"), (69, "warm"), (70, "hot")]
)
def test_temperature_bands(value: int, temperature: str) -> None:
    assert temperature_for(value) == temperature


@pytest.mark.parametrize(
    ("title", "label"),
    [("Chief Marketing Officer", "C-level"), ("CTO", "C-level"), ("SVP Sales", "VP"), ("Head of Ops", "Head"),
     ("Co-founder", "Founder"), ("Sales Manager", "Manager"), ("PhD candidate", "PhD student")],
)  # fmt: skip
def test_the_title_reason_names_the_seniority_not_the_word(title: str, label: str) -> None:
    assert seniority_points(title)[1] == label


def test_a_score_over_100_keeps_its_raw_sum() -> None:
    snap = ContactSnapshot(id=1, name="Tim", title="CEO", company="Apple", emails=("tim@apple.com",),
                           signals=(Signal.PRICING, Signal.QUOTE, Signal.DEMO, Signal.CALL_BOOKED))  # fmt: skip
    result = score(snap, Policy(), now=NOW)
    assert (result.value, result.raw) == (100, 105)
