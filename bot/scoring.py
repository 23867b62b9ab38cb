"""A lead score from 0 to 100 that explains itself, point by point.

    BANT (as the policy checks them)   budget satisfied +20; authority decision maker +15, influencer +8
                                       (when the policy counts that level); need confirmed +15;
                                       timeline within 90 days +15, else within the policy horizon +10
    fit                                title: C-level, VP, Head, Director, Founder, Owner, President +10;
                                       Manager, Lead +5; student, intern, researcher −10
                                       business e-mail (not free mail) +5; company known +5
    intent (each signal once)          pricing +20, quote +20, demo +20, call booked +25,
                                       referral +10, engaged +10
    recency                            no activity for stale_days −10, for twice stale_days −20

The sum is clamped to 0..100. Temperature: cold below 40, warm 40 to 69, hot from 70.
Intent weighs as much as a BANT answer: a lead who looked at pricing and booked a call is hot
before discovery has started.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.model import AuthorityLevel, BantItem, ContactSnapshot, Signal, Temperature
from bot.policy import Policy, check_items

SIGNAL_POINTS: dict[Signal, tuple[int, str]] = {
    Signal.PRICING: (20, "asked for pricing"),
    Signal.QUOTE: (20, "asked for a quote"),
    Signal.DEMO: (20, "asked for a demo"),
    Signal.CALL_BOOKED: (25, "call booked"),
    Signal.REFERRAL: (10, "referred"),
    Signal.ENGAGED: (10, "engaged with content"),
}

_SENIOR = re.compile(
    r"\b(ceo|cto|cfo|coo|cmo|cio|cro|cpo|cso|cco|cdo|ciso|chief|vp|svp|evp|vice[\s-]president|head|director"
    r"|founder|co-?founder|(?<!product )owner|president)\b",
    re.IGNORECASE,
)
_MIDDLE = re.compile(r"\b(manager|lead|team[\s-]lead)\b", re.IGNORECASE)
_JUNIOR = re.compile(r"\b(student|intern|internship|trainee|researcher|phd)\b", re.IGNORECASE)
_ASSISTANT_TO = re.compile(r"\bassistant\s+(to|of)\b", re.IGNORECASE)  # "Assistant to the CEO" is not the CEO

FREE_MAIL_DOMAINS = frozenset(
    "gmail.com googlemail.com yahoo.com ymail.com rocketmail.com hotmail.com outlook.com live.com msn.com "
    "icloud.com me.com mac.com gmx.de gmx.net gmx.com gmx.at gmx.ch web.de proton.me protonmail.com pm.me "
    "aol.com mail.ru bk.ru inbox.ru list.ru yandex.ru yandex.com qq.com 163.com 126.com sina.com "
    "t-online.de freenet.de orange.fr wanadoo.fr free.fr laposte.net libero.it virgilio.it seznam.cz "
    "wp.pl o2.pl interia.pl naver.com hanmail.net daum.net rediffmail.com mail.com email.com zoho.com "
    "zohomail.com fastmail.com tutanota.com tuta.io hey.com btinternet.com sky.com comcast.net "
    "verizon.net att.net sbcglobal.net bigpond.com".split()
)
# Providers with one domain per country: yahoo.co.uk, hotmail.fr, outlook.de ...
_FREE_MAIL_BRANDS = frozenset({"yahoo", "hotmail", "outlook", "live", "gmx", "yandex", "aol", "gmail"})


@dataclass(frozen=True)
class ScoreReason:
    points: int
    text: str  # "+20 budget confirmed", "−10 quiet for 3 weeks"


@dataclass(frozen=True)
class Score:
    value: int
    reasons: tuple[ScoreReason, ...]
    temperature: Temperature

    @property
    def raw(self) -> int:
        """The reasons' sum before clamping to 0..100 (it differs from `value` only when clamped)."""
        return sum(r.points for r in self.reasons)


def temperature_for(value: int) -> Temperature:
    if value >= 70:
        return Temperature.HOT
    return Temperature.WARM if value >= 40 else Temperature.COLD


def is_free_mail(email: str) -> bool:
    domain = email.rpartition("@")[2].strip().lower().rstrip(".")
    labels = domain.split(".")
    return domain in FREE_MAIL_DOMAINS or (labels[0] in _FREE_MAIL_BRANDS and len(labels) <= 3)


_C_LEVEL = re.compile(r"^(c[a-z]{1,3}o|chief)$")


def seniority_label(word: str) -> str:
    """The seniority a deciding word stands for: 'CTO' and 'Chief' read as 'C-level', 'svp' as 'VP'."""
    w = re.sub(r"[\s-]+", " ", word.strip().lower())
    if _C_LEVEL.match(w):
        return "C-level"
    if w in ("vp", "svp", "evp", "vice president"):
        return "VP"
    if w in ("founder", "cofounder", "co founder"):
        return "Founder"
    if w in ("intern", "internship", "trainee"):
        return "Intern"
    if w == "phd":
        return "PhD student"
    return w.capitalize()


def seniority_points(title: str) -> tuple[int, str]:
    """Points for how senior a title reads, and the seniority that decided it ((0, "") when neutral)."""
    if _ASSISTANT_TO.search(title):
        return 0, ""
    for pattern, points in ((_SENIOR, 10), (_MIDDLE, 5), (_JUNIOR, -10)):
        found = pattern.search(title)
        if found:
            return points, seniority_label(found[0])
    return 0, ""


def days_quiet(contact: ContactSnapshot, now: datetime) -> int | None:
    """Whole days since the last answer, touch or note (or since the contact was logged)."""
    last = contact.last_activity_at or contact.created_at
    return None if last is None else (now.astimezone(UTC) - last.astimezone(UTC)).days


def quiet_phrase(days: int) -> str:
    if days >= 60:
        return f"{days // 30} months"
    if days >= 14:
        return f"{days // 7} weeks"
    return "1 day" if days == 1 else f"{days} days"


def _signed(points: int, text: str) -> ScoreReason:
    sign = "+" if points >= 0 else "\u2212"
    return ScoreReason(points, f"{sign}{abs(points)} {text}")


def score(contact: ContactSnapshot, policy: Policy, *, now: datetime) -> Score:
    reasons: list[ScoreReason] = []
    checks = {c.item: c for c in check_items(contact, policy, now=now)}

    if checks[BantItem.BUDGET].satisfied:
        reasons.append(_signed(20, "budget confirmed"))
    if checks[BantItem.AUTHORITY].satisfied:
        authority = contact.answers.authority
        if authority is not None and authority.level is AuthorityLevel.DECISION_MAKER:
            reasons.append(_signed(15, "decision maker"))
        else:
            reasons.append(_signed(8, "influencer"))
    if checks[BantItem.NEED].satisfied:
        reasons.append(_signed(15, "need confirmed"))
    timeline = contact.answers.timeline
    if checks[BantItem.TIMELINE].satisfied and timeline is not None and timeline.target is not None:
        days = (timeline.target - now.date()).days
        reasons.append(
            _signed(15, "buying within 90 days") if days <= 90 else _signed(10, f"buying in {days} days")
        )

    points, word = seniority_points(contact.title)
    if points:
        reasons.append(_signed(points, f"title: {word}"))
    if any(not is_free_mail(e) for e in contact.emails):
        reasons.append(_signed(5, "business e-mail"))
    if contact.company.strip():
        reasons.append(_signed(5, "company known"))

    for signal in Signal:  # enum order: each signal once, always in the same order
        if signal in contact.signals:
            reasons.append(_signed(*SIGNAL_POINTS[signal]))

    quiet = days_quiet(contact, now)
    if quiet is not None and quiet >= policy.stale_days:
        penalty = 20 if quiet >= 2 * policy.stale_days else 10
        reasons.append(_signed(-penalty, f"quiet for {quiet_phrase(quiet)}"))

    value = max(0, min(100, sum(r.points for r in reasons)))
    return Score(value, tuple(reasons), temperature_for(value))
