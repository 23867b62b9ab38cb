"""What each event and rep yielded, read from stage histories; and when a reminder is due."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.model import Stage
from bot.records import StageRecord
from bot.services.followups import parse_when, split_who_when
from bot.stats import ContactFacts, logged_by, milestones, month_of, parse_period, percent, report, yield_of

T0 = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)


def facts(cid: int, origin: str, *steps: tuple[Stage, float, str], owner: str = "UANN", logged: datetime = T0) -> ContactFacts:
    """A contact logged at `logged`, then moved to each stage `days` after logging."""
    history = [StageRecord(None, Stage.LEAD, logged, owner, "logged")]
    for stage, days, reason in steps:
        history.append(StageRecord(history[-1].to_stage, stage, logged + timedelta(days=days), owner, reason))
    return ContactFacts(cid, origin, owner, logged, tuple(history), history[-1].to_stage)


P, C, D, L = Stage.PROSPECT, Stage.CUSTOMER, Stage.DISQUALIFIED, Stage.LEAD


def saastr_and_web_summit() -> list[ContactFacts]:
    return [
        facts(1, "SaaStr", (P, 2, "BANT 4 of 4"), (C, 5, "won")),
        facts(2, "saastr", (P, 4, "promoted by hand")),
        facts(3, "SaaStr"),
        facts(4, "SaaStr", (D, 1, "no budget")),
        facts(5, "Web Summit", (P, 1, "BANT 4 of 4"), (D, 9, "lost: chose a competitor"), owner="UBOB"),
        facts(6, "Web Summit", owner="UBOB"),
        facts(7, "web summit", owner="UBOB"),
    ]


def test_four_logged_two_promoted_one_won_is_fifty_and_twenty_five_percent() -> None:
    r = report(saastr_and_web_summit())
    by = {y.label.casefold(): y for y in r.by_origin}
    s, w = by["saastr"], by["web summit"]
    assert (s.logged, s.promoted, s.won, s.promoted_rate, s.won_rate, s.won_of_promoted) == (4, 2, 1, 0.5, 0.25, 0.5)
    assert (w.logged, w.promoted, w.won, w.lost, w.won_rate) == (3, 1, 0, 1, 0.0)
    assert (r.total.logged, r.total.promoted, r.total.won) == (7, 3, 1)


def test_event_names_group_whatever_their_case() -> None:
    labels = [y.label for y in report(saastr_and_web_summit()).by_origin]
    assert labels == ["SaaStr", "Web Summit"]


def test_median_days_run_from_logging_to_prospect_and_from_prospect_to_customer() -> None:
    y = yield_of("all", saastr_and_web_summit())
    assert y.days_to_prospect == 2.0  # 2, 4 and 1 days
    assert y.days_to_customer == 3.0  # promoted on day 2, won on day 5


def test_per_rep_counts_follow_the_owner() -> None:
    by_rep = {y.label: y for y in report(saastr_and_web_summit()).by_rep}
    assert (by_rep["UANN"].logged, by_rep["UANN"].won, by_rep["UBOB"].logged, by_rep["UBOB"].lost) == (4, 1, 3, 1)


def test_a_prospect_demoted_again_still_counts_as_promoted_once() -> None:
    y = yield_of("x", [facts(1, "Expo", (P, 1, "BANT"), (L, 2, "no longer qualifies"), (P, 3, "BANT"))])
    assert (y.promoted, y.days_to_prospect) == (1, 1.0)


def test_a_lead_won_straight_away_counts_as_promoted_and_won_but_has_no_prospect_days() -> None:
    y = yield_of("x", [facts(1, "Expo", (C, 3, "won"))])
    assert (y.promoted, y.won, y.days_to_prospect, y.days_to_customer) == (1, 1, None, None)


def test_disqualified_is_lost_only_when_the_reason_says_lost() -> None:
    assert milestones(facts(1, "", (D, 1, "lost: price")).history).lost
    assert not milestones(facts(1, "", (D, 1, "spam")).history).lost


def test_no_contacts_gives_no_rates_rather_than_zero() -> None:
    y = yield_of("empty", [])
    assert (y.promoted_rate, y.won_rate, percent(y.won_rate), y.days_to_prospect) == (None, None, "—", None)


def test_an_event_filter_keeps_only_contacts_from_events_that_mention_it() -> None:
    r = report(saastr_and_web_summit(), label="summit", origin="summit")
    assert (r.total.logged, [y.label for y in r.by_origin]) == (3, ["Web Summit"])


def test_a_period_keeps_the_contacts_logged_in_it() -> None:
    early = facts(9, "Expo", logged=datetime(2026, 10, 31, 22, 0, tzinfo=UTC))
    now = datetime(2026, 11, 20, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    period = parse_period("this month", now)
    assert period is not None and period.label == "November 2026"
    assert report([*saastr_and_web_summit(), early], period=period).total.logged == 7
    last = parse_period("last month", now)
    assert last is not None and report([early], period=last).total.logged == 1, "23:00 Berlin on 31 October"


def test_periods_people_type() -> None:
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # a Wednesday
    week = parse_period("this week", now)
    assert week is not None and (week.start.day, week.end.day) == (23, 30)
    assert parse_period("last 30 days", now).start.date().isoformat() == "2026-10-27"  # type: ignore[union-attr]
    assert parse_period("2026-02", now).end.date().isoformat() == "2026-03-01"  # type: ignore[union-attr]
    assert parse_period("2025", now).label == "2025"  # type: ignore[union-attr]
    assert parse_period("SaaStr", now) is None
    assert month_of(datetime(2026, 12, 31, 23, 0, tzinfo=UTC)).end == datetime(2027, 1, 1, tzinfo=UTC)


def test_a_reminder_time_is_read_on_the_owners_clock() -> None:
    new_york = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("America/New_York"))
    assert parse_when("tomorrow 10am", new_york) == datetime(2026, 11, 24, 10, 0, tzinfo=ZoneInfo("America/New_York"))
    assert parse_when("in 2 hours", new_york) == new_york + timedelta(hours=2)
    assert parse_when("last week", new_york) is None


def test_who_and_when_split_where_the_time_begins() -> None:
    now = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    assert split_who_when("jane@acme.com tomorrow 10am", now) == ("jane@acme.com", "tomorrow 10am")
    assert split_who_when("Jane Doe next week", now) == ("Jane Doe", "next week")
    assert split_who_when("May Chen on Thursday", now) == ("May Chen", "on Thursday")
    assert split_who_when("Jane Doe", now) is None


def test_a_contact_reassigned_after_logging_counts_for_the_rep_who_logged_it() -> None:
    history = (StageRecord(None, Stage.LEAD, T0, "UANN", "logged"),)
    moved = ContactFacts(1, "SaaStr", "UBOB", T0, history, Stage.LEAD, logged_by(history))
    assert [(y.label, y.logged) for y in report([moved]).by_rep] == [("UANN", 1)]
