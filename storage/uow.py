"""The unit of work: one transaction, all repositories, committed or rolled back as one."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from storage import repositories as r
from storage.repositories.settings import SettingsCache, settings_committed


class SqlUnitOfWork:
    def __init__(self, session_factory: sessionmaker[Session], settings_cache: SettingsCache | None = None) -> None:
        self._factory = session_factory
        self._settings_cache = settings_cache

    def __enter__(self) -> SqlUnitOfWork:
        self.session = s = self._factory()
        self.contacts = r.ContactsRepo(s)
        self.answers = r.AnswersRepository(s)
        self.stages = r.StagesRepository(s)
        self.discoveries = r.DiscoveriesRepository(s)
        self.settings = r.SettingsRepository(s, self._settings_cache)
        self.reps = r.RepsRepository(s)
        self.alerts = r.AlertsRepository(s)
        self.activities = r.ActivitiesRepository(s)
        self.digests = r.DigestRepository(s)
        self.events = r.EventsRepository(s)
        return self

    def __exit__(self, *exc: object) -> None:
        self.session.rollback()  # nothing half-written: what was not committed is undone
        settings_committed(self.session, self._settings_cache)
        self.session.close()

    def commit(self) -> None:
        self.session.commit()
        settings_committed(self.session, self._settings_cache)

    def rollback(self) -> None:
        self.session.rollback()
        settings_committed(self.session, self._settings_cache)


class SqlUnitOfWorkFactory:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self.session_factory = session_factory
        bind = session_factory.kw["bind"]
        self._readonly = sessionmaker(bind.execution_options(banter_readonly=True), expire_on_commit=False)
        self.settings_cache = SettingsCache()  # one per process (per factory): see SettingsCache

    def __call__(self, *, readonly: bool = False) -> SqlUnitOfWork:
        """readonly: for looking only; on SQLite it does not wait for, or hold, the write lock."""
        return SqlUnitOfWork(self._readonly if readonly else self.session_factory, self.settings_cache)
