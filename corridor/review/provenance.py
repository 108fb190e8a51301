"""Where each field of an event comes from: the machine (when the document was read, and who checked
it since), or a person (who and when, and what the machine had said).

Fixed SQL sent straight to the driver, as store/records.py does: this runs on every event page, and
building the statements with SQLAlchemy took longer than running them."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from corridor.review.fields import FIELDS
from corridor.store.records import placeholders

STANDING_SQL = ("SELECT action, field, machine, actor, created_at, flag FROM corrections "
                "WHERE event_id = {mark} AND superseded_by IS NULL ORDER BY id")
READ_AT_SQL = ("SELECT min(d.ingested_at) FROM event_sources s JOIN documents d ON d.id = s.document_id "
               "WHERE s.event_id = {mark}")


def _moment(value) -> str | None:
    """A stored time as ISO text to the second (SQLite hands back text, PostgreSQL a datetime)."""
    if value is None:
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.isoformat(timespec="seconds")


def provenance(connection: Connection, event_id: str, review: str | None) -> dict[str, Any]:
    mark = placeholders(connection, 1)
    standing = connection.exec_driver_sql(STANDING_SQL.format(mark=mark), (event_id,)).all()
    read_at = _moment(connection.exec_driver_sql(READ_AT_SQL.format(mark=mark), (event_id,)).scalar())
    out = {name: {"by": "machine", "who": "extractor", "when": read_at} for name in FIELDS}
    as_text = connection.dialect.name == "sqlite"  # SQLite hands back JSON as its text, PostgreSQL parsed
    history = []
    for action, field, machine, actor, created_at, _ in standing:
        stamp = {"who": actor.removeprefix("user:"), "when": _moment(created_at)}
        history.append({"action": action, "field": field, **stamp})
        if action == "set" and field in out:
            out[field] = {"by": "person", **stamp, "machine": json.loads(machine) if as_text and machine is not None else machine}
        elif action in ("accept", "merge", "split"):
            for name, value in out.items():
                if value["by"] == "machine":
                    out[name] = {**value, "verified_by": stamp["who"], "verified_at": stamp["when"]}
    return {"fields": out, "review": review, "flags": [row[5] for row in standing if row[5]], "history": history}
