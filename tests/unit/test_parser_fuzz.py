"""Whatever a rep pastes, the answer parsers return their type or None, quickly, and never raise."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.bant import find_follow_up, parse_authority, parse_budget, parse_need, parse_timeline
from bot.model import Authority, Budget, Need, Timeline
from tests.timing import fastest_run

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
LIMIT_SECONDS = 0.050

# Sales words and odd characters mixed into arbitrary unicode, so the fuzzing reaches the rules.
WORDS = st.sampled_from(
    [
        "Q1", "end of", "FY27", "H2", "by", "mid-", "early", "next", "week", "month", "year", "50k", "$", "€",
        "1,5", "Mio", "-", "to", "between", "and", "up to", "at least", "per month", "ARR", "2027", "15/03/2027",
        "March", "may", "fall", "asap", "not", "decision maker", "sign-off from", "her CFO", "the board",
        "need:", "no", "follow up", "call her", "at 3pm", "tomorrow", "in 3 days", "within 30 days",
        "\u202e", "\u200f", "\x00", "\x1b", "\n", "\t", "🙂", "٣", "１２", "¥", "ⅷ", "'", "…",
    ]
)  # fmt: skip
TEXTS = st.one_of(
    st.text(max_size=2000),
    st.lists(st.one_of(WORDS, st.text(max_size=6)), max_size=300).map(" ".join).map(lambda s: s[:2000]),
)
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PARSERS: dict[str, tuple[Callable[[str], object], type | tuple[type, ...]]] = {
    "budget": (lambda text: parse_budget(text, default_currency="USD"), Budget),
    "authority": (parse_authority, Authority),
    "need": (parse_need, Need),
    "timeline": (lambda text: parse_timeline(text, now=NOW, fiscal_year_start_month=4), Timeline),
    "follow_up": (lambda text: find_follow_up(text, now=NOW), datetime),
}


@pytest.fixture(scope="module", autouse=True)
def _warm_up() -> None:
    for parse, _ in PARSERS.values():
        parse("by the end of Q1, around 50k, needs sign-off from her CFO; follow up Friday")


@pytest.mark.parametrize("name", list(PARSERS))
def test_a_parser_returns_its_type_or_none_within_50_ms(name: str) -> None:
    parse, kind = PARSERS[name]

    @FUZZ
    @given(text=TEXTS)
    def check(text: str) -> None:
        result, elapsed = fastest_run(lambda: parse(text), limit=LIMIT_SECONDS)
        assert result is None or isinstance(result, kind)
        assert elapsed < LIMIT_SECONDS, f"{elapsed * 1000:.1f} ms for {text[:80]!r}"

    check()


@pytest.mark.parametrize("name", list(PARSERS))
def test_the_longest_answer_still_takes_under_50_ms(name: str) -> None:
    parse, _ = PARSERS[name]
    worst = ("between 100 and 150k by the end of Q1 2027 " * 60)[:2000]
    _, elapsed = fastest_run(lambda: parse(worst), limit=LIMIT_SECONDS)
    assert elapsed < LIMIT_SECONDS
