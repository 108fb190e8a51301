"""Reading forums, participants and requests from the store; the ids they are stored under."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from corridor.errors import Code, CorridorError
from corridor.forum.models import ForumParticipantRow, ForumRequestRow, ForumRow, content_id


def forum_id(name: str) -> str:
    return content_id("f", name)


def participant_id(forum_id: str, name: str, organisation: str) -> str:
    return content_id("p", forum_id, name, organisation)


def request_id(forum_id: str, requester_id: str, target_id: str) -> str:
    return content_id("r", forum_id, requester_id, target_id)


def get_forum(session: Session, forum_id: str | None = None) -> ForumRow:
    """The forum with this id (or name); with none given, the only forum in the store."""
    if forum_id:
        row = session.get(ForumRow, forum_id) or session.scalars(
            select(ForumRow).where(ForumRow.name == forum_id)
        ).first()
        if row is None:
            raise CorridorError(Code.E501, forum=forum_id)
        return row
    rows = session.scalars(select(ForumRow).order_by(ForumRow.name)).all()
    if not rows:
        raise CorridorError(Code.E503)
    if len(rows) > 1:
        raise CorridorError(Code.E502, choices=", ".join(r.id for r in rows))
    return rows[0]


def participants(session: Session, forum: ForumRow) -> list[ForumParticipantRow]:
    return list(
        session.scalars(
            select(ForumParticipantRow)
            .where(ForumParticipantRow.forum_id == forum.id)
            .order_by(ForumParticipantRow.name, ForumParticipantRow.organisation)
        )
    )


def requests(session: Session, forum: ForumRow, statuses=None) -> list[ForumRequestRow]:
    q = select(ForumRequestRow).where(ForumRequestRow.forum_id == forum.id)
    if statuses:
        q = q.where(ForumRequestRow.status.in_(statuses))
    return list(session.scalars(q.order_by(ForumRequestRow.id)).unique())


def get_request(session: Session, forum: ForumRow, rid: str) -> ForumRequestRow:
    row = session.get(ForumRequestRow, rid)
    if row is None or row.forum_id != forum.id:
        raise CorridorError(Code.E505, request=rid)
    return row


def get_participant(session: Session, forum: ForumRow, ref: str) -> ForumParticipantRow:
    """A participant by id, or by a name that is unique in the forum (any case)."""
    row = session.get(ForumParticipantRow, ref)
    if row is not None and row.forum_id == forum.id:
        return row
    key = ref.strip().lower()
    found = [p for p in participants(session, forum) if p.name.lower() == key]
    if len(found) != 1:
        raise CorridorError(Code.E504, who=ref)
    return found[0]
