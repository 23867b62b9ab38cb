"""Budget answers: "50-75k", "€80.000", "up to $200k", "£25k/month", "no budget yet".

Sales readings pinned here (and in tests/unit/test_budget.py):
- a single amount sets both ends of the range; "up to" leaves the minimum open, "at least" the maximum;
- money "set aside for this year" or "for this fiscal year" is a one-off pot to spend, not a yearly
  recurring budget: only "per year", "a year", "annually", "/yr", "ARR" make a YEAR budget;
- a bare number without k/m and without a currency counts only from 1,000 to a billion, is never a year
  ("in 2027") and never a head-count ("40 reps"); quarter names like "Q3" are not amounts;
- when an amount is present it wins over "not yet" ("not approved yet, around 50k").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from bot.bant.numbers import parse_decimal, replace_number_words
from bot.model import Budget, BudgetPeriod

_MAX_TEXT = 2000

_CURRENCY_WORDS: dict[str, str] = {
    "$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "bucks": "USD",
    "a$": "AUD", "au$": "AUD", "aud": "AUD", "c$": "CAD", "ca$": "CAD", "cad": "CAD",
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "quid": "GBP",
    "¥": "JPY", "jpy": "JPY", "yen": "JPY", "chf": "CHF", "franc": "CHF", "francs": "CHF",
    "sek": "SEK", "kr": "SEK", "kronor": "SEK", "nok": "NOK", "dkk": "DKK",
    "₹": "INR", "inr": "INR", "rupees": "INR", "rs": "INR",
}  # fmt: skip
_SCALE: dict[str, Decimal] = {
    "k": Decimal(1000), "thousand": Decimal(1000), "grand": Decimal(1000),
    "m": Decimal(10) ** 6, "mm": Decimal(10) ** 6, "mn": Decimal(10) ** 6, "mio": Decimal(10) ** 6,
    "million": Decimal(10) ** 6, "millions": Decimal(10) ** 6,
    "b": Decimal(10) ** 9, "bn": Decimal(10) ** 9, "billion": Decimal(10) ** 9,
    "lakh": Decimal(10) ** 5, "lakhs": Decimal(10) ** 5, "crore": Decimal(10) ** 7,
}  # fmt: skip

_PREFIX_CUR = r"(?P<pcur>us\$|a\$|au\$|c\$|ca\$|[$€£¥₹]|usd|eur|gbp|jpy|chf|sek|aud|cad|nok|dkk|inr)"
_SUFFIX_CUR = (
    r"(?P<scur>us\$|[$€£¥₹]|usd|eur|gbp|jpy|chf|sek|aud|cad|nok|dkk|inr|dollars?|bucks|euros?|pounds?"
    r"|quid|yen|francs?|kronor|kr|rupees)"
)
_NUMBER = r"(?P<num>\d{1,3}(?:(?P<sep>[.,'\u00a0\u202f ])\d{3})(?:(?P=sep)\d{3})*(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
_SCALE_RE = r"(?P<scale>thousand|grand|millions?|mio|mm|mn|m|billion|bn|b|k|lakhs?|crore)"
_AMOUNT = re.compile(
    rf"(?<![\w.,]){_PREFIX_CUR}?\s?{_NUMBER}(?:\s?{_SCALE_RE}\b|(?![\d]))(?:\s?{_SUFFIX_CUR}(?![a-z]))?",
    re.IGNORECASE,
)
_COUNT_NOUN = re.compile(
    r"\s*(?:\+\s*)?(?:[a-z-]+\s+)?(?:reps?|people|users?|seats?|licen[cs]es?|employees|staff|heads?|persons?"
    r"|agents|%|percent|days?|weeks?|months?|years?|yrs?|hours?|locations?|sites?|stores?|trucks?)\b"
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_JOIN = re.compile(r"^\s*(?:-|–|—|to|and|or|/)\s*$")
_UP_TO = re.compile(
    r"(?:up\s+to|max(?:imum)?|no\s+more\s+than|not\s+more\s+than|under|below|less\s+than|at\s+most"
    r"|capped\s+at|cap\s+(?:of|at)|ceiling\s+of|within)\s*:?\s*$"
)
_AT_LEAST = re.compile(
    r"(?:at\s+least|min(?:imum)?|more\s+than|over|north\s+of|upwards\s+of|starting\s+at|no\s+less\s+than"
    r"|above|from)\s*:?\s*$"
)
_PLUS_AFTER = re.compile(r"^\s*(?:\+|or\s+more|and\s+up|plus)")
_MONTHLY = re.compile(r"\b(?:per\s+month|monthly|each\s+month|every\s+month|mrr|p/?m)\b|/\s?(?:mo|month|m)\b")
_YEARLY = re.compile(
    r"\b(?:per\s+(?:year|annum)|annually|annual|yearly|each\s+year|every\s+year|arr|p\.?a\.?)(?![\w])"
    r"|/\s?(?:yr|year|y|a)\b"
)
_A_PERIOD_AFTER = re.compile(r"^\s*(?:[a-z]+\s+){0,2}?(?:a|an)\s+(month|year)\b")
_NO_BUDGET = re.compile(
    r"\b(?:no\s+(?:budget|money|funds?|funding)|zero\s+budget|tbd|to\s+be\s+(?:decided|determined|defined)"
    r"|not\s+yet|none|n/?a|nothing|not\s+(?:allocated|approved|set|defined|budgeted)|unbudgeted"
    r"|(?:budget|money)\s+(?:is\s+|has\s+)?(?:not|n't|isn't|hasn't)\s+(?:been\s+)?(?:allocated|approved|set)"
    r"|no\s+budget\s+allocated|don'?t\s+have\s+(?:a\s+)?budget|without\s+(?:a\s+)?budget)\b"
)


@dataclass(frozen=True)
class _Amount:
    value: Decimal
    start: int
    end: int
    scaled: bool
    currency: str | None
    number: Decimal
    scale: Decimal | None


def _amounts(text: str) -> list[_Amount]:
    found: list[_Amount] = []
    for m in _AMOUNT.finditer(text):
        scale_word = (m.group("scale") or "").lower()
        scale = _SCALE.get(scale_word)
        number = parse_decimal(m.group("num"), big_scale=scale is not None and scale >= 10**6)
        if number is None:
            continue
        cur_word = (m.group("pcur") or m.group("scur") or "").lower()
        currency = _CURRENCY_WORDS.get(cur_word)
        found.append(
            _Amount(number * (scale or 1), m.start(), m.end(), scale is not None, currency, number, scale)
        )
    return found


def _is_money(a: _Amount, text: str) -> bool:
    if a.scaled or a.currency:
        return True
    raw = text[a.start : a.end].strip()
    if _YEAR.match(raw) or _COUNT_NOUN.match(text[a.end :]):
        return False
    return 1000 <= a.value < 10**9  # beyond that, a bare figure is a phone number or an id


_MOST = Decimal(10) ** 13  # beyond any deal: a phone number or an order id, not a budget


def _currency(text: str, amounts: list[_Amount], default: str | None) -> str | None:
    for a in amounts:
        if a.currency:
            return a.currency
    for word in re.findall(r"[a-z$€£¥₹]+\$?", text):
        if word in _CURRENCY_WORDS and word not in {"rs", "kr"}:
            return _CURRENCY_WORDS[word]
    return default


def _period(text: str, end: int) -> BudgetPeriod:
    if _MONTHLY.search(text):
        return BudgetPeriod.MONTH
    if _YEARLY.search(text):
        return BudgetPeriod.YEAR
    near = _A_PERIOD_AFTER.match(text[end : end + 30])
    if near:
        return BudgetPeriod.MONTH if near.group(1) == "month" else BudgetPeriod.YEAR
    return BudgetPeriod.ONE_OFF


def _range(text: str, money: list[_Amount], all_amounts: list[_Amount]) -> tuple[Decimal | None, Decimal | None, int]:
    first = money[0]
    # "50-75k", "between 100 and 150k": a bare number joined to a scaled one shares its scale.
    idx = all_amounts.index(first)
    if idx > 0:
        prev = all_amounts[idx - 1]
        between = text[prev.end : first.start]
        if _JOIN.match(between) and not prev.scaled and first.scale:
            low = prev.number * first.scale
            low = low if low <= first.value else prev.value
            if low <= first.value:
                return low, first.value, first.end
    if idx + 1 < len(all_amounts):
        nxt = all_amounts[idx + 1]
        if _JOIN.match(text[first.end : nxt.start]):
            low = first.value
            if not first.scaled and nxt.scale and first.number * nxt.scale <= nxt.value:
                low = first.number * nxt.scale
            if low <= nxt.value:
                return low, nxt.value, nxt.end
    before = text[max(0, first.start - 30) : first.start]
    if _UP_TO.search(before):
        return None, first.value, first.end
    if _AT_LEAST.search(before) or _PLUS_AFTER.match(text[first.end :]):
        return first.value, None, first.end
    return first.value, first.value, first.end


def _tidy(value: Decimal | None) -> Decimal | None:
    """1200000.0 -> 1200000, so stored amounts read the same however they were typed."""
    if value is None:
        return None
    try:
        return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    except InvalidOperation:
        return value


def parse_budget(text: str, *, default_currency: str | None = None) -> Budget | None:
    """Read a rep's budget answer; None when nothing in it is understood."""
    said = re.sub(r"^\s*budget\s*[:=-]\s*", "", text[:_MAX_TEXT].lower().replace("\u2019", "'"))
    lowered = replace_number_words(said)
    amounts = _amounts(lowered)
    money = [a for a in amounts if _is_money(a, lowered) and a.value < _MOST]
    if money and money[0].value > 0:
        low, high, end = _range(lowered, money, amounts)
        return Budget(
            amount_min=_tidy(low),
            amount_max=_tidy(high),
            currency=_currency(lowered, money, default_currency),
            period=_period(lowered, end),
        )
    if _NO_BUDGET.search(said) or (money and money[0].value == 0):
        return Budget(none=True)
    return None
