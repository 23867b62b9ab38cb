"""Number words and written amounts, as reps type them: "twenty grand", "1,5", "€80.000"."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
# Loose quantities: "a couple of weeks" is two, "a few weeks" three.
LOOSE: dict[str, str] = {"a couple of": "2", "a couple": "2", "couple of": "2", "a few": "3", "few": "3"}

_SCALES = r"(?:hundred|thousand|million|billion|grand|k\b|m\b|mio\b|mn\b|bn\b)"
_WORD = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
# "twenty five", "two hundred and fifty", "twenty-five"
_WORD_NUMBER = re.compile(
    rf"\b(?:{_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_WORD}|hundred)\b)*(?:\s+and\s+a\s+half)?\b"
)
_FRACTIONS = (
    (re.compile(r"\bhalf\s+(?:of\s+)?an?\s+(?=million|billion|mio\b|bn\b|thousand|grand)"), "0.5 "),
    (re.compile(r"\b(?:a\s+)?quarter(?:\s+of)?\s+an?\s+(?=million|billion|mio\b|bn\b|thousand)"), "0.25 "),
    (re.compile(r"\ba\s+quarter\s+(?=million|billion|mio\b|bn\b)"), "0.25 "),
    (re.compile(r"\ban?\s+(?=hundred|thousand|million|billion|grand)"), "1 "),
)
_LOOSE = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in LOOSE) + r")\b")


def _words_value(words: str) -> str | None:
    half = words.endswith("a half")
    parts = [w for w in re.split(r"[\s-]+", words.removesuffix("a half")) if w and w != "and"]
    total, current = 0, 0
    for word in parts:
        if word == "hundred":
            current = max(current, 1) * 100
        elif word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        else:
            return None
    total += current
    return f"{total}.5" if half else str(total)


def replace_number_words(text: str) -> str:
    """Rewrite number words in lower-case text as digits, keeping everything else."""
    for pattern, digits in _FRACTIONS:
        text = pattern.sub(digits, text)
    text = _LOOSE.sub(lambda m: LOOSE[m.group(0)], text)

    def number(match: re.Match[str]) -> str:
        value = _words_value(match.group(0))
        return value if value is not None else match.group(0)

    return _WORD_NUMBER.sub(number, text)


def parse_decimal(raw: str, *, big_scale: bool = False) -> Decimal | None:
    """Read "80.000", "120,000", "1,5", "1.2", "80 000" or "80'000" as a Decimal.

    One separator followed by exactly three digits is a thousands separator ("€80.000"),
    except before million/billion, where "1.250 Mio" means one and a quarter million.
    """
    raw = raw.strip()
    has_dot, has_comma = "." in raw, "," in raw
    cleaned = raw
    for space in (" ", "\u00a0", "\u202f", "'"):
        cleaned = cleaned.replace(space, "")
    if has_dot and has_comma:
        decimal_mark = "." if raw.rfind(".") > raw.rfind(",") else ","
        thousands = "," if decimal_mark == "." else "."
        cleaned = cleaned.replace(thousands, "").replace(decimal_mark, ".")
    elif has_dot or has_comma:
        mark = "." if has_dot else ","
        head, _, tail = cleaned.rpartition(mark)
        grouped = cleaned.count(mark) > 1 or (len(tail) == 3 and 1 <= len(head) <= 3 and not big_scale)
        cleaned = cleaned.replace(mark, "") if grouped else f"{head.replace(mark, '')}.{tail}"
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None
