"""The forum's tables (all prefixed ``forum_``). Ids come from content, so re-importing the same
file changes nothing: a participant's id hashes the forum, their name and organisation."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date, datetime, time

from sqlalchemy import (
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from corridor.store.base import Base


def normalise(text: str) -> str:
    """Case-, accent- and spacing-insensitive form of a name, for ids and look-ups."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def content_id(prefix: str, *parts: str) -> str:
    digest = hashlib.sha1("\x1f".join(normalise(p) for p in parts).encode()).hexdigest()
    return f"{prefix}{digest[:12]}"


class ForumRow(Base):
    __tablename__ = "forum_forums"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    venue: Mapped[str | None] = mapped_column(String(300))
    timezone: Mapped[str] = mapped_column(String(64))
    slot_minutes: Mapped[int] = mapped_column(Integer)
    default_max_meetings: Mapped[int] = mapped_column(Integer, default=12)
    # The organising organisation: its editors and admins run the forum, its members read it.
    org_id: Mapped[str | None] = mapped_column(String(40), index=True)

    sessions: Mapped[list[ForumSessionRow]] = relationship(
        cascade="all, delete-orphan", order_by=lambda: [ForumSessionRow.day, ForumSessionRow.start]
    )
    tables: Mapped[list[ForumTableRow]] = relationship(
        cascade="all, delete-orphan", order_by="ForumTableRow.name"
    )


class ForumSessionRow(Base):
    """A meeting session (kind ``session``) or a pause (kind ``break``; no day = every day)."""

    __tablename__ = "forum_sessions"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    forum_id: Mapped[str] = mapped_column(ForeignKey("forum_forums.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(200), default="")
    day: Mapped[date | None] = mapped_column(Date)
    start: Mapped[time] = mapped_column(Time)
    end: Mapped[time] = mapped_column(Time)


class ForumTableRow(Base):
    __tablename__ = "forum_tables"
    __table_args__ = (UniqueConstraint("forum_id", "name"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    forum_id: Mapped[str] = mapped_column(ForeignKey("forum_forums.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    capacity: Mapped[int] = mapped_column(Integer)


class ForumDelegationRow(Base):
    __tablename__ = "forum_delegations"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    forum_id: Mapped[str] = mapped_column(ForeignKey("forum_forums.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    organisation: Mapped[str] = mapped_column(String(300))


class ForumParticipantRow(Base):
    __tablename__ = "forum_participants"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    forum_id: Mapped[str] = mapped_column(ForeignKey("forum_forums.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    organisation: Mapped[str] = mapped_column(String(300))
    country: Mapped[str] = mapped_column(String(3), index=True)
    role: Mapped[str] = mapped_column(String(20), index=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    email: Mapped[str] = mapped_column(String(300), default="")
    sectors: Mapped[str] = mapped_column(Text, default="")  # "energy; agriculture"
    offer: Mapped[str] = mapped_column(Text, default="")
    seek: Mapped[str] = mapped_column(Text, default="")
    availability: Mapped[str] = mapped_column(Text, default="")  # "09:00-12:30; 14:00-17:00"
    max_meetings: Mapped[int | None] = mapped_column(Integer)
    delegation_id: Mapped[str | None] = mapped_column(
        ForeignKey("forum_delegations.id", ondelete="SET NULL"), index=True
    )

    delegation: Mapped[ForumDelegationRow | None] = relationship(lazy="joined")

    @property
    def sector_list(self) -> list[str]:
        return [s.strip() for s in self.sectors.split(";") if s.strip()]


class ForumRequestRow(Base):
    __tablename__ = "forum_requests"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    forum_id: Mapped[str] = mapped_column(ForeignKey("forum_forums.id", ondelete="CASCADE"), index=True)
    requester_id: Mapped[str] = mapped_column(
        ForeignKey("forum_participants.id", ondelete="CASCADE"), index=True
    )
    target_id: Mapped[str] = mapped_column(
        ForeignKey("forum_participants.id", ondelete="CASCADE"), index=True
    )
    priority: Mapped[int] = mapped_column(Integer, default=2)
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), index=True, default="pending")
    reason: Mapped[str | None] = mapped_column(Text)  # why the last schedule left it out
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())

    requester: Mapped[ForumParticipantRow] = relationship(foreign_keys=[requester_id], lazy="joined")
    target: Mapped[ForumParticipantRow] = relationship(foreign_keys=[target_id], lazy="joined")
    meeting: Mapped[ForumMeetingRow | None] = relationship(
        cascade="all, delete-orphan", uselist=False, lazy="joined"
    )


class ForumMeetingRow(Base):
    """Where a scheduled (or held, or missed) request takes place. ``start`` is UTC."""

    __tablename__ = "forum_meetings"

    request_id: Mapped[str] = mapped_column(
        ForeignKey("forum_requests.id", ondelete="CASCADE"), primary_key=True
    )
    start: Mapped[datetime] = mapped_column(DateTime, index=True)
    end: Mapped[datetime] = mapped_column(DateTime)
    table_name: Mapped[str] = mapped_column(String(100))


class ForumRunRow(Base):
    """One scheduler run: its figures, for the dashboard."""

    __tablename__ = "forum_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    forum_id: Mapped[str] = mapped_column(ForeignKey("forum_forums.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    seed: Mapped[int] = mapped_column(Integer)
    meetings: Mapped[int] = mapped_column(Integer)
    value: Mapped[int] = mapped_column(Integer)
    bound: Mapped[int] = mapped_column(Integer)
    gaps: Mapped[int] = mapped_column(Integer)
    left_without: Mapped[int] = mapped_column(Integer)
    moves: Mapped[int] = mapped_column(Integer)
    unscheduled: Mapped[int] = mapped_column(Integer)
    seconds: Mapped[float] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(20))


class ForumLinkRow(Base):
    """A participant's current invitation link. The link is signed and expires; it also names this
    row's nonce, so making a new link (or revoking) ends the old one."""

    __tablename__ = "forum_links"

    participant_id: Mapped[str] = mapped_column(
        ForeignKey("forum_participants.id", ondelete="CASCADE"), primary_key=True
    )
    forum_id: Mapped[str] = mapped_column(ForeignKey("forum_forums.id", ondelete="CASCADE"), index=True)
    nonce: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    revoked: Mapped[bool] = mapped_column(default=False)
