"""Reading stored documents again with today's extractor: each document's events are replaced by
what the extractor finds now (events other documents also report keep those reports).

Event ids derive from what the extractor finds, so a changed rule can give an event a new id;
people's corrections are anchored to quotes, not ids, and the caller applies them again after
(review/apply.py), in the same transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from corridor.documents.model import Document
from corridor.events.model import Event
from corridor.store.ingest import IngestStats, store_events
from corridor.store.models import DocumentRow, EventRow, EventSourceRow


@dataclass
class ReextractReport:
    documents: int = 0
    events_before: int = 0
    stats: IngestStats = field(default_factory=IngestStats)
    document_ids: list[str] = field(default_factory=list)


def document_of(row: DocumentRow) -> Document:
    """A stored document as the extractor reads it (same id, same text, same offsets)."""
    return Document(name=row.name, text=row.text, title=row.title, published=row.published, source=row.source,
                    url=row.url, format=row.format, body_start=row.body_start, id=row.id)


def reextract(session: Session, extract: Callable[[Document], list[Event]],
              document_ids: Iterable[str] | None = None) -> ReextractReport:
    """Replace the machine's events of these documents (all when None) by `extract`'s."""
    report = ReextractReport()
    query = select(DocumentRow).order_by(DocumentRow.id)
    if document_ids is not None:
        query = query.where(DocumentRow.id.in_(list(document_ids)))
    rows = session.scalars(query).all()
    report.events_before = session.query(EventRow).count()
    for row in rows:
        with session.begin_nested():
            _drop_reports(session, row.id)
            if not row.not_news:  # a person said it is not news: it has no events
                doc = document_of(row)
                store_events(session, doc, extract(doc), report.stats, row.duplicate_of, row.org_id)
        report.documents += 1
        report.document_ids.append(row.id)
    return report


def _drop_reports(session: Session, doc_id: str) -> None:
    """Remove the document's quotes from their events, and the events left with none."""
    touched = set(session.scalars(select(EventSourceRow.event_id).where(EventSourceRow.document_id == doc_id)))
    session.execute(delete(EventSourceRow).where(EventSourceRow.document_id == doc_id))
    session.expire_all()
    for event_id in sorted(touched):
        if session.scalar(select(EventSourceRow.id).where(EventSourceRow.event_id == event_id).limit(1)) is None:
            row = session.get(EventRow, event_id)
            if row is not None:
                session.delete(row)
    session.flush()
