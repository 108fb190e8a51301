"""The events list (with its exports) and the event page."""

import io
from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from corridor.errors import Code, CorridorError
from corridor.events.export import write_events
from corridor.events.model import KINDS, SECTORS, Event
from corridor.review.provenance import provenance
from corridor.store.event_pages import event_page
from corridor.store.models import EventRow
from corridor.store.queries import SORTS, EventFilter, event_where
from corridor.store.records import load_records, place_of, placeholders, sources_in_documents
from corridor.store.related import related_events
from corridor.store.visibility import Visibility
from corridor.web.views.common import PLOVER_TYPES, pages

SORT_LABELS = {"date": "newest first", "-date": "oldest first", "confidence": "most confident", "kind": "by kind"}
EXPORT_BATCH = 1000
STATE_SQL = "SELECT org_id, review FROM events WHERE id = {mark}"  # who may read it, and its review


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


def event_view(session: Session, event_id: str, visible: Visibility) -> dict:
    connection = session.connection()
    row = connection.exec_driver_sql(STATE_SQL.format(mark=placeholders(connection, 1)), (event_id,)).first()
    if row is None or not visible.allows(row.org_id):
        raise CorridorError(Code.E301, event_id=event_id)
    record = load_records(session, [event_id])[0]
    related = related_events(connection, record, place_of(connection, event_id), visible=visible)
    return {"event": record, "sources": sources_in_documents(connection, event_id), "related": related,
            "confidential": row.org_id, "provenance": provenance(connection, event_id, row.review)}
