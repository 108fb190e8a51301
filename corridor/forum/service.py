"""Forum operations on the store, shared by the CLI and the web app.

``load_instance`` turns stored rows into the scheduler's plain ``Instance``;
``run_schedule`` runs the scheduler and writes its outcome back (statuses, meetings, reasons,
one ``forum_runs`` row); the rest changes requests along their life cycle.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from corridor.errors import Code, CorridorError
from corridor.forum.domain import (
    EDITABLE,
    Break,
    Forum,
    Instance,
    Person,
    Placement,
    Request,
    Slot,
    Table,
    Window,
    check_transition,
    slots_within,
    zone,
)
from corridor.forum.domain import Session as ForumSession
from corridor.forum.importer import parse_time
from corridor.forum.models import (
    ForumMeetingRow,
    ForumRequestRow,
    ForumRow,
    ForumRunRow,
)
from corridor.forum.queries import (
    get_participant,
    get_request,
    participants,
    request_id,
    requests,
)
from corridor.forum.scheduler import Options, Schedule, schedule

LIVE = ("accepted", "scheduled", "held", "no_show")  # statuses the scheduler looks at
PLACED = ("scheduled", "held", "no_show")


def to_domain(row: ForumRow) -> Forum:
    if not any(s.kind == "session" for s in row.sessions):
        raise CorridorError(Code.E512, row.id, detail="the forum has no sessions")
    return Forum(
        name=row.name,
        timezone=row.timezone,
        slot_minutes=row.slot_minutes,
        sessions=tuple(
            ForumSession(s.day, s.start, s.end, s.name) for s in row.sessions if s.kind == "session"
        ),
        breaks=tuple(Break(s.start, s.end, s.day, s.name) for s in row.sessions if s.kind == "break"),
        tables=tuple(Table(t.name, t.capacity) for t in row.tables),
    )


def windows(text: str) -> tuple[Window, ...]:
    """Availability text (already validated on import) as windows."""
    out = []
    for piece in filter(None, (p.strip() for p in text.split(";"))):
        day = None
        if len(piece) > 10 and piece[10] == " ":
            day, piece = datetime.fromisoformat(piece[:10]).date(), piece[11:]
        a, b = piece.split("-", 1)
        out.append(Window(parse_time("availability", 0, a), parse_time("availability", 0, b), day))
    return tuple(out)


def utc(slot: Slot) -> datetime:
    return slot.start.astimezone(UTC).replace(tzinfo=None)


@dataclass
class Loaded:
    forum: ForumRow
    instance: Instance
    rows: dict[str, ForumRequestRow]


def load_instance(session: Session, forum: ForumRow) -> Loaded:
    fm = to_domain(forum)
    slots = fm.slots
    people = tuple(
        Person(
            id=p.id,
            max_meetings=forum.default_max_meetings if p.max_meetings is None else p.max_meetings,
            available=slots_within(windows(p.availability), slots),
            delegation=p.delegation_id,
            name=p.name,
        )
        for p in participants(session, forum)
    )
    at = {utc(s): s.index for s in slots}
    rows = {r.id: r for r in requests(session, forum, LIVE)}
    reqs, fixed, previous = [], [], []
    for r in rows.values():
        reqs.append(Request(r.id, r.requester_id, r.target_id, r.priority))
        slot = at.get(r.meeting.start) if r.meeting else None
        if slot is None:
            continue
        placement = Placement(r.id, slot, r.meeting.table_name)
        (fixed if r.status in ("held", "no_show") else previous).append(placement)
    return Loaded(forum, Instance(fm, people, tuple(reqs), tuple(fixed), tuple(previous)), rows)


def run_schedule(session: Session, forum: ForumRow, options: Options | None = None) -> Schedule:
    """Schedule the accepted requests and store the outcome (re-scheduling keeps meetings)."""
    options = options or Options()
    loaded = load_instance(session, forum)
    result = schedule(loaded.instance, options)
    slots = loaded.instance.forum.slots
    now = datetime.now(UTC).replace(tzinfo=None)
    for rid, row in loaded.rows.items():
        pl = result.placements.get(rid)
        if pl is not None:
            _place(row, slots[pl.slot], pl.table)
            row.reason = None
        else:
            row.reason = result.unscheduled.get(rid, "not scheduled")
            if row.status in ("accepted", "scheduled"):  # held and missed meetings stay on record
                row.meeting = None
            if row.status == "scheduled":
                row.status, row.updated_at = "accepted", now
        if pl is not None and row.status == "accepted":
            row.status, row.updated_at = "scheduled", now
    session.add(
        ForumRunRow(
            forum_id=forum.id, seed=options.seed, meetings=result.meetings, value=result.value,
            bound=result.bound, gaps=result.gaps, left_without=result.left_without,
            moves=result.moves, unscheduled=sum(
                1 for rid in result.unscheduled if rid in loaded.rows
            ),
            seconds=round(result.seconds, 3), status=result.status,
        )
    )
    session.flush()
    return result


def _place(row: ForumRequestRow, slot: Slot, table: str) -> None:
    start = utc(slot)
    end = slot.end.astimezone(UTC).replace(tzinfo=None)
    if row.meeting is None:
        row.meeting = ForumMeetingRow(request_id=row.id, start=start, end=end, table_name=table)
    else:
        row.meeting.start, row.meeting.end, row.meeting.table_name = start, end, table


def set_status(session: Session, forum: ForumRow, rid: str, status: str) -> ForumRequestRow:
    """Move a request along its life cycle: accept, decline, cancel, or record held / no-show.

    Only the scheduler schedules; cancelling a scheduled meeting frees its slot and table.
    """
    row = get_request(session, forum, rid)
    status = status.lower().replace("-", "_")
    if status == "scheduled" and row.status != "scheduled":
        raise CorridorError(Code.E506, rid, old=row.status, new="scheduled (run the scheduler)")
    check_transition(row.status, status)
    if status in ("cancelled", "declined", "accepted"):
        row.meeting = None
    row.status = status
    row.updated_at = datetime.now(UTC).replace(tzinfo=None)
    session.flush()
    return row


def edit_request(
    session: Session, forum: ForumRow, rid: str, priority: int | None = None,
    message: str | None = None,
) -> ForumRequestRow:
    row = get_request(session, forum, rid)
    if row.status not in EDITABLE:
        raise CorridorError(Code.E507, rid, status=row.status)
    if priority is not None:
        row.priority = priority
    if message is not None:
        row.message = message
    row.updated_at = datetime.now(UTC).replace(tzinfo=None)
    session.flush()
    return row


def create_request(
    session: Session, forum: ForumRow, requester: str, target: str, priority: int = 2,
    message: str = "",
) -> ForumRequestRow:
    """A new pending request (or the existing one between the same people, unchanged)."""
    a = get_participant(session, forum, requester)
    b = get_participant(session, forum, target)
    if a.id == b.id or (a.delegation_id and a.delegation_id == b.delegation_id):
        raise CorridorError(Code.E513, who=f"{a.name}, {b.name}")
    rid = request_id(forum.id, a.id, b.id)
    row = session.get(ForumRequestRow, rid)
    if row is None:
        row = ForumRequestRow(
            id=rid, forum_id=forum.id, requester_id=a.id, target_id=b.id, priority=priority,
            message=message, status="pending",
        )
        session.add(row)
        session.flush()
    return row


def local_time(forum: ForumRow, when: datetime) -> datetime:
    """A stored (naive UTC) instant in the forum's time zone."""
    return when.replace(tzinfo=UTC).astimezone(zone(forum.timezone))


def side_of(session: Session, forum: ForumRow, participant_id: str) -> set[str]:
    """The participant and the other members of their delegation."""
    me = get_participant(session, forum, participant_id)
    if me.delegation_id is None:
        return {me.id}
    return {p.id for p in participants(session, forum) if p.delegation_id == me.delegation_id}


def participant_status(session: Session, forum: ForumRow, participant_id: str, rid: str,
                       status: str) -> ForumRequestRow:
    """A participant's own answer: accept or decline a request made to them (or their delegation),
    cancel one they made; held and no-show are the organisers' to record."""
    row = get_request(session, forum, rid)
    mine = side_of(session, forum, participant_id)
    status = status.lower().replace("-", "_")
    if status in ("accepted", "declined"):
        if row.target_id not in mine:
            raise CorridorError(Code.E515, rid, detail="accept or decline only the requests made to them")
    elif status == "cancelled":
        if row.requester_id not in mine and row.target_id not in mine:
            raise CorridorError(Code.E515, rid, detail="cancel only their own meetings")
    else:
        raise CorridorError(Code.E515, rid, detail="accept, decline or cancel")
    return set_status(session, forum, rid, status)


def set_availability(session: Session, forum: ForumRow, participant_id: str, text: str):
    """A participant's own availability (`09:00-12:30; 2026-03-31 14:00-16:00`; empty: every session)."""
    from corridor.forum.importer import parse_availability

    me = get_participant(session, forum, participant_id)
    me.availability = parse_availability("availability", -1, text)
    session.flush()
    return me
