"""Labelled answers: "budget: 120k EUR; authority: decision maker; need: ...; timeline: within 60 days"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.model import BantItem

LABELS: dict[BantItem, tuple[str, ...]] = {
    BantItem.BUDGET: ("budget", "money", "spend"),
    BantItem.AUTHORITY: ("authority", "decision maker", "decision", "dm"),
    BantItem.NEED: ("need", "pain", "problem"),
    BantItem.TIMELINE: ("timeline", "timing", "when", "deadline"),
}
_ITEM_BY_LABEL = {label: item for item, labels in LABELS.items() for label in labels}

_CORRECTION_WORDS = r"(?:actually|correction|sorry|oops|make\s+that|no\s+wait|wait|i\s+mean)"
# Stripped from the start of a value: "budget: actually 80k" is a budget of "80k".
_CORRECTION = re.compile(rf"^(?:{_CORRECTION_WORDS}\b[\s,:;.!\-–—]*)+", re.IGNORECASE)

_LABEL_WORDS = "|".join(
    r"[-\s]+".join(map(re.escape, label.split()))  # "decision maker", "Decision-Maker"
    for label in sorted((label for labels in LABELS.values() for label in labels), key=len, reverse=True)
)
# A label starts a segment: at the start, after ';' or a newline, or after ', ' / ' and '
# right before it. A bare hyphen only separates when spaced, so "pain-free onboarding" is no label.
_LABEL = re.compile(
    rf"""
    (?:\A|[;\n]|,|\band\b)                      # where a segment may start
    [ \t]*(?:[-*•·◦]\s+|\d+[.)]\s+)?             # a list bullet
    (?P<segment>
      (?:{_CORRECTION_WORDS}\b[\s,:!.]*)*        # "sorry, budget: 80k"
      [*_]*(?P<label>{_LABEL_WORDS})[*_]*
      (?:\s*[:=?]|\s+[-–—]|\s*[-–—](?=\s))[*_]*\s*
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True)
class LabelledSegment:
    item: BantItem
    value: str  # the rep's words after the label, corrections stripped
    raw: str  # the whole segment, label included


def strip_correction(text: str) -> str:
    """`text` without a leading "actually", "correction", "sorry," or "oops"."""
    return _CORRECTION.sub("", text.strip()).strip()


def is_correction(text: str) -> bool:
    """Whether `text` starts with "actually", "no wait", "correction", "sorry," and the like."""
    return bool(_CORRECTION.match(text.strip()))


def labelled_segments(text: str) -> list[LabelledSegment]:
    """Every labelled answer in `text`, in the order typed; unlabelled text is ignored."""
    matches = list(_LABEL.finditer(text))
    segments: list[LabelledSegment] = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        # ';' and newlines always end a segment, even when no label follows them.
        value_text = re.split(r"[;\n]", text[match.end() : end], maxsplit=1)[0]
        value = strip_correction(value_text).rstrip(" \t,;")
        if not value:
            continue
        item = _ITEM_BY_LABEL[re.sub(r"[-\s]+", " ", match.group("label").lower())]
        raw = text[match.start("segment") : match.end() + len(value_text)].strip().rstrip(",;")
        segments.append(LabelledSegment(item, value, raw))
    return segments


def parse_labelled(text: str) -> list[tuple[BantItem, str]]:
    """(item, value) for each labelled answer: labels in any order and case, several at once."""
    return [(segment.item, segment.value) for segment in labelled_segments(text)]
