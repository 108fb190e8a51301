"""Fast schedules without a solver: the greedy baseline, the constructive heuristic, repairs.

* ``greedy_first_free``: what "quick schedule" tools do, each request in the order it came
  in, at the first slot both sides are free. The bench's baseline.
* ``construct``: requests by priority, then the ones whose people have the most room to spare,
  each at the free slot that opens the fewest idle gaps (earliest on ties). With a ``guide``
  from the linear relaxation, the requests it selects come first, each in the slot class it
  chose when that class still has room.
* ``repair``: passes over the left-out requests that insert one after moving a blocking
  meeting elsewhere, or after dropping a lower-priority meeting of someone at their maximum.
"""

from __future__ import annotations

import random

from corridor.forum.problem import Problem
from corridor.forum.state import State


def start_state(prob: Problem) -> tuple[State, dict[int, str]]:
    """A state holding the fixed meetings; the ones that no longer fit come back with a reason
    (and stay out: a fixed meeting is never moved elsewhere)."""
    state, broken = State(prob), {}
    for i, pl in sorted(prob.fixed.items()):
        state.locked.add(i)
        if pl.slot >= prob.n_slots or not (state.free(i) >> pl.slot) & 1 or not state.has_room(i):
            broken[i] = "its fixed slot is no longer possible (availability, tables or maximum)"
            continue
        state.place(i, pl.slot)
    return state, broken


def greedy_first_free(prob: Problem) -> State:
    state, _ = start_state(prob)
    arrival = [prob.cand_of[r.id] for r in prob.instance.requests if r.id in prob.cand_of]
    for i in arrival:
        if state.slot_of[i] < 0 and i not in state.locked and state.has_room(i):
            free = state.free(i)
            if free:
                state.place(i, _low(free))
    return state


def construct(prob: Problem, state: State, seed: int = 0, guide=None) -> State:
    """Add every candidate that fits to ``state`` (which may hold kept meetings already).

    ``guide`` (a ``bounds.Relaxation``) orders candidates by how much the relaxation placed
    them and steers each to the slot class the relaxation chose.
    """
    share = guide.share if guide is not None and guide.share else None
    for i in _order(prob, seed, share):
        if state.slot_of[i] < 0 and i not in state.locked and state.has_room(i):
            free = state.free(i)
            if free:
                preferred = free & guide.prefer[i] if share else 0
                state.place(i, best_slot(state, i, preferred or free))
    return state


def keep_previous(prob: Problem, state: State) -> None:
    """Put back last schedule's meetings where they still fit, highest priority first."""
    for i in sorted(prob.previous, key=lambda i: (-prob.weight[i], i)):
        s = prob.previous[i].slot
        fits = s < prob.n_slots and (state.free(i) >> s) & 1
        if state.slot_of[i] < 0 and fits and state.has_room(i):
            state.place(i, s)


def _order(prob: Problem, seed: int, share: list[float] | None = None) -> list[int]:
    demand = [0] * prob.n_parties
    for i in range(prob.n_cands):
        demand[prob.ca[i]] += 1
        demand[prob.cb[i]] += 1
    # Over-asked people are the bottleneck: serve first the requests that do not compete for them.
    ratio = [demand[p] / max(1, prob.party_cap[p]) for p in range(prob.n_parties)]
    rng = random.Random(seed)
    tie = list(range(prob.n_cands))
    rng.shuffle(tie)
    return sorted(
        range(prob.n_cands),
        key=lambda i: (
            -round(share[i], 3) if share else 0,
            -prob.weight[i],
            round(ratio[prob.ca[i]] + ratio[prob.cb[i]], 3),
            prob.allowed[i].bit_count(),
            tie[i],
        ),
    )


def best_slot(state: State, i: int, free: int) -> int:
    prob = state.prob
    a, b = prob.ca[i], prob.cb[i]
    sa, sb = prob.party_size(a), prob.party_size(b)
    best, best_key = -1, None
    x = free
    while x:
        low = x & -x
        s = low.bit_length() - 1
        x ^= low
        key = sa * state.gap_delta(a, s) + sb * state.gap_delta(b, s)
        if best_key is None or key < best_key:
            best, best_key = s, key
            if key <= -2:
                break
    return best


def _low(x: int) -> int:
    return (x & -x).bit_length() - 1


def _bits(x: int):
    while x:
        low = x & -x
        yield low.bit_length() - 1
        x ^= low


def _blocker(state: State, party: int, s: int) -> int:
    """The meeting ``party`` has in slot s (-1 if none)."""
    if not (state.busy[party] >> s) & 1:
        return -1
    for j in state.prob.by_party[party]:
        if state.slot_of[j] == s:
            return j
    return -1


def _relocate(state: State, j: int, avoid: int) -> bool:
    """Move meeting j to another slot it fits in (not ``avoid``); True on success."""
    if j in state.locked:
        return False
    s = state.remove(j)
    free = state.free(j) & ~(1 << avoid) & ~(1 << s)
    if free:
        state.place(j, best_slot(state, j, free))
        return True
    state.place(j, s)
    return False


def insert_with_moves(state: State, i: int) -> bool:
    """Place i, moving at most one blocking meeting per side out of the way."""
    prob = state.prob
    free = state.free(i)
    if free:
        state.place(i, best_slot(state, i, free))
        return True
    a, b, cls = prob.ca[i], prob.cb[i], prob.cls[i]
    for s in _bits(prob.allowed[i] & state.fit[cls]):
        moved = []
        ok = True
        for party in (a, b):
            j = _blocker(state, party, s)
            if j >= 0:
                old = state.slot_of[j]
                if _relocate(state, j, s):
                    moved.append((j, old))
                else:
                    ok = False
                    break
        if ok and (state.free(i) >> s) & 1:
            state.place(i, s)
            return True
        for j, old in reversed(moved):
            state.remove(j)
            state.place(j, old)
    return False


def repair(state: State, rounds: int = 3) -> State:
    prob = state.prob
    order = sorted(range(prob.n_cands), key=lambda i: (-prob.weight[i], i))
    for _ in range(rounds):
        gained = False
        for i in order:
            if state.slot_of[i] >= 0 or i in state.locked:
                continue
            if state.has_room(i):
                gained |= insert_with_moves(state, i)
            else:
                gained |= _eject_for(state, i)
        if not gained:
            break
    return state


def _eject_for(state: State, i: int) -> bool:
    """Drop a lower-priority meeting of whoever is full so that i can take its place."""
    prob = state.prob
    dropped = []
    for party in (prob.ca[i], prob.cb[i]):
        if state.load[party] < prob.party_cap[party]:
            continue
        victims = [
            j
            for j in prob.by_party[party]
            if state.slot_of[j] >= 0 and j not in state.locked and prob.weight[j] < prob.weight[i]
        ]
        if not victims:
            break
        j = min(victims, key=lambda j: (prob.weight[j], j))
        dropped.append((j, state.remove(j)))
    gain = prob.weight[i] - sum(prob.weight[j] for j, _ in dropped)
    if gain > 0 and state.has_room(i) and insert_with_moves(state, i):
        for j, _ in dropped:  # a dropped meeting may still fit elsewhere
            if state.has_room(j):
                insert_with_moves(state, j)
        return True
    for j, s in reversed(dropped):
        state.place(j, s)
    return False
