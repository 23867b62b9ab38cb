"""Banter's tables. Every row is scoped by the Slack team id it belongs to."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend (SQLite keeps no zone of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database")
        from datetime import UTC

        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        from datetime import UTC

        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


TeamId = Annotated[str, mapped_column(String(32), index=True)]
UserId = Annotated[str, mapped_column(String(32))]
When = Annotated[datetime, mapped_column(UTCDateTime())]
MaybeWhen = Annotated[datetime | None, mapped_column(UTCDateTime(), nullable=True)]
Short = Annotated[str, mapped_column(String(255), default="")]
Id = Annotated[int, mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)]


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[str]: JSON}


class Workspace(Base):
    __tablename__ = "workspaces"
    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[Short]
    created_at: Mapped[When]


class Setting(Base):
    """Per-workspace settings: policy keys, the alerts channel, currency."""

    __tablename__ = "settings"
    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class AuditEntry(Base):
    __tablename__ = "audit_log"
    id: Mapped[Id]
    team_id: Mapped[TeamId]
    user_id: Mapped[UserId]
    action: Mapped[str] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[When]


class Rep(Base):
    """A person in the workspace, as Slack's users.info last told us."""

    __tablename__ = "reps"
    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[Short]
    tz: Mapped[str] = mapped_column(String(64), default="UTC")
    is_admin: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[When]


LISTED = text("removed_at IS NULL AND forgotten_at IS NULL")  # a contact still on every list


class Contact(Base):
    __tablename__ = "contacts"
    id: Mapped[Id]
    team_id: Mapped[TeamId]
    name: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(Text, default="")
    company: Mapped[str] = mapped_column(Text, default="")
    emails: Mapped[list[str]] = mapped_column(JSON, default=list)
    phones: Mapped[list[str]] = mapped_column(JSON, default=list)
    website: Mapped[str] = mapped_column(Text, default="")
    linkedin: Mapped[str] = mapped_column(Text, default="")
    event: Mapped[Short]
    source: Mapped[Short]
    signals: Mapped[list[str]] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[UserId]
    stage: Mapped[str] = mapped_column(String(16), default="lead", index=True)
    stage_set_by_person: Mapped[bool] = mapped_column(default=False)
    score: Mapped[int] = mapped_column(default=0)
    temperature: Mapped[str] = mapped_column(String(8), default="cold")
    channel_id: Mapped[str] = mapped_column(String(32), default="")
    thread_ts: Mapped[str] = mapped_column(String(32), default="")  # the contact's home thread
    card_ts: Mapped[str] = mapped_column(String(32), default="")
    created_at: Mapped[When]
    updated_at: Mapped[When]
    last_activity_at: Mapped[When]
    promoted_at: Mapped[MaybeWhen]
    follow_up_at: Mapped[MaybeWhen]
    snoozed_until: Mapped[MaybeWhen]
    removed_at: Mapped[MaybeWhen]
    forgotten_at: Mapped[MaybeWhen]

    __table_args__ = (
        Index("ix_contacts_team_stage", "team_id", "stage"),
        Index("ix_contacts_team_created", "team_id", "created_at"),  # "new leads since the last digest"
        Index("ix_contacts_team_stage_temp", "team_id", "stage", "temperature", "id"),  # hot leads waiting, newest first
        Index("ix_contacts_team_owner_follow_up", "team_id", "owner_id", "follow_up_at"),  # a rep's follow-ups
        # listed contacts per stage, counted from the index alone (the digest's pipeline line at a million rows)
        Index("ix_contacts_team_stage_listed", "team_id", "stage", postgresql_where=LISTED, sqlite_where=LISTED),
    )


class ContactKey(Base):
    """De-duplication keys; the unique constraint makes a concurrent double-log impossible."""

    __tablename__ = "contact_keys"
    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    key: Mapped[str] = mapped_column(String(512), primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)


class BantAnswerRow(Base):
    __tablename__ = "bant_answers"
    id: Mapped[Id]
    team_id: Mapped[TeamId]
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    item: Mapped[str] = mapped_column(String(16))
    raw_text: Mapped[str] = mapped_column(Text)
    value: Mapped[dict[str, Any]] = mapped_column(JSON)
    user_id: Mapped[UserId]
    channel_id: Mapped[str] = mapped_column(String(32), default="")
    message_ts: Mapped[str] = mapped_column(String(32), default="")
    answered_at: Mapped[When]
    undone_at: Mapped[MaybeWhen]


class StageChange(Base):
    __tablename__ = "stage_changes"
    id: Mapped[Id]
    team_id: Mapped[TeamId]
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    from_stage: Mapped[str | None] = mapped_column(String(16), nullable=True)
    to_stage: Mapped[str] = mapped_column(String(16))
    at: Mapped[When]
    by_user: Mapped[str | None] = mapped_column(String(32), nullable=True)  # None: the policy
    reason: Mapped[str] = mapped_column(Text, default="")


class Activity(Base):
    """Touches and notes: what keeps a contact from going quiet."""

    __tablename__ = "activities"
    id: Mapped[Id]
    team_id: Mapped[TeamId]
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[UserId]
    detail: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[When]


class DiscoverySession(Base):
    __tablename__ = "discovery_sessions"
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True)
    team_id: Mapped[TeamId]
    channel_id: Mapped[str] = mapped_column(String(32))
    thread_ts: Mapped[str] = mapped_column(String(32))
    checklist_ts: Mapped[str] = mapped_column(String(32), default="")
    asking: Mapped[str | None] = mapped_column(String(16), nullable=True)
    skipped: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), default="active")
    started_at: Mapped[When]
    updated_at: Mapped[When]
    reminded_at: Mapped[MaybeWhen]

    __table_args__ = (Index("ix_discovery_thread", "team_id", "channel_id", "thread_ts"),)


class ContactAlert(Base):
    """One alert per contact per kind of event, whatever re-evaluations follow."""

    __tablename__ = "contact_alerts"
    id: Mapped[Id]
    team_id: Mapped[TeamId]
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    at: Mapped[When]
    __table_args__ = (UniqueConstraint("contact_id", "kind", name="uq_contact_alert"),)


class DigestSubscription(Base):
    __tablename__ = "digest_subscriptions"
    id: Mapped[Id]
    team_id: Mapped[TeamId]
    channel_id: Mapped[str] = mapped_column(String(32))
    local_time: Mapped[str] = mapped_column(String(5), default="09:00")
    tz: Mapped[str] = mapped_column(String(64))
    weekdays_only: Mapped[bool] = mapped_column(default=True)
    filters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_by: Mapped[UserId]
    created_at: Mapped[When]
    __table_args__ = (UniqueConstraint("team_id", "channel_id", name="uq_digest_channel"),)


class DigestDelivery(Base):
    """Claimed under a unique key before posting: the guard that makes a digest go out once."""

    __tablename__ = "digest_deliveries"
    id: Mapped[Id]
    team_id: Mapped[TeamId]
    channel_id: Mapped[str] = mapped_column(String(32))
    local_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="claimed")  # claimed | sent | failed
    claimed_at: Mapped[When]
    sent_at: Mapped[MaybeWhen]
    message_ts: Mapped[str] = mapped_column(String(32), default="")
    __table_args__ = (UniqueConstraint("team_id", "channel_id", "local_date", name="uq_digest_delivery"),)


class ProcessedEvent(Base):
    """Slack event ids already handled, across processes: Slack retries and double delivery stop here."""

    __tablename__ = "processed_events"
    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    event_key: Mapped[str] = mapped_column(String(128), primary_key=True)
    at: Mapped[When]
