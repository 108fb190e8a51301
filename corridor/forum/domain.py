"""Plain data shared by the scheduler, the matcher and the checker: no database, no solver.

A forum day is cut into slots: each session is walked in steps of ``slot_minutes`` and a slot is
kept when it fits in the session and overlaps no break. People are available in windows of local
time; a slot is available to a person when it lies wholly inside one of their windows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from corridor.errors import Code, CorridorError

STATUSES = ("pending", "accepted", "declined", "cancelled", "scheduled", "held", "no_show")
# The request life cycle; "scheduled → accepted" is what a re-schedule does to a meeting it drops,
# and held/no_show can be corrected on the day.
TRANSITIONS: dict[str, frozenset[str]] = {
    "pending": frozenset({"accepted", "declined", "cancelled"}),
    "accepted": frozenset({"scheduled", "declined", "cancelled"}),
    "scheduled": frozenset({"accepted", "held", "no_show", "cancelled"}),
    "declined": frozenset(),
    "cancelled": frozenset(),
    "held": frozenset({"no_show"}),
    "no_show": frozenset({"held"}),
}
EDITABLE = frozenset({"pending", "accepted"})
ROLES = ("investor", "company", "official", "agency")
PRIORITY_NAMES = {"low": 1, "normal": 2, "high": 3}
DEFAULT_PRIORITY = 2
MAX_PRIORITY = 5


def check_transition(old: str, new: str) -> None:
    """Raise E506 unless a request may go from ``old`` to ``new`` (staying put is allowed)."""
    if old != new and new not in TRANSITIONS.get(old, frozenset()):
        raise CorridorError(Code.E506, old=old, new=new)


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise CorridorError(Code.E511, tz=name) from exc


@dataclass(frozen=True)
class Session:
    """A block of meeting time on one day, in the forum's local time."""

    day: date
    start: time
    end: time
    name: str = ""


@dataclass(frozen=True)
class Break:
    """A pause with no meetings; ``day=None`` means every day of the forum."""

    start: time
    end: time
    day: date | None = None
    name: str = ""


@dataclass(frozen=True)
class Table:
    id: str
    capacity: int


@dataclass(frozen=True)
class Window:
    """A span of local time someone is available; ``day=None`` means every day."""

    start: time
    end: time
    day: date | None = None


@dataclass(frozen=True)
class Slot:
    index: int
    start: datetime  # aware, in the forum's time zone
    end: datetime
    session: str

    @property
    def day(self) -> date:
        return self.start.date()


@dataclass(frozen=True)
class Forum:
    name: str
    timezone: str
    slot_minutes: int
    sessions: tuple[Session, ...]
    breaks: tuple[Break, ...] = ()
    tables: tuple[Table, ...] = ()

    @property
    def zone(self) -> ZoneInfo:
        return zone(self.timezone)

    @property
    def days(self) -> tuple[date, ...]:
        return tuple(sorted({s.day for s in self.sessions}))

    @cached_property
    def slots(self) -> tuple[Slot, ...]:
        return make_slots(self)


def make_slots(forum: Forum) -> tuple[Slot, ...]:
    if forum.slot_minutes <= 0:
        raise CorridorError(Code.E512, detail="slot length must be positive")
    tz, step = forum.zone, timedelta(minutes=forum.slot_minutes)
    out: list[Slot] = []
    for sess in sorted(forum.sessions, key=lambda s: (s.day, s.start)):
        t = datetime.combine(sess.day, sess.start)
        end = datetime.combine(sess.day, sess.end)
        pauses = sorted(
            (datetime.combine(sess.day, b.start), datetime.combine(sess.day, b.end))
            for b in forum.breaks
            if b.day in (None, sess.day)
        )
        while t + step <= end:
            clash = next((p for p in pauses if t < p[1] and p[0] < t + step), None)
            if clash:
                t = max(t + timedelta(minutes=1), clash[1])
                continue
            # Aware datetimes via zoneinfo: correct offsets on DST days as well.
            out.append(Slot(len(out), t.replace(tzinfo=tz), (t + step).replace(tzinfo=tz), sess.name))
            t += step
    return tuple(out)


def slots_within(windows: tuple[Window, ...], slots: tuple[Slot, ...]) -> frozenset[int]:
    """Indices of the slots that lie wholly inside one of ``windows`` (all slots if none given)."""
    if not windows:
        return frozenset(s.index for s in slots)
    keep = set()
    for s in slots:
        local_start, local_end = s.start.time(), s.end.time()
        for w in windows:
            if w.day in (None, s.day) and w.start <= local_start and local_end <= w.end:
                keep.add(s.index)
                break
    return frozenset(keep)


@dataclass(frozen=True)
class Person:
    """A participant as the scheduler sees them."""

    id: str
    max_meetings: int
    available: frozenset[int]
    delegation: str | None = None
    name: str = ""


@dataclass(frozen=True)
class Request:
    """An accepted meeting request, ready to be placed. ``priority`` is its weight."""

    id: str
    requester: str
    target: str
    priority: int = DEFAULT_PRIORITY


@dataclass(frozen=True)
class Placement:
    request: str
    slot: int
    table: str


@dataclass(frozen=True)
class Instance:
    """Everything the scheduler needs.

    ``fixed`` meetings (held, no-show, or pinned by the organiser) must stay where they are;
    ``previous`` is the last schedule, kept as far as possible when re-scheduling.
    """

    forum: Forum
    people: tuple[Person, ...]
    requests: tuple[Request, ...]
    fixed: tuple[Placement, ...] = ()
    previous: tuple[Placement, ...] = field(default=())
