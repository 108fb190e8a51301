"""The B2B meeting scheduler: accepted requests → (slot, table), with a proven bound.

Stages, in order:

1. ``problem.compile_instance``: parties (delegations meet together), candidate meetings, and
   a reason for each request that can never be placed.
2. Start: fixed meetings (held, no-show, pinned) stay; the previous schedule's meetings are put
   back where they still fit (re-scheduling moves as few as it can).
3. ``heuristic.construct`` + ``heuristic.repair``: a complete schedule in well under a second.
4. Improvement with CP-SAT: the full model when it is small, otherwise a large-neighbourhood
   search that frees the meetings of a group of connected people and re-solves them exactly.
5. ``bounds.lp_bound`` (and CP-SAT's own bound for the full model): the proven upper bound.
6. Tables per slot, idle gaps, and a reason for every accepted request left out.

Objective, lexicographic: priority-weighted meetings, then meetings moved from the previous
schedule, then idle gaps, then people left with no meeting although one was possible.

Determinism: everything is seeded, CP-SAT runs single-threaded under a *deterministic* time
limit, and the search stops on a work budget (solver deterministic time plus model sizes), not
on the clock; the budget is calibrated so that a run takes about ``time_limit`` seconds on a
2-core laptop. A wall-clock guard at 2 × ``time_limit`` (+2 s) stops it on a much slower or
busier machine; the result then says ``deterministic=False`` (``Options(wall_guard=False)``
turns the guard off).
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field

from corridor.forum import cpsat
from corridor.forum.bounds import Relaxation, lp_bound
from corridor.forum.compact import compact
from corridor.forum.domain import Instance, Placement
from corridor.forum.heuristic import construct, keep_previous, repair, start_state
from corridor.forum.neighbourhoods import by_people, by_slots
from corridor.forum.problem import Problem, compile_instance
from corridor.forum.state import State, party_gaps, total_gaps
from corridor.forum.tables import assign

FULL_MODEL_MAX_VARS = 12_000  # beyond this, one CP-SAT model over everything stalls
LNS_TARGET_VARS = 3_000  # one weight neighbourhood, in x variables
POLISH_TARGET_VARS = 600  # gap models are weaker: keep their neighbourhoods small
LNS_DET, POLISH_DET = 0.4, 0.15  # CP-SAT deterministic seconds per neighbourhood
SLOT_GROUP = 3  # slots per time-indexed neighbourhood
MAX_STALE = 400  # neighbourhoods in a row without improvement before stopping early
WEIGHT_SHARE = 0.7  # of the budget, for the weight phase; the rest polishes gaps
SOLVED = ("OPTIMAL", "FEASIBLE")
# Work budget calibration, measured on the 2-core development machine.
DET_TO_WALL = 4.0  # wall seconds per CP-SAT deterministic second
WORK_PER_VAR = 1e-4  # wall seconds of Python per x variable built
WORK_PER_CAND = 3e-6  # wall seconds per candidate scanned to pick a neighbourhood
WALL_GUARD = 2.0  # the clock stops the search only past this multiple of the time limit
OVERHEAD_PER_CAND = 4e-4  # wall seconds per candidate outside the search (bound, tables...)


@dataclass(frozen=True)
class Options:
    seed: int = 0
    time_limit: float = 10.0  # seconds, as a work budget (see the module docstring)
    pin_previous: bool = False  # keep the previous schedule's meetings exactly where they are
    wall_guard: bool = True  # False: never stop on the clock (always deterministic, maybe slower)


@dataclass
class Schedule:
    placements: dict[str, Placement]
    unscheduled: dict[str, str]  # request id → reason
    value: int  # priority-weighted meetings
    bound: int  # proven upper bound on value
    meetings: int
    gaps: int
    left_without: int  # people with a possible meeting who got none
    moves: int  # meetings of the previous schedule moved or dropped
    heuristic_value: int
    status: str  # OPTIMAL when the value is proven best (it meets the bound), else FEASIBLE
    seconds: float
    deterministic: bool = True
    stats: dict[str, float] = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        return self.value / self.bound if self.bound else 1.0


def schedule(inst: Instance, options: Options = Options()) -> Schedule:
    t0 = time.perf_counter()
    prob = compile_instance(inst)
    state, broken = start_state(prob)
    relaxation = lp_bound(state)
    bound = relaxation.bound
    keep_previous(prob, state)
    if options.pin_previous:
        state.locked |= {i for i in prob.previous if state.slot_of[i] >= 0}
    state = _best_start(prob, state, options.seed, relaxation)
    heuristic_value = state.value
    search = _Search(state, options, t0)
    status = "OPTIMAL"  # for the weight, when the heuristic already reaches the bound
    if search.total_vars() <= FULL_MODEL_MAX_VARS:
        if state.value < bound:
            status, cp_bound = search.full()
            if cp_bound is not None:
                bound = min(bound, cp_bound)
        compact(state)
        if not search.full_polish():
            search.lns(search.budget, weight=False)
    else:
        if state.value < bound:
            status = search.lns(search.budget * WEIGHT_SHARE, weight=True)
        compact(state)
        search.lns(search.budget, weight=False)
    compact(state)
    if state.value >= bound:
        status = "OPTIMAL"
    return _result(prob, state, broken, bound, heuristic_value, status, search, t0)


def _best_start(prob: Problem, kept: State, seed: int, relaxation: Relaxation) -> State:
    """The better of the relaxation-guided and the plain construction, each then repaired."""
    best = None
    for guide in (relaxation, None):
        state = repair(construct(prob, kept.copy(), seed, guide))
        key = (state.value, -total_gaps(state))
        if best is None or key > best[0]:
            best = (key, state)
    return best[1]


class _Search:
    """The CP-SAT improvement phases and their shared work budget."""

    def __init__(self, state: State, options: Options, t0: float) -> None:
        self.state, self.options, self.t0 = state, options, t0
        self.rng = random.Random(options.seed)
        n = state.prob.n_cands
        # Leave room for compiling, the bound, the heuristic and the output (about linear in n).
        self.budget = max(0.1, options.time_limit * 0.85 - n * OVERHEAD_PER_CAND)
        self.work = 0.0
        self.deterministic = True
        self.rounds = 0

    def total_vars(self) -> int:
        st = self.state
        return sum(st.prob.allowed[i].bit_count() for i in self._movable())

    def _movable(self) -> list[int]:
        return [i for i in range(self.state.prob.n_cands) if i not in self.state.locked]

    def _wall_left(self) -> float:
        if not self.options.wall_guard:
            return float("inf")
        guard = self.options.time_limit * WALL_GUARD + 2.0
        return guard - (time.perf_counter() - self.t0)

    def full(self) -> tuple[str, int | None]:
        """One CP-SAT solve over everything for the most weight, with its proven bound."""
        st, free = self.state, self._movable()
        locked_value = st.value - sum(st.prob.weight[i] for i in free if st.slot_of[i] >= 0)
        out = self._solve(free, self.budget * WEIGHT_SHARE / DET_TO_WALL, weight_only=True)
        bound = None if out.bound is None else locked_value + out.bound
        if out.status in SOLVED and locked_value + out.weight > st.value:
            self._try(free, out.slots)
        return out.status, bound

    def full_polish(self) -> bool:
        """One CP-SAT solve over everything for moves, gaps and fairness at the weight reached.

        True when it proved that no schedule of this weight does better.
        """
        st, free = self.state, self._movable()
        current = sum(st.prob.weight[i] for i in free if st.slot_of[i] >= 0)
        share = (self.budget - self.work) * (1 - WEIGHT_SHARE) / DET_TO_WALL
        out = self._solve(free, max(0.05, share), min_weight=current)
        if out.status in SOLVED:
            self._try(free, out.slots)
        return out.status == "OPTIMAL"

    def lns(self, until: float, *, weight: bool) -> str:
        """Free a group of connected people, re-solve their meetings exactly, keep if better.

        ``weight``: neighbourhoods grown from left-out requests, solved for weight only;
        otherwise small neighbourhoods solved for moves, gaps and fairness at equal weight.
        """
        st, rng = self.state, self.rng
        size = LNS_TARGET_VARS if weight else POLISH_TARGET_VARS
        det = LNS_DET if weight else POLISH_DET
        stale = 0
        max_stale = min(MAX_STALE, 4 * st.prob.n_parties)
        while self.work + det * DET_TO_WALL < until and stale < max_stale:
            if self._wall_left() < det * DET_TO_WALL * 2:
                self.deterministic = False
                break
            within = -1
            if weight and self.rounds % 2:
                free, within = by_slots(st, rng, SLOT_GROUP)
            else:
                free = by_people(st, rng, size, from_left_out=weight)
            if not free:
                break
            current = sum(st.prob.weight[i] for i in free if st.slot_of[i] >= 0)
            out = self._solve(
                free, det, weight_only=weight, min_weight=None if weight else current,
                within=within, presolve=False,
            )
            self.work += st.prob.n_cands * WORK_PER_CAND
            improved = out.status in SOLVED and self._try(free, out.slots)
            stale = 0 if improved else stale + 1
            self.rounds += 1
        return "FEASIBLE"

    def _solve(self, free, det, **kw) -> cpsat.Outcome:
        left = self._wall_left()
        out = cpsat.solve(
            self.state, free, seed=self.rng.randrange(1 << 30), det_time=det,
            wall_time=max(0.05, min(det * DET_TO_WALL * 3, left)), **kw,
        )
        self.work += out.det_time * DET_TO_WALL + out.size * WORK_PER_VAR
        if self._wall_left() <= 0 and out.status != "OPTIMAL":
            self.deterministic = False  # the clock, not the work budget, ended this solve
        return out

    def _try(self, free: list[int], slots: dict[int, int]) -> bool:
        """Adopt the new placement of ``free`` if it scores better; True if it did."""
        st, prob = self.state, self.state.prob
        parties = {p for i in free for p in (prob.ca[i], prob.cb[i])}
        before = _score(st, free, parties)
        old = [(i, st.slot_of[i]) for i in free if st.slot_of[i] >= 0]
        for i, _ in old:
            st.remove(i)
        for i, s in slots.items():
            st.place(i, s)
        if _score(st, free, parties) > before:
            return True
        for i in slots:
            st.remove(i)
        for i, s in old:
            st.place(i, s)
        return False


def _score(st: State, free: list[int], parties: set[int]) -> tuple[int, int, int, int]:
    prob = st.prob
    moves = sum(
        1 for i in free if i in prob.previous and st.slot_of[i] != prob.previous[i].slot
    )
    gaps = sum(party_gaps(prob, st.busy[p], p) * prob.party_size(p) for p in parties)
    zeros = sum(prob.party_size(p) for p in parties if st.load[p] == 0)
    return (st.value, -moves, -gaps, -zeros)


def _result(prob, state, broken, bound, heuristic_value, status, search, t0) -> Schedule:
    placements: dict[str, Placement] = {}
    by_slot: dict[int, list[tuple[str, int]]] = {}
    wanted = {}
    for i in state.placed():
        by_slot.setdefault(state.slot_of[i], []).append((prob.req[i], prob.size[i]))
        pl = prob.fixed.get(i) or prob.previous.get(i)
        if pl is not None and pl.slot == state.slot_of[i]:
            wanted[prob.req[i]] = pl.table
    for s, meetings in sorted(by_slot.items()):
        for rid, table in assign(meetings, prob.instance.forum.tables, wanted).items():
            placements[rid] = Placement(rid, s, table)
    unscheduled = dict(prob.impossible)
    for i in range(prob.n_cands):
        if state.slot_of[i] < 0:
            unscheduled[prob.req[i]] = broken.get(i) or reason(state, i)
    moves = sum(1 for i, pl in prob.previous.items() if state.slot_of[i] != pl.slot)
    wanted_people = {p for i in range(prob.n_cands) for p in (prob.ca[i], prob.cb[i])}
    left = sum(prob.party_size(p) for p in wanted_people if state.load[p] == 0)
    return Schedule(
        placements=placements,
        unscheduled=unscheduled,
        value=state.value,
        bound=max(bound, 0),
        meetings=state.meetings,
        gaps=total_gaps(state),
        left_without=left,
        moves=moves,
        heuristic_value=heuristic_value,
        status=status,
        seconds=time.perf_counter() - t0,
        deterministic=search.deterministic,
        stats={"work": round(search.work, 3), "rounds": search.rounds},
    )


def reason(state: State, i: int) -> str:
    """Why candidate i is not in the schedule, in the organiser's words."""
    prob = state.prob
    a, b = prob.ca[i], prob.cb[i]
    full = [p for p in (a, b) if state.load[p] >= prob.party_cap[p]]
    if full:
        return "; ".join(
            f"{prob.party_name[p]} reached their maximum of {prob.party_cap[p]} meetings"
            for p in full
        )
    common = prob.allowed[i]
    busy_a = (common & state.busy[a]).bit_count()
    busy_b = (common & state.busy[b]).bit_count()
    no_table = (common & ~state.busy[a] & ~state.busy[b] & ~state.fit[prob.cls[i]]).bit_count()
    parts = [f"{prob.party_name[a]} busy in {busy_a}", f"{prob.party_name[b]} busy in {busy_b}"]
    if no_table:
        parts.append(f"no free table for {prob.size[i]} in {no_table}")
    return f"no common free slot: of {common.bit_count()} common slots, " + ", ".join(parts)
