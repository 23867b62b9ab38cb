"""Rules of the BANT discovery conversation: what a message means, and what Banter asks next."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.discovery import (
    EXAMPLES,
    QUESTIONS,
    Answer,
    Back,
    DontKnow,
    Intent,
    NotUnderstood,
    Parsed,
    Pause,
    Skip,
    Start,
    Status,
    authority_from_button,
    checklist,
    estimate_of,
    interpret,
    next_item,
    parse_labelled,
    parse_value,
    standing,
    summarise_estimate,
    summarise_value,
)
from bot.model import (
    BANT_ORDER,
    Answers,
    Authority,
    AuthorityLevel,
    BantItem,
    Budget,
    BudgetPeriod,
    Need,
    NeedStatus,
    Settings,
    Timeline,
    TimelineStatus,
)

NOW = datetime(2026, 3, 10, 9, 30, tzinfo=UTC)
SETTINGS = Settings(currency="USD")
EUR_SETTINGS = Settings(currency="EUR")

FULL = Answers(
    budget=Budget(Decimal(120_000), Decimal(120_000), "EUR"),
    authority=Authority(AuthorityLevel.DECISION_MAKER),
    need=Need(NeedStatus.CONFIRMED, "replace spreadsheets"),
    timeline=Timeline(TimelineStatus.DATE, date(2026, 5, 9), phrase="within 60 days"),
)


def read(text: str, asking: BantItem | None = BantItem.BUDGET, settings: Settings = SETTINGS) -> Intent:
    return interpret(text, asking=asking, now=NOW, settings=settings)


def record(answers: Answers, intent: Intent) -> Answers:
    """What the caller does with an answer: keep the latest value per item."""
    if isinstance(intent, DontKnow):
        return dataclasses.replace(answers, **{intent.item.value: intent.value})
    assert isinstance(intent, Answer), intent
    for parsed in intent.parsed:
        answers = dataclasses.replace(answers, **{parsed.item.value: parsed.value})
    return answers


def only(intent: Intent) -> Parsed:
    assert isinstance(intent, Answer), intent
    assert len(intent.parsed) == 1, intent
    return intent.parsed[0]


# --- control words -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("skip", Skip(BantItem.BUDGET)),
        ("Next.", Skip(BantItem.BUDGET)),
        ("pass", Skip(BantItem.BUDGET)),
        ("later", Skip(BantItem.BUDGET)),
        ("don't know", DontKnow(BantItem.BUDGET)),
        ("Don’t know!", DontKnow(BantItem.BUDGET)),
        ("dunno", DontKnow(BantItem.BUDGET)),
        ("No idea", DontKnow(BantItem.BUDGET)),
        ("unknown", DontKnow(BantItem.BUDGET)),
        ("not sure...", DontKnow(BantItem.BUDGET)),
        ("back", Back()),
        ("UNDO", Back()),
        ("pause", Pause()),
        ("Stop!", Pause()),
        ("later please", Pause()),
        ("cancel", Pause()),
        ("status", Status()),
        ("where are we?", Status()),
        ("progress", Status()),
        ("qualify", Start()),
        ("start discovery", Start()),
        ("resume", Start()),
        ("continue", Start()),
        ("<@U0BANTER> resume", Start()),
    ],
)
def test_control_words_are_read_whole_regardless_of_case_and_punctuation(text: str, expected: Intent) -> None:
    assert read(text) == expected


def test_stop_using_spreadsheets_is_a_need_answer_not_a_pause() -> None:
    parsed = only(read("stop using spreadsheets", asking=BantItem.NEED))
    assert parsed.item is BantItem.NEED
    assert isinstance(parsed.value, Need) and parsed.value.status is NeedStatus.CONFIRMED
    assert "spreadsheets" in parsed.value.pain


def test_a_control_word_inside_a_sentence_is_no_control() -> None:
    assert not isinstance(read("skip the demo, they have 50k", asking=BantItem.BUDGET), Skip)
    assert not isinstance(read("no idea yet how much, maybe 20k", asking=BantItem.BUDGET), DontKnow)


@pytest.mark.parametrize(
    ("item", "unknown"),
    [
        (BantItem.BUDGET, Budget()),
        (BantItem.AUTHORITY, Authority(AuthorityLevel.UNKNOWN)),
        (BantItem.NEED, Need(NeedStatus.UNKNOWN)),
        (BantItem.TIMELINE, Timeline(TimelineStatus.UNKNOWN)),
    ],
)
def test_dont_know_records_the_asked_item_as_unknown(item: BantItem, unknown: object) -> None:
    intent = read("don't know", asking=item)
    assert intent == DontKnow(item)
    answers = record(Answers(), intent)
    assert answers.get(item) == unknown
    assert next_item(answers) != item  # answered, though not satisfied
    assert dict(checklist(answers))[item] == "unknown"


def test_skip_and_dont_know_after_discovery_is_complete_are_not_understood() -> None:
    assert read("skip", asking=None) == NotUnderstood(None, "skip")
    assert read("dunno", asking=None) == NotUnderstood(None, "dunno")


def test_pause_and_status_work_after_discovery_is_complete() -> None:
    assert read("status", asking=None) == Status()
    assert read("stop", asking=None) == Pause()


# --- labelled answers ----------------------------------------------------------------------

ALL_AT_ONCE = (
    "budget: 120k EUR; authority: decision maker; need: replace spreadsheets for fleet planning; "
    "timeline: within 60 days"
)


def test_labelled_answers_keep_the_reps_words_per_item() -> None:
    assert parse_labelled(ALL_AT_ONCE) == [
        (BantItem.BUDGET, "120k EUR"),
        (BantItem.AUTHORITY, "decision maker"),
        (BantItem.NEED, "replace spreadsheets for fleet planning"),
        (BantItem.TIMELINE, "within 60 days"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        ALL_AT_ONCE,
        "Timeline - within 60 days\nNeed = replace spreadsheets for fleet planning\nDM: decision maker\nMoney: 120k EUR",
        "when: within 60 days, pain: replace spreadsheets for fleet planning, spend: 120k EUR and decision: decision maker",
        "• DEADLINE: within 60 days\n• Problem: replace spreadsheets for fleet planning\n"
        "• Decision maker: decision maker\n• Budget: 120k EUR",
    ],
)
def test_labelled_answers_come_in_any_order_case_separator_and_synonym(text: str) -> None:
    intent = read(text, asking=BantItem.BUDGET)
    assert isinstance(intent, Answer) and intent.unclear == ()
    answers = record(Answers(), intent)
    assert answers.budget == Budget(Decimal(120_000), Decimal(120_000), "EUR", BudgetPeriod.ONE_OFF)
    assert answers.authority == Authority(AuthorityLevel.DECISION_MAKER)
    assert answers.need is not None and answers.need.status is NeedStatus.CONFIRMED
    assert answers.need.pain.startswith("replace spreadsheets for fleet planning")
    assert answers.timeline is not None and answers.timeline.target == date(2026, 5, 9)
    assert next_item(answers) is None


def test_a_labelled_answer_wins_over_the_question_asked() -> None:
    parsed = only(read("timeline: within 60 days", asking=BantItem.BUDGET))
    assert parsed.item is BantItem.TIMELINE
    assert parsed.raw == "timeline: within 60 days"


@pytest.mark.parametrize(
    "text", ["budget: actually 80k", "Budget - correction: 80k", "sorry, budget: 80k", "budget = oops 80k"]
)
def test_correction_words_before_a_labelled_value_are_dropped(text: str) -> None:
    assert parse_labelled(text) == [(BantItem.BUDGET, "80k")]


def test_a_comma_or_and_only_separates_right_before_a_label() -> None:
    assert parse_labelled("need: reporting, forecasting and planning and timing: Q3") == [
        (BantItem.NEED, "reporting, forecasting and planning"),
        (BantItem.TIMELINE, "Q3"),
    ]


@pytest.mark.parametrize(
    "text", ["pain-free onboarding is what they want", "when they finish the pilot", "budget:"]
)
def test_words_that_only_look_like_labels_are_no_labels(text: str) -> None:
    assert parse_labelled(text) == []


def test_a_labelled_value_not_understood_is_reported_next_to_the_ones_understood() -> None:
    intent = read("budget: 50k; timeline: whenever the moon is blue", asking=BantItem.NEED)
    assert isinstance(intent, Answer)
    assert [p.item for p in intent.parsed] == [BantItem.BUDGET]
    assert intent.unclear == ((BantItem.TIMELINE, "timeline: whenever the moon is blue"),)


def test_labelled_dont_know_records_unknown() -> None:
    parsed = only(read("authority: not sure", asking=BantItem.BUDGET))
    assert parsed == Parsed(BantItem.AUTHORITY, Authority(AuthorityLevel.UNKNOWN), "authority: not sure")


# --- answers to the question asked ---------------------------------------------------------


def test_a_natural_one_by_one_conversation_fills_all_four_items_in_order() -> None:
    replies = {
        BantItem.BUDGET: "around 50-75k a year",
        BantItem.AUTHORITY: "influencer, her CFO signs off",
        BantItem.NEED: "reporting takes two days a month",
        BantItem.TIMELINE: "by end of March",
    }
    answers, asked = Answers(), []
    while (item := next_item(answers)) is not None:
        asked.append(item)
        answers = record(answers, read(replies[item], asking=item, settings=EUR_SETTINGS))
    assert asked == list(BANT_ORDER)
    assert checklist(answers) == [
        (BantItem.BUDGET, "€50,000–75,000/year"),
        (BantItem.AUTHORITY, "influencer (sign-off: her CFO)"),
        (BantItem.NEED, "confirmed — reporting takes two days a month"),
        (BantItem.TIMELINE, "by 31 Mar 2026"),
    ]


def test_an_answer_keeps_the_reps_whole_message_as_raw() -> None:
    parsed = only(read("  actually about $40k  ", asking=BantItem.BUDGET))
    assert parsed.raw == "actually about $40k"
    assert parsed.value == Budget(Decimal(40_000), Decimal(40_000), "USD")


def test_an_answer_without_currency_takes_the_workspace_currency() -> None:
    parsed = only(read("about 40k", asking=BantItem.BUDGET, settings=Settings(currency="GBP")))
    assert isinstance(parsed.value, Budget) and parsed.value.currency == "GBP"


def test_an_answer_not_understood_is_not_recorded_and_the_item_is_asked_again() -> None:
    assert read("they were lovely on the call", asking=BantItem.BUDGET) == NotUnderstood(
        BantItem.BUDGET, "they were lovely on the call"
    )


@pytest.mark.parametrize(
    ("text", "asking"),
    [("yes", BantItem.AUTHORITY), ("Decision maker? yes", BantItem.NEED), ("DM: yep", None)],
)
def test_a_bare_yes_to_are_they_the_decision_maker_means_decision_maker(
    text: str, asking: BantItem | None
) -> None:
    assert only(read(text, asking=asking)).value == Authority(AuthorityLevel.DECISION_MAKER)


def test_a_bare_no_to_the_authority_question_is_asked_again_as_it_may_be_influencer_or_none() -> None:
    assert read("no", asking=BantItem.AUTHORITY) == NotUnderstood(BantItem.AUTHORITY, "no")


def test_chit_chat_after_discovery_is_complete_is_not_understood() -> None:
    assert read("thanks, great call!", asking=None) == NotUnderstood(None, "thanks, great call!")


def test_a_labelled_correction_after_completion_replaces_the_answer() -> None:
    intent = read("budget: actually 80k", asking=None, settings=EUR_SETTINGS)
    answers = record(FULL, intent)
    assert answers.budget == Budget(Decimal(80_000), Decimal(80_000), "EUR")
    assert answers.need == FULL.need
    assert only(intent).raw == "budget: actually 80k"


def test_parse_value_reads_one_item_with_its_parser() -> None:
    timeline = parse_value(BantItem.TIMELINE, "no timeline yet", now=NOW, settings=SETTINGS)
    assert isinstance(timeline, Timeline) and timeline.status is TimelineStatus.NONE
    assert parse_value(BantItem.BUDGET, "no timeline yet", now=NOW, settings=SETTINGS) is None


# --- guesses are not confirmations ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "asking", "recorded", "estimate"),
    [
        ("not sure, maybe a few thousand", BantItem.BUDGET, Budget(), Budget(Decimal(3000), Decimal(3000), "USD")),
        ("no idea yet how much, maybe 20k", BantItem.BUDGET, Budget(), Budget(Decimal(20_000), Decimal(20_000), "USD")),
        (
            "they need better reporting I think",
            BantItem.NEED,
            Need(NeedStatus.UNKNOWN, "they need better reporting I think"),
            Need(NeedStatus.CONFIRMED, "they need better reporting I think"),
        ),
        (
            "I think she decides",
            BantItem.AUTHORITY,
            Authority(AuthorityLevel.UNKNOWN),
            Authority(AuthorityLevel.DECISION_MAKER),
        ),
        (
            "probably end of Q2",
            BantItem.TIMELINE,
            Timeline(TimelineStatus.UNKNOWN, phrase="end of q2"),
            Timeline(TimelineStatus.DATE, date(2026, 6, 30), phrase="end of q2"),
        ),
    ],
)
def test_a_hedged_answer_is_recorded_as_not_known_with_the_guess_kept(
    text: str, asking: BantItem, recorded: object, estimate: object
) -> None:
    parsed = only(read(text, asking=asking))
    assert (parsed.item, parsed.value, parsed.estimate) == (asking, recorded, estimate)
    assert standing(parsed.value) == "unknown"
    assert estimate_of(asking, text, now=NOW, settings=SETTINGS) == estimate


def test_a_labelled_guess_is_not_confirmed_either() -> None:
    parsed = only(read("budget: maybe 50k", asking=BantItem.NEED))
    assert parsed.value == Budget() and parsed.estimate == Budget(Decimal(50_000), Decimal(50_000), "USD")


@pytest.mark.parametrize(
    ("text", "asking"),
    [
        ("around $50k set aside", BantItem.BUDGET),
        ("maybe never", BantItem.TIMELINE),
        ("not sure who decides", BantItem.AUTHORITY),
        ("no budget yet", BantItem.BUDGET),
    ],
)
def test_approximations_and_answers_that_satisfy_nothing_are_no_guesses(text: str, asking: BantItem) -> None:
    assert only(read(text, asking=asking)).estimate is None


def test_a_guess_is_shown_as_not_confirmed() -> None:
    budget = Budget(Decimal(3000), Decimal(3000), "USD")
    assert summarise_estimate(BantItem.BUDGET, budget) == "$3,000 (not confirmed)"
    need = Need(NeedStatus.CONFIRMED, "better reporting")
    assert summarise_estimate(BantItem.NEED, need) == "not confirmed — better reporting"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "open"),
        (Budget(Decimal(1), Decimal(1)), "answer"),
        (Budget(none=True), "none"),
        (Budget(), "unknown"),
        (Authority(AuthorityLevel.INFLUENCER), "answer"),
        (Authority(AuthorityLevel.NONE), "none"),
        (Need(NeedStatus.UNKNOWN, "maybe reporting"), "unknown"),
        (Timeline(TimelineStatus.NONE), "none"),
    ],
)
def test_each_answer_stands_as_an_answer_a_none_or_unknown(value: object, expected: str) -> None:
    assert standing(value) == expected  # type: ignore[arg-type]


# --- corrections and answers that fit another item ---------------------------------------


@pytest.mark.parametrize("word", ["actually", "no wait,", "correction:", "sorry,", "Actually,"])
def test_a_correction_with_an_amount_while_asking_authority_is_a_budget(word: str) -> None:
    intent = read(f"{word} it's 40k not a few thousand", asking=BantItem.AUTHORITY)
    assert isinstance(intent, Answer) and intent.correction and intent.asked is BantItem.AUTHORITY
    assert only(intent).item is BantItem.BUDGET
    assert only(intent).value == Budget(Decimal(40_000), Decimal(40_000), "USD")


def test_a_correction_while_asking_need_goes_to_the_item_it_fits() -> None:
    intent = read("actually 40k", asking=BantItem.NEED)
    assert isinstance(intent, Answer) and only(intent).item is BantItem.BUDGET


def test_going_live_in_march_said_at_the_need_question_is_a_timeline_not_a_need() -> None:
    intent = read("they want to go live in March", asking=BantItem.NEED)
    assert isinstance(intent, Answer) and only(intent).item is BantItem.TIMELINE
    assert only(read("they need to replace spreadsheets before they go live in March", asking=BantItem.NEED)).item is BantItem.NEED


def test_a_correction_after_discovery_is_complete_goes_to_the_item_it_fits() -> None:
    parsed = only(read("no wait, end of June", asking=None))
    assert parsed.item is BantItem.TIMELINE and parsed.value == Timeline(
        TimelineStatus.DATE, date(2026, 6, 30), phrase="end of june"
    )


@pytest.mark.parametrize(
    ("text", "asking", "item"),
    [("$40k", BantItem.AUTHORITY, BantItem.BUDGET), ("by end of March", BantItem.BUDGET, BantItem.TIMELINE)],
)
def test_an_unlabelled_answer_that_only_fits_another_item_is_recorded_there(
    text: str, asking: BantItem, item: BantItem
) -> None:
    intent = read(text, asking=asking)
    assert isinstance(intent, Answer) and intent.asked is asking and not intent.correction
    assert only(intent).item is item


@pytest.mark.parametrize(
    ("text", "asking"),
    [
        ("40k by March", BantItem.AUTHORITY),  # fits two items: ambiguous
        ("reporting takes two days a month", BantItem.BUDGET),  # "two days" is no deadline
        ("thanks, 40k was a good call", None),  # after completion only a correction counts
        ("call her back on Thursday, she's busy", BantItem.BUDGET),  # a follow-up, not a timeline
        ("call her back on Thursday, she's busy", BantItem.TIMELINE),
    ],
)
def test_an_answer_that_fits_no_other_item_clearly_is_not_moved(text: str, asking: BantItem | None) -> None:
    assert isinstance(read(text, asking=asking), NotUnderstood)


def test_the_need_question_keeps_unlabelled_answers_without_a_correction() -> None:
    assert only(read("compliance audit in March, need an audit trail", asking=BantItem.NEED)).item is BantItem.NEED


def test_a_timeline_next_to_a_follow_up_is_still_a_timeline() -> None:
    parsed = only(read("they want it by March, call her on Thursday", asking=BantItem.TIMELINE))
    assert isinstance(parsed.value, Timeline) and parsed.value.target == date(2026, 3, 31)


# --- what to ask next ----------------------------------------------------------------------


def test_items_are_asked_in_bant_order() -> None:
    assert next_item(Answers()) is BantItem.BUDGET
    assert next_item(Answers(budget=Budget(none=True))) is BantItem.AUTHORITY
    assert next_item(dataclasses.replace(FULL, need=None)) is BantItem.NEED


def test_a_skipped_item_is_asked_after_the_others() -> None:
    skipped = frozenset({BantItem.BUDGET})
    assert next_item(Answers(), skipped=skipped) is BantItem.AUTHORITY
    answered_rest = dataclasses.replace(FULL, budget=None)
    assert next_item(answered_rest, skipped=skipped) is BantItem.BUDGET


def test_two_skipped_items_come_back_in_bant_order() -> None:
    skipped = frozenset({BantItem.TIMELINE, BantItem.AUTHORITY})
    answers = Answers(budget=Budget(none=True), need=Need(NeedStatus.NONE))
    assert next_item(answers, skipped=skipped) is BantItem.AUTHORITY


def test_nothing_is_asked_when_all_four_are_answered() -> None:
    assert next_item(FULL) is None
    assert next_item(FULL, skipped=frozenset(BANT_ORDER)) is None


def test_every_item_has_a_one_line_question_with_an_example() -> None:
    assert set(QUESTIONS) == set(BANT_ORDER) == set(EXAMPLES)
    for item, question in QUESTIONS.items():
        assert question.item is item
        assert "\n" not in question.prompt and question.prompt.startswith(question.text)
        assert "e.g. " in question.prompt and question.example
        assert 2 <= len(EXAMPLES[item]) <= 3


@pytest.mark.parametrize(("item", "example"), [(item, ex) for item, exs in EXAMPLES.items() for ex in exs])
def test_every_example_shown_to_the_rep_is_understood(item: BantItem, example: str) -> None:
    assert only(read(example, asking=item)).item is item


# --- checklist ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "summary"),
    [
        (Budget(Decimal(50_000), Decimal(50_000), "USD"), "$50,000"),
        (Budget(Decimal(50_000), Decimal(75_000), "EUR", BudgetPeriod.YEAR), "€50,000–75,000/year"),
        (Budget(Decimal(2_500), Decimal(2_500), "GBP", BudgetPeriod.MONTH), "£2,500/month"),
        (Budget(Decimal(3_000_000), Decimal(3_000_000), "JPY"), "¥3,000,000"),
        (Budget(Decimal(80_000), Decimal(80_000), "CHF", BudgetPeriod.YEAR), "CHF 80,000/year"),
        (Budget(Decimal("1234.5"), Decimal("1234.5"), "USD"), "$1,234.50"),
        (Budget(None, Decimal(200_000), "USD"), "up to $200,000"),
        (Budget(Decimal(10_000), None, "USD", BudgetPeriod.MONTH), "at least $10,000/month"),
        (Budget(none=True), "no budget"),
        (Budget(), "unknown"),
        (Authority(AuthorityLevel.DECISION_MAKER), "decision maker"),
        (Authority(AuthorityLevel.INFLUENCER, "her CFO"), "influencer (sign-off: her CFO)"),
        (Authority(AuthorityLevel.NONE), "no authority"),
        (Authority(AuthorityLevel.UNKNOWN), "unknown"),
        (
            Need(NeedStatus.CONFIRMED, "reporting takes two days a month"),
            "confirmed — reporting takes two days a month",
        ),
        (Need(NeedStatus.UNKNOWN, "better reporting I think"), "not confirmed — better reporting I think"),
        (Need(NeedStatus.NONE), "no need"),
        (Need(NeedStatus.UNKNOWN), "unknown"),
        (Timeline(TimelineStatus.DATE, date(2027, 3, 31), asap=True), "by 31 Mar 2027 (ASAP)"),
        (Timeline(TimelineStatus.DATE, date(2026, 6, 30), phrase="end of Q2"), "by 30 Jun 2026"),
        (Timeline(TimelineStatus.NONE), "no timeline"),
        (Timeline(TimelineStatus.UNKNOWN), "unknown"),
    ],
)
def test_each_recorded_value_has_a_short_summary(value: object, summary: str) -> None:
    item = {
        Budget: BantItem.BUDGET,
        Authority: BantItem.AUTHORITY,
        Need: BantItem.NEED,
        Timeline: BantItem.TIMELINE,
    }
    assert summarise_value(item[type(value)], value) == summary  # type: ignore[arg-type]


def test_a_budget_without_currency_is_shown_in_the_workspace_currency() -> None:
    budget = Budget(Decimal(5_000), Decimal(5_000))
    assert summarise_value(BantItem.BUDGET, budget, default_currency="EUR") == "€5,000"


def test_the_checklist_lists_all_four_items_with_open_ones_as_none() -> None:
    answers = Answers(budget=Budget(none=True), need=Need(NeedStatus.NONE))
    assert checklist(answers) == [
        (BantItem.BUDGET, "no budget"),
        (BantItem.AUTHORITY, None),
        (BantItem.NEED, "no need"),
        (BantItem.TIMELINE, None),
    ]


# --- buttons ------------------------------------------------------------------------------


@pytest.mark.parametrize("level", list(AuthorityLevel))
def test_an_authority_button_stands_for_its_level(level: AuthorityLevel) -> None:
    assert authority_from_button(level.value) == Authority(level)


def test_an_unknown_authority_button_value_is_refused() -> None:
    with pytest.raises(ValueError):
        authority_from_button("ceo")


# --- robustness ---------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=120), asking=st.sampled_from([*BANT_ORDER, None]))
def test_any_message_means_exactly_one_thing_and_never_raises(text: str, asking: BantItem | None) -> None:
    intent = read(text, asking=asking)
    assert isinstance(intent, Answer | Skip | DontKnow | Back | Pause | Status | Start | NotUnderstood)
    if isinstance(intent, Answer):
        assert intent.parsed and all(p.raw and p.raw in text for p in intent.parsed)
