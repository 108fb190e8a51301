"""An ``Instance`` compiled into the index arrays every scheduling algorithm works on.

People who travel as a delegation become one *party*: it is free only when all its members are,
it may meet at most the smallest of their maxima, and every meeting seats all of them. Each
accepted request becomes a *candidate* meeting between two parties, unless it can never be
placed, in which case it gets its reason here. Slot sets are Python ints used as bitmasks.

Tables: meetings of size ``n`` need a table seating at least ``n``. Capacities are nested, so a
set of meetings fits the tables of a slot exactly when, for every capacity threshold ``c``, the
meetings needing at least ``c`` seats are no more than the tables with at least ``c`` seats.
Meetings are therefore counted per *class* (the smallest threshold that seats them) and tables
are assigned only at the end (``tables.assign``).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from corridor.forum.domain import Instance, Placement


@dataclass
class Problem:
    instance: Instance
    n_slots: int
    slot_day: list[int]
    day_masks: list[int]
    party_members: list[tuple[str, ...]]
    party_name: list[str]
    party_avail: list[int]
    party_cap: list[int]
    party_of: dict[str, int]
    thresholds: list[int]  # distinct table capacities, ascending
    tables_at_least: list[int]  # tables_at_least[j]: tables seating >= thresholds[j]
    # candidates
    ca: list[int] = field(default_factory=list)
    cb: list[int] = field(default_factory=list)
    weight: list[int] = field(default_factory=list)
    cls: list[int] = field(default_factory=list)
    size: list[int] = field(default_factory=list)
    allowed: list[int] = field(default_factory=list)
    req: list[str] = field(default_factory=list)
    cand_of: dict[str, int] = field(default_factory=dict)
    impossible: dict[str, str] = field(default_factory=dict)
    fixed: dict[int, Placement] = field(default_factory=dict)
    previous: dict[int, Placement] = field(default_factory=dict)
    by_party: list[list[int]] = field(default_factory=list)

    @property
    def n_parties(self) -> int:
        return len(self.party_members)

    @property
    def n_cands(self) -> int:
        return len(self.req)

    @property
    def n_classes(self) -> int:
        return len(self.thresholds)

    def party_size(self, p: int) -> int:
        return len(self.party_members[p])

    def other(self, i: int, p: int) -> int:
        return self.cb[i] if self.ca[i] == p else self.ca[i]


def compile_instance(inst: Instance) -> Problem:
    slots = inst.forum.slots
    days = sorted({s.day for s in slots})
    slot_day = [days.index(s.day) for s in slots]
    day_masks = [0] * len(days)
    for s in slots:
        day_masks[slot_day[s.index]] |= 1 << s.index

    groups: dict[str, list] = {}
    for person in inst.people:
        groups.setdefault(person.delegation or f"\0{person.id}", []).append(person)
    prob = Problem(
        instance=inst,
        n_slots=len(slots),
        slot_day=slot_day,
        day_masks=day_masks,
        party_members=[],
        party_name=[],
        party_avail=[],
        party_cap=[],
        party_of={},
        thresholds=sorted({t.capacity for t in inst.forum.tables if t.capacity > 0}),
        tables_at_least=[],
    )
    prob.tables_at_least = [
        sum(1 for t in inst.forum.tables if t.capacity >= c) for c in prob.thresholds
    ]
    for key in sorted(groups):
        members = sorted(groups[key], key=lambda p: p.id)
        p = len(prob.party_members)
        prob.party_members.append(tuple(m.id for m in members))
        names = ", ".join(m.name or m.id for m in members)
        prob.party_name.append(names if len(members) == 1 else f"delegation {key} ({names})")
        avail = (1 << len(slots)) - 1
        for m in members:
            avail &= sum(1 << i for i in m.available if 0 <= i < len(slots))
        prob.party_avail.append(avail)
        prob.party_cap.append(max(0, min(m.max_meetings for m in members)))
        for m in members:
            prob.party_of[m.id] = p
    prob.by_party = [[] for _ in prob.party_members]
    _add_candidates(prob, inst)
    return prob


def _add_candidates(prob: Problem, inst: Instance) -> None:
    fixed = {pl.request: pl for pl in inst.fixed}
    previous = {pl.request: pl for pl in inst.previous}
    max_cap = prob.thresholds[-1] if prob.thresholds else 0
    seen: dict[tuple[int, int], str] = {}
    # Fixed meetings first, then by priority, so a duplicate pair keeps the meeting that matters.
    order = sorted(
        inst.requests, key=lambda r: (r.id not in fixed, r.id not in previous, -r.priority, r.id)
    )
    for r in order:
        a, b = prob.party_of.get(r.requester), prob.party_of.get(r.target)
        if a is None or b is None:
            who = r.requester if a is None else r.target
            prob.impossible[r.id] = f"unknown participant {who}"
            continue
        if a == b:
            prob.impossible[r.id] = f"{prob.party_name[a]} cannot meet their own delegation"
            continue
        pair = (min(a, b), max(a, b))
        if pair in seen:
            prob.impossible[r.id] = f"the same people already meet through request {seen[pair]}"
            continue
        size = prob.party_size(a) + prob.party_size(b)
        if size > max_cap:
            prob.impossible[r.id] = f"no table with capacity {size}"
            continue
        allowed = prob.party_avail[a] & prob.party_avail[b]
        if not allowed:
            prob.impossible[r.id] = (
                f"no common free slot: {prob.party_name[a]} and {prob.party_name[b]} "
                "are never available at the same time"
            )
            continue
        if min(prob.party_cap[a], prob.party_cap[b]) <= 0:
            who = prob.party_name[a] if prob.party_cap[a] <= 0 else prob.party_name[b]
            prob.impossible[r.id] = f"{who} accepts no meetings (maximum 0)"
            continue
        seen[pair] = r.id
        i = len(prob.req)
        prob.req.append(r.id)
        prob.ca.append(a)
        prob.cb.append(b)
        prob.weight.append(max(1, int(r.priority)))
        prob.size.append(size)
        prob.cls.append(bisect_left(prob.thresholds, size))
        prob.allowed.append(allowed)
        prob.cand_of[r.id] = i
        prob.by_party[a].append(i)
        prob.by_party[b].append(i)
        if r.id in fixed:
            prob.fixed[i] = fixed[r.id]
        elif r.id in previous:
            prob.previous[i] = previous[r.id]
