"""SQLAlchemy implementations of the core's repository ports, one module per repository."""

from storage.repositories.activities import ActivitiesRepository
from storage.repositories.alerts import AlertsRepository
from storage.repositories.answers import AnswersRepository
from storage.repositories.contacts import ContactsRepo, _fit, _to_record
from storage.repositories.digests import DigestRepository
from storage.repositories.discoveries import DiscoveriesRepository
from storage.repositories.events import EventsRepository
from storage.repositories.inserts import _insert_ignoring_duplicate
from storage.repositories.reps import RepsRepository
from storage.repositories.settings import SettingsRepository
from storage.repositories.stages import StagesRepository

__all__ = [
    "ActivitiesRepository",
    "AlertsRepository",
    "AnswersRepository",
    "ContactsRepo",
    "DigestRepository",
    "DiscoveriesRepository",
    "EventsRepository",
    "RepsRepository",
    "SettingsRepository",
    "StagesRepository",
    "_fit",
    "_insert_ignoring_duplicate",
    "_to_record",
]
