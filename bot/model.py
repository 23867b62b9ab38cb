"""The nouns of Banter's sales world, as small immutable values."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum


class Stage(StrEnum):
    LEAD = "lead"
    PROSPECT = "prospect"
    CUSTOMER = "customer"
    DISQUALIFIED = "disqualified"


class Temperature(StrEnum):
    COLD = "cold"
    WARM = "warm"
    HOT = "hot"


class AuthorityLevel(StrEnum):
    DECISION_MAKER = "decision_maker"
    INFLUENCER = "influencer"
    NONE = "none"
    UNKNOWN = "unknown"


class Signal(StrEnum):
    """Intent a rep reports; each one moves the score."""

    PRICING = "pricing"  # asked for pricing or visited the pricing page
    QUOTE = "quote"  # asked for a quote or proposal
    DEMO = "demo"  # asked for a demo or a trial
    CALL_BOOKED = "call_booked"  # booked a call or a meeting
    REFERRAL = "referral"  # was referred by someone
    ENGAGED = "engaged"  # opened emails, downloaded content, visited the site


class BudgetPeriod(StrEnum):
    ONE_OFF = "one_off"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True)
class ContactDraft:
    """What Banter understood of one person in a rep's message, before storing."""

    name: str = ""
    title: str = ""
    company: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()  # E.164
    website: str = ""
    linkedin: str = ""
    event: str = ""  # a trade show or meeting place: "SaaStr"
    source: str = ""  # how the contact came: "referred by Ann Lee", "website", "event"
    signals: tuple[Signal, ...] = ()
    note: str = ""  # everything else the rep typed, in their words
    raw: str = ""  # the line(s) this draft came from

    @property
    def has_essentials(self) -> bool:
        """A contact is worth storing with a name, or with a way to reach them."""
        return bool(self.name or self.emails or self.phones)


@dataclass(frozen=True)
class Budget:
    """A parsed budget answer: an amount or range, or a clear "no budget"."""

    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    currency: str | None = None  # ISO 4217; None means the workspace default applies
    period: BudgetPeriod = BudgetPeriod.ONE_OFF
    none: bool = False  # "no budget yet", "tbd"

    @property
    def known(self) -> bool:
        return self.none or self.amount_max is not None or self.amount_min is not None


@dataclass(frozen=True)
class Authority:
    level: AuthorityLevel = AuthorityLevel.UNKNOWN
    approver: str = ""  # "her CFO" when the answer names who signs off


class NeedStatus(StrEnum):
    CONFIRMED = "confirmed"
    NONE = "none"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Need:
    status: NeedStatus = NeedStatus.UNKNOWN
    pain: str = ""  # the pain in the rep's words


class TimelineStatus(StrEnum):
    DATE = "date"  # a target date is known
    NONE = "none"  # "no timeline", "not this year"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Timeline:
    status: TimelineStatus = TimelineStatus.UNKNOWN
    target: date | None = None  # for ASAP, a date soon after the answer
    asap: bool = False
    phrase: str = ""  # the words the date was read from


@dataclass(frozen=True)
class Settings:
    """Per-workspace knobs the parsers need."""

    currency: str = "USD"
    region: str = "US"  # default phone region
    fiscal_year_start_month: int = 1
    languages: tuple[str, ...] = ("en",)
    extra: dict[str, str] = field(default_factory=dict)


class BantItem(StrEnum):
    BUDGET = "budget"
    AUTHORITY = "authority"
    NEED = "need"
    TIMELINE = "timeline"


BANT_ORDER: tuple[BantItem, ...] = (BantItem.BUDGET, BantItem.AUTHORITY, BantItem.NEED, BantItem.TIMELINE)


@dataclass(frozen=True)
class Answers:
    """The latest recorded answer for each BANT item (None: not answered yet)."""

    budget: Budget | None = None
    authority: Authority | None = None
    need: Need | None = None
    timeline: Timeline | None = None

    def get(self, item: BantItem) -> Budget | Authority | Need | Timeline | None:
        return getattr(self, item.value)


@dataclass(frozen=True)
class ContactSnapshot:
    """One contact as the scoring, policy and digest rules see it (already loaded; no I/O)."""

    id: int
    name: str
    title: str = ""
    company: str = ""
    emails: tuple[str, ...] = ()
    stage: Stage = Stage.LEAD
    stage_set_by_person: bool = False
    signals: tuple[Signal, ...] = ()
    answers: Answers = Answers()
    owner_id: str = ""
    event: str = ""
    created_at: datetime | None = None
    last_activity_at: datetime | None = None  # last answer, touch or note
    promoted_at: datetime | None = None
    follow_up_at: datetime | None = None
    snoozed_until: datetime | None = None
    discovery_started: bool = False


@dataclass(frozen=True)
class ActivityRecord:
    """One thing a person did with a contact: a touch, an assignment, a follow-up done."""

    contact_id: int
    kind: str
    user_id: str
    detail: str
    at: datetime
