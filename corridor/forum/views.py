"""One data function per forum view; the web app renders each as HTML and as JSON, the CLI
and the exporter reuse them. All values are JSON-ready (times in ISO form, in the forum's zone).
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from corridor.errors import Code, CorridorError
from corridor.forum import matching
from corridor.forum.domain import STATUSES
from corridor.forum.models import ForumParticipantRow, ForumRequestRow, ForumRow, ForumRunRow
from corridor.forum.queries import (
    get_forum,
    get_participant,
    participants,
    requests,
)
from corridor.forum.service import PLACED, local_time, to_domain


def forum_record(forum: ForumRow) -> dict:
    fm = to_domain(forum)
    return {
        "id": forum.id, "name": forum.name, "venue": forum.venue, "timezone": forum.timezone,
        "slot_minutes": forum.slot_minutes, "days": [d.isoformat() for d in fm.days],
        "slots": len(fm.slots), "tables": len(fm.tables), "organiser": forum.org_id,
    }


def person_record(p: ForumParticipantRow) -> dict:
    return {
        "id": p.id, "name": p.name, "organisation": p.organisation, "country": p.country,
        "role": p.role, "title": p.title, "sectors": p.sector_list, "offer": p.offer,
        "seek": p.seek, "availability": p.availability or "all sessions",
        "max_meetings": p.max_meetings,
        "delegation": p.delegation.name if p.delegation else None,
    }


def request_record(forum: ForumRow, r: ForumRequestRow) -> dict:
    rec = {
        "id": r.id, "status": r.status, "priority": r.priority, "message": r.message,
        "requester": _side(r.requester), "target": _side(r.target), "reason": r.reason,
        "start": None, "end": None, "table": None,
    }
    if r.meeting is not None:
        rec["start"] = local_time(forum, r.meeting.start).isoformat()
        rec["end"] = local_time(forum, r.meeting.end).isoformat()
        rec["table"] = r.meeting.table_name
    return rec


def _side(p: ForumParticipantRow) -> dict:
    return {"id": p.id, "name": p.name, "organisation": p.organisation, "country": p.country,
            "role": p.role}


def latest_run(session: Session, forum: ForumRow) -> dict | None:
    run = session.scalars(
        select(ForumRunRow).where(ForumRunRow.forum_id == forum.id).order_by(ForumRunRow.id.desc())
    ).first()
    if run is None:
        return None
    return {
        "at": run.created_at.isoformat() if run.created_at else None, "seed": run.seed,
        "meetings": run.meetings, "value": run.value, "bound": run.bound,
        "ratio": round(run.value / run.bound, 4) if run.bound else 1.0, "gaps": run.gaps,
        "left_without": run.left_without, "moves": run.moves, "unscheduled": run.unscheduled,
        "seconds": run.seconds, "status": run.status,
    }


def forums_view(session: Session, orgs: frozenset[str] | None = None) -> dict:
    """The forums of these organisations (every forum when None)."""
    query = select(ForumRow).order_by(ForumRow.name)
    if orgs is not None:
        query = query.where(ForumRow.org_id.in_(sorted(orgs)))
    rows = session.scalars(query).all()
    counts = dict(
        session.execute(
            select(ForumParticipantRow.forum_id, func.count()).group_by(ForumParticipantRow.forum_id)
        ).all()
    )
    return {"forums": [
        {"id": f.id, "name": f.name, "venue": f.venue, "timezone": f.timezone,
         "participants": counts.get(f.id, 0), "organiser": f.org_id}
        for f in rows
    ]}


def dashboard_view(session: Session, forum_ref: str | None) -> dict:
    """The organiser's view: fill rate, left-out requests and why, no-shows, the last run."""
    forum = get_forum(session, forum_ref)
    info = forum_record(forum)
    rows = requests(session, forum)
    by_status = Counter(r.status for r in rows)
    placed = sum(by_status[s] for s in PLACED)
    live = placed + by_status["accepted"]
    seats = info["slots"] * info["tables"]
    return {
        "forum": info,
        "participants": len(participants(session, forum)),
        "requests": {s: by_status.get(s, 0) for s in STATUSES},
        "fill": {
            "placed": placed,
            "accepted": live,
            "rate": round(placed / live, 4) if live else None,
            "table_slots": seats,
            "table_use": round(placed / seats, 4) if seats else None,
        },
        "unscheduled": [
            request_record(forum, r) for r in rows if r.status == "accepted"
        ],
        "no_shows": [request_record(forum, r) for r in rows if r.status == "no_show"],
        "run": latest_run(session, forum),
    }


def participants_view(session: Session, forum_ref: str | None, q: str = "") -> dict:
    forum = get_forum(session, forum_ref)
    needle = q.strip().lower()
    people = [
        person_record(p) for p in participants(session, forum)
        if not needle or needle in f"{p.name} {p.organisation} {p.sectors}".lower()
    ]
    return {"forum": forum_record(forum), "q": q, "participants": people}


def requests_view(session: Session, forum_ref: str | None, status: str | None = None) -> dict:
    forum = get_forum(session, forum_ref)
    rows = requests(session, forum, (status,) if status else None)
    return {"forum": forum_record(forum), "status": status, "statuses": list(STATUSES),
            "requests": [request_record(forum, r) for r in rows]}


def agenda_view(session: Session, forum_ref: str | None, pid: str) -> dict:
    """A participant's meetings in time order (their delegation's, if they travel in one), and
    the requests they sent and received."""
    forum = get_forum(session, forum_ref)
    me = get_participant(session, forum, pid)
    sides: dict[str, list[ForumParticipantRow]] = {}
    for p in participants(session, forum):
        sides.setdefault(p.delegation_id or p.id, []).append(p)
    mine = {p.id for p in sides[me.delegation_id or me.id]}
    meetings, sent, received = [], [], []
    for r in requests(session, forum):
        ours = r.requester_id in mine, r.target_id in mine
        if not any(ours):
            continue
        (sent if ours[0] else received).append(request_record(forum, r))
        if r.status in PLACED and r.meeting is not None:
            other = r.target if ours[0] else r.requester
            start, end = local_time(forum, r.meeting.start), local_time(forum, r.meeting.end)
            meetings.append({
                "request": r.id, "start": start.isoformat(), "end": end.isoformat(),
                "date": start.date().isoformat(), "time": f"{start:%H:%M}–{end:%H:%M}",
                "table": r.meeting.table_name, "status": r.status, "message": r.message,
                "with": [_side(p) for p in sides[other.delegation_id or other.id]],
                "requested_by": r.requester.name,
                "updated": r.updated_at.isoformat() if r.updated_at else None,
            })
    meetings.sort(key=lambda m: (m["start"], m["request"]))
    return {"forum": forum_record(forum), "participant": person_record(me),
            "meetings": meetings, "sent": sent, "received": received}


def tables_view(session: Session, forum_ref: str | None) -> dict:
    forum = get_forum(session, forum_ref)
    used = Counter(
        r.meeting.table_name for r in requests(session, forum, PLACED) if r.meeting is not None
    )
    info = forum_record(forum)
    return {"forum": info, "tables": [
        {"name": t.name, "capacity": t.capacity, "meetings": used.get(t.name, 0),
         "free": info["slots"] - used.get(t.name, 0)}
        for t in forum.tables
    ]}


def table_view(session: Session, forum_ref: str | None, table: str) -> dict:
    """One table's sheet: every slot of the forum with the meeting held there, if any."""
    forum = get_forum(session, forum_ref)
    row = next((t for t in forum.tables if t.name == table), None)
    if row is None:
        raise CorridorError(Code.E512, table, detail=f"no table named {table!r}")
    at = {}
    for r in requests(session, forum, PLACED):
        if r.meeting is not None and r.meeting.table_name == table:
            at[local_time(forum, r.meeting.start).isoformat()] = request_record(forum, r)
    slots = []
    for s in to_domain(forum).slots:
        slots.append({"start": s.start.isoformat(), "end": s.end.isoformat(),
                      "time": f"{s.start:%H:%M}–{s.end:%H:%M}", "date": s.day.isoformat(),
                      "session": s.session, "meeting": at.get(s.start.isoformat())})
    return {"forum": forum_record(forum), "table": {"name": row.name, "capacity": row.capacity},
            "slots": slots}


def profile(p: ForumParticipantRow) -> matching.Profile:
    return matching.Profile(p.id, p.name, p.organisation, p.country, p.role, tuple(p.sector_list),
                   p.offer, p.seek, p.delegation_id)


def suggestions_view(session: Session, forum_ref: str | None, pid: str, limit: int = 10) -> dict:
    forum = get_forum(session, forum_ref)
    me = get_participant(session, forum, pid)
    linked = set()
    for r in requests(session, forum):
        if r.status == "cancelled":
            continue
        if r.requester_id == me.id:
            linked.add(r.target_id)
        elif r.target_id == me.id:
            linked.add(r.requester_id)
    people = participants(session, forum)
    backend = matching.similarity()
    found = matching.suggest(profile(me), [profile(p) for p in people], linked, limit, backend)
    return {"forum": forum_record(forum), "participant": person_record(me),
            "method": backend.name, "suggestions": [s.to_record() for s in found]}
