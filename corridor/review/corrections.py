"""What an editor does to the facts: accept an event, correct its fields, reject it, merge two events
into one or split one into two, mark a document as not news, merge two actors.

Each action writes the event as the person leaves it, a correction row (review/models.py) that keeps
the person's value apart from the machine's, and an audit entry, in the caller's transaction."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from corridor.accounts.audit import Actor, now, record
from corridor.errors import Code, CorridorError
from corridor.review import fields
from corridor.review.anchors import Anchor, anchor_of, visible_event
from corridor.review.models import CorrectionRow
from corridor.store.models import (
    ActorAliasRow,
    ActorRedirectRow,
    ActorRow,
    ActorTitleRow,
    DocumentRow,
    EventCountryRow,
    EventRow,
    EventSectorRow,
    EventSourceRow,
    ParticipantRow,
)
from corridor.store.queries import to_event
from corridor.store.visibility import Visibility


def active(session: Session, event_id: str, field: str | None = None, action: str | None = None) -> list[CorrectionRow]:
    query = select(CorrectionRow).where(CorrectionRow.event_id == event_id, CorrectionRow.superseded_by.is_(None))
    if field is not None:
        query = query.where(CorrectionRow.field == field)
    if action is not None:
        query = query.where(CorrectionRow.action == action)
    return list(session.scalars(query.order_by(CorrectionRow.id)))


def machine_value(session: Session, row: EventRow, field: str) -> Any:
    """What the machine said of the field: the row's value, unless a person has changed it since."""
    earlier = active(session, row.id, field, "set")
    return earlier[0].machine if earlier else fields.read(row, field)


def record_of(session: Session, row: EventRow) -> dict:
    session.flush()
    session.refresh(row)
    return to_event(row).to_record()


def _new(session: Session, actor: Actor, row: EventRow | None, action: str, anchor: Anchor | None,
         **values: Any) -> CorrectionRow:
    correction = CorrectionRow(action=action, actor=actor.name, user_id=actor.user_id, created_at=now(),
                               event_id=row.id if row is not None else None,
                               org_id=row.org_id if row is not None else values.pop("org_id", None),
                               doc_id=anchor.doc_id if anchor else values.pop("doc_id", None),
                               start=anchor.start if anchor else None, end=anchor.end if anchor else None,
                               kind=anchor.kind if anchor else None, **values)
    session.add(correction)
    session.flush()
    return correction


def _anchor(session: Session, row: EventRow) -> Anchor:
    """The event's anchor, with the machine's kind (a person may have changed the row's)."""
    return anchor_of(row, machine_value(session, row, "kind"))


def accept(session: Session, actor: Actor, event_id: str, visible: Visibility) -> EventRow:
    """The event is right as it stands: verified, every field as it is now."""
    row = visible_event(session, event_id, visible)
    snapshot = {f: machine_value(session, row, f) for f in fields.FIELDS}
    correction = _new(session, actor, row, "accept", _anchor(session, row), value=fields.snapshot(row),
                      machine=snapshot, record=record_of(session, row))
    for old in active(session, row.id, action="accept"):
        if old.id != correction.id:
            old.superseded_by = correction.id
    before = row.review
    row.review = "verified"
    record(session, actor, "event.accept", "event", row.id, {"review": before}, {"review": "verified"},
           org_id=row.org_id)
    return row


def correct(session: Session, actor: Actor, event_id: str, changes: dict[str, Any], visible: Visibility) -> EventRow:
    """Set fields to a person's values (only those that differ are recorded); the event is verified."""
    row = visible_event(session, event_id, visible)
    unknown = set(changes) - set(fields.FIELDS)
    if unknown:
        raise CorridorError(Code.E701, field=", ".join(sorted(unknown)), detail=f"fields are {', '.join(fields.FIELDS)}")
    anchor = _anchor(session, row)
    before, after = {}, {}
    for field, value in changes.items():
        old = fields.read(row, field)
        machine = machine_value(session, row, field)
        fields.write(session, row, field, value)
        new = fields.read(row, field)
        if fields.same(old, new):
            continue
        correction = _new(session, actor, row, "set", anchor, field=field, value=new, machine=machine)
        for previous in active(session, row.id, field, "set"):
            if previous.id != correction.id:
                previous.superseded_by = correction.id
        before[field], after[field] = old, new
    if not after:  # nothing differs from what stands: the person checked it as it is
        return accept(session, actor, event_id, visible)
    row.review = "verified"
    rec = record_of(session, row)
    for correction in active(session, row.id, action="set"):
        correction.record = rec
    record(session, actor, "event.correct", "event", row.id, before, after, org_id=row.org_id)
    return row


def reject(session: Session, actor: Actor, event_id: str, visible: Visibility) -> None:
    """Not an event (a fake attack, a misread sentence): removed, and kept out of later ingests."""
    row = visible_event(session, event_id, visible)
    rec, org_id = record_of(session, row), row.org_id
    correction = _new(session, actor, row, "reject", _anchor(session, row), record=rec)
    for old in active(session, row.id):
        if old.id != correction.id:
            old.superseded_by = correction.id
    session.delete(row)
    session.flush()
    record(session, actor, "event.reject", "event", event_id, rec, None, org_id=org_id)


def merge_rows(session: Session, keep: EventRow, other: EventRow) -> None:
    """Move the other event's reports, participants, countries and sectors into `keep`; delete it."""
    spans = {(s.document_id, s.start, s.end) for s in keep.sources}
    for source in list(other.sources):
        if (source.document_id, source.start, source.end) not in spans:
            keep.sources.append(EventSourceRow(document_id=source.document_id, quote=source.quote,
                                               start=source.start, end=source.end))
    people = {(p.kind, p.actor_id or p.name or p.org or p.country) for p in keep.participants}
    for p in other.participants:
        if (p.kind, p.actor_id or p.name or p.org or p.country) not in people:
            keep.participants.append(ParticipantRow(actor_id=p.actor_id, position=len(keep.participants), kind=p.kind,
                                                    name=p.name, title=p.title, org=p.org, country=p.country,
                                                    role=p.role, sector=p.sector, day=keep.day))
    countries = {c.country for c in keep.countries}
    for c in other.countries:
        if c.country not in countries:
            keep.countries.append(EventCountryRow(country=c.country, position=len(keep.countries)))
    sectors = sorted({s.sector for s in keep.sectors} | {s.sector for s in other.sectors})
    fields.write(session, keep, "sectors", sectors)
    keep.confidence = max(keep.confidence, other.confidence)
    session.delete(other)
    session.flush()


def merge(session: Session, actor: Actor, event_id: str, other_id: str, visible: Visibility) -> EventRow:
    """Two events are one: the other's reports join this one, which keeps its fields."""
    keep = visible_event(session, event_id, visible)
    other = visible_event(session, other_id, visible)
    if keep.id == other.id:
        raise CorridorError(Code.E702, detail="an event cannot be merged with itself")
    if keep.org_id != other.org_id:
        raise CorridorError(Code.E702, detail="one is confidential and the other not, or to other organisations")
    other_anchor = _anchor(session, other)
    before = {"kept": keep.id, "merged": record_of(session, other)}
    for old in active(session, other.id):
        old.superseded_by = -1  # the merged event's own corrections end with it
    merge_rows(session, keep, other)
    keep.review = "verified"
    correction = _new(session, actor, keep, "merge", _anchor(session, keep), value={"other": other_anchor.as_dict()},
                      record=record_of(session, keep))
    session.execute(update(CorrectionRow).where(CorrectionRow.superseded_by == -1)
                    .values(superseded_by=correction.id))
    record(session, actor, "event.merge", "event", keep.id, before, {"kept": keep.id, "merged": other_id},
           org_id=keep.org_id)
    return keep


def split_id(event_id: str, spans: list[tuple[str, int, int]]) -> str:
    key = f"split|{event_id}|{sorted(spans)}"
    return "ev_" + hashlib.sha256(key.encode()).hexdigest()[:16]


def split_rows(session: Session, row: EventRow, spans: set[tuple[str, int, int]], new_id: str) -> EventRow:
    """Move the reports at `spans` to a new event with a copy of the fields."""
    new = EventRow(id=new_id, kind=row.kind, plover_type=row.plover_type, plover_mode=row.plover_mode,
                   plover_context=list(row.plover_context or []), date=row.date, date_precision=row.date_precision,
                   day=row.day, place_id=row.place_id, summary=row.summary, confidence=row.confidence, name=row.name,
                   amount_value=row.amount_value, amount_currency=row.amount_currency, amount_text=row.amount_text,
                   casualties=row.casualties, attack=row.attack, tense=row.tense, sector_bits=row.sector_bits, org_id=row.org_id, review="verified")
    new.participants = [ParticipantRow(actor_id=p.actor_id, position=p.position, kind=p.kind, name=p.name,
                                       title=p.title, org=p.org, country=p.country, role=p.role, sector=p.sector,
                                       day=p.day) for p in row.participants]
    new.countries = [EventCountryRow(country=c.country, position=c.position) for c in row.countries]
    new.sectors = [EventSectorRow(sector=s.sector) for s in row.sectors]
    for source in list(row.sources):
        if (source.document_id, source.start, source.end) in spans:
            new.sources.append(EventSourceRow(document_id=source.document_id, quote=source.quote,
                                              start=source.start, end=source.end))
            row.sources.remove(source)
    session.add(new)
    session.flush()
    return new


def split(session: Session, actor: Actor, event_id: str, source_ids: list[int], visible: Visibility) -> EventRow:
    """One event is two: the chosen reports become a new event (a copy of the fields, then correct it)."""
    row = visible_event(session, event_id, visible)
    chosen = [s for s in row.sources if s.id in set(source_ids)]
    if not chosen or len(chosen) == len(row.sources) or len(chosen) != len(set(source_ids)):
        raise CorridorError(Code.E703, detail="choose some of the event's reports, not all of them")
    spans = sorted((s.document_id, s.start, s.end) for s in chosen)
    before = record_of(session, row)
    new = split_rows(session, row, set(spans), split_id(row.id, spans))
    first = Anchor(spans[0][0], spans[0][1], spans[0][2], machine_value(session, row, "kind"))
    _new(session, actor, new, "split", first, value={"from": row.id, "spans": [list(s) for s in spans]},
         record=record_of(session, new))
    record(session, actor, "event.split", "event", row.id, before, {"kept": row.id, "new": new.id},
           org_id=row.org_id)
    return new


def not_news(session: Session, actor: Actor, doc_id: str, visible: Visibility) -> int:
    """A document that is not news (an advertisement, a listing): its events go, and stay gone."""
    doc = session.get(DocumentRow, doc_id)
    if doc is None or not visible.allows(doc.org_id):
        raise CorridorError(Code.E303, doc_id=doc_id)
    removed = drop_document_events(session, doc_id)
    doc.not_news = True
    _new(session, actor, None, "not_news", None, doc_id=doc_id, org_id=doc.org_id, value={"events": removed})
    record(session, actor, "document.not_news", "document", doc_id, {"not_news": False},
           {"not_news": True, "events_removed": removed}, org_id=doc.org_id)
    return len(removed)


def drop_document_events(session: Session, doc_id: str) -> list[str]:
    """The document's reports leave their events; events left with none are deleted (their ids)."""
    removed = []
    events = session.scalars(select(EventRow).where(EventRow.id.in_(
        select(EventSourceRow.event_id).where(EventSourceRow.document_id == doc_id))).order_by(EventRow.id)).all()
    for row in events:
        for source in [s for s in row.sources if s.document_id == doc_id]:
            row.sources.remove(source)
        if not row.sources:
            removed.append(row.id)
            session.delete(row)
    session.flush()
    return removed


def merge_actors(session: Session, actor: Actor, from_id: str, into_id: str, visible_ids: set[str] | None) -> ActorRow:
    """The first actor is the second (a spelling, a former name): their events, titles and names join
    the second, and later ingests file the first's mentions under the second."""
    source, target = session.get(ActorRow, from_id), session.get(ActorRow, into_id)
    for ref, row in ((from_id, source), (into_id, target)):
        if row is None or (visible_ids is not None and ref not in visible_ids):
            raise CorridorError(Code.E302, actor_id=ref)
    if source.id == target.id:
        raise CorridorError(Code.E705, detail="an actor cannot be merged into itself")
    before = {"from": {"id": source.id, "name": source.name, "aliases": sorted(a.alias for a in source.aliases)},
              "into": {"id": target.id, "name": target.name, "aliases": sorted(a.alias for a in target.aliases)}}
    session.execute(update(ParticipantRow).where(ParticipantRow.actor_id == source.id).values(actor_id=target.id))
    names = {a.alias for a in target.aliases}
    for alias in sorted({source.name, *(a.alias for a in source.aliases)} - names):
        target.aliases.append(ActorAliasRow(alias=alias))
    for title in list(source.titles):
        mine = session.get(ActorTitleRow, (target.id, title.title))
        if mine is None:
            target.titles.append(ActorTitleRow(title=title.title, org=title.org, first_seen=title.first_seen,
                                               last_seen=title.last_seen))
        else:
            mine.first_seen = min(filter(None, (mine.first_seen, title.first_seen)), default=None)
            mine.last_seen = max(filter(None, (mine.last_seen, title.last_seen)), default=None)
    session.execute(update(ActorRedirectRow).where(ActorRedirectRow.to_id == source.id).values(to_id=target.id))
    session.merge(ActorRedirectRow(from_id=source.id, to_id=target.id))
    session.flush()
    session.delete(source)
    session.flush()
    session.expire_all()
    target = session.get(ActorRow, into_id)
    record(session, actor, "actor.merge", "actor", target.id, before,
           {"into": target.id, "aliases": sorted(a.alias for a in target.aliases)})
    return target
