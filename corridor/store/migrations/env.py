"""Alembic environment: migrations run on the connection Corridor hands over, or on the URL."""

from alembic import context
from sqlalchemy import create_engine

from corridor.store.base import Base
from corridor.store.register_models import import_all

import_all()
config = context.config
target_metadata = Base.metadata


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _migrate(connection)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as conn:
        _migrate(conn)


def _migrate(connection) -> None:
    # Batch mode lets ALTER TABLE work on SQLite, which rebuilds the table instead.
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


run()
