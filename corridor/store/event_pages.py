"""A page of events for the web list: the filters of queries.EventFilter, with `q` as full-text search.

The filters mean what they mean in queries.filtered (the CLI's); the SQL differs where it matters on
a large store:

- a filter on a child table (sector, country, actor, document) is `id IN (subquery)` when nothing
  narrows the events themselves (SQLite then reads the few matching ids once), and a correlated
  EXISTS when kind, type, place or dates already narrow them through an index (then probing the
  child table's primary key per candidate beats materialising every match of the subquery);
- except a sector once the events are narrowed: it is a bit of events.sector_bits, which the
  indexes by kind, place and date carry, so no event costs a probe at all;
- the date order breaks ties by id in the same direction, so one index serves the whole ORDER BY;
- records are read by records.load_records, without the ORM.
"""

from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, true
from sqlalchemy.orm import Session

from corridor.store.models import (
    EventCountryRow,
    EventRow,
    EventSectorRow,
    EventSourceRow,
    ParticipantRow,
    PlaceRow,
    sector_mask,
)
from corridor.store.queries import EventFilter
from corridor.store.records import load_records
from corridor.store.search import matching_events

E = EventRow
SORTS = {
    "date": (E.day.desc().nulls_last(), E.id.desc()),
    "-date": (E.day.asc().nulls_last(), E.id.asc()),
    "confidence": (E.confidence.desc(), E.id.desc()),
    "kind": (E.kind, E.day.desc().nulls_last(), E.id.desc()),
}


def _child(narrowed: bool, column, subquery) -> ColumnElement[bool]:
    """events.id among the subquery's event ids, as EXISTS or IN (see the module's docstring)."""
    if narrowed:
        return subquery.where(column == E.id).exists()
    return E.id.in_(subquery.with_only_columns(column))


def event_where(session: Session, flt: EventFilter) -> ColumnElement[bool]:
    """The filter as one WHERE clause on events."""
    flt.validate()
    clauses: list[ColumnElement[bool]] = []
    if flt.kind:
        clauses.append(E.kind == flt.kind)
    if flt.plover:
        clauses.append(E.plover_type == flt.plover.upper())
    if flt.place:
        name = flt.place.lower()
        places = select(PlaceRow.id).where(or_(func.lower(PlaceRow.name) == name, func.lower(PlaceRow.admin1) == name))
        clauses.append(E.place_id.in_(places))
    if flt.date_from:
        clauses.append(E.day >= flt.date_from)
    if flt.date_to:
        clauses.append(E.day <= flt.date_to)
    narrowed = bool(clauses)
    if flt.sector and narrowed:
        clauses.append(E.sector_bits.op("&")(sector_mask([flt.sector])) != 0)
    elif flt.sector:
        clauses.append(E.id.in_(select(EventSectorRow.event_id).where(EventSectorRow.sector == flt.sector)))
    if flt.country:
        clauses.append(_child(narrowed, EventCountryRow.event_id, select(1).select_from(EventCountryRow)
                              .where(EventCountryRow.country == flt.country.upper())))
    if flt.actor:
        like = f"%{flt.actor.lower()}%"
        who = or_(func.lower(ParticipantRow.name).like(like), func.lower(ParticipantRow.org).like(like),
                  ParticipantRow.actor_id == flt.actor)
        clauses.append(_child(narrowed, ParticipantRow.event_id, select(1).select_from(ParticipantRow).where(who)))
    if flt.document:
        clauses.append(_child(narrowed, EventSourceRow.event_id, select(1).select_from(EventSourceRow)
                              .where(EventSourceRow.document_id == flt.document)))
    if flt.q:
        clauses.append(matching_events(session, flt.q))
    return and_(*clauses) if clauses else true()


def _filtered(stmt, session: Session, flt: EventFilter):
    # No WHERE at all when nothing filters: SQLite counts a whole table much faster than `WHERE 1 = 1`.
    return stmt.where(event_where(session, flt)) if flt.active() else stmt


def event_page(session: Session, flt: EventFilter, page: int, size: int, sort: str) -> tuple[list[dict[str, Any]], int]:
    """A page of event records in the chosen order, and how many events match in all."""
    connection = session.connection()  # core statements: the ORM's per-statement work buys nothing here
    total = connection.scalar(_filtered(select(func.count()).select_from(E), session, flt)) or 0
    if total <= (page - 1) * size:
        return [], total
    ids = connection.scalars(_filtered(select(E.id), session, flt).order_by(*SORTS.get(sort, SORTS["date"]))
                             .offset((page - 1) * size).limit(size)).all()
    return load_records(session, ids), total
