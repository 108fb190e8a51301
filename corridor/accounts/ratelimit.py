"""Limits on failed sign-ins, per account and per network address, kept in the database so that every
worker process counts the same failures."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from corridor.accounts.audit import now
from corridor.accounts.models import LoginAttemptRow
from corridor.config import get_settings
from corridor.errors import Code, CorridorError

WINDOW = dt.timedelta(minutes=15)


def _keys(email: str, address: str | None) -> list[tuple[str, int]]:
    settings = get_settings()
    keys = [(f"account:{email.strip().lower()}", settings.login_limit_account)]
    if address:
        keys.append((f"address:{address}", settings.login_limit_address))
    return keys


def check(session: Session, email: str, address: str | None) -> None:
    """Refuse (E604) while the account or the address has used up its failures in the window."""
    since = now() - WINDOW
    for key, limit in _keys(email, address):
        count, first = session.execute(select(func.count(), func.min(LoginAttemptRow.at))
                                       .where(LoginAttemptRow.key == key, LoginAttemptRow.at >= since)).one()
        if count >= limit:
            minutes = max(1, int(((first + WINDOW) - now()).total_seconds() // 60) + 1)
            raise CorridorError(Code.E604, minutes=minutes)


def failed(session: Session, email: str, address: str | None) -> None:
    at = now()
    session.add_all(LoginAttemptRow(key=key[:400], at=at) for key, _ in _keys(email, address))
    # Old failures count no more: drop them now and then, not on every attempt.
    session.execute(delete(LoginAttemptRow).where(LoginAttemptRow.at < at - 4 * WINDOW))
    session.flush()


def succeeded(session: Session, email: str) -> None:
    """A good password clears the account's failures (not the address's: one right guess among many)."""
    session.execute(delete(LoginAttemptRow).where(LoginAttemptRow.key == f"account:{email.strip().lower()}"))
