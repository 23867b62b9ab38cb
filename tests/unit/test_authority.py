"""Authority answers as reps type them, read the way a careful sales person would."""

from __future__ import annotations

import pytest

from bot.bant.authority import parse_authority
from bot.model import Authority, AuthorityLevel

DM, INFLUENCER = AuthorityLevel.DECISION_MAKER, AuthorityLevel.INFLUENCER
NONE, UNKNOWN = AuthorityLevel.NONE, AuthorityLevel.UNKNOWN

CORPUS: list[tuple[str, AuthorityLevel, str]] = [
    ("she owns the budget and makes the call", DM, ""),
    ("decision maker", DM, ""),
    ("He's the DM", DM, ""),
    ("has the final say", DM, ""),
    ("she signs off", DM, ""),
    ("CEO", DM, ""),
    ("she's the founder and decides", DM, ""),
    ("economic buyer", DM, ""),
    ("owner of the company", DM, ""),
    ("he's the budget holder", DM, ""),
    ("managing director, signs the contract", DM, ""),
    ("yes, final decision maker", DM, ""),
    ("she's the boss", DM, ""),
    ("he is the boss", DM, ""),
    ("it's her call", DM, ""),
    ("she calls the shots", DM, ""),
    ("influencer", INFLUENCER, ""),
    ("our champion inside the account", INFLUENCER, ""),
    ("recommends to the VP", INFLUENCER, "the VP"),
    ("needs sign-off from her CFO", INFLUENCER, "her CFO"),
    ("has to run it by the board", INFLUENCER, "the board"),
    ("part of the buying committee", INFLUENCER, ""),
    ("needs approval from the CEO before signing", INFLUENCER, "the CEO"),
    ("Their VP of Finance has the final say", INFLUENCER, "Their VP of Finance"),
    ("her boss signs off", INFLUENCER, "her boss"),
    ("not the decision maker but will recommend us", INFLUENCER, ""),
    ("one of three decision makers", INFLUENCER, ""),
    ("evaluating tools for the team", INFLUENCER, ""),
    ("no authority", NONE, ""),
    ("just an end user", NONE, ""),
    ("not involved in the decision", NONE, ""),
    ("intern", NONE, ""),
    ("not the decision maker", NONE, ""),
    ("he doesn't decide anything", NONE, ""),
    ("no say in the purchase", NONE, ""),
    ("not her call", NONE, ""),
    ("it's not his decision", NONE, ""),
    ("she's not the boss", NONE, ""),
    ("unknown", UNKNOWN, ""),
    ("not sure who decides", UNKNOWN, ""),
    ("don't know", UNKNOWN, ""),
    ("no idea yet", UNKNOWN, ""),
    ("?", UNKNOWN, ""),
]
NOT_UNDERSTOOD = ["ok", "hmm", "", "they're nice", "👍"]


@pytest.mark.parametrize(("text", "level", "approver"), CORPUS, ids=[text for text, _, _ in CORPUS])
def test_an_authority_answer_reads_as_its_level_and_approver(text: str, level: AuthorityLevel, approver: str) -> None:
    assert parse_authority(text) == Authority(level=level, approver=approver)


@pytest.mark.parametrize("text", NOT_UNDERSTOOD, ids=repr)
def test_an_answer_about_nobody_is_not_understood(text: str) -> None:
    assert parse_authority(text) is None


def test_not_the_decision_maker_is_not_a_decision_maker() -> None:
    authority = parse_authority("she is not the decision maker")
    assert authority is not None and authority.level is AuthorityLevel.NONE


def test_someone_who_needs_a_sign_off_is_an_influencer_and_names_the_approver() -> None:
    assert parse_authority("needs sign-off from her CFO") == Authority(AuthorityLevel.INFLUENCER, "her CFO")


def test_a_ceo_stated_as_the_contacts_role_is_a_decision_maker() -> None:
    authority = parse_authority("he's the CEO")
    assert authority is not None and authority.level is AuthorityLevel.DECISION_MAKER


def test_a_ceo_named_as_approver_makes_the_contact_an_influencer() -> None:
    authority = parse_authority("the CEO makes the final decision")
    assert authority == Authority(AuthorityLevel.INFLUENCER, "the CEO")


def test_a_label_from_the_caller_is_accepted() -> None:
    authority = parse_authority("Authority: decision maker")
    assert authority is not None and authority.level is AuthorityLevel.DECISION_MAKER
