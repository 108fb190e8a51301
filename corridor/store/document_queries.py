"""Reading stored documents back: a list with how many events each holds, one document with its quotes."""

from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from corridor.errors import Code, CorridorError
from corridor.store.models import DocumentRow, EventRow, EventSourceRow
from corridor.store.visibility import EVERYTHING, Visibility, document_clause

DOCUMENT_SORTS = {
    "published": (DocumentRow.published.desc().nulls_last(), DocumentRow.id),
    "ingested": (DocumentRow.ingested_at.desc(), DocumentRow.id),
    "name": (DocumentRow.name, DocumentRow.id),
}


def document_filter(q: str | None) -> ColumnElement[bool]:
    if not q:
        return and_(DocumentRow.id.is_not(None))
    like = f"%{q.lower()}%"
    return or_(func.lower(DocumentRow.title).like(like), func.lower(DocumentRow.name).like(like))


def list_documents(session: Session, q: str | None, page: int, size: int, sort: str = "published",
                   visible: Visibility = EVERYTHING) -> dict[str, Any]:
    where = document_filter(q)
    hidden = document_clause(session, visible)
    if hidden is not None:
        where = and_(where, hidden)
    total = session.scalar(select(func.count()).select_from(DocumentRow).where(where)) or 0
    rows = session.execute(
        select(DocumentRow.id, DocumentRow.name, DocumentRow.title, DocumentRow.published, DocumentRow.source,
               DocumentRow.format, DocumentRow.ingested_at, func.length(DocumentRow.text), DocumentRow.org_id,
               DocumentRow.not_news)
        .where(where).order_by(*DOCUMENT_SORTS.get(sort, DOCUMENT_SORTS["published"]))
        .offset((page - 1) * size).limit(size)
    ).all()
    counts = dict(session.execute(
        select(EventSourceRow.document_id, func.count(func.distinct(EventSourceRow.event_id)))
        .where(EventSourceRow.document_id.in_([r.id for r in rows])).group_by(EventSourceRow.document_id)
    ).all()) if rows else {}
    documents = [{
        "id": r.id, "name": r.name, "title": r.title, "published": r.published.isoformat() if r.published else None,
        "source": r.source, "format": r.format, "ingested_at": r.ingested_at.isoformat() if r.ingested_at else None,
        "chars": r[7], "events": counts.get(r.id, 0), "confidential": r.org_id, "not_news": r.not_news,
    } for r in rows]
    return {"documents": documents, "total": total}


def get_document(session: Session, doc_id: str, visible: Visibility = EVERYTHING) -> DocumentRow:
    row = session.get(DocumentRow, doc_id)
    if row is None or not visible.allows(row.org_id):
        raise CorridorError(Code.E303, doc_id=doc_id)
    return row


def document_spans(session: Session, doc_id: str) -> list[dict[str, Any]]:
    """Every quote of an event in this document: offsets, the event id and kind, in text order."""
    rows = session.execute(
        select(EventSourceRow.start, EventSourceRow.end, EventRow.id, EventRow.kind, EventRow.date, EventRow.summary)
        .join(EventRow, EventRow.id == EventSourceRow.event_id)
        .where(EventSourceRow.document_id == doc_id)
        .order_by(EventSourceRow.start, EventSourceRow.end, EventRow.id)
    ).all()
    return [{"start": r[0], "end": r[1], "event_id": r[2], "kind": r[3], "date": r[4], "summary": r[5]} for r in rows]
