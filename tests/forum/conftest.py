"""Forum fixtures: a migrated SQLite store holding the demo forum, copied afresh per test."""

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from corridor.forum.demo import load_demo
from corridor.forum.queries import get_forum
from corridor.store.base import Base
from corridor.store.db import get_engine, session_scope
from corridor.store.migrate import upgrade
from corridor.store.register_models import import_all

ORGANISERS = "forum-desk"


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("forum") / "demo.db"
    url = f"sqlite:///{path}"
    upgrade(url)
    with session_scope(url) as session:
        load_demo(session, time_limit=1, org_id=ORGANISERS)
    get_engine(url).dispose()  # closes the WAL so the file alone holds everything
    return path


@pytest.fixture
def demo_url(demo_db, tmp_path) -> str:
    copy = tmp_path / "demo.db"
    shutil.copy(demo_db, copy)
    return f"sqlite:///{copy}"


@pytest.fixture
def session(demo_url):
    with session_scope(demo_url) as s:
        yield s


@pytest.fixture
def forum(session):
    return get_forum(session)


@pytest.fixture
def empty_session():
    """An in-memory store with every table and no rows."""
    import_all()
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as s:
        yield s
    engine.dispose()


@pytest.fixture
def client(demo_url) -> TestClient:
    """The web app, as an editor of the forum's organising organisation (an organiser)."""
    from corridor.web.app import create_app
    from tests.conftest import bearer, make_user

    token = make_user(demo_url, "organiser@forum.example", ORGANISERS, "editor")
    return TestClient(create_app(demo_url), headers=bearer(token))


@pytest.fixture(autouse=True)
def tfidf_matching(monkeypatch):
    """Matchmaking tests use TF-IDF (fast, no model); test_matching covers the embeddings."""
    from corridor.forum import matching

    monkeypatch.setattr(matching, "similarity", matching.TfidfSimilarity)
