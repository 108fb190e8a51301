"""Import a forum from the sheets organisers keep: forum, sessions, tables, participants,
requests and (to restore an exported schedule) meetings.

Every row is validated before anything is written, and the caller's transaction makes the
import all-or-nothing. Ids come from content, so importing the same file twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from corridor.errors import Code, CorridorError
from corridor.forum.domain import (
    DEFAULT_PRIORITY,
    EDITABLE,
    MAX_PRIORITY,
    PRIORITY_NAMES,
    ROLES,
    STATUSES,
    check_transition,
    zone,
)
from corridor.forum.models import (
    ForumDelegationRow,
    ForumMeetingRow,
    ForumParticipantRow,
    ForumRequestRow,
    ForumRow,
    ForumSessionRow,
    ForumTableRow,
    content_id,
    normalise,
)
from corridor.forum.queries import forum_id, get_forum, participant_id, request_id
from corridor.forum.sheets import Book, read_book

COUNTRIES = {
    "pakistan": "PAK", "pk": "PAK", "pak": "PAK",
    "united states": "USA", "united states of america": "USA", "us": "USA", "usa": "USA",
    "u s": "USA", "u s a": "USA", "america": "USA",
}
ROLE_ALIASES = {
    "investor": "investor", "fund": "investor",
    "company": "company", "business": "company", "project owner": "company",
    "official": "official", "government": "official", "government official": "official",
    "ministry": "official",
    "agency": "agency", "government agency": "agency",
}


@dataclass
class ImportReport:
    forum_id: str
    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, what: str, new: bool) -> None:
        target = self.added if new else self.updated
        target[what] = target.get(what, 0) + 1

    def summary(self) -> str:
        parts = [f"{k} +{v}" for k, v in sorted(self.added.items())]
        parts += [f"{k} ~{v}" for k, v in sorted(self.updated.items())]
        return ", ".join(parts) or "nothing new"


def import_path(session: Session, path: Path, forum_ref: str | None = None,
                org_id: str | None = None) -> ImportReport:
    return import_book(session, read_book(path), forum_ref, org_id)


def target_forum(session: Session, book: Book, forum_ref: str | None = None) -> ForumRow | None:
    """The stored forum a book would write into; None when it defines a new one."""
    if "forum" in book:
        fields = {normalise(r.get("field", "")).replace(" ", "_"): r.get("value", "") for r in book["forum"]}
        return session.get(ForumRow, forum_id(fields.get("name", ""))) if fields.get("name") else None
    return get_forum(session, forum_ref)


def import_book(session: Session, book: Book, forum_ref: str | None = None,
                org_id: str | None = None) -> ImportReport:
    """Load a book into the store inside the caller's transaction.

    With a forum sheet the book defines (or updates) that forum; otherwise ``forum_ref`` (an id
    or name, or nothing when the store holds one forum) says which forum the rows belong to.
    A new forum belongs to ``org_id`` (its organisers are that organisation's editors).
    """
    forum = _forum(session, book["forum"]) if "forum" in book else get_forum(session, forum_ref)
    if forum.org_id is None:
        forum.org_id = org_id
    report = ImportReport(forum.id)
    if "sessions" in book:
        _sessions(session, forum, book["sessions"])
    if "tables" in book:
        _tables(session, forum, book["tables"], report)
    session.flush()
    if "participants" in book:
        _participants(session, forum, book["participants"], report)
        session.flush()
    if "requests" in book:
        _requests(session, forum, book["requests"], report)
        session.flush()
    if "meetings" in book:
        _meetings(session, forum, book["meetings"])
        session.flush()
    _check_placed(session, forum)
    return report


def _bad(sheet: str, n: int, detail: str) -> CorridorError:
    return CorridorError(Code.E508, sheet, row=n + 2, detail=detail)  # +2: header, 1-based


def _int(sheet: str, n: int, text: str, what: str, lo: int = 0, hi: int = 10_000) -> int:
    try:
        value = int(float(text))
    except ValueError:
        raise _bad(sheet, n, f"{what} must be a whole number, not {text!r}") from None
    if not lo <= value <= hi:
        raise _bad(sheet, n, f"{what} must be between {lo} and {hi}")
    return value


def parse_time(sheet: str, n: int, text: str) -> time:
    try:
        return time.fromisoformat(text.strip().replace(".", ":").zfill(5))
    except ValueError:
        raise _bad(sheet, n, f"expected a time as HH:MM, not {text!r}") from None


def _date(sheet: str, n: int, text: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise _bad(sheet, n, f"expected a date as YYYY-MM-DD, not {text!r}") from None


def _forum(session: Session, rows: list[dict[str, str]]) -> ForumRow:
    fields = {normalise(r.get("field", "")).replace(" ", "_"): r.get("value", "") for r in rows}
    name = fields.get("name", "")
    if not name:
        raise CorridorError(Code.E512, "forum", detail="the forum sheet needs a name")
    tz = fields.get("timezone") or "UTC"
    zone(tz)
    slot = _int("forum", 0, fields.get("slot_minutes") or "30", "slot_minutes", 5, 480)
    default_max = _int("forum", 0, fields.get("default_max_meetings") or "12", "max meetings")
    row = session.get(ForumRow, forum_id(name))
    if row is None:
        row = ForumRow(id=forum_id(name), name=name)
        session.add(row)
    row.venue = fields.get("venue") or None
    row.timezone, row.slot_minutes, row.default_max_meetings = tz, slot, default_max
    return row


def _sessions(session: Session, forum: ForumRow, rows: list[dict[str, str]]) -> None:
    new = []
    for n, r in enumerate(rows):
        kind = r.get("kind", "session").lower() or "session"
        if kind not in ("session", "break"):
            raise _bad("sessions", n, f"kind must be session or break, not {kind!r}")
        day = _date("sessions", n, r.get("date", ""))
        if kind == "session" and day is None:
            raise _bad("sessions", n, "a session needs a date")
        start, end = parse_time("sessions", n, r["start"]), parse_time("sessions", n, r["end"])
        if end <= start:
            raise _bad("sessions", n, "ends before it starts")
        key = (kind, str(day or ""), start.isoformat(), end.isoformat())
        new.append(ForumSessionRow(
            id=content_id("s", forum.id, *key), forum_id=forum.id, kind=kind,
            name=r.get("name", ""), day=day, start=start, end=end,
        ))
    # The sheet is the whole programme: it replaces the stored one.
    forum.sessions[:] = []
    session.flush()
    forum.sessions.extend(new)


def _tables(session: Session, forum: ForumRow, rows: list[dict[str, str]], report) -> None:
    existing = {t.name: t for t in forum.tables}
    for n, r in enumerate(rows):
        name = r["name"]
        if not name:
            raise _bad("tables", n, "a table needs a name")
        cap = _int("tables", n, r["capacity"], "capacity", 1, 500)
        row = existing.get(name)
        if row is None:
            row = ForumTableRow(id=content_id("t", forum.id, name), forum_id=forum.id, name=name)
            forum.tables.append(row)
            existing[name] = row
            report.count("tables", True)
        elif row.capacity != cap:
            report.count("tables", False)
        row.capacity = cap


def country_code(text: str) -> str:
    key = normalise(text)
    if key in COUNTRIES:
        return COUNTRIES[key]
    return text.strip().upper()[:3]


def parse_availability(sheet: str, n: int, text: str) -> str:
    """Validate "09:00-12:30; 2026-03-31 14:00-17:00" and return it in canonical form."""
    parts = []
    for piece in filter(None, (p.strip() for p in text.replace(",", ";").split(";"))):
        day = None
        if len(piece) > 10 and piece[4] == "-" and piece[10] == " ":
            day = _date(sheet, n, piece[:10])
            piece = piece[11:].strip()
        try:
            a, b = (parse_time(sheet, n, x) for x in piece.split("-", 1))
        except (CorridorError, ValueError):
            raise _bad(sheet, n, f"availability {piece!r} is not HH:MM-HH:MM") from None
        if b <= a:
            raise _bad(sheet, n, f"availability {piece!r} ends before it starts")
        span = f"{a:%H:%M}-{b:%H:%M}"
        parts.append(f"{day.isoformat()} {span}" if day else span)
    return "; ".join(parts)


def _participants(session: Session, forum: ForumRow, rows, report) -> None:
    delegations: dict[str, ForumDelegationRow] = {}
    for n, r in enumerate(rows):
        name, org = r.get("name", ""), r.get("organisation", "")
        if not name or not org:
            raise _bad("participants", n, "a participant needs a name and an organisation")
        role = ROLE_ALIASES.get(normalise(r.get("role", "") or "company"))
        if role is None:
            raise _bad("participants", n, f"role must be one of {', '.join(ROLES)}")
        mx = r.get("max_meetings", "")
        values = {
            "name": name, "organisation": org, "role": role,
            "country": country_code(r.get("country", "") or ""),
            "title": r.get("title", ""), "email": r.get("email", ""),
            "sectors": "; ".join(
                s.strip().lower()
                for s in r.get("sectors", "").replace(",", ";").split(";")
                if s.strip()
            ),
            "offer": r.get("offer", ""), "seek": r.get("seek", ""),
            "availability": parse_availability("participants", n, r.get("availability", "")),
            "max_meetings": _int("participants", n, mx, "max_meetings", 0, 500) if mx else None,
            "delegation_id": _delegation(session, forum, r.get("delegation", ""), org, delegations),
        }
        pid = participant_id(forum.id, name, org)
        row = session.get(ForumParticipantRow, pid)
        if row is None:
            row = ForumParticipantRow(id=pid, forum_id=forum.id)
            session.add(row)
            report.count("participants", True)
        elif any(getattr(row, k) != v for k, v in values.items()):
            report.count("participants", False)
        for k, v in values.items():
            setattr(row, k, v)


def _delegation(session, forum, name: str, org: str, cache) -> str | None:
    if not name:
        return None
    did = content_id("d", forum.id, org, name)
    if did not in cache:
        row = session.get(ForumDelegationRow, did)
        if row is None:
            row = ForumDelegationRow(id=did, forum_id=forum.id, name=name, organisation=org)
            session.add(row)
        cache[did] = row
    return did


def priority(sheet: str, n: int, text: str) -> int:
    if not text:
        return DEFAULT_PRIORITY
    if normalise(text) in PRIORITY_NAMES:
        return PRIORITY_NAMES[normalise(text)]
    return _int(sheet, n, text, "priority", 1, MAX_PRIORITY)


def _who(session, forum, sheet: str, n: int, name: str, org: str) -> ForumParticipantRow:
    row = None
    if org:
        row = session.get(ForumParticipantRow, participant_id(forum.id, name, org))
    else:  # a name alone is enough when it is unique in the forum (or is an id)
        row = session.get(ForumParticipantRow, name)
        if row is None:
            found = session.scalars(
                select(ForumParticipantRow).where(
                    ForumParticipantRow.forum_id == forum.id, ForumParticipantRow.name == name
                )
            ).all()
            row = found[0] if len(found) == 1 else None
    if row is None or row.forum_id != forum.id:
        raise _bad(sheet, n, f"unknown participant {name!r}" + (f" of {org!r}" if org else ""))
    return row


def _requests(session: Session, forum: ForumRow, rows, report) -> None:
    for n, r in enumerate(rows):
        a = _who(session, forum, "requests", n, r["requester"], r.get("requester_organisation", ""))
        b = _who(session, forum, "requests", n, r["target"], r.get("target_organisation", ""))
        if a.id == b.id:
            raise _bad("requests", n, "a participant cannot request a meeting with themselves")
        if a.delegation_id and a.delegation_id == b.delegation_id:
            raise _bad("requests", n, f"{a.name} and {b.name} are in the same delegation")
        status = (r.get("status") or "pending").lower().replace("-", "_").replace(" ", "_")
        if status not in STATUSES:
            raise _bad("requests", n, f"status must be one of {', '.join(STATUSES)}")
        prio, message = priority("requests", n, r.get("priority", "")), r.get("message", "")
        rid = request_id(forum.id, a.id, b.id)
        row = session.get(ForumRequestRow, rid)
        if row is None:
            session.add(ForumRequestRow(
                id=rid, forum_id=forum.id, requester_id=a.id, target_id=b.id, priority=prio,
                message=message, status=status, reason=r.get("reason") or None,
            ))
            report.count("requests", True)
            continue
        changed = (row.priority, row.message) != (prio, message)
        if changed and row.status not in EDITABLE:
            raise CorridorError(Code.E507, rid, status=row.status)
        if behind(status, row.status):  # the file predates what the store knows: keep it
            status = row.status
        try:
            check_transition(row.status, status)
        except CorridorError as exc:
            raise _bad("requests", n, exc.message) from None
        if changed or row.status != status:
            row.priority, row.message, row.status = prio, message, status
            row.updated_at = datetime.now(UTC).replace(tzinfo=None)
            report.count("requests", False)


FORWARD = {
    "pending": ("accepted", "declined", "cancelled"),
    "accepted": ("scheduled", "declined", "cancelled"),
    "scheduled": ("held", "no_show", "cancelled"),
}


def behind(old: str, new: str) -> bool:
    """True when ``new`` lies further along the life cycle than ``old``."""
    frontier, seen = list(FORWARD.get(old, ())), set()
    while frontier:
        s = frontier.pop()
        if s == new:
            return True
        if s not in seen:
            seen.add(s)
            frontier.extend(FORWARD.get(s, ()))
    return False


def _meetings(session: Session, forum: ForumRow, rows) -> None:
    tables = {t.name for t in forum.tables}
    tz = zone(forum.timezone)
    for n, r in enumerate(rows):
        req = session.get(ForumRequestRow, r["request"])
        if req is None or req.forum_id != forum.id:
            raise _bad("meetings", n, f"unknown request {r['request']!r}")
        if r["table"] not in tables:
            raise _bad("meetings", n, f"unknown table {r['table']!r}")
        start = _instant("meetings", n, r["start"], tz)
        end = _instant("meetings", n, r.get("end") or "", tz) if r.get("end") else None
        end = end or start + timedelta(minutes=forum.slot_minutes)
        meeting = req.meeting or ForumMeetingRow(request_id=req.id)
        meeting.start, meeting.end, meeting.table_name = start, end, r["table"]
        req.meeting = meeting


def _instant(sheet: str, n: int, text: str, tz) -> datetime:
    """A local or offset time as naive UTC (how meetings are stored)."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise _bad(sheet, n, f"expected a date and time as YYYY-MM-DDTHH:MM, not {text!r}") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    return value.astimezone(UTC).replace(tzinfo=None)


def _check_placed(session: Session, forum: ForumRow) -> None:
    """A scheduled, held or missed request must say where it takes place."""
    rows = session.scalars(
        select(ForumRequestRow).where(
            ForumRequestRow.forum_id == forum.id,
            ForumRequestRow.status.in_(("scheduled", "held", "no_show")),
        )
    ).all()
    for row in rows:
        if row.meeting is None:
            raise CorridorError(
                Code.E512, row.id,
                detail=f"request is {row.status} but has no meeting (add it to the meetings sheet)",
            )
