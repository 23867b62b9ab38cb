"""What happened, for the Slack edge to tell people about. Services record these; they post nothing."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Promoted:
    team_id: str
    contact_id: int
    by_user: str | None  # None: the policy
    rule: str


@dataclass(frozen=True)
class Demoted:
    team_id: str
    contact_id: int
    reason: str


@dataclass(frozen=True)
class TurnedHot:
    team_id: str
    contact_id: int
    signals: tuple[str, ...]


@dataclass(frozen=True)
class StageSet:
    team_id: str
    contact_id: int
    by_user: str
    stage: str
    reason: str


Event = Promoted | Demoted | TurnedHot | StageSet
