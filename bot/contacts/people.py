"""Name, job title and company from what is left of a message once e-mails, phones and cues are out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.contacts.normalise import has_legal_form
from bot.contacts.notes import is_noise
from bot.contacts.vocabulary import HONORIFIC_RE, LABELS
from bot.contacts.words import (
    CJK,
    capitalise_name,
    is_company_like,
    is_lone_first_name,
    is_lower_name,
    is_name,
    is_title,
    split_name_run,
)

MAX_PIECES = 200

_LEAD_IN = re.compile(
    r"^[ \t]*(?:(?:new\s+)?(?:lead|contact|prospect)\s*:|(?:business\s+)?card\s+from\b|(?:also|just)\s+met\b|"
    r"met\s+with\b|met\b|talked\s+(?:to|with)\b|spoke\s+(?:to|with)\b|chatted\s+with\b|ran\s+into\b|"
    r"bumped\s+into\b)[ \t]*",
    re.I | re.M,
)
_PRONOUN = re.compile(r"^(?:she|he|they)(?:'s|’s|\s+is|\s+are|'re|’re)\s+(?:(?:an?|the|our)\s+)?", re.I)
_PAREN = re.compile(r"\(([^()\n]{1,80})\)")
_SEPARATOR = re.compile(
    r"[,;|•·\n\t<>\[\]{}\u3001\uff0c]|\s[-–—/]+\s|[–—]|:(?:\s+|$)"
    r"|(?<=\w\w)(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bvs)(?<!\bSt)(?<!Mrs)(?<!Prof)(?<!Corp)(?<!\bInc)(?<!\bLtd)(?<!\bCo)"
    r"\.(?:\s+|$)"
)
_COMPANY_CUE = re.compile(r"^(?P<a>.+?)\s+(?P<cue>at|from|chez|bei|@|with)\s+(?P<b>.+)$")
# "from Samsung", "works at oracle", "@ Doctolib": a company named on its own.
_COMPANY_HINT = re.compile(
    r"^(?:from|@|(?:(?:she|he|they)\s+)?(?:works?|working|worked)\s+(?:at|for)|employed\s+(?:at|by))\s+(?P<b>.+)$",
    re.I,
)
_NAME_AFTER_WORD = re.compile(
    r"\b(?:with|for|to|from|met|saw)\s+((?:[A-Z][\w'’-]+\s+){1,3}[A-Z][\w'’-]+)\s*$"
)
_STRIP = " \t,;:!?\"*_()[]{}<>'’"


@dataclass
class People:
    name: str = ""
    title: str = ""
    company: str = ""
    notes: list[str] = field(default_factory=list)
    name_first: bool = False  # the name is the first thing written: the line is about this person


def _clean(piece: str) -> str:
    piece = piece.strip(_STRIP + "-–—/")
    # A trailing full stop ends a sentence, unless it belongs to "Corp." or "S.A.".
    if piece.endswith(".") and not has_legal_form(piece):
        piece = piece.rstrip(".").rstrip()
    return piece.lstrip(".")


def _split_scripts(piece: str) -> list[str]:
    """ "Mei Lin 林美" -> ["Mei Lin", "林美"]; "田中 太郎 株式会社ソニー" -> ["田中 太郎", "株式会社ソニー"]."""
    if not CJK.search(piece) or " " not in piece:
        return [piece]
    out: list[str] = []
    for token in piece.split():
        prev = out[-1] if out else ""
        same_latin = prev and not CJK.search(prev) and not CJK.search(token)
        cjk_name_pair = prev and CJK.search(token) and is_name(f"{prev} {token}") and " " not in prev
        if same_latin or cjk_name_pair:
            out[-1] = f"{prev} {token}"
        else:
            out.append(token)
    return out


def _split(text: str, in_parens: bool) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    for raw in _SEPARATOR.split(text)[: MAX_PIECES * 2]:
        piece = _PRONOUN.sub("", _LEAD_IN.sub("", _clean(raw)))
        for part in _split_scripts(piece):
            if part := _clean(part):
                out.append((part, in_parens))
    return out


def pieces_of(text: str) -> list[tuple[str, bool]]:
    """The short phrases a rep separated with commas, bars, dashes or lines; (phrase, in parentheses)."""
    pieces: list[tuple[str, bool]] = []
    for m in _PAREN.finditer(text):
        pieces.extend(_split(m.group(1), True))
    pieces.extend(_split(_LEAD_IN.sub("", _PAREN.sub(",", text)), False))
    return pieces[:MAX_PIECES]


def _title_cased(company: str) -> str:
    return company.title() if company.islower() and len(company.split()) <= 3 else company


class _Reading:
    def __init__(self, *, has_reach: bool, after_met: bool) -> None:
        self.found = People()
        self.strong_company = ""
        self.weak_companies: list[str] = []
        self.has_reach = has_reach
        self.after_met = after_met  # the first piece follows "met": "met Peter" names Peter

    def as_name(self, piece: str, first: bool) -> str:
        """The piece as this person's name, or ""."""
        piece = HONORIFIC_RE.sub("", piece)
        lower_ok = first and (self.has_reach or self.after_met)
        if is_name(piece, lowercase_ok=lower_ok) or (first and self.after_met and is_lone_first_name(piece)):
            return capitalise_name(piece)
        return ""

    def company(self, company: str, *, strong: bool) -> bool:
        if not is_company_like(company):
            return False
        if strong and not self.strong_company:
            self.strong_company = company
        else:
            self.weak_companies.append(company)
        return True

    def take(self, piece: str, in_parens: bool, first: bool, pending: list[tuple[str, bool]]) -> bool:
        """Reads one piece; True when it was split and its first half, put back, is still the first piece."""
        found = self.found
        cue = _COMPANY_CUE.match(piece)
        if cue and in_parens and cue["cue"] not in ("@", "at"):
            cue = None
        if cue and (is_title(cue["a"]) or (cue["cue"] != "with" and self.as_name(cue["a"], first))):
            pending[:0] = [(cue["a"], False)]
            if not self.company(_title_cased(_clean(cue["b"])), strong=True):
                found.notes.append(cue["b"])
            return True
        hint = _COMPANY_HINT.match(piece)
        if hint and self.company(_title_cased(_clean(hint["b"])), strong=True):
            return False
        if (
            first
            and self.after_met
            and is_lower_name(piece)
            and len(piece.split()) == 3
            and not self.has_reach
        ):
            *given, company = piece.split()  # "met jane doe acme"
            pending[:0] = [(" ".join(given), False), (company.title(), False)]
            return True
        if len(parts := split_name_run(piece)) > 1:
            pending[:0] = [(p, in_parens) for p in parts]
            return True
        if is_title(piece) and not found.title:
            found.title = piece
        elif (in_parens or has_legal_form(piece)) and is_company_like(piece) and not self.strong_company:
            self.strong_company = piece
        elif not found.name and (name := self.as_name(piece, first)):
            found.name, found.name_first = name, first
        elif found.name and CJK.search(piece) and is_name(piece):
            found.notes.append(piece)  # the same person's name in their own script
        elif not (is_company_like(piece) and not is_title(piece) and self.company(piece, strong=False)):
            found.notes.append(piece)
        return False

    def result(self) -> People:
        found = self.found
        weak = self.weak_companies
        found.company = self.strong_company or (weak[0] if weak else "")
        found.notes.extend(c for c in weak if c != found.company)
        if not found.name:
            for note in found.notes:
                m = _NAME_AFTER_WORD.search(note)
                if m and is_name(m.group(1)):
                    found.name = m.group(1)
                    break
        found.notes = [n for n in found.notes if not is_noise(n)]
        return found


def starts_with_met(text: str) -> bool:
    return bool(_LEAD_IN.match(text))


def read_people(text: str, *, has_reach: bool, after_met: bool = False) -> People:
    """after_met: the rep's text began with "met" (or "talked to"...), even if a cue took that word."""
    reading = _Reading(has_reach=has_reach, after_met=after_met or starts_with_met(text))
    pending = pieces_of(text)
    first = True
    while pending:
        piece, in_parens = pending.pop(0)
        if piece.lower() in LABELS or not any(c.isalpha() for c in piece):
            continue
        if in_parens:  # "(Siemens)" is read before the name it follows, but never is the first piece
            reading.take(piece, in_parens, False, pending)
            continue
        # A piece split in two ("Peter from Siemens") hands its first half back as the first piece.
        first = reading.take(piece, in_parens, first, pending) and first
    return reading.result()
