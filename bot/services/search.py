"""Finding contacts by what people remember of them: a name, a company, an email, a phone, an event."""

from __future__ import annotations

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.contacts import normalise_name
from bot.ports import UnitOfWork
from bot.records import ContactRecord


class Ambiguous(LookupError):
    """Several contacts fit; acting on one of them would be a guess."""

    def __init__(self, text: str, candidates: list[ContactRecord]) -> None:
        super().__init__(text)
        self.text, self.candidates = text, candidates


def find_contacts(uow: UnitOfWork, team_id: str, text: str, limit: int = 10) -> list[ContactRecord]:
    """Exact matches (email, phone, name, company, event) when there are any, else close spellings."""
    text = text.strip()
    if not text:
        return []
    exact = uow.contacts.search(team_id, text, limit=limit)
    digits = "".join(ch for ch in text if ch.isdigit())
    if not exact and len(digits) >= 6 and len(digits) >= len(text.replace(" ", "")) - 6:
        exact = uow.contacts.search(team_id, digits, limit=limit)  # phones are stored as +14155550132
    if exact:
        return exact
    everyone = uow.contacts.all(team_id)  # only on a miss: typos are rare, and searched once
    choices = {c.id: normalise_name(" ".join([c.name, c.company, c.event, *c.emails])) for c in everyone}
    fuzzy = process.extract(normalise_name(text), choices, scorer=fuzz.WRatio, limit=limit, score_cutoff=75)
    by_id = {c.id: c for c in everyone}
    if not fuzzy:
        return [by_id[k] for k in _near_words(normalise_name(text), choices)][:limit]
    return [by_id[k] for _, _, k in fuzzy]


def _near_words(query: str, choices: dict[int | None, str]) -> list[int | None]:
    """Every word typed is one slip (two in long words) from a word of the contact: swapped letters
    ("jnae"), one missing, extra or wrong. What WRatio misses in short words."""
    words = [w for w in query.split() if len(w) >= 4]
    if not words:
        return []
    out = []
    for key, choice in choices.items():
        theirs = set(choice.replace("@", " ").replace(".", " ").split())
        if all(any(OSA.distance(w, t) <= (2 if len(w) >= 8 else 1) for t in theirs) for w in words):
            out.append(key)
    return out


def find_one(uow: UnitOfWork, team_id: str, text: str) -> ContactRecord:
    """The one contact `text` names: an exact email or full name wins; several close ones are Ambiguous."""
    found = find_contacts(uow, team_id, text, limit=6)
    if not found:
        raise LookupError(text)
    wanted = text.strip().casefold()
    exact = [c for c in found if wanted in (e.casefold() for e in c.emails)] or [
        c for c in found if normalise_name(c.name) == normalise_name(text)
    ]
    if len(exact) == 1:
        return exact[0]
    if len(found) == 1:
        return found[0]
    raise Ambiguous(text, exact or found)
