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
