"""Signing in: a new session each time, rate limits per account and per address, re-hashing."""

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from corridor.accounts import passwords, ratelimit, sessions
from corridor.accounts.models import AuditRow, SessionRow, UserRow
from corridor.errors import CorridorError
from corridor.store.db import session_scope
from tests.conftest import make_user

PASSWORD = "correct horse battery"


@pytest.fixture
def url(sqlite_url):
    make_user(sqlite_url, "amina@boi.example", "boi", "editor", password=PASSWORD, scope=None)
    return sqlite_url


def test_sessions_sign_in_starts_a_new_session_and_ends_the_old(url):
    with session_scope(url) as session:
        first, user = sessions.sign_in(session, "Amina@BOI.example", PASSWORD, "10.1.1.1")
        second, _ = sessions.sign_in(session, "amina@boi.example", PASSWORD, "10.1.1.1", old_token=first)
        assert first != second
        assert sessions.from_cookie(session, first, None) is None  # the token held before is worth nothing
        who = sessions.from_cookie(session, second, None)
        assert who.email == "amina@boi.example" and who.roles == {"boi": "editor"}
        stored = session.scalars(select(SessionRow.id)).all()
        assert stored == [sessions.digest(second)] and second not in stored  # only a hash is kept


def test_sessions_wrong_password_and_unknown_address_look_the_same(url):
    with session_scope(url) as session:
        for email, password in (("amina@boi.example", "wrong password"), ("nobody@boi.example", PASSWORD),
                                ("not an address", PASSWORD)):
            with pytest.raises(CorridorError) as refused:
                sessions.sign_in(session, email, password, "10.1.1.1")
            assert refused.value.code.name == "E603" and refused.value.message == "Wrong e-mail address or password"


def test_sessions_failures_are_limited_per_account(url, monkeypatch):
    with session_scope(url) as session:
        for _ in range(5):
            with pytest.raises(CorridorError):
                sessions.sign_in(session, "amina@boi.example", "wrong password", f"10.0.0.{_}")
        with pytest.raises(CorridorError) as paused:  # even the right password, from a new address
            sessions.sign_in(session, "amina@boi.example", PASSWORD, "10.9.9.9")
        assert paused.value.code.name == "E604"
        failures = session.scalar(select(func.count()).select_from(AuditRow).where(AuditRow.action == "user.sign_in_failed"))
        assert failures == 5


def test_sessions_failures_are_limited_per_address(url):
    with session_scope(url) as session:
        for i in range(20):
            with pytest.raises(CorridorError):
                sessions.sign_in(session, f"guess{i}@boi.example", "wrong password", "10.6.6.6")
        with pytest.raises(CorridorError) as paused:
            sessions.sign_in(session, "amina@boi.example", PASSWORD, "10.6.6.6")
        assert paused.value.code.name == "E604"
        token, _ = sessions.sign_in(session, "amina@boi.example", PASSWORD, "10.7.7.7")  # another address
        assert token


def test_sessions_a_good_sign_in_clears_the_account_failures(url):
    with session_scope(url) as session:
        for _ in range(4):
            with pytest.raises(CorridorError):
                sessions.sign_in(session, "amina@boi.example", "wrong password", "10.1.1.1")
        sessions.sign_in(session, "amina@boi.example", PASSWORD, "10.1.1.1")
        ratelimit.check(session, "amina@boi.example", None)  # no longer near the limit


def test_sessions_sign_in_rehashes_a_password_made_with_old_parameters(url):
    with session_scope(url) as session:
        user = session.scalar(select(UserRow).where(UserRow.email == "amina@boi.example"))
        user.password_hash = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1).hash(PASSWORD)
    with session_scope(url) as session:
        sessions.sign_in(session, "amina@boi.example", PASSWORD, None)
    with session_scope(url) as session:
        stored = session.scalar(select(UserRow.password_hash).where(UserRow.email == "amina@boi.example"))
        assert not passwords.needs_rehash(stored) and passwords.verify(stored, PASSWORD)


def test_sessions_a_disabled_user_cannot_sign_in_and_loses_sessions(url):
    from corridor.accounts import users
    from corridor.accounts.audit import Actor

    with session_scope(url) as session:
        token, user = sessions.sign_in(session, "amina@boi.example", PASSWORD, None)
        users.set_disabled(session, Actor("test", "cli"), user, True)
        assert sessions.from_cookie(session, token, None) is None
        with pytest.raises(CorridorError):
            sessions.sign_in(session, "amina@boi.example", PASSWORD, None)
