"""Ways to reach a person: e-mails, phones (E.164), website and LinkedIn profile."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import phonenumbers
from email_validator import EmailNotValidError, validate_email

MAX_CANDIDATES = 20  # per chunk; a pasted spreadsheet is not a contact

_EMAIL = re.compile(r"(?<![\w.+'-])[\w+'-][\w.+'-]{0,63}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,6}")
_LINKEDIN = re.compile(r"(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/in/[\w%-]{1,100}/?", re.I)
_URL = re.compile(
    r"(?<![\w@.-])(?:https?://)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,4}([a-z]{2,12})"
    r"(?:/[^\s,;|()<>]{0,300})?(?![\w@-])",
    re.I,
)
_WEB_TLDS = frozenset(
    "com net org io co ai dev app eu biz info tech cloud digital agency vc me tv ly gg so xyz".split()
)
# A run that could hold a phone: digits with the separators people type, bounded in length.
_PHONE_RUN = re.compile(r"\+?\(?\d[\d \t().\-/]{5,28}\d")
_DATE = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$")
_THOUSANDS = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$")
_AMOUNT_BEFORE = re.compile(r"[$€£¥₹]\s*$")
_AMOUNT_AFTER = re.compile(
    r"^\s*(?:k\b|m\b|%|usd|eur|gbp|dollars|euros|seats|users|reps|employees|people)", re.I
)
# Country-code TLDs used as generic ones: a .co or .io address says nothing about the phone's country.
_GENERIC_CCTLDS = frozenset("co io ai me tv ly gg so to fm am ws cc vc sh ac im la nu is".split())


@dataclass
class Reach:
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    website: str = ""
    linkedin: str = ""
    spans: list[tuple[int, int]] = field(default_factory=list)  # where they were written


def _valid_email(candidate: str) -> str:
    try:
        return validate_email(candidate, check_deliverability=False).normalized.lower()
    except (EmailNotValidError, ValueError, UnicodeError):
        return ""


def region_from_emails(emails: Iterable[str], default_region: str) -> str:
    """The phone region an address's country TLD suggests (.de -> DE, .co.uk -> GB), else the default."""
    for email in emails:
        tld = email.rpartition(".")[2].lower()
        if tld == "uk":
            return "GB"
        if len(tld) == 2 and tld not in _GENERIC_CCTLDS and phonenumbers.country_code_for_region(tld.upper()):
            return tld.upper()
    return default_region


def _looks_like_other_number(text: str, start: int, end: int) -> bool:
    """Dates, amounts and thousands that a phone matcher could mistake for a number."""
    raw = text[start:end].strip("() ")
    return bool(
        _DATE.match(raw)
        or _THOUSANDS.match(raw)
        or _AMOUNT_BEFORE.search(text[max(0, start - 3) : start])
        or _AMOUNT_AFTER.match(text[end : end + 12])
    )


def _region_of_first_international(text: str) -> str:
    """A "+49 ..." number tells the country of the local numbers written next to it."""
    for run in list(_PHONE_RUN.finditer(text))[:MAX_CANDIDATES]:
        if run.group().startswith("+"):
            try:
                number = phonenumbers.parse(run.group(), None)
            except phonenumbers.NumberParseException:
                continue
            region = phonenumbers.region_code_for_number(number)
            if region and region != "001":
                return region
    return ""


def find_phones(text: str, region: str) -> list[tuple[int, int, str]]:
    """(start, end, E.164) for each phone; the matcher runs on short digit runs only, to stay fast."""
    found: list[tuple[int, int, str]] = []
    for run in list(_PHONE_RUN.finditer(text))[:MAX_CANDIDATES]:
        if sum(c.isdigit() for c in run.group()) < 7 or _looks_like_other_number(text, *run.span()):
            continue
        for match in phonenumbers.PhoneNumberMatcher(run.group(), region, max_tries=5):
            number = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
            start = run.start() + match.start
            found.append((start, start + len(match.raw_string), number))
    return found


def find_reach(text: str, default_region: str) -> Reach:
    reach = Reach()
    for m in list(_EMAIL.finditer(text))[:MAX_CANDIDATES]:
        email = _valid_email(m.group().strip(".'"))
        if email:
            if email not in reach.emails:
                reach.emails.append(email)
            reach.spans.append(m.span())
    for m in _LINKEDIN.finditer(text):
        reach.linkedin = reach.linkedin or m.group().rstrip("/")
        reach.spans.append(m.span())
    for m in list(_URL.finditer(text))[:MAX_CANDIDATES]:
        tld = m.group(1).lower()
        if any(s <= m.start() < e for s, e in reach.spans):
            continue
        if tld in _WEB_TLDS or (len(tld) == 2 and phonenumbers.country_code_for_region(tld.upper())):
            reach.website = reach.website or m.group()
            reach.spans.append(m.span())
    region = _region_of_first_international(text) or region_from_emails(reach.emails, default_region)
    for start, end, number in find_phones(text, region):
        if any(s <= start < e for s, e in reach.spans):
            continue
        if number not in reach.phones:
            reach.phones.append(number)
        reach.spans.append((start, end))
    return reach
