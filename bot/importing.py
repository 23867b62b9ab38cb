"""Importing a CRM's CSV: its headers mapped to Banter's fields, and each row read into a contact draft.

HubSpot, Salesforce and Banter's own export name the same things differently; the mapping below reads
all three without the user editing the file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from bot.model import ContactDraft

# Banter field -> the header spellings that mean it, compared without case, spaces or punctuation.
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "contact name", "lead name"),
    "first_name": ("first name", "first_name", "firstname", "given name"),
    "last_name": ("last name", "last_name", "lastname", "surname", "family name"),
    "title": ("title", "job title", "jobtitle", "position", "role"),
    "company": ("company", "company name", "account name", "account", "organization", "organisation"),
    "email": ("email", "e-mail", "email address", "work email"),
    "phone": ("phone", "phone number", "business phone", "work phone"),
    "mobile": ("mobile", "mobile phone", "mobile phone number", "cell", "cell phone"),
    "website": ("website", "website url", "web site", "url", "company domain name"),
    "linkedin": ("linkedin", "linkedin url", "linkedin profile", "linkedin bio"),
    "event": ("event",),
    "source": ("source", "lead source", "original source", "original source type"),
    "status": ("lead status", "status"),
    "note": ("note", "notes", "description"),
    "owner": ("owner", "contact owner", "lead owner", "owner name", "hubspot owner", "account owner"),
}
_KEY = re.compile(r"[^a-z0-9]+")
_CELL_SPLIT = re.compile(r"[;,\s]+")
MAX_FIELD = 255  # event and source columns are short strings; longer text goes to the note


def _key(header: str) -> str:
    return _KEY.sub("", header.lower().lstrip("\ufeff"))


_LOOKUP = {_key(spelling): fld for fld, spellings in HEADER_NAMES.items() for spelling in spellings}


@dataclass(frozen=True)
class HeaderMap:
    """Which column holds each Banter field; the headers nobody reads are listed for the report."""

    columns: dict[str, int]
    ignored: tuple[str, ...] = ()

    @property
    def usable(self) -> bool:
        return bool({"name", "first_name", "last_name", "email", "phone", "mobile"} & self.columns.keys())


def map_headers(headers: Sequence[str]) -> HeaderMap:
    columns: dict[str, int] = {}
    ignored: list[str] = []
    for i, header in enumerate(headers):
        fld = _LOOKUP.get(_key(header))
        if fld is None or fld in columns:
            if header.strip():
                ignored.append(header.strip())
            continue
        columns[fld] = i
    return HeaderMap(columns, tuple(ignored))


@dataclass(frozen=True)
class ImportRow:
    """One row understood: the draft to log and the owner named in the file (may be empty)."""

    draft: ContactDraft
    owner: str = ""


@dataclass(frozen=True)
class Skip:
    reason: str


def _cell(row: Sequence[str], headers: HeaderMap, fld: str) -> str:
    i = headers.columns.get(fld)
    if i is None or i >= len(row):
        return ""
    value = row[i] or ""
    if len(value) > 1 and value[0] == "'" and value[1] in "=+-@\t\r":
        value = value[1:]  # Banter's own export guards formulas with a quote; the person typed without it
    return " ".join(value.split())


def _emails(cell: str) -> tuple[list[str], str | None]:
    found: list[str] = []
    for candidate in (c for c in _CELL_SPLIT.split(cell) if c):
        try:
            found.append(validate_email(candidate, check_deliverability=False).normalized.lower())
        except (EmailNotValidError, ValueError, UnicodeError):
            return [], f"email '{candidate[:80]}' is not valid"
    return list(dict.fromkeys(found)), None


def _phone(cell: str, region: str) -> tuple[str, str | None]:
    if not cell:
        return "", None
    try:
        number = phonenumbers.parse(cell, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        return "", f"phone '{cell[:40]}' is not valid"
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), None


def row_to_draft(row: Sequence[str], headers: HeaderMap, *, region: str = "US", origin: str = "") -> ImportRow | Skip:
    """One CSV row -> a draft, or the reason it cannot be one. Invalid reach details skip the row,
    so a typo never lands in the pipeline as if it were a way to reach someone."""
    name = _cell(row, headers, "name") or " ".join(
        p for p in (_cell(row, headers, "first_name"), _cell(row, headers, "last_name")) if p
    )
    emails, problem = _emails(_cell(row, headers, "email"))
    if problem:
        return Skip(problem)
    phones: list[str] = []
    for fld in ("phone", "mobile"):
        phone, problem = _phone(_cell(row, headers, fld), region)
        if problem:
            return Skip(problem)
        if phone and phone not in phones:
            phones.append(phone)
    if not (name or emails or phones):
        return Skip("no name, email or phone")
    status = _cell(row, headers, "status")
    note = "\n".join(p for p in (_cell(row, headers, "note"), f"Lead status: {status}" if status else "") if p)
    draft = ContactDraft(
        name=name, title=_cell(row, headers, "title"), company=_cell(row, headers, "company"),
        emails=tuple(emails), phones=tuple(phones), website=_cell(row, headers, "website"),
        linkedin=_cell(row, headers, "linkedin"), event=_cell(row, headers, "event")[:MAX_FIELD],
        source=_cell(row, headers, "source")[:MAX_FIELD] or "import", note=note, raw=origin,
    )  # fmt: skip
    return ImportRow(draft, _cell(row, headers, "owner"))


def resolve_owner(named: str, reps: Mapping[str, str]) -> str | None:
    """The Slack user who owns an imported row: a user id as written, or a rep's name as the CRM writes
    owners ("Ann Lee"); None when the file names nobody Banter knows."""
    named = named.strip()
    if not named:
        return None
    if named in reps.values():
        return named
    return reps.get(named.lower())


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (row number, reason)
    unmatched_owners: dict[str, int] = field(default_factory=dict)  # owner as written -> rows
    default_owner: str = ""
    events: list[object] = field(default_factory=list)  # promotions and hot leads, to announce

    @property
    def total(self) -> int:
        return self.created + self.updated + len(self.skipped)

    def lines(self, limit: int = 50) -> list[str]:
        out = [f"{self.created} created, {self.updated} updated, {len(self.skipped)} skipped"]
        out += [f"row {n}: {reason}" for n, reason in self.skipped[:limit]]
        if len(self.skipped) > limit:
            out.append(f"… and {len(self.skipped) - limit} more skipped rows")
        for owner, n in sorted(self.unmatched_owners.items()):
            given = f"owned by <{self.default_owner}>" if self.default_owner else "imported without an owner"
            out.append(f"owner '{owner}' matches no Slack user: {n} {'row' if n == 1 else 'rows'} {given}")
        return out
