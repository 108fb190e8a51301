"""Neighbourhoods for the large-neighbourhood search: which candidate meetings to free at once.

Two decompositions take turns: ``by_people`` frees every meeting touching a group of connected
people (for choosing *which* requests to meet), ``by_slots`` frees every meeting of a few slots
and lets them trade places there (for fitting a left-out request into its partners' days).
Both are seeded, so the search is reproducible.
"""

from __future__ import annotations

import random

from corridor.forum.state import State, party_gaps


def by_people(st: State, rng: random.Random, target: int, from_left_out: bool) -> list[int]:
    """Candidates around a group of people grown outward from a left-out request or a person.

    All meetings touching the group are freed; left-out requests inside it too.
    """
    prob = st.prob
    start: list[int] = []
    if from_left_out:
        out = [i for i in range(prob.n_cands) if st.slot_of[i] < 0 and st.has_room(i)]
        out = out or [i for i in range(prob.n_cands) if st.slot_of[i] < 0]
        if out:
            i = out[rng.randrange(len(out))]
            start = [prob.ca[i], prob.cb[i]]
    if not start:
        # Polishing: start from someone with an idle gap or with no meeting, if anyone has one.
        needy = [
            p for p in range(prob.n_parties)
            if prob.by_party[p] and (st.load[p] == 0 or party_gaps(prob, st.busy[p], p))
        ]
        start = [needy[rng.randrange(len(needy))] if needy else rng.randrange(prob.n_parties)]
    group: set[int] = set()
    chosen: dict[int, None] = {}
    size, frontier = 0, start
    while frontier and size < target:
        p = frontier.pop(0)
        if p in group:
            continue
        group.add(p)
        neighbours = list(prob.by_party[p])
        rng.shuffle(neighbours)
        for i in neighbours:
            q = prob.other(i, p)
            if i not in chosen and i not in st.locked and (st.slot_of[i] >= 0 or q in group):
                chosen[i] = None
                size += prob.allowed[i].bit_count()
            if q not in group:
                frontier.append(q)
    for p in group:  # left-out requests between group members whose partner joined later
        for i in prob.by_party[p]:
            if st.slot_of[i] < 0 and prob.other(i, p) in group and i not in st.locked:
                chosen[i] = None
    return list(chosen)


def by_slots(st: State, rng: random.Random, k: int) -> tuple[list[int], int]:
    """All meetings of a few slots, plus the left-out requests with room that could use them.

    This is the time-indexed decomposition: meetings may only trade places among these slots,
    which is what a left-out request blocked by its partners' timetables needs.
    """
    prob = st.prob
    out = [i for i in range(prob.n_cands) if st.slot_of[i] < 0 and st.has_room(i)]
    if not out:
        return [], 0
    i = out[rng.randrange(len(out))]
    a, b = prob.ca[i], prob.cb[i]
    options = [s for s in range(prob.n_slots) if (prob.allowed[i] >> s) & 1]
    # Slots where one side is already free are the cheapest to open up for both.
    rng.shuffle(options)
    options.sort(key=lambda s: ((st.busy[a] >> s) & 1) + ((st.busy[b] >> s) & 1))
    within = 0
    for s in options[:k]:
        within |= 1 << s
    free = [
        j
        for j in range(prob.n_cands)
        if j not in st.locked
        and (
            (st.slot_of[j] >= 0 and (within >> st.slot_of[j]) & 1)
            or (st.slot_of[j] < 0 and st.has_room(j) and prob.allowed[j] & within)
        )
    ]
    return free, within
