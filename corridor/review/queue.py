"""The review queue: events no person has checked yet, most doubtful first.

Doubt adds up what makes an event worth a person's look: the machine's own low confidence, actors
the register does not know, no place, no date, and a rival report (another unreviewed event of the
same kind on the same day that the deduplication kept apart: one of the two reports is probably
wrong about something). Events the machine and a person now disagree on (flagged) come first."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, case, exists, func, literal, or_, select
from sqlalchemy.orm import Session, aliased

from corridor.review.models import CorrectionRow
from corridor.store.models import EventRow, ParticipantRow
from corridor.store.records import load_records
from corridor.store.visibility import Visibility, event_clause

WEIGHTS = {"unknown_actor": 0.25, "no_place": 0.2, "no_date": 0.2, "rival": 0.3}
E = EventRow


def _signals():
    unknown = exists().where(ParticipantRow.event_id == E.id,
                             or_(ParticipantRow.actor_id.like("person:%"), ParticipantRow.actor_id.like("org:%")))
    other = aliased(EventRow)
    same_owner = or_(and_(other.org_id.is_(None), E.org_id.is_(None)), other.org_id == E.org_id)
    rival = exists().where(other.kind == E.kind, other.day == E.day, other.id != E.id, other.review.is_(None),
                           same_owner)
    return {"unknown_actor": unknown, "no_place": E.place_id.is_(None), "no_date": E.day.is_(None), "rival": rival}


def queue(session: Session, visible: Visibility, page: int = 1, size: int = 20) -> dict[str, Any]:
    signals = _signals()
    doubt = (literal(1.0) - E.confidence) + sum(case((cond, WEIGHTS[name]), else_=0.0)
                                                for name, cond in signals.items())
    flagged = case((E.review == "flagged", 0), else_=1)
    where = or_(E.review.is_(None), E.review == "flagged")
    visible_clause = event_clause(session, visible)
    if visible_clause is not None:
        where = and_(where, visible_clause)
    total = session.scalar(select(func.count()).select_from(E).where(where)) or 0
    reviewed = session.scalar(select(func.count()).select_from(E).where(E.review == "verified",
                                                                      *([visible_clause] if visible_clause is not None else []))) or 0
    columns = [E.id, E.review, doubt.label("doubt"), *(cond.label(name) for name, cond in signals.items())]
    rows = session.execute(select(*columns).where(where).order_by(flagged, doubt.desc(), E.id)
                           .offset((page - 1) * size).limit(size)).all()
    records = {r["id"]: r for r in load_records(session, [r.id for r in rows])}
    flags = _flags(session, [r.id for r in rows])
    items = []
    for r in rows:
        record = records.get(r.id)
        if record is None:
            continue
        reasons = [n.replace("_", " ") for n in signals if getattr(r, n)]
        if record["confidence"] < 0.7:
            reasons.insert(0, f"confidence {record['confidence']:.2f}")
        items.append({"event": record, "doubt": round(float(r.doubt), 3), "reasons": reasons,
                      "flags": flags.get(r.id, []), "review": r.review})
    return {"items": items, "total": total, "reviewed": reviewed, "page": page, "size": size,
            "pages": max(1, -(-total // size))}


def _flags(session: Session, ids: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    if not ids:
        return out
    for event_id, flag in session.execute(select(CorrectionRow.event_id, CorrectionRow.flag).where(
            CorrectionRow.event_id.in_(ids), CorrectionRow.flag.is_not(None), CorrectionRow.superseded_by.is_(None))):
        out.setdefault(event_id, []).append(flag)
    return out
