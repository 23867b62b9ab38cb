"""Inserts that lose quietly to a unique key: how a claim is taken once across processes."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session


def _insert_ignoring_duplicate(session: Session, row: object) -> bool:
    """Insert under a savepoint; False when a unique key says someone got there first."""
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
        return True
    except IntegrityError:
        return False


def _insert_if_absent(session: Session, model: type, **values: object) -> bool:
    """The same claim in one statement where the database says ON CONFLICT DO NOTHING (SQLite, PostgreSQL):
    no savepoint, no ORM flush. False when the row was there already (on PostgreSQL a concurrent insert of the
    same key waits for the other transaction, as the savepoint did: its commit means False, its rollback True)."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    elif dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert  # type: ignore[assignment]
    else:
        return _insert_ignoring_duplicate(session, model(**values))
    table = model.__table__  # type: ignore[attr-defined]
    # RETURNING, not rowcount: psycopg reports no row count for this statement (-1).
    stmt = insert(table).values(**values).on_conflict_do_nothing().returning(*table.primary_key.columns)
    return session.execute(stmt).first() is not None
