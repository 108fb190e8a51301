"""Writing documents and their events: idempotent, one transaction per document."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from corridor.documents.model import Document
from corridor.events.model import Event, Participant
from corridor.store.models import (
    ActorAliasRow,
    ActorRow,
    ActorTitleRow,
    DocumentRow,
    EventCountryRow,
    EventRow,
    EventSectorRow,
    EventSourceRow,
    ParticipantRow,
    PlaceRow,
)


@dataclass
class IngestStats:
    documents_added: int = 0
    documents_skipped: int = 0
    events_added: int = 0
    sources_added: int = 0


def store_document(session: Session, doc: Document, events: list[Event], stats: IngestStats) -> None:
    """Store a document and its events unless the same text is already stored."""
    if session.get(DocumentRow, doc.id) is not None:
        stats.documents_skipped += 1
        return
    with session.begin_nested():
        session.add(_document_row(doc))
        session.flush()
        for event in events:
            _store_event(session, event, doc, stats)
    stats.documents_added += 1


def _document_row(doc: Document) -> DocumentRow:
    return DocumentRow(id=doc.id, name=doc.name, title=doc.title, published=doc.published, source=doc.source,
                       url=doc.url, format=doc.format, body_start=doc.body_start, text=doc.text)


def _store_event(session: Session, event: Event, doc: Document, stats: IngestStats) -> None:
    row = session.get(EventRow, event.id)
    if row is None:
        row = _event_row(session, event, doc.published)
        session.add(row)
        stats.events_added += 1
    known = {(s.document_id, s.start, s.end) for s in row.sources}
    for source in event.sources:
        if (doc.id, source.start, source.end) not in known:
            row.sources.append(EventSourceRow(document_id=doc.id, quote=source.quote, start=source.start, end=source.end))
            stats.sources_added += 1
    session.flush()


def _event_row(session: Session, event: Event, published: date | None) -> EventRow:
    row = EventRow(
        id=event.id,
        kind=event.kind,
        plover_type=event.plover.type,
        plover_mode=event.plover.mode,
        plover_context=list(event.plover.context),
        date=event.date,
        date_precision=event.date_precision,
        day=first_day(event.date),
        place_id=_place(session, event),
        summary=event.summary,
        confidence=event.confidence,
        name=event.name,
        amount_value=event.amount["value"] if event.amount else None,
        amount_currency=event.amount["currency"] if event.amount else None,
        amount_text=event.amount["text"] if event.amount else None,
    )
    row.countries = [EventCountryRow(country=c, position=i) for i, c in enumerate(event.countries)]
    row.sectors = [EventSectorRow(sector=s) for s in event.sectors]
    row.participants = [
        ParticipantRow(actor_id=_actor(session, p, published), position=i, kind=p.kind, name=p.name, title=p.title,
                       org=p.org, country=p.country, role=p.role)
        for i, p in enumerate(event.participants)
    ]
    return row


def first_day(value: str | None) -> date | None:
    """'2026-03' → 2026-03-01; '2026' → 2026-01-01."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _place(session: Session, event: Event) -> str | None:
    if not event.place or not event.geo:
        return None
    place_id = f"{event.geo.country}:{event.place}"
    if session.get(PlaceRow, place_id) is None:
        session.add(PlaceRow(id=place_id, name=event.place, admin1=event.geo.admin1, country=event.geo.country,
                             lat=event.geo.lat, lon=event.geo.lon))
        session.flush()
    return place_id


def actor_key(p: Participant) -> str | None:
    """The register's id, or a key from the raw name: unknown actors are kept, never dropped."""
    if p.kind == "person":
        return p.actor_id if p.actor_id and not p.actor_id.startswith("person:") else f"person:{p.name}"
    if p.kind == "organisation" and p.org:
        return p.actor_id or f"org:{p.org}"
    return None


def _actor(session: Session, p: Participant, published: date | None) -> str | None:
    key = actor_key(p)
    if key is None:
        return None
    row = session.get(ActorRow, key)
    if row is None:
        name = p.name if p.kind == "person" else p.org
        row = ActorRow(id=key, kind=p.kind, name=name, country=p.country, known=not key.startswith(("person:", "org:")))
        row.aliases.append(ActorAliasRow(alias=name))
        session.add(row)
    if p.title:
        _record_title(session, row, p, published)
    return key


def _record_title(session: Session, actor: ActorRow, p: Participant, published: date | None) -> None:
    title = session.get(ActorTitleRow, (actor.id, p.title))
    if title is None:
        actor.titles.append(ActorTitleRow(title=p.title, org=p.org, first_seen=published, last_seen=published))
        return
    if published:
        title.first_seen = min(filter(None, (title.first_seen, published)))
        title.last_seen = max(filter(None, (title.last_seen, published)))

