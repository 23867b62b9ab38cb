"""Need answers: the pain in the rep's own words, or a clear no / unclear."""

from __future__ import annotations

import pytest

from bot.bant.need import parse_need
from bot.model import Need, NeedStatus

CONFIRMED: list[tuple[str, str]] = [
    ("reporting takes two days a month", "reporting takes two days a month"),
    ("need: replace spreadsheets for fleet planning", "replace spreadsheets for fleet planning"),
    ("Need: Basically, faster onboarding", "faster onboarding"),
    ("Pain: manual quoting in Excel", "manual quoting in Excel"),
    ("Well, they lose deals because quotes take a week.", "they lose deals because quotes take a week"),
    ("they need better forecasting", "they need better forecasting"),
    ("losing 10% of leads because nobody follows up", "losing 10% of leads because nobody follows up"),
    ("want to replace Salesforce, too expensive", "want to replace Salesforce, too expensive"),
    ("not happy with their current CRM", "not happy with their current CRM"),
    ("compliance audit in March, need an audit trail", "compliance audit in March, need an audit trail"),
    ("  onboarding new reps takes 3 months  ", "onboarding new reps takes 3 months"),
    ("CRM", "CRM"),
    ("so um route planning is all manual", "route planning is all manual"),
]
NONE = [
    "just browsing",
    "no concrete project",
    "no need",
    "happy with current tool",
    "they're happy with their current vendor",
    "not interested",
    "no",
    "tyre kicker",
    "nothing specific",
    "they don't need it",
]
UNKNOWN = ["unclear", "not sure yet", "don't know", "need to dig deeper", "no idea", "tbd"]
NOT_UNDERSTOOD = ["ok", "hmm", "yes?", "yes", "", "   ", "👍", "ok ok"]


@pytest.mark.parametrize(("text", "pain"), CONFIRMED, ids=[text for text, _ in CONFIRMED])
def test_a_need_with_substance_is_confirmed_in_the_reps_words(text: str, pain: str) -> None:
    assert parse_need(text) == Need(status=NeedStatus.CONFIRMED, pain=pain)


@pytest.mark.parametrize("text", NONE)
def test_a_no_need_answer_is_none(text: str) -> None:
    assert parse_need(text) == Need(status=NeedStatus.NONE)


@pytest.mark.parametrize("text", UNKNOWN)
def test_an_unsure_need_is_unknown(text: str) -> None:
    assert parse_need(text) == Need(status=NeedStatus.UNKNOWN)


@pytest.mark.parametrize("text", NOT_UNDERSTOOD, ids=repr)
def test_filler_alone_is_not_understood(text: str) -> None:
    assert parse_need(text) is None


def test_a_lone_yes_is_not_a_need() -> None:
    assert parse_need("yes") is None


def test_unhappy_with_the_current_tool_is_a_need_not_a_no() -> None:
    need = parse_need("not happy with their current CRM")
    assert need is not None and need.status is NeedStatus.CONFIRMED


def test_the_pain_keeps_the_reps_capitals_and_numbers() -> None:
    need = parse_need("need: cut SAP month-end close from 5 days to 2")
    assert need is not None and need.pain == "cut SAP month-end close from 5 days to 2"
