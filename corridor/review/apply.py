"""People's corrections applied again over the machine's output, after every ingest and re-extraction.

Corrections are grouped by their anchor and replayed in the order people made them. A person's value
always wins. When the value the machine gives now differs both from the person's and from what the
machine gave when the person corrected it, the machine has changed its mind: the event is flagged
for a second look. When the machine no longer finds the event at all, the person's event is put
back from the record kept with the correction, flagged too."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from corridor.documents.model import Document
from corridor.events.model import Event
from corridor.review import fields
from corridor.review.anchors import Anchor, locate
from corridor.review.corrections import drop_document_events, merge_rows, split_id, split_rows
from corridor.review.models import CorrectionRow
from corridor.store.ingest import IngestStats, store_events
from corridor.store.models import DocumentRow, EventRow, EventSourceRow
from corridor.store.reextract import document_of

FLAG_CHANGED = "the machine now reads {field} as {value!r}"
FLAG_GONE = "the machine no longer finds this event"


@dataclass
class Reapplied:
    corrections: int = 0
    flagged: list[str] = field(default_factory=list)  # event ids
    restored: list[str] = field(default_factory=list)


def reapply(session: Session, document_ids: Iterable[str] | None = None) -> Reapplied:
    """Apply every standing correction again (or those touching these documents' events)."""
    query = select(CorrectionRow).where(CorrectionRow.superseded_by.is_(None)).order_by(CorrectionRow.id)
    if document_ids is not None:
        ids = list(document_ids)
        if not ids:
            return Reapplied()
        touched = select(EventSourceRow.event_id).where(EventSourceRow.document_id.in_(ids))
        query = query.where(or_(CorrectionRow.doc_id.in_(ids), CorrectionRow.event_id.in_(touched)))
    groups: dict[tuple, list[CorrectionRow]] = defaultdict(list)
    for c in session.scalars(query):
        groups[(c.doc_id, c.start, c.end, c.kind)].append(c)
    out = Reapplied()
    for key in sorted(groups, key=lambda k: groups[k][0].id):
        _replay(session, groups[key], out)
    session.flush()
    return out


def _replay(session: Session, group: list[CorrectionRow], out: Reapplied) -> None:
    first = group[0]
    if first.action == "not_news":
        drop_document_events(session, first.doc_id)
        out.corrections += len(group)
        return
    anchor = Anchor(first.doc_id, first.start, first.end, first.kind)
    row = locate(session, anchor, kind_only=first.action == "reject")
    for c in group:
        out.corrections += 1
        if c.action == "reject":
            if row is not None:
                session.delete(row)
                session.flush()
                row = None
            continue
        if row is None:
            row = _restore(session, c)
            if row is None:
                continue
            _flag(row, c, FLAG_GONE, out)
            out.restored.append(row.id)
        c.event_id = row.id
        if c.action == "set":
            _set(session, row, c, out)
        elif c.action == "accept":
            _accept(session, row, c, group, out)
        elif c.action == "merge":
            other = locate(session, Anchor.from_dict(c.value["other"]))
            if other is not None and other.id != row.id and other.org_id == row.org_id:
                merge_rows(session, row, other)
        elif c.action == "split":
            _split(session, row, c)
        if row.review != "flagged":
            row.review = "verified"


def _set(session: Session, row: EventRow, c: CorrectionRow, out: Reapplied) -> None:
    now = fields.read(row, c.field)
    if fields.same(now, c.value):
        return
    if not fields.same(now, c.machine):  # a value neither the person's nor the machine's old one
        _flag(row, c, FLAG_CHANGED.format(field=c.field, value=now), out)
    fields.write(session, row, c.field, c.value)


def _accept(session: Session, row: EventRow, c: CorrectionRow, group: list[CorrectionRow], out: Reapplied) -> None:
    corrected = {g.field for g in group if g.action == "set"}
    for name, accepted in (c.value or {}).items():
        if name in corrected or name not in fields.FIELDS:
            continue
        now = fields.read(row, name)
        if not fields.same(now, accepted):
            _flag(row, c, FLAG_CHANGED.format(field=name, value=now), out)
            fields.write(session, row, name, accepted)


def _split(session: Session, row: EventRow, c: CorrectionRow) -> None:
    """Split off again the reports that overlap the ones the person split off (offsets may have moved)."""
    spans = [tuple(s) for s in c.value["spans"]]
    held = {(s.document_id, s.start, s.end) for s in row.sources}
    moved = {h for h in held if any(h[0] == d and h[1] < e and b < h[2] for d, b, e in spans)}
    if not moved or not held - moved:
        return
    new_id = (c.record or {}).get("id")
    if row.id == new_id:  # the machine's reports gathered under the split-off event's id: the rest go
        rest = held - moved
        other = c.value.get("from")
        split_rows(session, row, rest, other if other and session.get(EventRow, other) is None
                   else split_id(row.id, sorted(rest)))
        return
    if not new_id or session.get(EventRow, new_id) is not None:
        new_id = split_id(row.id, sorted(moved))
    split_rows(session, row, moved, new_id)


def _flag(row: EventRow, c: CorrectionRow, reason: str, out: Reapplied) -> None:
    row.review = "flagged"
    c.flag = reason[:300]
    if row.id not in out.flagged:
        out.flagged.append(row.id)


def _restore(session: Session, c: CorrectionRow) -> EventRow | None:
    """The event as the person left it, from the record kept with the correction."""
    if not c.record:
        return None
    event = Event.from_record(c.record)
    existing = session.get(EventRow, event.id)
    if existing is not None:
        return existing
    doc_rows = {s.doc_id for s in event.sources}
    stats = IngestStats()
    for doc_id in sorted(doc_rows):
        doc_row = session.get(DocumentRow, doc_id)
        if doc_row is None or doc_row.not_news:
            return None
        doc: Document = document_of(doc_row)
        mine = Event.from_record({**c.record, "sources": [s for s in c.record["sources"] if s["doc_id"] == doc_id]})
        store_events(session, doc, [mine], stats, None, doc_row.org_id)
    session.flush()
    return session.get(EventRow, event.id) or locate(session, Anchor(c.doc_id, c.start, c.end, c.kind))
