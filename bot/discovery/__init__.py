"""The BANT discovery conversation: what a message in a contact's thread means, and what to ask next."""

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
    authority_from_button,
    is_positive,
    unconfirmed,
    unknown_value,
)
from bot.discovery.interpret import estimate_of, interpret, parse_value, read_answer
from bot.discovery.labels import is_correction, parse_labelled, strip_correction
from bot.discovery.questions import EXAMPLES, QUESTIONS, Question, next_item
from bot.discovery.summary import checklist, standing, summarise_estimate, summarise_value

__all__ = [
    "EXAMPLES",
    "QUESTIONS",
    "Answer",
    "Back",
    "BantValue",
    "DontKnow",
    "Intent",
    "NotUnderstood",
    "Parsed",
    "Pause",
    "Question",
    "Skip",
    "Start",
    "Status",
    "authority_from_button",
    "checklist",
    "estimate_of",
    "interpret",
    "is_correction",
    "is_positive",
    "next_item",
    "parse_labelled",
    "parse_value",
    "read_answer",
    "standing",
    "strip_correction",
    "summarise_estimate",
    "summarise_value",
    "unconfirmed",
    "unknown_value",
]

