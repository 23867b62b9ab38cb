"""Is a short phrase a person's name, a job title or a company? Word-level judgements only."""

from __future__ import annotations

import re

from bot.contacts.normalise import has_legal_form
from bot.contacts.vocabulary import (
    CJK_TITLE_ENDINGS,
    COMPANY_WORDS,
    DEPARTMENT_WORDS,
    LEGAL_SUFFIX_TOKENS,
    NAME_PARTICLES,
    NOT_A_NAME,
    SENIORITY_WORDS,
    STOPWORDS,
    TITLE_ACRONYMS,
    TITLE_WORDS,
)

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# 王芳, 김민수, and Japanese family + given name written with a space: 田中 太郎, 伊藤 さくら.
_CJK_NAME = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,4}|[\uac00-\ud7af]{2,3}|[\u4e00-\u9fff]{1,3} [\u3040-\u30ff\u4e00-\u9fff]{1,4})$"
)
# "d'Arcy", "dell'Orto", "al-Rashid": a lower-case particle glued to a capitalised name.
_GLUED_PARTICLE = re.compile(r"^(?:d|l|dell|degli|al|el|ben|bin|abu)['’-](?=[A-Z])")
CONNECTORS = frozenset("of and & for de des du la le el der für y e et the van von di da del".split())
_STREET = re.compile(
    r"\b(?:str|straße|strasse|allee|street|st|avenue|ave|road|rd|blvd|suite|floor|platz|weg)\b", re.I
)


def words_of(piece: str) -> list[str]:
    return [w.strip("&,.()") for w in piece.split() if w.strip("&,.()")]


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def is_title_word(word: str) -> bool:
    low = word.lower().strip(".,")
    return low in TITLE_WORDS or low.split("-")[-1] in TITLE_WORDS


def is_title(piece: str) -> bool:
    if CJK.search(piece):
        return " " not in piece and len(piece) <= 12 and piece.endswith(CJK_TITLE_ENDINGS)
    words = words_of(piece)
    lowered = [w.lower() for w in words]
    if not words or len(words) > 8 or not any(is_title_word(w) for w in words):
        return False
    known = TITLE_WORDS | SENIORITY_WORDS
    if not _is_capitalised(words[0]) and lowered[0] not in TITLE_ACRONYMS:
        # "head of procurement", "sales manager": typed in lower case, made only of title words
        every = known | DEPARTMENT_WORDS | CONNECTORS
        return len(words) >= 2 and lowered[0] not in CONNECTORS and all(low in every for low in lowered)
    return all(
        _is_capitalised(w) or low in known or low in CONNECTORS for w, low in zip(words, lowered, strict=True)
    )


# Everyday words that are also given names, capitalised at the start of a name: "Will Smith", "May Chen".
_GIVEN_NAME_WORDS = frozenset({"will", "may"})


def _is_name_word(word: str, *, first: bool = True) -> bool:
    low = word.lower()
    # Past the first word, a capitalised everyday word is a surname too ("Mark Good", "Grace Best", "Wanda
    # Warm"); short words are names there as well ("Nguyen Van An", "Nguyen Thi Do").
    everyday = low in STOPWORDS and not (word[:1].isupper() and (not first or low in _GIVEN_NAME_WORDS))
    if everyday or low in TITLE_WORDS or low in COMPANY_WORDS:
        return False
    word = _GLUED_PARTICLE.sub("", word)
    if not all(c.isalpha() or c in "'’-." for c in word):
        return False
    return word[:1].isupper() and (not word.isupper() or len(word.rstrip(".")) <= 2)


def is_lone_first_name(word: str) -> bool:
    """ "Peter", "mike": one word a rep wrote right after "met"; never "the", "someone" or "CTO"."""
    low = word.lower()
    if len(word) < 2 or not word.isalpha() or (word.isupper() and len(word) > 1):
        return False
    if low in STOPWORDS or low in NOT_A_NAME or low in TITLE_WORDS or low in COMPANY_WORDS:
        return False
    return low not in DEPARTMENT_WORDS and low not in TITLE_ACRONYMS


def is_lower_name(piece: str) -> bool:
    """ "jane doe": a name typed all in lower case."""
    words = piece.split()
    return (
        2 <= len(words) <= 3
        and all(w.replace("-", "").replace("'", "").isalpha() and w.islower() for w in words)
        and not any(
            w in STOPWORDS or w in NOT_A_NAME or w in TITLE_WORDS or w in COMPANY_WORDS for w in words
        )
    )


def is_name(piece: str, *, lowercase_ok: bool = False) -> bool:
    if CJK.search(piece):
        return bool(_CJK_NAME.match(piece)) and not is_title(piece) and not has_legal_form(piece)
    words = piece.split()
    if not 2 <= len(words) <= 5:
        return False
    if lowercase_ok and is_lower_name(piece):
        return True
    if not _is_name_word(words[0]) or not _is_name_word(words[-1], first=False):
        return False
    if sum(w.lower() in STOPWORDS for w in words) > 1:
        return False  # "Will Send", "Best Regards": everyday words, not a person
    return all(_is_name_word(w, first=False) or w.lower() in NAME_PARTICLES for w in words[1:])


def is_company_like(piece: str) -> bool:
    if CJK.search(piece):
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
        or w.lower() in CONNECTORS
        or w.lower() in LEGAL_SUFFIX_TOKENS
        or w == "&"
        or "." in w
        for w in words[1:]
    )


def capitalise_name(name: str) -> str:
    """ "jane doe" -> "Jane Doe", "marie-claire o'neil" -> "Marie-Claire O'Neil"; a mixed-case name is kept."""
    if not name.islower() or CJK.search(name):
        return name
    words = name.split()
    return " ".join(
        w if i and w in NAME_PARTICLES else re.sub(r"(^|[-'’])(\w)", lambda m: m[1] + m[2].upper(), w)
        for i, w in enumerate(words)
    )


def split_title_company(run: str) -> list[str]:
    """ "CTO Fleetly" -> ["CTO", "Fleetly"]; "VP Sales Acme" -> ["VP Sales", "Acme"]; else [run]."""
    words = run.split()
    end = 0
    while end < len(words):
        low = words[end].lower()
        if is_title_word(low) or low in SENIORITY_WORDS or low in TITLE_ACRONYMS:
            end += 1
        elif end and (low in DEPARTMENT_WORDS or low == "&"):
            end += 1
        elif (
            end
            and low in ("of", "for")
            and end + 1 < len(words)
            and words[end + 1].lower() in DEPARTMENT_WORDS
        ):
            end += 2  # "Head of Finance"
        else:
            break
    rest = " ".join(words[end:])
    if end and rest and is_company_like(rest) and not any(is_title_word(w) for w in words[end:]):
        return [" ".join(words[:end]), rest]
    return [run]


def split_name_run(piece: str) -> list[str]:
    """ "Raj Patel CTO Fleetly" -> ["Raj Patel", "CTO", "Fleetly"]: a name, then a title, typed without commas."""
    words = piece.split()
    for k in (3, 2):
        if len(words) <= k or any(
            w.lower() in SENIORITY_WORDS or w.lower() in DEPARTMENT_WORDS for w in words[:k]
        ):
            continue
        if is_name(" ".join(words[:k])) and is_title_word(words[k]):
            return [" ".join(words[:k]), *split_title_company(" ".join(words[k:]))]
    return [piece]
