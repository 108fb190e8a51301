"""Shared fixtures: the ../shared folder (when present) and databases (SQLite and PostgreSQL)."""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

# The test client's host name, and news readable without signing in, for the tests that read pages;
# the tests of access rules build their apps with explicit settings (tests/web/test_access.py).
os.environ.setdefault("CORRIDOR_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1,[::1]")
os.environ.setdefault("CORRIDOR_PUBLIC_READ", "true")

from corridor.store.db import get_engine  # noqa: E402
from corridor.store.migrate import upgrade  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEMO_CORPUS = ROOT / "corridor" / "demo" / "corpus"
POSTGRES_URL = os.environ.get("CORRIDOR_TEST_POSTGRES_URL")


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is absent (a user's clone has none); CI has it and runs this test")
    return SHARED


def _postgres_schema_url() -> tuple[str, str]:
    """A fresh schema of the test server for this run, so runs never see each other's rows."""
    if not POSTGRES_URL:
        if os.environ.get("CI"):
            pytest.fail("CORRIDOR_TEST_POSTGRES_URL is not set: CI must run the PostgreSQL tests")
        pytest.skip("CORRIDOR_TEST_POSTGRES_URL is not set (make test sets it)")
    schema = f"corridor_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    separator = "&" if "?" in POSTGRES_URL else "?"
    return f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}", schema


def _drop_schema(schema: str) -> None:
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    admin.dispose()


@contextmanager
def migrated_database(kind: str, folder: Path) -> Iterator[str]:
    """A migrated, empty database: an SQLite file in `folder`, or a fresh PostgreSQL schema."""
    if kind == "sqlite":
        url = f"sqlite:///{folder / 'corridor.db'}"
        upgrade(url)
        yield url
        get_engine(url).dispose()
        return
    url, schema = _postgres_schema_url()
    upgrade(url)
    try:
        yield url
    finally:
        get_engine(url).dispose()
        _drop_schema(schema)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> Iterator[str]:
    """A migrated, empty database for one test: an SQLite file, then a PostgreSQL schema."""
    with migrated_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'corridor.db'}"
    upgrade(url)
    return url


def make_user(url: str, email: str, org: str | None = None, role: str = "member", site_admin: bool = False,
              password: str | None = None, scope: str | None = "write") -> str | None:
    """A user (and their organisation, made if new) in the store at `url`; returns an API token of
    `scope` for them (None when scope is None)."""
    from corridor.accounts import tokens, users
    from corridor.accounts.audit import Actor
    from corridor.accounts.models import OrgRow
    from corridor.store.db import session_scope

    actor = Actor("test", "cli")
    with session_scope(url) as session:
        user = users.add_user(session, actor, email, email.split("@")[0], password, site_admin)
        if org:
            row = session.get(OrgRow, org) or users.add_org(session, actor, org, org)
            users.set_member(session, actor, row, user, role)
        return tokens.create(session, actor, user, scope).token if scope else None


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
