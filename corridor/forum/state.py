"""A mutable schedule over a ``Problem``: who is busy when, and which slots still seat a class.

Every scheduling move goes through ``place`` and ``remove``, which keep the bitmasks consistent:
``busy[p]`` (slots party p meets in), ``load[p]`` (its meetings), ``fit[j]`` (slots where one
more meeting of table class j still fits).
"""

from __future__ import annotations

from corridor.forum.problem import Problem


class State:
    def __init__(self, prob: Problem) -> None:
        self.prob = prob
        self.slot_of = [-1] * prob.n_cands
        self.busy = [0] * prob.n_parties
        self.load = [0] * prob.n_parties
        k = prob.n_classes
        self.count = [[0] * k for _ in range(prob.n_slots)]  # meetings of class >= j per slot
        full = (1 << prob.n_slots) - 1
        self.fit = [full if prob.tables_at_least[j] > 0 else 0 for j in range(k)]
        self.locked: set[int] = set()
        self.value = 0
        self.meetings = 0

    def copy(self) -> State:
        new = State.__new__(State)
        new.prob = self.prob
        new.slot_of = self.slot_of[:]
        new.busy = self.busy[:]
        new.load = self.load[:]
        new.count = [row[:] for row in self.count]
        new.fit = self.fit[:]
        new.locked = set(self.locked)
        new.value, new.meetings = self.value, self.meetings
        return new

    def free(self, i: int) -> int:
        """Slots where candidate i could go now (ignoring the parties' maxima)."""
        p = self.prob
        return p.allowed[i] & ~self.busy[p.ca[i]] & ~self.busy[p.cb[i]] & self.fit[p.cls[i]]

    def has_room(self, i: int) -> bool:
        p = self.prob
        a, b = p.ca[i], p.cb[i]
        return self.load[a] < p.party_cap[a] and self.load[b] < p.party_cap[b]

    def place(self, i: int, s: int) -> None:
        p = self.prob
        a, b, bit = p.ca[i], p.cb[i], 1 << s
        self.slot_of[i] = s
        self.busy[a] |= bit
        self.busy[b] |= bit
        self.load[a] += 1
        self.load[b] += 1
        row = self.count[s]
        for j in range(p.cls[i] + 1):
            row[j] += 1
        self._refit(s)
        self.value += p.weight[i]
        self.meetings += 1

    def remove(self, i: int) -> int:
        p = self.prob
        s = self.slot_of[i]
        a, b, bit = p.ca[i], p.cb[i], 1 << s
        self.slot_of[i] = -1
        self.busy[a] &= ~bit
        self.busy[b] &= ~bit
        self.load[a] -= 1
        self.load[b] -= 1
        row = self.count[s]
        for j in range(p.cls[i] + 1):
            row[j] -= 1
        self._refit(s)
        self.value -= p.weight[i]
        self.meetings -= 1
        return s

    def _refit(self, s: int) -> None:
        cap, row, bit, ok = self.prob.tables_at_least, self.count[s], 1 << s, True
        for j in range(len(row)):
            ok = ok and row[j] < cap[j]
            if ok:
                self.fit[j] |= bit
            else:
                self.fit[j] &= ~bit

    def gap_delta(self, party: int, s: int) -> int:
        """Change in the party's idle gaps if it also met in slot s (it is free there)."""
        p = self.prob
        day = p.day_masks[p.slot_day[s]]
        avail = p.party_avail[party] & day
        busy = self.busy[party] & day
        if not busy:
            return 0
        below = avail & ((1 << s) - 1)
        above = avail >> (s + 1)
        prev_busy = bool(below) and bool(busy >> (below.bit_length() - 1) & 1)
        next_busy = bool(above) and bool(busy >> (s + 1 + _low_bit(above)) & 1)
        # Joining two blocks closes a gap; touching one keeps the count; standing alone opens one.
        return 1 - prev_busy - next_busy

    def placed(self) -> list[int]:
        return [i for i, s in enumerate(self.slot_of) if s >= 0]


def _low_bit(x: int) -> int:
    return (x & -x).bit_length() - 1


def party_gaps(prob: Problem, busy: int, party: int) -> int:
    """Idle gaps of one party: per day, the meeting blocks beyond the first, counting only the
    slots the party is available in (an unavailable slot or a break is not idle time)."""
    total = 0
    for day in prob.day_masks:
        avail = prob.party_avail[party] & day
        b = busy & day
        if not b:
            continue
        blocks, prev, x = 0, False, avail
        while x:
            low = x & -x
            cur = bool(b & low)
            if cur and not prev:
                blocks += 1
            prev = cur
            x ^= low
        total += blocks - 1
    return total


def total_gaps(state: State) -> int:
    """Idle gaps summed over people (a delegation's gap counts once per member)."""
    prob = state.prob
    return sum(
        party_gaps(prob, state.busy[p], p) * prob.party_size(p) for p in range(prob.n_parties)
    )
