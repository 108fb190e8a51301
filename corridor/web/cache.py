"""Aggregates (overview, map, actor counts) cached per process until the store changes.

They read every event; on a store of 100,000 events that takes a few hundred milliseconds, and their
inputs change only when documents are ingested. Documents are the unit of ingest (every new event
or quote comes with a new document), so the number of documents and the latest ingest time are a
version of the store, read from an index in a millisecond. People's corrections, merges and other
writes change events without a new document; each is in the audit trail, so its latest entry is part
of the version too."""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from corridor.accounts.models import AuditRow
from corridor.store.models import DocumentRow

T = TypeVar("T")
SIZE = 256  # entries per process
_entries: OrderedDict[Hashable, tuple[Hashable, Any]] = OrderedDict()
_lock = threading.Lock()


def store_version(session: Session) -> tuple:
    row = session.execute(select(func.count(), func.max(DocumentRow.ingested_at))).one()
    return (str(session.get_bind().url), row[0], row[1], session.scalar(select(func.max(AuditRow.id))))


def cached(session: Session, key: Hashable, compute: Callable[[], T]) -> T:
    """compute(), or its result from the last call with this key if the store has not changed since."""
    version = store_version(session)
    full_key = (version[0], key)
    with _lock:
        hit = _entries.get(full_key)
        if hit is not None and hit[0] == version:
            _entries.move_to_end(full_key)
            return hit[1]
    value = compute()
    with _lock:
        _entries[full_key] = (version, value)
        _entries.move_to_end(full_key)
        while len(_entries) > SIZE:
            _entries.popitem(last=False)
    return value


def clear() -> None:
    with _lock:
        _entries.clear()
