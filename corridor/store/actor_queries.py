"""Reading actors back: a list with how often each took part, and one actor's titles, events and contacts."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, String, and_, cast, func, or_, select
from sqlalchemy.orm import Session, aliased

from corridor.errors import Code, CorridorError
from corridor.store.models import ActorAliasRow, ActorRow, ActorTitleRow, EventRow, ParticipantRow
from corridor.store.visibility import EVERYTHING, Visibility, event_clause

ACTOR_SORTS = ("events", "name")


@dataclass
class ActorFilter:
    q: str | None = None  # part of a name or alias
    kind: str | None = None  # person | organisation
    country: str | None = None

    def where(self) -> ColumnElement[bool]:
        clauses = []
        if self.q:
            like = f"%{self.q.lower()}%"
            aliases = select(ActorAliasRow.actor_id).where(func.lower(ActorAliasRow.alias).like(like))
            clauses.append(or_(func.lower(ActorRow.name).like(like), ActorRow.id.in_(aliases)))
        if self.kind:
            clauses.append(ActorRow.kind == self.kind)
        if self.country:
            clauses.append(ActorRow.country == self.country.upper())
        return and_(*clauses) if clauses else and_(ActorRow.id.is_not(None))


def _hidden(session: Session, visible: Visibility):
    """(events the reader may not see as a subquery, actors they may see as a clause), or None when
    every event is visible."""
    clause = event_clause(session, visible)
    if clause is None:
        return None
    seen = select(EventRow.id).where(clause)
    shown = or_(ActorRow.known, ActorRow.id.in_(select(ParticipantRow.actor_id).where(ParticipantRow.event_id.in_(seen))))
    return seen, shown


def list_actors(session: Session, flt: ActorFilter, page: int, size: int, sort: str = "events",
                visible: Visibility = EVERYTHING) -> dict[str, Any]:
    """A page of actors with the number of events each took part in (of those the reader may see)."""
    hidden = _hidden(session, visible)
    where = flt.where() if hidden is None else and_(flt.where(), hidden[1])
    total = session.scalar(select(func.count()).select_from(ActorRow).where(where)) or 0
    counted = select(ParticipantRow.actor_id, func.count(func.distinct(ParticipantRow.event_id)).label("n")).where(
        ParticipantRow.actor_id.is_not(None))
    if hidden is not None:
        counted = counted.where(ParticipantRow.event_id.in_(hidden[0]))
    events = counted.group_by(ParticipantRow.actor_id).subquery()
    n = func.coalesce(events.c.n, 0)
    order = (n.desc(), ActorRow.name, ActorRow.id) if sort == "events" else (ActorRow.name, ActorRow.id)
    rows = session.execute(
        select(ActorRow.id, ActorRow.kind, ActorRow.name, ActorRow.country, ActorRow.known, n)
        .outerjoin(events, events.c.actor_id == ActorRow.id).where(where)
        .order_by(*order).offset((page - 1) * size).limit(size)
    ).all()
    titles = _latest_titles(session, [r.id for r in rows])
    actors = [{"id": r.id, "kind": r.kind, "name": r.name, "country": r.country, "known": r.known, "events": r[5],
               "title": titles.get(r.id)} for r in rows]
    return {"actors": actors, "total": total}


def _latest_titles(session: Session, ids: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    if not ids:
        return out
    rows = session.execute(select(ActorTitleRow.actor_id, ActorTitleRow.title)
                           .where(ActorTitleRow.actor_id.in_(ids))
                           .order_by(ActorTitleRow.actor_id, ActorTitleRow.last_seen.desc().nulls_last()))
    for actor_id, title in rows:
        out.setdefault(actor_id, title)
    return out


def get_actor(session: Session, actor_id: str, visible: Visibility = EVERYTHING) -> ActorRow:
    row = session.get(ActorRow, actor_id)
    hidden = _hidden(session, visible) if row is not None and not row.known else None
    if row is None or (hidden is not None and session.scalar(
            select(ParticipantRow.id).where(ParticipantRow.actor_id == actor_id,
                                            ParticipantRow.event_id.in_(hidden[0])).limit(1)) is None):
        raise CorridorError(Code.E302, actor_id=actor_id)
    return row


def actor_event_ids(session: Session, actor_id: str, limit: int,
                    visible: Visibility = EVERYTHING) -> tuple[list[str], int]:
    """The actor's events, newest first (undated last, ties by id as in the events list), and how
    many there are: read along event_participants (actor_id, day), not by sorting every event."""
    mine = ParticipantRow.actor_id == actor_id
    hidden = _hidden(session, visible)
    if hidden is not None:
        mine = and_(mine, ParticipantRow.event_id.in_(hidden[0]))
    total = session.scalar(select(func.count(func.distinct(ParticipantRow.event_id))).where(mine)) or 0
    rows = session.execute(select(ParticipantRow.event_id).where(mine)
                           .order_by(ParticipantRow.day.desc().nulls_last(), ParticipantRow.event_id.desc()))
    ids: dict[str, None] = {}
    for (event_id,) in rows:  # one row an event, unless the actor takes part in it twice
        ids[event_id] = None
        if len(ids) == limit:
            break
    rows.close()
    return list(ids), total


def co_participants(session: Session, actor_id: str, limit: int = 10,
                    visible: Visibility = EVERYTHING) -> list[dict[str, Any]]:
    """Who takes part in the same (visible) events most often, with how many events they share."""
    me, other = aliased(ParticipantRow), aliased(ParticipantRow)
    shared = func.count(func.distinct(other.event_id))
    hidden = _hidden(session, visible)
    rows = session.execute(
        select(ActorRow.id, ActorRow.name, ActorRow.kind, ActorRow.country, shared)
        .select_from(me)
        .join(other, and_(other.event_id == me.event_id, other.actor_id != me.actor_id))
        .join(ActorRow, ActorRow.id == other.actor_id)
        .where(me.actor_id == actor_id, *([] if hidden is None else [me.event_id.in_(hidden[0])]))
        .group_by(ActorRow.id, ActorRow.name, ActorRow.kind, ActorRow.country)
        .order_by(shared.desc(), ActorRow.name)
        .limit(limit)
    ).all()
    return [{"id": r[0], "name": r[1], "kind": r[2], "country": r[3], "events": r[4]} for r in rows]


def actor_years(session: Session, actor_id: str, visible: Visibility = EVERYTHING) -> list[tuple[str | None, int]]:
    """How many (visible) events the actor took part in, per year (None: undated)."""
    year = func.substr(cast(ParticipantRow.day, String), 1, 4)
    hidden = _hidden(session, visible)
    return [(y, n) for y, n in session.execute(
        select(year, func.count(func.distinct(ParticipantRow.event_id))).where(
            ParticipantRow.actor_id == actor_id, *([] if hidden is None else [ParticipantRow.event_id.in_(hidden[0])]))
        .group_by(year).order_by(year))]
