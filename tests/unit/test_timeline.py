"""Timeline answers as reps type them, read the way a careful sales person would."""

from __future__ import annotations

import time
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.bant.timeline import find_follow_up, parse_timeline
from bot.model import Timeline, TimelineStatus

# Monday 23 November 2026, 10:00 in Berlin.
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
# Wednesday 10 March 2027, 14:30 in New York, for a company whose fiscal year starts in April.
SPRING_NOW = datetime(2027, 3, 10, 14, 30, tzinfo=ZoneInfo("America/New_York"))

DATES: list[tuple[str, date]] = [
    ("Q3", date(2027, 9, 30)),
    ("Q4", date(2026, 12, 31)),
    ("end of Q1", date(2027, 3, 31)),
    ("they want it live by the end of Q1", date(2027, 3, 31)),
    ("not before next summer", date(2027, 6, 1)),  # the soonest they buy: the period's start
    ("no earlier than Q2", date(2027, 4, 1)),
    ("not until next year", date(2027, 1, 1)),
    ("by Q1 2027", date(2027, 3, 31)),
    ("Q2 2027", date(2027, 6, 30)),
    ("Q1 '27", date(2027, 3, 31)),
    ("next quarter", date(2027, 3, 31)),
    ("this quarter", date(2026, 12, 31)),
    ("end of this quarter", date(2026, 12, 31)),
    ("start of Q2", date(2027, 4, 1)),
    ("early Q2", date(2027, 4, 10)),
    ("mid Q2", date(2027, 5, 15)),
    ("late Q4", date(2026, 12, 31)),
    ("first quarter of next year", date(2027, 3, 31)),
    ("before the end of Q2 2027", date(2027, 6, 30)),
    ("H2 2027", date(2027, 12, 31)),
    ("first half of next year", date(2027, 6, 30)),
    ("H1", date(2027, 6, 30)),
    ("FY27", date(2027, 12, 31)),
    ("end of fiscal year", date(2026, 12, 31)),
    ("next fiscal year", date(2027, 12, 31)),
    ("end of month", date(2026, 11, 30)),
    ("EOM", date(2026, 11, 30)),
    ("end of next month", date(2026, 12, 31)),
    ("beginning of next month", date(2026, 12, 1)),
    ("next month", date(2026, 12, 31)),
    ("EOY", date(2026, 12, 31)),
    ("year end", date(2026, 12, 31)),
    ("by the end of the year", date(2026, 12, 31)),
    ("later this year", date(2026, 12, 31)),
    ("early next year", date(2027, 1, 10)),
    ("mid-year", date(2027, 6, 30)),
    ("sometime in 2027", date(2027, 12, 31)),
    ("mid-December", date(2026, 12, 15)),
    ("early January", date(2027, 1, 10)),
    ("in March", date(2027, 3, 31)),
    ("we're looking at February", date(2027, 2, 28)),
    ("by end of Feb 2027", date(2027, 2, 28)),
    ("late spring", date(2027, 5, 31)),
    ("before summer", date(2027, 5, 31)),
    ("over the summer", date(2027, 8, 31)),
    ("winter", date(2027, 2, 28)),
    ("within 30 days", date(2026, 12, 23)),
    ("in 60 days", date(2027, 1, 22)),
    ("within 2 weeks", date(2026, 12, 7)),
    ("within a month", date(2026, 12, 23)),
    ("in 6 weeks", date(2027, 1, 4)),
    ("in a couple of weeks", date(2026, 12, 7)),
    ("in three months", date(2027, 2, 23)),
    ("3-6 months", date(2027, 5, 23)),
    ("in 10 business days", date(2026, 12, 7)),
    ("by Christmas", date(2026, 12, 25)),
    ("by Easter", date(2027, 3, 28)),
    ("after the holidays", date(2027, 1, 4)),
    ("next week", date(2026, 12, 4)),
    ("this week", date(2026, 11, 27)),
    ("tomorrow", date(2026, 11, 24)),
    ("by Friday", date(2026, 11, 27)),
    ("next Friday", date(2026, 12, 4)),
    ("March 15", date(2027, 3, 15)),
    ("15/03/2027", date(2027, 3, 15)),
    ("Dec 3rd", date(2026, 12, 3)),
    ("2027-02-01", date(2027, 2, 1)),
    ("timeline: Q2", date(2027, 6, 30)),
    ("they said decision in Q1, go-live in Q2", date(2027, 3, 31)),
]

ASAP: list[tuple[str, date]] = [
    ("ASAP", date(2026, 12, 7)),
    ("urgent, they needed it yesterday", date(2026, 12, 7)),
    ("right away", date(2026, 12, 7)),
    ("asap, latest end of month", date(2026, 11, 30)),
]

NO_TIMELINE = ["not this year", "no timeline", "no rush", "someday", "no plans", "not urgent"]
UNKNOWN = ["unknown", "no idea", "tbd", "not sure yet"]
NOT_UNDERSTOOD = ["ok", "hello", "they may buy", "", "   ", "👍",
                  "it costs them 2 days a month", "reporting takes two days a month", "3 hours every week"]  # how often, not when

SPRING_DATES: list[tuple[str, date]] = [
    ("end of fiscal year", date(2027, 3, 31)),
    ("next fiscal year", date(2028, 3, 31)),
    ("FY28", date(2028, 3, 31)),
    ("start of next fiscal year", date(2027, 4, 1)),
    ("end of Q1", date(2027, 3, 31)),
    ("next quarter", date(2027, 6, 30)),
    ("next week", date(2027, 3, 19)),
    ("by Friday", date(2027, 3, 12)),
    ("mid-March", date(2027, 3, 15)),
    ("Q4", date(2027, 12, 31)),
]


def _ids(cases: list[tuple[str, date]]) -> list[str]:
    return [text for text, _ in cases]


@pytest.mark.parametrize(("text", "target"), DATES, ids=_ids(DATES))
def test_a_timeline_phrase_reads_as_its_target_date(text: str, target: date) -> None:
    timeline = parse_timeline(text, now=NOW)
    assert timeline is not None
    assert (timeline.status, timeline.target, timeline.asap) == (TimelineStatus.DATE, target, False)


@pytest.mark.parametrize(("text", "target"), SPRING_DATES, ids=_ids(SPRING_DATES))
def test_a_timeline_said_in_march_reads_with_an_april_fiscal_year(text: str, target: date) -> None:
    timeline = parse_timeline(text, now=SPRING_NOW, fiscal_year_start_month=4)
    assert timeline is not None
    assert (timeline.status, timeline.target) == (TimelineStatus.DATE, target)


@pytest.mark.parametrize(("text", "target"), ASAP, ids=_ids(ASAP))
def test_an_urgent_timeline_is_asap_with_a_near_target(text: str, target: date) -> None:
    timeline = parse_timeline(text, now=NOW)
    assert timeline is not None
    assert (timeline.status, timeline.target, timeline.asap) == (TimelineStatus.DATE, target, True)


@pytest.mark.parametrize("text", NO_TIMELINE)
def test_a_no_timeline_answer_is_none(text: str) -> None:
    timeline = parse_timeline(text, now=NOW)
    assert timeline is not None
    assert (timeline.status, timeline.target) == (TimelineStatus.NONE, None)


@pytest.mark.parametrize("text", UNKNOWN)
def test_an_unsure_timeline_is_unknown(text: str) -> None:
    timeline = parse_timeline(text, now=NOW)
    assert timeline is not None
    assert (timeline.status, timeline.target) == (TimelineStatus.UNKNOWN, None)


@pytest.mark.parametrize("text", NOT_UNDERSTOOD, ids=repr)
def test_a_timeline_without_any_date_or_stance_is_not_understood(text: str) -> None:
    assert parse_timeline(text, now=NOW) is None


def test_an_end_of_q1_said_in_november_means_next_march_31() -> None:
    timeline = parse_timeline("end of Q1", now=NOW)
    assert timeline is not None and timeline.target == date(2027, 3, 31)


def test_an_end_of_q1_said_in_february_means_this_march_31() -> None:
    february = datetime(2027, 2, 2, 9, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    timeline = parse_timeline("end of Q1", now=february)
    assert timeline is not None and timeline.target == date(2027, 3, 31)


def test_asap_targets_two_weeks_after_the_answer() -> None:
    timeline = parse_timeline("asap", now=SPRING_NOW)
    assert timeline == Timeline(status=TimelineStatus.DATE, target=date(2027, 3, 24), asap=True, phrase="asap")


def test_the_phrase_keeps_the_words_the_date_was_read_from() -> None:
    timeline = parse_timeline("They want it live by the end of Q1, budget permitting", now=NOW)
    assert timeline is not None and timeline.phrase == "by the end of q1"


def test_not_this_year_is_no_timeline_even_though_it_names_a_year() -> None:
    timeline = parse_timeline("definitely not this year", now=NOW)
    assert timeline is not None and timeline.status is TimelineStatus.NONE


def test_a_date_said_with_no_rush_still_counts() -> None:
    timeline = parse_timeline("no rush, sometime in Q2", now=NOW)
    assert timeline is not None and timeline.target == date(2027, 6, 30)


def test_the_target_is_the_date_in_the_reps_own_time_zone() -> None:
    # 23:30 on Sunday in Los Angeles is already Monday in UTC; "tomorrow" is still Monday there.
    late_sunday = datetime(2026, 11, 22, 23, 30, tzinfo=ZoneInfo("America/Los_Angeles"))
    timeline = parse_timeline("tomorrow", now=late_sunday)
    assert timeline is not None and timeline.target == date(2026, 11, 23)


def test_a_fiscal_year_is_named_after_the_year_it_ends() -> None:
    timeline = parse_timeline("FY27", now=NOW, fiscal_year_start_month=7)
    assert timeline is not None and timeline.target == date(2027, 6, 30)


def test_other_workspace_languages_are_read_by_dateparser() -> None:
    timeline = parse_timeline("15. März 2027", now=NOW, languages=("en", "de"))
    assert timeline is not None and timeline.target == date(2027, 3, 15)


def test_a_typical_phrase_takes_under_two_milliseconds() -> None:
    parse_timeline("they want it live by the end of Q1", now=NOW)  # warm-up
    phrases = [text for text, _ in DATES]
    started = time.perf_counter()
    for text in phrases:
        parse_timeline(text, now=NOW)
    per_phrase = (time.perf_counter() - started) / len(phrases)
    assert per_phrase < 0.002


BERLIN = ZoneInfo("Europe/Berlin")
FOLLOW_UPS: list[tuple[str, datetime]] = [
    ("follow up next week", datetime(2026, 11, 30, 9, 0, tzinfo=BERLIN)),
    ("call her on Thursday", datetime(2026, 11, 26, 9, 0, tzinfo=BERLIN)),
    ("ping him tomorrow", datetime(2026, 11, 24, 9, 0, tzinfo=BERLIN)),
    ("follow up in 3 days", datetime(2026, 11, 26, 9, 0, tzinfo=BERLIN)),
    ("remind me Friday at 3pm", datetime(2026, 11, 27, 15, 0, tzinfo=BERLIN)),
    ("call her Thursday at 3pm", datetime(2026, 11, 26, 15, 0, tzinfo=BERLIN)),
    ("check back in two weeks", datetime(2026, 12, 7, 9, 0, tzinfo=BERLIN)),
    ("reach out after the holidays", datetime(2027, 1, 4, 9, 0, tzinfo=BERLIN)),
    ("email him on March 3", datetime(2027, 3, 3, 9, 0, tzinfo=BERLIN)),
    ("get back to her in February", datetime(2027, 2, 1, 9, 0, tzinfo=BERLIN)),
    ("follow up next Tuesday at 10:30", datetime(2026, 12, 1, 10, 30, tzinfo=BERLIN)),
    ("touch base with him in a month", datetime(2026, 12, 23, 9, 0, tzinfo=BERLIN)),
    ("f/u end of month", datetime(2026, 11, 30, 9, 0, tzinfo=BERLIN)),
    ("ping her tomorrow at noon", datetime(2026, 11, 24, 12, 0, tzinfo=BERLIN)),
    ("Great call. Follow-up on Dec 2nd with the pricing deck", datetime(2026, 12, 2, 9, 0, tzinfo=BERLIN)),
]
NO_FOLLOW_UP = [
    "follow up with her",  # a cue without a day
    "next week",  # a day without a cue
    "called her yesterday",
    "she said Q1 is their deadline",
    "",
]


@pytest.mark.parametrize(("text", "when"), FOLLOW_UPS, ids=[text for text, _ in FOLLOW_UPS])
def test_a_follow_up_cue_sets_the_moment_to_follow_up(text: str, when: datetime) -> None:
    found = find_follow_up(text, now=NOW)
    assert found == when
    assert found is not None and found.tzinfo is not None


@pytest.mark.parametrize("text", NO_FOLLOW_UP, ids=repr)
def test_no_follow_up_without_both_a_cue_and_a_day(text: str) -> None:
    assert find_follow_up(text, now=NOW) is None


def test_a_follow_up_time_is_local_wall_time_across_a_daylight_saving_change() -> None:
    # US clocks go forward on Sunday 14 March 2027: Monday 09:00 is then 13:00 UTC, not 14:00.
    found = find_follow_up("call him Monday at 9am", now=SPRING_NOW)
    assert found == datetime(2027, 3, 15, 9, 0, tzinfo=ZoneInfo("America/New_York"))
    assert found is not None and found.utcoffset() is not None and found.utcoffset().total_seconds() == -4 * 3600


def test_a_follow_up_next_week_is_monday_while_a_timeline_next_week_is_friday() -> None:
    follow_up = find_follow_up("follow up next week", now=NOW)
    timeline = parse_timeline("next week", now=NOW)
    assert follow_up is not None and follow_up.date() == date(2026, 11, 30)
    assert timeline is not None and timeline.target == date(2026, 12, 4)
