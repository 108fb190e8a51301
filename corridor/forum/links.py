"""Participants' invitation links: signed, expiring, one live link per participant.

A link carries the forum, the participant and a nonce, signed with the server's key and dated; it is
good for CORRIDOR_INVITATION_DAYS. Making a new link (or revoking) changes the stored nonce, so an
older link stops working at once. Following a link (a POST from the page it opens, so a page of
another site cannot sign a browser in) starts a participant's session: their agenda and requests,
accept or decline, request meetings from suggestions, their own availability."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from corridor.accounts.signing import sign, unsign
from corridor.config import get_settings
from corridor.errors import Code, CorridorError
from corridor.forum.models import ForumLinkRow, ForumRow
from corridor.forum.queries import get_participant

PURPOSE = "forum-invitation"


def make_link(session: Session, forum: ForumRow, participant_id: str) -> str:
    """A new invitation token for the participant (their earlier link ends)."""
    person = get_participant(session, forum, participant_id)
    row = session.get(ForumLinkRow, person.id)
    nonce = secrets.token_hex(16)
    now = datetime.now(UTC).replace(tzinfo=None)
    if row is None:
        session.add(ForumLinkRow(participant_id=person.id, forum_id=forum.id, nonce=nonce, created_at=now,
                                 revoked=False))
    else:
        row.nonce, row.created_at, row.revoked = nonce, now, False
    session.flush()
    return sign(session, PURPOSE, {"f": forum.id, "p": person.id, "n": nonce})


def revoke(session: Session, forum: ForumRow, participant_id: str) -> None:
    row = session.get(ForumLinkRow, get_participant(session, forum, participant_id).id)
    if row is not None:
        row.revoked = True


def follow(session: Session, token: str) -> tuple[str, str]:
    """(forum id, participant id) of a live link; E607 for a forged, expired or replaced one."""
    payload = unsign(session, PURPOSE, token, get_settings().invitation_days * 86400)
    row = session.get(ForumLinkRow, str(payload.get("p", "")))
    if row is None or row.revoked or row.forum_id != payload.get("f") or row.nonce != payload.get("n"):
        raise CorridorError(Code.E607)
    return row.forum_id, row.participant_id
