"""The events list (with its exports) and the event page."""

import io
from collections.abc import Iterator

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from corridor.errors import Code, CorridorError
from corridor.events.export import write_events
from corridor.events.model import KINDS, SECTORS, Event
from corridor.store.event_pages import SORTS, event_page, event_where
from corridor.store.models import DocumentRow, EventRow, EventSourceRow, ParticipantRow
from corridor.store.queries import EventFilter
from corridor.store.records import load_records
from corridor.web.views.common import PLOVER_TYPES, pages

SORT_LABELS = {"date": "newest first", "-date": "oldest first", "confidence": "most confident", "kind": "by kind"}
EXPORT_BATCH = 1000


def events_view(session: Session, flt: EventFilter, page: int, size: int, sort: str) -> dict:
    records, total = event_page(session, flt, page, size, sort)
    return {
        "filters": flt.active(),
        "events": records,
        "total": total,
        "page": page,
        "pages": pages(total, size),
        "size": size,
        "sort": sort,
        "choices": {"kind": KINDS, "sector": SECTORS, "plover": PLOVER_TYPES, "sort": SORT_LABELS},
    }


def export_chunks(sessions, flt: EventFilter, fmt: str, sort: str = "date") -> Iterator[str]:
    """Every matching event as CSV or JSON lines, a batch at a time (the response streams them).

    Opens its own session: the response outlives the request's dependencies."""
    with sessions() as session:
        where = event_where(session, flt)
        order = SORTS.get(sort, SORTS["date"])
        offset, header = 0, fmt == "csv"
        while True:
            ids = session.scalars(select(EventRow.id).where(where).order_by(*order)
                                  .offset(offset).limit(EXPORT_BATCH)).all()
            if not ids and not header:
                return
            out = io.StringIO()
            written = write_events((Event.from_record(r) for r in load_records(session, ids)), out, fmt)
            if fmt == "csv" and offset:
                # write_events starts every batch with the header row: keep only the first.
                out = io.StringIO(out.getvalue().split("\r\n", 1)[1] if written else "")
            header = False
            yield out.getvalue()
            if len(ids) < EXPORT_BATCH:
                return
            offset += EXPORT_BATCH


def event_view(session: Session, event_id: str) -> dict:
    records = load_records(session, [event_id])
    if not records:
        raise CorridorError(Code.E301, event_id=event_id)
    record = records[0]
    D, S = DocumentRow, EventSourceRow
    sources = []
    for r in session.connection().execute(select(S.quote, S.start, S.end, S.document_id, D.name, D.title, D.published, D.text)
                             .join(D, D.id == S.document_id).where(S.event_id == event_id).order_by(S.id)):
        sources.append({
            "doc": r.name, "doc_id": r.document_id, "title": r.title,
            "published": r.published.isoformat() if r.published else None,
            "quote": r.quote, "start": r.start, "end": r.end,
            "before": r.text[: r.start], "after": r.text[r.end:],
        })
    place_id = session.connection().scalar(select(EventRow.place_id).where(EventRow.id == event_id))
    return {"event": record, "sources": sources, "related": _related(session, record, place_id)}


RELATED_CANDIDATES = 50  # recent events of the same actors, ranked by how many actors they share
HUB = 2000  # actors in more events than this are looked for in date order (see _recent_with)


def _related(session: Session, event: dict, place_id: str | None, limit: int = 10) -> list[dict]:
    """Recent events with participants in common (most shared first), then others at the same place."""
    actors = {p["actor_id"]: p["name"] or p["org"] for p in event["participants"] if p["actor_id"]}
    columns = (EventRow.id, EventRow.kind, EventRow.date, EventRow.summary, EventRow.place_id)
    shared: dict[str, set[str]] = {}
    by_actor = []
    if actors:
        by_actor = _recent_with(session, list(actors), event["id"], columns)
        # All participants of the candidates, filtered here: with the actors in the WHERE too, the
        # planner walks a busy actor's thousands of rows instead of the candidates' few.
        for event_id, actor_id in session.connection().execute(
            select(ParticipantRow.event_id, ParticipantRow.actor_id)
            .where(ParticipantRow.event_id.in_([r.id for r in by_actor]))
        ):
            if actor_id in actors:
                shared.setdefault(event_id, set()).add(actors[actor_id])
        by_actor = sorted(by_actor, key=lambda r: -len(shared.get(r.id, ())))[:limit]  # stable: newest first
    seen = {r.id for r in by_actor}
    by_place = []
    if place_id and len(by_actor) < limit:
        by_place = session.connection().execute(select(*columns).where(EventRow.place_id == place_id, EventRow.id != event["id"])
                                   .order_by(*SORTS["date"]).limit(limit + len(seen))).all()
        by_place = [r for r in by_place if r.id not in seen][: limit - len(by_actor)]
    return [{"id": r.id, "kind": r.kind, "date": r.date, "summary": r.summary,
             "shared_actors": sorted(shared.get(r.id, ())),
             "same_place": bool(place_id and r.place_id == place_id)} for r in [*by_actor, *by_place]]


def _recent_with(session: Session, actor_ids: list[str], event_id: str, columns) -> list:
    """The newest events any of these actors took part in.

    For an actor in thousands of events, reading all of them to keep the newest fifty is slow;
    walking the date index from the newest and probing each event for the actor (EXISTS) stops
    after a few hundred rows. For an actor in few events it is the other way round."""
    mine = ParticipantRow.actor_id.in_(actor_ids)
    sample = select(1).select_from(ParticipantRow).where(mine).limit(HUB + 1).subquery()
    if (session.connection().scalar(select(func.count()).select_from(sample)) or 0) > HUB:
        theirs = select(1).select_from(ParticipantRow).where(mine, ParticipantRow.event_id == EventRow.id).exists()
    else:
        theirs = EventRow.id.in_(select(ParticipantRow.event_id).where(mine))
    return session.connection().execute(select(*columns).where(theirs, EventRow.id != event_id)
                           .order_by(*SORTS["date"]).limit(RELATED_CANDIDATES)).all()
