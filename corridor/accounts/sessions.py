"""Browser sessions and sign-in: a random token in the cookie, its SHA-256 in the sessions table.

Signing in always starts a new session (the token a browser had before is dropped), so a token
planted in a browser before sign-in is worth nothing after it."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from corridor.accounts import passwords, ratelimit
from corridor.accounts.audit import Actor, now, record
from corridor.accounts.models import SessionRow, TokenRow, UserRow
from corridor.accounts.principal import Principal
from corridor.accounts.tokens import lookup as lookup_token
from corridor.accounts.users import normal_email
from corridor.config import get_settings
from corridor.errors import Code, CorridorError

TOKEN_TOUCH = dt.timedelta(hours=1)  # a token's last use is written at most this often


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start(session: Session, user: UserRow | None = None, forum_id: str | None = None,
          participant_id: str | None = None, old_token: str | None = None) -> str:
    """A new session (the old one, if any, ended); returns the token for the cookie."""
    if old_token:
        end(session, old_token)
    token = secrets.token_urlsafe(32)
    at = now()
    session.add(SessionRow(id=digest(token), user_id=user.id if user else None, forum_id=forum_id,
                           participant_id=participant_id, created_at=at,
                           expires_at=at + dt.timedelta(hours=get_settings().session_hours)))
    # Expired sessions are swept when someone signs in, not on every request.
    session.execute(delete(SessionRow).where(SessionRow.expires_at < at))
    session.flush()
    return token


def end(session: Session, token: str) -> None:
    session.execute(delete(SessionRow).where(SessionRow.id == digest(token)))


def sign_in(session: Session, email: str, password: str, address: str | None,
            old_token: str | None = None) -> tuple[str, UserRow]:
    """Check the rate limits and the password; on success a new session and its token.

    A failure is recorded in the caller's transaction, which must be committed even though this
    raises (E603), or the limits would not count it."""
    try:
        email = normal_email(email)
    except CorridorError:
        raise CorridorError(Code.E603) from None
    ratelimit.check(session, email, address)
    user = session.scalar(select(UserRow).where(UserRow.email == email))
    ok = passwords.verify(user.password_hash if user else None, password)
    if not ok or user is None or user.disabled:
        ratelimit.failed(session, email, address)
        record(session, Actor(f"anonymous ({email})", "web", None, address), "user.sign_in_failed", "user",
               user.id if user else None)
        raise CorridorError(Code.E603)
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.HASHER.hash(password)  # today's parameters, same password
    ratelimit.succeeded(session, email)
    user.last_login = now()
    token = start(session, user, old_token=old_token)
    record(session, Actor(f"user:{user.email}", "web", user.id, address), "user.sign_in", "user", user.id)
    return token, user


def principal_for_user(user: UserRow, **extra) -> Principal:
    return Principal(user_id=user.id, email=user.email, name=user.name, site_admin=user.site_admin,
                     roles={m.org_id: m.role for m in user.memberships}, **extra)


def from_cookie(session: Session, token: str, address: str | None) -> Principal | None:
    row = session.get(SessionRow, digest(token))
    if row is None or row.expires_at < now():
        return None
    if row.user_id is not None:
        user = session.get(UserRow, row.user_id)
        if user is None or user.disabled:
            return None
        return principal_for_user(user, session_hash=row.id, address=address)
    return Principal(forum_id=row.forum_id, participant_id=row.participant_id, session_hash=row.id, address=address)


def from_bearer(session: Session, bearer: str, address: str | None) -> Principal | None:
    token: TokenRow | None = lookup_token(session, bearer)
    if token is None:
        return None
    user = session.get(UserRow, token.user_id)
    if user is None or user.disabled:
        return None
    if token.last_used is None or now() - token.last_used > TOKEN_TOUCH:
        token.last_used = now()
        session.commit()
    return principal_for_user(user, via="api", scope=token.scope, address=address)
