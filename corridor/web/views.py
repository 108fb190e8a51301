"""One data function per view: pages render them as HTML, the API returns them as JSON."""

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from corridor.errors import Code, CorridorError
from corridor.events.model import KINDS, SECTORS
from corridor.store.models import EventRow, ParticipantRow
from corridor.store.queries import EventFilter, get_event, list_events, to_event

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


def parse_date(name: str, value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CorridorError(Code.E304, name=name, detail="expected a date as YYYY-MM-DD") from None


def events_view(session: Session, flt: EventFilter, page: int, size: int, sort: str) -> dict:
    result = list_events(session, flt, page=page, size=size, sort=sort)
    return {
        "filters": flt.active(),
        "events": [e.to_record() for e in result.events],
        "total": result.total,
        "page": result.page,
        "pages": result.pages,
        "size": result.size,
        "sort": sort,
        "choices": {"kind": KINDS, "sector": SECTORS, "plover": PLOVER_TYPES},
    }


def event_view(session: Session, event_id: str) -> dict:
    row = get_event(session, event_id)
    event = to_event(row)
    sources = []
    for source in row.sources:
        text = source.document.text
        sources.append({
            "doc": source.document.name,
            "doc_id": source.document_id,
            "title": source.document.title,
            "published": source.document.published.isoformat() if source.document.published else None,
            "quote": source.quote,
            "start": source.start,
            "end": source.end,
            "before": text[: source.start],
            "after": text[source.end :],
        })
    return {"event": event.to_record(), "sources": sources, "related": _related(session, row)}


def _related(session: Session, row: EventRow, limit: int = 10) -> list[dict]:
    """Other events with a participant in common, or at the same place."""
    actor_ids = [p.actor_id for p in row.participants if p.actor_id]
    clauses = []
    if actor_ids:
        clauses.append(EventRow.id.in_(select(ParticipantRow.event_id).where(ParticipantRow.actor_id.in_(actor_ids))))
    if row.place_id:
        clauses.append(EventRow.place_id == row.place_id)
    if not clauses:
        return []
    related = session.scalars(
        select(EventRow).where(or_(*clauses), EventRow.id != row.id).order_by(EventRow.day.desc().nulls_last()).limit(limit)
    ).all()
    return [{"id": r.id, "kind": r.kind, "date": r.date, "summary": r.summary} for r in related]

