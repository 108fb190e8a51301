"""Hypothesis strategies for small random forum instances (quick to solve to optimality)."""

from __future__ import annotations

from datetime import date, time

from hypothesis import strategies as st

from corridor.forum.domain import (
    Break,
    Forum,
    Instance,
    Person,
    Request,
    Session,
    Table,
    Window,
    slots_within,
)

DAYS = (date(2026, 3, 31), date(2026, 4, 1))
ZONES = ("Asia/Karachi", "America/New_York", "UTC")
WINDOWS = (
    (),
    (Window(time(9, 0), time(12, 0)),),
    (Window(time(13, 0), time(18, 0)),),
    (Window(time(10, 0), time(15, 0)),),
    (Window(time(9, 0), time(18, 0), DAYS[0]),),
)


@st.composite
def forums(draw) -> Forum:
    days = DAYS[: draw(st.integers(1, 2))]
    sessions = []
    for day in days:
        sessions.append(Session(day, time(9, 0), time(draw(st.integers(10, 12)), 0), "Morning"))
        if draw(st.booleans()):
            sessions.append(Session(day, time(14, 0), time(draw(st.integers(15, 17)), 30), "Afternoon"))
    breaks = []
    if draw(st.booleans()):
        breaks.append(Break(time(10, 0), time(10, 15), None, "Coffee"))
    if draw(st.booleans()):
        breaks.append(Break(time(15, 0), time(15, 30), days[-1], "Tea"))
    capacities = draw(st.lists(st.sampled_from([2, 2, 3, 4, 6]), min_size=1, max_size=4))
    return Forum(
        name="Test forum",
        timezone=draw(st.sampled_from(ZONES)),
        slot_minutes=draw(st.sampled_from([20, 30, 45, 60])),
        sessions=tuple(sessions),
        breaks=tuple(breaks),
        tables=tuple(Table(f"T{k}", c) for k, c in enumerate(capacities)),
    )


@st.composite
def instances(draw, max_people: int = 9, max_requests: int = 24) -> Instance:
    forum = draw(forums())
    slots = forum.slots
    n = draw(st.integers(2, max_people))
    people = []
    delegations = draw(st.lists(st.integers(0, n - 1), max_size=3))
    for k in range(n):
        # Neighbours k-1 and k sharing a delegation label form delegations of two or three.
        deleg = f"D{k // 2}" if k in delegations or (k - 1) in delegations else None
        people.append(
            Person(
                id=f"P{k}",
                max_meetings=draw(st.integers(0, 5)),
                available=slots_within(draw(st.sampled_from(WINDOWS)), slots),
                delegation=deleg,
                name=f"Person {k}",
            )
        )
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1), st.integers(1, 5)),
            max_size=max_requests,
        )
    )
    requests = tuple(
        Request(f"R{k}", f"P{a}", f"P{b}", w) for k, (a, b, w) in enumerate(pairs) if a != b
    )
    return Instance(forum, tuple(people), requests)
