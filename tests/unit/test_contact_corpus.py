"""Field accuracy of the contact parser over realistic booth messages (tests/unit/contact_corpus.py)."""

from __future__ import annotations

from bot.contacts import parse_contacts
from bot.model import ContactDraft
from tests.unit.contact_corpus import CORPUS, Case, Expected

REQUIRED_ACCURACY = 0.95
FIELDS = ("name", "title", "company", "emails", "phones", "event", "signals")


def _actual(draft: ContactDraft, name: str) -> object:
    value = getattr(draft, name)
    return frozenset(value) if name == "signals" else value


def _expected(contact: Expected, name: str) -> object:
    value = getattr(contact, name)
    return frozenset(value) if name == "signals" else value


def score_case(case: Case) -> tuple[int, list[str]]:
    """(fields right, misses). Each expected field counts once, and so does the number of contacts."""
    drafts = parse_contacts(case.text, default_region=case.region, channel_event=case.channel_event)
    misses: list[str] = []
    right = 0
    if len(drafts) == len(case.contacts):
        right += 1
    else:
        misses.append(f"{case.text!r}: {len(drafts)} contacts, expected {len(case.contacts)}")
    for index, contact in enumerate(case.contacts):
        draft = drafts[index] if index < len(drafts) else None
        for name in FIELDS:
            want = _expected(contact, name)
            got = _actual(draft, name) if draft else None
            if got == want:
                right += 1
            else:
                misses.append(f"{case.text[:60]!r} #{index} {name}: got {got!r}, expected {want!r}")
    return right, misses


def corpus_report() -> tuple[float, list[str], int]:
    right, total, misses = 0, 0, []
    for case in CORPUS:
        case_right, case_misses = score_case(case)
        right += case_right
        total += 1 + len(FIELDS) * len(case.contacts)
        misses.extend(case_misses)
    return right / total, misses, total


def test_the_corpus_is_big_and_varied_enough() -> None:
    assert len(CORPUS) >= 90
    assert sum(len(case.contacts) > 1 for case in CORPUS) >= 5
    assert any(not case.contacts for case in CORPUS)


def test_at_least_95_percent_of_expected_fields_are_read_right() -> None:
    accuracy, misses, total = corpus_report()
    report = "\n".join(misses)
    print(f"\ncontact corpus: {accuracy:.1%} of {total} fields right, {len(misses)} misses\n{report}")
    assert accuracy >= REQUIRED_ACCURACY, (
        f"accuracy {accuracy:.1%} < {REQUIRED_ACCURACY:.0%}; misses:\n{report}"
    )
