"""A proven upper bound on the priority-weighted meetings, from a linear relaxation.

The time-indexed relaxation (``y[i, s]`` fractional) is exact about each person's maximum, each
person's one-meeting-per-slot, pairwise availability and the tables of every slot, but it has as
many variables as candidates times slots. Slots that every party sees alike (same people free,
same tables left) are interchangeable in the relaxation, so they are merged into *slot classes*:
``y[i, c]`` with right-hand sides scaled by the class size gives the same optimum with a few
variables per candidate. HiGHS solves it; its optimum rounded down (weights are integers) plus
the fixed meetings' weight bounds every schedule, the scheduler's included.

The relaxation's solution is also a guide: on realistic instances it is nearly integral, and the
constructive heuristic that places the requests it selects first, in the slot class it chose,
usually reaches the bound outright (``heuristic.construct(guide=…)``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

from corridor.forum.state import State


@dataclass
class Relaxation:
    bound: int
    share: list[float] = field(default_factory=list)  # per candidate: how much the LP places it
    prefer: list[int] = field(default_factory=list)  # per candidate: slot mask of its main class


def lp_bound(base: State) -> Relaxation:
    """Upper bound on the schedule value reachable from ``base`` (holding only fixed meetings),
    with the relaxation's choice of requests and slot classes as a guide."""
    prob = base.prob
    free_mask = [prob.party_avail[p] & ~base.busy[p] for p in range(prob.n_parties)]
    room = [prob.party_cap[p] - base.load[p] for p in range(prob.n_parties)]
    classes = _slot_classes(base, free_mask)
    cols: list[tuple[int, int]] = []
    for i in range(prob.n_cands):
        a, b = prob.ca[i], prob.cb[i]
        if base.slot_of[i] >= 0 or room[a] <= 0 or room[b] <= 0:
            continue
        ok = prob.allowed[i] & free_mask[a] & free_mask[b] & base.fit[prob.cls[i]]
        for c, (mask, _) in enumerate(classes):
            if ok & mask:
                cols.append((i, c))
    if not cols:
        return Relaxation(base.value)
    rows, data, rhs = [], [], []
    row_ids: dict[tuple, int] = {}

    def entry(key: tuple, limit: float, col: int) -> None:
        r = row_ids.get(key)
        if r is None:
            r = row_ids[key] = len(rhs)
            rhs.append(limit)
        rows.append(r)
        data.append(col)

    for col, (i, c) in enumerate(cols):
        n_c = classes[c][0].bit_count()
        entry(("cand", i), 1, col)
        for p in (prob.ca[i], prob.cb[i]):
            entry(("party", p), room[p], col)
            entry(("party-slot", p, c), n_c, col)
        for j in range(prob.cls[i] + 1):
            entry(("tables", c, j), n_c * classes[c][1][j], col)
    a_ub = coo_matrix(
        (np.ones(len(rows)), (np.array(rows), np.array(data))), shape=(len(rhs), len(cols))
    ).tocsr()
    cost = -np.array([prob.weight[i] for i, _ in cols], dtype=float)
    # Interior point with crossover: the fastest HiGHS method here, and it ends on a vertex.
    res = linprog(cost, A_ub=a_ub, b_ub=np.array(rhs, dtype=float), bounds=(0, 1),
                  method="highs-ipm")
    if res.status != 0:
        left = sum(prob.weight[i] for i in range(prob.n_cands) if base.slot_of[i] < 0)
        return Relaxation(base.value + left)
    opt = -res.fun
    # HiGHS' optimum is exact to its tolerances; the slack keeps rounding from cutting below it.
    out = Relaxation(base.value + math.floor(opt + 1e-6 * max(1.0, opt)))
    out.share, out.prefer = [0.0] * prob.n_cands, [0] * prob.n_cands
    best = [0.0] * prob.n_cands
    for (i, c), v in zip(cols, res.x, strict=True):
        out.share[i] += v
        if v > best[i]:
            best[i], out.prefer[i] = v, classes[c][0]
    return out


def _slot_classes(base: State, free_mask: list[int]) -> list[tuple[int, tuple[int, ...]]]:
    """Groups of interchangeable slots: (slot mask, tables left per class) per group."""
    prob = base.prob
    sig = [0] * prob.n_slots
    for p, mask in enumerate(free_mask):
        bit = 1 << p
        while mask:
            low = mask & -mask
            sig[low.bit_length() - 1] |= bit
            mask ^= low
    groups: dict[tuple, int] = {}
    for s in range(prob.n_slots):
        left = tuple(
            prob.tables_at_least[j] - base.count[s][j] for j in range(prob.n_classes)
        )
        key = (sig[s], left)
        groups[key] = groups.get(key, 0) | (1 << s)
    return [(mask, key[1]) for key, mask in groups.items()]
