"""Reading events back: one filter object and one query for the CLI, the web pages and the API."""

from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, true
from sqlalchemy.orm import Session, selectinload

from corridor.errors import Code, CorridorError
from corridor.events.model import KINDS, SECTORS, Event, Geo, Participant, Plover, Source
from corridor.store.models import (
    DocumentRow,
    EventCountryRow,
    EventRow,
    EventSectorRow,
    EventSourceRow,
    ParticipantRow,
    PlaceRow,
    sector_mask,
)
from corridor.store.search import matching_events
from corridor.store.visibility import PUBLIC, Visibility, event_clause


@dataclass
class EventFilter:
    """Every way to narrow the events list; each field is optional."""

    kind: str | None = None
    plover: str | None = None
    sector: str | None = None
    country: str | None = None
    actor: str | None = None  # part of a participant's name or organisation, or an actor id
    place: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    q: str | None = None  # full-text search of the summary and quotes (search.parse's syntax)
    document: str | None = None
    verified: bool = False  # only events a person accepted or corrected
    # Whose confidential events may be read (not a filter a user sets): news only unless told.
    visible: Visibility = PUBLIC

    def validate(self) -> "EventFilter":
        if self.kind and self.kind not in KINDS:
            raise CorridorError(Code.E304, name="kind", detail=f"one of {', '.join(KINDS)}")
        if self.sector and self.sector not in SECTORS:
            raise CorridorError(Code.E304, name="sector", detail=f"one of {', '.join(SECTORS)}")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise CorridorError(Code.E304, name="date_from", detail="is after date_to")
        return self

    def active(self) -> dict[str, str]:
        return {f.name: str(getattr(self, f.name)) for f in fields(self)
                if f.name != "visible" and getattr(self, f.name) not in (None, "", False)}


@dataclass
class Page:
    events: list[Event]
    total: int
    page: int
    size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))


E = EventRow
# Ties broken by id in the direction of the sort, so that one index serves the whole ORDER BY.
SORTS = {
    "date": (E.day.desc().nulls_last(), E.id.desc()),
    "-date": (E.day.asc().nulls_last(), E.id.asc()),
    "confidence": (E.confidence.desc(), E.id.desc()),
    "kind": (E.kind, E.day.desc().nulls_last(), E.id.desc()),
}


def _child(narrowed: bool, column, subquery) -> ColumnElement[bool]:
    """events.id among the subquery's event ids, as EXISTS or IN (see event_where)."""
    if narrowed:
        return subquery.where(column == E.id).exists()
    return E.id.in_(subquery.with_only_columns(column))


def event_where(session: Session, flt: EventFilter) -> ColumnElement[bool]:
    """The filter as one WHERE clause on events, written for a large store:

    - a filter on a child table (country, actor, document) is `id IN (subquery)` when nothing
      narrows the events themselves (SQLite then reads the few matching ids once), and a correlated
      EXISTS when kind, type, place or dates already narrow them through an index (then probing the
      child table's primary key per candidate beats materialising every match of the subquery);
    - a sector, once the events are narrowed, is a bit of events.sector_bits, which the indexes by
      kind, place and date carry, so no event costs a probe at all;
    - `q` is full-text search (store/search.py)."""
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
    if flt.verified:
        clauses.append(E.review == "verified")
    visible = event_clause(session, flt.visible)
    if visible is not None:
        clauses.append(visible)
    return and_(*clauses) if clauses else true()


def filtered(stmt: Select, session: Session, flt: EventFilter) -> Select:
    """The statement with the filter's WHERE clause; none at all when nothing filters: SQLite counts
    a whole table much faster than `WHERE 1 = 1`."""
    where = event_where(session, flt)
    return stmt if where is true() else stmt.where(where)


def list_events(session: Session, flt: EventFilter, page: int = 1, size: int = 50, sort: str = "date") -> Page:
    total = session.scalar(filtered(select(func.count()).select_from(EventRow), session, flt))
    order = SORTS.get(sort, SORTS["date"])
    rows = session.scalars(
        _with_children(filtered(select(EventRow), session, flt))
        .order_by(*order)
        .offset((max(page, 1) - 1) * size)
        .limit(size)
    ).all()
    return Page([to_event(r) for r in rows], total or 0, max(page, 1), size)


def iter_events(session: Session, flt: EventFilter, batch: int = 500):
    """Every matching event, in date order, a batch at a time (for exports)."""
    stmt = _with_children(filtered(select(EventRow), session, flt)).order_by(*SORTS["date"])
    offset = 0
    while True:
        rows = session.scalars(stmt.offset(offset).limit(batch)).all()
        yield from (to_event(r) for r in rows)
        if len(rows) < batch:
            return
        offset += batch


def _with_children(stmt: Select) -> Select:
    return stmt.options(
        selectinload(EventRow.sources).joinedload(EventSourceRow.document).load_only(DocumentRow.name),
        selectinload(EventRow.participants),
        selectinload(EventRow.countries),
        selectinload(EventRow.sectors),
    )


def get_event(session: Session, event_id: str) -> EventRow:
    row = session.get(EventRow, event_id)
    if row is None:
        raise CorridorError(Code.E301, event_id=event_id)
    return row


def to_event(row: EventRow) -> Event:
    """A stored event as the record of design/EVENTS.md."""
    place = row.place
    amount = (
        {"value": row.amount_value, "currency": row.amount_currency, "text": row.amount_text}
        if row.amount_value is not None else None
    )
    return Event(
        id=row.id,
        kind=row.kind,
        plover=Plover(row.plover_type, row.plover_mode, list(row.plover_context or [])),
        date=row.date,
        date_precision=row.date_precision,
        place=place.name if place else None,
        geo=Geo(place.lat, place.lon, place.admin1, place.country) if place else None,
        participants=[Participant(p.name, p.title, p.org, p.country, p.role, p.kind, p.actor_id, p.sector)
                      for p in row.participants],
        countries=[c.country for c in sorted(row.countries, key=lambda c: c.position)],
        sectors=sorted(s.sector for s in row.sectors),
        summary=row.summary,
        sources=[Source(s.document.name, s.quote, s.start, s.end, s.document_id) for s in row.sources],
        confidence=row.confidence,
        name=row.name,
        amount=amount,
        casualties=row.casualties,
        attack=row.attack,
        tense=row.tense,
    )
