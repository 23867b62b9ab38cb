"""What a rep says about intent, where they met, and how the contact came."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.contacts.vocabulary import COMPANY_WORDS, LEGAL_SUFFIX_TOKENS
from bot.model import Signal

_SIGNAL_PATTERNS: tuple[tuple[Signal, re.Pattern[str]], ...] = (
    (Signal.PRICING, re.compile(r"\bpric(?:e|es|ing)\b", re.I)),
    (Signal.QUOTE, re.compile(r"\b(?:quotes?|quotation|proposal|rfp|rfq)\b", re.I)),
    (Signal.DEMO, re.compile(r"\b(?:demo|demos|trial|poc|proof of concept)\b", re.I)),
    (
        Signal.CALL_BOOKED,
        re.compile(
            r"\b(?:booked|scheduled|set up|arranged)\s+(?:(?:a|an|the|our|another)\s+)?(?:[\w-]+\s+){0,2}?"
            r"(?:call|meeting|demo|zoom|follow[- ]?up)\b|\b(?:call|meeting)\s+(?:is\s+)?(?:booked|scheduled)\b",
            re.I,
        ),
    ),
    (Signal.REFERRAL, re.compile(r"\b(?:referred|referral|introduced by|intro from)\b", re.I)),
    (
        Signal.ENGAGED,
        re.compile(
            r"\b(?:downloaded|opened|clicked|inbound|(?:website|web|contact) form|signed up|"
            r"visited\s+(?:our|the)\s+(?:web)?site|attended\s+(?:our|the)\s+webinar)\b",
            re.I,
        ),
    ),
)
_CONTENT_SOURCE = re.compile(r"\b(?:inbound|(?:website|web|contact) form|downloaded)\b", re.I)

# A capitalised phrase: "Web Summit 2026", "Salone del Mobile", "Japan IT Week".
_WORD = r"(?:[A-Z][\w'&.+-]*|\d{2,4})"
_CAP = rf"{_WORD}(?:[ \t]+(?:(?:de|del|di|da|of|the|la|le|des|du|für|and|&)[ \t]+)?{_WORD}){{0,6}}"
_PERSON = r"[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,3}"
_EVENT_WORDS = re.compile(
    r"\b(?:summit|expo|conference|conf|fair|show|meetup|webinar|week|forum|congress|messe|festival|"
    r"world tour|days|convention|symposium|hackathon|tradeshow)\b",
    re.I,
)
_AT_BOOTH = re.compile(rf"\bat[ \t]+(?:the[ \t]+)?(?P<event>{_CAP})[ \t]+(?:booth|stand|table)\b")
_MET_AT = re.compile(rf"\b(?i:met[ \t]+(?:(?:him|her|them)[ \t]+)?at[ \t]+(?:the[ \t]+)?)(?P<event>{_CAP})")
_MET_PERSON_AT = re.compile(
    rf"\b(?i:met|ran into|bumped into|talked to|spoke (?:with|to)|chatted with|saw)[ \t]+{_PERSON}"
    rf"(?:[ \t]*\([^()\n]{{1,60}}\))?(?:[ \t]+from[ \t]+{_CAP})?[ \t]+(?P<at>at[ \t]+(?:the[ \t]+)?(?P<event>{_CAP}))"
)
_AT_EVENT = re.compile(rf"\bat[ \t]+(?:the[ \t]+)?(?P<event>{_CAP})")
_REFERRED_BY = re.compile(
    r"\b(?i:referred(?:[ \t]+to[ \t]+us)?[ \t]+by|referral[ \t]+from|intro(?:duced)?[ \t]+(?:from|by))[ \t]*"
    r"(?P<who>(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?[ \t]+)?[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,3})?"
)


@dataclass
class Cues:
    signals: list[Signal] = field(default_factory=list)
    event: str = ""
    source: str = ""
    spans: list[tuple[int, int]] = field(default_factory=list)  # event and referral phrases


def find_signals(text: str) -> list[Signal]:
    """Signals in the order the rep wrote them, each once."""
    hits: list[tuple[int, Signal]] = []
    for signal, pattern in _SIGNAL_PATTERNS:
        m = pattern.search(text)
        if m:
            hits.append((m.start(), signal))
    return [signal for _, signal in sorted(hits, key=lambda h: h[0])]


def without_signals(text: str) -> str:
    """The text with every signal phrase taken out: "asked for pricing" -> "asked for"."""
    for _, pattern in _SIGNAL_PATTERNS:
        text = pattern.sub(" ", text)
    return text


def _is_company(phrase: str) -> bool:
    last = phrase.replace(".", "").split()[-1].lower() if phrase.split() else ""
    return last in LEGAL_SUFFIX_TOKENS or last in COMPANY_WORDS  # "at Cyberdyne Systems" is where she works


def find_event(text: str) -> tuple[str, tuple[int, int]] | None:
    """An event the rep says they met at. "VP Marketing at Acme Corp" is a company, not an event."""
    for pattern in (_AT_BOOTH, _MET_AT, _MET_PERSON_AT):
        m = pattern.search(text)
        if m and not _is_company(m.group("event")):
            start = m.start("at") if "at" in pattern.groupindex else m.start()
            return m.group("event").strip(" .,"), (start, m.end())
    for m in _AT_EVENT.finditer(text):
        if _EVENT_WORDS.search(m.group("event")) and not _is_company(m.group("event")):
            return m.group("event").strip(" .,"), m.span()
    return None


def find_cues(text: str) -> Cues:
    cues = Cues(signals=find_signals(text))
    event = find_event(text)
    if event:
        cues.event, span = event
        cues.spans.append(span)
    referral = _REFERRED_BY.search(text)
    if referral:
        who = (referral.group("who") or "").strip()
        cues.source = f"referral: {who}" if who else "referral"
        cues.spans.append(referral.span())
    elif Signal.REFERRAL in cues.signals:
        cues.source = "referral"
    elif _CONTENT_SOURCE.search(text):
        cues.source = "content download"
    return cues
