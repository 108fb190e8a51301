"""Engines and sessions: one engine per database URL, SQLite tuned for a single-user laptop."""

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker

from corridor.config import get_settings

SQLITE_MMAP_BYTES = 1 << 30
# Connections to a SQLite file are kept open, never opened per request: each new one re-reads the
# schema and starts with a cold cache. Enough for the page threads, the quick reads on the event
# loop, uploads and streaming exports at once; beyond this a request waits for a free connection.
SQLITE_CONNECTIONS = 32


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    # WAL lets the web app read while an ingest writes.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    # Reads map the file instead of copying each page into SQLite's small per-connection cache: a
    # quarter faster on the web benchmark's 200 MB store. The size is a ceiling, not an allocation.
    cur.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
    cur.close()


@lru_cache(maxsize=8)
def get_engine(url: str | None = None) -> Engine:
    url = url or get_settings().database_url
    if url.startswith("sqlite"):
        database = make_url(url).database
        in_memory = not database or database == ":memory:" or database.startswith("file::memory:")
        pooling = {} if in_memory else {"pool_size": SQLITE_CONNECTIONS, "max_overflow": 0}
        engine = create_engine(url, connect_args={"check_same_thread": False}, **pooling)
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
    return engine


def session_factory(url: str | None = None) -> sessionmaker[Session]:
    return sessionmaker(get_engine(url), expire_on_commit=False)


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A transaction: committed when the block ends, rolled back whole on any error."""
    session = session_factory(url)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
