"""Ingesting a batch of inputs: read, extract, store, each document in its own transaction."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from corridor.documents.loader import expand, read_input
from corridor.errors import CorridorError
from corridor.extract.pipeline import extract
from corridor.store.db import session_scope
from corridor.store.ingest import IngestStats, store_document
from corridor.store.migrate import upgrade


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
            try:
                for doc in read_input(item):
                    store_document(session, doc, extract(doc), report.stats)
                session.commit()
            except CorridorError as exc:
                session.rollback()
                report.errors.append(exc)
            if on_item:
                on_item(str(item))
    return report
