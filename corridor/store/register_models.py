"""Importing every package's tables, so one metadata knows them all (for Alembic and tests)."""

import importlib

# Packages that own tables.
TABLE_MODULES = ("corridor.store.models", "corridor.forum.models", "corridor.accounts.models", "corridor.review.models")


def import_all() -> None:
    for module in TABLE_MODULES:
        importlib.import_module(module)
