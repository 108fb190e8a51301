"""Writing documents and their events: idempotent, one transaction per document."""

import hashlib
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from corridor.documents.fingerprint import NEAR_DUPLICATE, band_keys, from_bytes, signature, similarity, to_bytes
from corridor.documents.model import Document
from corridor.events.dedup import day_of, same_event
from corridor.events.model import Event, Participant
from corridor.store.models import (
    ActorAliasRow,
    ActorRedirectRow,
    ActorRow,
    ActorTitleRow,
    DocumentBandRow,
    DocumentRow,
    EventCountryRow,
    EventRow,
    EventSectorRow,
    EventSourceRow,
    ParticipantRow,
    PlaceRow,
    sector_mask,
)
from corridor.store.queries import to_event


@dataclass
class IngestStats:
    documents_added: int = 0
    documents_skipped: int = 0
    events_added: int = 0
    sources_added: int = 0
    near_duplicates: int = 0


def owned(doc: Document, org_id: str | None) -> Document:
    """The document as stored for an organisation: a confidential copy gets an id of its own (from the
    organisation and the text), so it never meets the same text stored as news or by another
    organisation, and neither do the events read from it (their ids derive from the document's)."""
    if org_id is None:
        return doc
    digest = hashlib.sha256(f"{org_id}\x1f{doc.text}".encode()).hexdigest()[:16]
    return replace(doc, id=f"doc_{digest}")


def store_document(session: Session, doc: Document, events: list[Event], stats: IngestStats,
                   org_id: str | None = None) -> None:
    """Store a document and its events unless the same text is already stored. A near-duplicate
    of a stored article is linked to it, and its events join the original's.

    `org_id` makes the document and its events confidential to that organisation (the document
    must come from `owned`): they are then merged only with that organisation's own records."""
    if session.get(DocumentRow, doc.id) is not None:
        stats.documents_skipped += 1
        return
    if org_id is not None:
        session.info.pop("any_confidential", None)  # store/visibility.py asks again
    with session.begin_nested():
        sig = signature(doc.text[doc.body_start :])
        original = _near_duplicate_of(session, sig, org_id)
        session.add(_document_row(doc, sig, original, org_id))
        session.flush()  # the bands refer to the document row
        session.add_all(DocumentBandRow(document_id=doc.id, band=i, key=k) for i, k in enumerate(band_keys(sig)))
        session.flush()
        store_events(session, doc, events, stats, original, org_id)
    stats.documents_added += 1
    stats.near_duplicates += original is not None


def store_events(session: Session, doc: Document, events: list[Event], stats: IngestStats, original: str | None,
                 org_id: str | None) -> None:
    """A stored document's events (also what re-extraction calls with a document's new events)."""
    redirect_actors(session, events)
    for event in events:
        _store_event(session, event, doc, stats, original, org_id)


def redirect_actors(session: Session, events: list[Event]) -> None:
    """Participants of actors a person merged into others are filed under the others."""
    redirects = dict(session.execute(select(ActorRedirectRow.from_id, ActorRedirectRow.to_id)).all())
    if not redirects:
        return
    for event in events:
        for p in event.participants:
            key = actor_key(p)
            if key in redirects:
                p.actor_id = redirects[key]


def _document_row(doc: Document, sig, original: str | None, org_id: str | None) -> DocumentRow:
    return DocumentRow(id=doc.id, name=doc.name, title=doc.title, published=doc.published, source=doc.source,
                       url=doc.url, format=doc.format, body_start=doc.body_start, text=doc.text,
                       minhash=to_bytes(sig), duplicate_of=original, org_id=org_id)


def _near_duplicate_of(session: Session, sig, org_id: str | None) -> str | None:
    """The stored original this article repeats: the most similar candidate sharing an LSH band
    (among documents of the same owner: news, or the same organisation's)."""
    pairs = [and_(DocumentBandRow.band == i, DocumentBandRow.key == k) for i, k in enumerate(band_keys(sig))]
    same_owner = DocumentRow.org_id.is_(None) if org_id is None else DocumentRow.org_id == org_id
    candidates = session.execute(
        select(DocumentRow.id, DocumentRow.minhash, DocumentRow.duplicate_of)
        .where(DocumentRow.id.in_(select(DocumentBandRow.document_id).where(or_(*pairs))), same_owner)
        .order_by(DocumentRow.id)
    ).all()
    scored = [(similarity(sig, from_bytes(m)), d or i) for i, m, d in candidates if m is not None]
    best = max(scored, default=None, key=lambda pair: pair[0])
    return best[1] if best and best[0] >= NEAR_DUPLICATE else None


def _store_event(session: Session, event: Event, doc: Document, stats: IngestStats, original: str | None,
                 org_id: str | None) -> None:
    row = (session.get(EventRow, event.id) or _copy_in(session, event, original)
           or _twin(session, event, doc.id, org_id))
    if row is None:
        row = _event_row(session, event, doc.published, titles=org_id is None)
        row.org_id = org_id
        session.add(row)
        stats.events_added += 1
    else:
        _add_participants(session, row, event, doc.published, titles=org_id is None)
    known = {(s.document_id, s.start, s.end) for s in row.sources}
    for source in event.sources:
        if (doc.id, source.start, source.end) not in known:
            row.sources.append(EventSourceRow(document_id=doc.id, quote=source.quote, start=source.start, end=source.end))
            stats.sources_added += 1
    session.flush()


def _copy_in(session: Session, event: Event, original: str | None) -> EventRow | None:
    """In a near-duplicate article, the original's event of the same kind stated by the same
    sentence, or agreeing as a report of the same event."""
    if original is None:
        return None
    rows = session.scalars(
        select(EventRow).where(EventRow.kind == event.kind,
                               EventRow.id.in_(select(EventSourceRow.event_id).where(EventSourceRow.document_id == original)))
        .order_by(EventRow.id)
    )
    quotes = {s.quote for s in event.sources}
    for row in rows:
        if any(s.quote in quotes for s in row.sources) or same_event(to_event(row), event):
            return row
    return None


def _twin(session: Session, event: Event, doc_id: str, org_id: str | None) -> EventRow | None:
    """A stored event from another document of the same owner that this one reports again (events/dedup.py)."""
    same_owner = EventRow.org_id.is_(None) if org_id is None else EventRow.org_id == org_id
    query = select(EventRow).where(EventRow.kind == event.kind, same_owner)
    day = day_of(event.date)
    if day is not None:
        query = query.where(EventRow.day.between(day - timedelta(days=1), day + timedelta(days=1)))
    elif event.name:
        query = query.where(EventRow.name == event.name)
    else:
        return None
    for row in session.scalars(query.order_by(EventRow.id)):
        if all(s.document_id != doc_id for s in row.sources) and same_event(to_event(row), event):
            return row
    return None


def _add_participants(session: Session, row: EventRow, event: Event, published: date | None,
                      titles: bool = True) -> None:
    keys = {(p.kind, p.actor_id or p.name or p.org or p.country) for p in row.participants}
    for p in event.participants:
        if (p.kind, stored_key(session, p) or p.name or p.org or p.country) not in keys:
            row.participants.append(_participant_row(session, p, len(row.participants), published, row.day, titles))


def _event_row(session: Session, event: Event, published: date | None, titles: bool = True) -> EventRow:
    row = EventRow(
        id=event.id,
        kind=event.kind,
        plover_type=event.plover.type,
        plover_mode=event.plover.mode,
        plover_context=list(event.plover.context),
        date=event.date,
        date_precision=event.date_precision,
        day=day_of(event.date),
        place_id=_place(session, event),
        summary=event.summary,
        confidence=event.confidence,
        name=event.name,
        amount_value=event.amount["value"] if event.amount else None,
        amount_currency=event.amount["currency"] if event.amount else None,
        amount_text=event.amount["text"] if event.amount else None,
        casualties=event.casualties,
        attack=event.attack,
        tense=event.tense,
    )
    row.countries = [EventCountryRow(country=c, position=i) for i, c in enumerate(event.countries)]
    row.sectors = [EventSectorRow(sector=s) for s in event.sectors]
    row.sector_bits = sector_mask(event.sectors)
    row.participants = [_participant_row(session, p, i, published, row.day, titles)
                        for i, p in enumerate(event.participants)]
    return row


def _participant_row(session: Session, p: Participant, position: int, published: date | None,
                     day: date | None, titles: bool = True) -> ParticipantRow:
    return ParticipantRow(actor_id=resolve_actor(session, p, published, titles), position=position, kind=p.kind, name=p.name,
                          title=p.title, org=p.org, country=p.country, role=p.role, sector=p.sector, day=day)


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


def stored_key(session: Session, p: Participant) -> str | None:
    """actor_key, after the merges people made (actor_redirects)."""
    key = actor_key(p)
    redirect = session.get(ActorRedirectRow, key) if key else None
    return redirect.to_id if redirect else key


def resolve_actor(session: Session, p: Participant, published: date | None, titles: bool = True) -> str | None:
    """The actor row of a participant (made if new); its title is noted as held on `published`.
    Titles read in confidential documents are not noted (actors' pages are read by everyone)."""
    key = stored_key(session, p)
    if key is None:
        return None
    row = session.get(ActorRow, key)
    if row is None:
        name = p.name if p.kind == "person" else p.org
        row = ActorRow(id=key, kind=p.kind, name=name, country=p.country, sector=p.sector,
                       known=not key.startswith(("person:", "org:")))
        row.aliases.append(ActorAliasRow(alias=name))
        session.add(row)
    if p.title and titles:
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

