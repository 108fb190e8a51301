"""CP-SAT over a set of *free* candidates, everything else in the state held fixed.

With every candidate free this is the full model; with a subset it is one step of the large
neighbourhood search. Variables: ``x[i, s]`` = candidate i meets in slot s. Constraints: at most
one slot per candidate, one meeting per party and slot, each party's remaining maximum, and per
slot and table class the tables left. Objective, lexicographic by scaled weights:
priority-weighted meetings ≫ moved meetings (re-scheduling) ≫ idle gaps ≫ people left with none.
The solver runs on one worker with a fixed seed and a deterministic time limit, so the same
input and seed give the same schedule.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model
from ortools.sat.python.cp_model import LinearExpr

from corridor.forum.state import State


@dataclass
class Outcome:
    status: str
    slots: dict[int, int]  # candidate → slot, for the free candidates placed
    weight: int  # weight of the free candidates placed
    bound: int | None  # proven bound on that weight (weight-only stage), else None
    det_time: float
    size: int  # x variables, a measure of the Python work spent building the model


def solve(
    state: State,
    free: list[int],
    *,
    seed: int,
    det_time: float,
    wall_time: float,
    weight_only: bool = False,
    min_weight: int | None = None,
    within: int = -1,
    presolve: bool = True,
) -> Outcome:
    """Re-place the ``free`` candidates optimally given the rest of ``state``.

    ``within`` (a slot mask) limits where they may go. ``state`` is left unchanged; the current
    placement of the free candidates is the hint.
    """
    prob = state.prob
    hint = {i: state.slot_of[i] for i in free}
    for i in free:
        if state.slot_of[i] >= 0:
            state.remove(i)
    try:
        model, x, weight_expr = _build(state, free, hint, weight_only, min_weight, within)
        solver = cp_model.CpSolver()
        params = solver.parameters
        params.num_workers = 1
        params.random_seed = seed
        params.max_deterministic_time = det_time
        params.max_time_in_seconds = wall_time
        if not presolve:  # small neighbourhoods: presolve costs more than it saves
            params.cp_model_presolve = False
            params.symmetry_level = 0
        status = solver.solve(model)
        name = solver.status_name(status)
        slots: dict[int, int] = {}
        weight = 0
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            for (i, s), var in x.items():
                if solver.boolean_value(var):
                    slots[i] = s
            weight = sum(prob.weight[i] for i in slots)
        bound = None
        if weight_only and status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            bound = int(solver.best_objective_bound + 1e-6)
        elif weight_only and status == cp_model.INFEASIBLE:
            bound = 0
        return Outcome(name, slots, weight, bound, solver.deterministic_time, len(x))
    finally:
        for i in free:
            if hint[i] >= 0:
                state.place(i, hint[i])


def _build(state, free, hint, weight_only, min_weight, within):
    prob = state.prob
    model = cp_model.CpModel()
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    per_party_slot: dict[tuple[int, int], list] = {}
    per_party: dict[int, list] = {}
    per_slot: dict[int, list[tuple[int, object]]] = {}
    by_cand: dict[int, list] = {}
    for i in free:
        a, b = prob.ca[i], prob.cb[i]
        if not state.has_room(i):
            continue
        mask = state.free(i) & within
        while mask:
            low = mask & -mask
            s = low.bit_length() - 1
            mask ^= low
            var = model.new_bool_var(f"x{i}_{s}")
            x[i, s] = var
            by_cand.setdefault(i, []).append(var)
            per_party_slot.setdefault((a, s), []).append(var)
            per_party_slot.setdefault((b, s), []).append(var)
            per_slot.setdefault(s, []).append((prob.cls[i], var))
            model.add_hint(var, hint[i] == s)  # a complete hint is a solution to start from
        for p in (a, b):
            per_party.setdefault(p, []).extend(by_cand.get(i, ()))
    for vs in by_cand.values():
        if len(vs) > 1:
            model.add_at_most_one(vs)
    for vs in per_party_slot.values():
        if len(vs) > 1:
            model.add_at_most_one(vs)
    for p, vs in per_party.items():
        room = prob.party_cap[p] - state.load[p]
        if len(vs) > room:
            model.add(LinearExpr.sum(vs) <= room)
    for s, items in per_slot.items():
        for j in range(prob.n_classes):
            left = prob.tables_at_least[j] - state.count[s][j]
            vs = [v for c, v in items if c >= j]
            if len(vs) > left:
                model.add(LinearExpr.sum(vs) <= left)
    weight_expr = LinearExpr.weighted_sum(list(x.values()), [prob.weight[i] for i, _ in x])
    if min_weight is not None:
        model.add(weight_expr >= min_weight)
    if weight_only:
        model.maximize(weight_expr)
        return model, x, weight_expr
    hinted = [0] * prob.n_parties  # slots each party meets in under the hint
    for i in free:
        if (i, hint[i]) in x:
            hinted[prob.ca[i]] |= 1 << hint[i]
            hinted[prob.cb[i]] |= 1 << hint[i]
    moves = _moves(prob, free, x)
    gaps, gmax = _gaps(model, state, per_party_slot, per_party, hinted)
    zeros, zmax = _zeros(model, state, per_party, hinted)
    k3 = zmax + 1
    k2 = (gmax + 1) * k3
    k1 = (len(moves) + 1) * k2
    secondary = k2 * sum(moves) + k3 * gaps + zeros
    if min_weight is not None:
        model.minimize(secondary)
    else:
        model.maximize(k1 * weight_expr - secondary)
    return model, x, weight_expr


def _moves(prob, free, x):
    """One term per previously scheduled free candidate: 1 unless it stays in its slot."""
    out = []
    for i in free:
        pl = prob.previous.get(i)
        if pl is None:
            continue
        var = x.get((i, pl.slot))
        out.append(1 - var if var is not None else 1)
    return out


def _gaps(model, state, per_party_slot, per_party, hinted):
    """Idle gaps of the parties touched: meeting blocks per day minus one, times party size.

    Auxiliary variables get hints too, so the solver starts from a complete solution.
    """
    prob = state.prob
    terms, gmax = [], 0
    for p in per_party:
        size = prob.party_size(p)
        now = state.busy[p] | hinted[p]
        for day in prob.day_masks:
            avail = prob.party_avail[p] & day
            order = [s for s in range(prob.n_slots) if (avail >> s) & 1]
            if len(order) < 3:
                continue
            busy = [_busy(state, per_party_slot, p, s) for s in order]
            if all(isinstance(b, int) for b in busy):
                continue
            gmax += size * (len(order) // 2)
            starts, prev, hprev = [], 0, 0
            for s, b in zip(order, busy, strict=True):
                hb = (now >> s) & 1
                if isinstance(b, int) and isinstance(prev, int):
                    starts.append(max(0, b - prev))
                elif not (isinstance(b, int) and b == 0):
                    st = model.new_bool_var("")
                    model.add(st >= b - prev)
                    model.add_hint(st, hb > hprev)
                    starts.append(st)
                prev, hprev = b, hb
            if any(isinstance(b, int) and b == 1 for b in busy):
                has = 1
            else:
                has = model.new_bool_var("")
                model.add(has <= sum(busy))
                model.add_hint(has, bool(now & avail))
            terms.append(size * (sum(starts) - has))
    return sum(terms), gmax


def _busy(state, per_party_slot, p, s):
    if (state.busy[p] >> s) & 1:
        return 1
    vs = per_party_slot.get((p, s))
    if not vs:
        return 0
    return vs[0] if len(vs) == 1 else LinearExpr.sum(vs)


def _zeros(model, state, per_party, hinted):
    """People with a possible meeting who would end with none (fairness), by party size."""
    prob = state.prob
    terms, zmax = [], 0
    for p, vs in per_party.items():
        if state.load[p] > 0 or not vs:
            continue
        z = model.new_bool_var("")
        model.add(z + LinearExpr.sum(vs) >= 1)
        model.add_hint(z, not hinted[p])
        size = prob.party_size(p)
        terms.append(size * z)
        zmax += size
    return sum(terms), zmax
