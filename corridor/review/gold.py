"""Reviewed events in the gold format of docs/gold.md, so `corridor eval` measures the extractor on
what people checked.

Only documents whose every event a person reviewed are written: in a document with unchecked events,
the machine's right answers would count as false positives. Rejected events have no gold line (the
machine's finding them again counts against it), and a document a person marked as not news counts
as annotated with no event. With a corpus folder, each such document is written there as a text file
named after its id (with a header giving its date, which relative dates are read against)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from corridor.review.models import CorrectionRow
from corridor.store.models import DocumentRow, EventRow, EventSourceRow
from corridor.store.queries import to_event

EVIDENCE_WORDS = 12  # docs/gold.md: an evidence cue is at most twelve words of the text


@dataclass
class GoldExport:
    documents: int
    events: int


def reviewed_documents(session: Session) -> list[DocumentRow]:
    """Documents every event of which a person reviewed, and documents marked as not news."""
    with_events = select(EventSourceRow.document_id).distinct()
    unreviewed = (select(EventSourceRow.document_id).join(EventRow, EventRow.id == EventSourceRow.event_id)
                  .where(EventRow.review.is_(None)).distinct())
    judged = select(CorrectionRow.doc_id).where(CorrectionRow.superseded_by.is_(None)).distinct()
    return list(session.scalars(select(DocumentRow).where(
        ((DocumentRow.id.in_(with_events) & DocumentRow.id.not_in(unreviewed)) | DocumentRow.not_news)
        & (DocumentRow.id.in_(judged) | DocumentRow.id.in_(with_events))).order_by(DocumentRow.id)))


def evidence(quote: str) -> str:
    """The quote's first twelve words, exactly as written."""
    words, at = 0, 0
    for i, ch in enumerate(quote):
        if ch.isspace() and i and not quote[i - 1].isspace():
            words += 1
            if words == EVIDENCE_WORDS:
                return quote[:i]
        at = i
    return quote[: at + 1]


def gold_lines(session: Session, docs: list[DocumentRow], names: dict[str, str]) -> Iterator[dict[str, Any]]:
    ids = [d.id for d in docs]
    events = session.scalars(select(EventRow).where(EventRow.id.in_(
        select(EventSourceRow.event_id).where(EventSourceRow.document_id.in_(ids))), EventRow.review == "verified")
        .order_by(EventRow.id)).unique()
    for row in events:
        event = to_event(row)
        seen: set[str] = set()
        for source in event.sources:  # a line for each reviewed document that reports the event
            if source.doc_id not in names or source.doc_id in seen:
                continue
            seen.add(source.doc_id)
            line = {
                "doc": names[source.doc_id], "kind": event.kind, "required": True,
                "participants": sorted({p.name.split()[-1] for p in event.participants
                                        if p.kind == "person" and p.name}),
                "countries": sorted(set(event.countries)), "date": event.date, "place": event.place,
                "sectors": sorted(event.sectors), "evidence": evidence(source.quote), "event": event.id,
            }
            for extra in ("casualties", "method", "target"):
                if getattr(event, extra, None) is not None:
                    line[extra] = getattr(event, extra)
            yield line


def export_gold(session: Session, out: TextIO, corpus: Path | None = None) -> GoldExport:
    docs = reviewed_documents(session)
    names = {d.id: (f"{d.id}.txt" if corpus else d.name) for d in docs}
    count = 0
    for line in gold_lines(session, docs, names):
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        count += 1
    if corpus is not None:
        corpus.mkdir(parents=True, exist_ok=True)
        for d in docs:
            (corpus / names[d.id]).write_text(_with_header(d), encoding="utf-8")
    return GoldExport(len(docs), count)


def _with_header(doc: DocumentRow) -> str:
    if doc.body_start or not doc.published:
        return doc.text  # a text file's own header is part of its text
    return f"date: {doc.published.isoformat()}\n\n{doc.text}"
