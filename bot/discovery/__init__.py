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
    unknown_value,
)
from bot.discovery.interpret import interpret, parse_value
from bot.discovery.labels import parse_labelled, strip_correction
from bot.discovery.questions import EXAMPLES, QUESTIONS, Question, next_item
from bot.discovery.summary import checklist, summarise_value

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
    "interpret",
    "next_item",
    "parse_labelled",
    "parse_value",
    "strip_correction",
    "summarise_value",
    "unknown_value",
]
