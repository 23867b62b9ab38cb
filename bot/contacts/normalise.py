"""Normalised names and companies, and the one place duplicate keys are computed."""

from __future__ import annotations

import re
import unicodedata

from nameparser import HumanName

from bot.contacts.vocabulary import LEGAL_SUFFIX_RUNS, LEGAL_SUFFIX_TOKENS
from bot.model import ContactDraft

_SPACES = re.compile(r"\s+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_CJK_LEGAL_FORMS = (
    "株式会社",
    "有限会社",
    "合同会社",
    "(株)",
    "股份有限公司",
    "有限公司",
    "公司",
    "주식회사",
    "(주)",
)
_DROPPED_MARKS = re.compile(r"[.'’`´]")  # "S.A." -> "SA", "O'Neil" -> "ONeil"
_PUNCTUATION = re.compile(r"[^\w\s]|_")


def _is_latin_base(ch: str) -> bool:
    return ch.isascii() or "\u00c0" <= ch <= "\u024f" or "\u1e00" <= ch <= "\u1eff"


def _strip_latin_accents(s: str) -> str:
    decomposed = unicodedata.normalize("NFKD", s)
    kept: list[str] = []
    for ch in decomposed:
        # Only accents on Latin letters go: Japanese voiced marks (ガ = カ + ゙) must stay.
        if unicodedata.combining(ch) and kept and _is_latin_base(kept[-1]):
            continue
        kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept))


def normalise_name(s: str) -> str:
    """Casefolded, accent-insensitive, single-spaced: "  José  MÜLLER " -> "jose muller"."""
    return _SPACES.sub(" ", _strip_latin_accents(s or "").casefold()).strip()


def _company_tokens(s: str) -> tuple[list[str], int]:
    """Normalised tokens of a company name, and how many of them are the legal form at its end."""
    text = unicodedata.normalize("NFKC", s or "")
    for form in _CJK_LEGAL_FORMS:
        text = text.replace(form, " ")
    tokens = _PUNCTUATION.sub(" ", _DROPPED_MARKS.sub("", normalise_name(text))).split()
    kept = len(tokens)
    while kept > 1:
        run = next(
            (r for r in LEGAL_SUFFIX_RUNS if len(r) < kept and tuple(tokens[kept - len(r) : kept]) == r), None
        )
        if run:
            kept -= len(run)
        elif tokens[kept - 1] in LEGAL_SUFFIX_TOKENS:
            kept -= 1
        else:
            break
    return tokens, len(tokens) - kept


def normalise_company(s: str) -> str:
    """A company name without legal form or punctuation: "ACME Corp." and "Acme Corporation" -> "acme"."""
    tokens, legal = _company_tokens(s)
    return " ".join(tokens[: len(tokens) - legal])


def has_legal_form(s: str) -> bool:
    """True when a company name ends with a legal form: "Siemens AG", "Novo Nordisk A/S", "株式会社ソニー"."""
    if any(form in s for form in _CJK_LEGAL_FORMS):
        return True
    words = s.split()
    # "Kerry Group plc" counts; a lower-case "as" or "se" at the end of a note does not.
    written_as_form = words[-1][:1].isupper() or "." in words[-1] or "/" in words[-1] or len(words[-1]) >= 3
    if len(words) < 2 or not written_as_form:
        return False
    return _company_tokens(s)[1] > 0


def split_name(name: str) -> tuple[str, str]:
    """(first, last). CJK names keep their order: family name first, given name second."""
    name = _SPACES.sub(" ", name or "").strip()
    if not name:
        return "", ""
    if _CJK.search(name):
        family, _, given = name.partition(" ")
        return (given, family) if given else (name, "")
    parsed = HumanName(name)
    first = parsed.first
    last = " ".join(p for p in (parsed.middle, parsed.last) if p)
    if not first and not last:
        return name, ""
    return first, last


def dedup_keys(draft_or_fields: ContactDraft) -> list[str]:
    """Keys two records of the same person share: each e-mail, each phone, and name + company.

    A name alone is no key: two "John Smith"s without a company are not assumed to be one person.
    """
    keys: list[str] = []
    for email in getattr(draft_or_fields, "emails", ()) or ():
        if email and email.strip():
            keys.append(f"email:{email.strip().lower()}")
    for phone in getattr(draft_or_fields, "phones", ()) or ():
        if phone and phone.strip():
            keys.append(f"phone:{phone.strip()}")
    name = normalise_name(getattr(draft_or_fields, "name", "") or "")
    company = normalise_company(getattr(draft_or_fields, "company", "") or "")
    if name and company:
        keys.append(f"name:{name}|{company}")
    return list(dict.fromkeys(keys))
