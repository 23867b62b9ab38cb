"""Which leftover phrases are worth keeping as the contact's note."""

from __future__ import annotations

import re

from bot.contacts.cues import without_signals
from bot.contacts.vocabulary import FILLER_WORDS, INTENT_WORDS

_TOKEN = re.compile(r"[^\W\d_]+(?:[.'’][^\W\d_]+)*|\d+")
_DISCLAIMER = re.compile(
    r"\b(?:confidential|privileged|intended\s+(?:solely\s+|only\s+)?for|intended\s+recipient|disclaimer|"
    r"if\s+you\s+(?:have\s+)?received\s+this|notify\s+the\s+sender|unsubscribe|sent\s+from\s+my)\b",
    re.I,
)


def is_noise(piece: str) -> bool:
    """A lead-in ("this person"), greeting, sign-off ("Best regards"), legal disclaimer, or a signal
    said again in words ("asked for pricing") -- not something to keep as a note."""
    if _DISCLAIMER.search(piece):
        return True
    rest = without_signals(piece)
    allowed = FILLER_WORDS | INTENT_WORDS if rest != piece else FILLER_WORDS
    return all(word in allowed for word in _TOKEN.findall(rest.lower()))
