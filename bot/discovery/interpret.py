"""Read one message of a discovery thread: a control word, labelled answers, or an answer to the question asked."""

from __future__ import annotations

import re
from datetime import datetime

from bot.bant.authority import parse_authority
from bot.bant.budget import parse_budget
from bot.bant.need import parse_need
from bot.bant.timeline import find_follow_up, parse_timeline
from bot.discovery.intents import (
    Answer,
    Back,
    BantValue,
    DontKnow,
    Intent,
    NotUnderstood,
    Parsed,
    Pause,
    Skip,
    Start,
    Status,
    is_positive,
    unconfirmed,
    unknown_value,
)
from bot.discovery.labels import is_correction, labelled_segments, strip_correction
from bot.model import Authority, AuthorityLevel, BantItem, Budget, Settings, Timeline, TimelineStatus

# Whole-message control words, compared after _normalise (lower case, no apostrophes, no edge punctuation).
# Only whole messages count: "stop using spreadsheets" is an answer, not a pause.
_SKIP = {"skip", "next", "pass", "later", "skip it", "skip this", "skip for now", "next question", "skip please"}  # fmt: skip
_DONT_KNOW = {
    "dont know", "do not know", "i dont know", "dunno", "no idea", "unknown", "not sure", "idk", "no clue",
    "dont know yet", "not sure yet", "no idea yet", "unknown yet", "not known",
}  # fmt: skip
_BACK = {"back", "undo", "go back", "undo that", "undo last"}
_PAUSE = {"pause", "stop", "later please", "cancel", "stop discovery", "pause discovery", "cancel discovery"}
_STATUS = {"status", "where are we", "where are we at", "progress", "checklist"}
_START = {
    "qualify", "start discovery", "resume", "continue", "start", "qualify them", "qualify this",
    "resume discovery", "continue discovery", "lets qualify",
}  # fmt: skip

_MENTION = re.compile(r"^(?:\s*<@[A-Z0-9]+(?:\|[^>]*)?>)+")
_EDGE_PUNCTUATION = " \t\r\n.!?,;:…*_~\"'()-–—"
# A bare yes/no is an answer to "are they the decision maker?", the way the question is put.
_YES = {"yes", "y", "yep", "yeah", "yup", "true", "correct", "they are", "she is", "he is"}
# A guess is not a confirmation: "not sure, maybe a few thousand", "they need better reporting I think".
_HEDGE = re.compile(
    r"\b(?:not\s+(?:sure|certain|confirmed)|unsure|uncertain|unconfirmed|i\s+(?:think|guess|believe|assume|suppose"
    r"|reckon)|maybe|perhaps|probably|possibly|might\s+be|could\s+be|guess(?:ing)?|no\s+idea|don'?t\s+know|dunno"
    r"|idk|unclear|supposedly|rumou?red)\b",
    re.IGNORECASE,
)
# A clause that asks for a follow-up ("call her back on Thursday") says when to call, not when they buy.
_FOLLOW_UP_CLAUSE = re.compile(
    r"^(?:please\s+)?(?:follow(?:ing)?[\s-]?up|f/u|call|ring|phone|ping|remind|check\s+(?:back|in)|reach\s+out"
    r"|e-?mail|text|message|get\s+back|touch\s+base|circle\s+back|chase|reconnect|talk\s+to|speak\s+(?:to|with))\b",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"[,;.!?\n]+|\s+(?:and|but)\s+", re.IGNORECASE)
# At the need question, going live is a deadline unless a pain is said too ("…before they go live in March").
_GO_LIVE = re.compile(r"\b(?:go(?:ing)?[\s-]?live|live\s+by|launch|roll[\s-]?out|in\s+place|up\s+and\s+running)\b", re.IGNORECASE)
_PAIN = re.compile(
    r"\b(?:problem|pain|issue|struggl\w*|slow|manual\w*|spreadsheets?|replace|takes?|lose|losing|wast\w*|costs?|"
    r"need\s+(?:to|a|an|better)|because|so\s+that)\b",
    re.IGNORECASE,
)
# Words that make a date read as a timeline when it was said to another question.
_TIMELINE_CUE = re.compile(
    r"\b(?:by|before|deadline|go[\s-]?live|live|launch|roll[\s-]?out|implement\w*|in\s+place|timeline|timing"
    r"|start(?:ing)?|kick[\s-]?off|buy(?:ing)?|sign(?:ing)?|purchase)\b",
    re.IGNORECASE,
)


def _normalise(text: str) -> str:
    text = _MENTION.sub("", text).replace("\u2019", "'").replace("'", "").lower()
    return " ".join(text.strip(_EDGE_PUNCTUATION).split())


def _control(word: str, asking: BantItem | None) -> Intent | None:
    if word in _BACK:
        return Back()
    if word in _PAUSE:
        return Pause()
    if word in _STATUS:
        return Status()
    if word in _START:
        return Start()
    if asking is not None and word in _SKIP:
        return Skip(asking)
    if asking is not None and word in _DONT_KNOW:
        return DontKnow(asking)
    return None


def _without_follow_up(text: str, now: datetime) -> str:
    """`text` without the clauses that ask for a follow-up at a time ("call her back on Thursday, she's busy")."""
    clauses = [c.strip() for c in _CLAUSE.split(text) if c.strip()]
    kept = [c for c in clauses if not (_FOLLOW_UP_CLAUSE.match(c) and find_follow_up(c, now=now))]
    return text if len(kept) == len(clauses) else ", ".join(kept)


def _read(item: BantItem, text: str, now: datetime, settings: Settings) -> BantValue | None:
    word = _normalise(text)
    if word in _DONT_KNOW:
        return unknown_value(item)
    match item:
        case BantItem.BUDGET:
            return parse_budget(text, default_currency=settings.currency)
        case BantItem.AUTHORITY:
            found = parse_authority(text)
            if found is None and word in _YES:
                return Authority(AuthorityLevel.DECISION_MAKER)
            return found
        case BantItem.NEED:
            return parse_need(text)
        case BantItem.TIMELINE:
            return parse_timeline(
                text,
                now=now,
                fiscal_year_start_month=settings.fiscal_year_start_month,
                languages=settings.languages,
            )
    raise ValueError(f"not a BANT item: {item!r}")


def read_answer(item: BantItem, text: str, *, now: datetime, settings: Settings) -> tuple[BantValue, BantValue | None] | None:
    """(value to record, estimate) for an answer on `item`; None when not understood.

    A hedged answer that would satisfy ("maybe 20k", "I think she decides") is recorded as not known, with
    what was guessed as the estimate."""
    text = strip_correction(text)
    value = _read(item, text, now, settings)
    if value is None or not is_positive(value) or not _HEDGE.search(text.replace("\u2019", "'")):
        return None if value is None else (value, None)
    return unconfirmed(value), value


def parse_value(item: BantItem, text: str, *, now: datetime, settings: Settings) -> BantValue | None:
    """The value recorded for an answer on `item` (words meaning "don't know" record unknown, a guess is not
    confirmed); None when not understood."""
    found = read_answer(item, text, now=now, settings=settings)
    return None if found is None else found[0]


def _fits_elsewhere(
    text: str, asked: BantItem | None, *, now: datetime, settings: Settings
) -> tuple[BantItem, BantValue, BantValue | None] | None:
    """The one other item an unlabelled answer clearly fits: an amount is a budget, a date said as a deadline a
    timeline. None when it fits neither, or both."""
    said = strip_correction(text)
    fits: list[tuple[BantItem, BantValue, BantValue | None]] = []
    budget = read_answer(BantItem.BUDGET, said, now=now, settings=settings)
    if budget is not None:
        shown = budget[1] or budget[0]
        assert isinstance(shown, Budget)
        if (shown.known and not shown.none) or (shown.none and "budget" in said.lower()):
            fits.append((BantItem.BUDGET, *budget))
    dated = _without_follow_up(said, now)
    timeline = read_answer(BantItem.TIMELINE, dated, now=now, settings=settings) if dated else None
    if timeline is not None:
        shown = timeline[1] or timeline[0]
        assert isinstance(shown, Timeline)
        phrase = shown.phrase.lower()
        rest = dated.lower().replace(phrase, " ") if phrase else dated.lower()
        short = len(re.findall(r"[^\W\d_]{3,}", strip_correction(rest))) <= 2
        if shown.status is TimelineStatus.DATE and (short or _TIMELINE_CUE.search(rest)):
            fits.append((BantItem.TIMELINE, *timeline))
        elif shown.status is TimelineStatus.NONE and re.search(r"time\s*line|deadline|time\s*frame", rest):
            fits.append((BantItem.TIMELINE, *timeline))
    fits = [fit for fit in fits if fit[0] is not asked]
    return fits[0] if len(fits) == 1 else None


def interpret(text: str, *, asking: BantItem | None, now: datetime, settings: Settings) -> Intent:
    """What `text` means while Banter asks `asking` (None: discovery is complete)."""
    control = _control(_normalise(text), asking)
    if control is not None:
        return control
    segments = labelled_segments(text)
    if segments:
        parsed: list[Parsed] = []
        unclear: list[tuple[BantItem, str]] = []
        for segment in segments:
            found = read_answer(segment.item, segment.value, now=now, settings=settings)
            if found is None:
                unclear.append((segment.item, segment.raw))
            else:
                parsed.append(Parsed(segment.item, found[0], segment.raw, found[1]))
        if not parsed:
            return NotUnderstood(unclear[0][0], text)
        return Answer(tuple(parsed), tuple(unclear), correction=is_correction(text))
    if not text.strip():
        return NotUnderstood(asking, text)
    correction = is_correction(text)
    found = None
    if asking is not None:
        # "call her back on Thursday" asks for a follow-up: it is no deadline, and no need either.
        said = _without_follow_up(text, now)
        if said != text and asking is BantItem.NEED and len(re.findall(r"[^\W\d_]{3,}", said)) < 3:
            said = ""  # "call her back on Thursday, she's busy": the rest is a remark, not a need
        found = read_answer(asking, said, now=now, settings=settings) if said.strip() else None
    # An answer that only fits another item ("actually it's 40k" while asking authority) is recorded there.
    # The need question takes almost any words, so there only a correction moves the answer; after discovery
    # is complete, only a correction is an answer at all.
    # At the need question "they want to go live in March" is a deadline, not a pain: it goes to the timeline.
    said_when = asking is BantItem.NEED and _GO_LIVE.search(text) is not None and _PAIN.search(text) is None
    if found is None or (correction and asking is BantItem.NEED) or said_when:
        if asking is not None or correction:
            elsewhere = _fits_elsewhere(text, asking, now=now, settings=settings)
            if elsewhere is not None:
                item, value, estimate = elsewhere
                return Answer((Parsed(item, value, text.strip(), estimate),), asked=asking, correction=correction)
    if found is None:
        return NotUnderstood(asking, text)
    assert asking is not None
    return Answer((Parsed(asking, found[0], text.strip(), found[1]),), correction=correction)


def estimate_of(item: BantItem, raw: str, *, now: datetime, settings: Settings) -> BantValue | None:
    """What a recorded hedged answer guessed ("maybe a few thousand": $3,000), read again from the rep's words."""
    intent = interpret(raw, asking=item, now=now, settings=settings)
    if not isinstance(intent, Answer):
        return None
    return next((p.estimate for p in intent.parsed if p.item is item), None)
