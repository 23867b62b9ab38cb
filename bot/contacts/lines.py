"""One line that holds several people: "1. Anna ... 2. Ben ...", "Kim Lee; Tara Singh - all from Stripe"."""

from __future__ import annotations

import re

_INLINE_NUMBER = re.compile(r"(?:^|(?<=\s))(\d{1,2})[.)]\s+")
# "— all from Stripe", ", both at Acme": one company for everyone named before it.
_SHARED_COMPANY = re.compile(
    r"\s*(?:[—–-]+|,)?\s*\b(?:all|both)(?:\s+(?:of\s+them|two|three|four|five))?\s+(?:from|at|@|with|of)\s+"
    r"(?P<company>[^,;()\n]{1,80}?)\s*[.!]?\s*$",
    re.I,
)
# "Kim Lee and Tara Singh from Stripe"
_NAMES_FROM = re.compile(
    r"^(?P<names>.+?\s(?:and|&)\s.+?)\s+(?:from|@)\s+(?P<company>[^,;()\n]{1,80}?)\s*[.!]?$"
)
_GROUP_SEPARATOR = re.compile(r"\s*;\s*")
_NAME_LIST_SEPARATOR = re.compile(r"\s*,\s*|\s+(?:and|&)\s+")


def numbered_items(line: str) -> list[str]:
    """ "1. Anna ..., 2. Ben ..." typed on one line -> ["1. Anna ...", "2. Ben ..."]; else [line]."""
    marks = list(_INLINE_NUMBER.finditer(line))
    if len(marks) < 2 or marks[0].group(1) != "1" or line[: marks[0].start()].strip():
        return [line]
    kept: list[re.Match[str]] = []
    for mark in marks:
        if int(mark.group(1)) == len(kept) + 1:
            kept.append(mark)
    if len(kept) < 2:
        return [line]
    ends = [m.start() for m in kept[1:]] + [len(line)]
    return [line[m.start() : end].strip(" ,;") for m, end in zip(kept, ends, strict=True)]


def name_group(line: str) -> tuple[list[str], str]:
    """ "met Kim Lee; Tara Singh — all from Stripe" -> (["met Kim Lee", "Tara Singh"], "Stripe").

    The parts are only candidates: the caller keeps them when each one names a person.
    """
    shared = _SHARED_COMPANY.search(line) or _NAMES_FROM.match(line)
    body = (
        shared["names"]
        if shared and "names" in shared.groupdict()
        else line[: shared.start()]
        if shared
        else line
    )
    parts = [p for p in _GROUP_SEPARATOR.split(body) if p.strip()]
    if len(parts) < 2 and shared:
        parts = [p for p in _NAME_LIST_SEPARATOR.split(body) if p.strip()]
    return parts, (shared["company"].strip() if shared else "")
