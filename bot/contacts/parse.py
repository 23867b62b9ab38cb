"""A rep's message -> one ContactDraft per person in it."""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass

from bot.contacts.cues import Cues, find_cues
from bot.contacts.lines import name_group, numbered_items
from bot.contacts.people import People, read_people, starts_with_met
from bot.contacts.reach import Reach, find_reach
from bot.model import ContactDraft, Signal

log = logging.getLogger(__name__)

MAX_TEXT = 20_000  # Slack allows 40,000; nobody types more than a screenful of contacts
MAX_CONTACTS = 50
MAX_PERSON_LINE_CHECKS = 60
CAPS = {"name": 200, "title": 200, "company": 200, "note": 4000, "event": 200, "source": 300, "website": 300}

_BULLET = re.compile(r"^\s*(?:[-*•‣▪◦]|\d{1,2}[.)])\s+")
_MAYBE_REACHABLE = re.compile(r"@|\d(?:\D{0,3}\d){6}")
_MAYBE_GROUP = re.compile(r";|\b(?:all|both)\s|\s(?:and|&)\s.*\s(?:from|@)\s", re.I)
_NEWLINES = re.compile(r"\r\n|[\r\u2028\u2029\x85\x0b\x0c]")


def _cap(value: str, field: str) -> str:
    return value[: CAPS[field]].strip()


def _clean(text: str) -> str:
    """Drops control and format characters (NUL, RTL overrides, zero-width) but keeps line breaks."""
    return "".join(c for c in text if c == "\n" or unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co"))


@dataclass(frozen=True)
class _Reading:
    reach: Reach
    cues: Cues
    people: People


class _Reader:
    """Reads chunks of one message, each distinct chunk once (a list line is read twice otherwise)."""

    def __init__(self, region: str) -> None:
        self.region = region
        self._seen: dict[str, _Reading] = {}

    def read(self, text: str) -> _Reading:
        if text not in self._seen:
            reach = find_reach(text, self.region)
            cues = find_cues(text)
            working = text
            for start, end in sorted(reach.spans + cues.spans, reverse=True):
                working = working[:start] + " , " + working[end:]
            has_reach = bool(reach.emails or reach.phones)
            people = read_people(working, has_reach=has_reach, after_met=starts_with_met(text))
            self._seen[text] = _Reading(reach, cues, people)
        return self._seen[text]

    def draft(self, text: str, raw: str, default_event: str) -> ContactDraft:
        reach, cues, people = (r := self.read(text)).reach, r.cues, r.people
        event = cues.event or default_event
        signals = list(cues.signals)
        if cues.source.startswith("referral") and Signal.REFERRAL not in signals:
            signals.append(Signal.REFERRAL)
        return ContactDraft(
            name=_cap(people.name, "name"),
            title=_cap(people.title, "title"),
            company=_cap(people.company, "company"),
            emails=tuple(reach.emails),
            phones=tuple(reach.phones),
            website=_cap(reach.website, "website"),
            linkedin=_cap(reach.linkedin, "website"),
            event=_cap(event, "event"),
            source=_cap(cues.source or ("event" if event else ""), "source"),
            signals=tuple(signals),
            note=_cap(", ".join(people.notes), "note"),
            raw=raw,
        )

    def is_person_line(self, line: str) -> bool:
        """A line with its own name and a way to reach them: one person of a list."""
        if not _MAYBE_REACHABLE.search(line):
            return False
        reading = self.read(line)
        return bool(reading.people.name and (reading.reach.emails or reading.reach.phones))

    def starts_with_name(self, line: str) -> bool:
        """A line that opens with a person's name: "Marie-Claire d'Arcy, Head of Growth @ Doctolib"."""
        return self.read(_BULLET.sub("", line)).people.name_first

    def is_named_line(self, line: str) -> bool:
        """A name first and more about them: a list line even without an e-mail or phone."""
        reading = self.read(_BULLET.sub("", line))
        people, reach = reading.people, reading.reach
        return people.name_first and bool(people.title or people.company or reach.emails or reach.phones)


def _starts(lines: list[str], reader: _Reader, forced: set[int]) -> list[int]:
    """Indexes of the lines that begin a new person; [] when the message is about one person."""
    bullets = [i for i, line in enumerate(lines) if _BULLET.match(line)]
    if bullets:
        return sorted(set(bullets) | forced)
    candidates = [i for i, line in enumerate(lines) if line.strip()][:MAX_PERSON_LINE_CHECKS]
    people = [i for i in candidates if reader.is_person_line(lines[i])]
    named = [i for i in candidates if reader.is_named_line(lines[i])]
    # One such line plus a few others is a signature or a note that goes on; two or more is a list.
    if len(people) < 2 and len(named) < 2 and not forced:
        return []
    return sorted(set(people) | {i for i in candidates if reader.starts_with_name(lines[i])} | forced)


def _expand(lines: list[str], raw_lines: list[str], reader: _Reader) -> tuple[list[str], list[str], set[int]]:
    """Lines that name several people split into one line each; the indexes of the split lines."""
    out, raw_out, forced = [], [], set()
    for line, raw in zip(lines, raw_lines, strict=True):
        parts = numbered_items(line)
        shared = ""
        if len(parts) == 1 and _MAYBE_GROUP.search(line):
            parts, shared = name_group(line)
            if len(parts) < 2 or not all(reader.starts_with_name(p) for p in parts):
                parts, shared = [line], ""
        if len(parts) > 1:
            forced.update(range(len(out), len(out) + len(parts)))
            parts = [f"{p}, from {shared}" if shared else p for p in parts]
            raw_out.extend(parts)
        else:
            raw_out.append(raw)
        out.extend(parts)
    return out, raw_out, forced


def parse_contacts(text: str, *, default_region: str = "US", channel_event: str = "") -> list[ContactDraft]:
    """Every contact in a rep's message, in the order written. Never raises."""
    try:
        return _parse(text, default_region, channel_event)
    except Exception:  # a rep's message must never break the bot; the text is still in Slack
        log.exception("could not read contacts from a message of %d characters", len(text or ""))
        return []


def _parse(text: str, default_region: str, channel_event: str) -> list[ContactDraft]:
    original = _NEWLINES.sub("\n", (text or "") if isinstance(text, str) else "").replace("\x00", "")
    raw_lines = original[:MAX_TEXT].split("\n")
    reader = _Reader((default_region or "US").upper())
    lines, raw_lines, forced = _expand([_clean(line) for line in raw_lines], raw_lines, reader)
    starts = _starts(lines, reader, forced)
    if not starts:
        chunks = [(0, len(lines))]
    else:
        bounds = starts[:MAX_CONTACTS] + [len(lines)]
        chunks = [(0, bounds[0])] + list(zip(bounds, bounds[1:], strict=False))
    drafts: list[ContactDraft] = []
    event = channel_event
    for number, (start, end) in enumerate(chunks):
        if start == end:
            continue
        body = "\n".join(_BULLET.sub("", line) for line in lines[start:end])
        raw = "\n".join(raw_lines[start:end]).strip("\n")
        draft = reader.draft(body, raw, event)
        if draft.has_essentials:
            drafts.append(draft)
        elif starts and number == 0 and draft.event and draft.event != channel_event:
            event = draft.event  # "met at Web Summit:" above a list applies to everyone in it
    return drafts
