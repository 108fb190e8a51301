"""API tokens: shown once, stored as a hash, scoped, revocable."""

from sqlalchemy import select

from corridor.accounts import sessions, tokens
from corridor.accounts.audit import Actor
from corridor.accounts.models import TokenRow, UserRow
from corridor.store.db import session_scope
from tests.conftest import make_user


def test_tokens_are_hashed_scoped_and_revocable(sqlite_url):
    make_user(sqlite_url, "analyst@risk.example", "risk", "member", scope=None)
    actor = Actor("test", "cli")
    with session_scope(sqlite_url) as session:
        user = session.scalar(select(UserRow).where(UserRow.email == "analyst@risk.example"))
        made = tokens.create(session, actor, user, "read", "dashboard")
        row = session.get(TokenRow, made.row.id)
        secret = made.token.split("_", 2)[2]
        assert made.token.startswith("cor_") and secret not in row.secret_hash and len(row.secret_hash) == 64
        who = sessions.from_bearer(session, made.token, None)
        assert who.email == "analyst@risk.example" and who.scope == "read" and who.via == "api"
        assert sessions.from_bearer(session, made.token[:-1] + ("x" if made.token[-1] != "x" else "y"), None) is None
        assert sessions.from_bearer(session, "cor_nothing", None) is None
        tokens.revoke(session, actor, made.row.id, user)
        assert sessions.from_bearer(session, made.token, None) is None
        assert tokens.of_user(session, user)[0]["revoked"] is True
