"""Ingesting a batch of inputs: read, extract, store, each document in its own transaction."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from corridor.documents.loader import Archive, expand, read_input
from corridor.documents.model import Document
from corridor.errors import CorridorError, unexpected
from corridor.extract.pipeline import extract
from corridor.store.db import session_scope
from corridor.store.ingest import IngestStats, store_document
from corridor.store.migrate import upgrade

# Documents of one archive stored between commits: a year of news is not one transaction.
COMMIT_EVERY = 500


@dataclass
class IngestReport:
    stats: IngestStats = field(default_factory=IngestStats)
    errors: list[CorridorError] = field(default_factory=list)


def ingest(inputs: Iterable[str | Path], url: str | None = None,
           on_item: Callable[[str], None] | None = None) -> IngestReport:
    """Store every readable document and its events; report each input that could not be read.

    `on_item` is called once per input (file or URL) after it is handled, for progress bars."""
    upgrade(url)
    report = IngestReport()
    with session_scope(url) as session:
        for item in expand(inputs):
            read: Iterable[Document] = ()
            try:
                read = read_input(item)
                for count, doc in enumerate(read, start=1):
                    try:
                        events = extract(doc)
                    except Exception as exc:  # an extractor's bug costs one document, not the batch
                        report.errors.append(unexpected(doc.name, exc))
                        continue
                    store_document(session, doc, events, report.stats)
                    if count % COMMIT_EVERY == 0:
                        session.commit()
                session.commit()
            except CorridorError as exc:
                session.rollback()
                report.errors.append(exc)
            if isinstance(read, Archive):
                report.errors.extend(read.errors)
            if on_item:
                on_item(str(item))
    return report
