"""What one message in a contact's discovery thread means."""

from __future__ import annotations

from dataclasses import dataclass

from bot.model import Authority, AuthorityLevel, BantItem, Budget, Need, NeedStatus, Timeline, TimelineStatus

BantValue = Budget | Authority | Need | Timeline


@dataclass(frozen=True)
class Parsed:
    """One understood answer; `raw` is the rep's whole segment, label included.

    A hedged answer ("not sure, maybe a few thousand") is recorded as not known (`value`), and what the rep
    guessed is kept in `estimate`, so the policy and the score never count a guess as confirmed.
    """

    item: BantItem
    value: BantValue
    raw: str
    estimate: BantValue | None = None


@dataclass(frozen=True)
class Answer:
    """One or several answers to record; an item already answered is a correction.

    `unclear` lists labelled segments that were not understood next to ones that were,
    so the reply can say which part to type again.
    """

    parsed: tuple[Parsed, ...]
    unclear: tuple[tuple[BantItem, str], ...] = ()
    asked: BantItem | None = None  # set when an unlabelled answer only fits another item than the one asked
    correction: bool = False  # "actually ...", "no wait, ...", "sorry, ..."


@dataclass(frozen=True)
class Skip:
    """Leave the asked item open; it is asked again after the others."""

    item: BantItem


@dataclass(frozen=True)
class DontKnow:
    """The rep does not know: recorded as unknown, answered but not satisfied."""

    item: BantItem

    @property
    def value(self) -> BantValue:
        return unknown_value(self.item)


@dataclass(frozen=True)
class Back:
    """Undo the last recorded answer."""


@dataclass(frozen=True)
class Pause:
    """Stop asking in this thread until the rep resumes."""


@dataclass(frozen=True)
class Status:
    """Show the checklist."""


@dataclass(frozen=True)
class Start:
    """Start or resume discovery."""


@dataclass(frozen=True)
class NotUnderstood:
    """Nothing recorded; Banter asks `item` again with examples (None: discovery is complete)."""

    item: BantItem | None
    text: str


Intent = Answer | Skip | DontKnow | Back | Pause | Status | Start | NotUnderstood


def unknown_value(item: BantItem) -> BantValue:
    """The value recorded for an item the rep does not know."""
    match item:
        case BantItem.BUDGET:
            return Budget()
        case BantItem.AUTHORITY:
            return Authority(AuthorityLevel.UNKNOWN)
        case BantItem.NEED:
            return Need(NeedStatus.UNKNOWN)
        case BantItem.TIMELINE:
            return Timeline(TimelineStatus.UNKNOWN)
    raise ValueError(f"not a BANT item: {item!r}")


def is_positive(value: BantValue) -> bool:
    """An answer that can satisfy the policy: an amount, a decision maker or influencer, a need, a date."""
    match value:
        case Budget():
            return value.known and not value.none
        case Authority():
            return value.level in (AuthorityLevel.DECISION_MAKER, AuthorityLevel.INFLUENCER)
        case Need():
            return value.status is NeedStatus.CONFIRMED
        case Timeline():
            return value.status is TimelineStatus.DATE
    return False


def unconfirmed(value: BantValue) -> BantValue:
    """What is recorded for a hedged answer: not known, keeping the words that say what was guessed."""
    match value:
        case Budget():
            return Budget()
        case Authority():
            return Authority(AuthorityLevel.UNKNOWN, value.approver)
        case Need():
            return Need(NeedStatus.UNKNOWN, value.pain)
        case Timeline():
            return Timeline(TimelineStatus.UNKNOWN, phrase=value.phrase)
    raise ValueError(f"not a BANT value: {value!r}")


def authority_from_button(value: str) -> Authority:
    """The authority a button stands for; its value is an AuthorityLevel value ("decision_maker")."""
    try:
        return Authority(AuthorityLevel(value.strip().lower()))
    except ValueError:
        raise ValueError(f"not an authority button value: {value!r}") from None
