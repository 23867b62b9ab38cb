"""When a phrase means: Banter's sales periods, and calendar dates read by dateparser.

Sales periods are quarters, halves, fiscal years, months, seasons, holidays and durations, each read with
its modifier ("end of", "early", "mid", "before", "after"); the rules are listed in bot/bant/timeline.py.
A deadline (`mode="deadline"`) reads a bare period as its last day, a follow-up (`mode="start"`) as its start.
"""

from __future__ import annotations

import re
import threading
from datetime import date, datetime, timedelta

from dateparser.conf import settings as dateparser_defaults
from dateparser.date import DateDataParser

from bot.bant.numbers import replace_number_words

_MAX_TEXT = 2000

# --- Sales periods: quarters, halves, fiscal years, months, seasons, holidays, durations ---

Period = tuple[date, date]
MONTH_RE = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 14)}
_YEAR_SUFFIX = r"(?:\s*(?:,|of|in)?\s*(?P<y>(?:19|20)\d\d|'\d\d|/\d\d|next\s+year|this\s+year)\b)?"
_MODIFIER = re.compile(
    r"(?<![a-z])(?P<mod>(?:by\s+)?(?:the\s+)?(?:end|close)\s+of|late|later|(?:the\s+)?(?:beginning|start)\s+of"
    r"|early|earlier|mid-?|(?:the\s+)?middle\s+of|before|after|by|until|till|in|during|around|within|on"
    r"|this|next|coming)"
    r"(?:\s+the)?\s*-?\s*(?:in\s+)?$"
)
_POST_END = re.compile(r"^[\s-]*end\b")
_PATTERNS: dict[str, re.Pattern[str]] = {
    "abbrev": re.compile(r"\b(?P<a>eom|eoy|eoq|eow|eod)\b"),
    "day": re.compile(r"\b(?P<d>today|tonight|day\s+after\s+tomorrow|tomorrow|tmrw|tmr)\b"),
    "weekday": re.compile(
        r"\b(?:(?P<q>this|next|coming|following)\s+)?(?P<w>monday|tuesday|wednesday|thursday|friday|saturday"
        r"|sunday|tues?|wed|thu(?:rs?)?|fri)\b\.?"
    ),
    "relative": re.compile(r"\b(?:(?P<q>this|next|the|current|coming|following)\s+)?(?P<u>week|month|quarter|qtr|year)\b"),
    "quarter": re.compile(
        r"\b(?:q(?P<n>[1-4])|(?P<n2>[1-4])q|(?P<o>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter)\b"
        + _YEAR_SUFFIX
    ),
    "half": re.compile(r"\b(?:h(?P<n>[12])|(?P<n2>[12])h|(?P<o>first|second|1st|2nd)\s+half)\b" + _YEAR_SUFFIX),
    "fy": re.compile(r"\bfy\s?'?(?P<fy>\d{4}|\d{2})\b"),
    "fiscal": re.compile(
        r"\b(?:(?P<q>this|next|current|the|new|coming|following)\s+)?(?:fiscal|financial)(?:\s+year)?\b|\bfye?\b"
    ),
    "month": re.compile(rf"(?<!\d\s)(?<!\d(?:st|nd|rd|th)\s)\b(?P<m>{MONTH_RE})\b\.?(?!\s*\d{{1,2}}(?:st|nd|rd|th)?\b)" + _YEAR_SUFFIX),
    "season": re.compile(r"\b(?P<s>spring|summer|autumn|fall|winter)\b" + _YEAR_SUFFIX),
    "holiday": re.compile(
        r"\b(?P<h>christmas|xmas|x-mas|new\s+year'?s?\s+eve|new\s+year'?s?(?:\s+day)?|easter|thanksgiving"
        r"|black\s+friday|(?:the\s+)?holidays)\b"
    ),
    "year": re.compile(r"(?<![\w/.-])(?P<yr>20\d\d)\b(?![/.-]\d)"),
    "duration": re.compile(
        r"\b(?P<k>in\s+the\s+next|within\s+the\s+next|over\s+the\s+next|the\s+next|in|within|inside(?:\s+of)?"
        r"|over|under|next|about|around)?\s*(?:(?P<lo>\d+(?:\.\d+)?)\s*(?:-|–|to|or)\s*)?(?P<n>\d+(?:\.\d+)?|an?)"
        r"\s+(?P<u>business\s+days?|working\s+days?|days?|weeks?|wks?|months?|mos?|years?|yrs?)\b"
        r"(?:\s+or\s+(?P<hi>\d+))?(?!\s+ago)"
        r"(?!\s+(?:a|an|per|each|every)\s+(?:day|week|month|quarter|year)\b)"  # "two days a month" is how often
    ),
}


def _last_day(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)


def _months(year: int, first: int, last: int) -> Period:
    """Months first..last of a year; months past 12 run into the next year (winter: 12..14)."""
    start = date(year + (first - 1) // 12, (first - 1) % 12 + 1, 1)
    return start, _last_day(year + (last - 1) // 12, (last - 1) % 12 + 1)


def _fiscal(named: int, start_month: int) -> Period:
    """FY27 is the fiscal year that ends in 2027."""
    first_year = named if start_month == 1 else named - 1
    return _months(first_year, start_month, start_month + 11)


def _fiscal_name(day: date, start_month: int) -> int:
    return day.year + 1 if start_month > 1 and day.month >= start_month else day.year


def _add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, _last_day(year, month).day))


def _easter(year: int) -> date:
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * weekday) // 433
    month = (h + weekday - 7 * m + 90) // 25
    return date(year, month, (h + weekday - 7 * m + 33 * month + 19) % 32)


def _holiday(name: str, year: int) -> Period:
    if name.startswith(("christmas", "xmas", "x-mas")):
        return date(year, 12, 25), date(year, 12, 25)
    if name.startswith("new") and name.endswith("eve"):
        return date(year, 12, 31), date(year, 12, 31)
    if name.startswith("new"):
        return date(year, 1, 1), date(year, 1, 1)
    if name == "easter":
        return _easter(year), _easter(year)
    if name in {"thanksgiving", "black friday"}:
        first = date(year, 11, 1)
        day = first + timedelta(days=(3 - first.weekday()) % 7 + 21 + (name != "thanksgiving"))
        return day, day
    return date(year, 12, 24), date(year + 1, 1, 1)  # "the holidays"


def _year_from(raw: str | None, today: date) -> int | None:
    if not raw:
        return None
    raw = raw.strip()
    if raw.startswith("next"):
        return today.year + 1
    if raw.startswith("this"):
        return today.year
    digits = raw.strip("'/")
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


def _modifier(text: str, start: int, end: int) -> tuple[str, int]:
    before = _MODIFIER.search(text[max(0, start - 24) : start])
    mod, mod_start = "plain", start
    if before:
        word = before.group("mod")
        mod_start = start - (len(text[max(0, start - 24) : start]) - before.start())
        for key, kind in (("end", "end"), ("close", "end"), ("late", "end"), ("beginning", "start"),
                          ("start", "start"), ("early", "early"), ("earlier", "early"), ("mid", "mid"),
                          ("before", "before"), ("after", "after")):  # fmt: skip
            if key in word:
                mod = kind
                break
    if mod == "plain" and _POST_END.match(text[end:]):
        mod = "end"
    return mod, mod_start


def _resolve(period: Period, mod: str, mode: str, today: date, kind: str) -> date:
    start, end = period
    if mod == "end":
        return end
    if mod == "start":
        return start
    if mod == "early":
        return start + timedelta(days=9) if (end - start).days > 20 else start
    if mod == "mid":
        if kind == "month":
            return start.replace(day=15)
        if kind == "year":
            return date(start.year, 6, 30)
        if kind == "quarter":
            return _add_months(start, 1).replace(day=15)
        return start + (end - start) / 2
    if mod == "before":
        return start - timedelta(days=1)
    if mod == "after":
        after = end + timedelta(days=1)
        return after + timedelta(days=(7 - after.weekday()) % 7) if kind == "holiday" and after.weekday() > 4 else after
    if kind in {"holiday", "day"}:
        return start
    if mode == "deadline":
        return end
    # A follow-up "this week" or "in November" said inside that period: the next day.
    return today + timedelta(days=1) if start <= today <= end else start


def _unit_period(unit: str, today: date, offset: int, fy_start: int) -> Period:
    if unit == "week":
        monday = today - timedelta(days=today.weekday()) + timedelta(weeks=offset)
        return monday, monday + timedelta(days=4)
    if unit == "month":
        first = _add_months(today.replace(day=1), offset)
        return _months(first.year, first.month, first.month)
    if unit in {"quarter", "qtr"}:
        q0 = (today.month - 1) // 3 + offset
        year, q = today.year + q0 // 4, q0 % 4 + 1
        return _months(year, 3 * q - 2, 3 * q)
    return _months(today.year + offset, 1, 12)


def _duration(m: re.Match[str], today: date) -> date | None:
    unit = m.group("u")
    raw = m.group("hi") or m.group("n")
    if raw in {"a", "an"}:
        if not m.group("k"):
            return None
        raw = "1"
    amount = float(raw)
    if amount > 1000:
        return None
    if unit.startswith(("business", "working")):
        day, left = today, int(amount)
        while left > 0:
            day += timedelta(days=1)
            left -= day.weekday() < 5
        return day
    if unit.startswith("day"):
        return today + timedelta(days=int(amount))
    if unit.startswith(("week", "wk")):
        return today + timedelta(days=round(amount * 7))
    months = round(amount * (12 if unit.startswith(("year", "yr")) else 1))
    return _add_months(today, months)


def _candidate(kind: str, m: re.Match[str], text: str, today: date, mode: str, fy_start: int) -> date | None:
    mod, mod_start = _modifier(text, m.start(), m.end())
    g = m.groupdict()
    if kind == "duration":
        return _duration(m, today)
    if kind == "abbrev":
        unit = {"eom": "month", "eoy": "year", "eoq": "quarter", "eow": "week"}.get(g["a"])
        return today if unit is None else _unit_period(unit, today, 0, fy_start)[1]
    if kind == "day":
        return today + timedelta(days={"today": 0, "tonight": 0}.get(g["d"], 2 if g["d"].startswith("day") else 1))
    if kind == "weekday":
        target = _WEEKDAYS.index(g["w"][:3])
        if g["q"] in {"next", "following"}:
            monday = today - timedelta(days=today.weekday()) + timedelta(weeks=1)
            day = monday + timedelta(days=target)
        else:
            day = today + timedelta(days=(target - today.weekday() - 1) % 7 + 1)
        return _resolve((day, day), mod, mode, today, "day")
    if kind == "relative":
        qualifier, unit = g["q"], g["u"]
        if qualifier is None and mod in {"plain", "before", "after"}:
            return None
        offset = 1 if qualifier in {"next", "coming", "following"} else 0
        for extra in (0, 1) if qualifier in {None, "the"} else (0,):
            period = _unit_period(unit, today, offset + extra, fy_start)
            found = _resolve(period, mod, mode, today, "quarter" if unit == "qtr" else unit)
            if found >= today:
                return found
        return found
    if kind == "fy":
        digits = g["fy"]
        named = int(digits) if len(digits) == 4 else 2000 + int(digits)
        return _resolve(_fiscal(named, fy_start), mod, mode, today, "year")
    if kind == "fiscal":
        named = _fiscal_name(today, fy_start) + (g["q"] in {"next", "new", "coming", "following"})
        if g["q"] == "new" and mod == "plain":
            mod = "start"
        return _resolve(_fiscal(named, fy_start), mod, mode, today, "year")
    if kind == "year":
        return _resolve(_months(int(g["yr"]), 1, 12), mod, mode, today, "year")
    explicit = _year_from(g.get("y"), today)
    bare = mod_start == m.start() and explicit is None and text.strip() != m.group(0)
    if bare and (g.get("m") == "may" or g.get("s") == "fall"):
        return None  # "they may buy", "if it falls through": verbs, not dates
    found = None
    for year in (explicit,) if explicit else (today.year - 1, today.year, today.year + 1, today.year + 2):
        if kind in {"quarter", "half"}:
            n = int(g["n"] or g["n2"] or _ORDINALS[g["o"]])
            size = 3 if kind == "quarter" else 6
            period = _months(year, size * (n - 1) + 1, size * n)
        elif kind == "month":
            month = _MONTHS.index(g["m"][:3]) + 1
            period = _months(year, month, month)
        elif kind == "season":
            period = _months(year, *_SEASONS[g["s"]])
        else:
            period = _holiday(re.sub(r"\s+", " ", g["h"]).removeprefix("the "), year)
        found = _resolve(period, mod, mode, today, kind)
        if explicit or found >= today:
            return found
    return found


def _period_date(text: str, today: date, *, mode: str, fiscal_year_start_month: int) -> tuple[int, date, str] | None:
    """The first sales period said in the text, read as a date: (position, date, phrase)."""
    matches = sorted(
        ((m.start(), -m.end(), kind, m) for kind, pattern in _PATTERNS.items() for m in pattern.finditer(text)),
        key=lambda item: (item[0], item[1]),
    )
    for _, _, kind, m in matches[:20]:
        try:
            found = _candidate(kind, m, text, today, mode, fiscal_year_start_month)
        except (ValueError, OverflowError):
            continue
        if found is not None:
            mod_start = _modifier(text, m.start(), m.end())[1]
            post = _POST_END.match(text[m.end() :])
            return mod_start, found, text[mod_start : m.end() + (post.end() if post else 0)].strip()
    return None


# --- Calendar dates, read by dateparser ---

_cache_lock = threading.Lock()
_parsers: dict[tuple[str, ...], tuple[DateDataParser, threading.Lock]] = {}
_BASE_SETTINGS = dateparser_defaults.replace(
    PREFER_DATES_FROM="future", RETURN_AS_TIMEZONE_AWARE=False, PREFER_DAY_OF_MONTH="first"
)
_EXPLICIT_DATE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_RE}\.?(?:,?\s+\d{{4}})?\b"
    rf"|\b{MONTH_RE}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?"
    r"|\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})\b"
)


def _date_parser(languages: tuple[str, ...]) -> tuple[DateDataParser, threading.Lock]:
    with _cache_lock:
        if languages not in _parsers:
            parser = DateDataParser(languages=list(languages), settings=_BASE_SETTINGS)
            # dateparser loads its locale tables on first use (~150 ms); pay that once, here.
            for sample in ("March 15", "15 March 2027", "15/03/2027", "2027-02-01", "next week"):
                parser.get_date_data(sample)
            _parsers[languages] = (parser, threading.Lock())
        return _parsers[languages]


def warm_up(languages: tuple[str, ...] = ("en",)) -> None:
    """Load dateparser's tables now, so that no rep's message pays for them. A server calls this in the
    background once it is up (a message that comes first waits on the same lock rather than loading twice)."""
    _date_parser(languages)


def _dateparser_date(
    text: str, today: datetime, languages: tuple[str, ...], periods: frozenset[str] = frozenset({"day", "week", "month"})
) -> date | None:
    parser, lock = _date_parser(languages)
    # One parser per language set; only the relative base changes from message to message.
    with lock:
        parser._settings = _BASE_SETTINGS.replace(RELATIVE_BASE=today)
        data = parser.get_date_data(text)
    if data.date_obj is None or data.period not in periods:
        return None
    return data.date_obj.date()


def _explicit_date(text: str, now: datetime) -> tuple[int, date, str] | None:
    """Calendar dates ("March 15", "15/03/2027"), read by dateparser in English."""
    base = now.replace(tzinfo=None)
    for match in list(_EXPLICIT_DATE.finditer(text))[:3]:
        found = _dateparser_date(match.group(0), base, ("en",))
        if found is not None:
            return match.start(), found, match.group(0)
    return None


def _foreign_date(
    text: str, now: datetime, languages: tuple[str, ...], *, days_only: bool = False
) -> tuple[date, str] | None:
    """Short answers in the workspace's other languages ("nächste Woche"), read by dateparser."""
    foreign = tuple(x for x in languages if x != "en")
    text = text.strip()
    if not foreign or not 2 < len(text) <= 60 or not re.search(r"[^\W\d_]", text):
        return None
    periods = frozenset({"day"} if days_only else {"day", "week", "month"})
    found = _dateparser_date(text, now.replace(tzinfo=None), foreign, periods)
    return (found, text) if found is not None and found >= now.date() else None


def find_date(
    text: str, now: datetime, *, mode: str, fiscal_year_start_month: int, languages: tuple[str, ...]
) -> tuple[date, str] | None:
    """The first date said in the text, a sales period or a calendar date: (date, phrase)."""
    # A full date in the workspace's other language ("15. März 2027") beats the English rules,
    # which would only see its year.
    foreign_day = _foreign_date(text, now, languages, days_only=True)
    if foreign_day:
        return foreign_day
    found = [
        hit
        for hit in (
            _period_date(text, now.date(), mode=mode, fiscal_year_start_month=fiscal_year_start_month),
            _explicit_date(text, now),
        )
        if hit is not None
    ]
    if found:
        _, day, phrase = min(found, key=lambda hit: (hit[0], -len(hit[2])))
        return day, phrase
    return _foreign_date(text, now, languages)


def clean_text(text: str) -> str:
    """A rep's answer, lower-cased, without a "timeline:" label, numbers in figures."""
    lowered = text[:_MAX_TEXT].lower().replace("\u2019", "'")
    lowered = re.sub(r"^\s*(?:timeline|timing|when|timeframe)\s*[:=-]\s*", "", lowered)
    return replace_number_words(lowered)
