"""Signed, expiring links (participant invitations, new users' invitations, password resets).

The key is CORRIDOR_SECRET_KEY, or a random key made once and kept in the database, so every worker
process of the server signs and checks alike."""

import hashlib
import hmac
import secrets
from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from corridor.accounts.models import SecretRow
from corridor.config import get_settings
from corridor.errors import Code, CorridorError

_KEYS: dict[str, str] = {}


def secret_key(session: Session) -> str:
    configured = get_settings().secret_key
    if configured:
        return configured
    url = str(session.get_bind().url)
    if url not in _KEYS:
        row = session.get(SecretRow, "signing")
        if row is None:
            try:
                with session.begin_nested():
                    row = SecretRow(name="signing", value=secrets.token_urlsafe(48))
                    session.add(row)
            except IntegrityError:  # another process made it first
                row = session.get(SecretRow, "signing")
        _KEYS[url] = row.value
    return _KEYS[url]


def sign(session: Session, purpose: str, payload: dict[str, Any]) -> str:
    return URLSafeTimedSerializer(secret_key(session), salt=purpose).dumps(payload)


def unsign(session: Session, purpose: str, token: str, max_age_seconds: int) -> dict[str, Any]:
    """The payload of a token this server signed for `purpose`, or E607 when it is forged or too old."""
    try:
        payload = URLSafeTimedSerializer(secret_key(session), salt=purpose).loads(token, max_age=max_age_seconds)
    except BadSignature:
        raise CorridorError(Code.E607) from None
    if not isinstance(payload, dict):
        raise CorridorError(Code.E607)
    return payload


def keyed_digest(session: Session, purpose: str, value: str) -> str:
    """HMAC-SHA256 of a value under the server's key (CSRF tokens)."""
    return hmac.new(secret_key(session).encode(), f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()
