"""Bringing a database to the latest schema with Alembic, from code (no alembic.ini needed)."""

from pathlib import Path

from alembic import command
from alembic.config import Config

from corridor.store.db import get_engine

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str | None = None, revision: str = "head") -> None:
    """Create or update every table (to `revision`, the latest by default); running it on an
    up-to-date database changes nothing."""
    engine = get_engine(url)
    config = alembic_config(str(engine.url.render_as_string(hide_password=False)))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
