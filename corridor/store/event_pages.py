"""A page of events for the web list and the API: the filter of queries.event_where, in an order of
queries.SORTS, the records read by records.load_records without the ORM."""

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from corridor.store.models import EventRow
from corridor.store.queries import SORTS, EventFilter, filtered
from corridor.store.records import load_records


def event_page(session: Session, flt: EventFilter, page: int, size: int, sort: str) -> tuple[list[dict[str, Any]], int]:
    """A page of event records in the chosen order, and how many events match in all."""
    connection = session.connection()  # core statements: the ORM's per-statement work buys nothing here
    total = connection.scalar(filtered(select(func.count()).select_from(EventRow), session, flt)) or 0
    if total <= (page - 1) * size:
        return [], total
    ids = connection.scalars(filtered(select(EventRow.id), session, flt).order_by(*SORTS.get(sort, SORTS["date"]))
                             .offset((page - 1) * size).limit(size)).all()
    return load_records(session, ids), total
