"""Need answers: the pain in the rep's own words, or a clear "no need" / "unclear".

Anything with substance that is not a "no need" or an "unclear" is a confirmed need, kept as typed
(minus a "need:" label and leading filler); a lone "ok", "yes" or "hmm" is not understood.
"""

from __future__ import annotations

import re

from bot.model import Need, NeedStatus

_MAX_TEXT = 2000
_LABEL = re.compile(r"^\s*(?:the\s+)?(?:need|needs|pain|pain\s+point|problem|use\s+case)\s*(?:is\s*)?[:=–-]\s*", re.I)
_LEADING_FILLER = re.compile(
    r"^(?:(?:well|so|um+|uh+|erm|ok(?:ay)?|yeah|yes|yep|basically|honestly|i\s+think|i\s+guess|they\s+said"
    r"|apparently|hmm+|like)\b[\s,.:;!-]*)+",
    re.I,
)
_NONE = re.compile(
    r"\b(?:just\s+(?:browsing|looking|curious|exploring|researching)|no\s+(?:concrete|real|actual|specific|current)?"
    r"\s*(?:project|need|needs|pain|problem|use\s+case|interest)|not\s+interested|no\s+longer\s+interested"
    r"|(?<!not\s)(?<!n't\s)happy\s+with\s+(?:(?:their|the|its|our|his|her)\s+)?(?:current|existing|present)"
    r"|(?<!not\s)(?<!n't\s)happy\s+with\s+what\s+they\s+have|tyre[\s-]kicker|tire[\s-]kicker"
    r"|nothing\s+(?:specific|concrete|really)|not\s+a\s+priority|don'?t\s+need|doesn'?t\s+need)\b"
    r"|^\s*(?:no|nope|nah|n/a|none|nothing)\s*[.!]*\s*$",
    re.I,
)
_UNKNOWN = re.compile(
    r"\b(?:unclear|not\s+sure|unsure|unknown|don'?t\s+know|do\s+not\s+know|no\s+idea|tbd|dunno|idk|no\s+clue"
    r"|to\s+be\s+(?:confirmed|discovered|determined)|need\s+to\s+(?:dig|find\s+out|ask))\b",
    re.I,
)
_FILLER_WORDS = frozenset(
    "ok okay k kk hmm hm hmmm yes yeah yep yup sure maybe fine right cool nice good great thanks thx ty "
    "lol idk so well um uh erm and the a it this that".split()
)


def _has_substance(text: str) -> bool:
    words = re.findall(r"[^\W\d_]+", text)
    return any(len(w) >= 3 and w.lower() not in _FILLER_WORDS for w in words)


def parse_need(text: str) -> Need | None:
    """Read a rep's answer on the prospect's need; None when nothing in it is understood."""
    said = " ".join(text[:_MAX_TEXT].split())
    said = _LABEL.sub("", said).replace("\u2019", "'")
    if not said:
        return None
    if _NONE.search(said):
        return Need(status=NeedStatus.NONE)
    if _UNKNOWN.search(said):
        return Need(status=NeedStatus.UNKNOWN)
    if not _has_substance(said):
        return None
    pain = _LEADING_FILLER.sub("", said).strip(" \t.,;:!-")
    return Need(status=NeedStatus.CONFIRMED, pain=pain or said.strip())
