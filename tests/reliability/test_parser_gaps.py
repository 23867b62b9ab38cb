"""Fuzzing where tests/unit/test_parser_fuzz.py and test_contacts.py do not reach: the discovery interpreter
(labelled answers run every parser in one message), answers as long as a Slack message gets in practice
(5,000 characters) in Slack's markup, the edge's markup reader, and the policy and digest arguments admins
type. Every one returns its result or its own error, never another exception, within 50 ms."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import get_args
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.bant import parse_authority, parse_budget, parse_need, parse_timeline
from bot.discovery import interpret, parse_labelled
from bot.discovery.intents import Intent
from bot.model import BantItem, Settings
from bot.policy import Policy, PolicyError, set_policy_value
from bot.schedule import parse_hhmm, valid_tz
from handlers.slacktext import to_plain
from tests.timing import fastest_run

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
LIMIT = 0.050
FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# What answers look like once Slack has rewritten them, plus the hostile pieces people paste.
PIECES = st.sampled_from([
    "budget:", "authority:", "need:", "timeline:", "b:", "a:", "n:", "t:", "; ", "\n", " ", "50k", "$1.5M", "€",
    "per month", "Q1", "end of March", "in 3 weeks", "decision maker", "needs sign-off from her CFO", "no budget",
    "skip", "back", "pause", "don't know", "<@U0EVIL123>", "<!channel>", "&lt;script&gt;", "&amp;",
    "<mailto:jane@acme.com|jane@acme.com>", "<http://acme.com|acme.com>", "<#C0SALES|sales>", "\u202e", "\x00",
    "\x1b", "山田 太郎", "👩\u200d💻", "'); DROP TABLE contacts;--", "A" * 200, "1" * 60, "-" * 40,
])  # fmt: skip
ANSWERS = st.one_of(
    st.lists(PIECES, max_size=400).map(lambda parts: "".join(parts)[:5000]),
    st.text(min_size=2000, max_size=5000),
)


def _timed(fn: Callable[[], object]) -> tuple[object, float]:
    return fastest_run(fn, limit=LIMIT)


@pytest.fixture(scope="module", autouse=True)
def _warm_up() -> None:
    interpret("budget: 50k; timeline: end of Q1", asking=BantItem.BUDGET, now=NOW, settings=Settings())


@pytest.mark.parametrize("asking", [*BantItem, None])
def test_the_discovery_interpreter_reads_any_answer_in_under_50_ms(asking: BantItem | None) -> None:
    assert get_args(Intent), "Intent names the kinds of answer"
    @FUZZ
    @given(text=ANSWERS)
    def check(text: str) -> None:
        result, elapsed = _timed(lambda: interpret(text, asking=asking, now=NOW, settings=Settings()))
        assert isinstance(result, get_args(Intent))
        assert elapsed < LIMIT, f"{elapsed * 1000:.1f} ms for {text[:80]!r}"

    check()


@FUZZ
@given(text=ANSWERS)
def test_labelled_segments_are_found_in_any_text_in_under_50_ms(text: str) -> None:
    result, elapsed = _timed(lambda: parse_labelled(text))
    assert isinstance(result, list) and elapsed < LIMIT


@pytest.mark.parametrize("name", ["budget", "authority", "need", "timeline"])
def test_answer_parsers_read_5000_characters_of_slack_markup_in_under_50_ms(name: str) -> None:
    parse: Callable[[str], object] = {
        "budget": lambda t: parse_budget(t, default_currency="USD"),
        "authority": parse_authority,
        "need": parse_need,
        "timeline": lambda t: parse_timeline(t, now=NOW, fiscal_year_start_month=4),
    }[name]

    @FUZZ
    @given(text=ANSWERS)
    def check(text: str) -> None:
        _, elapsed = _timed(lambda: parse(to_plain(text)))
        assert elapsed < LIMIT, f"{elapsed * 1000:.1f} ms for {len(text)} characters: {text[:60]!r}"

    check()


@FUZZ
@given(text=st.one_of(ANSWERS, st.text(max_size=3000)))
def test_slack_markup_is_read_back_to_text_without_nul_in_under_50_ms(text: str) -> None:
    plain, elapsed = _timed(lambda: to_plain(text, bot_user_id="U0BANTER"))
    assert isinstance(plain, str) and "\x00" not in plain and "<@U0BANTER>" not in plain
    assert elapsed < LIMIT


@FUZZ
@given(key=st.sampled_from(["bant_required", "authority", "min_budget", "score_threshold", "timeline_days", "reps",
                            "rates", "stale_days", "nonsense"]),
       raw=st.one_of(st.text(max_size=300), st.lists(PIECES, max_size=30).map("".join)))  # fmt: skip
def test_a_policy_value_is_accepted_or_refused_with_a_policy_error(key: str, raw: str) -> None:
    try:
        result, elapsed = _timed(lambda: set_policy_value(Policy(), key, raw))
    except PolicyError as exc:
        assert str(exc)
        return
    assert isinstance(result, Policy) and elapsed < LIMIT


@FUZZ
@given(token=st.one_of(st.text(max_size=60), st.from_regex(r"\d{1,3}[:.h]\d{1,3}\s*(am|pm)?", fullmatch=True)))
def test_a_digest_time_or_zone_is_accepted_or_refused_with_a_value_error(token: str) -> None:
    assert valid_tz(token) in (True, False)
    try:
        parse_hhmm(token)
    except ValueError:
        pass
