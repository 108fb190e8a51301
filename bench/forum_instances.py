"""Random but realistic forum instances for the scheduler bench and the property tests.

One day (31 March 2026, Islamabad), 20-minute slots in two sessions with a coffee break each.
People: most stay all day, some only the morning or the afternoon, a few have a custom window;
each accepts 6 to 14 meetings; about one in twenty travels in a delegation of two or three.
Requests: the requester is drawn uniformly, the target by popularity (a few investors and
officials attract most requests, as at real brokerage events); priorities 1 to 3.
Tables: about one per three people (or as many as asked), mostly for two, some for four or six.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from datetime import date, time
from itertools import accumulate

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

DAY = date(2026, 3, 31)


def forum(n_tables: int, rng: random.Random, tz: str = "Asia/Karachi") -> Forum:
    sizes = rng.choices([2, 4, 6], weights=[75, 20, 5], k=n_tables)
    sizes[0] = 6  # always room for the largest delegation meeting
    return Forum(
        name="Bench forum",
        timezone=tz,
        slot_minutes=20,
        sessions=(
            Session(DAY, time(9, 0), time(13, 0), "Morning"),
            Session(DAY, time(14, 0), time(18, 0), "Afternoon"),
        ),
        breaks=(Break(time(11, 0), time(11, 20), None, "Coffee"), Break(time(16, 0), time(16, 20))),
        tables=tuple(Table(f"T{k + 1:04d}", c) for k, c in enumerate(sizes)),
    )


WINDOWS = {
    "day": (),
    "morning": (Window(time(9, 0), time(13, 0)),),
    "afternoon": (Window(time(14, 0), time(18, 0)),),
    "late-start": (Window(time(10, 0), time(18, 0)),),
    "early-leave": (Window(time(9, 0), time(15, 40)),),
}


def generate(n_people: int, n_requests: int, seed: int = 0, tables_per_person: float = 1 / 3) -> Instance:
    """An instance; ``tables_per_person`` below 1/4 makes tables the binding constraint."""
    rng = random.Random(seed)
    fm = forum(max(2, round(n_people * tables_per_person)), rng)
    slots = fm.slots
    people = []
    k = 0
    while k < n_people:
        size = rng.choices([1, 2, 3], weights=[90, 7, 3])[0] if n_people - k >= 3 else 1
        delegation = f"D{k:05d}" if size > 1 else None
        kind = rng.choices(list(WINDOWS), weights=[60, 12, 12, 8, 8])[0]
        for _ in range(size):
            people.append(
                Person(
                    id=f"P{k:05d}",
                    max_meetings=rng.randint(6, 14),
                    available=slots_within(WINDOWS[kind], slots),
                    delegation=delegation,
                    name=f"Person {k}",
                )
            )
            k += 1
    cum = list(accumulate(rng.paretovariate(1.5) for _ in people))
    requests, pairs = [], set()
    tries = 0
    while len(requests) < n_requests and tries < n_requests * 20:
        tries += 1
        a = rng.randrange(n_people)
        b = min(n_people - 1, bisect_right(cum, rng.random() * cum[-1]))
        pa, pb = people[a], people[b]
        if a == b or (pa.delegation and pa.delegation == pb.delegation):
            continue
        if (a, b) in pairs or (b, a) in pairs:
            continue
        pairs.add((a, b))
        requests.append(
            Request(f"R{len(requests):06d}", pa.id, pb.id, rng.choices([1, 2, 3], [50, 35, 15])[0])
        )
    return Instance(fm, tuple(people), tuple(requests))
