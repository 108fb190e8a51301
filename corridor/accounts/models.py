"""Tables of accounts: users, organisations, memberships, browser sessions, API tokens, sign-in
attempts, the audit trail and the server's signing key."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from corridor.store.base import Base

ROLES = ("member", "editor", "admin")  # an organisation's roles, each with the powers of the one before


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)  # stored lower-cased
    name: Mapped[str] = mapped_column(String(200), default="")
    # Argon2id in PHC form; None until an invited user sets a password.
    password_hash: Mapped[str | None] = mapped_column(String(200))
    site_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    last_login: Mapped[dt.datetime | None] = mapped_column(DateTime)

    memberships: Mapped[list[MembershipRow]] = relationship(back_populates="user", cascade="all, delete-orphan",
                                                            lazy="selectin")


class OrgRow(Base):
    __tablename__ = "orgs"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)  # a slug: lower-case letters, digits, '-'
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())

    memberships: Mapped[list[MembershipRow]] = relationship(back_populates="org", cascade="all, delete-orphan")


class MembershipRow(Base):
    __tablename__ = "memberships"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"), primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(10))  # one of ROLES

    user: Mapped[UserRow] = relationship(back_populates="memberships")
    org: Mapped[OrgRow] = relationship(back_populates="memberships", lazy="joined")


class SessionRow(Base):
    """A signed-in browser (a user), or a forum participant who followed their invitation link.

    The cookie holds a random token; only its SHA-256 is stored, so a copy of the database signs
    nobody in."""

    __tablename__ = "sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the cookie's token
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    forum_id: Mapped[str | None] = mapped_column(String(40))
    participant_id: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)


class TokenRow(Base):
    """An API bearer token: `cor_<id>_<secret>`; the secret's SHA-256 is stored, the token shown once."""

    __tablename__ = "api_tokens"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    scope: Mapped[str] = mapped_column(String(5))  # read | write
    secret_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_used: Mapped[dt.datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class LoginAttemptRow(Base):
    """A failed sign-in, by account and by network address, for the rate limits."""

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_key_at", "key", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(400))  # "account:<email>" or "address:<ip>"
    at: Mapped[dt.datetime] = mapped_column(DateTime)


class AuditRow(Base):
    """One write: who, when, what, and the values before and after. Rows are only ever added (the
    database refuses UPDATE and DELETE on this table, migration 0011)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    user_id: Mapped[int | None] = mapped_column(Integer, index=True)
    actor: Mapped[str] = mapped_column(String(400))  # "user:a@b.org", "participant:<id>", "cli:<login>"
    via: Mapped[str] = mapped_column(String(10))  # web | api | cli
    action: Mapped[str] = mapped_column(String(60), index=True)
    target_type: Mapped[str] = mapped_column(String(40))
    target_id: Mapped[str | None] = mapped_column(String(300), index=True)
    org_id: Mapped[str | None] = mapped_column(String(40), index=True)
    before: Mapped[dict | list | None] = mapped_column(JSON)
    after: Mapped[dict | list | None] = mapped_column(JSON)
    address: Mapped[str | None] = mapped_column(String(64))


class SecretRow(Base):
    """The server's signing key when CORRIDOR_SECRET_KEY is not set: made once, shared by every process."""

    __tablename__ = "app_secrets"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
