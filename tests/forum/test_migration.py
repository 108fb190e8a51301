"""The Alembic migration creates exactly the tables the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from corridor.store.base import Base
from corridor.store.db import get_engine
from corridor.store.register_models import import_all


def test_migration_creates_the_forum_tables(sqlite_url):
    tables = set(inspect(get_engine(sqlite_url)).get_table_names())
    assert {"forum_forums", "forum_sessions", "forum_tables", "forum_delegations",
            "forum_participants", "forum_requests", "forum_meetings", "forum_runs"} <= tables


def test_migration_matches_the_forum_models(sqlite_url):
    import_all()
    with get_engine(sqlite_url).connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    forum_diffs = [d for d in diffs if "forum_" in repr(d)]
    assert forum_diffs == []
