"""SQLite's full-text tables (FTS5) and the triggers that keep them in step with their tables.

Migration 0003 installs them. SQLite drops a table's triggers with the table, and Alembic's batch
mode rebuilds a table (copy, drop, rename) for changes SQLite cannot ALTER, so a later migration that
batch-alters documents, events or event_sources silently stops the indexing. `ensure` puts back
what is missing and re-indexes then; the web app calls it when it starts, and migrations that
rebuild one of these tables should call `install` at their end."""

from sqlalchemy import Connection, Engine, text

# (fts table, content table, its rowid column, indexed columns)
SQLITE_FTS = (
    ("documents_fts", "documents", "rowid", ("title", "text")),
    ("events_fts", "events", "rowid", ("summary",)),
    ("event_sources_fts", "event_sources", "id", ("quote",)),
)
TOKENIZER = "porter unicode61 remove_diacritics 2"


def statements(fts: str, table: str, rowid: str, columns: tuple[str, ...]) -> list[str]:
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    delete = f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.{rowid}, {old});"
    insert = f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.{rowid}, {new});"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({cols}, content='{table}', content_rowid='{rowid}', "
        f"tokenize='{TOKENIZER}')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF {cols} ON {table} BEGIN {delete} {insert} END",
    ]


def missing(connection: Connection) -> list[str]:
    """The FTS tables whose virtual table or triggers are not there."""
    names = set(connection.execute(text("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")).scalars())
    return [fts for fts, *_ in SQLITE_FTS
            if not {fts, f"{fts}_ai", f"{fts}_ad", f"{fts}_au"} <= names]


def install(connection: Connection) -> list[str]:
    """Create what is missing and re-index those tables from their content; return their names."""
    if connection.dialect.name != "sqlite":
        return []
    repaired = missing(connection)
    for fts, table, rowid, columns in SQLITE_FTS:
        if fts in repaired:
            for sql in statements(fts, table, rowid, columns):
                connection.exec_driver_sql(sql)
            # Rebuilt tables get new rowids, and rows added meanwhile were never indexed.
            connection.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    return repaired


def ensure(engine: Engine) -> list[str]:
    """`install` on a migrated SQLite store; a store not yet migrated is left alone."""
    if engine.dialect.name != "sqlite":
        return []
    with engine.begin() as connection:
        tables = set(connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'")).scalars())
        if not {"documents", "events", "event_sources", "documents_fts"} <= tables:
            return []
        return install(connection)


def drop(connection: Connection) -> None:
    for fts, *_ in SQLITE_FTS:
        for suffix in ("ai", "ad", "au"):
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {fts}")
