"""The audit trail: every write records who, when, what, and the values before and after.

`record` adds a row in the caller's transaction, so a write and its record commit together or not
at all. Nothing here changes or deletes a row; the database refuses to (migration 0011)."""

from __future__ import annotations

import csv
import datetime as dt
import getpass
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from corridor.accounts.models import AuditRow
from corridor.spreadsheet import neutralise

COLUMNS = ("id", "at", "actor", "via", "action", "target_type", "target_id", "org_id", "before", "after", "address")


@dataclass(frozen=True)
class Actor:
    """Who writes: a user, a forum participant through their link, or the command line's operator."""

    name: str  # "user:a@b.org", "participant:p123 (Name)", "cli:login"
    via: str  # web | api | cli
    user_id: int | None = None
    address: str | None = None


def cli_actor() -> Actor:
    try:
        login = getpass.getuser()
    except (KeyError, OSError):
        login = "unknown"
    return Actor(f"cli:{login}", "cli")


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def record(session: Session, actor: Actor, action: str, target_type: str, target_id: str | None,
           before: Any = None, after: Any = None, org_id: str | None = None) -> AuditRow:
    row = AuditRow(at=now(), user_id=actor.user_id, actor=actor.name[:400], via=actor.via, action=action,
                   target_type=target_type, target_id=None if target_id is None else str(target_id)[:300],
                   org_id=org_id, before=_plain(before), after=_plain(after), address=actor.address)
    session.add(row)
    session.flush()
    return row


def _plain(value: Any) -> Any:
    """JSON-ready: dates as ISO text, sets as sorted lists."""
    return None if value is None else json.loads(json.dumps(value, default=_default, sort_keys=True))


def _default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return sorted(value)
    return str(value)


@dataclass
class AuditFilter:
    actor: str | None = None  # part of the actor's name
    action: str | None = None  # an action, or its prefix ("forum.")
    target: str | None = None  # a target id
    org: str | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None

    def apply(self, stmt: Select) -> Select:
        if self.actor:
            stmt = stmt.where(func.lower(AuditRow.actor).like(f"%{self.actor.lower()}%"))
        if self.action:
            stmt = stmt.where(AuditRow.action.like(f"{self.action}%"))
        if self.target:
            stmt = stmt.where(AuditRow.target_id == self.target)
        if self.org:
            stmt = stmt.where(AuditRow.org_id == self.org)
        if self.since:
            stmt = stmt.where(AuditRow.at >= self.since)
        if self.until:
            stmt = stmt.where(AuditRow.at <= self.until)
        return stmt


def as_dict(row: AuditRow) -> dict[str, Any]:
    return {"id": row.id, "at": row.at.isoformat(timespec="seconds"), "actor": row.actor, "via": row.via,
            "action": row.action, "target_type": row.target_type, "target_id": row.target_id, "org_id": row.org_id,
            "before": row.before, "after": row.after, "address": row.address}


def entries(session: Session, flt: AuditFilter, page: int = 1, size: int = 50) -> dict[str, Any]:
    """A page of entries, newest first, and how many match."""
    total = session.scalar(flt.apply(select(func.count()).select_from(AuditRow))) or 0
    rows = session.scalars(flt.apply(select(AuditRow)).order_by(AuditRow.id.desc())
                           .offset((page - 1) * size).limit(size)).all()
    return {"entries": [as_dict(r) for r in rows], "total": total, "page": page, "size": size,
            "pages": max(1, -(-total // size))}


def iter_entries(session: Session, flt: AuditFilter, batch: int = 1000) -> Iterator[dict[str, Any]]:
    """Every matching entry, oldest first (for exports)."""
    last = 0
    while True:
        rows = session.scalars(flt.apply(select(AuditRow)).where(AuditRow.id > last).order_by(AuditRow.id)
                               .limit(batch)).all()
        yield from (as_dict(r) for r in rows)
        if len(rows) < batch:
            return
        last = rows[-1].id


def write(rows: Iterable[dict[str, Any]], out: io.TextIOBase, fmt: str) -> int:
    """Entries as JSON lines, or CSV (before and after as JSON text; no cell can run as a formula)."""
    count = 0
    writer = csv.DictWriter(out, fieldnames=COLUMNS) if fmt == "csv" else None
    if writer:
        writer.writeheader()
    for entry in rows:
        if writer:
            writer.writerow({k: neutralise(json.dumps(entry[k], ensure_ascii=False, sort_keys=True)
                                           if k in ("before", "after") and entry[k] is not None else entry[k])
                             for k in COLUMNS})
        else:
            out.write(json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count
