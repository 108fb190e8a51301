"""API bearer tokens: `cor_<id>_<secret>`, shown once; only the secret's SHA-256 is stored.

A token carries 32 random bytes, so a fast hash is enough (no password to guess); the id finds the
row, and the comparison takes constant time."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from corridor.accounts.audit import Actor, now, record
from corridor.accounts.models import TokenRow, UserRow
from corridor.errors import Code, CorridorError

SCOPES = ("read", "write")
PREFIX = "cor_"


@dataclass
class NewToken:
    row: TokenRow
    token: str  # shown once, never stored


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create(session: Session, actor: Actor, user: UserRow, scope: str, name: str = "") -> NewToken:
    if scope not in SCOPES:
        raise CorridorError(Code.E615, field="scope", detail="read or write")
    token_id, secret = secrets.token_hex(8), secrets.token_urlsafe(32)
    row = TokenRow(id=token_id, user_id=user.id, name=name.strip()[:200], scope=scope, secret_hash=_digest(secret),
                   created_at=now())
    session.add(row)
    session.flush()
    record(session, actor, "token.create", "token", token_id, None, {"user": user.email, "scope": scope,
                                                                    "name": row.name})
    return NewToken(row, f"{PREFIX}{token_id}_{secret}")


def revoke(session: Session, actor: Actor, token_id: str, user: UserRow | None = None) -> TokenRow:
    """Revoke a token (of `user` only, when given)."""
    key = token_id.removeprefix(PREFIX).split("_", 1)[0]
    row = session.get(TokenRow, key)
    if row is None or (user is not None and row.user_id != user.id):
        raise CorridorError(Code.E616, token_id=key)
    if row.revoked_at is None:
        row.revoked_at = now()
        record(session, actor, "token.revoke", "token", row.id, {"revoked": False}, {"revoked": True})
    return row


def lookup(session: Session, token: str) -> TokenRow | None:
    """The live token row this bearer token stands for, or None."""
    if not token.startswith(PREFIX) or "_" not in token[len(PREFIX):]:
        return None
    token_id, secret = token[len(PREFIX):].split("_", 1)
    row = session.get(TokenRow, token_id)
    if row is None or row.revoked_at is not None or not hmac.compare_digest(row.secret_hash, _digest(secret)):
        return None
    return row


def of_user(session: Session, user: UserRow) -> list[dict]:
    rows = session.scalars(select(TokenRow).where(TokenRow.user_id == user.id).order_by(TokenRow.created_at.desc()))
    return [{"id": r.id, "name": r.name, "scope": r.scope, "created_at": r.created_at.isoformat(timespec="seconds"),
             "last_used": r.last_used.isoformat(timespec="seconds") if r.last_used else None,
             "revoked": r.revoked_at is not None} for r in rows]
