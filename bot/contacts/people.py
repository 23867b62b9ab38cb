"""Name, job title and company from what is left of a message once e-mails, phones and cues are out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.contacts.normalise import has_legal_form
from bot.contacts.vocabulary import (
    CJK_TITLE_ENDINGS,
    COMPANY_WORDS,
    HONORIFIC_RE,
    LABELS,
    LEGAL_SUFFIX_TOKENS,
    NAME_PARTICLES,
    SENIORITY_WORDS,
    STOPWORDS,
    TITLE_ACRONYMS,
    TITLE_WORDS,
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
_NAME_AFTER_WORD = re.compile(
    r"\b(?:with|for|to|from|met|saw)\s+((?:[A-Z][\w'’-]+\s+){1,3}[A-Z][\w'’-]+)\s*$"
)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# 王芳, 김민수, and Japanese family + given name written with a space: 田中 太郎, 伊藤 さくら.
_CJK_NAME = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,4}|[\uac00-\ud7af]{2,3}|[\u4e00-\u9fff]{1,3} [\u3040-\u30ff\u4e00-\u9fff]{1,4})$"
)
_CONNECTORS = frozenset("of and & for de des du la le el der für y e et the van von di da del".split())
_STREET = re.compile(
    r"\b(?:str|straße|strasse|allee|street|st|avenue|ave|road|rd|blvd|suite|floor|platz|weg)\b", re.I
)
_STRIP = " \t,;:!?\"*_()[]{}<>'’"


@dataclass
class People:
    name: str = ""
    title: str = ""
    company: str = ""
    notes: list[str] = field(default_factory=list)


def _words(piece: str) -> list[str]:
    return [w.strip("&,.()") for w in piece.split() if w.strip("&,.()")]


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def is_title(piece: str) -> bool:
    if _CJK.search(piece):
        return " " not in piece and len(piece) <= 12 and piece.endswith(CJK_TITLE_ENDINGS)
    words = _words(piece)
    lowered = [w.lower() for w in words]
    if (
        not words
        or len(words) > 8
        or not any(w in TITLE_WORDS or w.split("-")[-1] in TITLE_WORDS for w in lowered)
    ):
        return False
    known = TITLE_WORDS | SENIORITY_WORDS
    if not _is_capitalised(words[0]) and lowered[0] not in TITLE_ACRONYMS:
        return False
    return all(
        _is_capitalised(w) or low in known or low in _CONNECTORS
        for w, low in zip(words, lowered, strict=True)
    )


def _is_name_word(word: str, *, first: bool = True) -> bool:
    low = word.lower()
    # Short words are names too past the first one: "Nguyen Van An", "Nguyen Thi Do".
    if (low in STOPWORDS and (first or len(low) > 2)) or low in TITLE_WORDS or low in COMPANY_WORDS:
        return False
    if not all(c.isalpha() or c in "'’-." for c in word):
        return False
    return word[:1].isupper() and (not word.isupper() or len(word.rstrip(".")) <= 2)


def is_name(piece: str, *, lowercase_ok: bool = False) -> bool:
    if _CJK.search(piece):
        return bool(_CJK_NAME.match(piece)) and not is_title(piece) and not has_legal_form(piece)
    words = piece.split()
    if not 2 <= len(words) <= 5:
        return False
    if lowercase_ok and len(words) <= 3 and all(w.isalpha() and w.islower() for w in words):
        return not any(w in STOPWORDS or w in TITLE_WORDS or w in COMPANY_WORDS for w in words)
    if not _is_name_word(words[0]) or not _is_name_word(words[-1], first=False):
        return False
    return all(_is_name_word(w, first=False) or w.lower() in NAME_PARTICLES for w in words[1:])


def is_company_like(piece: str) -> bool:
    if _CJK.search(piece):
        return " " not in piece and len(piece) <= 20
    words = piece.split()
    if not words or len(words) > 6 or words[0].lower() in STOPWORDS or words[0].isdigit():
        return False
    if any(c.isdigit() for c in piece) and _STREET.search(piece):
        return False
    if not (_is_capitalised(words[0]) or (words[0] in NAME_PARTICLES and len(words) > 1)):
        return False
    return all(
        _is_capitalised(w)
        or w.lower() in _CONNECTORS
        or w.lower() in LEGAL_SUFFIX_TOKENS
        or w == "&"
        or "." in w
        for w in words[1:]
    )


def _clean(piece: str) -> str:
    piece = piece.strip(_STRIP + "-–—/")
    # A trailing full stop ends a sentence, unless it belongs to "Corp." or "S.A.".
    if piece.endswith(".") and not has_legal_form(piece):
        piece = piece.rstrip(".").rstrip()
    return piece.lstrip(".")


def _split_scripts(piece: str) -> list[str]:
    """ "Mei Lin 林美" -> ["Mei Lin", "林美"]; "田中 太郎 株式会社ソニー" -> ["田中 太郎", "株式会社ソニー"]."""
    if not _CJK.search(piece) or " " not in piece:
        return [piece]
    out: list[str] = []
    for token in piece.split():
        prev = out[-1] if out else ""
        same_latin = prev and not _CJK.search(prev) and not _CJK.search(token)
        cjk_name_pair = prev and _CJK.search(token) and is_name(f"{prev} {token}") and " " not in prev
        if same_latin or cjk_name_pair:
            out[-1] = f"{prev} {token}"
        else:
            out.append(token)
    return out


def pieces_of(text: str) -> list[tuple[str, bool]]:
    """The short phrases a rep separated with commas, bars, dashes or lines; (phrase, in parentheses)."""
    pieces: list[tuple[str, bool]] = [(m.group(1).strip(), True) for m in _PAREN.finditer(text)]
    text = _LEAD_IN.sub("", _PAREN.sub(",", text))
    for raw in _SEPARATOR.split(text)[: MAX_PIECES * 2]:
        piece = _PRONOUN.sub("", _LEAD_IN.sub("", _clean(raw)))
        for part in _split_scripts(piece):
            if part := _clean(part):
                pieces.append((part, False))
    return pieces[:MAX_PIECES]


def read_people(text: str, *, has_reach: bool) -> People:
    found = People()
    strong_company = ""
    weak_companies: list[str] = []
    pending = pieces_of(text)
    first = True
    while pending:
        piece, in_parens = pending.pop(0)
        low = piece.lower()
        if low in LABELS or not any(c.isalpha() for c in piece):
            continue
        cue = None if in_parens else _COMPANY_CUE.match(piece)
        if cue and (is_title(cue["a"]) or (cue["cue"] != "with" and is_name(cue["a"]))):
            company = _clean(cue["b"])
            pending[:0] = [(cue["a"], False)]
            if is_company_like(company) and not strong_company:
                strong_company = company
            else:
                found.notes.append(cue["b"])
            continue
        name_piece = HONORIFIC_RE.sub("", piece)
        if is_title(piece) and not found.title:
            found.title = piece
        elif (in_parens or has_legal_form(piece)) and is_company_like(piece) and not strong_company:
            strong_company = piece
        elif not found.name and is_name(name_piece, lowercase_ok=first and has_reach):
            found.name = name_piece
        elif found.name and _CJK.search(piece) and is_name(piece):
            found.notes.append(piece)  # the same person's name in their own script
        elif is_company_like(piece) and not is_title(piece):
            weak_companies.append(piece)
        else:
            found.notes.append(piece)
        first = False
    found.company = strong_company or (weak_companies[0] if weak_companies else "")
    found.notes.extend(c for c in weak_companies if c != found.company)
    if not found.name:
        for note in found.notes:
            m = _NAME_AFTER_WORD.search(note)
            if m and is_name(m.group(1)):
                found.name = m.group(1)
                break
    return found
