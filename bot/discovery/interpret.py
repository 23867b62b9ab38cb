"""Read one message of a discovery thread: a control word, labelled answers, or an answer to the question asked."""

from __future__ import annotations

import re
from datetime import datetime

from bot.bant.authority import parse_authority
from bot.bant.budget import parse_budget
from bot.bant.need import parse_need
from bot.bant.timeline import parse_timeline
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
    unknown_value,
)
from bot.discovery.labels import labelled_segments, strip_correction
from bot.model import Authority, AuthorityLevel, BantItem, Settings

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


def parse_value(item: BantItem, text: str, *, now: datetime, settings: Settings) -> BantValue | None:
    """The value of an answer for `item` (words meaning "don't know" record unknown); None when not understood."""
    text = strip_correction(text)
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
            value = parse_value(segment.item, segment.value, now=now, settings=settings)
            if value is None:
                unclear.append((segment.item, segment.raw))
            else:
                parsed.append(Parsed(segment.item, value, segment.raw))
        if not parsed:
            return NotUnderstood(unclear[0][0], text)
        return Answer(tuple(parsed), tuple(unclear))
    if asking is None or not text.strip():
        return NotUnderstood(asking, text)
    value = parse_value(asking, text, now=now, settings=settings)
    if value is None:
        return NotUnderstood(asking, text)
    return Answer((Parsed(asking, value, text.strip()),))
