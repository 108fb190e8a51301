"""Event records (design/EVENTS.md) read with five plain SQL queries, for pages that show many at once.

`queries.to_event` builds the same record from ORM rows. On a 50-row page the ORM, SQLAlchemy's
statement building (fifty bound values per IN list) and `dataclasses.asdict` cost ten times the
queries themselves, so this module sends fixed SQL text straight to the driver and builds the dicts
itself. tests/web/test_records.py checks that both give the same records."""

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import fields
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from corridor.events.model import Participant
from corridor.store.models import ParticipantRow

EVENTS_SQL = (
    "SELECT e.id, e.kind, e.plover_type, e.plover_mode, e.plover_context, e.date, e.date_precision, e.summary, "
    "e.confidence, e.name, e.amount_value, e.amount_currency, e.amount_text, "
    "p.name, p.lat, p.lon, p.admin1, p.country, e.casualties, e.attack, e.tense "
    "FROM events e LEFT JOIN places p ON p.id = e.place_id WHERE e.id IN ({ids})"
)
# A participant's record has the fields of events.model.Participant, each stored in a column of that name.
PARTICIPANT_FIELDS = tuple(f.name for f in fields(Participant) if f.name in ParticipantRow.__table__.c)
PARTICIPANTS_SQL = (
    f"SELECT event_id, {', '.join(PARTICIPANT_FIELDS)} FROM event_participants "
    "WHERE event_id IN ({ids}) ORDER BY event_id, position, id"
)
COUNTRIES_SQL = "SELECT event_id, country FROM event_countries WHERE event_id IN ({ids}) ORDER BY event_id, position"
SECTORS_SQL = "SELECT event_id, sector FROM event_sectors WHERE event_id IN ({ids}) ORDER BY event_id, sector"
SOURCES_SQL = (
    'SELECT s.event_id, d.name, s.quote, s.start, s."end", s.document_id FROM event_sources s '
    "JOIN documents d ON d.id = s.document_id WHERE s.event_id IN ({ids}) ORDER BY s.event_id, s.id"
)


# The event page's sources, each with the whole text of its document (shown around the quote).
SOURCES_WITH_TEXT_SQL = (
    'SELECT s.quote, s.start, s."end", s.document_id, d.name, d.title, d.published, d.text, s.id FROM event_sources s '
    "JOIN documents d ON d.id = s.document_id WHERE s.event_id = {mark} ORDER BY s.id"
)
PLACE_SQL = "SELECT place_id FROM events WHERE id = {mark}"


def placeholders(connection: Connection, n: int) -> str:
    """n positional parameter markers in the driver's own style, comma-separated."""
    marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    return ", ".join([marker] * n)


def load_records(session: Session, ids: Sequence[str]) -> list[dict[str, Any]]:
    """The records of these events, in the order of `ids` (unknown ids are left out)."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return []
    connection = session.connection()
    markers = placeholders(connection, len(ids))
    params = tuple(ids)

    def rows(sql: str):
        return connection.exec_driver_sql(sql.format(ids=markers), params).all()

    participants: dict[str, list] = defaultdict(list)
    for r in rows(PARTICIPANTS_SQL):
        participants[r[0]].append(dict(zip(PARTICIPANT_FIELDS, r[1:], strict=True)))
    countries: dict[str, list] = defaultdict(list)
    for event_id, country in rows(COUNTRIES_SQL):
        countries[event_id].append(country)
    sectors: dict[str, list] = defaultdict(list)
    for event_id, sector in rows(SECTORS_SQL):
        sectors[event_id].append(sector)
    sources: dict[str, list] = defaultdict(list)
    for r in rows(SOURCES_SQL):
        sources[r[0]].append({"doc": r[1], "quote": r[2], "start": r[3], "end": r[4], "doc_id": r[5]})

    records = {}
    for r in rows(EVENTS_SQL):
        context = r[4]
        if isinstance(context, str):  # SQLite keeps JSON as text
            context = json.loads(context)
        record: dict[str, Any] = {
            "id": r[0],
            "kind": r[1],
            "plover": {"type": r[2], "mode": r[3], "context": list(context or [])},
            "date": r[5],
            "date_precision": r[6],
            "place": r[13],
            "geo": {"lat": r[14], "lon": r[15], "admin1": r[16], "country": r[17]} if r[13] is not None else None,
            "participants": participants.get(r[0], []),
            "countries": countries.get(r[0], []),
            "sectors": sectors.get(r[0], []),
            "summary": r[7],
            "sources": sources.get(r[0], []),
            "confidence": r[8],
        }
        if r[9] is not None:
            record["name"] = r[9]
        if r[10] is not None:
            record["amount"] = {"value": r[10], "currency": r[11], "text": r[12]}
        for key, value in (("casualties", _json(r[18])), ("attack", _json(r[19])), ("tense", r[20])):
            if value is not None:
                record[key] = value
        records[r[0]] = record
    return [records[i] for i in ids if i in records]


def _json(value: Any) -> Any:
    """A JSON column as read by raw SQL: text on SQLite, decoded on PostgreSQL."""
    return json.loads(value) if isinstance(value, str) else value


def sources_in_documents(connection: Connection, event_id: str) -> list[dict[str, Any]]:
    """Every source of an event with its document's name, title, date and text before and after the quote."""
    sql = SOURCES_WITH_TEXT_SQL.format(mark=placeholders(connection, 1))
    return [{
        "doc": name, "doc_id": document_id, "title": title,
        "published": str(published) if published else None,  # a date, or SQLite's ISO text of one
        "quote": quote, "start": start, "end": end, "before": text[:start], "after": text[end:], "id": source_id,
    } for quote, start, end, document_id, name, title, published, text, source_id
        in connection.exec_driver_sql(sql, (event_id,)).all()]


def place_of(connection: Connection, event_id: str) -> str | None:
    """The id of the event's place row (records carry its name and coordinates, not its id)."""
    return connection.exec_driver_sql(PLACE_SQL.format(mark=placeholders(connection, 1)), (event_id,)).scalar()
