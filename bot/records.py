"""What the services read and write through the ports: plain records, no ORM."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from bot.model import Answers, BantItem, ContactSnapshot, Signal, Stage


@dataclass
class ContactRecord:
    team_id: str
    name: str = ""
    title: str = ""
    company: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    website: str = ""
    linkedin: str = ""
    event: str = ""
    source: str = ""
    signals: list[str] = field(default_factory=list)
    note: str = ""
    owner_id: str = ""
    stage: Stage = Stage.LEAD
    stage_set_by_person: bool = False
    score: int = 0
    temperature: str = "cold"
    channel_id: str = ""
    thread_ts: str = ""
    card_ts: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    last_activity_at: datetime | None = None
    promoted_at: datetime | None = None
    follow_up_at: datetime | None = None
    snoozed_until: datetime | None = None
    removed_at: datetime | None = None
    id: int | None = None

    def snapshot(self, answers: Answers, *, discovery_started: bool = False) -> ContactSnapshot:
        assert self.id is not None
        return ContactSnapshot(
            id=self.id,
            name=self.name,
            title=self.title,
            company=self.company,
            emails=tuple(self.emails),
            stage=self.stage,
            stage_set_by_person=self.stage_set_by_person,
            signals=tuple(Signal(s) for s in self.signals if s in Signal.__members__.values()),
            answers=answers,
            owner_id=self.owner_id,
            event=self.event,
            created_at=self.created_at,
            last_activity_at=self.last_activity_at,
            promoted_at=self.promoted_at,
            follow_up_at=self.follow_up_at,
            snoozed_until=self.snoozed_until,
            discovery_started=discovery_started,
        )


@dataclass(frozen=True)
class AnswerRecord:
    item: BantItem
    raw_text: str
    value: object  # Budget | Authority | Need | Timeline
    user_id: str
    answered_at: datetime
    id: int | None = None


@dataclass(frozen=True)
class StageRecord:
    from_stage: Stage | None
    to_stage: Stage
    at: datetime
    by_user: str | None
    reason: str


@dataclass
class DiscoveryRecord:
    contact_id: int
    team_id: str
    channel_id: str
    thread_ts: str
    checklist_ts: str = ""
    asking: BantItem | None = None
    skipped: list[BantItem] = field(default_factory=list)
    status: str = "active"  # active | paused | done
    started_at: datetime | None = None
    updated_at: datetime | None = None
    reminded_at: datetime | None = None


@dataclass
class Subscription:
    team_id: str
    channel_id: str
    local_time: str = "09:00"
    tz: str = "UTC"
    weekdays_only: bool = True
    filters: dict[str, str] = field(default_factory=dict)
    created_by: str = ""
    id: int | None = None
    created_at: datetime | None = None


@dataclass(frozen=True)
class Delivery:
    team_id: str
    channel_id: str
    local_date: date
    status: str
    claimed_at: datetime
    message_ts: str = ""


@dataclass(frozen=True)
class RepRecord:
    user_id: str
    name: str = ""
    tz: str = "UTC"
    is_admin: bool = False
    updated_at: datetime | None = None
