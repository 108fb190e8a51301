"""Where a correction holds on: a quote of the event in a document (document id and offsets) and the
machine's kind there. The event found at an anchor is the one whose quotes overlap it most."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from corridor.errors import Code, CorridorError
from corridor.store.models import EventRow, EventSourceRow
from corridor.store.visibility import Visibility


@dataclass(frozen=True)
class Anchor:
    doc_id: str
    start: int
    end: int
    kind: str | None = None

    def as_dict(self) -> dict:
        return {"doc_id": self.doc_id, "start": self.start, "end": self.end, "kind": self.kind}

    @classmethod
    def from_dict(cls, data: dict) -> Anchor:
        return cls(data["doc_id"], int(data["start"]), int(data["end"]), data.get("kind"))


def anchor_of(row: EventRow, kind: str | None = None) -> Anchor:
    """The event's first quote (in the order its reports were stored)."""
    first = min(row.sources, key=lambda s: s.id)
    return Anchor(first.document_id, first.start, first.end, kind or row.kind)


def locate(session: Session, anchor: Anchor, kind_only: bool = False) -> EventRow | None:
    """The event with the largest quote overlap at the anchor, preferring the anchor's kind."""
    rows = session.execute(
        select(EventSourceRow.event_id, EventSourceRow.start, EventSourceRow.end, EventRow.kind)
        .join(EventRow, EventRow.id == EventSourceRow.event_id)
        .where(EventSourceRow.document_id == anchor.doc_id, EventSourceRow.start < anchor.end,
               EventSourceRow.end > anchor.start)
    ).all()
    best: dict[str, tuple[bool, int]] = {}
    for event_id, start, end, kind in rows:
        if kind_only and kind != anchor.kind:
            continue
        overlap = min(end, anchor.end) - max(start, anchor.start)
        score = (kind == anchor.kind, overlap)
        best[event_id] = max(best.get(event_id, score), score)
    if not best:
        return None
    return session.get(EventRow, max(best, key=lambda i: (best[i], i)))


def visible_event(session: Session, event_id: str, visible: Visibility) -> EventRow:
    row = session.get(EventRow, event_id)
    if row is None or not visible.allows(row.org_id):
        raise CorridorError(Code.E301, event_id=event_id)
    return row
