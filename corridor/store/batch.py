"""Ingesting a batch of inputs: read, extract, store, each document in its own transaction."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from corridor.documents.loader import Archive, expand, read_input
from corridor.documents.model import Document
from corridor.errors import CorridorError, unexpected
from corridor.extract.pipeline import extract
from corridor.store.db import session_scope
from corridor.store.ingest import IngestStats, owned, store_document
from corridor.store.migrate import upgrade

# Documents of one archive stored between commits: a year of news is not one transaction.
COMMIT_EVERY = 500


@dataclass
class IngestReport:
    stats: IngestStats = field(default_factory=IngestStats)
    errors: list[CorridorError] = field(default_factory=list)
    document_ids: list[str] = field(default_factory=list)  # every document read, new or already stored


def ingest(inputs: Iterable[str | Path], url: str | None = None,
           on_item: Callable[[str], None] | None = None, org_id: str | None = None,
           reader: Callable[[str | Path], Iterable[Document]] = read_input,
           after: Callable[[Session, list[str]], None] | None = None) -> IngestReport:
    """Store every readable document and its events; report each input that could not be read.

    `on_item` is called once per input (file or URL) after it is handled, for progress bars.
    `org_id` stores the documents as confidential to that organisation; `reader` reads one input
    (the web app's reader fetches URLs only from public addresses); `after` runs before each commit
    with the ids of the documents stored since the last (people's corrections are applied again
    there, in the same transaction)."""
    upgrade(url)
    report = IngestReport()
    with session_scope(url) as session:
        for item in expand(inputs):
            read: Iterable[Document] = ()
            ids: list[str] = []
            try:
                read = reader(item)
                for count, doc in enumerate(read, start=1):
                    doc = owned(doc, org_id)
                    try:
                        events = extract(doc)
                    except Exception as exc:  # an extractor's bug costs one document, not the batch
                        report.errors.append(unexpected(doc.name, exc))
                        continue
                    store_document(session, doc, events, report.stats, org_id)
                    ids.append(doc.id)
                    if count % COMMIT_EVERY == 0:
                        _commit(session, ids, after, report)
                        ids = []
                _commit(session, ids, after, report)
            except CorridorError as exc:
                session.rollback()
                report.errors.append(exc)
            if isinstance(read, Archive):
                report.errors.extend(read.errors)
            if on_item:
                on_item(str(item))
    return report


def _commit(session: Session, ids: list[str], after, report: IngestReport) -> None:
    if after is not None and ids:
        after(session, ids)
    session.commit()
    report.document_ids += ids
