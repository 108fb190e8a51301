"""Reading events back: one filter object and one query for the CLI, the web pages and the API."""

from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import Select, func, or_, select
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
)

SORTS = {
    "date": (EventRow.day.desc().nulls_last(), EventRow.id),
    "-date": (EventRow.day.asc().nulls_last(), EventRow.id),
    "confidence": (EventRow.confidence.desc(), EventRow.id),
    "kind": (EventRow.kind, EventRow.day.desc().nulls_last(), EventRow.id),
}


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
    q: str | None = None  # words in the summary or a quote
    document: str | None = None

    def validate(self) -> "EventFilter":
        if self.kind and self.kind not in KINDS:
            raise CorridorError(Code.E304, name="kind", detail=f"one of {', '.join(KINDS)}")
        if self.sector and self.sector not in SECTORS:
            raise CorridorError(Code.E304, name="sector", detail=f"one of {', '.join(SECTORS)}")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise CorridorError(Code.E304, name="date_from", detail="is after date_to")
        return self

    def active(self) -> dict[str, str]:
        return {f.name: str(getattr(self, f.name)) for f in fields(self) if getattr(self, f.name) not in (None, "")}


@dataclass
class Page:
    events: list[Event]
    total: int
    page: int
    size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))


def filtered(flt: EventFilter) -> Select:
    """A SELECT of event ids matching the filter."""
    stmt = select(EventRow.id)
    if flt.kind:
        stmt = stmt.where(EventRow.kind == flt.kind)
    if flt.plover:
        stmt = stmt.where(EventRow.plover_type == flt.plover.upper())
    if flt.sector:
        stmt = stmt.where(EventRow.id.in_(select(EventSectorRow.event_id).where(EventSectorRow.sector == flt.sector)))
    if flt.country:
        code = flt.country.upper()
        stmt = stmt.where(EventRow.id.in_(select(EventCountryRow.event_id).where(EventCountryRow.country == code)))
    if flt.actor:
        like = f"%{flt.actor.lower()}%"
        who = select(ParticipantRow.event_id).where(
            or_(func.lower(ParticipantRow.name).like(like), func.lower(ParticipantRow.org).like(like),
                ParticipantRow.actor_id == flt.actor)
        )
        stmt = stmt.where(EventRow.id.in_(who))
    if flt.place:
        places = select(PlaceRow.id).where(or_(func.lower(PlaceRow.name) == flt.place.lower(),
                                               func.lower(PlaceRow.admin1) == flt.place.lower()))
        stmt = stmt.where(EventRow.place_id.in_(places))
    if flt.date_from:
        stmt = stmt.where(EventRow.day >= flt.date_from)
    if flt.date_to:
        stmt = stmt.where(EventRow.day <= flt.date_to)
    if flt.q:
        stmt = stmt.where(EventRow.id.in_(_text_match(flt.q)))
    if flt.document:
        stmt = stmt.where(EventRow.id.in_(select(EventSourceRow.event_id).where(EventSourceRow.document_id == flt.document)))
    return stmt


def _text_match(q: str) -> Select:
    like = f"%{q.lower()}%"
    return select(EventSourceRow.event_id).where(func.lower(EventSourceRow.quote).like(like)).union(
        select(EventRow.id).where(func.lower(EventRow.summary).like(like))
    )


def list_events(session: Session, flt: EventFilter, page: int = 1, size: int = 50, sort: str = "date") -> Page:
    flt.validate()
    ids = filtered(flt).subquery()
    total = session.scalar(select(func.count()).select_from(ids))
    order = SORTS.get(sort, SORTS["date"])
    rows = session.scalars(
        _with_children(select(EventRow).where(EventRow.id.in_(select(ids.c.id))))
        .order_by(*order)
        .offset((max(page, 1) - 1) * size)
        .limit(size)
    ).all()
    return Page([to_event(r) for r in rows], total or 0, max(page, 1), size)


def iter_events(session: Session, flt: EventFilter, batch: int = 500):
    """Every matching event, in date order, a batch at a time (for exports)."""
    flt.validate()
    offset = 0
    while True:
        rows = session.scalars(
            _with_children(select(EventRow).where(EventRow.id.in_(filtered(flt))))
            .order_by(*SORTS["date"]).offset(offset).limit(batch)
        ).all()
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
    )
